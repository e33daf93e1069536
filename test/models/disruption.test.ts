// PodDisruptionBudget status as the disruption controller computes it, and the autoscaler's
// remaining-budget tracker (kubernetes/kubernetes pkg/controller/disruption/disruption.go;
// kubernetes/autoscaler cluster-autoscaler/simulator/pdb/basic.go).
import { describe, expect, it } from 'vitest';
import {
  disruptionsAllowed,
  expectedAndDesired,
  RemainingPdbTracker,
  type BudgetSpec,
} from '../../src/models/disruption.js';

describe('expectedAndDesired and disruptionsAllowed (getExpectedPodCount, updatePdbStatus)', () => {
  // [what, spec, the controllers' scale, pods selected, healthy pods, expected, desired, allowed]
  it.each([
    ['an integer minAvailable counts the pods there are (TestUnavailable)', { minAvailable: 3 }, 4, 4, 4, 4, 3, 1],
    ['one of them unready leaves none (TestUnavailable)', { minAvailable: 3 }, 4, 4, 3, 4, 3, 0],
    [
      'a percentage minAvailable is of the scale, rounded up (TestReplicaSet: 20% of 10)',
      { minAvailable: '20%' },
      10,
      10,
      10,
      10,
      2,
      8,
    ],
    ['28% of 3 rounds up to 1', { minAvailable: '28%' }, 3, 3, 3, 3, 1, 2],
    ['an integer maxUnavailable (TestIntegerMaxUnavailable)', { maxUnavailable: 1 }, 2, 2, 2, 2, 1, 1],
    ['a percentage maxUnavailable rounds up: 25% of 10 is 3', { maxUnavailable: '25%' }, 10, 10, 10, 10, 7, 3],
    ['maxUnavailable beyond the scale leaves a desired of 0', { maxUnavailable: 5 }, 3, 3, 3, 3, 0, 3],
    ['maxUnavailable 0 allows nothing', { maxUnavailable: 0 }, 3, 3, 3, 3, 3, 0],
    ['minAvailable 100% allows nothing', { minAvailable: '100%' }, 3, 3, 3, 3, 3, 0],
    ['no pods expected: nothing allowed, whatever is healthy', { maxUnavailable: 1 }, 0, 0, 0, 0, 0, 0],
  ] as const)('%s', (_what, spec, scale, pods, healthy, expected, desired, allowed) => {
    const r = expectedAndDesired(spec as BudgetSpec, scale, pods);
    expect(r).toEqual({ expectedCount: expected, desiredHealthy: desired });
    expect(disruptionsAllowed(healthy, r.desiredHealthy, r.expectedCount)).toBe(allowed);
  });
});

describe('RemainingPdbTracker (BasicRemainingPdbTracker)', () => {
  const web = { name: 'web', allowed: 1, covers: (p: string) => p.startsWith('web') };
  const db = { name: 'db', allowed: 0, covers: (p: string) => p.startsWith('db') };

  it('lets pods go while their budgets last, spending them', () => {
    const t = new RemainingPdbTracker([web, db]);
    expect(t.blockingBudget(['web-1', 'api-1'])).toBeNull();
    t.removePods(['web-1', 'api-1']);
    // The one disruption web allowed is spent.
    expect(t.blockingBudget(['web-2'])).toBe('web');
    expect(t.blockingBudget(['api-2'])).toBeNull();
  });

  it('blocks at once where a budget allows nothing, or fewer than the pods it covers', () => {
    const t = new RemainingPdbTracker([web, db]);
    expect(t.blockingBudget(['db-0'])).toBe('db');
    expect(t.blockingBudget(['web-1', 'web-2'])).toBe('web');
  });
});
