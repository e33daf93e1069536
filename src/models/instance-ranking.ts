// Every instance type of the catalogs ranked for one pod shape: how many replicas a node holds
// (its allocatable under its provider's reservation profile, less the DaemonSets), which resource
// binds, what is stranded once it does, how much of the machine reservations hold back, and what a
// replica costs an hour on it (the node's on-demand price over the replicas it holds). The capacity
// arithmetic is nodeAllocatable and podsThatFit's (allocatable.ts), one type at a time.
import { nodeAllocatable, podsThatFit, type DaemonSetPod, type FitLimit } from './allocatable.js';
import { instanceSize, type InstanceType, type Provider } from './instance-types.js';
import type { ReservationProfile } from './reservation.js';
import type { PodAsk } from './resources.js';

/** RankedType is one instance type's row: its fit for the pod shape and the cost of a replica on it. */
export interface RankedType {
  readonly type: InstanceType;
  readonly family: string;
  /** pods: replicas of the shape one node holds (0: none). */
  readonly pods: number;
  readonly bindingResource: FitLimit;
  /** strandedCpu and strandedMemory: what is left for workload pods once the binding resource runs out, as a share of it. */
  readonly strandedCpuFraction: number;
  readonly strandedMemoryFraction: number;
  /** reservedFraction: the share of the machine's CPU and memory (their mean) that reservations and the eviction threshold hold back. */
  readonly reservedFraction: number;
  /** costPerPodHour: the node's price an hour over the replicas it holds (Infinity when none fits). */
  readonly costPerPodHour: number;
}

/** instanceFamily is a type's family as its provider names it: m5 (m5.large), e2-standard (e2-standard-4), Standard_Ds_v5 (Standard_D4s_v5). */
export function instanceFamily(t: InstanceType): string {
  if (t.provider === 'eks') return t.name.split('.')[0]!;
  if (t.provider === 'gke') return t.name.slice(0, Math.max(0, t.name.lastIndexOf('-'))) || t.name;
  return t.name.replace(/^(Standard_[A-Za-z]+?)\d+(-\d+)?/, '$1');
}

/** RankOptions: the DaemonSets every node runs, and each provider's reservation profile (default: the provider's own). */
export interface RankOptions {
  readonly daemonSets?: readonly DaemonSetPod[];
  readonly profile?: (provider: Provider) => ReservationProfile;
}

/** rankType is one type's row for the pod shape. */
export function rankType(t: InstanceType, pod: PodAsk, o: RankOptions = {}): RankedType {
  const size = instanceSize(t);
  const b = nodeAllocatable({
    ...size,
    maxPods: t.maxPods,
    podIPs: t.podIPs,
    attachableVolumes: t.attachableVolumes,
    reservation: o.profile?.(t.provider) ?? { name: t.provider },
    daemonSets: o.daemonSets ?? [],
  });
  const usable = b.refused.length === 0;
  const fit = podsThatFit(b.forWorkloads, pod);
  const pods = usable && Number.isFinite(fit.pods) ? Math.max(0, fit.pods) : 0;
  const share = (left: number, of: number) => (of > 0 ? Math.max(0, left) / of : 0);
  const held = (r: 'cpuMilli' | 'memoryBytes') => (size[r] - b.allocatable[r]) / size[r];
  return {
    type: t,
    family: instanceFamily(t),
    pods,
    bindingResource: fit.bindingResource,
    strandedCpuFraction: pods > 0 ? share(fit.stranded.cpuMilli, b.forWorkloads.cpuMilli) : 1,
    strandedMemoryFraction: pods > 0 ? share(fit.stranded.memoryBytes, b.forWorkloads.memoryBytes) : 1,
    reservedFraction: (held('cpuMilli') + held('memoryBytes')) / 2,
    costPerPodHour: pods > 0 ? t.pricePerHourUSD / pods : Infinity,
  };
}

/** rankInstanceTypes ranks `types` for the pod shape: cheapest per replica-hour first (ties: by name); types that hold none go last, by name. */
export function rankInstanceTypes(types: readonly InstanceType[], pod: PodAsk, o: RankOptions = {}): RankedType[] {
  return types
    .map((t) => rankType(t, pod, o))
    .sort(
      (a, b) =>
        (a.costPerPodHour === b.costPerPodHour ? 0 : a.costPerPodHour < b.costPerPodHour ? -1 : 1) ||
        (a.type.name < b.type.name ? -1 : a.type.name > b.type.name ? 1 : 0),
    );
}
