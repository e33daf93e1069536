// Cohorts of settled pods, so that a usage sample costs O(workloads + nodes + pods in transition)
// instead of O(pods) (issue 25: at 150,000 pods the per-pod sample was most of a fleet day).
//
// A pod is settled when it has run, Ready, for the HPA's CPU initialization period and sits on a
// node with CPU to spare: then the usage sample gives it exactly what it gives every other settled
// pod of its template (its demand, held until the next sample, the requests it serves, its working
// set) and metrics-server stores the same rate for it. Such pods join their template's cohort and
// are no longer visited one by one: the cohort keeps the figures, each node keeps how many members
// it holds, and the per-pod fields (the CPU counter, metrics-server's point) are written back only
// when the pod leaves (`Membership.leave`): at a readiness change, when its node runs short of CPU or is
// lost, or when the eviction manager needs the node's pods.
// Simplified: none; the figures are those of the per-pod sample, summed in another order (node and
// cluster totals may differ from the per-pod sums in the last bits).
import type { Workload } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import type { Pod, UsageCohort } from './pod.js';

export type { UsageCohort } from './pod.js';

/** CPU_INITIALIZATION_PERIOD_MS is the HPA's --horizontal-pod-autoscaler-cpu-initialization-period, 5 min: a pod younger than this is not settled. */
export const CPU_INITIALIZATION_PERIOD_MS = 300_000;

/** newCohort is an empty cohort of `spec`. */
export function newCohort(
  spec: Workload,
  { slot, index, revision, cpuWeight }: { slot: number; index: number; revision: number; cpuWeight: number },
): UsageCohort {
  return {
    spec,
    slot,
    index,
    revision,
    cpuWeight,
    members: 0,
    lastMs: -1,
    cumulative: 0,
    demandMilli: 0,
    usedMilli: 0,
    servedRps: 0,
    workingSetBytes: 0,
    metricMs: -1,
    metricCpuMilli: 0,
    metricWindowMs: 0,
  };
}

/**
 * Membership keeps which pods are in which cohort, and how many of each on each node. A node's
 * entries (cohort index, members there) lie side by side in two typed arrays, in the order its cohorts
 * first had members there, so that a sample's pass over every node's cohorts reads memory in a row.
 */
export class Membership {
  /** holders are the nodes with members, in the order they first had some. */
  readonly holders = new Set<ClusterNode>();
  /** cohortAt and countAt are the entries: a cohort's index and its members on the node. */
  cohortAt = new Int32Array(1024);
  countAt = new Int32Array(1024);
  // By node index: where its entries start, how many it has and how many fit there.
  private start = new Int32Array(64);
  private length = new Int32Array(64);
  private room = new Int32Array(64);
  private end = 0; // the entries' arrays are in use up to here

  /** size is how much of cohortAt and countAt is in use (every node's entries lie below it). */
  get size(): number {
    return this.end;
  }

  /** startOf is where `node`'s entries start in cohortAt and countAt; lengthOf how many there are (0: no members). */
  startOf(node: ClusterNode): number {
    return this.start[node.index]!;
  }

  lengthOf(node: ClusterNode): number {
    return node.index < this.length.length ? this.length[node.index]! : 0;
  }

  /** join makes `p` (just sampled at the cohort's `lastMs`, with the cohort's figures) a member of `c`. */
  join(p: Pod, c: UsageCohort): void {
    const node = p.node!;
    const at = node.index;
    if (at >= this.length.length) this.grow(at);
    const n = this.length[at]!;
    const found = this.find(at, c.index);
    if (found >= 0) this.countAt[found]!++;
    else {
      if (n === this.room[at]!) this.move(at, Math.max(4, 2 * n));
      const k = this.start[at]! + n;
      this.cohortAt[k] = c.index;
      this.countAt[k] = 1;
      this.length[at] = n + 1;
      if (n === 0) this.holders.add(node);
    }
    c.members++;
    p.cohort = c;
    p.cohortJoinCumulative = c.cumulative;
  }

  /**
   * leave writes back `p`'s per-pod figures as of its cohort's latest sample (its CPU counter and
   * metrics-server's point and metric, as the per-pod sample would have left them) and takes it out.
   */
  leave(p: Pod): void {
    const c = p.cohort!;
    p.cpuCumulative += c.cumulative - p.cohortJoinCumulative;
    p.cumulativeAtMs = c.lastMs;
    p.cpuDemandMilli = c.demandMilli;
    p.cpuUsedMilli = c.usedMilli;
    p.servedRps = c.servedRps;
    p.workingSetBytes = c.workingSetBytes;
    p.pointMs = c.lastMs;
    p.pointCumulative = p.cpuCumulative;
    p.metricMs = c.metricMs;
    p.metricCpuMilli = c.metricCpuMilli;
    p.metricWindowMs = c.metricWindowMs;
    p.cohort = null;
    c.members--;
    const node = p.node!;
    const at = node.index;
    const k = this.find(at, c.index);
    if (--this.countAt[k]! > 0) return;
    // The entry goes; the ones after it close up, keeping the order.
    const last = this.start[at]! + this.length[at]!;
    this.cohortAt.copyWithin(k, k + 1, last);
    this.countAt.copyWithin(k, k + 1, last);
    if (--this.length[at]! === 0) this.holders.delete(node);
  }

  // The place of cohort `index`'s entry on node `at` (-1: none).
  private find(at: number, index: number): number {
    const s = this.start[at]!;
    const e = s + this.length[at]!;
    for (let k = s; k < e; k++) if (this.cohortAt[k] === index) return k;
    return -1;
  }

  // Node `at`'s entries to the end of the arrays, with room for `room` (compacted first when full).
  private move(at: number, room: number): void {
    if (this.end + room > this.cohortAt.length) this.compact(room);
    const s = this.start[at]!;
    const n = this.length[at]!;
    this.cohortAt.copyWithin(this.end, s, s + n);
    this.countAt.copyWithin(this.end, s, s + n);
    this.start[at] = this.end;
    this.room[at] = room;
    this.end += room;
  }

  // New arrays with every node's entries packed (the room a move left behind is reclaimed), big
  // enough for them twice over and `extra` more.
  private compact(extra: number): void {
    let used = extra;
    for (let at = 0; at < this.room.length; at++) used += this.room[at]!;
    const cohortAt = new Int32Array(2 * used);
    const countAt = new Int32Array(2 * used);
    let end = 0;
    for (let at = 0; at < this.room.length; at++) {
      const s = this.start[at]!;
      cohortAt.set(this.cohortAt.subarray(s, s + this.length[at]!), end);
      countAt.set(this.countAt.subarray(s, s + this.length[at]!), end);
      this.start[at] = end;
      end += this.room[at]!;
    }
    this.cohortAt = cohortAt;
    this.countAt = countAt;
    this.end = end;
  }

  // The by-node arrays, long enough for node `at`.
  private grow(at: number): void {
    let size = this.length.length;
    while (at >= size) size *= 2;
    for (const key of ['start', 'length', 'room'] as const) {
      const bigger = new Int32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

/**
 * Individuals are each workload's live pods that are in no cohort, in a list with each pod's place
 * kept on it (`usageIndex`), so that adding and taking out are O(1).
 */
export class Individuals {
  private readonly lists: Pod[][];

  constructor(workloads: number) {
    this.lists = Array.from({ length: workloads }, () => []);
  }

  /** of is workload `slot`'s pods in no cohort. */
  of(slot: number): readonly Pod[] {
    return this.lists[slot]!;
  }

  add(p: Pod): void {
    const list = this.lists[p.usageSlot]!;
    p.usageIndex = list.length;
    list.push(p);
  }

  remove(p: Pod): void {
    const list = this.lists[p.usageSlot]!;
    const last = list.pop()!;
    if (last !== p) {
      list[p.usageIndex] = last;
      last.usageIndex = p.usageIndex;
    }
    p.usageIndex = -1;
  }
}
