// The Pareto front of a sweep: the variants no other variant beats on every objective at once.

/**
 * paretoFront marks the points that no other point dominates, every objective to be minimized
 * (a point dominates another when it is no worse on every objective and better on one). A
 * missing figure should be passed as Infinity, the worst. Ties keep both points on the front.
 */
export function paretoFront(points: ReadonlyArray<readonly number[]>): boolean[] {
  const dominates = (a: readonly number[], b: readonly number[]) =>
    a.every((x, i) => x <= b[i]!) && a.some((x, i) => x < b[i]!);
  return points.map((p) => !points.some((q) => q !== p && dominates(q, p)));
}
