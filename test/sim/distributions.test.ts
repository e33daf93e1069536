import { describe, expect, it } from 'vitest';
import {
  constant,
  empirical,
  exponential,
  lognormal,
  normal,
  quantile,
  RandomStreams,
  sample,
  sampleMilliseconds,
  standardNormalCdf,
  standardNormalQuantile,
  uniform,
  type Distribution,
  type RandomStream,
} from '../../src/sim/index.js';

function samples(d: Distribution, n = 40_000, seed = 1): number[] {
  const stream = new RandomStreams(seed).stream('test');
  return Array.from({ length: n }, () => sample(d, stream));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!;

describe('standard normal', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963985],
    [0.95, 1.644853627],
    [0.01, -2.326347874],
    [0.999, 3.090232306],
  ])('quantile(%f) = %f', (p, z) => {
    expect(standardNormalQuantile(p)).toBeCloseTo(z, 6);
    expect(standardNormalCdf(z)).toBeCloseTo(p, 6);
  });
});

describe('distributions', () => {
  it('constant gives its value', () => {
    expect(samples(constant(90_000), 3)).toEqual([90_000, 90_000, 90_000]);
  });

  it('uniform stays within [min, max) with the middle as mean', () => {
    const xs = samples(uniform(60_000, 120_000));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...xs)).toBeLessThan(120_000);
    expect(mean(xs)).toBeCloseTo(90_000, -3);
  });

  it('lognormal hits the median and p95 it was given', () => {
    const d = lognormal(90, 240);
    expect(quantile(d, 0.5)).toBeCloseTo(90, 6);
    expect(quantile(d, 0.95)).toBeCloseTo(240, 4);
    const xs = samples(d);
    expect(percentile(xs, 0.5) / 90).toBeCloseTo(1, 1);
    expect(percentile(xs, 0.95) / 240).toBeCloseTo(1, 1);
  });

  it('lognormal with p95 equal to the median is a constant', () => {
    expect(new Set(samples(lognormal(5, 5), 100))).toEqual(new Set([5]));
  });

  it('normal is truncated at 0: no negatives, and the half-normal mean sqrt(2/pi)', () => {
    const xs = samples(normal(0, 1));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // 40,000 draws: the standard error of the mean is 0.6 / 200 = 0.003; allow about 4 of them.
    expect(Math.abs(mean(xs) - Math.sqrt(2 / Math.PI))).toBeLessThan(0.012);
    expect(mean(samples(normal(100, 10)))).toBeCloseTo(100, 0);
  });

  it('normal far below 0 keeps its tail: the mean tends to stddev² / |mean|', () => {
    const xs = samples(normal(-10_000, 1_000));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(mean(xs)).toBeCloseTo(100, -1); // 1000² / 10000 = 100 (≈ 98 exactly)
    expect(Number.isFinite(Math.max(...samples(normal(-1e6, 1), 100)))).toBe(true);
  });

  it('exponential has the given mean', () => {
    expect(mean(samples(exponential(3_600_000))) / 3_600_000).toBeCloseTo(1, 1);
  });

  it('empirical picks its values equally, or by weight, and never a zero-weight one', () => {
    const even = samples(empirical([1, 2, 3, 4]));
    for (const v of [1, 2, 3, 4]) expect(even.filter((x) => x === v).length / even.length).toBeCloseTo(0.25, 1);
    const weighted = samples(empirical([10, 20, 30], [3, 1, 0]));
    expect(weighted.filter((x) => x === 10).length / weighted.length).toBeCloseTo(0.75, 1);
    expect(weighted).not.toContain(30);
  });

  it('costs exactly one draw per sample whatever the distribution', () => {
    let count = 0;
    const counting: RandomStream = { name: 'count', next: () => (count++, 0.3) };
    for (const d of [
      constant(1),
      uniform(0, 1),
      normal(1, 1),
      lognormal(1, 2),
      exponential(1),
      empirical([1, 2], [1, 1]),
    ]) {
      sample(d, counting);
    }
    expect(count).toBe(6);
  });

  it('sampleMilliseconds rounds to whole ms', () => {
    const stream = new RandomStreams(3).stream('ms');
    const xs = Array.from({ length: 100 }, () => sampleMilliseconds(lognormal(1500.5, 4000), stream));
    expect(xs.every(Number.isSafeInteger)).toBe(true);
  });

  it.each([
    [() => lognormal(5, 3), 'lognormal p95 3 is below its median 5; expected a p95 at least the median'],
    [() => lognormal(0, 3), 'lognormal median 0 must be above 0'],
    [() => uniform(2, 1), 'uniform lower bound 2 is above its upper bound 1; expected [min, max]'],
    [() => normal(1, -1), 'normal standard deviation -1 must be a number >= 0'],
    [() => exponential(0), 'exponential mean 0 must be above 0'],
    [() => empirical([]), 'empirical needs at least one value'],
    [() => empirical([1, 2], [1]), 'empirical has 2 values but 1 weights; give one weight per value'],
    [() => empirical([1, 2], [0, 0]), 'empirical weights must not all be 0'],
    [() => constant(Number.NaN), 'constant value NaN must be a finite number'],
  ])('rejects bad parameters with a sentence (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});
