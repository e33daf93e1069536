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

// Timeline rows with the design, keeping only the columns a chart uses; `perTime` keeps one row a
// sample (the first workload's), for the cluster-wide columns that repeat on every workload's row.
function rows(inputs: readonly ChartInput[], columns: readonly TimelineColumn[], perTime = false) {
  return inputs.flatMap((i) => {
    const first = i.timeline[0]?.workload;
    return i.timeline
      .filter((r) => !perTime || r.workload === first)
      .map((r) => Object.fromEntries([['design', i.design], ...columns.map((c) => [c, r[c]])]));
  });
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
        values: rows(inputs, [t('time_s'), t('nodes_provisioning'), t('nodes_ready'), t('nodes_not_ready')], true),
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
          data: { values: rows(inputs, [t('time_s'), t('api_rps')], true) },
          mark: 'line',
          encoding: {
            x: TIME,
            y: { field: t('api_rps'), type: 'quantitative', title: 'requests/s at the API server' },
            color: design,
          },
        }
      : {
          ...frame(`Kubelet API requests per second, by kind (${of})`),
          data: {
            values: inputs[0]!.api.map((r) => ({
              [a('time_s')]: r.time_s,
              [a('kind')]: r.kind,
              [a('requests_per_second')]: r.requests_per_second,
            })),
          },
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
      data: { values: rows(inputs, [t('time_s'), t('cost_usd')], true) },
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
    data: { values: inputs.flatMap((i) => (i.bands ?? []).map((b) => ({ design: i.design, ...b }))) },
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
