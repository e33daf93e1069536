// PodDisruptionBudgets: how many of a budget's pods may be disrupted now, as the disruption
// controller computes it (kubernetes/kubernetes pkg/controller/disruption/disruption.go:
// getExpectedPodCount, countHealthyPods, updatePdbStatus), and how the cluster autoscaler spends it
// across the nodes it would remove in one loop (kubernetes/autoscaler cluster-autoscaler/simulator/
// pdb/basic.go BasicRemainingPdbTracker, drainability/rules/pdb/rule.go).
import { getScaledValueFromIntOrPercent, type IntOrString } from './intstr.js';

/** BudgetSpec is a PodDisruptionBudget's spec: at most one of minAvailable and maxUnavailable. */
export interface BudgetSpec {
  readonly minAvailable?: IntOrString;
  readonly maxUnavailable?: IntOrString;
}

/**
 * expectedAndDesired is getExpectedPodCount: with maxUnavailable, the controllers' scale less
 * maxUnavailable (a percentage of the scale, rounded up), never below 0; with an integer
 * minAvailable, that many of the pods there are; with a percentage, that share of the scale,
 * rounded up.
 */
export function expectedAndDesired(
  spec: BudgetSpec,
  expectedScale: number,
  podCount: number,
): { expectedCount: number; desiredHealthy: number } {
  if (spec.maxUnavailable !== undefined) {
    const maxUnavailable = getScaledValueFromIntOrPercent(spec.maxUnavailable, expectedScale, true);
    return { expectedCount: expectedScale, desiredHealthy: Math.max(0, expectedScale - maxUnavailable) };
  }
  if (spec.minAvailable === undefined) return { expectedCount: 0, desiredHealthy: 0 };
  if (typeof spec.minAvailable === 'number') return { expectedCount: podCount, desiredHealthy: spec.minAvailable };
  return {
    expectedCount: expectedScale,
    desiredHealthy: getScaledValueFromIntOrPercent(spec.minAvailable, expectedScale, true),
  };
}

/** disruptionsAllowed is updatePdbStatus's: the healthy pods beyond the desired, 0 when none are expected. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedCount: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}

/** TrackedBudget is a budget as the autoscaler holds it: its name, its disruptions allowed, and which pods it covers. */
export interface TrackedBudget<P> {
  readonly name: string;
  readonly allowed: number;
  readonly covers: (pod: P) => boolean;
}

/** RemainingPdbTracker is BasicRemainingPdbTracker: the disruptions each budget has left in one loop. */
export class RemainingPdbTracker<P> {
  private readonly left: Map<TrackedBudget<P>, number>;

  constructor(private readonly budgets: ReadonlyArray<TrackedBudget<P>>) {
    this.left = new Map(budgets.map((b) => [b, b.allowed]));
  }

  /** blockingBudget is CanRemovePods' answer: the first budget the pods would overdraw (null: they may all go). */
  blockingBudget(pods: readonly P[]): string | null {
    for (const b of this.budgets) {
      let covered = 0;
      for (const p of pods) if (b.covers(p)) covered++;
      if (covered > this.left.get(b)!) return b.name;
    }
    return null;
  }

  /** removePods is RemovePods: the pods' disruptions spent from every budget that covers them. */
  removePods(pods: readonly P[]): void {
    for (const b of this.budgets) {
      let covered = 0;
      for (const p of pods) if (b.covers(p)) covered++;
      this.left.set(b, this.left.get(b)! - covered);
    }
  }
}
