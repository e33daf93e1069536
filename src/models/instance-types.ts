// The built-in instance catalog: the common node types of GKE (e2, n2) and AKS (D v5), and every
// EC2 type without GPUs (generated: aws-instance-types.generated.ts). Scenario files can add or
// override types. Every figure is read from a public, machine-readable source named in
// PRICE_SOURCES and beside each family.
import { podIPsForCidr } from './allocatable.js';
import { AWS_CATALOG_SOURCE, AWS_INSTANCE_ROWS, type AwsInstanceRow } from './aws-instance-types.generated.js';

export const PROVIDERS = ['gke', 'eks', 'aks'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** InstanceType is one machine type: its size, per-node limits and on-demand list price. */
export interface InstanceType {
  readonly name: string;
  readonly provider: Provider;
  readonly vcpu: number;
  /** memoryGiB is binary GiB (GCE's "GB" and Azure's "GiB" both mean 2^30 bytes). */
  readonly memoryGiB: number;
  /** maxPods is the provider's default kubelet maxPods for the type. */
  readonly maxPods: number;
  /** podIPs is how many pod IPs a node of this type can hand out. */
  readonly podIPs: number;
  /** attachableVolumes is how many data volumes the storage CSI driver lets the node attach. */
  readonly attachableVolumes: number;
  /** pricePerHourUSD is the on-demand Linux list price; region and date in PRICE_SOURCES. */
  readonly pricePerHourUSD: number;
  /** arch is the CPU architecture, the nodes' kubernetes.io/arch label. */
  readonly arch: 'amd64' | 'arm64';
}

/** PRICE_SOURCES says where and when each provider's prices were read. */
export const PRICE_SOURCES: Readonly<Record<Provider, { region: string; read: string; source: string }>> = {
  gke: {
    region: 'us-central1',
    read: 'undated table; matches us-central1 list unit prices (E2 $0.021811/vCPU-h + $0.002923/GiB-h, N2 $0.031611 + $0.004237)',
    source: 'kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/gce_price_info.go (instancePrices)',
  },
  eks: AWS_CATALOG_SOURCE,
  aks: {
    region: 'eastus',
    read: '2023-12-18 (file header)',
    source: 'Azure/karpenter-provider-azure pkg/providers/pricing/zz_generated.pricing.go (eastus)',
  },
};

// GKE Standard: maxPods 110 by default, which GKE serves with a /24 pod range per node.
// Volumes: the PD CSI driver reports 15 on shared-core types and 127 on the rest (128 disks minus
// the boot disk): kubernetes-sigs/gcp-compute-persistent-disk-csi-driver pkg/gce-pd-csi-driver/node.go.
const gke = (
  name: string,
  vcpu: number,
  memoryGiB: number,
  pricePerHourUSD: number,
  sharedCore = false,
): InstanceType => ({
  name,
  provider: 'gke',
  vcpu,
  memoryGiB,
  maxPods: 110,
  podIPs: podIPsForCidr(24),
  attachableVolumes: sharedCore ? 15 : 127,
  pricePerHourUSD,
  arch: 'amd64',
});

// EKS with the VPC CNI: pod IPs are the ENIs' secondary addresses, ENIs × (IPv4 per ENI − 1), and the
// AMI's maxPods adds 2 for host-network pods (awslabs/amazon-eks-ami eni-max-pods.txt; ENI figures
// from aws/karpenter-provider-aws zz_generated.vpclimits.go). Volumes: Nitro types share 28
// attachments with ENIs and the root volume; the EBS CSI driver (pkg/cloud/volume_limits.go)
// reports 28 − 1 ENI − 1 root = 26 on a fresh node, and 39 on Xen types. Simplified: ENIs the CNI
// attaches later, which lower the Nitro figure by one each, and the families with their own EBS
// limits are not counted.
const eks = ([
  name,
  vcpu,
  memoryMiB,
  arch,
  enis,
  ipsPerEni,
  hypervisor,
  pricePerHourUSD,
]: AwsInstanceRow): InstanceType => ({
  name,
  provider: 'eks',
  vcpu,
  memoryGiB: memoryMiB / 1024,
  maxPods: enis * (ipsPerEni - 1) + 2,
  podIPs: enis * (ipsPerEni - 1),
  attachableVolumes: hypervisor === 'xen' ? 39 : 26,
  pricePerHourUSD,
  arch,
});

// AKS with Azure CNI Overlay, the default network plugin for new clusters: maxPods 250 and a /24 per
// node (MicrosoftDocs/azure-aks-docs concepts-network-ip-address-planning.md; kubenet defaults to
// 110, Azure CNI node subnet to 30 — set maxPods per pool for those). Volumes: max data disks per
// size (MicrosoftDocs/azure-docs dv5-dsv5-series.md, ddv5-ddsv5-series.md).
const aks = (
  name: string,
  vcpu: number,
  memoryGiB: number,
  dataDisks: number,
  pricePerHourUSD: number,
): InstanceType => ({
  name,
  provider: 'aks',
  vcpu,
  memoryGiB,
  maxPods: 250,
  podIPs: podIPsForCidr(24),
  attachableVolumes: dataDisks,
  pricePerHourUSD,
  arch: 'amd64',
});

const GKE_TYPES: readonly InstanceType[] = [
  // Shared core: GKE is reported to reserve a flat 1060m CPU on these; not modelled (unverified).
  gke('e2-medium', 2, 4, 0.03351, true),
  gke('e2-standard-2', 2, 8, 0.06701),
  gke('e2-standard-4', 4, 16, 0.13402),
  gke('e2-standard-8', 8, 32, 0.26805),
  gke('e2-standard-16', 16, 64, 0.53609),
  gke('e2-standard-32', 32, 128, 1.0721),
  gke('e2-highmem-2', 2, 16, 0.0904),
  gke('e2-highmem-4', 4, 32, 0.1808),
  gke('e2-highmem-8', 8, 64, 0.3616),
  gke('e2-highmem-16', 16, 128, 0.7232),
  gke('e2-highcpu-2', 2, 2, 0.04947),
  gke('e2-highcpu-4', 4, 4, 0.09894),
  gke('e2-highcpu-8', 8, 8, 0.19788),
  gke('e2-highcpu-16', 16, 16, 0.39576),
  gke('e2-highcpu-32', 32, 32, 0.79149),
  gke('n2-standard-2', 2, 8, 0.0971),
  gke('n2-standard-4', 4, 16, 0.1942),
  gke('n2-standard-8', 8, 32, 0.3885),
  gke('n2-standard-16', 16, 64, 0.7769),
  gke('n2-standard-32', 32, 128, 1.5539),
  gke('n2-standard-64', 64, 256, 3.1078),
  gke('n2-highmem-2', 2, 16, 0.131),
  gke('n2-highmem-4', 4, 32, 0.262),
  gke('n2-highmem-8', 8, 64, 0.5241),
  gke('n2-highmem-16', 16, 128, 1.0481),
  gke('n2-highcpu-2', 2, 2, 0.0717),
  gke('n2-highcpu-4', 4, 4, 0.1434),
  gke('n2-highcpu-8', 8, 8, 0.2868),
  gke('n2-highcpu-16', 16, 16, 0.5736),
];

const EKS_TYPES: readonly InstanceType[] = AWS_INSTANCE_ROWS.map(eks);

// D_v5 (no premium storage) and Ds_v5 share sizes and prices; Dds_v5 adds a local temp disk.
const AKS_TYPES: readonly InstanceType[] = [
  ...(
    [
      ['2', 4, 0.096],
      ['4', 8, 0.192],
      ['8', 16, 0.384],
      ['16', 32, 0.768],
      ['32', 32, 1.536],
      ['48', 32, 2.304],
      ['64', 32, 3.072],
      ['96', 32, 4.608],
    ] as const
  ).flatMap(([size, disks, price]) => [
    aks(`Standard_D${size}_v5`, Number(size), Number(size) * 4, disks, price),
    aks(`Standard_D${size}s_v5`, Number(size), Number(size) * 4, disks, price),
  ]),
  ...(
    [
      ['2', 4, 0.113],
      ['4', 8, 0.226],
      ['8', 16, 0.452],
      ['16', 32, 0.904],
      ['32', 32, 1.808],
      ['48', 32, 2.712],
      ['64', 32, 3.616],
      ['96', 32, 5.424],
    ] as const
  ).map(([size, disks, price]) => aks(`Standard_D${size}ds_v5`, Number(size), Number(size) * 4, disks, price)),
];

/** INSTANCE_TYPES is the built-in catalog, by provider. */
export const INSTANCE_TYPES: readonly InstanceType[] = [...GKE_TYPES, ...EKS_TYPES, ...AKS_TYPES];

/** instanceSize is a type's CPU in millicores and memory in bytes. */
export function instanceSize(t: InstanceType): { cpuMilli: number; memoryBytes: number } {
  return { cpuMilli: t.vcpu * 1000, memoryBytes: t.memoryGiB * 2 ** 30 };
}

const BY_NAME = new Map(INSTANCE_TYPES.map((t) => [t.name, t]));

/** findInstanceType looks a type up by its exact name in the built-in catalog. */
export function findInstanceType(name: string): InstanceType | undefined {
  return BY_NAME.get(name);
}
