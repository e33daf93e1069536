// `compare`'s output: a table for the terminal, markdown for a pull request, JSON for scripts.
import { formatBytes, renderTable } from './format.js';
import type { Comparison, ComparisonRow } from './compare.js';
import type { Threshold } from './metrics.js';
import { markdownCell, stripControls } from '../util/text.js';

/** CompareFormat is what --format takes. */
export type CompareFormat = 'table' | 'markdown' | 'json';
export const COMPARE_FORMATS: readonly CompareFormat[] = ['table', 'markdown', 'json'];

// Counts read "1 pod", "2 pods".
const SINGULAR: Readonly<Record<string, string>> = { pods: 'pod', replicas: 'replica', nodes: 'node', kills: 'kill' };

/**
 * formatValue prints a metric's value with its unit (metrics.ts MetricUnit): a fraction as a
 * percentage, dollars with cents, image bytes in GB, memory bytes in binary units ("1.50 GiB"), and
 * the rest as the number and its unit ("8.5 node-s", "3600 pod-s", "12 req/s", "1 pod", "2.5 core-s").
 */
export function formatValue(x: number | null, unit: string): string {
  if (x === null) return '—';
  const n = (v: number) => String(Math.round(v * 1000) / 1000);
  switch (unit) {
    case 'fraction':
      return `${n(x * 100)}%`;
    case 'USD':
      return `$${x.toFixed(2)}`;
    case 'USD/pod-h':
      // Cents would round most pods' hours to $0.01 or $0.00.
      return `$${x.toFixed(4)}/pod-h`;
    case 'B':
      return `${n(x / 1e9)} GB`;
    case 'bytes':
      return formatBytes(x);
    default:
      return `${n(x)} ${x === 1 ? (SINGULAR[unit] ?? unit) : unit}`;
  }
}

/** formatChange prints a relative change: "+12.5%", "−3%", "0%", "+∞". */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (!Number.isFinite(change)) return change > 0 ? '+∞' : '−∞';
  const pct = Math.round(change * 1000) / 10;
  return pct > 0 ? `+${pct}%` : pct < 0 ? `−${-pct}%` : '0%';
}

/** describeThreshold prints a threshold: "10%", or "+30 s" in the metric's unit. */
export function describeThreshold(t: Threshold, unit = ''): string {
  return 'relative' in t ? `${Math.round(t.relative * 1000) / 10}%` : `+${formatValue(t.absolute, unit)}`;
}

const limit = (r: ComparisonRow) => describeThreshold(r.threshold, r.unit);
const cells = (r: ComparisonRow) => [
  r.design,
  r.metric,
  formatValue(r.baseline, r.unit),
  formatValue(r.current, r.unit),
  formatChange(r.change),
  r.verdict === 'regression'
    ? r.change === null
      ? 'REGRESSION (gone)'
      : `REGRESSION (> ${limit(r)} worse${r.noise === null ? '' : `, beyond the noise ±${formatValue(r.noise, r.unit)}`})`
    : r.excused
      ? `worse (within the noise ±${formatValue(r.noise!, r.unit)})`
      : r.verdict,
];
// Design names come from summary.json files, which may hold anything: none reaches the terminal or
// the markdown with control characters (renderTable and markdownCell strip them from the tables).
const missingLines = (c: Comparison) =>
  c.missing.map((d) => `design ${stripControls(d)} is missing from the current run: a regression`);
const HEADER = ['design', 'metric', 'baseline', 'current', 'change', 'verdict'];
const verdictLine = (c: Comparison) =>
  c.regressions === 0 ? 'No regression.' : `${c.regressions} regression${c.regressions === 1 ? '' : 's'}.`;

/** formatComparison renders a comparison in one of the formats. */
export function formatComparison(c: Comparison, format: CompareFormat): string {
  if (format === 'json') {
    const change = (x: number | null) => (x === null || Number.isFinite(x) ? x : x > 0 ? 'Infinity' : '-Infinity');
    return `${JSON.stringify({ regressions: c.regressions, missing: c.missing, warnings: c.warnings, rows: c.rows.map((r) => ({ ...r, change: change(r.change) })) }, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const row = (cs: readonly string[]) => `| ${cs.map(markdownCell).join(' | ')} |`;
    return [
      `**poolsim compare**: ${verdictLine(c)}`,
      '',
      ...missingLines(c).map((l) => `**${l}**`),
      ...c.warnings.map((w) => `> warning: ${stripControls(w)}`),
      ...(c.warnings.length + c.missing.length > 0 ? [''] : []),
      row(HEADER),
      row(['---', '---', '---:', '---:', '---:', '---']),
      ...c.rows.map((r) => row(cells(r).map((x, i) => (i === 5 && r.verdict === 'regression' ? `**${x}**` : x)))),
      '',
    ].join('\n');
  }
  return `${renderTable([HEADER, ...c.rows.map(cells)], ['left', 'left', 'right', 'right', 'right', 'left'])}\n\n${[...missingLines(c), verdictLine(c)].join('\n')}\n`;
}
