// DefaultPreemption: when a pod fits no node, which lower-priority pods to evict, and on which node.
// kubernetes/kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
// (SelectVictimsOnNode, PodEligibleToPreemptOthers) and pkg/scheduler/framework/preemption/
// preemption.go (pickOneNodeForPreemption, filterPodsWithPDBViolation), pkg/scheduler/util
// (MoreImportantPod). The fit is the caller's: `fits(removed)` says whether the preemptor fits the
// node once the pods in `removed` are gone.

/** VictimPod is a pod as preemption weighs it: its priority (when it started is the caller's `startOf`). */
export interface VictimPod {
  readonly priority: number;
}

/** StartOf says when a pod started (GetPodStartTime), in ms. */
export type StartOf<P> = (pod: P) => number;

/** moreImportantPod is MoreImportantPod: higher priority first; of equal priority, the one that started first. */
function moreImportantPod<P extends VictimPod>(a: P, b: P, startOf: StartOf<P>): boolean {
  return a.priority !== b.priority ? a.priority > b.priority : startOf(a) < startOf(b);
}

// Most important first.
const byImportance =
  <P extends VictimPod>(startOf: StartOf<P>) =>
  (a: P, b: P) =>
    moreImportantPod(a, b, startOf) ? -1 : moreImportantPod(b, a, startOf) ? 1 : 0;

/** Victims are the pods to evict on one node, and how many of them break a PodDisruptionBudget. */
export interface Victims<P extends VictimPod> {
  readonly pods: readonly P[];
  readonly numViolatingVictims: number;
}

/**
 * selectVictimsOnNode is SelectVictimsOnNode: remove every pod of lower priority; if the preemptor
 * still does not fit, the node is no candidate (null). Otherwise reprieve as many as possible, most
 * important first, those whose eviction would break a budget before the others; what is not
 * reprieved is evicted. `violatesPdb` is filterPodsWithPDBViolation's verdict, in that order.
 */
export function selectVictimsOnNode<P extends VictimPod>(
  priority: number,
  podsOnNode: readonly P[],
  fits: (removed: ReadonlySet<P>) => boolean,
  violatesPdb: (pods: readonly P[]) => readonly boolean[],
  startOf: StartOf<P>,
): Victims<P> | null {
  const potential = podsOnNode.filter((p) => p.priority < priority);
  const removed = new Set(potential);
  if (potential.length === 0 || !fits(removed)) return null;
  const sorted = [...potential].sort(byImportance(startOf));
  const violation = violatesPdb(sorted);
  const violating = sorted.filter((_, i) => violation[i]);
  const nonViolating = sorted.filter((_, i) => !violation[i]);
  const victims: P[] = [];
  let numViolatingVictims = 0;
  // reprievePod: put the pod back; if the preemptor no longer fits, it is a victim after all.
  const reprieve = (p: P): boolean => {
    removed.delete(p);
    if (fits(removed)) return true;
    removed.add(p);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numViolatingVictims++;
  for (const p of nonViolating) reprieve(p);
  victims.sort(byImportance(startOf));
  return { pods: victims, numViolatingVictims };
}

/**
 * pickOneNodeForPreemption is pickOneNodeForPreemption: a node needing no victim at once; else,
 * in turn, the fewest budget violations, the lowest highest-priority victim, the smallest sum of
 * priorities, the fewest victims, the latest start among the highest-priority victims; then the
 * first. Returns the candidate's index (-1 when there is none).
 */
export function pickOneNodeForPreemption<P extends VictimPod>(
  candidates: ReadonlyArray<Victims<P>>,
  startOf: StartOf<P>,
): number {
  if (candidates.length === 0) return -1;
  const empty = candidates.findIndex((c) => c.pods.length === 0);
  if (empty >= 0) return empty;
  const highest = (c: Victims<P>) => c.pods[0]!.priority;
  // Each priority shifted to be non-negative (MaxInt32 + 1), as minSumPrioritiesScoreFunc does.
  const sum = (c: Victims<P>) => c.pods.reduce((t, p) => t + p.priority + 2 ** 31, 0);
  const earliestOfHighest = (c: Victims<P>) =>
    Math.min(...c.pods.filter((p) => p.priority === highest(c)).map(startOf));
  const scores: Array<(c: Victims<P>) => number> = [
    (c) => -c.numViolatingVictims,
    (c) => -highest(c),
    (c) => -sum(c),
    (c) => -c.pods.length,
    (c) => earliestOfHighest(c),
  ];
  let left = candidates.map((_, i) => i);
  for (const score of scores) {
    const best = Math.max(...left.map((i) => score(candidates[i]!)));
    left = left.filter((i) => score(candidates[i]!) === best);
    if (left.length === 1) break;
  }
  return left[0]!;
}

/** filterPodsWithPdbViolation is filterPodsWithPDBViolation: walking the pods in order, each budget's allowed disruptions are spent; a pod past a budget's allowance violates it. */
export function filterPodsWithPdbViolation<P>(
  pods: readonly P[],
  budgets: ReadonlyArray<{ readonly allowed: number; readonly covers: (pod: P) => boolean }>,
): boolean[] {
  const left = budgets.map((b) => b.allowed);
  return pods.map((p) => {
    let violates = false;
    budgets.forEach((b, i) => {
      if (!b.covers(p)) return;
      left[i]!--;
      if (left[i]! < 0) violates = true;
    });
    return violates;
  });
}
