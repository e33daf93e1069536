// What each provider reserves on a node for the OS, the kubelet and the container runtime
// (kube-reserved + system-reserved) and for the hard eviction threshold. Figures and sources:
// docs/model.md#node-allocatable-and-reservations; each formula cites its upstream below.
import { type Resources, ZERO } from './resources.js';
import { GiB, MiB } from './units.js';

/** RESERVATION_PROFILES names the built-in reservation profiles. */
export const RESERVATION_PROFILES = ['gke', 'eks', 'aks', 'aks-legacy', 'none', 'custom'] as const;
export type ReservationProfileName = (typeof RESERVATION_PROFILES)[number];

/** ReservationProfile picks a provider's formula, or gives explicit figures (`custom`). */
export type ReservationProfile =
  | { readonly name: Exclude<ReservationProfileName, 'custom'> }
  | {
      readonly name: 'custom';
      readonly kubeReserved: Resources;
      readonly systemReserved: Resources;
      readonly evictionMemoryBytes: number;
    };

/** NodeShape is what the formulas depend on: the node's CPU, memory and max pods. */
export interface NodeShape {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly maxPods: number;
}

/** Reservation is what a profile holds back from pods on one node. */
export interface Reservation {
  readonly kubeReserved: Resources;
  readonly systemReserved: Resources;
  /** evictionMemoryBytes is the hard eviction threshold memory.available. */
  readonly evictionMemoryBytes: number;
}

// A tier charges `basisPoints` / 10,000 of the amount between the previous tier's end and `upTo`.
interface Tier {
  readonly upTo: number;
  readonly basisPoints: number;
}

/**
 * tieredAmount charges each slice of `amount` its tier's rate and truncates the total to a whole
 * unit, as upstream does: amazon-eks-ami nodeadm getResourceToReserveInRange (integer division per
 * band) and cluster-autoscaler cloudprovider/gce/reserved.go calculateReserved (int64 of the sum).
 */
export function tieredAmount(amount: number, tiers: readonly Tier[]): number {
  let from = 0;
  let charged = 0; // in units × basis points: exact integers for any real node
  for (const { upTo, basisPoints } of tiers) {
    if (amount <= from) break;
    charged += (Math.min(amount, upTo) - from) * basisPoints;
    from = upTo;
  }
  return Math.floor(charged / 10_000);
}

// 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% of every core above 4.
// GKE "Standard cluster architecture: node allocatable resources"; the same tiers in
// awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go (getCPUMillicoresToReserve).
const CPU_TIERS: readonly Tier[] = [
  { upTo: 1000, basisPoints: 600 },
  { upTo: 2000, basisPoints: 100 },
  { upTo: 4000, basisPoints: 50 },
  { upTo: Infinity, basisPoints: 25 },
];

// 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above 128 GiB:
// GKE's documented tiers ("plan node sizes") and AKS before Kubernetes 1.29 (Microsoft Learn).
// Note: cluster-autoscaler's GKE model (cloudprovider/gce/reserved.go) puts the band edges at
// 4000/8000/16000/128000 MiB, "duplicating an upstream bug treating GB as 1000*MiB", and takes a
// kernel reservation off capacity first; we follow the documented tiers (docs/model.md#node-allocatable-and-reservations).
const MEMORY_TIERS: readonly Tier[] = [
  { upTo: 4 * GiB, basisPoints: 2500 },
  { upTo: 8 * GiB, basisPoints: 2000 },
  { upTo: 16 * GiB, basisPoints: 1000 },
  { upTo: 128 * GiB, basisPoints: 600 },
  { upTo: Infinity, basisPoints: 200 },
];

/** tieredCpuReservedMilli is the GKE/EKS CPU reservation for a node of `cpuMilli` millicores. */
export function tieredCpuReservedMilli(cpuMilli: number): number {
  return tieredAmount(cpuMilli, CPU_TIERS);
}

/** tieredMemoryReservedBytes is the 25/20/10/6/2% memory reservation (GKE, AKS before 1.29). */
export function tieredMemoryReservedBytes(memoryBytes: number): number {
  return tieredAmount(memoryBytes, MEMORY_TIERS);
}

/** gkeMemoryReservedBytes is GKE's memory reservation: 255 MiB under 1 GiB, the tiers above. */
export function gkeMemoryReservedBytes(memoryBytes: number): number {
  return memoryBytes < GiB ? 255 * MiB : tieredMemoryReservedBytes(memoryBytes);
}

/** eksMemoryReservedBytes is the EKS AMI's memory reservation: 11 MiB per pod plus 255 MiB. */
export function eksMemoryReservedBytes(maxPods: number): number {
  // awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go getMemoryMebibytesToReserve.
  return (11 * maxPods + 255) * MiB;
}

// 6% of the first core, 4% of the second, 2% of cores 3-4, 1% of every core above 4: the brackets of
// Azure/karpenter-provider-azure pkg/providers/instancetype/instancetype.go (reservedCPUTaxVCPU), which
// reproduce every row of Azure's per-core table (Microsoft Learn, "node resource reservations":
// 1: 60m, 2: 100m, 4: 140m, 8: 180m, 16: 260m, 32: 420m, 64: 740m). AKS's own code is not public;
// the table is silent between and beyond its rows, where these brackets are the best evidence.
const AKS_CPU_TIERS: readonly Tier[] = [
  { upTo: 1000, basisPoints: 600 },
  { upTo: 2000, basisPoints: 400 },
  { upTo: 4000, basisPoints: 200 },
  { upTo: Infinity, basisPoints: 100 },
];

/** aksCpuReservedMilli is AKS's kube-reserved CPU for a node of `cpuMilli` millicores. */
export function aksCpuReservedMilli(cpuMilli: number): number {
  return tieredAmount(cpuMilli, AKS_CPU_TIERS);
}

/**
 * aksMemoryReservedBytes is AKS's memory reservation from Kubernetes 1.29: min(20 MiB × maxPods + 50 MiB,
 * 25% of memory). The doc writes "MB"; the API's KubeReserved.memoryMB is documented in MiB, so MiB it is.
 */
export function aksMemoryReservedBytes(memoryBytes: number, maxPods: number): number {
  return Math.min((20 * maxPods + 50) * MiB, Math.ceil(memoryBytes / 4));
}

/** DEFAULT_EVICTION_BYTES is the kubelet's evictionHard memory.available default, 100Mi. */
export const DEFAULT_EVICTION_BYTES = 100 * MiB;
const EVICTION_750MI = 750 * MiB;

/** reservationFor applies `profile` to a node: what kube-reserved, system-reserved and eviction hold back. */
export function reservationFor(profile: ReservationProfile, node: NodeShape): Reservation {
  const kube = (cpuMilli: number, memoryBytes: number, evictionMemoryBytes: number): Reservation => ({
    kubeReserved: { cpuMilli, memoryBytes },
    systemReserved: ZERO,
    evictionMemoryBytes,
  });
  switch (profile.name) {
    case 'gke':
      return kube(
        tieredCpuReservedMilli(node.cpuMilli),
        gkeMemoryReservedBytes(node.memoryBytes),
        DEFAULT_EVICTION_BYTES,
      );
    case 'eks':
      return kube(tieredCpuReservedMilli(node.cpuMilli), eksMemoryReservedBytes(node.maxPods), DEFAULT_EVICTION_BYTES);
    case 'aks':
      return kube(
        aksCpuReservedMilli(node.cpuMilli),
        aksMemoryReservedBytes(node.memoryBytes, node.maxPods),
        DEFAULT_EVICTION_BYTES,
      );
    case 'aks-legacy':
      return kube(aksCpuReservedMilli(node.cpuMilli), tieredMemoryReservedBytes(node.memoryBytes), EVICTION_750MI);
    case 'none':
      return kube(0, 0, 0);
    case 'custom':
      return {
        kubeReserved: profile.kubeReserved,
        systemReserved: profile.systemReserved,
        evictionMemoryBytes: profile.evictionMemoryBytes,
      };
  }
}
