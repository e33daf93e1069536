// The EC2 types Karpenter may launch, as its AWS provider offers them: every type of poolsim's EC2
// catalog a node of which can start (its reservations and DaemonSets fit), in every zone, on-demand
// at its list price and as spot at the discounted price. What a node offers pods is the EKS
// reservation profile's allocatable less the DaemonSets (aws/karpenter-provider-aws
// pkg/providers/instancetype/types.go computes the same from its own overhead tables; poolsim keeps
// one reservation model for every node). Max pods is the type's ENI limit, as Karpenter's default.
import { nodeAllocatable, type DaemonSetPod, type NodeSpec } from '../allocatable.js';
import { INSTANCE_TYPES, instanceSize, type InstanceType } from '../instance-types.js';
import type { ReservationProfile } from '../reservation.js';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { nodeClaimTemplate, type Catalog, type NodePoolShape } from './node-claim-template.js';
import type { NodeClaimTemplate } from './provisioning.js';
import { spotPrice, type SpotSettings } from './spot.js';

/** NodeBase is what every Karpenter node shares: its reservation profile, DaemonSets, and a maxPods written over the type's (null: the type's). */
export interface NodeBase {
  readonly reservation: ReservationProfile;
  readonly daemonSets: readonly DaemonSetPod[];
  readonly maxPods: number | null;
}

/** karpenterNodeSpec is a node of type `t` as poolsim simulates it. */
export function karpenterNodeSpec(t: InstanceType, base: NodeBase): NodeSpec {
  return {
    ...instanceSize(t),
    maxPods: base.maxPods ?? t.maxPods,
    podIPs: t.podIPs,
    attachableVolumes: t.attachableVolumes,
    reservation: base.reservation,
    daemonSets: base.daemonSets,
  };
}

/** EC2_TYPES are the EC2 types of the built-in catalog. */
const EC2_TYPES: readonly InstanceType[] = INSTANCE_TYPES.filter((t) => t.provider === 'eks');

/** ec2Catalog is what Karpenter may launch in `zones`, with `spot` prices; `only` narrows the types (by name). */
export function ec2Catalog(
  zones: readonly string[],
  base: NodeBase,
  spot: SpotSettings,
  only?: ReadonlySet<string>,
): Catalog {
  const types = EC2_TYPES.filter((t) => {
    if (only !== undefined && !only.has(t.name)) return false;
    const b = nodeAllocatable(karpenterNodeSpec(t, base));
    return b.refused.length === 0 && b.warnings.length === 0;
  });
  return {
    types,
    zones,
    allocatable: (t) => {
      const w = nodeAllocatable(karpenterNodeSpec(t, base)).forWorkloads;
      return { cpuMilli: w.cpuMilli, memoryBytes: w.memoryBytes, pods: w.pods };
    },
    spotPrice: (t) => spotPrice(t.name, t.pricePerHourUSD, spot),
  };
}

/** TemplatedNodePool is a NodePool as templates need it: its shape, taints, and the types it allows (none given: the catalog's). */
export interface TemplatedNodePool extends NodePoolShape {
  readonly taints: readonly Taint[];
  readonly instanceTypes?: readonly string[];
}

/**
 * nodePoolTemplates are the NodePools' templates over the EC2 catalog in `zones` (each NodePool's
 * types, its taints; DaemonSets are in what each type offers its pods already).
 */
export function nodePoolTemplates(
  nodePools: readonly TemplatedNodePool[],
  zones: readonly string[],
  base: NodeBase,
  spot: SpotSettings,
): NodeClaimTemplate[] {
  const allowed = nodePools.every((np) => np.instanceTypes !== undefined)
    ? new Set(nodePools.flatMap((np) => np.instanceTypes!))
    : undefined;
  const catalog = ec2Catalog(zones, base, spot, allowed);
  return nodePools.map((np) => ({
    ...nodeClaimTemplate(np, catalog, { cpuMilli: 0, memoryBytes: 0, pods: 0 }),
    ...(np.taints.length > 0 ? { taints: np.taints } : {}),
  }));
}
