import { describe, expect, it } from 'vitest';
import {
  computeZoneState,
  passAfter,
  passAtOrAfter,
  readyUnknownAtMs,
  taintingRate,
} from '../../src/models/node-lifecycle.js';

describe("the node lifecycle controller's passes", () => {
  it('fall every period from the phase', () => {
    expect(passAtOrAfter(10_000, 5_000, 1_000)).toBe(11_000);
    expect(passAtOrAfter(11_000, 5_000, 1_000)).toBe(11_000);
    expect(passAfter(11_000, 5_000, 1_000)).toBe(16_000);
    expect(passAfter(10_999, 5_000, 1_000)).toBe(11_000);
  });

  it.each([
    // last renewal, phase, grace → Unknown at: probe = first pass at or after the renewal; then the first pass after probe + grace
    [60_000, 0, 40_000, 105_000], // probe 60 s; 100 s is not after 100 s; 105 s is
    [60_000, 0, 50_000, 115_000], // 1.32+: 50 s
    [61_000, 2_000, 40_000, 107_000], // probe 62 s; first pass after 102 s is 107 s
    [62_000, 2_000, 40_000, 107_000],
  ])(
    'a kubelet last heard at %i ms (passes at %i + 5k s, grace %i ms) goes Unknown at %i ms',
    (last, phase, grace, at) => {
      expect(readyUnknownAtMs({ lastRenewMs: last, periodMs: 5_000, phaseMs: phase, graceMs: grace })).toBe(at);
    },
  );
});

describe('zone states and the tainting rate (ComputeZoneState, ReducedQPSFunc)', () => {
  it.each([
    [10, 0, 'Normal'],
    [10, 2, 'Normal'], // 2 not ready is never a disruption
    [1, 2, 'Normal'],
    [2, 3, 'PartialDisruption'], // more than 2 and 60% ≥ 55%
    [3, 3, 'Normal'], // 50%
    [9, 11, 'PartialDisruption'], // 55% exactly: the threshold is ≥
    [0, 1, 'FullDisruption'],
    [0, 0, 'Normal'],
  ])('%i ready and %i not ready: %s', (ready, notReady, state) => {
    expect(computeZoneState(ready, notReady)).toBe(state);
  });

  it('taints 0.1 nodes/s in a healthy zone, 0.01 in a partly disrupted large zone, none in a small one or with every node down', () => {
    expect(taintingRate('Normal', 3)).toBe(0.1);
    expect(taintingRate('PartialDisruption', 51)).toBe(0.01);
    expect(taintingRate('PartialDisruption', 50)).toBe(0);
    expect(taintingRate('FullDisruption', 200)).toBe(0);
  });

  it('taints a fully disrupted zone at the healthy rate while another zone is not (enterFullDisruptionFunc)', () => {
    expect(taintingRate('FullDisruption', 3, false)).toBe(0.1);
    expect(taintingRate('FullDisruption', 3, true)).toBe(0);
  });
});
