// How hard the property and fuzz tests try: a fixed number of cases each, from a fixed seed, so that
// every run of the suite tries the same cases however busy the machine (a red CI is reproducible,
// and no test depends on how fast it runs). For a longer hunt:
//   POOLSIM_PROPERTY_RUNS=2000 POOLSIM_PROPERTY_SEED=$RANDOM npm test
// A failing case prints its seed and path; rerun it with those two.
import type { Parameters } from 'fast-check';

const number = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${text}: expected a number above 0`);
  return n;
};

// fast-check's seed: fixed unless POOLSIM_PROPERTY_SEED says otherwise.
const PROPERTY_SEED = number('POOLSIM_PROPERTY_SEED', 20261123);

// How many cases a property of `runs` cases tries: POOLSIM_PROPERTY_RUNS, when set, for every property.
const runsFor = (runs: number): number => Math.round(number('POOLSIM_PROPERTY_RUNS', runs));

/** budget gives fast-check's parameters for a property of `runs` cases. */
export function budget<T>(runs: number): Parameters<T> {
  return { seed: PROPERTY_SEED, numRuns: runsFor(runs) };
}

/**
 * testTimeoutMs is vitest's timeout for a property of `runs` cases that takes about `quietSeconds`
 * on a quiet machine: ten times that (for more cases, in proportion) and a minute. It catches a
 * hang, not a slow machine.
 */
export function testTimeoutMs(runs: number, quietSeconds: number): number {
  return ((10 * quietSeconds * runsFor(runs)) / runs + 60) * 1000;
}
