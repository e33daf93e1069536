// Karpenter's provisioning decision for one batch of pending pods: pods largest first, each onto
// the first existing node that can take it, else the first new NodeClaim (fewest pods first) that
// can still take it, else onto a new NodeClaim from the heaviest NodePool that can, within what its
// limits leave (each new NodeClaim takes its largest type off them); a pod that fits nowhere is
// tried again with each relaxation of its requirements; every NodeClaim keeps each instance type
// that still fits all its pods and whose requirements and offerings remain compatible; at launch
// the cheapest offering is taken. kubernetes-sigs/karpenter (v1.13)
// pkg/controllers/provisioning/scheduling/scheduler.go (add, addToExistingNode,
// addToInflightNode, addToNewNodeClaim, subtractMax, filterByRemainingResources), nodeclaim.go
// (CanAdd, filterInstanceTypesByRequirements, fits), queue.go (byCPUAndMemoryDescending),
// pkg/utils/nodepool/nodepool.go (OrderByWeight); launch: aws/karpenter-provider-aws
// pkg/providers/instance (CreateFleet: lowest-price on-demand, price-capacity-optimized spot,
// spot preferred when both are allowed). Simplified: an existing node is its labels, taints and
// free room (no host ports, volumes or pod affinity); spot's price-capacity-optimized is
// approximated by the lowest spot price; minValues is not enforced.
import type { Taint } from 'kubernetes-types/core/v1.js';
import { instanceSize, type InstanceType } from '../instance-types.js';
import { WELL_KNOWN_LABELS, LABELS } from './instance-type.js';
import { addRequirements, compatible, has, intersects, newRequirement, type Requirements } from './requirements.js';

/** Resources are what pods request and nodes offer. */
export interface Resources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly pods: number;
}

/** Offering is an instance type for sale in a zone as a capacity type, at a price (USD an hour). */
export interface Offering {
  readonly zone: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly pricePerHour: number;
}

/** InstanceTypeOption is an instance type as the provisioner weighs it: its requirements, what its pods may use, its offerings. */
export interface InstanceTypeOption {
  readonly type: InstanceType;
  readonly requirements: Requirements;
  readonly allocatable: Resources;
  readonly offerings: readonly Offering[];
}

/** NodeClaimTemplate is a NodePool as the provisioner sees it: its requirements, the types it allows, its DaemonSets' requests. */
export interface NodeClaimTemplate {
  readonly nodePool: string;
  readonly weight: number;
  readonly requirements: Requirements;
  readonly options: readonly InstanceTypeOption[];
  readonly daemonOverhead: Resources;
  /** taints are the NodePool's; a pod must tolerate them (Taints.ToleratesPod). */
  readonly taints?: readonly Taint[];
}

/** BatchPod is a pending pod: its requests and its node requirements (nodeSelector and required node affinity). */
export interface BatchPod<Id> {
  readonly id: Id;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly requirements: Requirements;
  /** tolerates says whether the pod tolerates taints (none given: every taint). */
  readonly tolerates?: (taints: readonly Taint[]) => boolean;
  /** relaxed: the requirements to try, in turn, when the pod fits nowhere with its own. */
  readonly relaxed?: readonly Requirements[];
  /** launchingOnly: the pod may go onto existing nodes still launching only (what else keeps it off Ready nodes is not modelled here). */
  readonly launchingOnly?: boolean;
}

const tolerated = (pod: BatchPod<unknown>, taints: readonly Taint[] | undefined) =>
  taints === undefined || taints.length === 0 || pod.tolerates === undefined || pod.tolerates(taints);

/** NewNodeClaim is a node to launch: its NodePool, narrowed requirements, the types still possible, its pods and their requests. */
export interface NewNodeClaim<Id> {
  readonly nodePool: string;
  readonly requirements: Requirements;
  readonly options: readonly InstanceTypeOption[];
  readonly pods: readonly Id[];
  readonly requested: Resources;
  readonly daemonOverhead: Resources;
  readonly taints?: readonly Taint[];
}

const plus = (a: Resources, b: { cpuMilli: number; memoryBytes: number }, pods = 1): Resources => ({
  cpuMilli: a.cpuMilli + b.cpuMilli,
  memoryBytes: a.memoryBytes + b.memoryBytes,
  pods: a.pods + pods,
});

const fits = (want: Resources, room: Resources) =>
  want.cpuMilli <= room.cpuMilli && want.memoryBytes <= room.memoryBytes && want.pods <= room.pods;

/** compatibleOffering: an offering whose zone and capacity type the requirements allow. */
const allows = (r: Requirements, o: Offering) =>
  (r.get(LABELS.zone) === undefined || has(r.get(LABELS.zone)!, o.zone)) &&
  (r.get(LABELS.capacityType) === undefined || has(r.get(LABELS.capacityType)!, o.capacityType));

/** canAdd is NodeClaim.CanAdd: the claim with the pod added, or null when no instance type would hold them all. */
function canAdd<Id>(claim: NewNodeClaim<Id>, pod: BatchPod<Id>): NewNodeClaim<Id> | null {
  if (compatible(claim.requirements, pod.requirements, WELL_KNOWN_LABELS) !== null) return null;
  const requirements = addRequirements(claim.requirements, ...pod.requirements.values());
  const requested = plus(claim.requested, pod);
  const total = plus(requested, claim.daemonOverhead, claim.daemonOverhead.pods);
  // filterInstanceTypesByRequirements: compatible, fits, and offered where the claim may launch.
  const options = claim.options.filter(
    (o) =>
      intersects(o.requirements, requirements) === null &&
      fits(total, o.allocatable) &&
      o.offerings.some((of) => allows(requirements, of)),
  );
  if (options.length === 0) return null;
  return { ...claim, requirements, options, pods: [...claim.pods, pod.id], requested };
}

const NONE: Resources = { cpuMilli: 0, memoryBytes: 0, pods: 0 };
const STRICT: ReadonlySet<string> = new Set();

/** ExistingNode is a node already there or on its way: its labels as requirements and its free room. */
export interface ExistingNode<Node> {
  readonly node: Node;
  readonly labels: Requirements;
  readonly free: Resources;
  readonly taints?: readonly Taint[];
  /** launching: the node is still on its way (not yet initialized). */
  readonly launching?: boolean;
}

/** BatchResult is what a batch becomes: the NodeClaims to launch, and the pods no NodePool can take. */
export interface BatchResult<Id, Node = never> {
  readonly nodeClaims: readonly NewNodeClaim<Id>[];
  readonly unschedulable: readonly Id[];
  /** onExisting: the pods that existing nodes take, by node. */
  readonly onExisting: ReadonlyMap<Node, readonly Id[]>;
}

/** Limits are what a NodePool's limits still leave (a resource left out: no limit). */
export interface Limits {
  readonly cpuMilli?: number;
  readonly memoryBytes?: number;
}

/** SolveOptions: what each NodePool's limits leave, taken down by each new NodeClaim's largest type (subtractMax). */
export interface SolveOptions {
  readonly remaining?: ReadonlyMap<string, Limits>;
}

const within = (o: InstanceTypeOption, left: Limits | undefined) => {
  if (left === undefined) return true;
  const size = instanceSize(o.type);
  return (
    (left.cpuMilli === undefined || size.cpuMilli <= left.cpuMilli) &&
    (left.memoryBytes === undefined || size.memoryBytes <= left.memoryBytes)
  );
};

// subtractMax: the limits less the largest capacity among the NodeClaim's types.
function subtractMax(left: Limits, options: readonly InstanceTypeOption[]): Limits {
  let cpu = 0;
  let memory = 0;
  for (const o of options) {
    const size = instanceSize(o.type);
    cpu = Math.max(cpu, size.cpuMilli);
    memory = Math.max(memory, size.memoryBytes);
  }
  return {
    ...(left.cpuMilli === undefined ? {} : { cpuMilli: left.cpuMilli - cpu }),
    ...(left.memoryBytes === undefined ? {} : { memoryBytes: left.memoryBytes - memory }),
  };
}

/**
 * solve is Scheduler.Solve for a batch: each pod onto the first `existing` node that can take it,
 * else an in-flight NodeClaim, else a new one from the heaviest NodePool that can (equal weights:
 * the name later in the alphabet first, as OrderByWeight); a pod that fits nowhere is tried again
 * with each of its relaxed requirements in turn (Preferences.Relax). `templates` in any order.
 */
export function solve<Id, Node = never>(
  pods: readonly BatchPod<Id>[],
  templates: readonly NodeClaimTemplate[],
  existing: readonly ExistingNode<Node>[] = [],
  options: SolveOptions = {},
): BatchResult<Id, Node> {
  const queue = [...pods].sort((a, b) => b.cpuMilli - a.cpuMilli || b.memoryBytes - a.memoryBytes);
  const byWeight = [...templates].sort((a, b) => b.weight - a.weight || (a.nodePool > b.nodePool ? -1 : 1));
  const remaining = new Map(options.remaining ?? []);
  const claims: NewNodeClaim<Id>[] = [];
  const unschedulable: Id[] = [];
  const free = existing.map((e) => e.free);
  const onExisting = new Map<Node, Id[]>();
  const place = (pod: BatchPod<Id>): boolean => {
    const at = existing.findIndex(
      (e, i) =>
        (pod.launchingOnly !== true || e.launching === true) &&
        fits(plus(NONE, pod), free[i]!) &&
        tolerated(pod, e.taints) &&
        // ExistingNode.CanAdd is strict: a label the node lacks does not match (a NodeClaim still
        // launching is its NodeClaim's requirements, which leave well-known labels open).
        compatible(e.labels, pod.requirements, e.launching === true ? WELL_KNOWN_LABELS : STRICT) === null,
    );
    if (at >= 0) {
      const room = free[at]!;
      free[at] = {
        cpuMilli: room.cpuMilli - pod.cpuMilli,
        memoryBytes: room.memoryBytes - pod.memoryBytes,
        pods: room.pods - 1,
      };
      const node = existing[at]!.node;
      onExisting.set(node, [...(onExisting.get(node) ?? []), pod.id]);
      return true;
    }
    // In-flight NodeClaims with the fewest pods are tried first (a stable sort, as upstream's is not).
    const order = claims
      .map((c, i) => [c, i] as const)
      .sort(([a, i], [b, j]) => a.pods.length - b.pods.length || i - j);
    for (const [claim, i] of order) {
      if (!tolerated(pod, claim.taints)) continue;
      const added = canAdd(claim, pod);
      if (added === null) continue;
      claims[i] = added;
      return true;
    }
    for (const t of byWeight) {
      if (!tolerated(pod, t.taints)) continue;
      const left = remaining.get(t.nodePool);
      const fresh: NewNodeClaim<Id> = {
        nodePool: t.nodePool,
        requirements: addRequirements(t.requirements, newRequirement(LABELS.nodePool, 'In', [t.nodePool])),
        // filterByRemainingResources: the types the NodePool's limits still leave room for.
        options: left === undefined ? t.options : t.options.filter((o) => within(o, left)),
        pods: [],
        requested: NONE,
        daemonOverhead: t.daemonOverhead,
        ...(t.taints === undefined ? {} : { taints: t.taints }),
      };
      const added = canAdd(fresh, pod);
      if (added === null) continue;
      claims.push(added);
      if (left !== undefined) remaining.set(t.nodePool, subtractMax(left, added.options));
      return true;
    }
    return false;
  };
  for (const pod of queue) {
    const tries = [pod, ...(pod.relaxed ?? []).map((requirements) => ({ ...pod, requirements }))];
    if (!tries.some(place)) unschedulable.push(pod.id);
  }
  return { nodeClaims: claims, unschedulable, onExisting };
}

/** Launch is the instance a NodeClaim becomes. */
export interface Launch {
  readonly type: InstanceType;
  readonly zone: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly pricePerHour: number;
}

/**
 * launch is what the cloud provider creates for a NodeClaim: spot when the claim allows it and
 * some type offers it, else on-demand; of those offerings the cheapest. CreateFleet is given every
 * zone at that price and picks one; poolsim takes the zone `zoneRank` ranks first (default: by
 * name), then the type's name. Offerings not `available` (the unavailable-offerings cache) are left out.
 */
export function launch<Id>(
  claim: NewNodeClaim<Id>,
  zoneRank: (zone: string) => number = () => 0,
  available: (type: InstanceType, offering: Offering) => boolean = () => true,
): Launch | null {
  const offered = claim.options.flatMap((o) =>
    o.offerings
      .filter((of) => allows(claim.requirements, of) && available(o.type, of))
      .map((of) => ({ type: o.type, ...of })),
  );
  const spot = offered.filter((o) => o.capacityType === 'spot');
  const pool = spot.length > 0 ? spot : offered;
  const best = [...pool].sort(
    (a, b) =>
      a.pricePerHour - b.pricePerHour ||
      zoneRank(a.zone) - zoneRank(b.zone) ||
      (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0) ||
      (a.type.name < b.type.name ? -1 : a.type.name > b.type.name ? 1 : 0),
  )[0];
  return best === undefined
    ? null
    : { type: best.type, zone: best.zone, capacityType: best.capacityType, pricePerHour: best.pricePerHour };
}
