import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-sweep-');
const VARY = [
  '--design',
  'big',
  '--vary',
  'pools.main.instanceType=e2-standard-2,e2-standard-8',
  '--vary',
  'pools.main.max=4,8',
];
const read = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

describe('poolsim sweep', () => {
  it('runs the cross product, writes sweep.csv with the Pareto front, sweep.json and the chart', async () => {
    const out = join(tmp(), 'sweep');
    const { code, stdout } = await runCli('sweep', 'scenarios/node-size.yaml', ...VARY, '--workers', '1', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Pareto front \(cost, p95 start-up, unserved load\):\nvariant\s+pools\.main\.instanceType\s+pools\.main\.max/,
    );
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'variant,pools.main.instanceType,pools.main.max,seeds,cost_usd,startup_p95_s,unserved_fraction,pending_pod_seconds,peak_pending,nodes_peak,pareto,never_ready_pods',
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'v1,e2-standard-2,4',
      'v2,e2-standard-2,8',
      'v3,e2-standard-8,4',
      'v4,e2-standard-8,8',
    ]);
    // Two vCPU nodes are cheaper and slower than eight: both sizes are on the front. Four of them
    // hold 12 of the 17 replicas: the cheapest variant leaves 5 never Ready, and is left off it.
    const rows = csv.slice(1).map((l) => l.split(','));
    const [cost, startup] = [(r: string[]) => Number(r[4]), (r: string[]) => Number(r[5])];
    expect(cost(rows[1]!)).toBeLessThan(cost(rows[2]!));
    expect(startup(rows[1]!)).toBeGreaterThan(startup(rows[2]!));
    expect(rows.filter((r) => r[10] === 'true').map((r) => r[0])).toEqual(['v2', 'v3', 'v4']);
    expect(rows.map((r) => r[11])).toEqual(['5', '0', '0', '0']);
    expect(startup(rows[0]!)).toBe(3600); // censored at the run's end
    expect(stdout).toContain('Left off the front, as they leave pods never Ready however cheap they are: v1 (5 pods).');
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(json.variants).toHaveLength(4);
    expect(json.variants[2].summary.design).toBe('big');
    expect(JSON.parse(readFileSync(join(out, 'pareto.vl.json'), 'utf8')).layer[1].mark.type).toBe('point');
    expect(readFileSync(join(out, 'pareto.svg'), 'utf8')).toContain('p95 pod start-up (s)');
  }, 60_000);

  it('gives the same outputs from three shards merged as from one run, with any number of workers', async () => {
    const dir = tmp();
    const flags = [...VARY, '--seeds', '2', '--no-charts'];
    await runCli('sweep', 'scenarios/node-size.yaml', ...flags, '--workers', '2', '--out', join(dir, 'whole'));
    for (const k of [0, 1, 2]) {
      const r = await runCli(
        'sweep',
        'scenarios/node-size.yaml',
        ...flags,
        '--workers',
        '1',
        '--shard',
        `${k}/3`,
        '--out',
        join(dir, `shard-${k}`),
      );
      expect(r.code).toBe(0);
    }
    // A slice printed to stdout (as in a Job's pod) merges as well as a directory.
    const printed = await runCli(
      'sweep',
      'scenarios/node-size.yaml',
      ...flags,
      '--workers',
      '1',
      '--shard',
      '2/3',
      '--out',
      '-',
    );
    writeFileSync(join(dir, 'two.json'), printed.stdout);
    const m = await runCli(
      'merge',
      join(dir, 'shard-1'),
      join(dir, 'two.json'),
      join(dir, 'shard-0'),
      '--no-charts',
      '--out',
      join(dir, 'merged'),
    );
    expect(m.code).toBe(0);
    expect(read(join(dir, 'merged'))).toEqual(read(join(dir, 'whole')));
    expect(readFileSync(join(dir, 'whole', 'sweep.csv'), 'utf8')).toContain('\nv1,e2-standard-2,4,2,');

    // A slice from another poolsim version, or one damaged by hand, is bad input, never a crash.
    const shard1 = JSON.parse(readFileSync(join(dir, 'shard-1', 'shard.json'), 'utf8'));
    writeFileSync(join(dir, 'other-version.json'), JSON.stringify({ ...shard1, poolsim: '9.9.9' }));
    const versions = await runCli(
      'merge',
      join(dir, 'shard-0'),
      join(dir, 'other-version.json'),
      join(dir, 'two.json'),
      '--out',
      join(dir, 'bad'),
    );
    expect([versions.code, versions.stderr]).toEqual([2, expect.stringContaining('was written by poolsim 9.9.9')]);
    writeFileSync(
      join(dir, 'damaged.json'),
      JSON.stringify({
        poolsimShard: 1,
        plan: { variants: [1], seeds: 1 },
        shard: { index: 0, count: 1 },
        jobs: { from: 0, to: 1 },
        summaries: [{}],
      }),
    );
    const damaged = await runCli('merge', join(dir, 'damaged.json'), '--out', join(dir, 'bad'));
    expect([damaged.code, damaged.stderr]).toEqual([
      2,
      expect.stringContaining('damaged.json:1:1: not a poolsim shard'),
    ]);

    const missing = await runCli('merge', join(dir, 'shard-0'), join(dir, 'shard-1'), '--out', join(dir, 'bad'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('slices 2/3 are missing');
  }, 120_000);

  it("takes the variants from the scenario's sweep: block", async () => {
    const out = join(tmp(), 'block');
    const { code } = await runCli('sweep', 'scenarios/node-size.yaml', '--no-charts', '--workers', '1', '--out', out);
    expect(code).toBe(0);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 8);
    expect(csv[8]!.startsWith('v8,e2-highmem-4,8,')).toBe(true);
  }, 60_000);

  it('prints an Indexed Job whose pods run the slices', async () => {
    const { code, stdout } = await runCli(
      'sweep',
      'scenarios/diurnal.yaml',
      '--design',
      'small',
      '--vary',
      'pools.main.max=60,120',
      '--seeds',
      '3',
      '--emit-job',
      '--image',
      'registry.example.com/poolsim:0.1.0',
      '--shards',
      '4',
      '--parallelism',
      '2',
    );
    expect(code).toBe(0);
    const docs = parseAllDocuments(stdout).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Job']);
    const [configMap, job] = docs;
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      metadata: { name: 'poolsim-diurnal-sweep' },
      spec: {
        completionMode: 'Indexed',
        completions: 4,
        parallelism: 2,
        template: { spec: { restartPolicy: 'Never' } },
      },
    });
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/poolsim:0.1.0');
    expect([...container.command, ...container.args]).toEqual([
      'poolsim',
      'sweep',
      '/scenario/diurnal.yaml',
      '--vary',
      'pools.main.max=60,120',
      '--design',
      'small',
      '--seeds',
      '3',
      '--workers',
      '1',
      '--shard',
      '$(JOB_COMPLETION_INDEX)/4',
      '--out',
      '-',
    ]);
    // The ConfigMap holds the scenario and the manifests it includes, mounted at their relative paths.
    const items = job.spec.template.spec.volumes[0].configMap.items;
    expect(job.spec.template.spec.volumes[0].configMap.name).toBe(configMap.metadata.name);
    expect(items.map((i: { path: string }) => i.path).sort()).toEqual([
      'diurnal.yaml',
      'manifests/node-agents.yaml',
      'manifests/web.yaml',
    ]);
    // Each as written, but for the objects poolsim does not read (web.yaml's Service): they stay behind.
    const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as { kind: string });
    for (const i of items) {
      const written = readFileSync(join('scenarios', i.path), 'utf8');
      const packed = configMap.data[i.key] as string;
      if (i.path === 'manifests/web.yaml')
        expect(objects(packed)).toEqual(objects(written).filter((o) => o.kind !== 'Service'));
      else expect(packed).toBe(written);
    }
    expect(stdout).toContain('kubectl wait --for=condition=complete job/poolsim-diurnal-sweep');
    expect(stdout).toContain('for i in $(seq 0 3)');
    // Each pod's arguments, with its index, are a valid slice of the same sweep.
    const args = container.args.map((a: string) =>
      a.replace('$(JOB_COMPLETION_INDEX)', '3').replace('/scenario/', 'scenarios/'),
    );
    const pod = await runCli(...args);
    expect(pod.stderr).toBe('');
    expect(pod.code).toBe(0);
    expect(JSON.parse(pod.stdout)).toMatchObject({
      poolsimShard: 1,
      shard: { index: 3, count: 4 },
      jobs: { from: 4, to: 6 },
    });
  }, 120_000);

  it.each([
    [
      ['--vary', 'pools.mian.max=1,2', '--design', 'big'],
      'poolsim sweep: --vary pools.mian.max: designs.big.pools has no mian (did you mean main?)',
    ],
    [
      ['--design', 'huge'],
      'poolsim sweep: sweep.design: no design is called "huge"'.replace('sweep.design', '--design'),
    ],
    [['--vary', 'max'], 'poolsim sweep: --vary: "max" is not path=value'],
    [['--shard', '3/3'], 'poolsim sweep: --shard: "3/3" is not K/N with 0 ≤ K < N'],
    [['--emit-job'], 'poolsim sweep: --emit-job: needs --image'],
    [
      ['--design', 'small', '--vary', 'designs.big.pools.main.max=3,4'],
      'poolsim sweep: --vary designs.big.pools.main.max: design big is not the one swept (small)',
    ],
    [
      ['--vary', 'pools.main.max=4', '--vary', 'pools.main.max=8'],
      'poolsim sweep: --vary: pools.main.max is given twice',
    ],
    [['--out', '-'], 'poolsim sweep: --out: - (stdout) is only for a shard'],
    [
      ['--design', 'small', '--vary', 'pools.main.max=10'],
      'designs.small.pools.main.max: max 10 is below min 13; expected min ≤ max (in variant v1: pools.main.instanceType="e2-standard-2" pools.main.max=10)',
    ],
  ])('rejects %j with exit code 2', async (flags, message) => {
    const out = flags.includes('--out') ? [] : ['--out', join(tmp(), 'x')];
    const { code, stderr } = await runCli('sweep', 'scenarios/node-size.yaml', ...flags, ...out);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });
});
