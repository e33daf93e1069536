import type { RandomStream } from './random.js';
import { standardNormalCdf, standardNormalQuantile, Z_95 } from './normal.js';

/**
 * Distribution describes a random quantity as data, so that scenarios can write it and reports can
 * print it. Values carry no unit here; callers decide (durations are ms).
 */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  /** normal truncated at 0: the normal distribution conditioned on being >= 0. */
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number }
  /** lognormal by median and 95th percentile, the two figures people know about latencies. */
  | { readonly kind: 'lognormal'; readonly median: number; readonly p95: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  /** empirical: one of `values`, equally likely, or in proportion to `weights` when given. */
  | { readonly kind: 'empirical'; readonly values: readonly number[]; readonly weights?: readonly number[] };

/** constant always gives `value`. */
export const constant = (value: number): Distribution => checked({ kind: 'constant', value });
/** uniform gives values evenly spread over [min, max). */
export const uniform = (min: number, max: number): Distribution => checked({ kind: 'uniform', min, max });
/** normal gives a normal(mean, stddev) value conditioned on being >= 0. */
export const normal = (mean: number, stddev: number): Distribution => checked({ kind: 'normal', mean, stddev });
/** lognormal gives values whose median and 95th percentile are the ones given. */
export const lognormal = (median: number, p95: number): Distribution => checked({ kind: 'lognormal', median, p95 });
/** exponential gives values with the given mean (memoryless waits, e.g. time between faults). */
export const exponential = (mean: number): Distribution => checked({ kind: 'exponential', mean });
/** empirical picks one of `values`, in proportion to `weights` when given. */
export const empirical = (values: readonly number[], weights?: readonly number[]): Distribution =>
  checked(weights === undefined ? { kind: 'empirical', values } : { kind: 'empirical', values, weights });

/** distributionProblem returns why `d` is not a usable distribution, or undefined when it is; `show` prints its values (e.g. as durations). */
export function distributionProblem(d: Distribution, show: (x: number) => string = String): string | undefined {
  const finite = (x: number) => Number.isFinite(x);
  switch (d.kind) {
    case 'constant':
      return finite(d.value) ? undefined : `constant value ${d.value} must be a finite number`;
    case 'uniform':
      if (!finite(d.min) || !finite(d.max))
        return `uniform bounds [${show(d.min)}, ${show(d.max)}] must be finite numbers`;
      return d.min <= d.max
        ? undefined
        : `uniform lower bound ${show(d.min)} is above its upper bound ${show(d.max)}; expected [min, max]`;
    case 'normal':
      if (!finite(d.mean)) return `normal mean ${d.mean} must be a finite number`;
      return finite(d.stddev) && d.stddev >= 0
        ? undefined
        : `normal standard deviation ${d.stddev} must be a number >= 0`;
    case 'lognormal':
      if (!finite(d.median) || d.median <= 0) return `lognormal median ${show(d.median)} must be above 0`;
      return finite(d.p95) && d.p95 >= d.median
        ? undefined
        : `lognormal p95 ${show(d.p95)} is below its median ${show(d.median)}; expected a p95 at least the median`;
    case 'exponential':
      return finite(d.mean) && d.mean > 0 ? undefined : `exponential mean ${show(d.mean)} must be above 0`;
    case 'empirical':
      return empiricalProblem(d.values, d.weights);
  }
}

function empiricalProblem(values: readonly number[], weights?: readonly number[]): string | undefined {
  if (values.length === 0) return 'empirical needs at least one value';
  if (!values.every(Number.isFinite)) return 'empirical values must all be finite numbers';
  if (weights === undefined) return undefined;
  if (weights.length !== values.length)
    return `empirical has ${values.length} values but ${weights.length} weights; give one weight per value`;
  if (!weights.every((w) => Number.isFinite(w) && w >= 0)) return 'empirical weights must be numbers >= 0';
  return weights.some((w) => w > 0) ? undefined : 'empirical weights must not all be 0';
}

function checked(d: Distribution): Distribution {
  const problem = distributionProblem(d);
  if (problem !== undefined) throw new RangeError(problem);
  return d;
}

/**
 * quantile returns the value below which a fraction `u` (in [0, 1)) of the distribution lies.
 * Sampling is by inversion, so every sample costs exactly one draw whatever the distribution:
 * swapping one component's distribution never shifts the draws that follow on its stream.
 */
export function quantile(d: Distribution, u: number): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + u * (d.max - d.min);
    case 'normal':
      return truncatedNormalQuantile(d.mean, d.stddev, u);
    case 'lognormal': {
      const mu = Math.log(d.median);
      const sigma = (Math.log(d.p95) - mu) / Z_95;
      return Math.exp(mu + sigma * standardNormalQuantile(u));
    }
    case 'exponential':
      return -d.mean * Math.log1p(-u);
    case 'empirical':
      return empiricalQuantile(d.values, d.weights, u);
  }
}

function truncatedNormalQuantile(mean: number, stddev: number, u: number): number {
  if (stddev === 0) return Math.max(0, mean);
  const z = -mean / stddev; // where 0 lies, in deviations from the mean
  // Far in the upper tail (z > 8) 1 − Φ(z) underflows; there the truncated normal tends to an
  // exponential of mean stddev / z (the Mills ratio), which we sample instead.
  if (z > 8) return (-stddev / z) * Math.log1p(-u);
  const below = standardNormalCdf(z); // mass under 0, cut away
  return Math.max(0, mean + stddev * standardNormalQuantile(below + u * (1 - below)));
}

function empiricalQuantile(values: readonly number[], weights: readonly number[] | undefined, u: number): number {
  if (weights === undefined) return values[Math.min(values.length - 1, Math.floor(u * values.length))]!;
  const total = weights.reduce((a, b) => a + b, 0);
  let target = u * total;
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    if (weights[i]! === 0) continue;
    last = i;
    target -= weights[i]!;
    if (target < 0) return values[i]!;
  }
  return values[last]!; // only reached through rounding when u is within an ulp of 1
}

/** sample draws one value of `d` from `stream`. */
export function sample(d: Distribution, stream: RandomStream): number {
  return quantile(d, stream.next());
}

/** sampleMilliseconds draws a duration in whole ms (rounded, never below 0) for scheduling. */
export function sampleMilliseconds(d: Distribution, stream: RandomStream): number {
  return Math.max(0, Math.round(sample(d, stream)));
}
