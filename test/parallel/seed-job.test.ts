// A full seed job's files, streamed to disk as the run goes or kept and returned whole: the same
// bytes either way, pools.csv among them, and the same rows for the charts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_FILES, runSeedJob, type SeedJob } from '../../src/parallel/seed-job.js';
import { NODE_COLUMNS, POOL_COLUMNS } from '../../src/report/columns.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-seed-job-');

// Two pools, one that the autoscaler grows, and pods that use CPU and memory.
const scenario = loadScenarioText(
  'pools.yaml',
  `name: pools
duration: 20m
workloads:
  web:
    replicas: 3
    requests: { cpu: 500m, memory: 1Gi }
    scale: [{ at: 5m, replicas: 9 }]
load:
  web:
    cpuPerRequest: 2m
    baseCpu: 50m
    baseMemory: 256Mi
    memoryPerRps: 1Mi
    profile: { constant: 300 }
designs:
  two:
    pools:
      steady: { instanceType: e2-standard-4, initial: 1 }
      burst: { instanceType: e2-standard-2, min: 0, initial: 0, max: 4 }
`,
).scenario!;

describe('a full seed job', () => {
  const job: SeedJob = { scenario, design: 'two', seed: scenario.seed, full: true, series: false };
  const kept = runSeedJob(job);
  const dir = join(tmp(), 'two');
  const streamed = runSeedJob({ ...job, outDir: dir });

  it("writes pools.csv, one row per pool per sample, its header PoolRow's fields", () => {
    const files = new Map(kept.full!.files);
    expect([...files.keys()]).toEqual([...FULL_FILES]);
    const lines = files.get('pools.csv')!.trimEnd().split('\n');
    expect(lines[0]).toBe(POOL_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'time_s,pool,instance_type,capacity_type,nodes,cpu_used_cores,cpu_allocatable_cores,memory_working_set_bytes,memory_allocatable_bytes,fullest_node,fullest_node_memory_fraction,memory_pressure_nodes',
    );
    const samples = files.get('timeline.csv')!.trimEnd().split('\n').length - 1; // one workload: a row a sample
    expect(lines).toHaveLength(1 + 2 * samples);
    expect(lines.slice(1, 3).map((l) => [...l.split(',').slice(0, 2), l.split(',')[4]])).toEqual([
      ['0', 'steady', '1'],
      ['0', 'burst', '0'],
    ]);
    // The burst pool grows for the scale-up, and its nodes' pods use memory.
    const burst = lines.slice(1).filter((l) => l.split(',')[1] === 'burst');
    expect(burst.some((l) => Number(l.split(',')[4]) > 0 && Number(l.split(',')[7]) > 0)).toBe(true);
  });

  it('writes the same bytes streamed to disk as kept whole, and keeps the same rows for the charts', () => {
    expect(streamed.full!.files).toEqual([]);
    for (const [name, content] of kept.full!.files) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(content);
    expect(streamed.full!.chart!.pools).toEqual(kept.full!.chart!.pools);
    expect(kept.full!.chart!.pools.length).toBeGreaterThan(0);
    expect(streamed.summary).toEqual(kept.summary);
  });
});

describe('a full seed job with the node timeline (--node-timeline)', () => {
  const job: SeedJob = {
    scenario,
    design: 'two',
    seed: scenario.seed,
    full: true,
    series: false,
    nodeTimeline: true,
  };
  const kept = runSeedJob(job);
  const dir = join(tmp(), 'two');
  const streamed = runSeedJob({ ...job, outDir: dir });

  it('writes nodes.csv, a row per Ready node per sample, the same bytes streamed as kept', () => {
    const files = new Map(kept.full!.files);
    expect([...files.keys()]).toEqual([...FULL_FILES, 'nodes.csv']);
    const nodes = files.get('nodes.csv')!;
    const lines = nodes.trimEnd().split('\n');
    expect(lines[0]).toBe(NODE_COLUMNS.join(','));
    // Each pool row counts its Ready nodes: the node rows of a sample add up to them.
    const pools = files.get('pools.csv')!.trimEnd().split('\n').slice(1);
    const nodesInPools = pools.reduce((n, l) => n + Number(l.split(',')[4]), 0);
    expect(lines).toHaveLength(1 + nodesInPools);
    expect(readFileSync(join(dir, 'nodes.csv'), 'utf8')).toBe(nodes);
    // At the start the steady node holds the 3 pods, each 256Mi + 100 req/s × 1Mi = 356Mi.
    const first = lines[1]!.split(',');
    expect(first.slice(0, 3)).toEqual(['0', 'steady-0', 'steady']);
    expect(Number(first[5])).toBe(3 * 356 * 2 ** 20);
    expect(streamed.summary).toEqual(kept.summary);
  });

  it('leaves nodes.csv out unless asked', () => {
    expect(runSeedJob({ ...job, nodeTimeline: false }).full!.files.map(([name]) => name)).toEqual([...FULL_FILES]);
  });
});
