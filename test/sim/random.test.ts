import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/sim/index.js';

const draws = (streams: RandomStreams, name: string, n: number) =>
  Array.from({ length: n }, () => streams.stream(name).next());

describe('RandomStreams', () => {
  it('gives the same numbers for the same seed and name', () => {
    expect(draws(new RandomStreams(42), 'provisioner', 5)).toEqual(draws(new RandomStreams(42), 'provisioner', 5));
  });

  it('gives different numbers for another seed or another name', () => {
    const base = draws(new RandomStreams(42), 'provisioner', 5);
    expect(draws(new RandomStreams(43), 'provisioner', 5)).not.toEqual(base);
    expect(draws(new RandomStreams(42), 'image-puller', 5)).not.toEqual(base);
  });

  it('does not shift one stream when another component is added or draws first', () => {
    const alone = new RandomStreams(7);
    const a = draws(alone, 'hpa', 10);
    const crowded = new RandomStreams(7);
    draws(crowded, 'new-component', 1000);
    expect(draws(crowded, 'hpa', 10)).toEqual(a);
  });

  it('returns the same stream object for a name, continuing its sequence', () => {
    const streams = new RandomStreams('capacity-review');
    const first = streams.stream('x');
    expect(streams.stream('x')).toBe(first);
    const [u, v] = draws(new RandomStreams('capacity-review'), 'x', 2);
    expect([first.next(), streams.stream('x').next()]).toEqual([u, v]);
  });

  it('draws in [0, 1)', () => {
    const xs = draws(new RandomStreams(1), 'range', 10_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('rejects a fractional seed and an empty name', () => {
    expect(() => new RandomStreams(1.5)).toThrow('Seed 1.5 must be a whole number');
    expect(() => new RandomStreams(1).stream('')).toThrow('non-empty name');
  });
});
