// Upstream's own expander tests (kubernetes/autoscaler cluster-autoscaler/expander/*/*_test.go),
// through expanderBestOptions.
import { describe, expect, it } from 'vitest';
import {
  expanderBestOptions,
  type ExpanderConfig,
  type ExpanderOption,
  type ExpanderPod,
} from '../../../src/models/cluster-autoscaler/expander-filters.js';

const option = (group: string, o: Partial<ExpanderOption> = {}): ExpanderOption => ({
  group,
  nodeCount: 1,
  exists: true,
  nodeTemplate: { cpuMilli: 1000, memoryBytes: 1000, pods: 110 },
  pods: [],
  ...o,
});
const pod = (name: string, cpuMilli: number, memoryBytes = 0): ExpanderPod => ({ name, cpuMilli, memoryBytes });

describe('least-waste (waste_test.go TestLeastWaste)', () => {
  const cpu = 500;
  const memory = 1000 * 1024 * 1024;
  const template = (c: number, m: number) => ({ cpuMilli: c * cpu, memoryBytes: m * memory, pods: 100 });
  const balanced = option('balanced', { nodeTemplate: template(16, 16) });
  const p = pod('p', cpu, memory);

  it('one option without pods, then with one pod: that option', () => {
    expect(expanderBestOptions({ expander: 'least-waste', options: [balanced] })).toEqual(['balanced']);
    expect(expanderBestOptions({ expander: 'least-waste', options: [{ ...balanced, pods: [p] }] })).toEqual([
      'balanced',
    ]);
  });

  it('balanced over high-memory; then low-CPU over both', () => {
    const withPod = { ...balanced, pods: [p] };
    const highmem = option('highmem', { nodeTemplate: template(16, 32), pods: [p] });
    const lowcpu = option('lowcpu', { nodeTemplate: template(8, 16), pods: [p] });
    expect(expanderBestOptions({ expander: 'least-waste', options: [withPod, highmem] })).toEqual(['balanced']);
    expect(expanderBestOptions({ expander: 'least-waste', options: [withPod, highmem, lowcpu] })).toEqual(['lowcpu']);
  });

  it('skips an option without a node template (no node info)', () => {
    expect(
      expanderBestOptions({ expander: 'least-waste', options: [option('none', { nodeTemplate: null }), balanced] }),
    ).toEqual(['balanced']);
  });
});

describe('most-pods (mostpods_test.go TestMostPods)', () => {
  const eo0 = option('EO0');
  const eo1 = option('EO1', { pods: [pod('a', 0)] });
  const eo1b = option('EO1b', { pods: [pod('b', 0)] });
  it.each([
    [[eo0], ['EO0']],
    [[eo0, eo1], ['EO1']],
    [
      [eo0, eo1, eo1b],
      ['EO1', 'EO1b'],
    ],
  ])('%#', (options, best) => expect(expanderBestOptions({ expander: 'most-pods', options })).toEqual(best));
});

describe('least-nodes (leastnodes_test.go TestLeastNodes)', () => {
  const eo = (counts: number[]) => counts.map((nodeCount, i) => option(`EO${i}`, { nodeCount }));
  it.each<[string, number[], string[]]>([
    ['no options', [], []],
    ['no valid options', [0], []],
    ['1 valid option', [2], ['EO0']],
    ['2 valid options, not equal', [2, 1], ['EO1']],
    ['3 valid options, 2 equal', [6, 2, 2], ['EO1', 'EO2']],
    ['3 valid options, all equal', [8, 8, 8], ['EO0', 'EO1', 'EO2']],
    ['6 valid options, 1 invalid option, 3 equal', [23, 0, 5, 8, 5, 5, 22], ['EO2', 'EO4', 'EO5']],
  ])('%s', (_name, counts, best) =>
    expect(expanderBestOptions({ expander: 'least-nodes', options: eo(counts) })).toEqual(best),
  );
});

describe('priority (priority_test.go)', () => {
  const config = { 5: ['.*t2\\.micro.*'], 10: ['.*t2\\.large.*', '.*t3\\.large.*'], 50: ['.*m4\\.4xlarge.*'] };
  const oneEntry = { 10: ['.*t2\\.large.*'] };
  const wildcard = { 5: ['.*'], 10: ['.t2\\.large.*'] };
  const [t2Micro, t2Large, t3Large, m4] = ['t2.micro', 't2.large', 't3.large', 'm4.4xlarge'].map((t) =>
    option(`my-asg.${t}`),
  ) as [ExpanderOption, ExpanderOption, ExpanderOption, ExpanderOption];
  it.each<[string, ExpanderConfig['priorities'], ExpanderOption[], string[]]>([
    ['SingleMatchingOptionOutOfOne', config, [t2Large], ['my-asg.t2.large']],
    ['SingleMatchingOptionOutOfMany', config, [t2Large, m4], ['my-asg.m4.4xlarge']],
    ['FiltersToHigherPriorityMatch', wildcard, [t2Large, t2Micro], ['my-asg.t2.large']],
    ['TwoMatchingOptionsOutOfMany', config, [t2Large, t3Large, t2Micro], ['my-asg.t2.large', 'my-asg.t3.large']],
    ['FallsBackToAllWhenNoMatches', config, [t2Large, t3Large], ['my-asg.t2.large', 'my-asg.t3.large']],
    ['HandlesConfigUpdate (before)', oneEntry, [t2Large, t3Large, m4], ['my-asg.t2.large']],
    ['HandlesConfigUpdate (after)', config, [t2Large, t3Large, m4], ['my-asg.m4.4xlarge']],
    [
      'an empty configuration filters nothing',
      {},
      [t2Large, t3Large, m4],
      ['my-asg.t2.large', 'my-asg.t3.large', 'my-asg.m4.4xlarge'],
    ],
  ])('%s', (_name, priorities, options, best) =>
    expect(expanderBestOptions({ expander: 'priority', options, config: { priorities } })).toEqual(best),
  );
});

describe('price (price_test.go TestPriceExpander)', () => {
  const GiB = 2 ** 30;
  // n1: 1 CPU; n2, n3: 4 CPUs. p1 1 CPU, p2 500m.
  const [p1, p2] = [pod('p1', 1000), pod('p2', 500)];
  const ng1 = (nodeCount: number, pods = [p1, p2]) =>
    option('ng1', { nodeCount, pods, nodeTemplate: { cpuMilli: 1000, memoryBytes: 1000, pods: 110 } });
  const ng2 = (nodeCount: number) =>
    option('ng2', { nodeCount, pods: [p1, p2], nodeTemplate: { cpuMilli: 4000, memoryBytes: 1000, pods: 110 } });
  const ng3 = option('ng3', {
    exists: false,
    pods: [p1, p2],
    nodeTemplate: { cpuMilli: 4000, memoryBytes: 1000, pods: 110 },
  });
  const prices = (n1: number, n2: number, n3?: number, preferredCpu = 2000): ExpanderConfig => ({
    nodePricesPerGroup: { ng1: n1, ng2: n2, ...(n3 === undefined ? {} : { ng3: n3 }) },
    podPrices: { p1: 20, p2: 10 },
    stabilizationPodPrice: 10,
    preferredNode: { cpuMilli: preferredCpu, memoryBytes: GiB },
  });
  const best = (options: ExpanderOption[], config: ExpanderConfig) =>
    expanderBestOptions({ expander: 'price', options, config });

  it.each<[string, ExpanderOption[], ExpanderConfig, string[]]>([
    ['the first group is cheaper', [ng1(2), ng2(1)], prices(20, 200), ['ng1']],
    ['the first is cheaper, the second preferred', [ng1(2), ng2(1)], prices(50, 200, undefined, 4000), ['ng2']],
    ['cheaper first, preferred second, many nodes', [ng1(80), ng2(40)], prices(20, 200, undefined, 4000), ['ng1']],
    ['the second group is cheaper', [ng1(2), ng2(1)], prices(200, 100), ['ng2']],
    ['equally expensive, but the second takes both pods', [ng1(2, [p1]), ng2(1)], prices(200, 200), ['ng2']],
    ['an existing group over a new one of the same price', [ng1(2, [p1]), ng2(1), ng3], prices(200, 200, 200), ['ng2']],
    ['a new group when it is cheaper', [ng1(2, [p1]), ng2(1), ng3], prices(200, 200, 90), ['ng3']],
  ])('%s', (_name, options, config, expected) => expect(best(options, config)).toEqual(expected));

  it('skips options it cannot price: none left when no price is known', () => {
    expect(best([ng1(2, [p1]), ng2(1)], { podPrices: {}, nodePricesPerGroup: {} })).toEqual([]);
  });
});
