// A sample's ceilings are handed to the load meters workload by workload: each workload's cohort
// members' entries in the order found, then its own pods' in the order added; the lowest (known
// before any entry is worked out) is the least of them, and the pods they stand for add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberCeiling, SampleCeilings, type CohortCeiling } from '../../src/simulate/usage-ceilings.js';

const cohort = (slot: number, over: Partial<CohortCeiling> = {}): CohortCeiling => ({
  slot,
  usedMilli: 300,
  limitMilli: Infinity,
  baseCpuMilli: 100,
  cpuPerRequestMilli: 2,
  cpuWeight: 10,
  ...over,
});

describe('memberCeiling', () => {
  it.each([
    // [figures, spare CPU a unit of weight, requests a second]
    [cohort(0), 0, 100], // no spare CPU: what it uses now, less its base, a request at a time
    [cohort(0), 5, 125], // 300 + 5 × 10 = 350 millicores
    [cohort(0, { limitMilli: 320 }), 5, 110], // its limit holds it at 320
    [cohort(0, { usedMilli: 50 }), 0, 0], // below its base: serves nothing
    [cohort(0, { cpuPerRequestMilli: 0 }), 0, Infinity], // CPU does not grow with requests
  ])('%o at %d spare a unit of weight serves %d', (c, spare, rps) => {
    expect(memberCeiling(c, spare)).toBe(rps);
  });
});

// Nodes' member entries given as the sample gives them: a copy of the membership's arrays (with a
// stray entry between nodes, as the arrays keep room a node moved out of), then each node's range,
// and the members counted by workload.
function giveNodes(c: SampleCeilings, cohorts: readonly CohortCeiling[], nodes: ReadonlyArray<Node>): void {
  const cohortAt: number[] = [];
  const countAt: number[] = [];
  const ranges = nodes.map(({ entries }) => {
    cohortAt.push(0);
    countAt.push(99); // stray: no node's
    const start = cohortAt.length;
    for (const [i, count] of entries) {
      cohortAt.push(i);
      countAt.push(count);
    }
    return [start, cohortAt.length];
  });
  c.snapshot(Int32Array.from(cohortAt), Int32Array.from(countAt));
  nodes.forEach(({ spare, entries }, j) => {
    c.node(ranges[j]![0]!, ranges[j]![1]!, spare);
    for (const [i, count] of entries) c.members(cohorts[i]!.slot, count);
  });
}

interface Node {
  readonly spare: number;
  readonly entries: ReadonlyArray<readonly [number, number]>;
}

describe('SampleCeilings', () => {
  it('hands each workload its members, then its own pods, with the lowest known before the entries', () => {
    const c = new SampleCeilings(3);
    c.clear();
    const cohorts = [cohort(2), cohort(0, { limitMilli: 320 })];
    cohorts.forEach((f, i) => c.cohort(i, f));
    giveNodes(c, cohorts, [
      {
        spare: 5,
        entries: [
          [0, 4],
          [1, 2],
        ],
      },
      { spare: 0, entries: [[0, 1]] },
    ]);
    c.add(0, 7, 3);
    c.add(2, 90, 1);
    c.finish();
    const two = c.listOf(2);
    expect(two.pods).toBe(6);
    expect(two.lowest).toBe(90);
    expect([...two.entries().ceilings]).toEqual([125, 100, 90]);
    expect([...two.entries().counts]).toEqual([4, 1, 1]);
    const zero = c.listOf(0);
    expect([zero.pods, zero.lowest]).toEqual([5, 7]);
    expect([...zero.entries().ceilings]).toEqual([110, 7]);
    expect(c.listOf(1)).toMatchObject({ pods: 0, lowest: Infinity });
    expect([...c.listOf(1).entries().ceilings]).toEqual([]);
  });

  it('matches per-workload lists over samples, past its first arrays', () => {
    // A member uses at most its limit (its CPU is its demand held to the limit).
    const figures = fc
      .record({
        slot: fc.nat(3),
        usedMilli: fc.integer({ min: 0, max: 2000 }),
        headroom: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 1000 })),
        baseCpuMilli: fc.integer({ min: 0, max: 500 }),
        cpuPerRequestMilli: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 20, noNaN: true })),
        cpuWeight: fc.integer({ min: 1, max: 100 }),
      })
      .map(({ headroom, ...f }) => ({ ...f, limitMilli: f.usedMilli + headroom }));
    const node = fc.record({
      spare: fc.double({ min: 0, max: 50, noNaN: true }),
      entries: fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 8 }),
    });
    const own = fc.tuple(fc.nat(3), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 1, max: 9 }));
    const sample = fc.record({
      cohorts: fc.array(figures, { minLength: 6, maxLength: 6 }),
      nodes: fc.array(node, { minLength: 200, maxLength: 300 }),
      own: fc.array(own, { minLength: 260, maxLength: 400 }),
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 3 }), (samples) => {
        const c = new SampleCeilings(4);
        for (const s of samples) {
          c.clear();
          s.cohorts.forEach((f, i) => c.cohort(i, f));
          const lists: Array<Array<[number, number]>> = Array.from({ length: 4 }, () => []);
          giveNodes(c, s.cohorts, s.nodes);
          for (const { spare, entries } of s.nodes)
            for (const [i, count] of entries)
              lists[s.cohorts[i]!.slot]!.push([memberCeiling(s.cohorts[i]!, spare), count]);
          const owned: Array<Array<[number, number]>> = Array.from({ length: 4 }, () => []);
          for (const [slot, value, count] of s.own) {
            c.add(slot, value, count);
            owned[slot]!.push([value, count]);
          }
          c.finish();
          lists.forEach((list, slot) => {
            const all = [...list, ...owned[slot]!];
            const got = c.listOf(slot);
            expect([...got.entries().ceilings]).toEqual(all.map(([v]) => v));
            expect([...got.entries().counts]).toEqual(all.map(([, n]) => n));
            expect(got.pods).toBe(all.reduce((t, [, n]) => t + n, 0));
            expect(got.lowest).toBe(Math.min(...all.map(([v]) => v)));
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
