// Small runs simulate on the main thread; a run past IN_THREAD_POD_HOURS (all its designs on all
// its seeds) goes to worker threads, so that Ctrl-C and the progress are served meanwhile.
import { describe, expect, it } from 'vitest';
import { IN_THREAD_POD_HOURS, runsInThread } from '../../src/run/in-thread.js';
import { demandOf } from '../../src/scenario/budget.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('runsInThread', () => {
  it('keeps the README run on the main thread and a day of diurnal load on workers', () => {
    const small = loadScenario('scenarios/node-size.yaml').scenario!;
    const day = loadScenario('scenarios/diurnal.yaml').scenario!;
    expect(runsInThread(small, small.designs.length)).toBe(true);
    expect(runsInThread(day, day.designs.length)).toBe(false);
  });

  it('counts every run (a design on a seed) against the bound', () => {
    const small = loadScenario('scenarios/node-size.yaml').scenario!;
    const podHours = demandOf(small).podHours; // 17 pods for an hour
    const runs = Math.floor(IN_THREAD_POD_HOURS / podHours);
    expect(runsInThread(small, runs)).toBe(true);
    expect(runsInThread(small, runs + 1)).toBe(false);
  });
});
