// Upstream's own cases for NodePool disruption budgets, ported to src/models/karpenter/budgets.ts:
//
// - kubernetes-sigs/karpenter pkg/apis/v1/nodepool_budgets_test.go (stored version
//   2266468104f36373ed002241afaee2d3bbc26078), every It: GetAllowedDisruptionsByReason (allowedDisruptionsByReason),
//   AllowedDisruptions (allowedDisruptions), IsActive (isActive). The BeforeEach fixture is rebuilt for each case
//   by fixture() below, with the same six budgets in the same order; upstream's `budgets[i].X = ...` edits are
//   kept as edits of the same slice, which the NodePool shares, as in Go. The fake clock's time.Date(...) is a
//   fixed UTC epoch ms (Date.UTC, whose month counts from 0); each time.ParseDuration is the same length in ms.
//   "should always consider a schedule and time in UTC" sets time.Date(2000, time.June, 0, 0, 0, 0, 0,
//   FixedZone(+1h)): day 0 of June is 31 May, and midnight at +01:00 is 30 May 2000 23:00 UTC.
// - pkg/apis/v1/nodepool_validation_cel_test.go (same version), the Disruption context's budget cases: each
//   NodePool the API server accepts (Create Succeeds) is budgets with no budgetProblems, each it refuses has at
//   least one. The CRD checks schedule-with-duration on the whole list (XValidation on Budgets);
//   budgetProblems checks it per budget, so a list is refused when any of its budgets has a problem.
// - pkg/apis/v1/nodepool_default_test.go (same version) "should default the disruption stanza when undefined",
//   its Budgets expectation only: DEFAULT_BUDGETS is [{nodes: "10%"}].
//
// Adapted:
// - Upstream's (0, err) on a misconfigured budget ("If the budget is misconfigured, fail closed", nodepool.go
//   GetAllowedDisruptions) is a throw here: the cases expect allowedDisruptions to throw. The 0 upstream returns
//   alongside the error is not observable then.
// - "should return an error indicating why the cron fails to parse" matches robfig/cron's wording ("beginning
//   of range (2) beyond end of range (1)"); cron.ts words its own RangeError, so only the throw is checked.
// - "should fail when creating a budget with invalid reasons": DisruptionReason is a closed union here, so
//   the entries' strings are cast to it, as a budget read from untyped YAML would arrive.
//
// Not ported:
// - CEL "should fail when creating a budget with a negative duration" (-20m) and "... with a seconds duration"
//   (30s): they exercise the CRD's duration pattern ^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$, which
//   budgetProblems does not check (a budget carries durationMs, not the duration's text).
//   "should succeed when creating a budget with hours and minutes in duration" (2h20m) is kept, but here it
//   only checks that a schedule with a duration is accepted, not the duration's form.
// - The rest of the CEL Disruption context (expireAfter, consolidateAfter, consolidationPolicy) and the other
//   contexts: not budget fields.
import { describe, expect, it } from 'vitest';
import {
  allowedDisruptions,
  allowedDisruptionsByReason,
  budgetProblems,
  DEFAULT_BUDGETS,
  disruptionsLeft,
  isActive,
  type Budget,
  type DisruptionReason,
} from '../../../src/models/karpenter/budgets.js';

const MAX_INT32 = 2 ** 31 - 1;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type MutableBudget = { -readonly [K in keyof Budget]: Budget[K] };

const allKnownDisruptionReasons: readonly DisruptionReason[] = ['Empty', 'Underutilized', 'Drifted'];

/** fixture is nodepool_budgets_test.go's BeforeEach: the clock, the six budgets, a NodePool holding them. */
function fixture(): { clock: number; budgets: MutableBudget[]; nodePool: { budgets: MutableBudget[] } } {
  // Set the time to the middle of the year of 2000, the best year ever
  const clock = Date.UTC(2000, 5, 15, 12, 30, 30);
  const budgets: MutableBudget[] = [
    { nodes: '10', schedule: '* * * * *', durationMs: 1 * HOUR },
    { nodes: '100', schedule: '* * * * *', durationMs: 1 * HOUR },
    { nodes: '100%', schedule: '* * * * *', durationMs: 1 * HOUR },
    { reasons: ['Drifted', 'Underutilized'], nodes: '15', schedule: '* * * * *', durationMs: 1 * HOUR },
    { reasons: ['Drifted'], nodes: '5', schedule: '* * * * *', durationMs: 1 * HOUR },
    { reasons: ['Underutilized', 'Drifted', 'Empty'], nodes: '0', schedule: '@weekly', durationMs: 1 * HOUR },
  ];
  return { clock, budgets, nodePool: { budgets } };
}

describe('Budgets (nodepool_budgets_test.go)', () => {
  describe('GetAllowedDisruptionsByReason', () => {
    it('should return 0 for all reasons if a budget is active for all reasons', () => {
      const { clock, budgets, nodePool } = fixture();
      budgets[5]!.schedule = '* * * * *';
      budgets[5]!.durationMs = 1 * HOUR;

      for (const reason of allKnownDisruptionReasons)
        expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, reason)).toBe(0);
    });

    it('should return MaxInt32 for all reasons when there are no active budgets', () => {
      const { clock, budgets, nodePool } = fixture();
      for (const b of budgets) {
        b.schedule = '@yearly';
        b.durationMs = 1 * HOUR;
      }

      // All budgets should have unbounded disruptions when inactive
      for (const reason of allKnownDisruptionReasons)
        expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, reason)).toBe(MAX_INT32);
    });

    it('should ignore reason-defined budgets when inactive', () => {
      const { clock, budgets, nodePool } = fixture();
      budgets[3]!.schedule = '@yearly';
      budgets[4]!.schedule = '@yearly';

      for (const reason of allKnownDisruptionReasons)
        expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, reason)).toBe(10);
    });

    it('should return the budget for all disruption reasons when undefined', () => {
      const { clock, budgets, nodePool } = fixture();
      nodePool.budgets = budgets.slice(0, 1);
      expect(nodePool.budgets.length).toBe(1);
      expect(budgets[0]!.reasons ?? []).toHaveLength(0);

      for (const reason of allKnownDisruptionReasons)
        expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, reason)).toBe(10);
    });

    it('should get the minimum budget for each reason', () => {
      const { clock, nodePool } = fixture();
      nodePool.budgets = [
        ...nodePool.budgets,
        { schedule: '* * * * *', nodes: '4', durationMs: 1 * HOUR, reasons: ['Empty'] },
      ];

      expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, 'Empty')).toBe(4);
      expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, 'Drifted')).toBe(5);
      // The budget where reason == nil overrides the budget with a specified reason
      expect(allowedDisruptionsByReason(nodePool.budgets, clock, 100, 'Underutilized')).toBe(10);
    });
  });

  describe('AllowedDisruptions', () => {
    it('should return zero values if a schedule is invalid', () => {
      const { clock, budgets } = fixture();
      budgets[0]!.schedule = '@wrongly';
      expect(() => allowedDisruptions(budgets[0]!, clock, 100)).toThrow();
    });
    it('should return zero values if a nodes value is invalid', () => {
      const { clock, budgets } = fixture();
      budgets[0]!.nodes = '1000a%';
      expect(() => allowedDisruptions(budgets[0]!, clock, 100)).toThrow();
    });
    it('should return MaxInt32 when a budget is inactive', () => {
      const { clock, budgets } = fixture();
      budgets[0]!.schedule = '@yearly';
      budgets[0]!.durationMs = 1 * HOUR;
      expect(allowedDisruptions(budgets[0]!, clock, 100)).toBe(MAX_INT32);
    });
    it('should return the int value when a budget is active', () => {
      const { clock, budgets } = fixture();
      expect(allowedDisruptions(budgets[0]!, clock, 100)).toBe(10);
    });
    it('should return the string value when a budget is active', () => {
      const { clock, budgets } = fixture();
      expect(allowedDisruptions(budgets[2]!, clock, 100)).toBe(100);
    });
  });

  describe('IsActive', () => {
    it('should always consider a schedule and time in UTC', () => {
      const { budgets } = fixture();
      // Set the time to start of June 2000 in a time zone 1 hour ahead of UTC:
      // time.Date(2000, time.June, 0, 0, 0, 0, 0, +01:00) is 2000-05-30T23:00:00Z.
      const clock = Date.UTC(2000, 4, 30, 23, 0, 0);
      budgets[0]!.schedule = '@daily';
      budgets[0]!.durationMs = 30 * MINUTE;
      // IsActive should use UTC, not the location of the clock that's inputted.
      expect(isActive(budgets[0]!, clock)).toBe(false);
    });
    it('should return that a schedule is active when schedule and duration are nil', () => {
      const { clock, budgets } = fixture();
      budgets[0]!.schedule = undefined;
      budgets[0]!.durationMs = undefined;
      expect(isActive(budgets[0]!, clock)).toBe(true);
    });
    it('should return that a schedule is active', () => {
      const { clock, budgets } = fixture();
      expect(isActive(budgets[0]!, clock)).toBe(true);
    });
    it('should return that a schedule is inactive', () => {
      const { clock, budgets } = fixture();
      budgets[0]!.schedule = '@yearly';
      expect(isActive(budgets[0]!, clock)).toBe(false);
    });
    it('should return that a schedule is active when the schedule hit is in the middle of the duration', () => {
      const { budgets } = fixture();
      // Set the date to the start of the year 1000, the best year ever
      const clock = Date.UTC(1000, 0, 1, 12, 0, 0);
      budgets[0]!.schedule = '@yearly';
      budgets[0]!.durationMs = 24 * HOUR;
      expect(isActive(budgets[0]!, clock)).toBe(true);
    });
    it('should return that a schedule is active when the duration is longer than the recurrence', () => {
      const { budgets } = fixture();
      // Set the date to the first monday in 2024, the best year ever
      const clock = Date.UTC(2024, 0, 7, 0, 0, 0);
      budgets[0]!.schedule = '@daily';
      budgets[0]!.durationMs = 48 * HOUR;
      expect(isActive(budgets[0]!, clock)).toBe(true);
    });
    it('should return that a schedule is inactive when the schedule hit is after the duration', () => {
      const { budgets } = fixture();
      // Set the date to the first monday in 2024, the best year ever
      const clock = Date.UTC(2024, 0, 7, 0, 0, 0);
      budgets[0]!.schedule = '30 6 * * SUN';
      budgets[0]!.durationMs = 6 * HOUR;
      expect(isActive(budgets[0]!, clock)).not.toBe(true);
    });
    it('should return an error indicating why the cron fails to parse', () => {
      const { budgets } = fixture();
      // Set the date to the first monday in 2024, the best year ever
      const clock = Date.UTC(2024, 0, 7, 0, 0, 0);
      budgets[0]!.schedule = '0 0 * * tue-mon';
      budgets[0]!.durationMs = 6 * HOUR;
      expect(() => isActive(budgets[0]!, clock)).toThrow();
    });
  });
});

/** accepted is Expect(env.Client.Create(ctx, nodePool)).To(Succeed()) for a NodePool with these budgets. */
function accepted(budgets: readonly Budget[]): boolean {
  return budgets.flatMap(budgetProblems).length === 0;
}

describe('CEL/Validation Disruption budgets (nodepool_validation_cel_test.go)', () => {
  it('should fail when creating a budget with an invalid cron', () => {
    expect(accepted([{ nodes: '10', schedule: '*', durationMs: 20 * MINUTE }])).toBe(false);
  });
  it('should fail when creating a schedule with less than 5 entries', () => {
    expect(accepted([{ nodes: '10', schedule: '* * * * ', durationMs: 20 * MINUTE }])).toBe(false);
  });
  it('should fail when creating a budget with a negative value int', () => {
    expect(accepted([{ nodes: '-10' }])).toBe(false);
  });
  it('should fail when creating a budget with a negative value percent', () => {
    expect(accepted([{ nodes: '-10%' }])).toBe(false);
  });
  it('should fail when creating a budget with a value percent with more than 3 digits', () => {
    expect(accepted([{ nodes: '1000%' }])).toBe(false);
  });
  it('should fail when creating a budget with a cron but no duration', () => {
    expect(accepted([{ nodes: '10', schedule: '* * * * *' }])).toBe(false);
  });
  it('should fail when creating a budget with a duration but no cron', () => {
    expect(accepted([{ nodes: '10', durationMs: 20 * MINUTE }])).toBe(false);
  });
  it('should succeed when creating a budget with both duration and cron', () => {
    expect(accepted([{ nodes: '10', schedule: '* * * * *', durationMs: 20 * MINUTE }])).toBe(true);
  });
  it('should succeed when creating a budget with hours and minutes in duration', () => {
    expect(accepted([{ nodes: '10', schedule: '* * * * *', durationMs: 2 * HOUR + 20 * MINUTE }])).toBe(true);
  });
  it('should succeed when creating a budget with neither duration nor cron', () => {
    expect(accepted([{ nodes: '10' }])).toBe(true);
  });
  it('should succeed when creating a budget with special cased crons', () => {
    expect(accepted([{ nodes: '10', schedule: '@annually', durationMs: 20 * MINUTE }])).toBe(true);
  });
  it('should fail when creating two budgets where one has an invalid crontab', () => {
    expect(
      accepted([
        { nodes: '10', schedule: '@annually', durationMs: 20 * MINUTE },
        { nodes: '10', schedule: '*', durationMs: 20 * MINUTE },
      ]),
    ).toBe(false);
  });
  it("should fail when creating multiple budgets where one doesn't have both schedule and duration", () => {
    expect(
      accepted([
        { nodes: '10', durationMs: 20 * MINUTE },
        { nodes: '10', schedule: '* * * * *', durationMs: 20 * MINUTE },
        { nodes: '10' },
      ]),
    ).toBe(false);
  });
  describe('should succeed when creating a budget with valid reasons', () => {
    it.each<[string, DisruptionReason]>([
      ['should allow disruption reason Drifted', 'Drifted'],
      ['should allow disruption reason Underutilized', 'Underutilized'],
      ['should allow disruption reason Empty', 'Empty'],
    ])('%s', (_name, reason) => {
      expect(accepted([{ nodes: '10', schedule: '* * * * *', durationMs: 20 * MINUTE, reasons: [reason] }])).toBe(true);
    });
  });
  describe('should fail when creating a budget with invalid reasons', () => {
    it.each<[string, string]>([
      ['should not allow invalid reason', 'invalid'],
      ['should not allow expired disruption reason', 'expired'],
      ['should not allow empty reason', ''],
    ])('%s', (_name, reason) => {
      expect(
        accepted([
          { nodes: '10', schedule: '* * * * *', durationMs: 20 * MINUTE, reasons: [reason as DisruptionReason] },
        ]),
      ).toBe(false);
    });
  });
  it('should allow setting multiple reasons', () => {
    expect(
      accepted([{ nodes: '10', schedule: '* * * * *', durationMs: 20 * MINUTE, reasons: ['Drifted', 'Empty'] }]),
    ).toBe(true);
  });
});

describe('CEL/Default (nodepool_default_test.go)', () => {
  it('should default the disruption stanza when undefined', () => {
    expect(DEFAULT_BUDGETS).toStrictEqual([{ nodes: '10%' }]);
  });
});

describe('disruptionsLeft (BuildDisruptionBudgetMapping)', () => {
  const now = Date.UTC(2000, 5, 15, 12, 30, 30);

  it('is what the budgets allow less the nodes already being disrupted: 10% of 25 nodes is 3, one of them draining', () => {
    expect(disruptionsLeft(DEFAULT_BUDGETS, now, { total: 25, disrupting: 1 }, 'Underutilized')).toBe(2);
  });

  it('is never below 0', () => {
    expect(disruptionsLeft([{ nodes: '1' }], now, { total: 25, disrupting: 3 }, 'Empty')).toBe(0);
  });

  it('fails closed: a budget that errs, for any reason, allows nothing (MustGetAllowedDisruptions)', () => {
    const budgets: Budget[] = [{ nodes: '50%' }, { nodes: 'x', reasons: ['Drifted'] }];
    expect(disruptionsLeft(budgets, now, { total: 10, disrupting: 0 }, 'Empty')).toBe(0);
  });
});
