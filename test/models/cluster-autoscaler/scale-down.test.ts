import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nodesToRemove,
  trackUnneeded,
  unneededNodes,
  unneededNodesLimit,
  unneededNodesUsingUp,
  utilization,
  type Candidate,
} from '../../../src/models/cluster-autoscaler/scale-down.js';
import type { PendingPod } from '../../../src/models/scheduler/schedule-one.js';
import { free, pending, room as roomOf } from '../builders.js';

const node = (name: string, cpu: number, mem: number, pods: PendingPod[] = [], group = 'g'): Candidate => ({
  name,
  group,
  allocatable: { cpuMilli: 1000, memoryBytes: 1000 },
  requested: { cpuMilli: cpu, memoryBytes: mem },
  pods,
});
const room = (name: string, cpuMilli: number, memoryBytes = 1000) => ({
  name,
  room: roomOf(free(cpuMilli, memoryBytes)),
});

describe('utilization (simulator/utilization/info.go)', () => {
  it.each([
    [100, 600, 0.6],
    [700, 200, 0.7],
    [0, 0, 0],
  ])('cpu %i m, memory %i → %f', (cpu, mem, u) => {
    expect(utilization(node('n', cpu, mem))).toBeCloseTo(u, 12);
  });
});

describe('unneededNodes (FindNodesToRemove)', () => {
  it('takes nodes strictly under the threshold whose pods fit elsewhere', () => {
    const pod = pending(300, 100);
    const candidates = [node('a', 300, 100, [pod]), node('b', 500, 100, [pending(500, 100)]), node('c', 900, 100, [])];
    expect(unneededNodes(candidates, [room('a', 700), room('b', 500), room('c', 100)], 0.5)).toEqual(['a']);
  });

  it('does not let two nodes count on the same room', () => {
    const pod = pending(300, 100);
    const candidates = [node('a', 300, 100, [pod]), node('b', 300, 100, [pod])];
    // a's pod moves to b (or c); then b's pod can only go to c, which a's pod did not take.
    expect(unneededNodes(candidates, [room('a', 700), room('b', 700), room('c', 400)], 0.5)).toEqual(['a', 'b']);
    expect(unneededNodes(candidates, [room('a', 700), room('b', 700)], 0.5)).toEqual(['a']);
  });

  it('takes an empty node at once', () => {
    expect(unneededNodes([node('e', 50, 50)], [], 0.5)).toEqual(['e']);
  });

  it('finds the same nodes on rooms given up as on copies, leaving the given rooms alone only in the copying one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 1000 }), mem: fc.integer({ min: 0, max: 1000 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.array(fc.array(fc.constantFrom(50, 100, 300), { maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (frees, podSets, limit) => {
          const destinations = () => frees.map((f, i) => room(`n${i}`, f.cpu, f.mem));
          const candidates = podSets.map((cpus, i) =>
            node(
              `n${i}`,
              cpus.reduce((a, b) => a + b, 0),
              100,
              cpus.map((c) => pending(c, 50)),
            ),
          );
          const kept = destinations();
          const before = JSON.stringify(kept.map((d) => d.room.free));
          const copying = unneededNodes(candidates, kept, 0.5, undefined, limit);
          expect(JSON.stringify(kept.map((d) => d.room.free))).toBe(before);
          const given = destinations();
          expect(unneededNodesUsingUp(candidates, given, 0.5, undefined, limit)).toEqual(copying);
          // What the unneeded nodes' pods took is gone from the rooms given up.
          const taken = (list: ReturnType<typeof destinations>) => list.reduce((t, d) => t + d.room.free.cpuMilli, 0);
          const moved = candidates
            .filter((c) => copying.includes(c.name))
            .reduce((t, c) => t + c.pods.reduce((p, q) => p + q.cpuMilli, 0), 0);
          expect(taken(kept) - taken(given)).toBe(moved);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('unneededNodesLimit (planner.go)', () => {
  // [--max-scale-down-parallelism, unneeded now, unneeded time s, loop interval s, limit]
  it.each([
    [1, 0, 600, 10, 2], // upstream's TestPlanner_AtomicNodesProcessedAfterNonAtomicLimit: "capped at 2"
    [10, 0, 600, 10, 20],
    [10, 5, 600, 10, 25],
    [10, 700, 600, 10, 610], // N × U/I + N: more could not be removed before they are found again
    [10, 3, 5, 10, 20], // an unneeded time under the interval counts as one loop
  ])('N %i, %i unneeded, U %i s, I %i s → %i', (n, unneeded, u, i, limit) => {
    expect(
      unneededNodesLimit({
        maxScaleDownParallelism: n,
        unneededCount: unneeded,
        unneededTimeMs: u * 1000,
        loopIntervalMs: i * 1000,
      }),
    ).toBe(limit);
  });

  it('stops unneededNodes once the limit is found', () => {
    const empties = ['a', 'b', 'c', 'd'].map((name) => node(name, 0, 0));
    expect(unneededNodes(empties, [], 0.5, undefined, 2)).toEqual(['a', 'b']);
    expect(unneededNodes(empties, [], 0.5)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('trackUnneeded', () => {
  it('keeps the first time of nodes still unneeded and forgets the others', () => {
    expect([
      ...trackUnneeded(
        new Map([
          ['a', 10],
          ['b', 20],
        ]),
        ['a', 'c'],
        30,
      ),
    ]).toEqual([
      ['a', 10],
      ['c', 30],
    ]);
  });
});

describe('nodesToRemove', () => {
  const limits = {
    unneededTimeMs: 600_000,
    unreadyTimeMs: 1_200_000,
    maxEmptyBulkDelete: 2,
    drainSlots: 1,
    removable: new Map([['g', 10]]),
  };
  const pod = pending(1, 1);
  it('removes nodes unneeded for the whole unneeded time: empty ones in bulk, one drain at a time', () => {
    const c = [
      node('e1', 0, 0),
      node('e2', 0, 0),
      node('e3', 0, 0),
      node('p1', 1, 1, [pod]),
      node('p2', 1, 1, [pod]),
      node('young', 0, 0),
    ];
    const since = new Map([
      ['e1', 0],
      ['e2', 0],
      ['e3', 0],
      ['p1', 0],
      ['p2', 0],
      ['young', 1],
    ]);
    expect(nodesToRemove(c, since, 600_000, limits)).toEqual({ empty: ['e1', 'e2'], drain: ['p1'] });
  });

  it('keeps each group at its minimum', () => {
    const c = [node('e1', 0, 0), node('e2', 0, 0, [], 'h')];
    expect(
      nodesToRemove(
        c,
        new Map([
          ['e1', 0],
          ['e2', 0],
        ]),
        600_000,
        {
          ...limits,
          removable: new Map([
            ['g', 0],
            ['h', 1],
          ]),
        },
      ),
    ).toEqual({ empty: ['e2'], drain: [] });
  });

  it('waits scale-down-unready-time (20 min) for an unready node, not the unneeded time', () => {
    const c = [{ ...node('sick', 0, 0), unready: true }, node('idle', 0, 0)];
    const since = new Map([
      ['sick', 0],
      ['idle', 0],
    ]);
    expect(nodesToRemove(c, since, 600_000, limits)).toEqual({ empty: ['idle'], drain: [] });
    expect(nodesToRemove(c, since, 1_200_000, limits)).toEqual({ empty: ['sick', 'idle'], drain: [] });
  });
});
