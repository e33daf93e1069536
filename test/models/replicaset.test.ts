import { describe, expect, it } from 'vitest';
import { getPodsToDelete, type RankedPod } from '../../src/models/replicaset.js';

const NOW = 10 * 3_600_000;
const pod = (name: string, over: Partial<RankedPod> = {}): RankedPod => ({
  name,
  node: 'n1',
  phase: 'Running',
  ready: true,
  readySince: NOW - 3_600_000,
  created: NOW - 3_600_000,
  ...over,
});
const pick = (pods: RankedPod[], n: number) => getPodsToDelete(pods, n, NOW).map((p) => p.name);

describe('getPodsToDelete (ActivePodsWithRanks)', () => {
  it.each([
    [
      'unscheduled before scheduled',
      [pod('bound'), pod('pending', { node: null, phase: 'Pending', ready: false })],
      'pending',
    ],
    [
      'Pending before Running',
      [pod('running', { node: 'n2' }), pod('pending', { phase: 'Pending', ready: false })],
      'pending',
    ],
    ['Unknown before Running', [pod('running'), pod('lost', { phase: 'Unknown' })], 'lost'],
    ['not ready before ready', [pod('ready'), pod('starting', { ready: false })], 'starting'],
    ['doubled up before alone', [pod('alone', { node: 'n2' }), pod('crowded-1'), pod('crowded-2')], 'crowded-1'],
    [
      'ready for less time first',
      [pod('old', { node: 'n2' }), pod('new', { node: 'n3', readySince: NOW - 1000 })],
      'new',
    ],
    ['more restarts first', [pod('calm', { node: 'n2' }), pod('flappy', { node: 'n3', restarts: 4 })], 'flappy'],
    [
      'newer first',
      [
        pod('old', { node: 'n2', created: NOW - 7_200_000, readySince: NOW - 3_600_000 }),
        pod('young', { node: 'n3', created: NOW - 60_000, readySince: NOW - 3_600_000 }),
      ],
      'young',
    ],
  ] as const)('%s', (_name, pods, first) => {
    expect(pick([...pods], 1)).toEqual([first]);
  });

  it('treats ages in the same power-of-two bucket as equal (LogarithmicScaleDown), then goes by name', () => {
    // 40 and 50 minutes both fall in [2^41, 2^42) ns: a tie, broken by name.
    const pods = [
      pod('b', { node: 'n2', readySince: NOW - 40 * 60_000 }),
      pod('a', { node: 'n3', readySince: NOW - 50 * 60_000 }),
    ];
    expect(pick(pods, 1)).toEqual(['a']);
  });

  it('picks as many as asked, in rank order, and none for a non-positive diff', () => {
    const pods = [
      pod('r1', { node: 'n2' }),
      pod('p1', { node: null, phase: 'Pending', ready: false }),
      pod('u1', { ready: false }),
    ];
    expect(pick(pods, 2)).toEqual(['p1', 'u1']);
    expect(pick(pods, 0)).toEqual([]);
  });
});
