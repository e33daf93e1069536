// Karpenter's consolidation decisions: which nodes to take away, in what order, and whether their
// pods then need a replacement node that must be cheaper. kubernetes-sigs/karpenter
// pkg/controllers/disruption/consolidation.go (computeConsolidation,
// computeSpotToSpotConsolidation), multinodeconsolidation.go (firstNConsolidationOption,
// filterOutSameInstanceType), nodeclaim.go (RemoveInstanceTypeOptionsByPriceAndMinValues) and
// pkg/utils/disruption/disruption.go (EvictionCost, ReschedulingCost, LifetimeRemaining).
// Simplified: SpotToSpotConsolidation is off (upstream's default feature gate), so a spot node is
// deleted but never replaced by another spot node; the command is not re-validated after the
// 15 s consolidation TTL.
import type { NewNodeClaim, Offering } from './provisioning.js';
import { has } from './requirements.js';
import { LABELS } from './instance-type.js';

/** podEvictionCost is EvictionCost: 1, plus the pod's deletion cost / 2^27 and priority / 2^25, within [−10, 10]. */
export function podEvictionCost(priority: number, deletionCost = 0): number {
  return Math.min(10, Math.max(-10, 1 + deletionCost / 2 ** 27 + priority / 2 ** 25));
}

/** lifetimeRemaining is LifetimeRemaining: the share of expireAfter still ahead (1 without one). */
export function lifetimeRemaining(ageMs: number, expireAfterMs: number | null): number {
  if (expireAfterMs === null) return 1;
  return Math.min(1, Math.max(0, (expireAfterMs - ageMs) / expireAfterMs));
}

/** Candidate is a node Karpenter might consolidate: what it runs on and costs, and its disruption cost. */
export interface Candidate<Node> {
  readonly node: Node;
  readonly instanceType: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly pricePerHour: number;
  /** disruptionCost is ReschedulingCost × LifetimeRemaining: cheap to disrupt goes first. */
  readonly disruptionCost: number;
}

/** Simulation is SimulateScheduling's outcome for the candidates' pods on the other nodes and new NodeClaims. */
export interface Simulation<Id> {
  readonly allScheduled: boolean;
  readonly newNodeClaims: readonly NewNodeClaim<Id>[];
}

/** Command is what consolidation does with candidates: delete them, replace them by one cheaper NodeClaim, or nothing (why). */
export type Command<Id> =
  | { readonly decision: 'delete' }
  | { readonly decision: 'replace'; readonly replacement: NewNodeClaim<Id> }
  | { readonly decision: 'none'; readonly reason: string };

// The cheapest offering of an option the claim may launch.
function cheapest(offerings: readonly Offering[], claim: NewNodeClaim<unknown>): number {
  let min = Infinity;
  for (const o of offerings) {
    const zone = claim.requirements.get(LABELS.zone);
    const capacity = claim.requirements.get(LABELS.capacityType);
    if ((zone === undefined || has(zone, o.zone)) && (capacity === undefined || has(capacity, o.capacityType)))
      min = Math.min(min, o.pricePerHour);
  }
  return min;
}

/** cheaperThan is RemoveInstanceTypeOptionsByPriceAndMinValues: the claim with only the types it could launch below `maxPrice`. */
function cheaperThan<Id>(claim: NewNodeClaim<Id>, maxPrice: number): NewNodeClaim<Id> {
  return { ...claim, options: claim.options.filter((o) => cheapest(o.offerings, claim) < maxPrice) };
}

/** consolidationCommand is computeConsolidation's verdict on `candidates` given where their pods would go. */
export function consolidationCommand<Id, Node>(
  candidates: readonly Candidate<Node>[],
  simulation: Simulation<Id>,
): Command<Id> {
  if (!simulation.allScheduled) return { decision: 'none', reason: 'not all pods would schedule' };
  if (simulation.newNodeClaims.length === 0) return { decision: 'delete' };
  if (simulation.newNodeClaims.length !== 1)
    return { decision: 'none', reason: `Can't remove without creating ${simulation.newNodeClaims.length} candidates` };
  const price = candidates.reduce((sum, c) => sum + c.pricePerHour, 0);
  const claim = simulation.newNodeClaims[0]!;
  const capacity = claim.requirements.get(LABELS.capacityType);
  if (candidates.every((c) => c.capacityType === 'spot') && (capacity === undefined || has(capacity, 'spot')))
    return {
      decision: 'none',
      reason: "SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node",
    };
  const cheaper = cheaperThan(claim, price);
  if (cheaper.options.length === 0) return { decision: 'none', reason: "Can't replace with a cheaper node" };
  return { decision: 'replace', replacement: cheaper };
}

/**
 * sameTypeFiltered is filterOutSameInstanceType: a multi-node replacement may keep a type the
 * candidates run only if it is cheaper than the cheapest of them on that type.
 */
function sameTypeFiltered<Id, Node>(
  replacement: NewNodeClaim<Id>,
  candidates: readonly Candidate<Node>[],
): NewNodeClaim<Id> {
  const priceOf = new Map<string, number>();
  for (const c of candidates)
    priceOf.set(c.instanceType, Math.min(priceOf.get(c.instanceType) ?? Infinity, c.pricePerHour));
  let maxPrice = Infinity;
  for (const o of replacement.options) {
    const p = priceOf.get(o.type.name);
    if (p !== undefined) maxPrice = Math.min(maxPrice, p);
  }
  return cheaperThan(replacement, maxPrice);
}

/**
 * firstNConsolidationOption is multi-node consolidation's binary search over the candidates
 * (sorted cheapest to disrupt first): the largest prefix, of at least two, that `compute` turns
 * into a delete, or a replace that keeps a type after filterOutSameInstanceType. Null when none.
 */
export function firstNConsolidationOption<Id, Node>(
  candidates: readonly Candidate<Node>[],
  compute: (prefix: readonly Candidate<Node>[]) => Command<Id>,
  maxBatch = 100,
): { readonly candidates: readonly Candidate<Node>[]; readonly command: Command<Id> } | null {
  if (candidates.length < 2) return null;
  let min = 1;
  let max = candidates.length <= maxBatch ? candidates.length - 1 : maxBatch;
  let saved: { candidates: readonly Candidate<Node>[]; command: Command<Id> } | null = null;
  while (min <= max) {
    const mid = Math.floor((min + max) / 2);
    const prefix = candidates.slice(0, mid + 1);
    let command = compute(prefix);
    if (command.decision === 'replace') {
      const kept = sameTypeFiltered(command.replacement, prefix);
      command =
        kept.options.length > 0
          ? { decision: 'replace', replacement: kept }
          : { decision: 'none', reason: 'same type' };
    }
    if (command.decision === 'none') max = mid - 1;
    else {
      saved = { candidates: prefix, command };
      min = mid + 1;
    }
  }
  return saved;
}
