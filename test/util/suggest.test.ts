import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/util/suggest.js';

describe('didYouMean', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['m5.large', 'M5.LARGE', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('suggests near misses and nothing for unrelated names', () => {
    expect(didYouMean('m5.larg', ['m5.large', 'm5.xlarge'])).toBe('m5.large');
    expect(didYouMean('gkee', ['gke', 'eks', 'aks'])).toBe('gke');
    expect(didYouMean('banana', ['gke', 'eks', 'aks'])).toBeUndefined();
  });
});
