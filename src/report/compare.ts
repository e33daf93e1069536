// `compare`'s verdicts: two runs' summaries, design by design and metric by metric, each change
// judged against its metric's direction and threshold. Pure: the command reads the files and prints.
import { DEFAULT_THRESHOLD, hasMetric, METRICS, metricValue, rank, type Metric, type Threshold } from './metrics.js';
import { tQuantile975, type Distribution } from './distribution.js';
import type { Summary } from './summary.js';

/** Verdict: worse beyond the threshold is a regression; within it, or no change, is unchanged. */
export type Verdict = 'regression' | 'worse' | 'unchanged' | 'better';

/** ComparisonRow is one design's metric in both runs. */
export interface ComparisonRow {
  readonly design: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: Metric['better'];
  readonly baseline: number | null;
  readonly current: number | null;
  /** change is (current − baseline) / |baseline|; null without both values, Infinity from 0 to more. */
  readonly change: number | null;
  readonly threshold: Threshold;
  readonly verdict: Verdict;
  /** noise: when both runs have distributions over seeds, the values are means and a change must exceed this (see noiseOf) to count; null otherwise. */
  readonly noise: number | null;
  /** excused: a change beyond the threshold that stayed within the noise, so only worse. */
  readonly excused: boolean;
}

/** Comparison is every row, the designs the current run lost, the count of regressions (a lost design is one), and what the reader should know first. */
export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  readonly missing: readonly string[];
  readonly regressions: number;
  readonly warnings: readonly string[];
}

/** relativeChange is (current − baseline) / |baseline|: 0 when both are 0, ±Infinity from 0 to anything else. */
export function relativeChange(baseline: number, current: number): number {
  if (baseline === current) return 0;
  if (baseline === 0) return current > 0 ? Infinity : -Infinity;
  return (current - baseline) / Math.abs(baseline);
}

// Rounding noise must not tip a change of exactly the threshold over it.
const EPSILON = 1e-9;

/**
 * judge is a metric's verdict: a change in the worse direction beyond the threshold is a
 * regression. A value that appears or disappears is better or worse by what null means for the
 * metric (no start-up at all is the worst; no recovery time, nothing having been lost, the best),
 * and a regression when it got worse.
 */
export function judge(
  metric: Pick<Metric, 'better' | 'nullMeans'>,
  baseline: number | null,
  current: number | null,
  threshold: Threshold,
): { change: number | null; verdict: Verdict } {
  if (baseline === null || current === null) {
    if (baseline === current) return { change: null, verdict: 'unchanged' };
    const worse = rank(metric as Metric, current) > rank(metric as Metric, baseline);
    return { change: null, verdict: worse ? 'regression' : 'better' };
  }
  const change = relativeChange(baseline, current);
  const sign = metric.better === 'lower' ? 1 : -1;
  const worse = 'relative' in threshold ? sign * change : sign * (current - baseline);
  const limit = 'relative' in threshold ? threshold.relative : threshold.absolute;
  if (worse > limit + EPSILON) return { change, verdict: 'regression' };
  if (worse > 0) return { change, verdict: 'worse' };
  return { change, verdict: worse < 0 ? 'better' : 'unchanged' };
}

/**
 * noiseOf is how far apart two means may be by chance: Welch's test, t × √(SE₁² + SE₂²) with t
 * the two-sided 95% Student's t at the Welch–Satterthwaite degrees of freedom (0 without standard errors).
 */
export function noiseOf(
  baseline: Pick<Distribution, 'stdError' | 'n'>,
  current: Pick<Distribution, 'stdError' | 'n'>,
): number {
  const [a, b] = [(baseline.stdError ?? 0) ** 2, (current.stdError ?? 0) ** 2];
  if (a + b === 0) return 0;
  const df =
    (a + b) ** 2 / ((baseline.n > 1 ? a ** 2 / (baseline.n - 1) : 0) + (current.n > 1 ? b ** 2 / (current.n - 1) : 0));
  return tQuantile975(df) * Math.sqrt(a + b);
}

/**
 * judgeDistributions judges a metric's means over seeds: a regression is a change beyond the
 * threshold that is also outside the noise (the means differ by more than noiseOf); beyond the
 * threshold but within the noise, it is only worse.
 */
export function judgeDistributions(
  metric: Pick<Metric, 'better' | 'nullMeans'>,
  baseline: Distribution,
  current: Distribution,
  threshold: Threshold,
): { change: number | null; verdict: Verdict; noise: number; excused: boolean } {
  const noise = noiseOf(baseline, current);
  // More seeds without a value, where no value is the worst (no pod ever Ready), is a regression whatever the mean of the rest.
  const share = (d: Distribution) => (d.n + d.missing === 0 ? 0 : d.missing / (d.n + d.missing));
  if (metric.nullMeans === 'worst' && share(current) > share(baseline) + EPSILON) {
    return {
      change: baseline.mean === null || current.mean === null ? null : relativeChange(baseline.mean, current.mean),
      verdict: 'regression',
      noise,
      excused: false,
    };
  }
  const judged = judge(metric, baseline.mean, current.mean, threshold);
  const within =
    baseline.mean !== null && current.mean !== null && Math.abs(current.mean - baseline.mean) <= noise + EPSILON;
  const excused = judged.verdict === 'regression' && within;
  return { ...judged, verdict: excused ? 'worse' : judged.verdict, noise, excused };
}

/** compareRuns compares the designs two runs share; `thresholds` overrides DEFAULT_THRESHOLD per metric key. */
export function compareRuns(
  baseline: readonly Summary[],
  current: readonly Summary[],
  thresholds: ReadonlyMap<string, Threshold> = new Map(),
): Comparison {
  const warnings: string[] = [];
  const before = new Map(baseline.map((s) => [s.design, s]));
  const after = new Map(current.map((s) => [s.design, s]));
  const missing = [...before.keys()].filter((d) => !after.has(d));
  for (const d of after.keys())
    if (!before.has(d)) warnings.push(`design ${d} is only in the current run; not compared`);
  const rows: ComparisonRow[] = [];
  // Metrics one run's summary.json lacks (written by a poolsim before it had them): left out, not
  // taken for a figure with nothing to measure (null) or for 0, and said once per run.
  const lacking = { baseline: new Set<string>(), current: new Set<string>() };
  for (const [design, b] of before) {
    const c = after.get(design);
    if (c === undefined) continue;
    warnings.push(...provenanceWarnings(design, b, c));
    const spread = b.distributions !== undefined && c.distributions !== undefined;
    if ((b.distributions === undefined) !== (c.distributions === undefined)) {
      warnings.push(
        `design ${design}: only the ${b.distributions === undefined ? 'current' : 'baseline'} run has distributions over seeds; compared the first seed's values (run both with --seeds)`,
      );
    }
    for (const m of METRICS) {
      if (!hasMetric(b, m) || !hasMetric(c, m)) {
        if (!hasMetric(b, m)) lacking.baseline.add(m.key);
        if (!hasMetric(c, m)) lacking.current.add(m.key);
        continue;
      }
      const threshold = thresholds.get(m.key) ?? DEFAULT_THRESHOLD;
      const [db, dc] = [b.distributions?.[m.key], c.distributions?.[m.key]];
      if (spread && db !== undefined && dc !== undefined) {
        rows.push({
          design,
          metric: m.key,
          unit: m.unit,
          better: m.better,
          baseline: db.mean,
          current: dc.mean,
          threshold,
          ...judgeDistributions(m, db, dc, threshold),
        });
        continue;
      }
      const baselineValue = metricValue(b, m);
      const currentValue = metricValue(c, m);
      rows.push({
        design,
        metric: m.key,
        unit: m.unit,
        better: m.better,
        baseline: baselineValue,
        current: currentValue,
        threshold,
        noise: null,
        excused: false,
        ...judge(m, baselineValue, currentValue, threshold),
      });
    }
  }
  for (const [run, keys] of Object.entries(lacking))
    if (keys.size > 0)
      warnings.push(
        `the ${run} run's summary.json has no ${[...keys].join(', ')} (written by an older poolsim); not compared: run it again with this poolsim to compare them`,
      );
  return {
    rows,
    missing,
    regressions: missing.length + rows.filter((r) => r.verdict === 'regression').length,
    warnings: [...new Set(warnings)],
  };
}

// Runs of different scenarios (workloads, load, faults: not the designs, whose change is what is
// compared), seeds or poolsim versions may differ for reasons other than the change under test.
function provenanceWarnings(design: string, b: Summary, c: Summary): string[] {
  const out: string[] = [];
  if (b.scenario !== c.scenario || hashOf(b) !== hashOf(c)) {
    out.push(
      `design ${design}: the runs came from different scenarios (${b.scenario} ${short(b)}, ${c.scenario} ${short(c)}); differences may not be the change under test`,
    );
  }
  if (b.seed !== c.seed) out.push(`design ${design}: the runs used different seeds (${b.seed}, ${c.seed})`);
  if (b.producedBy?.poolsim !== c.producedBy?.poolsim)
    out.push(
      `the runs came from different poolsim versions (${b.producedBy?.poolsim ?? 'unknown'}, ${c.producedBy?.poolsim ?? 'unknown'})`,
    );
  return out;
}

function hashOf(s: Summary) {
  return typeof s.producedBy?.scenarioSha256 === 'string' ? s.producedBy.scenarioSha256 : null;
}
function short(s: Summary) {
  return hashOf(s) === null ? '(no hash)' : `#${hashOf(s)!.slice(0, 8)}`;
}
