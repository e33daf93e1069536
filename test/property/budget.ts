// How hard the property and fuzz tests try. CI uses the defaults: a fixed seed (the same cases on
// every run, so a red CI is reproducible) and a few seconds a property. For a longer hunt:
//   POOLSIM_PROPERTY_RUNS=2000 POOLSIM_PROPERTY_SECONDS=600 POOLSIM_PROPERTY_SEED=$RANDOM npm test
// A failing case prints its seed and path; rerun it with those two.
import type { Parameters } from 'fast-check';

const number = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${text}: expected a number above 0`);
  return n;
};

/** PROPERTY_SEED is fast-check's seed: fixed unless POOLSIM_PROPERTY_SEED says otherwise. */
export const PROPERTY_SEED = number('POOLSIM_PROPERTY_SEED', 20261123);

/** SCALE multiplies every property's number of cases (POOLSIM_PROPERTY_RUNS / the default of 1). */
const runsOverride = process.env.POOLSIM_PROPERTY_RUNS;

/** SECONDS is each property's time budget; past it fast-check stops and the cases run so far count. */
const seconds = number('POOLSIM_PROPERTY_SECONDS', 0);

/** budget gives fast-check's parameters for a property that tries `runs` cases in CI within `ciSeconds`. */
export function budget<T>(runs: number, ciSeconds: number): Parameters<T> {
  const total = runsOverride === undefined ? runs : number('POOLSIM_PROPERTY_RUNS', runs);
  return {
    seed: PROPERTY_SEED,
    numRuns: total,
    interruptAfterTimeLimit: (seconds > 0 ? seconds : ciSeconds) * 1000,
    markInterruptAsFailure: false,
  };
}

/** testTimeoutMs is the vitest timeout for a property with `ciSeconds` of budget: the budget and room to finish the case under way. */
export function testTimeoutMs(ciSeconds: number): number {
  return ((seconds > 0 ? seconds : ciSeconds) + 60) * 1000;
}
