// A sweep's setup: a slice (a Job's pod) loads only its own variants, and every slice agrees on
// the plan, so that merge accepts them together.
import { describe, expect, it } from 'vitest';
import { confinedReader } from '../../src/scenario/confine.js';
import { planSweep } from '../../src/sweep/setup.js';
import { shardRange } from '../../src/sweep/shard.js';

// node-size.yaml's sweep: block varies the instance type (4 values); the flag adds max (2 values).
const request = { file: 'scenarios/node-size.yaml', vary: ['pools.main.max=20,30'], design: 'small', seeds: 3 };
const plan = (shard: { index: number; count: number } | null) =>
  planSweep(request, confinedReader(request.file).read, shard);

describe('planSweep', () => {
  const whole = plan(null);

  it('loads every variant for the whole sweep', () => {
    expect(whole.plan.variants).toHaveLength(8);
    expect([...whole.scenarios.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    [0, 4, [0, 1]],
    [1, 4, [2, 3]],
    [1, 5, [1, 2]],
    [4, 5, [6, 7]],
    [3, 24, [1]],
    [23, 24, [7]],
  ])('loads for slice %i/%i only the variants of its jobs', (index, count, variants) => {
    const slice = plan({ index, count });
    expect([...slice.scenarios.keys()]).toEqual(variants);
    const { from, to } = shardRange(8 * 3, { index, count });
    expect(Math.floor(from / 3)).toBe(variants[0]);
    expect(Math.ceil(to / 3) - 1).toBe(variants[variants.length - 1]);
    expect(slice.plan).toEqual(whole.plan);
    expect(slice.scenarios.get(variants[0]!)).toEqual(whole.scenarios.get(variants[0]!));
  });
});
