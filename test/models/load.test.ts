import { describe, expect, it } from 'vitest';
import { componentRate, requestRate, type LoadComponent } from '../../src/models/load.js';

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
