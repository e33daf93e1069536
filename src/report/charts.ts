// The charts of a run as Vega-Lite specs: each per design, and with every design overlaid so that
// the difference between designs is one glance. Fields are the CSV columns (columns.ts), and the
// data is inline, so a spec renders on its own (headless, or in report.html opened from disk).
import type { TopLevelSpec } from 'vega-lite';
import type { PodStartup, StartupBreakdown } from '../simulate/startup-breakdown.js';
import type { ApiColumn, TimelineColumn } from './columns.js';
import { BAND_SERIES, type BandRow } from './bands.js';
import type { Summary } from './summary.js';

/** CHART_NAMES are the charts written for each design and overlaid, in report order. */
export const CHART_NAMES = ['replicas', 'pending', 'nodes', 'startup', 'images', 'api', 'cost'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** ChartFont: the font the charts are drawn with, bundled for PNGs (dejavu-fonts-ttf) so they look the same everywhere. */
export const CHART_FONT = 'DejaVu Sans';

/** ChartInput is one design's run as the charts read it. */
export interface ChartInput {
  readonly design: string;
  readonly timeline: ReadonlyArray<Readonly<Record<TimelineColumn, number | string>>>;
  readonly api: ReadonlyArray<Readonly<Record<ApiColumn, number | string>>>;
  readonly startups: readonly PodStartup[];
  readonly summary: Summary;
  /** bands: after a Monte Carlo run, the percentile bands over time of a few series. */
  readonly bands?: readonly BandRow[];
}

/** STARTUP_STEPS are a pod's start-up steps, in their order. */
export const STARTUP_STEPS: ReadonlyArray<keyof StartupBreakdown> = [
  'pending',
  'provisioning',
  'pulling',
  'starting',
  'readiness',
  'reporting',
];
// Bars stacked and coloured in the steps' order.
const STEP_ORDER = { calculate: `indexof(${JSON.stringify(STARTUP_STEPS)}, datum.step)`, as: 'stepIndex' } as const;
const STEP_COLOR = { field: 'step', type: 'nominal', title: 'step', sort: [...STARTUP_STEPS] } as const;
const t = (c: TimelineColumn) => c;
const a = (c: ApiColumn) => c;
const TIME = { field: t('time_s'), type: 'quantitative', title: 'time (s)', scale: { nice: false } } as const;

// The common frame: size, font, schema.
const frame = (title: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title,
  width: 640,
  height: 240,
  config: { font: CHART_FONT, view: { stroke: null } },
});

/** CHART_POINTS bounds the samples of each series a chart draws (and report.html holds); the CSV files keep every one. */
export const CHART_POINTS = 2000;

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
// the plotted columns' sum too (a stack's top).
function rows(
  inputs: readonly ChartInput[],
  columns: readonly TimelineColumn[],
  { perTime = false, stacked = false } = {},
) {
  const plotted = columns.filter((c) => c !== 'time_s');
  const width = plotted.length + (stacked ? 1 : 0);
  const plot = (r: ChartInput['timeline'][number], values: Float64Array, at: number) =>
    plotted.forEach((c, k) => {
      add(values, at + k, Number(r[c]));
      if (stacked) add(values, at + plotted.length, Number(r[c]));
    });
  return inputs.flatMap((i) => {
    const first = i.timeline[0]?.workload;
    const mine = () => (perTime ? i.timeline.filter((r) => r.workload === first) : i.timeline);
    const how = `${columns.join()} ${perTime} ${stacked}`;
    return thinOnce(i.timeline, how, () => thinSamples(mine(), width, plot)).map((r) =>
      Object.fromEntries([['design', i.design], ...columns.map((c) => [c, r[c]])]),
    );
  });
}

// One design's API requests per second by kind, thinned by each kind and their sum (the stack's top).
function apiRows(input: ChartInput) {
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
function bandRows(rows: readonly BandRow[]): readonly BandRow[] {
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

/** chartSpecs are the charts of `inputs`: one design's (a single input), or every design's overlaid. */
// eslint-disable-next-line max-lines-per-function -- seven Vega-Lite spec literals, one a chart, sharing their frame and encodings
export function chartSpecs(inputs: readonly ChartInput[]): Record<ChartName, TopLevelSpec> {
  const overlay = inputs.length !== 1;
  const of = overlay ? 'by design' : inputs[0]!.design;
  const design = { field: 'design', type: 'nominal', title: 'design' } as const;
  return {
    replicas: {
      ...frame(`Desired and ready replicas (${of})`),
      data: { values: rows(inputs, [t('time_s'), t('desired_replicas'), t('ready_pods')]) },
      transform: [{ fold: [t('desired_replicas'), t('ready_pods')], as: ['series', 'pods'] }],
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: TIME,
        y: { aggregate: 'sum', field: 'pods', type: 'quantitative', title: 'pods (all workloads)' },
        color: overlay ? design : { field: 'series', type: 'nominal', title: null },
        ...(overlay ? { strokeDash: { field: 'series', type: 'nominal', title: null } } : {}),
      },
    },
    pending: {
      ...frame(`Pending pods (${of})`),
      data: { values: rows(inputs, [t('time_s'), t('pending_pods')]) },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: TIME,
        y: { aggregate: 'sum', field: t('pending_pods'), type: 'quantitative', title: 'pending pods' },
        ...(overlay ? { color: design } : {}),
      },
    },
    nodes: {
      ...frame(`Nodes by state (${of})`),
      data: {
        values: rows(inputs, [t('time_s'), t('nodes_provisioning'), t('nodes_ready'), t('nodes_not_ready')], {
          perTime: true,
          stacked: !overlay,
        }),
      },
      transform: [
        { fold: [t('nodes_provisioning'), t('nodes_ready'), t('nodes_not_ready')], as: ['state', 'nodes'] },
        { calculate: "replace(datum.state, 'nodes_', '')", as: 'state' },
      ],
      mark: overlay ? { type: 'line', interpolate: 'step-after' } : { type: 'area', interpolate: 'step-after' },
      encoding: {
        x: TIME,
        y: { field: 'nodes', type: 'quantitative', title: 'nodes', ...(overlay ? {} : { stack: 'zero' }) },
        color: overlay
          ? design
          : { field: 'state', type: 'nominal', title: 'state', sort: ['provisioning', 'ready', 'not_ready'] },
        ...(overlay ? { strokeDash: { field: 'state', type: 'nominal', title: 'state' } } : {}),
      },
    },
    startup: overlay
      ? {
          ...frame('Mean pod start-up, step by step (by design)'),
          data: {
            values: inputs.flatMap((i) =>
              STARTUP_STEPS.map((step) => ({
                design: i.design,
                step,
                seconds: i.summary.pods.startupBreakdownSeconds?.[step] ?? 0,
              })),
            ),
          },
          mark: 'bar',
          encoding: {
            y: design,
            x: { field: 'seconds', type: 'quantitative', title: 'mean seconds from creation to Ready', stack: 'zero' },
            color: STEP_COLOR,
            order: { field: 'stepIndex' },
          },
          transform: [STEP_ORDER],
        }
      : {
          ...frame(`Pod start-up, step by step (${of})`),
          data: {
            values: inputs[0]!.startups.flatMap((p) =>
              STARTUP_STEPS.map((step) => ({ pod: p.pod, created_s: p.createdS, step, seconds: p[step] })),
            ),
          },
          transform: [STEP_ORDER],
          mark: 'bar',
          encoding: {
            x: {
              field: 'pod',
              type: 'nominal',
              sort: { field: 'created_s' },
              title: 'pods, in order of creation',
              axis: { labels: false, ticks: false },
            },
            y: { field: 'seconds', type: 'quantitative', title: 'seconds from creation to Ready', stack: 'zero' },
            color: STEP_COLOR,
            order: { field: 'stepIndex' },
          },
        },
    images: {
      ...frame(`Image bytes pulled, by source (${of})`),
      data: {
        values: inputs.flatMap((i) =>
          (['registry', 'mirror', 'peers'] as const).map((source) => ({
            design: i.design,
            source,
            gigabytes: i.summary.images.bytesBySource[source] / 1e9,
          })),
        ),
      },
      mark: 'bar',
      encoding: {
        y: design,
        x: { field: 'gigabytes', type: 'quantitative', title: 'GB pulled', stack: 'zero' },
        color: { field: 'source', type: 'nominal', title: 'source' },
      },
    },
    api: overlay
      ? {
          ...frame('Kubelet API requests per second (by design)'),
          data: { values: rows(inputs, [t('time_s'), t('api_rps')], { perTime: true }) },
          mark: 'line',
          encoding: {
            x: TIME,
            y: { field: t('api_rps'), type: 'quantitative', title: 'requests/s at the API server' },
            color: design,
          },
        }
      : {
          ...frame(`Kubelet API requests per second, by kind (${of})`),
          data: { values: apiRows(inputs[0]!) },
          mark: 'area',
          encoding: {
            x: { ...TIME, field: a('time_s') },
            y: {
              field: a('requests_per_second'),
              type: 'quantitative',
              title: 'requests/s at the API server',
              stack: 'zero',
            },
            color: { field: a('kind'), type: 'nominal', title: 'kind' },
          },
        },
    cost: {
      ...frame(`Cost so far (${of})`),
      data: { values: rows(inputs, [t('time_s'), t('cost_usd')], { perTime: true }) },
      mark: 'line',
      encoding: {
        x: TIME,
        y: { field: t('cost_usd'), type: 'quantitative', title: 'USD' },
        ...(overlay ? { color: design } : {}),
      },
    },
  };
}

/** BAND_CHART is the chart of percentile bands over time, drawn after a Monte Carlo run. */
export const BAND_CHART = 'bands';

/** bandChartSpec draws each band series as its p5–p95 area and p50 line over time, one row a series; null when no input has bands. */
export function bandChartSpec(inputs: readonly ChartInput[]): TopLevelSpec | null {
  if (!inputs.some((i) => i.bands !== undefined)) return null;
  const overlay = inputs.length !== 1;
  const color = overlay ? { color: { field: 'design', type: 'nominal', title: 'design' } as const } : {};
  const seeds = inputs[0]!.summary.seeds?.count ?? 1;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `p5–p95 band and p50 over ${seeds} seeds (${overlay ? 'by design' : inputs[0]!.design})`,
    config: { font: CHART_FONT, view: { stroke: null } },
    data: { values: inputs.flatMap((i) => bandRows(i.bands ?? []).map((b) => ({ design: i.design, ...b }))) },
    facet: { row: { field: 'series', type: 'nominal', title: null, sort: [...BAND_SERIES] } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 640,
      height: 110,
      layer: [
        {
          mark: { type: 'area', opacity: 0.25, interpolate: 'step-after' },
          encoding: { x: TIME, y: { field: 'p5', type: 'quantitative', title: null }, y2: { field: 'p95' }, ...color },
        },
        {
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: { x: TIME, y: { field: 'p50', type: 'quantitative', title: null }, ...color },
        },
      ],
    },
  };
}
