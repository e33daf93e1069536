import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-run-');
const read = (dir: string) =>
  Object.fromEntries(
    [
      'comparison.csv',
      'big/timeline.csv',
      'big/events.csv',
      'big/api.csv',
      'big/pools.csv',
      'big/summary.json',
      'small/summary.json',
    ].map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

describe('poolsim run', () => {
  it('writes timelines, events and summaries per design and a comparison, and prints a table', async () => {
    const out = join(tmp(), 'node-size');
    const { code, stdout, stderr } = await runCli('run', 'scenarios/node-size.yaml', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^design\s+peak nodes\s+peak pending/);
    // The small design starts steady on its 13 nodes (the image cached), adds four and pulls the image on each.
    expect(stdout).toMatch(/\nsmall\s+17\s+2\s.*\s4 \(4 GB\)\s+\+4 −0\s/);
    // Then the warnings (none here) and the verdict.
    expect(stdout).not.toContain('Warnings');
    expect(stdout).toMatch(/\nVerdict\n {2}cost: big is best at \$0\.41, \$0\.34 \(46%\) cheaper than small\n/);
    // Per design 5 data files and 9 charts × 3 files, the same charts overlaid, comparison.csv, report.html.
    expect(stdout).toContain(
      `Wrote 93 files to ${out}/ (per design: timeline.csv, events.csv, api.csv, pools.csv, summary.json, charts/;`,
    );
    expect(readdirSync(out).sort()).toEqual([
      '.poolsim-output',
      'big',
      'charts',
      'comparison.csv',
      'report.html',
      'small',
    ]);
    expect(readdirSync(join(out, 'charts')).filter((f) => f.startsWith('replicas.'))).toEqual([
      'replicas.png',
      'replicas.svg',
      'replicas.vl.json',
    ]);
    expect(readFileSync(join(out, 'big', 'charts', 'nodes.svg'), 'utf8')).toContain('elapsed (h:mm)');
    expect(
      readFileSync(join(out, 'charts', 'cost.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const files = read(out);
    expect(files['big/timeline.csv']!.split('\n')[0]).toBe(
      'time_s,workload,desired_replicas,ready_pods,pending_pods,container_creating_pods,nodes_ready,nodes_provisioning,image_pulls_in_flight,cpu_requested_fraction,memory_requested_fraction,unserved_rps,nodes_not_ready,api_rps,api_throttled_rps,cost_usd,warmup,updated_pods,unavailable_pods,cpu_used_cores,cpu_requested_cores,memory_working_set_bytes',
    );
    // One pool, one row a sample: the big design's node, its pods requesting but not using CPU (no load).
    expect(files['big/pools.csv']!.split('\n').slice(0, 2)).toEqual([
      'time_s,pool,instance_type,capacity_type,nodes,cpu_used_cores,cpu_allocatable_cores,memory_working_set_bytes,memory_allocatable_bytes,fullest_node,fullest_node_memory_fraction,memory_pressure_nodes',
      expect.stringMatching(/^0,main,,on-demand,1,/),
    ]);
    expect(files['big/pools.csv']!.trimEnd().split('\n')).toHaveLength(
      files['big/timeline.csv']!.trimEnd().split('\n').length,
    );
    expect(readdirSync(join(out, 'charts')).filter((f) => /^(cpu|memory)\./.test(f))).toEqual([
      'cpu.png',
      'cpu.svg',
      'cpu.vl.json',
      'memory.png',
      'memory.svg',
      'memory.vl.json',
    ]);
    expect(JSON.parse(files['big/summary.json']!)).toMatchObject({
      cpu: { usedCoreSeconds: 0, burstFraction: 0, throttledSeconds: 0 },
      memory: { peakWorkingSetBytes: 0, oomKills: 0, evictions: 0 },
    });
    expect(files['comparison.csv']!.split('\n')[0]).toMatch(
      /,pending_pods_at_end,cpu_used_core_seconds,cpu_requested_core_seconds,cpu_burst_fraction,cpu_throttled_core_seconds,memory_peak_working_set_bytes,oom_kills,memory_pressure_evictions,karpenter_nodeclaims_launched,karpenter_consolidated_empty,karpenter_consolidated_delete,karpenter_consolidated_replace,karpenter_consolidated_multi,karpenter_interruptions,karpenter_expirations,karpenter_spot_fraction,karpenter_cost_on_demand_usd,karpenter_cost_spot_usd$/,
    );
    // A design without Karpenter leaves its columns empty.
    expect(files['comparison.csv']!.split('\n')[1]).toMatch(/,,,,,,,,,$/);
    expect(files['big/api.csv']!.split('\n').slice(0, 3)).toEqual([
      'time_s,kind,requests_per_second',
      '0,lease,0',
      '0,nodeStatus,0',
    ]);
    expect(files['big/events.csv']).toContain(
      'Pod,app-14,FailedScheduling,0/1 nodes are available: 1 Insufficient cpu.',
    );
    expect(JSON.parse(files['small/summary.json']!)).toMatchObject({
      design: 'small',
      nodes: { initial: 13, peak: 17 },
      pods: { peakPending: 2 },
    });
    expect(
      files['comparison.csv']!.trim()
        .split('\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['design', 'big', 'small']);
  });

  it('writes the same bytes every time for the same seed, and other bytes for another seed', async () => {
    const [a, b, c] = [join(tmp(), 'a'), join(tmp(), 'b'), join(tmp(), 'c')];
    await runCli('run', 'scenarios/image-pull.yaml', '--out', a);
    await runCli('run', 'scenarios/image-pull.yaml', '--out', b);
    await runCli('run', 'scenarios/image-pull.yaml', '--out', c, '--seed', '8', '--no-charts');
    for (const f of [
      'comparison.csv',
      'small/events.csv',
      'small/timeline.csv',
      'small/pools.csv',
      'charts/nodes.vl.json',
      'charts/memory.vl.json',
      'charts/nodes.svg',
    ])
      expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
    expect(
      readFileSync(join(b, 'small/charts/startup.png')).equals(readFileSync(join(a, 'small/charts/startup.png'))),
    ).toBe(true);
    expect(existsSync(join(c, 'charts'))).toBe(false);
    expect(readFileSync(join(c, 'small/events.csv'), 'utf8')).not.toBe(
      readFileSync(join(a, 'small/events.csv'), 'utf8'),
    );
  }, 30_000);

  it('writes nodes.csv with --node-timeline: a row per Ready node per sample, and says so', async () => {
    const out = join(tmp(), 'nodes');
    const r = await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--no-charts', '--node-timeline');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('(per design: timeline.csv, events.csv, api.csv, pools.csv, nodes.csv, summary.json;');
    const small = readFileSync(join(out, 'small', 'nodes.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(small[0]).toBe(
      'time_s,node,pool,cpu_used_cores,cpu_allocatable_cores,memory_working_set_bytes,memory_allocatable_bytes,memory_pressure',
    );
    // The first sample: the small design's 13 nodes, Ready from the start.
    expect(small.slice(1).filter((l) => l.startsWith('0,'))).toHaveLength(13);
    expect(existsSync(join(out, 'big', 'nodes.csv'))).toBe(true);
  }, 30_000);

  it('writes what it can draw for a scenario with nothing to chart (no workload)', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'empty.yaml'),
      'name: empty\nduration: 10m\ndesigns:\n  d: { pools: { main: { instanceType: e2-standard-4, initial: 1 } } }\n',
    );
    const r = await runCli('run', join(dir, 'empty.yaml'), '--out', join(dir, 'out'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'out', 'charts', 'replicas.vl.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
  }, 30_000);

  it('runs only the designs named, and refuses unknown ones', async () => {
    const out = join(tmp(), 'one');
    expect(
      (await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--design', 'small', '--no-charts')).code,
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.poolsim-output', 'comparison.csv', 'small']);
    const bad = await runCli('run', 'scenarios/node-size.yaml', '--design', 'smal');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'poolsim run: --design: no design is called "smal" (did you mean small?); expected one of big, small\n',
    );
  });

  it('replaces the previous output whole, and leaves it intact when it cannot write', async () => {
    const dir = tmp();
    const out = join(dir, 'node-size');
    await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--no-charts');
    writeFileSync(join(out, 'stale.txt'), 'from an older run');
    await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--design', 'big', '--no-charts');
    expect(existsSync(join(out, 'stale.txt'))).toBe(false);
    expect(existsSync(join(out, 'small'))).toBe(false);
    // A file where a directory must go: the write fails, the old output stays.
    const before = readFileSync(join(out, 'comparison.csv'), 'utf8');
    writeFileSync(join(dir, 'blocker'), '');
    const failed = await runCli('run', 'scenarios/node-size.yaml', '--out', join(dir, 'blocker', 'x'), '--no-charts');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('poolsim run: --out: cannot write');
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8')).toBe(before);
  });

  it('never replaces a directory that holds files poolsim did not write', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await runCli('run', 'scenarios/node-size.yaml', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `poolsim run: --out: ${JSON.stringify(dir)} holds files poolsim did not write (it has no .poolsim-output); it is left as it is; expected a new or empty directory, or one poolsim wrote before\n`,
    );
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reports scenario problems with their place, exit 2', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), 'name: s\nduration: 1x\ndesigns: {}\n');
    const r = await runCli('run', join(dir, 's.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 's.yaml')}:2:11: duration: "1x" has an unknown unit "x"`);
  });
});
