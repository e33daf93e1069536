import { describe, expect, it } from 'vitest';
import { bands, bandsCsv, seedSeries } from '../../src/report/bands.js';
import type { TimelineRow } from '../../src/simulate/timeline.js';

const row = (time_s: number, workload: string, ready: number, nodes: number): TimelineRow => ({
  time_s,
  workload,
  desired_replicas: ready,
  ready_pods: ready,
  pending_pods: 1,
  nodes_ready: nodes,
  nodes_provisioning: 0,
  nodes_not_ready: 0,
  container_creating_pods: 0,
  image_pulls_in_flight: 0,
  cpu_requested_fraction: 0,
  memory_requested_fraction: 0,
  unserved_rps: 0,
  api_rps: 0,
  api_throttled_rps: 0,
  cost_usd: time_s,
  warmup: 0,
  updated_pods: ready,
  unavailable_pods: 0,
  cpu_used_cores: 0,
  cpu_requested_cores: 0,
  memory_working_set_bytes: 0,
});

describe('percentile bands', () => {
  it('sum per-workload series over the workloads and take cluster-wide ones once a sample', () => {
    const s = seedSeries([row(0, 'a', 1, 3), row(0, 'b', 2, 3), row(60, 'a', 4, 5), row(60, 'b', 5, 5)]);
    expect(s.timeS).toEqual([0, 60]);
    expect(s.values.ready_pods).toEqual([3, 9]);
    expect(s.values.pending_pods).toEqual([2, 2]);
    expect(s.values.nodes_ready).toEqual([3, 5]);
    expect(s.values.cost_usd).toEqual([0, 60]);
  });

  it("give each sample time's p5, p50 and p95 across the seeds", () => {
    const seeds = [1, 2, 3, 4, 5].map((k) => seedSeries([row(0, 'a', k, 10 * k)]));
    const rows = bands(seeds);
    expect(rows.find((r) => r.series === 'ready_pods')).toEqual({
      time_s: 0,
      series: 'ready_pods',
      p5: 1.2,
      p50: 3,
      p95: 4.8,
    });
    expect(rows.find((r) => r.series === 'nodes_ready')).toMatchObject({ p5: 12, p50: 30, p95: 48 });
    expect(bandsCsv(rows).split('\n')[0]).toBe('time_s,series,p5,p50,p95');
  });
});
