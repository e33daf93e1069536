import { describe, expect, it } from 'vitest';
import { backoff, BACKOFF_RESET_TIMEOUT_MS, isBackedOff } from '../../../src/models/cluster-autoscaler/backoff.js';

const min = 60_000;
const s = { initialMs: 5 * min, maxMs: 30 * min, resetMs: BACKOFF_RESET_TIMEOUT_MS };

describe('node-group backoff (exponential_backoff.go)', () => {
  it('starts at 5 min and doubles on each failure after the last backoff ended, up to 30 min', () => {
    let b = backoff(undefined, 0, s);
    const durations = [b.durationMs];
    for (let i = 0; i < 5; i++) {
      b = backoff(b, b.untilMs + 1, s);
      durations.push(b.durationMs);
    }
    expect(durations.map((d) => d / min)).toEqual([5, 10, 20, 30, 30, 30]);
  });

  it('does not grow for a failure during the backoff (concurrent scale-ups failing): the initial duration again', () => {
    const second = backoff(backoff(undefined, 0, s), 6 * min, s);
    expect(second.durationMs).toBe(10 * min);
    expect(backoff(second, 7 * min, s)).toEqual({ durationMs: 5 * min, untilMs: 12 * min, lastFailedMs: 7 * min });
  });

  it('starts over after 3 h without a failure', () => {
    const first = backoff(backoff(undefined, 0, s), 6 * min, s);
    expect(first.durationMs).toBe(10 * min);
    expect(backoff(first, 6 * min + BACKOFF_RESET_TIMEOUT_MS + 1, s).durationMs).toBe(5 * min);
  });

  it.each([
    [undefined, 0, false],
    [{ durationMs: 1, untilMs: 10, lastFailedMs: 9 }, 9, true],
    [{ durationMs: 1, untilMs: 10, lastFailedMs: 9 }, 10, false],
  ] as const)('isBackedOff(%j, %i) is %s', (info, now, expected) => {
    expect(isBackedOff(info, now)).toBe(expected);
  });
});
