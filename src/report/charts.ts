// The charts of a run as Vega-Lite specs: each per design, and with every design overlaid so that
// the difference between designs is one glance. Fields are the CSV columns (columns.ts), and the
// data is inline, so a spec renders on its own (headless, or in report.html opened from disk).
import type { TopLevelSpec } from 'vega-lite';
import type { PodStartup, StartupBreakdown } from '../simulate/startup-breakdown.js';
import type { ApiColumn, TimelineColumn } from './columns.js';
import { BAND_SERIES, type BandRow } from './bands.js';
import { byDesign, bySeries, elapsed, type Elapsed, measure, numbers, warmupLayers } from './chart-axes.js';
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
  /** warmupSeconds: the scenario's warm-up, shaded on every time chart (none when absent or 0). */
  readonly warmupSeconds?: number;
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
const DESIGN = { field: 'design', type: 'nominal', title: 'design' } as const;

// The common frame: size, font, schema.
const frame = (title: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title,
  width: 640,
  height: 240,
  config: { font: CHART_FONT, view: { stroke: null } },
});

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

// A run's charts: one design's or every design's, its time axis and its warm-up's shading.
interface Charted {
  readonly inputs: readonly ChartInput[];
  readonly overlay: boolean;
  readonly of: string;
  readonly designs: readonly string[];
  readonly x: Elapsed & { readonly field: 'time_s' };
  readonly warmup: ReturnType<typeof warmupLayers>;
}
type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
type Transform = NonNullable<Layer['transform']>[number];
type Row = Readonly<Record<string, unknown>>;

function charted(inputs: readonly ChartInput[]): Charted {
  const last = (rows: ReadonlyArray<{ readonly time_s: number | string }>) => Number(rows.at(-1)?.time_s ?? 0);
  const endS = Math.max(0, ...inputs.flatMap((i) => [last(i.timeline), last(i.api)]));
  const x = elapsed(endS);
  const warmupS = Math.max(0, ...inputs.map((i) => i.warmupSeconds ?? 0));
  return {
    inputs,
    overlay: inputs.length !== 1,
    of: inputs.length !== 1 ? 'by design' : inputs[0]!.design,
    designs: inputs.map((i) => i.design),
    x: { field: 'time_s', ...x },
    warmup: warmupLayers(warmupS, endS, x),
  };
}

// A time chart's title, its data (and their transforms), and the layer drawing them.
interface Drawing {
  readonly title: string;
  readonly values: readonly Row[];
  readonly transform?: Transform[];
  readonly main: Layer;
}

// A chart over time: its layer drawn over the warm-up's shading.
function timeChart(c: Charted, { title, values, transform = [], main }: Drawing): TopLevelSpec {
  return {
    ...frame(title),
    data: { values: [...values] },
    ...(transform.length > 0 ? { transform } : {}),
    layer: [...c.warmup, main],
  };
}

const ROW_HEIGHT = 100;
// Every design overlaid in a row per value of `row` (in `sort`'s order), so that no two of a row's
// lines are the same design's; the rows share their y scale.
function rowsChart(c: Charted, row: { field: string; sort: string[] }, d: Drawing): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: d.title,
    config: { font: CHART_FONT, view: { stroke: null } },
    data: { values: [...d.values] },
    transform: d.transform ?? [],
    facet: { row: { field: row.field, type: 'nominal', title: null, sort: row.sort } },
    spec: { width: 640, height: ROW_HEIGHT, layer: [...c.warmup, d.main] },
  };
}

/** chartSpecs are the charts of `inputs`: one design's (a single input), or every design's overlaid. */
export function chartSpecs(inputs: readonly ChartInput[]): Record<ChartName, TopLevelSpec> {
  const c = charted(inputs);
  return {
    replicas: replicasChart(c),
    pending: pendingChart(c),
    nodes: nodesChart(c),
    startup: c.overlay ? startupOverlaid(c) : startupAlone(c),
    images: imagesChart(c),
    api: c.overlay ? apiOverlaid(c) : apiAlone(c),
    cost: costChart(c),
  };
}

// Desired and ready replicas, summed over workloads: a row each when designs are overlaid.
function replicasChart(c: Charted): TopLevelSpec {
  const values = rows(c.inputs, [t('time_s'), t('desired_replicas'), t('ready_pods')]);
  const fold: Transform = { fold: [t('desired_replicas'), t('ready_pods')], as: ['series', 'pods'] };
  const pods = measure(numbers(values, [t('desired_replicas'), t('ready_pods')]), true);
  const y = { aggregate: 'sum', field: 'pods', title: 'pods (all workloads)', ...pods } as const;
  const mark = { type: 'line', interpolate: 'step-after' } as const;
  if (!c.overlay)
    return timeChart(c, {
      title: `Desired and ready replicas (${c.of})`,
      values,
      transform: [fold],
      main: { mark, encoding: { x: c.x, y, ...bySeries('series') } },
    });
  return rowsChart(
    c,
    { field: 'series', sort: ['desired replicas', 'ready pods'] },
    {
      title: 'Desired and ready replicas (by design)',
      values,
      transform: [fold, { calculate: "replace(datum.series, '_', ' ')", as: 'series' }],
      main: { mark, encoding: { x: c.x, y: { ...y, title: 'pods' }, ...byDesign(c.designs) } },
    },
  );
}

function pendingChart(c: Charted): TopLevelSpec {
  const values = rows(c.inputs, [t('time_s'), t('pending_pods')]);
  const pending = measure(numbers(values, [t('pending_pods')]), true);
  return timeChart(c, {
    title: `Pending pods (${c.of})`,
    values,
    main: {
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: c.x,
        y: { aggregate: 'sum', field: t('pending_pods'), title: 'pending pods', ...pending },
        ...(c.overlay ? byDesign(c.designs) : {}),
      },
    },
  });
}

// Nodes by state: stacked for one design, a row a state when designs are overlaid.
function nodesChart(c: Charted): TopLevelSpec {
  const states = [t('nodes_provisioning'), t('nodes_ready'), t('nodes_not_ready')];
  const values = rows(c.inputs, [t('time_s'), ...states], { perTime: true, stacked: !c.overlay });
  const transform: Transform[] = [
    { fold: states, as: ['state', 'nodes'] },
    { calculate: "replace(datum.state, 'nodes_', '')", as: 'state' },
  ];
  // Stacked, the top is the states' sum, which is 0 only where every state is.
  const nodes = { field: 'nodes', title: 'nodes', ...measure(numbers(values, states), true) };
  const title = `Nodes by state (${c.of})`;
  if (!c.overlay)
    return timeChart(c, {
      title,
      values,
      transform,
      main: {
        mark: { type: 'area', interpolate: 'step-after' },
        encoding: {
          x: c.x,
          y: { ...nodes, stack: 'zero' },
          color: { field: 'state', type: 'nominal', title: 'state', sort: ['provisioning', 'ready', 'not_ready'] },
        },
      },
    });
  return rowsChart(
    c,
    { field: 'state', sort: ['ready', 'provisioning', 'not_ready'] },
    {
      title,
      values,
      transform,
      main: {
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: { x: c.x, y: nodes, ...byDesign(c.designs) },
      },
    },
  );
}

function startupOverlaid(c: Charted): TopLevelSpec {
  const values = c.inputs.flatMap((i) =>
    STARTUP_STEPS.map((step) => ({
      design: i.design,
      step,
      seconds: i.summary.pods.startupBreakdownSeconds?.[step] ?? 0,
    })),
  );
  return {
    ...frame('Mean pod start-up, step by step (by design)'),
    data: { values },
    mark: 'bar',
    encoding: {
      y: DESIGN,
      x: {
        field: 'seconds',
        title: 'mean seconds from creation to Ready',
        stack: 'zero',
        ...measure(values.map((v) => v.seconds)),
      },
      color: STEP_COLOR,
      order: { field: 'stepIndex' },
    },
    transform: [STEP_ORDER],
  };
}

function startupAlone(c: Charted): TopLevelSpec {
  const values = c.inputs[0]!.startups.flatMap((p) =>
    STARTUP_STEPS.map((step) => ({ pod: p.pod, created_s: p.createdS, step, seconds: p[step] })),
  );
  return {
    ...frame(`Pod start-up, step by step (${c.of})`),
    data: { values },
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
      y: {
        field: 'seconds',
        title: 'seconds from creation to Ready',
        stack: 'zero',
        ...measure(values.map((v) => v.seconds)),
      },
      color: STEP_COLOR,
      order: { field: 'stepIndex' },
    },
  };
}

function imagesChart(c: Charted): TopLevelSpec {
  const values = c.inputs.flatMap((i) =>
    (['registry', 'mirror', 'peers'] as const).map((source) => ({
      design: i.design,
      source,
      gigabytes: i.summary.images.bytesBySource[source] / 1e9,
    })),
  );
  return {
    ...frame(`Image bytes pulled, by source (${c.of})`),
    data: { values },
    mark: 'bar',
    encoding: {
      y: DESIGN,
      x: { field: 'gigabytes', title: 'GB pulled', stack: 'zero', ...measure(values.map((v) => v.gigabytes)) },
      color: { field: 'source', type: 'nominal', title: 'source' },
    },
  };
}

function apiOverlaid(c: Charted): TopLevelSpec {
  const values = rows(c.inputs, [t('time_s'), t('api_rps')], { perTime: true });
  const rps = measure(numbers(values, [t('api_rps')]));
  return timeChart(c, {
    title: 'Kubelet API requests per second (by design)',
    values,
    main: {
      mark: 'line',
      encoding: {
        x: c.x,
        y: { field: t('api_rps'), title: 'requests/s at the API server', ...rps },
        ...byDesign(c.designs),
      },
    },
  });
}

function apiAlone(c: Charted): TopLevelSpec {
  const values = apiRows(c.inputs[0]!);
  const rps = measure(numbers(values, [a('requests_per_second')]));
  return timeChart(c, {
    title: `Kubelet API requests per second, by kind (${c.of})`,
    values,
    main: {
      mark: 'area',
      encoding: {
        x: { ...c.x, field: a('time_s') },
        y: { field: a('requests_per_second'), title: 'requests/s at the API server', stack: 'zero', ...rps },
        color: { field: a('kind'), type: 'nominal', title: 'kind' },
      },
    },
  });
}

function costChart(c: Charted): TopLevelSpec {
  const values = rows(c.inputs, [t('time_s'), t('cost_usd')], { perTime: true });
  return timeChart(c, {
    title: `Cost so far (${c.of})`,
    values,
    main: {
      mark: 'line',
      encoding: {
        x: c.x,
        y: { field: t('cost_usd'), title: 'USD', ...measure(numbers(values, [t('cost_usd')])) },
        ...(c.overlay ? byDesign(c.designs) : {}),
      },
    },
  });
}

/** BAND_CHART is the chart of percentile bands over time, drawn after a Monte Carlo run. */
export const BAND_CHART = 'bands';

/** bandChartSpec draws each band series as its p5–p95 area and p50 line over time, one row a series; null when no input has bands. */
export function bandChartSpec(inputs: readonly ChartInput[]): TopLevelSpec | null {
  if (!inputs.some((i) => i.bands !== undefined)) return null;
  const overlay = inputs.length !== 1;
  const designs = byDesign(inputs.map((i) => i.design));
  const values = inputs.flatMap((i) => bandRows(i.bands ?? []).map((b) => ({ design: i.design, ...b })));
  const endS = Math.max(0, ...inputs.map((i) => i.bands?.at(-1)?.time_s ?? 0));
  const time = elapsed(endS);
  const x = { field: 'time_s', ...time };
  const y = { type: 'quantitative', title: null, axis: { format: ',~r' } } as const;
  const seeds = inputs[0]!.summary.seeds?.count ?? 1;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `p5–p95 band and p50 over ${seeds} seeds (${overlay ? 'by design' : inputs[0]!.design})`,
    config: { font: CHART_FONT, view: { stroke: null } },
    data: { values },
    facet: { row: { field: 'series', type: 'nominal', title: null, sort: [...BAND_SERIES] } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 640,
      height: 110,
      layer: [
        ...warmupLayers(Math.max(0, ...inputs.map((i) => i.warmupSeconds ?? 0)), endS, time),
        ...zeroRowsToOne(values),
        {
          // fillOpacity, not opacity: the legend, which the layers share, would draw its symbols faint.
          mark: { type: 'area', fillOpacity: 0.25, interpolate: 'step-after' },
          encoding: { x, y: { field: 'p5', ...y }, y2: { field: 'p95' }, ...(overlay ? { color: designs.color } : {}) },
        },
        {
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: {
            x,
            y: { field: 'p50', ...y },
            ...(overlay ? { ...designs, color: { ...designs.color, legend: { symbolType: 'stroke' } } } : {}),
          },
        },
      ],
    },
  };
}

// The rows (series) whose values are all 0 reach up to 1, an invisible rule, so that they read 0–1
// rather than one tick at 0 in the middle: each row has its own y scale, so a scale's domain cannot
// do it, nor a datum (a constant, in every row's domain).
function zeroRowsToOne(values: readonly BandRow[]) {
  const nonZero = new Set(values.filter((b) => b.p5 !== 0 || b.p50 !== 0 || b.p95 !== 0).map((b) => b.series));
  const zero = BAND_SERIES.filter((s) => !nonZero.has(s) && values.some((b) => b.series === s));
  if (zero.length === 0) return [];
  return [
    {
      transform: [
        { filter: { field: 'series', oneOf: zero } },
        { aggregate: [{ op: 'max' as const, field: 'p95', as: 'p95' }], groupby: ['series'] },
        { calculate: '1', as: 'p95' },
      ],
      mark: { type: 'rule' as const, opacity: 0 },
      encoding: { y: { field: 'p95', type: 'quantitative' as const, title: null } },
    },
  ];
}
