// The scenario's PodDisruptionBudgets as the disruption controller keeps their status: each one's
// disruptions allowed now, from its workloads' desired replicas and ready pods.
import { disruptionsAllowed, expectedAndDesired, type TrackedBudget } from '../models/disruption.js';
import type { PendingPod } from '../models/scheduler/schedule-one.js';
import type { DisruptionBudget } from '../scenario/model.js';
import type { Pod } from './pod.js';

/** BudgetCounts are what a budget's status is computed from: a workload's desired replicas and its pods. */
export interface BudgetCounts {
  readonly desiredReplicas: (workload: string) => number;
  readonly livePods: (workload: string) => readonly Pod[];
}

/** trackedBudgets is every budget's status now (updatePdbStatus): healthy pods are Ready and not terminating. */
export function trackedBudgets(
  budgets: readonly DisruptionBudget[],
  counts: BudgetCounts,
): Array<TrackedBudget<PendingPod>> {
  return budgets.map((b) => {
    let scale = 0;
    let pods = 0;
    let healthy = 0;
    for (const w of b.workloads) {
      scale += counts.desiredReplicas(w);
      for (const p of counts.livePods(w)) {
        pods++;
        if (p.ready && p.phase !== 'Terminating') healthy++;
      }
    }
    const { expectedCount, desiredHealthy } = expectedAndDesired(b.spec, scale, pods);
    const covered = new Set(b.workloads);
    return {
      name: b.name,
      allowed: disruptionsAllowed(healthy, desiredHealthy, expectedCount),
      covers: (pod: PendingPod) => covered.has(pod.workload),
    };
  });
}
