import { describe, expect, it } from 'vitest';
import { distribution, quantile, tQuantile975 } from '../../src/report/distribution.js';

describe('quantile (type 7, as numpy.quantile)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.05, 1.15],
    [[1, 2, 3, 4], 0.95, 3.85],
    [[7], 0.95, 7],
    [[0, 10], 0.25, 2.5],
  ])('%j at %f is %f', (values, p, expected) => {
    expect(quantile(values, p)).toBeCloseTo(expected, 12);
  });
  it('is null without values', () => expect(quantile([], 0.5)).toBeNull());
});

describe('distribution', () => {
  it("gives percentiles, the mean and a 95% confidence interval of the mean with Student's t", () => {
    const d = distribution([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(d).toMatchObject({ n: 8, missing: 0, mean: 5, p50: 4.5 });
    // Sample standard deviation √(32/7); standard error ÷ √8; t(7) = 2.365.
    const se = Math.sqrt(32 / 7 / 8);
    expect(d.stdError).toBeCloseTo(se, 9);
    expect(d.ci95Low).toBeCloseTo(5 - 2.365 * se, 9);
    expect(d.ci95High).toBeCloseTo(5 + 2.365 * se, 9);
  });

  it('counts null values as missing and leaves them out', () => {
    expect(distribution([null, 3, null])).toMatchObject({
      n: 1,
      missing: 2,
      mean: 3,
      p5: 3,
      stdError: null,
      ci95Low: null,
    });
    expect(distribution([null])).toMatchObject({ n: 0, missing: 1, mean: null, p95: null });
  });

  it('does not depend on the order of the seeds', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 1e3 + i / 7);
    expect(distribution([...values].reverse())).toEqual(distribution(values));
  });

  it("uses Student's t, never narrower than the table beyond 30 degrees of freedom", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(4.7)).toBe(2.776);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(31)).toBe(2.042);
    expect(tQuantile975(45)).toBe(2.021);
    expect(tQuantile975(999)).toBe(1.98);
    expect(tQuantile975(5000)).toBe(1.962);
  });
});
