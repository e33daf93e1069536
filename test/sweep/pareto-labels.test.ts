import { describe, expect, it } from 'vitest';
import { niceMax, placeLabels, type LabelledPoint } from '../../src/sweep/pareto-labels.js';

describe('niceMax', () => {
  it.each([
    [0.51, 0.6],
    [0.6, 0.6],
    [231, 250],
    [3600, 4000],
    [1, 1],
    [1.01, 1.2],
    [0, 1],
    [-5, 1],
    [Number.NaN, 1],
  ])('ends an axis holding %d at %d', (x, max) => {
    expect(niceMax(x)).toBe(max);
  });
});

// A label's box as placeLabels sees it: to the right of its point, a line high (11 px type).
const box = (p: LabelledPoint, dy: number) => ({
  left: p.x + 7,
  right: p.x + 7 + p.text.length * 6.6,
  top: p.y + dy - 7,
  bottom: p.y + dy + 7,
});
const clash = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeLabels', () => {
  it('leaves a label beside its point where it fits', () => {
    expect(placeLabels([{ x: 10, y: 100, text: 'e2-standard-2, max 4' }], 400)).toEqual([0]);
  });

  it('moves the labels of points side by side apart, the first-placed kept beside its point', () => {
    const points: LabelledPoint[] = [
      { x: 300, y: 380, text: 'e2-highmem-4, max 4/8', first: true },
      { x: 320, y: 350, text: 'e2-standard-2, max 8' },
      { x: 350, y: 350, text: 'e2-standard-4, max 4/8' },
    ];
    const dy = placeLabels(points, 400);
    expect(dy[0]).toBe(0);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++)
        expect(clash(box(points[i]!, dy[i]!), box(points[j]!, dy[j]!)), `${i} and ${j}`).toBe(false);
  });

  it('keeps labels inside the plot, and gives the same places every time', () => {
    const points: LabelledPoint[] = Array.from({ length: 12 }, (_, i) => ({ x: 100 + i * 3, y: 395, text: `v${i}` }));
    const dy = placeLabels(points, 400);
    points.forEach((p, i) => expect(p.y + dy[i]! + 7).toBeLessThanOrEqual(400));
    expect(placeLabels(points, 400)).toEqual(dy);
  });

  it('places nothing for a point without a label', () => {
    expect(placeLabels([{ x: 10, y: 10, text: '' }], 400)).toEqual([0]);
  });
});
