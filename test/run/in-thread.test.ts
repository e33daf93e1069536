// Small runs simulate on the main thread; a run past IN_THREAD_POD_HOURS (all its designs on all
// its seeds) goes to worker threads, so that Ctrl-C and the progress are served meanwhile.
import { describe, expect, it } from 'vitest';
import { IN_THREAD_POD_HOURS, runsInThread } from '../../src/run/in-thread.js';
import { smallRun } from '../../src/run/outputs.js';
import { demandOf } from '../../src/scenario/budget.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('runsInThread', () => {
  it('sends a day of diurnal load to workers', () => {
    const day = loadScenario('scenarios/diurnal.yaml').scenario!;
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

describe('smallRun', () => {
  it('counts every design when none is named, each named one once, on every seed', () => {
    const small = loadScenario('scenarios/node-size.yaml').scenario!;
    const day = loadScenario('scenarios/diurnal.yaml').scenario!;
    expect(smallRun(small, { designs: [], seeds: 1 })).toBe(true);
    // No design named is every design, not none: the day goes to workers.
    expect(smallRun(day, { designs: [], seeds: 1 })).toBe(false);
    const one = small.designs[0]!.name;
    const runs = Math.floor(IN_THREAD_POD_HOURS / demandOf(small).podHours);
    expect(smallRun(small, { designs: [one, one], seeds: runs })).toBe(runsInThread(small, runs));
    expect(smallRun(small, { designs: [], seeds: runs })).toBe(runsInThread(small, small.designs.length * runs));
  });
});
