// Tables transcribed from kubernetes/kubernetes pkg/kubelet/eviction/helpers_test.go: TestParseThresholdConfig
// (the memory.available hard rows), TestThresholdsMet, TestPercentageThresholdsMet (memory rows),
// TestOrderedByExceedsRequestMemory, TestOrderedByPriority, TestOrderedByMemory, TestOrderedByPriorityMemory.
// The flag-form ParseThresholdConfig rows (memory.available<150Mi, duplicate-signal) are from commit
// 0fe831c3e98b5dc6de63a86eb3822acbf7d3c761; the 0%/100%/150% rows and the ordering tests from a current copy.
// Priorities low/default/high = -1/0/1 as in pkg/kubelet/eviction/eviction_manager_test.go.
import { describe, expect, it } from 'vitest';
import {
  exceedMemoryRequests,
  getThresholdQuantity,
  memory,
  orderedBy,
  parseThresholdConfig,
  priority,
  rankMemoryPressure,
  thresholdMet,
  ThresholdError,
  type EvictionPod,
  type Threshold,
} from '../../src/models/eviction.js';
import { parseMemoryBytes } from '../../src/models/quantity.js';
import { GiB, MiB } from '../../src/models/units.js';

const [lowPriority, defaultPriority, highPriority] = [-1, 0, 1];
const pod = (name: string, prio: number, requestMi: number, usageMi: number | null): EvictionPod => ({
  name,
  priority: prio,
  memoryRequestBytes: requestMi * MiB,
  memoryUsageBytes: usageMi === null ? null : usageMi * MiB,
});
const names = (pods: EvictionPod[]) => pods.map((p) => p.name);

describe('parseThresholdConfig (TestParseThresholdConfig, memory.available hard rows)', () => {
  it.each([
    ['no values', '', []],
    [
      'all flag values',
      'memory.available<150Mi',
      [{ signal: 'memory.available', value: { quantityBytes: 150 * MiB } }],
    ],
    // "10%" is float32(10) / 100 in upstream's parsePercentage.
    [
      'all flag values in percentages',
      'memory.available<10%',
      [{ signal: 'memory.available', value: { percentage: Math.fround(0.1) } }],
    ],
    ['disable via 0%', 'memory.available<0%', []],
    ['disable via 100%', 'memory.available<100%', []],
  ] as const)('%s', (_name, flag, expected) => {
    expect(parseThresholdConfig(flag)).toEqual(expected);
  });

  it.each([
    ['invalid-signal', 'mem.available<150Mi', /unsupported eviction signal mem.available/],
    ['hard-signal-negative', 'memory.available<-150Mi', /must be positive: -150Mi/],
    ['hard-signal-negative-percentage', 'memory.available<-15%', /must be >= 0%: -15%/],
    ['hard-signal-percentage-greater-than-100%', 'memory.available<150%', /must be <= 100%: 150%/],
    ['duplicate-signal', 'memory.available<150Mi,memory.available<100Mi', /duplicate/],
    ['valid-and-invalid-signal', 'memory.available<150Mi,invalid.foo<150Mi', /unsupported eviction signal invalid.foo/],
  ])('%s is an error', (_name, flag, message) => {
    expect(() => parseThresholdConfig(flag)).toThrow(ThresholdError);
    expect(() => parseThresholdConfig(flag)).toThrow(message);
  });

  it('refuses a signal the kubelet knows but poolsim does not simulate, saying so', () => {
    expect(() => parseThresholdConfig('nodefs.available<10%')).toThrow(/does not simulate/);
  });
});

describe('thresholdMet (TestThresholdsMet)', () => {
  const hardThreshold: Threshold = {
    signal: 'memory.available',
    value: { quantityBytes: GiB },
    minReclaim: { quantityBytes: 500 * MiB },
  };
  it.each([
    ['threshold-met-memory', false, '500Mi', true],
    ['threshold-not-met', false, '2Gi', false],
    // 1Gi + 500Mi = 1.49Gi > 1.05Gi available
    ['threshold-met-with-min-reclaim', true, '1.05Gi', true],
    ['threshold-not-met-with-min-reclaim', true, '2Gi', false],
  ] as const)('%s', (_name, enforceMinReclaim, available, met) => {
    const observed = { availableBytes: parseMemoryBytes(available), capacityBytes: 0 };
    expect(thresholdMet(hardThreshold, observed, enforceMinReclaim)).toBe(met);
  });
});

describe('thresholdMet with percentages (TestPercentageThresholdsMet, memory rows)', () => {
  const threshold: Threshold = {
    signal: 'memory.available',
    value: { percentage: Math.fround(0.2) },
    minReclaim: { percentage: Math.fround(0.05) },
  };
  it.each([
    // 20% of 1000Mi = 200Mi (209715203 bytes with float32 rounding)
    ['BothMet', false, 100, true],
    ['NoneMet', false, 300, false],
    // 20% + 5% of 1000Mi = 250Mi > 225Mi
    ['MemoryMetWithMinReclaim', true, 225, true],
    ['MemoryNotMetWithMinReclaim', true, 300, false],
  ] as const)('%s', (_name, enforceMinReclaim, availableMi, met) => {
    const observed = { availableBytes: availableMi * MiB, capacityBytes: 1000 * MiB };
    expect(thresholdMet(threshold, observed, enforceMinReclaim)).toBe(met);
  });

  it('getThresholdQuantity truncates capacity × float32 percentage, as int64(float64(c) * float64(p))', () => {
    // 4Gi × float32(0.1) = 429496736.0… (not 4Gi / 10 = 429496729.6)
    expect(getThresholdQuantity({ percentage: Math.fround(0.1) }, 4 * GiB)).toBe(429_496_736);
    expect(getThresholdQuantity({ quantityBytes: 100 * MiB }, 4 * GiB)).toBe(100 * MiB);
  });
});

describe('ranking pods under memory pressure', () => {
  it('TestOrderedByExceedsRequestMemory', () => {
    const below = pod('below-requests', -1, 200, 199); // -1 relative to request
    const exceeds = pod('exceeds-requests', 1, 100, 101); // 1 relative to request
    expect(names(orderedBy(exceedMemoryRequests)([below, exceeds]))).toEqual(['exceeds-requests', 'below-requests']);
  });

  it('TestOrderedByPriority', () => {
    const pods = [
      pod('high-priority', 12534, 200, 0),
      pod('medium-priority', 1, 100, 0),
      pod('low-priority', -134, 0, 0),
    ];
    expect(names(orderedBy(priority)(pods))).toEqual(['low-priority', 'medium-priority', 'high-priority']);
  });

  it('TestOrderedByMemory: greediest relative to request first', () => {
    const pods = [
      pod('best-effort-high', defaultPriority, 0, 500), // 500 relative to request
      pod('best-effort-low', defaultPriority, 0, 300), // 300
      pod('burstable-high', defaultPriority, 100, 800), // 700
      pod('burstable-low', defaultPriority, 100, 300), // 200
      pod('guaranteed-high', defaultPriority, 1024, 800), // -224
      pod('guaranteed-low', defaultPriority, 1024, 200), // -824
    ];
    expect(names(orderedBy(memory)(pods))).toEqual([
      'burstable-high',
      'best-effort-high',
      'best-effort-low',
      'burstable-low',
      'guaranteed-high',
      'guaranteed-low',
    ]);
  });

  it('TestOrderedByPriorityMemory: rankMemoryPressure = orderedBy(exceedMemoryRequests, priority, memory)', () => {
    const expected = [
      pod('above-requests-low-priority-high-usage', lowPriority, 0, 500), // 500 relative to request
      pod('above-requests-low-priority-low-usage', lowPriority, 0, 50), // 50
      pod('above-requests-high-priority-high-usage', highPriority, 100, 600), // 500
      pod('above-requests-high-priority-low-usage', highPriority, 100, 150), // 50
      pod('below-requests-low-priority-high-usage', lowPriority, 1024, 800), // -224
      pod('below-requests-low-priority-low-usage', lowPriority, 1024, 200), // -824
      pod('below-requests-high-priority-high-usage', highPriority, 1024, 800), // -224
      pod('below-requests-high-priority-low-usage', highPriority, 1024, 200), // -824
    ];
    expect(rankMemoryPressure([...expected].reverse())).toEqual(expected);
  });

  it('evicts a pod with no stats first, as upstream does when statsFunc finds none', () => {
    const pods = [pod('greedy', lowPriority, 0, 4096), pod('unmeasured', highPriority, 1024, null)];
    expect(names(rankMemoryPressure(pods))).toEqual(['unmeasured', 'greedy']);
  });

  it('worked case: the pod over its request is evicted before a lower-priority pod within it', () => {
    // A node with memory.available<100Mi has 80Mi available, so the threshold is met. "batch" has
    // priority 0 and uses 1.5Gi of its 2Gi request; "web" has priority 1000 and uses 600Mi of a
    // 512Mi request. Upstream evicts "web" first: exceeding its request outranks its higher priority.
    const [threshold] = parseThresholdConfig('memory.available<100Mi');
    expect(thresholdMet(threshold!, { availableBytes: 80 * MiB, capacityBytes: 8 * GiB })).toBe(true);
    const ranked = rankMemoryPressure([pod('batch', 0, 2048, 1536), pod('web', 1000, 512, 600)]);
    expect(names(ranked)).toEqual(['web', 'batch']);
  });
});
