// The sample's ceilings are grouped by workload in the order they were added, however the
// workloads' entries interleave, and the counts of pods they stand for add up per workload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleCeilings } from '../../src/simulate/usage-ceilings.js';

describe('SampleCeilings', () => {
  it('groups interleaved entries by workload, keeping their order', () => {
    const c = new SampleCeilings(3);
    c.add(2, 5, 1);
    c.add(0, 7, 3);
    c.add(2, 1, 2);
    c.add(0, Infinity, 1);
    c.group();
    expect([...c.ceilingsOf(0)]).toEqual([7, Infinity]);
    expect([...c.countsOf(0)]).toEqual([3, 1]);
    expect([...c.ceilingsOf(1)]).toEqual([]);
    expect([...c.ceilingsOf(2)]).toEqual([5, 1]);
    expect([...c.countsOf(2)]).toEqual([1, 2]);
    expect(c.podsOf(0)).toBe(4);
    expect(c.podsOf(2)).toBe(3);
  });

  it('matches per-workload lists over many samples, past its first arrays', () => {
    const entry = fc.tuple(fc.nat(4), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 50 }));
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 3000 }), { minLength: 1, maxLength: 3 }), (samples) => {
        const c = new SampleCeilings(5);
        for (const sample of samples) {
          c.clear();
          const lists: Array<Array<[number, number]>> = Array.from({ length: 5 }, () => []);
          for (const [slot, value, count] of sample) {
            c.add(slot, value, count);
            lists[slot]!.push([value, count]);
          }
          c.group();
          lists.forEach((list, slot) => {
            expect([...c.ceilingsOf(slot)]).toEqual(list.map(([v]) => v));
            expect([...c.countsOf(slot)]).toEqual(list.map(([, n]) => n));
            expect(c.podsOf(slot)).toBe(list.reduce((t, [, n]) => t + n, 0));
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});
