// Where the Pareto chart's labels go. Vega-Lite draws a text mark where its point is and does not
// move labels apart, so each label is placed here, in pixels: to the right of its point, moved up
// or down by a line at a time until it overlaps no label placed before it and no point.
// Simplified: a label's width is estimated from its length (an average glyph of the chart's font).

/** LabelledPoint is a point in pixels (y down, as drawn), its label's text ('' for none), and whether its label is placed before the others'. */
export interface LabelledPoint {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly first?: boolean;
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const FONT_SIZE = 11;
const GLYPH = 0.6 * FONT_SIZE; // the mean advance of a DejaVu Sans glyph, roughly
const LINE = FONT_SIZE + 3;
const GAP = 7; // between a point and its label
const POINT = 6; // a point's half-width

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** niceMax is the smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above `x` (1 for nothing above 0): an axis's end. */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  // toPrecision: 6 × 0.1 is 0.6000000000000001 in binary floating point, and an axis should end at 0.6.
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
    .map((m) => Number((m * power).toPrecision(12)))
    .find((v) => v >= x * (1 - 1e-12))!;
}

/** placeLabels gives each point's label its vertical offset in pixels (0 where it fits beside its point), inside a plot `height` high. */
export function placeLabels(points: readonly LabelledPoint[], height: number): number[] {
  const placed: Box[] = points.map((p) => ({
    left: p.x - POINT,
    right: p.x + POINT,
    top: p.y - POINT,
    bottom: p.y + POINT,
  }));
  // Those placed first, then left to right, then top to bottom: the same points give the same places.
  const rank = (p: LabelledPoint) => (p.first === true ? 0 : 1);
  const order = points
    .map((_, i) => i)
    .sort((a, b) => rank(points[a]!) - rank(points[b]!) || points[a]!.x - points[b]!.x || points[a]!.y - points[b]!.y);
  const offsets = points.map(() => 0);
  for (const i of order) {
    const p = points[i]!;
    if (p.text === '') continue;
    const box = (dy: number): Box => ({
      left: p.x + GAP,
      right: p.x + GAP + p.text.length * GLYPH,
      top: p.y + dy - LINE / 2,
      bottom: p.y + dy + LINE / 2,
    });
    // Inside the plot, clear of what is placed: up a line, down a line, up two…
    const free = (dy: number) => {
      const b = box(dy);
      return b.top >= 0 && b.bottom <= height && !placed.some((other) => overlaps(other, b));
    };
    let dy = 0;
    for (let k = 1; k <= 40 && !free(dy); k++) dy = (k % 2 === 1 ? -1 : 1) * Math.ceil(k / 2) * LINE;
    if (!free(dy)) dy = 0; // nowhere free: beside its point, over what is there
    offsets[i] = dy;
    placed.push(box(dy));
  }
  return offsets;
}
