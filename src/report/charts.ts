// The charts of a run as Vega-Lite specs: each per design, and with every design overlaid so that
// the difference between designs is one glance. Fields are the CSV columns (columns.ts), and the
// data is inline, so a spec renders on its own (headless, or in report.html opened from disk).
import type { TopLevelSpec } from 'vega-lite';
import type { StartupBreakdown } from '../simulate/startup-breakdown.js';
import type { ApiColumn, PoolColumn, TimelineColumn } from './columns.js';
import { BAND_SERIES, type BandRow } from './bands.js';
import {
  byDesign,
  byDesignDashBySeries,
  bySeries,
  elapsed,
  type Elapsed,
  measure,
  numbers,
  warmupLayers,
} from './chart-axes.js';
import { apiRows, bandRows, poolRows, rows, type ChartInput } from './chart-data.js';

/** CHART_NAMES are the charts written for each design and overlaid, in report order. */
export const CHART_NAMES = [
  'replicas',
  'pending',
  'nodes',
  'startup',
  'images',
  'api',
  'cost',
  'cpu',
  'memory',
] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** CHART_CAPTIONS: a line under a chart in report.html, for the charts whose reading is not in their title. */
export const CHART_CAPTIONS: Partial<Readonly<Record<ChartName, string>>> = {
  cpu: "CPU the pods used (solid) against what the running pods request (dashed), in cores, all workloads together: above requested is the nodes' spare CPU put to work, which nobody reserved for them.",
  memory:
    "The pods' memory working sets (solid) against the Ready nodes' allocatable memory (dashed), in GiB, all workloads and pools together: a node whose pods outgrow its allocatable evicts some (pools.csv names each pool's fullest node).",
};

/** ChartFont: the font the charts are drawn with, bundled for PNGs (dejavu-fonts-ttf) so they look the same everywhere. */
export const CHART_FONT = 'DejaVu Sans';

/** ChartInput and CHART_POINTS live with the data they describe (chart-data.ts). */
export type { ChartInput } from './chart-data.js';
export { CHART_POINTS } from './chart-data.js';

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
const p = (c: PoolColumn) => c;
const DESIGN = { field: 'design', type: 'nominal', title: 'design' } as const;

// The common frame: size, font, schema.
const frame = (title: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title,
  width: 640,
  height: 240,
  config: { font: CHART_FONT, view: { stroke: null } },
});

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
  const endS = Math.max(0, ...inputs.flatMap((i) => [last(i.timeline), last(i.api), last(i.pools)]));
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
    cpu: cpuChart(c),
    memory: memoryChart(c),
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

// A bar a pod: at most STARTUP_BARS of them, every k-th pod in order of creation beyond that (the
// shape of a fleet's 400,000 start-ups shows in 1,000 bars, and report.html stays small).
export const STARTUP_BARS = 1000;

function startupAlone(c: Charted): TopLevelSpec {
  const all = c.inputs[0]!.startups;
  const every = Math.max(1, Math.ceil(all.length / STARTUP_BARS));
  const shown = every === 1 ? all : all.filter((_, i) => i % every === 0);
  const values = shown.flatMap((p) =>
    STARTUP_STEPS.map((step) => ({ pod: p.pod, created_s: p.createdS, step, seconds: p[step] })),
  );
  const which = every === 1 ? '' : `, 1 pod in ${every} of ${all.length.toLocaleString('en-US')}`;
  return {
    ...frame(`Pod start-up, step by step (${c.of}${which})`),
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

// A figure against its reference over time (CPU used against requested, memory against
// allocatable): the figure solid, the reference dashed, in the design's colour; designs overlaid
// take a row each (one y scale), since their lines often coincide (the same pods, the same load)
// and the dash that tells designs apart elsewhere here tells figure from reference.
function againstReference(c: Charted, series: readonly string[], d: Drawing): TopLevelSpec {
  const main = { ...d.main, encoding: { ...d.main.encoding, ...byDesignDashBySeries(c.designs, series) } } as Layer;
  if (!c.overlay) return timeChart(c, { ...d, main });
  return rowsChart(c, { field: 'design', sort: [...c.designs] }, { ...d, main });
}

// CPU the pods used against what the running pods request, in cores, summed over workloads: used
// above requested is CPU the nodes had spare (bursting), below it requests held idle.
function cpuChart(c: Charted): TopLevelSpec {
  const columns = [t('cpu_used_cores'), t('cpu_requested_cores')];
  const values = rows(c.inputs, [t('time_s'), ...columns]);
  return againstReference(c, ['used', 'requested'], {
    title: `CPU used and requested (${c.of})`,
    values,
    transform: [
      { fold: columns, as: ['series', 'cores'] },
      { calculate: `datum.series === '${t('cpu_used_cores')}' ? 'used' : 'requested'`, as: 'series' },
    ],
    main: {
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: c.x,
        y: {
          aggregate: 'sum',
          field: 'cores',
          // A row is 100 px high when designs are overlaid: room for a short title only.
          title: c.overlay ? 'CPU cores' : 'CPU cores (all workloads)',
          ...measure(numbers(values, columns)),
        },
      },
    },
  });
}

const GIB = 2 ** 30;
// The pods' working sets (summed over workloads, from the timeline) against the Ready nodes'
// allocatable memory (summed over pools, from the pool rows), in GiB. The data keep bytes, as the
// CSV files do; the two kinds of row are folded into one series each, the field a row lacks dropped.
function memoryChart(c: Charted): TopLevelSpec {
  const used = rows(c.inputs, [t('time_s'), t('memory_working_set_bytes')]);
  const held = poolRows(c.inputs, [p('time_s'), p('memory_allocatable_bytes')]);
  const bytes = [...numbers(used, [t('memory_working_set_bytes')]), ...numbers(held, [p('memory_allocatable_bytes')])];
  return againstReference(c, ['working set', 'allocatable'], {
    title: `Memory: working set and allocatable (${c.of})`,
    values: [...used, ...held],
    transform: [
      { fold: [t('memory_working_set_bytes'), p('memory_allocatable_bytes')], as: ['series', 'bytes'] },
      { filter: 'isValid(datum.bytes)' },
      { calculate: `datum.bytes / ${GIB}`, as: 'gib' },
      {
        calculate: `datum.series === '${t('memory_working_set_bytes')}' ? 'working set' : 'allocatable'`,
        as: 'series',
      },
    ],
    main: {
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: { x: c.x, y: { aggregate: 'sum', field: 'gib', title: 'memory (GiB)', ...measure(bytes) } },
    },
  });
}

/**
 * INSTANCE_TYPE_CHART: report.html's chart of Ready nodes by instance type and capacity type over
 * time, a row a design, drawn when some design has Karpenter (whose types change over the day).
 */
export const INSTANCE_TYPE_CHART = 'instance-types';

/** instanceTypeRows are each design's Ready nodes by instance type (and capacity type) over time, a row where a count changes (and the last sample). */
function instanceTypeRows(inputs: readonly ChartInput[]): Row[] {
  return inputs.flatMap((i) => {
    const byTime = new Map<number, Map<string, number>>();
    for (const r of i.pools) {
      const time = Number(r.time_s);
      const series = `${r.instance_type === '' ? String(r.pool) : String(r.instance_type)} (${String(r.capacity_type ?? 'on-demand')})`;
      const at = byTime.get(time) ?? new Map<string, number>();
      at.set(series, (at.get(series) ?? 0) + Number(r.nodes));
      byTime.set(time, at);
    }
    const times = [...byTime.keys()].sort((a, b) => a - b);
    const series = [...new Set([...byTime.values()].flatMap((m) => [...m.keys()]))].sort();
    const out: Row[] = [];
    for (const name of series) {
      let last: number | null = null;
      times.forEach((time, k) => {
        const nodes = byTime.get(time)!.get(name) ?? 0;
        if (nodes !== last || k === times.length - 1) out.push({ design: i.design, time_s: time, series: name, nodes });
        last = nodes;
      });
    }
    return out;
  });
}

/** instanceTypeChartSpec draws the nodes by instance type over time (null when no design has Karpenter). */
export function instanceTypeChartSpec(inputs: readonly ChartInput[]): TopLevelSpec | null {
  if (!inputs.some((i) => (i.summary.karpenter ?? null) !== null)) return null;
  const c = charted(inputs);
  const values = instanceTypeRows(inputs);
  const nodes = measure(
    values.map((v) => Number(v.nodes)),
    true,
  );
  const main: Layer = {
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: c.x,
      y: { field: 'nodes', title: 'Ready nodes', ...nodes },
      color: {
        field: 'series',
        type: 'nominal',
        title: 'instance type (capacity)',
        legend: { labelLimit: 320, titleLimit: 320 },
      },
    },
  };
  const title = `Nodes by instance type (${c.of})`;
  if (!c.overlay) return timeChart(c, { title, values, main });
  return rowsChart(c, { field: 'design', sort: [...c.designs] }, { title, values, main });
}

/** BAND_CHART is the chart of percentile bands over time, drawn after a Monte Carlo run. */
export const BAND_CHART = 'bands';

/** bandChartSpec draws each band series as its p5–p95 area and p50 line over time, one row a series; null when no input has bands. */
/**
 * ROLLOUT_CHART: report.html's chart of rollout progress (pods of the latest template, and desired
 * replicas not available), drawn only when a design rolled out.
 */
export const ROLLOUT_CHART = 'rollouts';

/** rolloutChartSpec draws the rollouts' progress over time (null when no design rolled out). */
export function rolloutChartSpec(inputs: readonly ChartInput[]): TopLevelSpec | null {
  if (!inputs.some((i) => (i.summary.rollouts ?? []).length > 0)) return null;
  const c = charted(inputs);
  const values = rows(c.inputs, [t('time_s'), t('updated_pods'), t('unavailable_pods')]);
  const count = measure(numbers(values, [t('updated_pods'), t('unavailable_pods')]), true);
  const series = [t('updated_pods'), t('unavailable_pods')];
  return rowsChart(
    c,
    { field: 'series', sort: series },
    {
      title: `Rollouts: pods of the latest template, and desired replicas unavailable (${c.of})`,
      values,
      transform: [{ fold: series, as: ['series', 'pods'] }],
      main: {
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: c.x,
          y: { aggregate: 'sum', field: 'pods', title: 'pods', ...count },
          ...(c.overlay ? byDesign(c.designs) : {}),
        },
      },
    },
  );
}

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
