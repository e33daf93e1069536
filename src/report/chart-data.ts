// The data the charts draw: each design's run as the charts read it (ChartInput), and its rows
// thinned to at most CHART_POINTS samples a series (keeping each run of samples' extremes), so that
// a month-long run still draws, and report.html stays small. The CSV files keep every sample.
import type { PodStartup } from '../simulate/startup-breakdown.js';
import type { ApiColumn, PoolColumn, TimelineColumn } from './columns.js';
import type { BandRow } from './bands.js';
import type { Summary } from './summary.js';

const a = (c: ApiColumn) => c;

/** ChartInput is one design's run as the charts read it. */
export interface ChartInput {
  readonly design: string;
  readonly timeline: ReadonlyArray<Readonly<Record<TimelineColumn, number | string>>>;
  readonly api: ReadonlyArray<Readonly<Record<ApiColumn, number | string>>>;
  /** pools: pools.csv's rows, each pool's Ready nodes per sample. */
  readonly pools: ReadonlyArray<Readonly<Record<PoolColumn, number | string>>>;
  readonly startups: readonly PodStartup[];
  readonly summary: Summary;
  /** bands: after a Monte Carlo run, the percentile bands over time of a few series. */
  readonly bands?: readonly BandRow[];
  /** warmupSeconds: the scenario's warm-up, shaded on every time chart (none when absent or 0). */
  readonly warmupSeconds?: number;
}

/**
 * CHART_POINTS bounds the samples of each series a chart draws (and report.html holds); the CSV
 * files keep every one. About two (a min and a max) for each of a chart's 640 pixel columns.
 */
export const CHART_POINTS = 1300;

// The samples a chart keeps of `n` (indices, ascending), sample i plotting values[i * width …].
// Simplified: equal runs of samples (by count, not time) keep only each value's min and max, and the first and last sample.
function keptSamples(n: number, width: number, values: Float64Array): number[] {
  const runs = Math.max(1, Math.floor((CHART_POINTS - 2) / (2 * width)));
  const kept = new Set([0, n - 1]);
  const [argMin, argMax] = [new Int32Array(width), new Int32Array(width)];
  for (let run = 0; run < runs; run++) {
    const start = Math.floor((run * n) / runs);
    const end = Math.floor(((run + 1) * n) / runs);
    argMin.fill(start);
    argMax.fill(start);
    for (let i = start + 1; i < end; i++) {
      for (let k = 0; k < width; k++) {
        const v = values[i * width + k]!;
        if (v < values[argMin[k]! * width + k]!) argMin[k] = i;
        if (v > values[argMax[k]! * width + k]!) argMax[k] = i;
      }
    }
    for (let k = 0; k < width; k++) kept.add(argMin[k]!).add(argMax[k]!);
  }
  return [...kept].sort((x, y) => x - y);
}

/**
 * thinSamples keeps at most CHART_POINTS of `rows`' samples (a sample: consecutive rows of one
 * time), whole and in order; `plot` adds a row's share of its sample's `width` plotted values
 * into `values` from `at`.
 */
function thinSamples<R extends { readonly time_s: number | string }>(
  rows: readonly R[],
  width: number,
  plot: (row: R, values: Float64Array, at: number) => void,
): readonly R[] {
  const starts: number[] = [];
  rows.forEach((r, i) => {
    if (i === 0 || r.time_s !== rows[i - 1]!.time_s) starts.push(i);
  });
  const n = starts.length;
  if (n <= CHART_POINTS) return rows;
  const end = (s: number) => (s + 1 < n ? starts[s + 1]! : rows.length);
  const values = new Float64Array(n * width);
  for (let s = 0; s < n; s++) for (let i = starts[s]!; i < end(s); i++) plot(rows[i]!, values, s * width);
  return keptSamples(n, width, values).flatMap((s) => rows.slice(starts[s], end(s)));
}

const add = (values: Float64Array, i: number, x: number) => (values[i] = values[i]! + x);

// Thinned rows by the rows they come from and how they were thinned: a run's charts and its
// report.html draw each design alone and overlaid, and thin its rows once.
const thinnedRows = new WeakMap<object, Map<string, readonly unknown[]>>();
function thinOnce<R>(source: readonly unknown[], how: string, thin: () => readonly R[]): readonly R[] {
  const known = thinnedRows.get(source) ?? thinnedRows.set(source, new Map()).get(source)!;
  if (!known.has(how)) known.set(how, thin());
  return known.get(how) as readonly R[];
}

// Timeline rows with the design, keeping only the columns a chart uses, thinned by the columns it
// plots (summed over a sample's workloads); `perTime` keeps one row a sample (the first workload's),
// for the cluster-wide columns that repeat on every workload's row; `stacked` keeps the extremes of
// the plotted columns' sum too (a stack's top). Otherwise the charts draw the workloads' sum, so a
// sample's rows are summed into one (in row order, as the chart's own sum would add them): a
// 300-workload fleet's report holds a row a sample, not 300.
export function rows(
  inputs: readonly ChartInput[],
  columns: readonly TimelineColumn[],
  { perTime = false, stacked = false } = {},
) {
  return inputs.flatMap((i) => {
    const first = i.timeline[0]?.workload;
    const mine = () => (perTime ? i.timeline.filter((r) => r.workload === first) : i.timeline);
    const thinned = designRows(i, i.timeline, mine, columns, { how: `${perTime}`, stacked });
    return perTime ? thinned : summedBySample(thinned, columns);
  });
}

// Consecutive rows of one time as one row, their plotted columns summed.
function summedBySample(
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: readonly TimelineColumn[],
): Array<Record<string, unknown>> {
  const plotted = columns.filter((c) => c !== 'time_s');
  const out: Array<Record<string, unknown>> = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last === undefined || last.time_s !== r.time_s) {
      out.push({ ...r });
      continue;
    }
    for (const c of plotted) last[c] = Number(last[c]) + Number(r[c]);
  }
  return out;
}

// Pool rows with the design, keeping only the columns a chart uses, thinned by the columns it
// plots summed over a sample's pools.
export function poolRows(inputs: readonly ChartInput[], columns: readonly PoolColumn[]) {
  return inputs.flatMap((i) => designRows(i, i.pools, () => i.pools, columns, { how: 'pools', stacked: false }));
}

// One design's rows of `source` (all of them, or those `mine` picks), thinned by the plotted
// columns (and their sum when `stacked`), as {design, ...columns}.
function designRows<C extends string, R extends Readonly<Record<C | 'time_s', number | string>>>(
  input: ChartInput,
  source: readonly R[],
  mine: () => readonly R[],
  columns: readonly C[],
  { how, stacked }: { how: string; stacked: boolean },
) {
  const plotted = columns.filter((c) => c !== 'time_s');
  const width = plotted.length + (stacked ? 1 : 0);
  const plot = (r: R, values: Float64Array, at: number) =>
    plotted.forEach((c, k) => {
      add(values, at + k, Number(r[c]));
      if (stacked) add(values, at + plotted.length, Number(r[c]));
    });
  return thinOnce(source, `${columns.join()} ${how} ${stacked}`, () => thinSamples(mine(), width, plot)).map((r) =>
    Object.fromEntries([['design', input.design], ...columns.map((c) => [c, r[c]])]),
  );
}

// One design's API requests per second by kind, thinned by each kind and their sum (the stack's top).
export function apiRows(input: ChartInput) {
  const thin = () => {
    const kinds = new Map<unknown, number>();
    for (const r of input.api) if (!kinds.has(r.kind)) kinds.set(r.kind, kinds.size);
    return thinSamples(input.api, kinds.size + 1, (r, values, at) => {
      add(values, at + kinds.get(r.kind)!, Number(r.requests_per_second));
      add(values, at + kinds.size, Number(r.requests_per_second));
    });
  };
  return thinOnce(input.api, 'by kind', thin).map((r) => ({
    [a('time_s')]: r.time_s,
    [a('kind')]: r.kind,
    [a('requests_per_second')]: r.requests_per_second,
  }));
}

// Band rows thinned series by series (each a facet of its own), in their order.
export function bandRows(rows: readonly BandRow[]): readonly BandRow[] {
  return thinOnce(rows, 'by series', () => thinBands(rows));
}

function thinBands(rows: readonly BandRow[]): readonly BandRow[] {
  const kept = new Set<BandRow>();
  const plot = (b: BandRow, values: Float64Array, at: number) => values.set([b.p5, b.p50, b.p95], at);
  for (const series of new Set(rows.map((r) => r.series))) {
    const mine = rows.filter((r) => r.series === series);
    for (const r of thinSamples(mine, 3, plot)) kept.add(r);
  }
  return kept.size === rows.length ? rows : rows.filter((r) => kept.has(r));
}
