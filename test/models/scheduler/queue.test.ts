import { describe, expect, it } from 'vitest';
import { calculateBackoffDuration } from '../../../src/models/scheduler/queue.js';

// TestBackOffFlow-style: 1 s, 2 s, 4 s, 8 s, then the 10 s cap.
describe('calculateBackoffDuration', () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [50, 10_000],
  ])('attempt %i → %i ms', (attempts, ms) => {
    expect(calculateBackoffDuration(attempts)).toBe(ms);
  });

  it('honours other bounds', () => {
    expect(calculateBackoffDuration(3, 500, 1500)).toBe(1500);
  });
});
