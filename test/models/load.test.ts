import { describe, expect, it } from 'vitest';
import { componentRate, requestRate, servedPerPod, type LoadComponent } from '../../src/models/load.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('load profiles', () => {
  it.each([
    [
      { kind: 'constant', rps: 100 },
      [
        [0, 100],
        [HOUR, 100],
      ],
    ],
    [
      { kind: 'step', atMs: 10 * MIN, rps: 50 },
      [
        [0, 0],
        [10 * MIN - 1, 0],
        [10 * MIN, 50],
      ],
    ],
    [
      { kind: 'ramp', startMs: 10 * MIN, endMs: 20 * MIN, from: 100, to: 300 },
      [
        [0, 100],
        [15 * MIN, 200],
        [20 * MIN, 300],
        [HOUR, 300],
      ],
    ],
    [
      { kind: 'spike', atMs: 5 * MIN, durationMs: MIN, rps: 1000 },
      [
        [5 * MIN - 1, 0],
        [5 * MIN, 1000],
        [6 * MIN - 1, 1000],
        [6 * MIN, 0],
      ],
    ],
    [
      { kind: 'diurnal', mean: 500, amplitude: 300, periodMs: 24 * HOUR, peakAtMs: 14 * HOUR },
      [
        [14 * HOUR, 800],
        [2 * HOUR, 200],
        [8 * HOUR, 500],
      ],
    ],
    [
      {
        kind: 'trace',
        file: 't.csv',
        points: [
          { atMs: MIN, rps: 10 },
          { atMs: 3 * MIN, rps: 30 },
        ],
      },
      [
        [0, 10],
        [MIN, 10],
        [2 * MIN, 10],
        [3 * MIN, 30],
        [HOUR, 30],
      ],
    ],
  ] as Array<[LoadComponent, Array<[number, number]>]>)('%o', (component, samples) => {
    for (const [t, rps] of samples) expect(componentRate(component, t)).toBeCloseTo(rps, 9);
  });

  it('sums components and never goes below 0', () => {
    const profile: LoadComponent[] = [
      { kind: 'constant', rps: 100 },
      { kind: 'step', atMs: MIN, rps: -150 },
      { kind: 'spike', atMs: 2 * MIN, durationMs: MIN, rps: 500 },
    ];
    expect([0, MIN, 2 * MIN].map((t) => requestRate(profile, t))).toEqual([100, 0, 450]);
  });
});

describe('servedPerPod', () => {
  it.each([
    // request, per request, base, served: what is left of the request above the base, a request's CPU at a time
    [500, 2, 20, 240],
    [1000, 1, 0, 1000],
    [500, 2, 500, 0], // the base alone reaches the request
    [500, 2, 800, 0], // and above it: nothing is served, never a negative count
    [500, 0, 20, Infinity], // a request that costs no CPU
  ])('a pod asking %im at %im a request over %im serves %d req/s', (request, perRequest, base, served) => {
    expect(servedPerPod(request, { cpuPerRequestMilli: perRequest, baseCpuMilli: base })).toBe(served);
  });
});
