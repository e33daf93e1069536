// The cluster autoscaler's scale-down: which nodes are unneeded, and which of those to remove now.
// kubernetes/autoscaler cluster-autoscaler/core/scaledown/eligibility/eligibility.go (utilization
// against the threshold), simulator/utilization/info.go (the larger of CPU and memory requested
// over allocatable, DaemonSet pods included), simulator/cluster.go (FindNodesToRemove: every pod
// must fit elsewhere, on nodes not being removed), planner/planner.go and actuation (empty nodes in
// bulk, non-empty ones drained one at a time), PodDisruptionBudgets through the remaining-PDB
// tracker (simulator/drainability/rules/pdb/rule.go). Simplified: no local storage or annotation
// checks; every workload pod is owned by a controller and may move.
import type { RemainingPdbTracker } from '../disruption.js';
import { copyResources, type Resources } from '../resources.js';
import type { PendingPod } from '../scheduler/schedule-one.js';
import { constraintGate, copyRoom, placeEach, RoomSearch, untake, type Room } from './placement.js';

/** TO_BE_DELETED_TAINT is the taint the autoscaler puts on a node it is removing (utils/taints). */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';

/** NodeLoad is what a node holds: allocatable, and requested by all its pods (DaemonSets included). */
export interface NodeLoad {
  readonly allocatable: Resources;
  readonly requested: Resources;
}

/** utilization is the node's utilization as the autoscaler computes it: the larger of CPU and memory. */
export function utilization(node: NodeLoad): number {
  return Math.max(
    shareOf(node.requested.cpuMilli, node.allocatable.cpuMilli),
    shareOf(node.requested.memoryBytes, node.allocatable.memoryBytes),
  );
}

// `used` as a share of `of` (0 of nothing). (A function of the module, not a closure made per node.)
function shareOf(used: number, of: number): number {
  return of > 0 ? used / of : 0;
}

/** Candidate is a node the autoscaler may remove. */
export interface Candidate extends NodeLoad {
  readonly name: string;
  readonly group: string;
  /** pods are the workload pods that would have to move (DaemonSet pods go with the node). */
  readonly pods: readonly PendingPod[];
  /** unready: the node was Ready and is not; it waits scale-down-unready-time instead of the unneeded time. */
  readonly unready?: boolean;
}

/** PdbCheck is the loop's remaining disruptions, and who hears of a node they block. */
export interface PdbCheck {
  readonly tracker: RemainingPdbTracker<PendingPod>;
  readonly blocked: (node: string, budget: string) => void;
}

/** Destination is a node pods may move to, with its free room. */
export interface Destination {
  readonly name: string;
  readonly room: Room;
}

/** UnneededLimitInput is what unneededNodesLimit reads: --max-scale-down-parallelism, the nodes unneeded now, the unneeded time and the loop's interval. */
export interface UnneededLimitInput {
  readonly maxScaleDownParallelism: number;
  readonly unneededCount: number;
  readonly unneededTimeMs: number;
  readonly loopIntervalMs: number;
}

/**
 * unneededNodesLimit is planner.go's unneededNodesLimit: how many unneeded nodes a loop looks for
 * before looking further is a waste. With N = --max-scale-down-parallelism, a loop removes at most
 * N nodes, so it needs N more than are unneeded already, plus N in case some stop being unneeded;
 * and no more than N for each loop a node waits out its unneeded time, plus N.
 */
export function unneededNodesLimit(input: UnneededLimitInput): number {
  const n = input.maxScaleDownParallelism;
  const extraBuffer = n;
  const limit = input.unneededCount + n + extraBuffer;
  const loops = Math.trunc(Math.max(input.unneededTimeMs, input.loopIntervalMs) / input.loopIntervalMs);
  return Math.min(limit, n * loops + extraBuffer);
}

/**
 * unneededNodes is the planner's pass (categorizeNodes): a candidate under the threshold whose pods
 * all fit on other nodes (not themselves going away) is unneeded; the room its pods would take is
 * then used up, so two half-empty nodes cannot both count on the same space. Once `limit` are found
 * (unneededNodesLimit), the other candidates wait for a later loop, as upstream skips them.
 */
export function unneededNodes(...args: UnneededArgs): string[] {
  return unneededAmong(false, ...args);
}

/**
 * unneededNodesUsingUp is unneededNodes on rooms the caller gives up: their free resources are used
 * by the placements and left as they end (the autoscaler makes its rooms afresh every loop, and a
 * copy of each of 5,000 was most of what a loop allocated). Ports, spread counts and pods are
 * still copied when a pod would add to them.
 */
export function unneededNodesUsingUp(...args: UnneededArgs): string[] {
  return unneededAmong(true, ...args);
}

/** UnneededArgs are unneededNodes's arguments: the candidates, where their pods may go, the utilization threshold, the loop's budgets (none: no check) and how many to find at most (default: all). */
export type UnneededArgs = [
  candidates: readonly Candidate[],
  destinations: readonly Destination[],
  threshold: number,
  budgets?: PdbCheck,
  limit?: number,
];

function unneededAmong(
  useUp: boolean,
  ...[candidates, destinations, threshold, budgets, limit = Infinity]: UnneededArgs
): string[] {
  const under = candidates.filter((c) => utilization(c) < threshold);
  if (under.length === 0) return [];
  // The placements work on copies of the rooms (or on the rooms, given up); their ports and spread
  // counts need copying only when some pod would add to them (a host port, or a spread), and their
  // pods when they carry node objects for the constraint filters.
  const deep =
    destinations.some((d) => d.room.object !== undefined) ||
    under.some((c) => c.pods.some((p) => p.hostPort !== null || p.spread));
  const rooms = destinations.map(({ room }) =>
    deep ? copyRoom(room) : useUp ? room : { free: copyResources(room.free), ports: room.ports, spread: room.spread },
  );
  const unneeded: string[] = [];
  // What may make the constraint filters reject a pod, looked for once over every room.
  const gate = constraintGate(rooms);
  // One search over every room: a candidate's own room is left out while its pods are placed, and
  // a node found unneeded stays out (it is no destination any more).
  const search = new RoomSearch(rooms);
  // Each candidate's own room (a candidate is also a destination unless it takes no pods).
  const names = new Set(under.map((c) => c.name));
  const at = new Map<string, number>();
  destinations.forEach((d, i) => {
    if (names.has(d.name)) at.set(d.name, i);
  });
  // Each room's place in the search, made when a candidate's pods first have to be taken back.
  let indexOf: Map<Room, number> | null = null;
  for (const c of under) {
    if (unneeded.length >= limit) break;
    // The PDB drainability rule, pod by pod: one whose budget allows no disruption now blocks its
    // node (NotEnoughPdb); the budget is spent only by the nodes removed (nodesToRemove).
    const blocking = budgets === undefined ? null : firstBlocking(budgets.tracker, c.pods);
    if (blocking !== null) {
      budgets!.blocked(c.name, blocking);
      continue;
    }
    const own = at.get(c.name);
    if (own !== undefined) search.leaveOut(own);
    const { left, placed } = placeEach(c.pods, search, undefined, [], { knownGate: gate, stopAtFirstLeft: true });
    if (left.length > 0) {
      indexOf ??= new Map(rooms.map((room, i) => [room, i]));
      for (const [room, pod] of placed.reverse()) {
        untake(room, pod);
        search.update(indexOf.get(room)!);
      }
      if (own !== undefined) search.bringBack(own);
      continue;
    }
    // The pods now hold that room, and the node is no destination any more.
    unneeded.push(c.name);
  }
  search.release();
  return unneeded;
}

// The first budget that allows none of a node's pods to go.
function firstBlocking(tracker: RemainingPdbTracker<PendingPod>, pods: readonly PendingPod[]): string | null {
  for (const p of pods) {
    const budget = tracker.blockingBudget([p]);
    if (budget !== null) return budget;
  }
  return null;
}

/** UnneededSince maps a node to when it was first found unneeded, continuously since. */
export type UnneededSince = ReadonlyMap<string, number>;

/** trackUnneeded keeps each still-unneeded node's first time and drops the others. */
export function trackUnneeded(
  previous: UnneededSince,
  unneeded: readonly string[],
  nowMs: number,
): Map<string, number> {
  return new Map(unneeded.map((name) => [name, previous.get(name) ?? nowMs]));
}

/** ScaleDownLimits bound one loop's removals. */
export interface ScaleDownLimits {
  readonly unneededTimeMs: number;
  /** unreadyTimeMs: --scale-down-unready-time, for unready nodes (core/scaledown/unneeded/nodes.go). */
  readonly unreadyTimeMs: number;
  readonly maxEmptyBulkDelete: number;
  /** drainSlots is how many more non-empty nodes may be drained now (--max-drain-parallelism, 1, minus those draining). */
  readonly drainSlots: number;
  /** removable is how many nodes each group may lose before its minimum size. */
  readonly removable: ReadonlyMap<string, number>;
}

/** nodesToRemove picks, of the nodes unneeded long enough, the empty ones to delete at once and the non-empty ones to drain. */
export function nodesToRemove(
  candidates: readonly Candidate[],
  since: UnneededSince,
  nowMs: number,
  limits: ScaleDownLimits,
  budgets?: RemainingPdbTracker<PendingPod>,
): { empty: string[]; drain: string[] } {
  const left = new Map(limits.removable);
  const empty: string[] = [];
  const drain: string[] = [];
  for (const c of candidates) {
    const first = since.get(c.name);
    if (first === undefined || nowMs - first < (c.unready === true ? limits.unreadyTimeMs : limits.unneededTimeMs))
      continue;
    if ((left.get(c.group) ?? 0) <= 0) continue;
    if (c.pods.length === 0) {
      if (empty.length >= limits.maxEmptyBulkDelete) continue;
      empty.push(c.name);
    } else {
      if (drain.length >= limits.drainSlots) continue;
      // The loop's nodes spend the budgets together: one whose pods would overdraw them waits.
      if (budgets !== undefined) {
        if (budgets.blockingBudget(c.pods) !== null) continue;
        budgets.removePods(c.pods);
      }
      drain.push(c.name);
    }
    left.set(c.group, left.get(c.group)! - 1);
  }
  return { empty, drain };
}
