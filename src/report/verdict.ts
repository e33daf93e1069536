// The verdict of a run: for each question a capacity review asks (cost, start-up, unserved load,
// pending pod-time, API peak, blast radius), which design is best and by how much against the
// runner-up. Over seeds, the means are compared, and when the two 95% confidence intervals overlap
// the difference is "inside the noise", not a win. A design that leaves pods never Ready or load
// unserved cannot be best on cost or start-up: it is cheap, or quick, by not running the workload.
// Pure: the run command prints verdictText, the report embeds verdictHtml.
import { formatValue } from './compare-format.js';
import { METRICS, metricValue, rank, type Metric } from './metrics.js';
import type { Summary } from './summary.js';
import { escapeHtml, stripControls } from '../util/text.js';

/** Shortfall is what a design leaves undone: pods never Ready, and the share of the load unserved. */
interface Shortfall {
  readonly design: string;
  readonly neverReady: number;
  readonly unservedFraction: number;
}

/** CriterionVerdict is one question's answer; values are means over the seeds when `seeds` is set. */
export interface CriterionVerdict {
  /**
   * outcome: one design is best; several are tied for best (or all are); or the best and the
   * runner-up are inside the noise (their 95% CIs overlap).
   */
  readonly outcome: 'best' | 'tied' | 'noise';
  readonly criterion: string;
  /** metric is the METRICS key; unit its unit. */
  readonly metric: string;
  readonly unit: string;
  /** best: the designs ranked first (several when tied); bestValue their value. */
  readonly best: readonly string[];
  readonly bestValue: number | null;
  /** runnerUp: the first design ranked behind the best; null when there is none. */
  readonly runnerUp: string | null;
  readonly runnerUpValue: number | null;
  /** margin: how much better the best is than the runner-up, in the unit; relative: margin ÷ |runner-up's value|. */
  readonly margin: number | null;
  readonly relative: number | null;
  /** seeds: how many seeds the means are over; null for the figures of one run. */
  readonly seeds: number | null;
  /** passedOver: designs that did better than the best but leave pods never Ready or load unserved, best first. */
  readonly passedOver: readonly Shortfall[];
  /** noneServes: on a criterion only a design that serves everything can win, none does; passedOver holds them all, and the best is the best of them all. */
  readonly noneServes: boolean;
}

/** VerdictLine is a criterion's verdict, or the one line of a run with a single design (or none). */
export type VerdictLine = CriterionVerdict | { readonly outcome: 'alone'; readonly design: string | null };

/** Criterion is one question of the verdict, asked of one metric. */
interface Criterion {
  readonly key: string;
  /** label, when the question's name is not the metric's label. */
  readonly label?: string;
  readonly comparative: string;
  readonly superlative: string;
  /** servedOnly: only a design that serves everything (every pod Ready, no load unserved) can be best. */
  readonly servedOnly: boolean;
  /** none: what a design without a value did (it has no figure to be best at). */
  readonly none?: string;
  /** whenAny: asked only when some design has a figure above 0 (a question most runs need not hear). */
  readonly whenAny?: boolean;
}

const CRITERIA: readonly Criterion[] = [
  { key: 'cost', comparative: 'cheaper', superlative: 'cheapest', servedOnly: true },
  {
    key: 'startupP95',
    comparative: 'faster',
    superlative: 'fastest',
    servedOnly: true,
    none: 'with no pod to start in the run',
  },
  { key: 'unservedFraction', comparative: 'less', superlative: 'least', servedOnly: false },
  { key: 'pendingPodSeconds', comparative: 'less', superlative: 'least', servedOnly: false },
  { key: 'apiPeakRps', comparative: 'lower', superlative: 'lowest', servedOnly: false },
  {
    key: 'maxReplicasOnOneNode',
    label: 'blast radius (replicas on one node)',
    comparative: 'fewer',
    superlative: 'fewest',
    servedOnly: false,
  },
  { key: 'oomKills', comparative: 'fewer', superlative: 'fewest', servedOnly: false, whenAny: true },
  { key: 'memoryEvictions', comparative: 'fewer', superlative: 'fewest', servedOnly: false, whenAny: true },
];

const metricOf = (key: string): Metric => METRICS.find((m) => m.key === key)!;
const NEVER_READY = metricOf('neverReady');
const UNSERVED = metricOf('unservedFraction');

/** verdict answers each criterion for a run's designs (one line saying there is nothing to compare for fewer than two). */
export function verdict(summaries: readonly Summary[]): VerdictLine[] {
  if (summaries.length < 2) return [{ outcome: 'alone', design: summaries[0]?.design ?? null }];
  const asked = CRITERIA.filter(
    (c) => c.whenAny !== true || summaries.some((s) => (metricValue(s, metricOf(c.key)) ?? 0) > 0),
  );
  return asked.map((c) => judgeCriterion(c, summaries));
}

// A design's figure for one metric: the mean over the seeds when every design has one, else its run's.
interface Entry {
  readonly design: string;
  readonly value: number | null;
  readonly ci: readonly [number, number] | null;
  readonly shortfall: Shortfall;
}

function entryOf(s: Summary, m: Metric, spread: boolean): Entry {
  const d = spread ? s.distributions?.[m.key] : undefined;
  const ci = d?.ci95Low != null && d.ci95High != null ? ([d.ci95Low, d.ci95High] as const) : null;
  return { design: s.design, value: d === undefined ? metricValue(s, m) : d.mean, ci, shortfall: shortfallOf(s) };
}

// Older summaries have no neverReady: none is counted. Over seeds, the means.
function shortfallOf(s: Summary): Shortfall {
  const figure = (m: Metric) => s.distributions?.[m.key]?.mean ?? metricValue(s, m) ?? 0;
  return { design: s.design, neverReady: figure(NEVER_READY), unservedFraction: figure(UNSERVED) };
}

// The seeds run; a summary without `seeds` counts its distribution's.
function seedsOf(s: Summary, m: Metric): number {
  const d = s.distributions![m.key]!;
  return s.seeds?.count ?? d.n + d.missing;
}

const serves = (e: Entry) => e.shortfall.neverReady <= 0 && e.shortfall.unservedFraction <= 0;
const overlap = (a: Entry['ci'], b: Entry['ci']) => a !== null && b !== null && a[0] <= b[1] && b[0] <= a[1];

function judgeCriterion(c: Criterion, summaries: readonly Summary[]): CriterionVerdict {
  const m = metricOf(c.key);
  const spread = summaries.every((s) => s.distributions?.[m.key] !== undefined);
  const order = (e: Entry) => rank(m, e.value);
  // A stable sort: designs alike keep the run's order. (Infinity − Infinity is NaN, hence no subtraction.)
  const ranked = summaries
    .map((s) => entryOf(s, m, spread))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const serving = c.servedOnly ? ranked.filter(serves) : ranked;
  // When no design serves everything, the verdict says so, then ranks them all.
  const noneServes = serving.length === 0;
  const top = (noneServes ? ranked : serving)[0]!;
  const common = {
    criterion: c.label ?? m.label,
    metric: m.key,
    unit: m.unit,
    seeds: spread ? seedsOf(summaries[0]!, m) : null,
  };
  // Values that print alike are alike: a verdict never claims a win of "$0.00".
  const same = (e: Entry) => formatValue(e.value, m.unit) === formatValue(top.value, m.unit);
  const best = (noneServes ? ranked : serving).filter(same);
  const runnerUp = ranked.find((e) => order(e) > order(top) && !same(e));
  const outcome = runnerUp !== undefined && overlap(top.ci, runnerUp.ci) ? 'noise' : best.length > 1 ? 'tied' : 'best';
  return {
    ...common,
    outcome,
    best: best.map((e) => e.design),
    bestValue: top.value,
    runnerUp: runnerUp?.design ?? null,
    runnerUpValue: runnerUp?.value ?? null,
    ...margins(top.value, runnerUp?.value ?? null),
    passedOver: shortfalls(noneServes ? ranked : ranked.filter((e) => order(e) < order(top) && !same(e))),
    noneServes,
  };
}

function shortfalls(entries: readonly Entry[]): Shortfall[] {
  return entries.map((e) => e.shortfall);
}

function margins(best: number | null, runnerUp: number | null): { margin: number | null; relative: number | null } {
  if (best === null || runnerUp === null) return { margin: null, relative: null };
  const margin = Math.abs(runnerUp - best);
  return { margin, relative: runnerUp === 0 ? null : margin / Math.abs(runnerUp) };
}

/** verdictText is the verdict for a terminal: a heading and one line per criterion, design names without control characters. */
export function verdictText(lines: readonly VerdictLine[]): string {
  return ['Verdict', ...lines.map((l) => `  ${partsOf(l).join(': ')}`)].join('\n');
}

/** verdictHtml is the verdict as a fragment of report.html: a section with a heading and a list, every name escaped. */
export function verdictHtml(lines: readonly VerdictLine[]): string {
  const item = (l: VerdictLine) => {
    const parts = partsOf(l);
    return parts.length === 1
      ? `<li>${escapeHtml(parts[0]!)}</li>`
      : `<li><strong>${escapeHtml(parts[0]!)}</strong>: ${escapeHtml(parts[1]!)}</li>`;
  };
  return `<section class="verdict"><h2>Verdict</h2><ul>${lines.map(item).join('')}</ul></section>`;
}

const name = (design: string) => stripControls(design);
// "a", "a and b", "a, b and c".
function list(designs: readonly string[]): string {
  const names = designs.map(name);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

// The criterion and what the verdict says of it; the one sentence of a run with a single design.
function partsOf(l: VerdictLine): string[] {
  if (l.outcome === 'alone')
    return [l.design === null ? 'No design: nothing to compare.' : `Only ${name(l.design)}: nothing to compare.`];
  const c = CRITERIA.find((x) => x.key === l.metric)!;
  if (l.noneServes)
    return [
      l.criterion,
      `no design serves everything (${l.passedOver.map(shortfallText).join('; ')}); of them all, ${standingText(l, c)}`,
    ];
  const passed = l.passedOver.map((s, i) =>
    i === 0
      ? `${name(s.design)} is ${c.superlative} but ${leaves(s)}`
      : `${name(s.design)}, also ${c.comparative}, ${leaves(s)}`,
  );
  const among = passed.length === 0 ? '' : `${passed.join('; ')}; among designs that serve everything, `;
  return [l.criterion, `${among}${standingText(l, c)}`];
}

function standingText(l: CriterionVerdict, c: Criterion): string {
  const v = (x: number | null) => (x === null ? 'no value' : formatValue(x, l.unit));
  const at = (x: number | null) => (x === null && c.none !== undefined ? c.none : `at ${v(x)}`);
  const over = l.seeds === null ? '' : ` (means over ${l.seeds} seeds)`;
  if (l.outcome === 'noise') {
    const seeds = l.seeds === null ? '' : ` over ${l.seeds} seeds`;
    return `${list([...l.best, l.runnerUp!])} are inside the noise${seeds} (mean ${v(l.bestValue)} against ${v(l.runnerUpValue)}; their 95% CIs overlap)`;
  }
  const who =
    l.outcome === 'tied'
      ? `${list(l.best)} are tied${l.runnerUp === null ? '' : ' for best'}`
      : `${name(l.best[0]!)} is best`;
  if (l.runnerUp === null)
    return `${who} ${at(l.bestValue)}${l.outcome === 'best' ? ', the only design that serves everything' : ''}${over}`;
  if (l.margin === null)
    return `${who} ${at(l.bestValue)}, against ${v(l.runnerUpValue)} for ${name(l.runnerUp)}${over}`;
  const relative = l.relative === null ? '' : ` (${percent(l.relative)})`;
  return `${who} ${at(l.bestValue)}, ${difference(l.margin, l.unit)}${relative} ${c.comparative} than ${name(l.runnerUp)}${over}`;
}

// A difference of fractions is in percentage points: 2% against 5% is 3 points less, and 60% less.
function difference(x: number, unit: string): string {
  return unit === 'fraction' ? `${Math.round(x * 100_000) / 1000} percentage points` : formatValue(x, unit);
}

// Whole percents, and tenths below 10%.
function percent(x: number): string {
  return `${x >= 0.1 ? Math.round(x * 100) : Math.round(x * 1000) / 10}%`;
}

function leaves(s: Shortfall): string {
  const undone = [
    ...(s.neverReady > 0 ? [`${formatValue(s.neverReady, 'pods')} never Ready`] : []),
    ...(s.unservedFraction > 0 ? [`${formatValue(s.unservedFraction, 'fraction')} of the load unserved`] : []),
  ];
  return `leaves ${undone.join(' and ')}`;
}

function shortfallText(s: Shortfall): string {
  return `${name(s.design)} ${leaves(s)}`;
}
