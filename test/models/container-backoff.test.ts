import { describe, expect, it } from 'vitest';
import { crashLoopBackOff, type CrashLoopBackOffPolicy } from '../../src/models/container-backoff.js';

// Runs a container that exits after each run in `ranMs`; returns the waits before its restarts, in s.
const waits = (ranMs: number[], policy?: CrashLoopBackOffPolicy) => {
  let backoffMs: number | null = null;
  return ranMs.map((ran) => {
    const r = crashLoopBackOff(backoffMs, ran, policy);
    backoffMs = r.backoffMs;
    return r.delayMs / 1000;
  });
};

describe("the kubelet's CrashLoopBackOff (doBackOff over flowcontrol.Backoff)", () => {
  it.each([
    ['the first exit restarts at once (no Backoff entry yet)', [0], [0]],
    ['then 10 s doubling, capped at 300 s', Array(9).fill(1_000), [0, 10, 20, 40, 80, 160, 300, 300, 300]],
    ['a run of exactly 10 min does not reset it (> 600 s upstream)', [0, 0, 0, 600_000], [0, 10, 20, 40]],
    ['a run of over 10 min resets it: restart at once, then 10 s again', [0, 0, 0, 600_001, 0], [0, 10, 20, 0, 10]],
    [
      'a long run at the cap also resets it',
      [...Array(8).fill(0), 3_600_000, 0, 0],
      [0, 10, 20, 40, 80, 160, 300, 300, 0, 10, 20],
    ],
  ])('%s', (_name, ranMs, expected) => {
    expect(waits(ranMs)).toEqual(expected);
  });

  it('with ReduceDefaultCrashLoopBackOffDecay (1 s, 60 s): 0, 1, 2, 4, … 32, 60', () => {
    const reduced = { initialMs: 1_000, maxMs: 60_000, resetMs: 600_000 };
    expect(waits(Array(9).fill(0), reduced)).toEqual([0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('with a maxContainerRestartPeriod below 10 s, the initial backoff is the max', () => {
    expect(waits([0, 0, 0], { initialMs: 10_000, maxMs: 5_000, resetMs: 600_000 })).toEqual([0, 5, 5]);
  });

  it('refuses a negative run time', () => {
    expect(() => crashLoopBackOff(null, -1)).toThrow('Negative or missing run time -1 ms');
  });
});
