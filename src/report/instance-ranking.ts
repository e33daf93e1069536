// `poolsim capacity --rank` as people and scripts read it: a table (numbers with units), CSV and
// JSON rows, and a scatter of the cost per replica-hour against the share of the node stranded.
import type { TopLevelSpec } from 'vega-lite';
import type { RankedType } from '../models/instance-ranking.js';
import { CHART_FONT } from './charts.js';
import { csvText } from './csv-file.js';
import { renderTable } from './format.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const usd = (x: number) => (Number.isFinite(x) ? `$${x.toFixed(4)}` : '—');
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** RANK_COLUMNS are the ranking's CSV columns, as rankRows names them. */
export const RANK_COLUMNS = [
  'rank',
  'instance_type',
  'provider',
  'family',
  'vcpu',
  'memory_gib',
  'price_per_hour_usd',
  'pods_per_node',
  'binding_resource',
  'stranded_cpu_fraction',
  'stranded_memory_fraction',
  'reserved_fraction',
  'cost_per_pod_hour_usd',
] as const;

/** rankRows are the ranking's rows as CSV and JSON give them (cost per pod-hour null when no pod fits). */
export function rankRows(
  ranked: readonly RankedType[],
): Array<Record<(typeof RANK_COLUMNS)[number], string | number | null>> {
  return ranked.map((r, i) => ({
    rank: i + 1,
    instance_type: r.type.name,
    provider: r.type.provider,
    family: r.family,
    vcpu: r.type.vcpu,
    memory_gib: r.type.memoryGiB,
    price_per_hour_usd: r.type.pricePerHourUSD,
    pods_per_node: r.pods,
    binding_resource: r.pods > 0 ? r.bindingResource : null,
    stranded_cpu_fraction: round(r.strandedCpuFraction),
    stranded_memory_fraction: round(r.strandedMemoryFraction),
    reserved_fraction: round(r.reservedFraction),
    cost_per_pod_hour_usd: Number.isFinite(r.costPerPodHour) ? round(r.costPerPodHour) : null,
  }));
}

/** rankCsv is the ranking as CSV. */
export const rankCsv = (ranked: readonly RankedType[]) => csvText(RANK_COLUMNS, rankRows(ranked));

/** rankJson is the ranking as a JSON array. */
export const rankJson = (ranked: readonly RankedType[]) => `${JSON.stringify(rankRows(ranked), null, 2)}\n`;

/** rankTable is the ranking for the terminal. */
export function rankTable(ranked: readonly RankedType[]): string {
  const header = [
    '#',
    'instance type',
    'vCPU',
    'memory',
    'per hour',
    'pods/node',
    'binds',
    'stranded CPU',
    'stranded memory',
    'reserved',
    'per pod-hour',
  ];
  const rows = ranked.map((r, i) => [
    String(i + 1),
    r.type.name,
    String(r.type.vcpu),
    `${r.type.memoryGiB} GiB`,
    usd(r.type.pricePerHourUSD),
    String(r.pods),
    r.pods > 0 ? r.bindingResource : '—',
    r.pods > 0 ? pct(r.strandedCpuFraction) : '—',
    r.pods > 0 ? pct(r.strandedMemoryFraction) : '—',
    pct(r.reservedFraction),
    usd(r.costPerPodHour),
  ]);
  return renderTable(
    [header, ...rows],
    header.map((_, i) => (i === 1 ? 'left' : 'right')),
  );
}

/** rankChartSpec is a scatter of the cost per replica-hour against the stranded share (the larger of CPU and memory), a point a type that holds the pod, coloured by provider. */
export function rankChartSpec(ranked: readonly RankedType[], title: string): TopLevelSpec {
  const values = ranked
    .filter((r) => r.pods > 0)
    .map((r) => ({
      type: r.type.name,
      provider: r.type.provider,
      stranded: round(Math.max(r.strandedCpuFraction, r.strandedMemoryFraction)),
      cost: round(r.costPerPodHour),
      pods: r.pods,
    }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 640,
    height: 320,
    config: { font: CHART_FONT, view: { stroke: null } },
    data: { values },
    mark: { type: 'point', filled: true, tooltip: true },
    encoding: {
      x: {
        field: 'stranded',
        type: 'quantitative',
        title: 'stranded (the larger of CPU and memory)',
        axis: { format: '.0%' },
      },
      y: { field: 'cost', type: 'quantitative', title: 'cost per pod-hour (USD)', scale: { type: 'log' } },
      color: { field: 'provider', type: 'nominal', title: 'provider' },
      tooltip: [
        { field: 'type', type: 'nominal' },
        { field: 'pods', type: 'quantitative', title: 'pods/node' },
        { field: 'cost', type: 'quantitative', title: 'USD/pod-h', format: '.4f' },
      ],
    },
  };
}
