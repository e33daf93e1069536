// Request rates over time: a workload's load profile is a sum of components; the total is never
// below 0. Pure functions of time, so the simulator evaluates them only when it samples.

/** LoadComponent is one term of a load profile; times in ms, rates in requests/second. */
export type LoadComponent =
  | { readonly kind: 'constant'; readonly rps: number }
  | { readonly kind: 'step'; readonly atMs: number; readonly rps: number }
  | {
      readonly kind: 'ramp';
      readonly startMs: number;
      readonly endMs: number;
      readonly from: number;
      readonly to: number;
    }
  | { readonly kind: 'spike'; readonly atMs: number; readonly durationMs: number; readonly rps: number }
  | {
      readonly kind: 'diurnal';
      readonly mean: number;
      readonly amplitude: number;
      readonly periodMs: number;
      readonly peakAtMs: number;
    }
  | {
      readonly kind: 'trace';
      readonly file: string;
      readonly points: ReadonlyArray<{ readonly atMs: number; readonly rps: number }>;
    };

/** componentRate is one component's requests/second at `tMs`. */
export function componentRate(c: LoadComponent, tMs: number): number {
  switch (c.kind) {
    case 'constant':
      return c.rps;
    case 'step':
      return tMs >= c.atMs ? c.rps : 0;
    case 'ramp': {
      if (tMs <= c.startMs) return c.from;
      if (tMs >= c.endMs) return c.to;
      return c.from + ((c.to - c.from) * (tMs - c.startMs)) / (c.endMs - c.startMs);
    }
    case 'spike':
      return tMs >= c.atMs && tMs < c.atMs + c.durationMs ? c.rps : 0;
    case 'diurnal':
      return c.mean + c.amplitude * Math.cos((2 * Math.PI * (tMs - c.peakAtMs)) / c.periodMs);
    case 'trace':
      return traceRate(c.points, tMs);
  }
}

// A trace holds each row's rate until the next row; before the first row, the first row's rate.
function traceRate(points: ReadonlyArray<{ readonly atMs: number; readonly rps: number }>, tMs: number): number {
  if (points.length === 0) return 0;
  let lo = 0;
  let hi = points.length - 1;
  if (tMs < points[0]!.atMs) return points[0]!.rps;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid]!.atMs <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return points[lo]!.rps;
}

/** breakpoints are the times (ms, ascending) where a profile jumps or changes slope: steps, spike
 * edges, ramp ends, trace rows. Between them the rate is smooth. */
export function breakpoints(profile: readonly LoadComponent[]): number[] {
  const times = profile.flatMap((c) => {
    switch (c.kind) {
      case 'step':
        return [c.atMs];
      case 'spike':
        return [c.atMs, c.atMs + c.durationMs];
      case 'ramp':
        return [c.startMs, c.endMs];
      case 'trace':
        return c.points.map((p) => p.atMs);
      default:
        return [];
    }
  });
  return [...new Set(times)].sort((a, b) => a - b);
}

/** requestRate is a profile's total requests/second at `tMs`: the sum of its components, at least 0. */
export function requestRate(profile: readonly LoadComponent[], tMs: number): number {
  let total = 0;
  for (const c of profile) total += componentRate(c, tMs);
  return Math.max(0, total);
}

/**
 * servedPerPod is how many requests/second one ready pod serves before its CPU reaches its request
 * (`cpuRequestMilli`), each request costing `cpuPerRequestMilli` above `baseCpuMilli`: Infinity when
 * a request costs nothing, 0 when the base alone reaches the request.
 */
export function servedPerPod(
  cpuRequestMilli: number,
  load: { readonly cpuPerRequestMilli: number; readonly baseCpuMilli: number },
): number {
  if (load.cpuPerRequestMilli <= 0) return Infinity;
  return Math.max(0, cpuRequestMilli - load.baseCpuMilli) / load.cpuPerRequestMilli;
}
