// DefaultPreemption's choices, after the cases of upstream's default_preemption_test.go
// (TestSelectNodesForPreemption, TestPickOneNodeForPreemption) on one resource: a node's room, the
// pods on it with their priority, size and start.
import { describe, expect, it } from 'vitest';
import {
  filterPodsWithPdbViolation,
  pickOneNodeForPreemption,
  selectVictimsOnNode,
  type Victims,
} from '../../../src/models/scheduler/preemption.js';

interface P {
  readonly name: string;
  readonly priority: number;
  readonly cpu: number;
  readonly start: number;
}
const pod = (name: string, priority: number, cpu: number, start = 0): P => ({ name, priority, cpu, start });
const startOf = (p: P) => p.start;

// The victims on a node of `room` CPU holding `pods`, for a preemptor of `priority` and `want` CPU.
function victims(room: number, pods: readonly P[], priority: number, want: number, violating: readonly string[] = []) {
  const used = pods.reduce((t, p) => t + p.cpu, 0);
  return selectVictimsOnNode(
    priority,
    pods,
    (removed) => room - used + [...removed].reduce((t, p) => t + p.cpu, 0) >= want,
    (sorted) => sorted.map((p) => violating.includes(p.name)),
    startOf,
  );
}
const names = (v: Victims<P> | null) => (v === null ? null : v.pods.map((p) => p.name));

describe('selectVictimsOnNode', () => {
  it('is no candidate when even without every lower-priority pod the preemptor does not fit', () => {
    expect(victims(4, [pod('a', 10, 2), pod('b', 200, 2)], 100, 3)).toBeNull();
  });

  it('is no candidate with no lower-priority pod', () => {
    expect(victims(4, [pod('a', 100, 4)], 100, 1)).toBeNull();
  });

  it('reprieves the most important pods first and evicts only what it must', () => {
    // 4 CPU full; the preemptor wants 2: the two lowest-priority 1-CPU pods go, the others stay.
    const v = victims(4, [pod('a', 1, 1), pod('b', 5, 1), pod('c', 3, 1), pod('d', 2, 1)], 10, 2);
    expect(names(v)).toEqual(['d', 'a']);
  });

  it('reprieves pods whose eviction would break a budget before the others, and counts those it cannot', () => {
    const pods = [pod('a', 1, 2), pod('b', 1, 2)];
    // Both equal; b is covered by a budget: it is reprieved first, so a goes.
    expect(names(victims(4, pods, 10, 2, ['b']))).toEqual(['a']);
    const v = victims(4, pods, 10, 4, ['b']);
    expect(names(v)!.sort()).toEqual(['a', 'b']);
    expect(v!.numViolatingVictims).toBe(1);
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (pods: P[], numViolatingVictims = 0): Victims<P> => ({ pods, numViolatingVictims });

  it.each([
    ['a node that needs no preemption', [v([pod('a', 5, 1)]), v([])], 1],
    ['the fewest budget violations', [v([pod('a', 1, 1)], 1), v([pod('b', 9, 1)], 0)], 1],
    ['the lowest highest-priority victim', [v([pod('a', 9, 1)]), v([pod('b', 5, 1), pod('c', 4, 1)])], 1],
    [
      'equal highest priorities: the smallest sum of priorities',
      [v([pod('a', 5, 1), pod('b', 4, 1)]), v([pod('c', 5, 1), pod('d', 2, 1)])],
      1,
    ],
    [
      'equal sums: the fewest victims',
      [v([pod('a', 5, 1), pod('b', 0, 1), pod('c', 0, 1)]), v([pod('d', 5, 1), pod('e', 0, 1)])],
      1,
    ],
    [
      'all else equal: the latest start among the highest-priority victims',
      [v([pod('a', 5, 1, 100)]), v([pod('b', 5, 1, 300)]), v([pod('c', 5, 1, 200)])],
      1,
    ],
    ['all equal: the first', [v([pod('a', 5, 1, 100)]), v([pod('b', 5, 1, 100)])], 0],
    ['no candidate', [], -1],
  ] as const)('picks %s', (_what, candidates, chosen) => {
    expect(pickOneNodeForPreemption(candidates as ReadonlyArray<Victims<P>>, startOf)).toBe(chosen);
  });
});

describe('filterPodsWithPdbViolation', () => {
  it('spends each budget in the order given; a pod past its allowance violates it', () => {
    const budgets = [{ allowed: 1, covers: (p: string) => p.startsWith('web') }];
    expect(filterPodsWithPdbViolation(['web-1', 'db-1', 'web-2', 'web-3'], budgets)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});
