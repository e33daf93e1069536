// A pod entry with a count stands for that many identical pods: the controller folds a workload's
// settled pods into one entry, and the replica calculation must not notice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hpaAverageValueReplicas, hpaResourceReplicas, type HpaPod } from '../../src/models/hpa.js';

const pod = fc
  .record({
    phase: fc.constantFrom('Pending', 'Running', 'Running', 'Running', 'Failed') as fc.Arbitrary<HpaPod['phase']>,
    ready: fc.boolean(),
    deleted: fc.constantFrom(false, false, false, false, true),
    startTime: fc.integer({ min: 0, max: 1000 }),
    readyTransitionTime: fc.integer({ min: 0, max: 1000 }),
    metricTime: fc.integer({ min: 0, max: 1000 }),
    metricWindowSeconds: fc.constant(15),
    requestMilli: fc.constantFrom(100, 250, 500),
    usageMilli: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    count: fc.integer({ min: 1, max: 6 }),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as HpaPod);

const expand = (pods: readonly HpaPod[]) =>
  pods.flatMap(({ count, ...p }) => Array.from({ length: count ?? 1 }, () => p));

describe('HpaPod.count', () => {
  it('gives the same replicas, utilization and average as the pods listed one by one', () => {
    fc.assert(
      fc.property(
        fc.array(pod, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 300, max: 1300 }),
        (pods, currentReplicas, targetUtilization, now) => {
          const common = { now, currentReplicas, pods };
          expect(hpaResourceReplicas({ ...common, targetUtilization })).toEqual(
            hpaResourceReplicas({ ...common, pods: expand(pods), targetUtilization }),
          );
          expect(hpaAverageValueReplicas({ ...common, targetAverageValueMilli: targetUtilization * 3 })).toEqual(
            hpaAverageValueReplicas({ ...common, pods: expand(pods), targetAverageValueMilli: targetUtilization * 3 }),
          );
        },
      ),
      { seed: 8, numRuns: 2000 },
    );
  });
});
