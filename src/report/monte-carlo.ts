// Monte Carlo over seeds: each design's summary on the scenario's seed, with every metric's
// distribution over all the seeds (summary.json's `distributions`), and one row per seed (seeds.csv).
import { csvText } from './csv-file.js';
import { distribution, type Distribution } from './distribution.js';
import { METRICS, metricValue } from './metrics.js';
import type { Summary } from './summary.js';

/** withDistributions is `first` (the run on the first seed) with the seeds run and each metric's distribution over `all` (every seed's summary, in seed order). */
export function withDistributions(first: Summary, all: readonly Summary[]): Summary {
  const distributions: Record<string, Distribution> = {};
  for (const m of METRICS) distributions[m.key] = distribution(all.map((s) => metricValue(s, m)));
  return { ...first, seeds: { first: all[0]!.seed, count: all.length }, distributions };
}

/** seedsCsv is seeds.csv: one row per seed, the metrics as columns (empty where a seed has no value). */
export function seedsCsv(all: readonly Summary[]): string {
  const rows = all.map((s) =>
    Object.fromEntries([['seed', s.seed], ...METRICS.map((m) => [m.key, metricValue(s, m)])]),
  );
  return csvText(['seed', ...METRICS.map((m) => m.key)], rows);
}

/** DISTRIBUTION_STATS are the figures comparison.csv shows per metric after a Monte Carlo run, as column suffixes. */
export const DISTRIBUTION_STATS = ['p5', 'p50', 'p95', 'mean', 'ci95Low', 'ci95High'] as const;

/** distributionColumns are comparison.csv's extra columns and their values for one summary (none without distributions). */
export function distributionColumns(summary: Summary): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of METRICS) {
    const d = summary.distributions?.[m.key];
    for (const stat of DISTRIBUTION_STATS) out[`${m.key}_${stat}`] = d?.[stat] ?? null;
  }
  return out;
}
