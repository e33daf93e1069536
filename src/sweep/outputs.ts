// A sweep's outputs from its plan and every job's summary (in job order): sweep.csv with one row
// per variant and its place on the Pareto front, sweep.json with the variants' summaries, and the
// front as a Vega-Lite scatter chart. Pure: the same plan and summaries give the same bytes, which
// is how `merge` reproduces an unsharded sweep.
import { csvHeader, csvRecord } from '../report/csv-file.js';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from '../report/charts.js';
import { withDistributions } from '../report/monte-carlo.js';
import { METRICS, metricValue, rank } from '../report/metrics.js';
import type { Summary } from '../report/summary.js';
import { paretoFront } from './pareto.js';
import { niceMax, placeLabels } from './pareto-labels.js';
import type { SweepPlan } from './shard.js';

/** SweepRow is one variant's figures in sweep.csv: the means over its seeds. */
export interface SweepRow {
  readonly variant: string;
  readonly values: readonly unknown[];
  readonly costUsd: number | null;
  readonly startupP95S: number | null;
  readonly unservedFraction: number | null;
  readonly pendingPodSeconds: number | null;
  readonly peakPending: number | null;
  readonly nodesPeak: number | null;
  /** neverReady: pods still wanted at the end that were never Ready (the mean over its seeds). */
  readonly neverReady: number | null;
  readonly pareto: boolean;
}

const metric = (key: string) => METRICS.find((m) => m.key === key)!;
// The mean of the values present, rounded as the summaries are (null when none is).
function mean(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.round((present.reduce((a, b) => a + b, 0) / present.length) * 1e6) / 1e6;
}

/** variantSummaries are each variant's summary: its first seed's, with distributions over its seeds when there are several. */
export function variantSummaries(plan: SweepPlan, summaries: readonly Summary[]): Summary[] {
  return plan.variants.map((_, i) => {
    const mine = summaries.slice(i * plan.seeds, (i + 1) * plan.seeds);
    return plan.seeds > 1 ? withDistributions(mine[0]!, mine) : mine[0]!;
  });
}

/**
 * sweepRows are the variants' figures (means over their seeds) and the Pareto front of cost, p95
 * start-up and unserved load, all lower is better, a missing value ranked as its metric says (no
 * start-up: no pod had to start, the best). A variant that leaves pods never Ready does not do the
 * job, however cheap: it is left off the front, unless every variant does.
 */
export function sweepRows(plan: SweepPlan, summaries: readonly Summary[]): SweepRow[] {
  const rows = plan.variants.map((variant, i) => {
    const seeds = summaries.slice(i * plan.seeds, (i + 1) * plan.seeds);
    // A seed without a value where none is the worst (no pod Ready: no start-up) makes the variant's figure missing, the worst, too.
    const of = (key: string) => {
      const m = metric(key);
      const values = seeds.map((s) => metricValue(s, m));
      return m.nullMeans === 'worst' && values.includes(null) ? null : mean(values);
    };
    return {
      variant: variant.name,
      values: variant.values,
      costUsd: of('cost'),
      startupP95S: of('startupP95'),
      unservedFraction: of('unservedFraction'),
      pendingPodSeconds: of('pendingPodSeconds'),
      peakPending: of('peakPending'),
      nodesPeak: mean(seeds.map((s) => s.nodes.peak)),
      neverReady: of('neverReady'),
    };
  });
  const doesTheJob = rows.map((r) => r.neverReady === 0);
  const eligible = doesTheJob.some(Boolean) ? doesTheJob : rows.map(() => true);
  const candidates = rows.flatMap((r, i) => (eligible[i] ? [{ r, i }] : []));
  const front = paretoFront(
    candidates.map(({ r }) => [
      rank(metric('cost'), r.costUsd),
      rank(metric('startupP95'), r.startupP95S),
      rank(metric('unservedFraction'), r.unservedFraction),
    ]),
  );
  const onFront = new Set(candidates.filter((_, k) => front[k]).map(({ i }) => i));
  return rows.map((r, i) => ({ ...r, pareto: onFront.has(i) }));
}

const cell = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
// In sweep.csv a swept number stays a number (the same digits), so that a negative one is not taken
// for a formula and prefixed with ' as text is (csv-file.ts).
const csvCell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : cell(v));

/** sweepCsv is sweep.csv: one row per variant, the varied values, the figures, and whether it is on the Pareto front. */
export function sweepCsv(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const columns = [
    'variant',
    ...plan.vary.map((v) => v.path),
    'seeds',
    'cost_usd',
    'startup_p95_s',
    'unserved_fraction',
    'pending_pod_seconds',
    'peak_pending',
    'nodes_peak',
    'pareto',
    'never_ready_pods',
  ];
  const records = rows.map((r) =>
    csvRecord([
      r.variant,
      ...r.values.map(csvCell),
      plan.seeds,
      r.costUsd,
      r.startupP95S,
      r.unservedFraction,
      r.pendingPodSeconds,
      r.peakPending,
      r.nodesPeak,
      String(r.pareto),
      r.neverReady,
    ]),
  );
  return csvHeader(columns) + records.join('');
}

/** sweepJson is sweep.json: the plan, and every variant with its values, figures and summary. */
export function sweepJson(plan: SweepPlan, rows: readonly SweepRow[], perVariant: readonly Summary[]): string {
  return `${JSON.stringify({ plan, variants: rows.map((r, i) => ({ ...r, summary: perVariant[i] })) }, null, 2)}\n`;
}

// A varied path's values as a label: strings alone, anything else after the path's last key (max 4/8).
function valuesLabel(path: string, values: readonly unknown[]): string {
  const text = [...new Set(values.map(cell))].join('/');
  return values.every((v) => typeof v === 'string') ? text : `${path.split('.').at(-1)} ${text}`;
}

/**
 * variantLabel names variants by their varied values (`e2-standard-8, max 8`); several (at one point
 * of a chart) as one when they are every combination of their values (`e2-highmem-4, max 4/8`),
 * else one after another.
 */
export function variantLabel(vary: SweepPlan['vary'], variants: ReadonlyArray<readonly unknown[]>): string {
  const column = (i: number) => variants.map((v) => v[i]);
  const combinations = vary.reduce((n, _, i) => n * new Set(column(i).map(cell)).size, 1);
  if (combinations !== variants.length) return variants.map((v) => variantLabel(vary, [v])).join('; ');
  return vary.map((v, i) => valuesLabel(v.path, column(i))).join(', ');
}

const valuesOf = (r: SweepRow) => r.values;

// The Pareto chart's points: a variant each, with its values; the front's are labelled (the
// dominated ones are many, and close: their labels would overlap), variants at one point with one
// label, carried by the first of them.
const [FRONT, DOMINATED, NEVER_READY] = ['Pareto front', 'dominated', 'never Ready pods'];
const [WIDTH, HEIGHT] = [640, 400];

function paretoPoints(plan: SweepPlan, rows: readonly SweepRow[]) {
  const drawn = rows.filter((r) => r.costUsd !== null && r.startupP95S !== null);
  const at = (r: SweepRow) => `${r.costUsd} ${r.startupP95S} ${r.pareto}`;
  const points = new Map<string, SweepRow[]>();
  for (const r of drawn) points.set(at(r), [...(points.get(at(r)) ?? []), r]);
  // Variants at one point share one label.
  const label = (r: SweepRow) => {
    const here = points.get(at(r))!;
    return here[0] === r ? variantLabel(plan.vary, here.map(valuesOf)) : '';
  };
  return drawn.map((r) => ({
    variant: r.variant,
    ...Object.fromEntries(plan.vary.map((v, i) => [v.path, cell(r.values[i])])),
    label: label(r),
    cost_usd: r.costUsd,
    startup_p95_s: r.startupP95S,
    unserved_percent: (r.unservedFraction ?? 0) * 100,
    front: r.pareto ? FRONT : (r.neverReady ?? 0) > 0 ? NEVER_READY : DOMINATED,
  }));
}

// Both axes from zero to a round end, fixed, so that the labels can be placed in pixels.
function paretoAxes(values: ReturnType<typeof paretoPoints>) {
  const xMax = niceMax(Math.max(0, ...values.map((v) => v.cost_usd!)));
  const yMax = niceMax(Math.max(0, ...values.map((v) => v.startup_p95_s!)));
  const axis = (field: string, title: string, max: number) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, max], nice: false },
  });
  return {
    x: axis('cost_usd', 'cost (USD)', xMax),
    y: axis('startup_p95_s', 'p95 pod start-up (s)', yMax),
    xMax,
    yMax,
  };
}

/**
 * paretoChartSpec draws cost against p95 start-up from zero, one point a variant, the front marked,
 * joined and labelled with its varied values.
 */
export function paretoChartSpec(plan: SweepPlan, rows: readonly SweepRow[]): TopLevelSpec {
  const values = paretoPoints(plan, rows);
  const seeds = plan.seeds > 1 ? `, means over ${plan.seeds} seeds` : '';
  const tooltip = [
    { field: 'variant', type: 'nominal' },
    ...plan.vary.map((v) => ({ field: v.path, type: 'nominal' as const })),
    { field: 'cost_usd', type: 'quantitative' },
    { field: 'startup_p95_s', type: 'quantitative' },
    { field: 'unserved_percent', type: 'quantitative' },
  ] as const;
  const { x, y, xMax, yMax } = paretoAxes(values);
  const offsets = placeLabels(
    values.map((v) => ({
      x: (v.cost_usd! / xMax) * WIDTH,
      y: HEIGHT - (v.startup_p95_s! / yMax) * HEIGHT,
      text: v.label,
      first: v.front === FRONT,
    })),
    HEIGHT,
  );
  const labelled = values.map((v, i) => ({ ...v, label_y: v.startup_p95_s! - (offsets[i]! * yMax) / HEIGHT }));
  // Without unserved load anywhere, every point is the same size and the legend would say only 0.
  const size = values.some((v) => v.unserved_percent > 0)
    ? {
        size: {
          field: 'unserved_percent',
          type: 'quantitative',
          title: 'unserved %',
          scale: { range: [40, 400] },
          legend: { format: ',~r' },
        } as const,
      }
    : {};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${plan.scenario}: ${plan.variants.length} variants of ${plan.design}${seeds}`,
    width: WIDTH,
    height: HEIGHT,
    config: { font: CHART_FONT, view: { stroke: null } },
    data: { values: labelled },
    layer: [
      {
        transform: [{ filter: "datum.front == 'Pareto front'" }],
        mark: { type: 'line', interpolate: 'step-after', opacity: 0.5 },
        encoding: { x, y, order: { field: 'cost_usd' } },
      },
      {
        mark: { type: 'point', filled: true, ...(Object.keys(size).length === 0 ? { size: 120 } : {}) },
        encoding: {
          x,
          y,
          tooltip: [...tooltip],
          color: {
            field: 'front',
            type: 'nominal',
            title: null,
            scale: { domain: [FRONT, DOMINATED, NEVER_READY], range: ['#4c78a8', '#f58518', '#e45756'] },
          },
          ...size,
        },
      },
      // A label moved off its point's height is tied to it by a thin line.
      {
        transform: [{ filter: "datum.label != '' && datum.label_y != datum.startup_p95_s" }],
        mark: { type: 'rule', color: '#aaa', strokeWidth: 0.75 },
        encoding: { x, y, y2: { field: 'label_y' } },
      },
      // Every point labelled with its varied values, to its right, moved up or down where it would
      // overlap another (pareto-labels.ts); the front's darker.
      {
        transform: [{ filter: "datum.label != ''" }],
        mark: { type: 'text', dx: 7, align: 'left', baseline: 'middle', fontSize: 11 },
        encoding: {
          x,
          y: { ...y, field: 'label_y' },
          text: { field: 'label' },
          color: { condition: { test: `datum.front == '${FRONT}'`, value: '#222' }, value: '#777' },
        },
      },
    ],
  };
}
