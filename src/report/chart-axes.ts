// What every time chart shares: elapsed time read as h:mm at round steps (the data keeps time_s,
// as the CSV files do), measures whose labels stay short when every value is 0, designs told apart
// by colour and dash, and the warm-up shaded.

// Tick steps of the time axis, in seconds: round minutes and hours, then whole days.
const TIME_STEPS_S = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];
const DAY_S = 86_400;
const MAX_TIME_TICKS = 10; // a label every 64 px or more of a chart's 640
// Runs shorter than this read as m:ss: in h:mm they would have ten labels at most and no seconds.
const M_SS_BELOW_S = 600;

/** H_MM labels a tick of elapsed seconds as h:mm (5400 → 1:30; 86400 → 24:00). */
export const H_MM = "floor(datum.value / 3600) + ':' + format(floor(datum.value / 60) % 60, '02d')";
/** M_SS labels a tick of elapsed seconds as m:ss (90 → 1:30). */
export const M_SS = "floor(datum.value / 60) + ':' + format(floor(datum.value) % 60, '02d')";

/** elapsed is the time axis of a run of `endS` seconds: ticks at a round step from 0, labelled h:mm (m:ss under 10 minutes). */
export function elapsed(endS: number) {
  const step = TIME_STEPS_S.find((s) => endS / s <= MAX_TIME_TICKS) ?? DAY_S * Math.ceil(endS / DAY_S / MAX_TIME_TICKS);
  const short = endS < M_SS_BELOW_S;
  return {
    type: 'quantitative' as const,
    title: short ? 'elapsed (m:ss)' : 'elapsed (h:mm)',
    scale: { nice: false },
    axis: {
      values: Array.from({ length: Math.floor(endS / step) + 1 }, (_, i) => i * step),
      labelExpr: short ? M_SS : H_MM,
    },
  };
}
/** Elapsed is a time axis (without its field). */
export type Elapsed = ReturnType<typeof elapsed>;

/**
 * measure is a quantitative channel for `values`: short labels (",~r": 0, 0.5, 1,500) and, when every
 * value is 0, a 0–1 scale rather than Vega's lone tick at 0 labelled 0.000000; `whole` for counts,
 * ticked at whole numbers.
 */
export function measure(values: Iterable<number>, whole = false) {
  let zero = true;
  for (const v of values) if (v !== 0) zero = false;
  return {
    type: 'quantitative' as const,
    axis: { format: ',~r', ...(whole ? { tickMinStep: 1 } : {}) },
    ...(zero ? { scale: { domain: [0, 1] } } : {}),
  };
}

/** numbers are the values of `fields` in `rows`, as numbers. */
export const numbers = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>, fields: readonly string[]) =>
  rows.flatMap((r) => fields.map((f) => Number(r[f])));

// Dashes for designs, after solid: long, dotted, dash-dot, even, sparse dots.
const DASHES = [
  [1, 0],
  [8, 4],
  [2, 3],
  [12, 3, 2, 3],
  [5, 5],
  [1, 6],
];

/**
 * byDesign tells `designs` apart by colour and by dash, in one legend and in their order, so that
 * lines that coincide stay visible: the first design's line (drawn first, beneath) is solid, and the
 * next ones' dashes show it through their gaps.
 */
export const byDesign = (designs: readonly string[]) => ({
  color: { field: 'design', type: 'nominal' as const, title: 'design', sort: [...designs] },
  strokeDash: {
    field: 'design',
    type: 'nominal' as const,
    title: 'design',
    sort: [...designs],
    scale: { range: DASHES.map((d) => [...d]) },
  },
});

/**
 * byDesignDashBySeries colours lines by design, as byDesign does, and dashes them by series in
 * `series`' order, the first solid: a figure against its reference (CPU used against requested),
 * each design's pair in its own colour.
 */
export const byDesignDashBySeries = (designs: readonly string[], series: readonly string[]) => ({
  color: byDesign(designs).color,
  strokeDash: {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    sort: [...series],
    scale: { domain: [...series], range: DASHES.slice(0, series.length).map((d) => [...d]) },
    // Long enough a symbol to show its dash.
    legend: { symbolType: 'stroke', symbolSize: 600 },
  },
});

/** bySeries tells the series of one design apart (desired and ready replicas) as byDesign does designs. */
export const bySeries = (field: string) => ({
  color: { field, type: 'nominal' as const, title: null },
  strokeDash: { field, type: 'nominal' as const, title: null, scale: { range: DASHES.map((d) => [...d]) } },
});

// One mark (a chart's, or each facet cell's) whatever the data.
const ONE = [{ aggregate: [{ op: 'count' as const, as: 'rows' }] }];

/** warmupLayers shade [0, warmupS] (up to `endS`) in light grey, labelled "warm-up"; none without a warm-up. */
export function warmupLayers(warmupS: number | undefined, endS: number, x: Elapsed) {
  if (warmupS === undefined || !(warmupS > 0)) return [];
  const to = endS > 0 ? Math.min(warmupS, endS) : warmupS;
  return [
    {
      transform: ONE,
      mark: { type: 'rect' as const, color: '#000', opacity: 0.07 },
      encoding: { x: { ...x, datum: 0 }, x2: { datum: to } },
    },
    {
      transform: ONE,
      mark: {
        type: 'text' as const,
        text: 'warm-up',
        align: 'left' as const,
        baseline: 'top' as const,
        dx: 3,
        dy: 3,
        fontSize: 10,
        color: '#666',
      },
      encoding: { x: { ...x, datum: 0 }, y: { value: 0 } },
    },
  ];
}
