import { describe, expect, it } from 'vitest';
import {
  bestOption,
  cheapest,
  highestPriority,
  leastWaste,
  mostPods,
  preferredNodeCpuMilli,
  priceScore,
  wasteScore,
  type ExpansionOption,
} from '../../../src/models/cluster-autoscaler/expander.js';

const GiB = 2 ** 30;
const option = (group: string, o: Partial<ExpansionOption> = {}): ExpansionOption => ({
  group,
  nodeCount: 1,
  podCount: 2,
  requested: { cpuMilli: 600, memoryBytes: 4 * GiB },
  nodeCapacity: { cpuMilli: 4000, memoryBytes: 32 * GiB },
  pricePerHour: 0.2,
  priority: 0,
  ...o,
});
// docs/model.md#cluster-autoscaler: two pods of 300m / 2 GiB, on one 4 vCPU / 32 GiB node or two 1 vCPU / 4 GiB ones.
const big = option('big');
const small = option('small', {
  nodeCount: 2,
  nodeCapacity: { cpuMilli: 1000, memoryBytes: 4 * GiB },
  pricePerHour: 0.0475,
});

describe('least-waste (expander/waste/waste.go)', () => {
  it('scores the unused share of CPU plus that of memory, on machine capacity', () => {
    expect(wasteScore(big)).toBeCloseTo((4000 - 600) / 4000 + (32 - 4) / 32, 12);
    expect(wasteScore(small)).toBeCloseTo((2000 - 600) / 2000 + (8 - 4) / 8, 12);
  });

  it('keeps the least wasteful, and every option tied with it', () => {
    expect(leastWaste([big, small]).map((o) => o.group)).toEqual(['small']);
    expect(leastWaste([small, { ...small, group: 'twin' }, big]).map((o) => o.group)).toEqual(['small', 'twin']);
  });
});

describe('most-pods (expander/mostpods/mostpods.go)', () => {
  it('keeps the options that place the most pods', () => {
    expect(
      mostPods([option('a', { podCount: 3 }), option('b', { podCount: 5 }), option('c', { podCount: 5 })]).map(
        (o) => o.group,
      ),
    ).toEqual(['b', 'c']);
  });
});

describe('priority (expander/priority/priority.go)', () => {
  it('keeps the highest-priority groups; groups without one lose to any that has one', () => {
    expect(
      highestPriority([
        option('a', { priority: 10 }),
        option('b', { priority: 50 }),
        option('c', { priority: -Infinity }),
      ]).map((o) => o.group),
    ).toEqual(['b']);
  });

  it('keeps them all when none has a priority', () => {
    expect(highestPriority([option('a', { priority: -Infinity }), option('b', { priority: -Infinity })])).toHaveLength(
      2,
    );
  });
});

describe('price (expander/price/price.go, preferred.go)', () => {
  it.each([
    [1, 1000],
    [2, 1000],
    [3, 2000],
    [6, 2000],
    [7, 4000],
    [20, 4000],
    [60, 8000],
    [200, 16000],
    [201, 32000],
  ])('prefers a %i-node cluster to have %i m nodes', (nodes, cpu) => {
    expect(preferredNodeCpuMilli(nodes)).toBe(cpu);
  });

  it('scores node price over pod price, with stabilization, times the unfitness', () => {
    // A 4-core node in a 10-node cluster fits exactly (unfitness 1): the score is the price ratio.
    const stab = 0.5 * 0.033174 + (500 / 1024) * 0.004446;
    const pods = 0.6 * 0.033174 + 4 * 0.004446;
    expect(priceScore(big, 10)).toBeCloseTo((0.2 + stab) / (pods + stab), 12);
    // In a 1-node cluster the preferred node has 1 core: a 4-core node is 4 times unfit.
    expect(priceScore(big, 1)).toBeCloseTo(4 * ((0.2 + stab) / (pods + stab)), 12);
  });

  it('damps the unfitness of a large scale-up', () => {
    const many = { ...big, nodeCount: 31, pricePerHour: 0.2 / 31 };
    expect(priceScore(many, 1)).toBeLessThan(priceScore({ ...big, pricePerHour: 0.2 }, 1));
  });

  it("keeps the cheapest for the cluster's size: a 13-node cluster prefers 4-core nodes, a 2-node one 1-core nodes", () => {
    expect(cheapest([big, small], 13).map((o) => o.group)).toEqual(['big']);
    expect(cheapest([big, small], 2).map((o) => o.group)).toEqual(['small']);
  });
});

describe('bestOption', () => {
  it('is null without options, and the only option without a draw', () => {
    expect(
      bestOption([], 'random', () => {
        throw new Error('no draw');
      }),
    ).toBeNull();
    expect(
      bestOption([big], 'random', () => {
        throw new Error('no draw');
      }),
    ).toBe(big);
  });

  it('breaks ties with the draw', () => {
    const twin = { ...small, group: 'twin' };
    expect(bestOption([small, twin, big], 'least-waste', () => 0)!.group).toBe('small');
    expect(bestOption([small, twin, big], 'least-waste', () => 0.99)!.group).toBe('twin');
    expect(bestOption([small, twin, big], 'random', () => 0.99)!.group).toBe('big');
  });
});
