import { describe, expect, it } from 'vitest';
import { expanderConfigFor, podPrice, preferredNodeCpuMilli } from '../../../src/models/cluster-autoscaler/expander.js';
import { expanderBestOptions, type ExpanderOption } from '../../../src/models/cluster-autoscaler/expander-filters.js';

// docs/model.md#cluster-autoscaler: two pods of 300m / 2 GiB, on one 4 vCPU / 32 GiB node ($0.20 an
// hour) or two 1 vCPU / 4 GiB ones ($0.0475 each).
const GiB = 2 ** 30;
const pods = [
  { name: 'a', cpuMilli: 300, memoryBytes: 2 * GiB },
  { name: 'b', cpuMilli: 300, memoryBytes: 2 * GiB },
];
const big: ExpanderOption = {
  group: 'big',
  nodeCount: 1,
  exists: true,
  nodeTemplate: { cpuMilli: 4000, memoryBytes: 32 * GiB, pods: 110 },
  pods,
};
const small: ExpanderOption = {
  ...big,
  group: 'small',
  nodeCount: 2,
  nodeTemplate: { cpuMilli: 1000, memoryBytes: 4 * GiB, pods: 110 },
};
const pools = [
  { name: 'big', pricePerHour: 0.2, priority: 10 },
  { name: 'small', pricePerHour: 0.0475, priority: 50 },
  { name: 'odd.name', pricePerHour: 1, priority: -Infinity },
];
const best = (expander: 'price' | 'priority', clusterNodes: number, options = [big, small]) =>
  expanderBestOptions({ expander, options, config: expanderConfigFor(expander, pools, pods, clusterNodes) });

describe('expanderConfigFor (what the simulation tells the expanders)', () => {
  it('gives priority an exact match on each pool with a priority, and nothing to pools without', () => {
    expect(expanderConfigFor('priority', pools, pods, 0)).toEqual({
      priorities: { '10': ['^big$'], '50': ['^small$'] },
    });
    expect(best('priority', 0)).toEqual(['small']);
    // A pool name with regular-expression characters matches only itself.
    expect(expanderConfigFor('priority', [{ ...pools[2]!, priority: 1 }], [], 0)).toEqual({
      priorities: { '1': ['^odd\\.name$'] },
    });
  });

  it('prices pods by the GCE model and prefers a node size by the cluster size (price.go, preferred.go)', () => {
    expect(podPrice(1000, GiB)).toBeCloseTo(0.033174 + 0.004446, 12);
    const config = expanderConfigFor('price', pools, pods, 13);
    expect(config.podPrices).toEqual({ a: podPrice(300, 2 * GiB), b: podPrice(300, 2 * GiB) });
    expect(config.nodePricesPerGroup).toEqual({ big: 0.2, small: 0.0475, 'odd.name': 1 });
    expect(config.stabilizationPodPrice).toBeCloseTo(podPrice(500, 500 * 2 ** 20), 12);
    expect(config.preferredNode).toEqual({ cpuMilli: 4000, memoryBytes: 0 });
  });

  it("keeps the cheapest for the cluster's size: a 13-node cluster prefers 4-core nodes, a 2-node one 1-core nodes", () => {
    expect(best('price', 13)).toEqual(['big']);
    expect(best('price', 2)).toEqual(['small']);
  });

  it('tells the other expanders nothing', () => {
    expect(expanderConfigFor('least-waste', pools, pods, 5)).toEqual({});
  });

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
});
