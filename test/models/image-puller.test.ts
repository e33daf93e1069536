import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imagePullBackoffMs, layerSource, maxMinFairRates, pullSlots } from '../../src/models/image-puller.js';

// The first maxMinFairRates, on maps of link names: the reference the array version is held to.
function progressiveFilling(
  flows: ReadonlyArray<readonly string[]>,
  capacity: ReadonlyMap<string, number>,
  caps?: readonly number[],
): number[] {
  const rates = flows.map(() => 0);
  const cap = (i: number) => caps?.[i] ?? Infinity;
  const frozen = flows.map((links, i) => links.length === 0 && cap(i) === Infinity);
  const left = new Map(capacity);
  for (let active = frozen.filter((f) => !f).length; active > 0;) {
    const counts = new Map<string, number>();
    let share = Infinity;
    flows.forEach((links, i) => {
      if (frozen[i]) return;
      for (const l of links) counts.set(l, (counts.get(l) ?? 0) + 1);
      share = Math.min(share, cap(i) - rates[i]!);
    });
    for (const [l, n] of counts) share = Math.min(share, Math.max(0, left.get(l) ?? 0) / n);
    for (const [l, n] of counts) left.set(l, (left.get(l) ?? 0) - share * n);
    const full = new Set([...counts.keys()].filter((l) => (left.get(l) ?? 0) <= 1e-9 * (capacity.get(l) ?? 1)));
    flows.forEach((links, i) => {
      if (frozen[i]) return;
      rates[i] = rates[i]! + share;
      if (links.some((l) => full.has(l)) || rates[i]! >= cap(i) * (1 - 1e-9)) {
        frozen[i] = true;
        active--;
      }
    });
  }
  return rates;
}

describe('maxMinFairRates (progressive filling)', () => {
  it('gives, to the last bit, the rates of progressive filling over maps of names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(['r', 'm', 'a', 'b', 'c', 'd', 'e', 'x']), { maxLength: 40 }),
        fc.dictionary(
          fc.constantFrom('r', 'm', 'a', 'b', 'c', 'd', 'e'),
          fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e9, noNaN: true })),
        ),
        fc.array(fc.oneof(fc.constant(Infinity), fc.double({ min: 1, max: 1e8, noNaN: true })), { maxLength: 40 }),
        (flows, capacities, caps) => {
          const capacity = new Map(Object.entries(capacities));
          const limits = flows.map((_, i) => caps[i] ?? Infinity);
          expect(maxMinFairRates(flows, capacity, limits)).toEqual(progressiveFilling(flows, capacity, limits));
          expect(maxMinFairRates(flows, capacity)).toEqual(progressiveFilling(flows, capacity));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  const cap = (o: Record<string, number>) => new Map(Object.entries(o));
  it.each([
    ['one flow gets its narrowest link', [['a', 'r']], { a: 125, r: 1000 }, [125]],
    ['flows on one link share it equally', [['r'], ['r'], ['r'], ['r']], { r: 100 }, [25, 25, 25, 25]],
    // 13 nodes pulling through a 250/s registry: each gets 250/13, below its 125/s NIC.
    [
      'a shared registry caps many fast nodes',
      Array.from({ length: 13 }, (_, i) => [`n${i}`, 'r']),
      { ...Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`n${i}`, 125])), r: 250 },
      Array(13).fill(250 / 13),
    ],
    // The classic example: f0 crosses both links; f1 only the first; f2 only the second.
    ['a flow held back by one link leaves room for the others', [['x', 'y'], ['x'], ['y']], { x: 10, y: 4 }, [2, 8, 2]],
    ['a flow without links gets nothing', [[]], {}, [0]],
  ] as const)('%s', (_name, flows, capacity, rates) => {
    const got = maxMinFairRates(flows as unknown as string[][], cap(capacity));
    got.forEach((r, i) => expect(r).toBeCloseTo(rates[i]!, 9));
  });

  it.each([
    // A lone layer on a 125/s NIC, decompressed at 88/s: the unpack rate binds.
    ['a cap below the link binds', [['n']], { n: 125 }, [88], [88]],
    // Three layers share 125/s: 41.7 each, below the cap.
    ['a cap above the fair share does not', [['n'], ['n'], ['n']], { n: 125 }, [88, 88, 88], Array(3).fill(125 / 3)],
    // One capped at 10 leaves the rest of the link to the other.
    ['a capped flow leaves its share to the others', [['n'], ['n']], { n: 100 }, [10, Infinity], [10, 90]],
    ['a flow without links still gets its cap', [[]], {}, [5], [5]],
  ] as const)('%s', (_name, flows, capacity, caps, rates) => {
    const got = maxMinFairRates(flows as unknown as string[][], cap(capacity), caps);
    got.forEach((r, i) => expect(r).toBeCloseTo(rates[i]!, 9));
  });
});

describe('image pull back-off (10 s doubling to 300 s)', () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [5, 160],
    [6, 300],
    [9, 300],
  ])('after failure %i: %i s', (n, s) => {
    expect(imagePullBackoffMs(n)).toBe(s * 1000);
  });
});

describe('pullSlots (puller.go)', () => {
  it.each([
    [true, 1, 1],
    [true, Infinity, 1],
    [false, 3, 3],
    [false, Infinity, Infinity],
    [false, 0, Infinity],
  ])('serialize %s, max %s → %s', (serialize, max, slots) => {
    expect(pullSlots(serialize, max)).toBe(slots);
  });
});

describe('layerSource', () => {
  it('takes the least busy peer holding the image, then by name; else the mirror; else the registry', () => {
    expect(
      layerSource(
        true,
        [
          { name: 'b', uploads: 1 },
          { name: 'c', uploads: 0 },
          { name: 'a', uploads: 1 },
        ],
        false,
      ),
    ).toEqual({ kind: 'peer', peer: 'c' });
    expect(
      layerSource(
        true,
        [
          { name: 'b', uploads: 0 },
          { name: 'a', uploads: 0 },
        ],
        true,
      ),
    ).toEqual({ kind: 'peer', peer: 'a' });
    expect(layerSource(true, [], true)).toEqual({ kind: 'mirror' });
    expect(layerSource(false, [{ name: 'a', uploads: 0 }], false)).toEqual({ kind: 'registry' });
  });
});
