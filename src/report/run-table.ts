// The terminal's view of a run: one row per design with the figures a capacity review reads first,
// numbers with their units; after a Monte Carlo run, their distributions over the seeds.
import { formatValue } from './compare-format.js';
import { renderTable } from './format.js';
import { METRICS } from './metrics.js';
import type { Summary } from './summary.js';
import { groupWarnings } from './warnings.js';
import { stripControls } from '../util/text.js';

const num = (x: number | null, unit = '') => (x === null ? '—' : `${Math.round(x * 100) / 100}${unit}`);

// OOM kills and memory-pressure evictions, a column only when a design has some: most runs have
// none, and the table is wide already.
function memoryColumn(summaries: readonly Summary[]): { header: string[]; cells: (s: Summary) => string[] } {
  const oom = (s: Summary) => s.memory.oomKills;
  const evicted = (s: Summary) => s.memory.evictions;
  if (!summaries.some((s) => oom(s) > 0 || evicted(s) > 0)) return { header: [], cells: () => [] };
  return { header: ['OOM kills / memory evictions'], cells: (s) => [`${oom(s)} / ${evicted(s)}`] };
}

/** runTable is the terminal table of a run: one row per design, with units (pod-s and node-s are sums over pods and nodes). */
export function runTable(summaries: readonly Summary[]): string {
  const memory = memoryColumn(summaries);
  const rows = summaries.map((s) => [
    s.design,
    String(s.nodes.peak),
    String(s.pods.peakPending),
    num(s.pods.pendingPodSeconds, ' pod-s'),
    num(s.pods.startupSeconds.p95, ' s'),
    String(s.pods.neverReady ?? 0),
    `${s.images.pulls} (${num(s.images.bytesPulled / 1e9, ' GB')})`,
    // The cluster autoscaler's and Karpenter's together (a summary from before Karpenter has no block).
    `+${s.autoscaler.nodesAdded + (s.karpenter?.nodeClaimsLaunched ?? 0)} −${s.autoscaler.nodesRemoved + (s.karpenter?.nodesRemoved ?? 0)}`,
    num(s.api.peakRps, ' req/s'),
    `${num(s.kubelet.downSeconds)} / ${num(s.kubelet.nodeNotReadySeconds)} node-s`,
    ...memory.cells(s),
    num(s.load.unservedFraction * 100, '%'),
    `$${s.cost.total.toFixed(2)}`,
  ]);
  const header = [
    'design',
    'peak nodes',
    'peak pending',
    'pending pod-time',
    'start-up p95',
    'never Ready',
    'image pulls',
    'nodes added/removed',
    'API peak',
    'kubelet down / node NotReady',
    ...memory.header,
    'unserved load',
    'cost',
  ];
  return renderTable([header, ...rows], ['left', ...header.slice(1).map(() => 'right' as const)]);
}

/** warningsBlock lists every design's warnings once, each with the designs it concerns; empty when there is none. */
export function warningsBlock(summaries: readonly Summary[]): string {
  const grouped = groupWarnings(summaries);
  if (grouped.length === 0) return '';
  const lines = grouped.map(({ warning: w, designs }) => {
    const which = designs.length === 0 ? '' : ` [${designs.join(', ')}]`;
    return `  ${w.location === null ? '' : `${w.location}: `}warning[${w.code}]${which}: ${w.message}`;
  });
  return `Warnings (${grouped.length}):\n${lines.map(stripControls).join('\n')}`;
}

/** distributionTable: after a Monte Carlo run, the figures a review asks first, as mean ± 95% CI and p5–p95 over the seeds. */
export function distributionTable(summaries: readonly Summary[]): string {
  const keys = ['startupP95', 'pendingPodSeconds', 'unservedFraction', 'cost'];
  const cell = (s: Summary, key: string) => {
    const d = s.distributions?.[key];
    const unit = METRICS.find((m) => m.key === key)!.unit;
    if (d === undefined || d.mean === null) return '—';
    const half = d.ci95High === null ? '' : ` ± ${formatValue(d.ci95High - d.mean, unit)}`;
    return `${formatValue(d.mean, unit)}${half} (${formatValue(d.p5, unit)} – ${formatValue(d.p95, unit)})${d.missing > 0 ? `, ${d.missing} seeds without` : ''}`;
  };
  const header = ['design', ...keys.map((k) => `${k}: mean ± 95% CI (p5 – p95)`)];
  return renderTable(
    [header, ...summaries.map((s) => [s.design, ...keys.map((k) => cell(s, k))])],
    header.map(() => 'left' as const),
  );
}
