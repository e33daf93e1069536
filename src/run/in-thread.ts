// Where a run's simulations go. A small run (the peer benchmark's 100 nodes and 1,067 pods for 10
// minutes) simulates in a fraction of a second: it runs on the main thread, sparing the worker
// threads' start (each loads the simulator again, ~0.3 s). A bigger one runs on worker threads, so
// that Ctrl-C is answered and the progress shown while a design simulates.
import { demandOf } from '../scenario/budget.js';
import type { Scenario } from '../scenario/model.js';

/** IN_THREAD_POD_HOURS: runs (every design on every seed) of at most this many pod-hours together simulate on the main thread. */
export const IN_THREAD_POD_HOURS = 500;

/** runsInThread says whether `runs` runs of `scenario` (its chosen designs on each seed) make a small run. */
export function runsInThread(scenario: Scenario, runs: number): boolean {
  return demandOf(scenario).podHours * runs <= IN_THREAD_POD_HOURS;
}
