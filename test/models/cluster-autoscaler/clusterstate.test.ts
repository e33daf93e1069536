import { describe, expect, it } from 'vitest';
import { registerScaleUp, scaleUpRequestState } from '../../../src/models/cluster-autoscaler/clusterstate.js';

const min = 60_000;

describe('scale-up requests (clusterstate.go)', () => {
  it('adds a later scale-up to the request and moves its deadline', () => {
    const first = registerScaleUp(undefined, 3, min, 15 * min);
    expect(first).toEqual({ increase: 3, startMs: min, expectedAddMs: 16 * min });
    expect(registerScaleUp(first, 2, 10 * min, 15 * min)).toEqual({ increase: 5, startMs: 10 * min, expectedAddMs: 25 * min });
  });

  it.each([
    [0, 30 * min, 'fulfilled'],
    [2, 16 * min, 'waiting'],
    [2, 16 * min + 1, 'timed-out'],
  ] as const)('with %i nodes unregistered at %i ms: %s', (unregistered, now, state) => {
    expect(scaleUpRequestState({ increase: 3, startMs: min, expectedAddMs: 16 * min }, unregistered, now)).toBe(state);
  });
});
