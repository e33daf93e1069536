import { describe, expect, it } from 'vitest';
import {
  isClusterHealthy,
  registerScaleUp,
  scaleUpRequestState,
} from '../../../src/models/cluster-autoscaler/clusterstate.js';

const min = 60_000;

describe('scale-up requests (clusterstate.go)', () => {
  it('adds a later scale-up to the request and moves its deadline', () => {
    const first = registerScaleUp(undefined, 3, min, 15 * min);
    expect(first).toEqual({ increase: 3, startMs: min, expectedAddMs: 16 * min });
    expect(registerScaleUp(first, 2, 10 * min, 15 * min)).toEqual({
      increase: 5,
      startMs: 10 * min,
      expectedAddMs: 25 * min,
    });
  });

  it.each([
    [0, 30 * min, 'fulfilled'],
    [2, 16 * min, 'waiting'],
    [2, 16 * min + 1, 'timed-out'],
  ] as const)('with %i nodes unregistered at %i ms: %s', (unregistered, now, state) => {
    expect(scaleUpRequestState({ increase: 3, startMs: min, expectedAddMs: 16 * min }, unregistered, now)).toBe(state);
  });
});

describe('isClusterHealthy (clusterstate.go IsClusterHealthy; defaults 3 nodes and 45%)', () => {
  it.each([
    [0, 6, true],
    [3, 6, true], // not more than ok-total-unready-count
    [4, 6, false], // 4 > 3 and 4 > 2.7
    [4, 10, true], // 4 ≤ 4.5
    [5, 10, false],
    [3, 3, true], // a tiny cluster all unready: still within the count
    [40, 100, true],
    [46, 100, false],
  ])('%i unready of %i nodes: healthy %s', (unready, total, healthy) => {
    expect(isClusterHealthy(unready, total, 3, 45)).toBe(healthy);
  });
});
