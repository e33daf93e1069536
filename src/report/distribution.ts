// A metric over many seeds: percentiles, the mean and a 95% confidence interval of the mean, as
// summary.json's `distributions` holds them. Pure and order-independent: the same values in any
// order give the same figures, so results do not depend on which worker ran which seed.

/** Distribution is one metric over the seeds that have a value for it. */
export interface Distribution {
  /** n counts the seeds with a value; missing those without (no pod became Ready, nothing was lost, ...). */
  readonly n: number;
  readonly missing: number;
  readonly p5: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly mean: number | null;
  /** stdError is the standard error of the mean (sample standard deviation ÷ √n); null below 2 values. */
  readonly stdError: number | null;
  /** ci95Low and ci95High bound the mean with 95% confidence (Student's t with n − 1 degrees of freedom). */
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/** quantile is the p-quantile of sorted values by linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

// Student's t at 97.5% for 1…30 degrees of freedom.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

// Beyond 30 degrees of freedom, the value at the next tabulated df below (a little wide, never narrow).
const T975_BEYOND: ReadonlyArray<readonly [number, number]> = [
  [1000, 1.962],
  [120, 1.98],
  [60, 2.0],
  [40, 2.021],
  [30, 2.042],
];

/** tQuantile975 is the two-sided 95% critical value of Student's t with `df` degrees of freedom (a fraction is rounded down). */
export function tQuantile975(df: number): number {
  const whole = Math.floor(df);
  if (whole < 1) return T975[0]!;
  if (whole <= T975.length) return T975[whole - 1]!;
  return T975_BEYOND.find(([at]) => whole >= at)![1];
}

const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(12)));

/** distribution summarizes one metric's values over the seeds; null values count as missing. */
export function distribution(values: ReadonlyArray<number | null>): Distribution {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const n = present.length;
  // Summed in sorted order: the same total whatever order the seeds finished in.
  const mean = n === 0 ? null : present.reduce((s, v) => s + v, 0) / n;
  let stdError: number | null = null;
  if (n >= 2 && mean !== null) {
    const variance = present.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    stdError = Math.sqrt(variance / n);
  }
  const half = stdError === null ? null : tQuantile975(n - 1) * stdError;
  return {
    n,
    missing: values.length - n,
    p5: round(quantile(present, 0.05)),
    p50: round(quantile(present, 0.5)),
    p95: round(quantile(present, 0.95)),
    mean: round(mean),
    stdError: round(stdError),
    ci95Low: round(half === null ? null : mean! - half),
    ci95High: round(half === null ? null : mean! + half),
  };
}
