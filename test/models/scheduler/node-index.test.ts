import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeIndex } from '../../../src/models/scheduler/node-index.js';
import { RandomStreams } from '../../../src/sim/random.js';

// The first node at or after `from` with room, or -1.
const nextFit = (index: NodeIndex, from: number, cpu: number, memory: number) => {
  let found = -1;
  index.forEachFit(from, index.capacity, cpu, memory, (i) => ((found = i), false));
  return found;
};

describe('NodeIndex', () => {
  it('finds the first node at or after a position with room for the request', () => {
    const index = new NodeIndex(5);
    [
      [100, 1000, 1],
      [4000, 8000, 0],
      [4000, 8000, 3],
      [300, 9000, 2],
      [4000, 100, 9],
    ].forEach(([c, m, s], i) => index.set(i, c!, m!, s!));
    expect(nextFit(index, 0, 300, 500)).toBe(2); // node 1 has no pod slot left
    expect(nextFit(index, 3, 300, 500)).toBe(3);
    expect(nextFit(index, 4, 300, 500)).toBe(-1); // node 4 lacks memory
    expect(nextFit(index, 0, 5000, 0)).toBe(-1);
    expect(nextFit(index, 9, 0, 0)).toBe(-1);
  });

  it('forgets a node taken out, and sees it again when it returns', () => {
    const index = new NodeIndex(3);
    for (let i = 0; i < 3; i++) index.set(i, 1000, 1000, 10);
    index.set(0, -1, -1, -1);
    expect(nextFit(index, 0, 1, 1)).toBe(1);
    index.set(0, 1000, 1000, 10);
    expect(nextFit(index, 0, 1, 1)).toBe(0);
  });

  it('agrees with a plain scan on random clusters', () => {
    const rng = new RandomStreams(9).stream('index');
    const n = 777;
    const index = new NodeIndex(n);
    const nodes = Array.from({ length: n }, (_, i) => {
      const node = {
        cpu: Math.floor(rng.next() * 4000),
        memory: Math.floor(rng.next() * 16e9),
        slots: Math.floor(rng.next() * 3),
      };
      index.set(i, node.cpu, node.memory, node.slots);
      return node;
    });
    for (let q = 0; q < 500; q++) {
      const [from, cpu, memory] = [
        Math.floor(rng.next() * n),
        Math.floor(rng.next() * 4000),
        Math.floor(rng.next() * 16e9),
      ];
      const expected = nodes.findIndex((x, i) => i >= from && x.cpu >= cpu && x.memory >= memory && x.slots >= 1);
      expect(nextFit(index, from, cpu, memory)).toBe(expected);
    }
  });

  it('visits every fitting node of a range in order in one walk, and stops when asked', () => {
    const index = new NodeIndex(6);
    [
      [1, 1, 1],
      [9, 9, 1],
      [9, 9, 0],
      [9, 9, 1],
      [9, 0, 1],
      [9, 9, 1],
    ].forEach(([c, m, s], i) => index.set(i, c!, m!, s!));
    const seen: number[] = [];
    index.forEachFit(0, 6, 5, 5, (i) => (seen.push(i), true));
    expect(seen).toEqual([1, 3, 5]);
    const two: number[] = [];
    index.forEachFit(2, 6, 5, 5, (i) => (two.push(i), two.length < 1));
    expect(two).toEqual([3]);
  });

  it('refilled on an old index of the same size finds what a new one finds', () => {
    const rng = new RandomStreams(4).stream('refill');
    const draw = (n: number) => ({
      cpu: Array.from({ length: n }, () => Math.floor(rng.next() * 4000)),
      memory: Array.from({ length: n }, () => Math.floor(rng.next() * 16e9)),
      slots: Array.from({ length: n }, () => Math.floor(rng.next() * 3)),
    });
    let old: NodeIndex | null = null;
    // 100 and 120 share a tree of 128 leaves (the arrays are taken over); 300 needs a new one.
    for (const n of [120, 100, 120, 300, 100]) {
      const { cpu, memory, slots } = draw(n);
      const fresh = new NodeIndex(n);
      fresh.fill(n, cpu, memory, slots);
      const refilled: NodeIndex = NodeIndex.refilled(old, n, cpu, memory, slots);
      expect(refilled.capacity).toBe(n);
      for (let q = 0; q < 200; q++) {
        const [from, c, m] = [Math.floor(rng.next() * n), Math.floor(rng.next() * 4000), Math.floor(rng.next() * 16e9)];
        expect(nextFit(refilled, from, c, m)).toBe(nextFit(fresh, from, c, m));
      }
      old = refilled;
    }
  });

  it('refuses an index outside the tree', () => {
    expect(() => new NodeIndex(2).set(2, 1, 1, 1)).toThrow('Node index 2 is outside 0..1');
  });

  it('visits, in order, exactly the nodes of a range a scan finds room on, stopping when asked', () => {
    // Past forEachFit's batch of 64 fits too: up to 200 nodes, stops after up to 150.
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.record({ cpu: fc.nat(8), memory: fc.nat(8), slots: fc.nat(2) }), { nil: null }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.nat(220),
        fc.nat(220),
        fc.nat(8),
        fc.nat(8),
        fc.nat(150),
        (nodes, from, to, cpu, memory, stopAfter) => {
          const index = new NodeIndex(nodes.length);
          nodes.forEach((n, i) => (n === null ? index.set(i, -1, -1, -1) : index.set(i, n.cpu, n.memory, n.slots)));
          const scan = nodes.flatMap((n, i) =>
            i >= from && i < to && n !== null && n.cpu >= cpu && n.memory >= memory && n.slots >= 1 ? [i] : [],
          );
          const visited: number[] = [];
          index.forEachFit(from, to, cpu, memory, (i) => (visited.push(i), visited.length < stopAfter + 1));
          expect(visited).toEqual(scan.slice(0, stopAfter + 1));
          const out = new Int32Array(stopAfter + 1).fill(-7);
          const n = index.collectFits(from, to, cpu, memory, out.subarray(0, stopAfter));
          expect([...out.subarray(0, n)]).toEqual(scan.slice(0, stopAfter));
          expect(out[n]).toBe(-7); // nothing written past what it counts
        },
      ),
      { numRuns: 1000, seed: 25 },
    );
  });
});
