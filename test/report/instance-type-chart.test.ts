// report.html's chart of nodes by instance type: drawn when a design has Karpenter, from pools.csv's
// rows summed by instance type and capacity type, a point only where a count changes.
import { describe, expect, it } from 'vitest';
import { instanceTypeChartSpec } from '../../src/report/charts.js';
import type { ChartInput } from '../../src/report/chart-data.js';
import type { Summary } from '../../src/report/summary.js';

const row = (time_s: number, pool: string, instance_type: string, capacity_type: string, nodes: number) => ({
  time_s,
  pool,
  instance_type,
  capacity_type,
  nodes,
  cpu_used_cores: 0,
  cpu_allocatable_cores: 0,
  memory_working_set_bytes: 0,
  memory_allocatable_bytes: 0,
  fullest_node: '',
  fullest_node_memory_fraction: 0,
  memory_pressure_nodes: 0,
});

const input = (design: string, karpenter: boolean, pools: ReturnType<typeof row>[]): ChartInput => ({
  design,
  timeline: [],
  api: [],
  pools,
  startups: [],
  summary: { karpenter: karpenter ? {} : null, pods: {}, rollouts: [] } as unknown as Summary,
});

const pools = [
  row(0, 'general-m5.large-spot', 'm5.large', 'spot', 1),
  row(0, 'general-m5.large-spot-b', 'm5.large', 'spot', 1),
  row(60, 'general-m5.large-spot', 'm5.large', 'spot', 1),
  row(60, 'general-m5.large-spot-b', 'm5.large', 'spot', 1),
  row(60, 'general-c5.xlarge-on-demand', 'c5.xlarge', 'on-demand', 2),
  row(120, 'general-m5.large-spot', 'm5.large', 'spot', 0),
  row(120, 'general-m5.large-spot-b', 'm5.large', 'spot', 1),
  row(120, 'general-c5.xlarge-on-demand', 'c5.xlarge', 'on-demand', 2),
  row(180, 'general-m5.large-spot', 'm5.large', 'spot', 0),
  row(180, 'general-m5.large-spot-b', 'm5.large', 'spot', 1),
  row(180, 'general-c5.xlarge-on-demand', 'c5.xlarge', 'on-demand', 2),
];

describe('the nodes-by-instance-type chart', () => {
  it('is drawn only when some design has Karpenter', () => {
    expect(instanceTypeChartSpec([input('fixed', false, pools)])).toBeNull();
    expect(instanceTypeChartSpec([input('k', true, pools)])).not.toBeNull();
  });

  it('sums node groups of a type and capacity type, a point where the count changes and at the end', () => {
    const spec = instanceTypeChartSpec([input('k', true, pools)]) as unknown as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual([
      { design: 'k', time_s: 0, series: 'c5.xlarge (on-demand)', nodes: 0 },
      { design: 'k', time_s: 60, series: 'c5.xlarge (on-demand)', nodes: 2 },
      { design: 'k', time_s: 180, series: 'c5.xlarge (on-demand)', nodes: 2 },
      { design: 'k', time_s: 0, series: 'm5.large (spot)', nodes: 2 },
      { design: 'k', time_s: 120, series: 'm5.large (spot)', nodes: 1 },
      { design: 'k', time_s: 180, series: 'm5.large (spot)', nodes: 1 },
    ]);
  });

  it('draws a row a design when designs are overlaid', () => {
    const spec = instanceTypeChartSpec([
      input('k', true, pools),
      input('fixed', false, pools.slice(0, 2)),
    ]) as unknown as {
      facet: { row: { field: string; sort: string[] } };
    };
    expect(spec.facet.row).toMatchObject({ field: 'design', sort: ['k', 'fixed'] });
  });
});
