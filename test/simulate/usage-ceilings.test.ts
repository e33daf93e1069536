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
  baseMilli: 100,
  perRequestMilli: 2,
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
    [cohort(0, { perRequestMilli: 0 }), 0, Infinity], // CPU does not grow with requests
  ])('%o at %d spare a unit of weight serves %d', (c, spare, rps) => {
    expect(memberCeiling(c, spare)).toBe(rps);
  });
});

describe('SampleCeilings', () => {
  it('hands each workload its members, then its own pods, with the lowest known before the entries', () => {
    const c = new SampleCeilings(3);
    c.clear();
    c.cohort(0, cohort(2));
    c.cohort(1, cohort(0, { limitMilli: 320 }));
    c.member(0, 4, 5);
    c.member(1, 2, 5);
    c.member(0, 1, 0);
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
        baseMilli: fc.integer({ min: 0, max: 500 }),
        perRequestMilli: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 20, noNaN: true })),
        cpuWeight: fc.integer({ min: 1, max: 100 }),
      })
      .map(({ headroom, ...f }) => ({ ...f, limitMilli: f.usedMilli + headroom }));
    const member = fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 50, noNaN: true }));
    const own = fc.tuple(fc.nat(3), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 1, max: 9 }));
    const sample = fc.record({
      cohorts: fc.array(figures, { minLength: 6, maxLength: 6 }),
      members: fc.array(member, { minLength: 1100, maxLength: 1500 }),
      own: fc.array(own, { minLength: 260, maxLength: 400 }),
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 3 }), (samples) => {
        const c = new SampleCeilings(4);
        for (const s of samples) {
          c.clear();
          s.cohorts.forEach((f, i) => c.cohort(i, f));
          const lists: Array<Array<[number, number]>> = Array.from({ length: 4 }, () => []);
          for (const [i, count, spare] of s.members) {
            c.member(i, count, spare);
            lists[s.cohorts[i]!.slot]!.push([memberCeiling(s.cohorts[i]!, spare), count]);
          }
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
