// Percentile bands over time: with many seeds, each sample time's spread of a few cluster-wide
// series (p5, p50, p95 across the seeds), for the charts and bands.csv.
import { csvText } from './csv-file.js';
import type { TimelineRow } from '../simulate/timeline.js';
import { quantile } from './distribution.js';

/** BAND_SERIES are the series drawn as bands: summed over workloads, or cluster-wide. */
export const BAND_SERIES = ['ready_pods', 'pending_pods', 'unserved_rps', 'nodes_ready', 'cost_usd'] as const;
export type BandSeriesName = (typeof BAND_SERIES)[number];
const SUMMED: ReadonlySet<BandSeriesName> = new Set(['ready_pods', 'pending_pods', 'unserved_rps']);

/** SeedSeries is one seed's timeline reduced to the band series, one value a sample. */
export interface SeedSeries {
  readonly timeS: readonly number[];
  readonly values: Readonly<Record<BandSeriesName, readonly number[]>>;
}

/** BandRow is one series at one sample time across the seeds. */
export interface BandRow {
  readonly time_s: number;
  readonly series: BandSeriesName;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** seedSeries reduces a timeline (a row per workload per sample, or a run's cluster samples) to one value per series per sample. */
export function seedSeries(timeline: ReadonlyArray<Pick<TimelineRow, 'time_s' | BandSeriesName>>): SeedSeries {
  const timeS: number[] = [];
  const values = Object.fromEntries(BAND_SERIES.map((s) => [s, [] as number[]])) as Record<BandSeriesName, number[]>;
  for (const row of timeline) {
    const fresh = timeS.at(-1) !== row.time_s;
    if (fresh) timeS.push(row.time_s);
    for (const s of BAND_SERIES) {
      const list = values[s];
      if (fresh) list.push(row[s]);
      else if (SUMMED.has(s)) list[list.length - 1] = list.at(-1)! + row[s];
    }
  }
  return { timeS, values };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** bands are each series' p5, p50 and p95 across the seeds at every sample time (the seeds share their sample times). */
export function bands(seeds: readonly SeedSeries[]): BandRow[] {
  const first = seeds[0];
  if (first === undefined) return [];
  const rows: BandRow[] = [];
  const column = new Array<number>(seeds.length);
  first.timeS.forEach((time_s, i) => {
    for (const series of BAND_SERIES) {
      seeds.forEach((s, k) => (column[k] = s.values[series][i] ?? 0));
      const sorted = [...column].sort((a, b) => a - b);
      rows.push({
        time_s,
        series,
        p5: round(quantile(sorted, 0.05)!),
        p50: round(quantile(sorted, 0.5)!),
        p95: round(quantile(sorted, 0.95)!),
      });
    }
  });
  return rows;
}

/** BAND_COLUMNS are bands.csv's columns. */
const BAND_COLUMNS = ['time_s', 'series', 'p5', 'p50', 'p95'] as const;

/** bandsCsv is bands.csv: one row per sample time and series. */
export const bandsCsv = (rows: readonly BandRow[]) =>
  csvText(BAND_COLUMNS, rows as unknown as Array<Record<string, unknown>>);
