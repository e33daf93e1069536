// Cohorts of settled pods, so that a usage sample costs O(workloads + nodes + pods in transition)
// instead of O(pods) (issue 25: at 150,000 pods the per-pod sample was most of a fleet day).
//
// A pod is settled when it has run, Ready, for the HPA's CPU initialization period and sits on a
// node with CPU to spare: then the usage sample gives it exactly what it gives every other settled
// pod of its template (its demand, held until the next sample, the requests it serves, its working
// set) and metrics-server stores the same rate for it. Such pods join their template's cohort and
// are no longer visited one by one: the cohort keeps the figures, each node keeps how many members
// it holds, and the per-pod fields (the CPU counter, metrics-server's point) are written back only
// when the pod leaves (`materialize`): at a readiness change, when its node runs short of CPU or is
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

/** NodeCohorts: the cohorts with members on one node, and how many each. */
export interface NodeCohorts {
  readonly cohorts: UsageCohort[];
  readonly counts: number[];
}

/** Membership keeps which pods are in which cohort, and how many of each on each node. */
export class Membership {
  // By node index: its members by cohort (null: none); and the nodes that hold some, in the order they first did.
  private readonly byNode: Array<NodeCohorts | null> = [];
  readonly holders = new Set<ClusterNode>();

  /** on is `node`'s members by cohort (null: none). */
  on(node: ClusterNode): NodeCohorts | null {
    return this.byNode[node.index] ?? null;
  }

  /** join makes `p` (just sampled at the cohort's `lastMs`, with the cohort's figures) a member of `c`. */
  join(p: Pod, c: UsageCohort): void {
    const node = p.node!;
    let entry = this.byNode[node.index] ?? null;
    if (entry === null) {
      entry = { cohorts: [], counts: [] };
      this.byNode[node.index] = entry;
      this.holders.add(node);
    }
    const at = entry.cohorts.indexOf(c);
    if (at < 0) {
      entry.cohorts.push(c);
      entry.counts.push(1);
    } else entry.counts[at]!++;
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
    const entry = this.byNode[node.index]!;
    const at = entry.cohorts.indexOf(c);
    if (--entry.counts[at]! > 0) return;
    entry.cohorts.splice(at, 1);
    entry.counts.splice(at, 1);
    if (entry.cohorts.length > 0) return;
    this.byNode[node.index] = null;
    this.holders.delete(node);
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
