import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  burstCeilings,
  convertCPUSharesToCgroupV2Value,
  cpuSharesToCPUWeight,
  milliCPUToShares,
  shareCpu,
  throttledMilli,
  type CpuClaim,
} from '../../src/models/cpu-share.js';

const pod = (requestMilli: number, limitMilli: number | null, demandMilli: number): CpuClaim => ({
  requestMilli,
  limitMilli,
  demandMilli,
});

describe('MilliCPUToShares and the cgroup v2 weight', () => {
  it.each([
    [0, 2, 1], // no request: MinShares
    [1, 2, 1], // 1 × 1024 / 1000 = 1 → MinShares
    [250, 256, 10], // 1 + (254 × 9999) / 262142 = 10
    [500, 512, 20],
    [750, 768, 30],
    [1000, 1024, 39], // below the kernel's default weight of 100: kubernetes issue 131216
    [1_000_000, 262144, 10000], // MaxShares
  ])('%im → %i shares → weight %i', (milli, shares, weight) => {
    expect(milliCPUToShares(milli)).toBe(shares);
    expect(cpuSharesToCPUWeight(shares)).toBe(weight);
  });

  it.each([
    [2, 1],
    [256, 35],
    [768, 80],
    [1024, 100], // the quadratic map sends one CPU's request to the default weight
    [262144, 10000],
  ])('the newer quadratic map (opencontainers/cgroups): %i shares → weight %i', (shares, weight) => {
    expect(convertCPUSharesToCgroupV2Value(shares)).toBe(weight);
  });
});

describe('shareCpu: CFS water-filling by weight, capped by demand and limit', () => {
  it.each<[string, number, CpuClaim[], number[]]>([
    [
      'two 500m/2-CPU pods on 4 CPUs, one busy: it runs up to its limit',
      4000,
      [pod(500, 2000, 3000), pod(500, 2000, 0)],
      [2000, 0],
    ],
    [
      'the same on 1 CPU: the busy pod gets what the other leaves (1000 − 300)',
      1000,
      [pod(500, 2000, 3000), pod(500, 2000, 300)],
      [700, 300],
    ],
    [
      'the same on 1 CPU, both busy: equal weights, half each',
      1000,
      [pod(500, 2000, 3000), pod(500, 2000, 3000)],
      [500, 500],
    ],
    ['everything fits: each gets min(demand, limit)', 4000, [pod(100, null, 1500), pod(100, 200, 900)], [1500, 200]],
    // weights 10 and 30 (250m, 750m): 1000 × 10/40 = 250, 1000 × 30/40 = 750
    ['contended, requests 1:3 → CPU 1:3', 1000, [pod(250, null, 2000), pod(750, null, 2000)], [250, 750]],
    // weights 1 (no request) and 39 (1000m): 2000 × 1/40 = 50, 2000 × 39/40 = 1950
    ['a pod without request gets the minimum weight', 2000, [pod(0, null, 4000), pod(1000, null, 4000)], [50, 1950]],
    // weights 20, 20, 20: 1000 each; the limited pod stops at 400, so (3000 − 400) / 2 = 1300 each
    [
      'a pod held by its limit releases the rest to the others',
      3000,
      [pod(500, 400, 3000), pod(500, null, 3000), pod(500, null, 3000)],
      [400, 1300, 1300],
    ],
  ])('%s', (_name, capacity, pods, expected) => {
    const got = shareCpu(capacity, pods);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
  });

  it('with the quadratic weight map, requests 1:3 give 35:80, not 1:3', () => {
    const got = shareCpu(1150, [pod(250, null, 2000), pod(750, null, 2000)], convertCPUSharesToCgroupV2Value);
    expect(got[0]).toBeCloseTo(350, 6); // 1150 × 35/115
    expect(got[1]).toBeCloseTo(800, 6);
  });

  it('refuses a negative demand, naming the pod', () => {
    expect(() => shareCpu(1000, [pod(0, null, -5)])).toThrow('Negative or missing CPU demand -5 (pod 0)');
  });

  it('throttledMilli is the demand above the limit', () => {
    expect([throttledMilli(3000, 2000), throttledMilli(1000, 2000), throttledMilli(3000, null)]).toEqual([1000, 0, 0]);
  });

  const claims = fc.array(
    fc.record({
      requestMilli: fc.integer({ min: 0, max: 4000 }),
      limitMilli: fc.option(fc.integer({ min: 1, max: 8000 }), { nil: null }),
      demandMilli: fc.integer({ min: 0, max: 8000 }),
    }),
    { maxLength: 8 },
  );

  it('conserves CPU and respects each cap; more capacity never gives a pod less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16000 }),
        fc.integer({ min: 0, max: 4000 }),
        claims,
        (capacity, more, pods) => {
          const got = shareCpu(capacity, pods);
          const sum = got.reduce((a, b) => a + b, 0);
          const wanted = pods.reduce((s, p) => s + Math.min(p.demandMilli, p.limitMilli ?? Infinity), 0);
          expect(sum).toBeLessThanOrEqual(capacity + 1e-6);
          expect(sum).toBeCloseTo(Math.min(capacity, wanted), 6); // work-conserving
          pods.forEach((p, i) =>
            expect(got[i]).toBeLessThanOrEqual(Math.min(p.demandMilli, p.limitMilli ?? Infinity) + 1e-6),
          );
          const bigger = shareCpu(capacity + more, pods);
          bigger.forEach((v, i) => expect(v).toBeGreaterThanOrEqual((got[i] ?? 0) - 1e-6));
        },
      ),
    );
  });
});

describe('burstCeilings: the most a pod could take before the next sample', () => {
  const elastic = (requestMilli: number, limitMilli: number | null, demandMilli: number, grows = true) => ({
    ...pod(requestMilli, limitMilli, demandMilli),
    elastic: grows,
  });
  it.each<[string, number, ReturnType<typeof elastic>[], number[]]>([
    // 4,000 − 800 = 3,200 spare, split by weight 20:20 between the two pods that may grow.
    ['spare split by weight', 4000, [elastic(500, null, 400), elastic(500, null, 400)], [2000, 2000]],
    // The limited pod stops at 1,000; the spare is still split by weight (an estimate).
    ['never above the limit', 4000, [elastic(500, 1000, 400), elastic(500, null, 400)], [1000, 2000]],
    // A pod that serves no load (not elastic) keeps what it has, and takes no part of the spare.
    [
      'a pod without load keeps its allocation',
      4000,
      [elastic(500, null, 400), elastic(500, null, 300, false)],
      [3700, 300],
    ],
    // Contended at 1,000: the busy pods share the CFS level; an idle one could rise to it too.
    [
      'contended: the CFS level',
      1000,
      [elastic(500, null, 3000), elastic(500, null, 3000), elastic(500, null, 0)],
      [500, 500, 500],
    ],
    [
      'contended: a light pod may rise to the level',
      1000,
      [elastic(500, null, 3000), elastic(500, null, 200)],
      [800, 800],
    ],
  ])('%s', (_name, capacity, pods, expected) => {
    const alloc = shareCpu(capacity, pods);
    burstCeilings(capacity, pods, alloc).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
});
