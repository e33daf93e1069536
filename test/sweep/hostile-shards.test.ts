// Shards come from pod logs and --emit-job packs files into a cluster: both are checked as
// untrusted (issue 17). A shard's names become paths only once checked as names; its counts are
// bounded before anything is allocated by them; a link inside the scenario's folder that leads out
// is not packed into the ConfigMap.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configMapFiles } from '../../src/sweep/job-manifest.js';
import { parseShardFile } from '../../src/sweep/shard.js';
import { runCli } from '../cli/run-cli.js';

let dir: string;
let shard: Record<string, unknown>; // a genuine shard.json, to be damaged
const SECRET = 'TOKEN-7a41-never-packed';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poolsim-hostile-'));
  const { code, stdout } = await runCli(
    'sweep',
    'scenarios/node-size.yaml',
    '--design',
    'small',
    '--vary',
    'pools.main.max=16,20',
    '--workers',
    '1',
    '--shard',
    '0/1',
    '--out',
    '-',
  );
  expect(code).toBe(0);
  shard = JSON.parse(stdout) as Record<string, unknown>;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const damaged = (edit: (s: Record<string, any>) => void): string => {
  const copy = structuredClone(shard) as Record<string, any>;
  edit(copy);
  return JSON.stringify(copy);
};

describe('a shard from a pod log', () => {
  it('is accepted as written', () => {
    const problems: string[] = [];
    expect(parseShardFile('s.json', JSON.stringify(shard), problems)).not.toBeNull();
    expect(problems).toEqual([]);
  });

  it.each([
    ['a scenario name that climbs out of out/', (s: any) => (s.plan.scenario = '../../../../tmp/x'), 'plan.scenario'],
    ['a scenario name with an escape sequence', (s: any) => (s.plan.scenario = 'a\u001b[2Jb'), 'plan.scenario'],
    ['a design name that is a path', (s: any) => (s.plan.design = 'a/b'), 'plan.design'],
    ['a count of 5e7 slices', (s: any) => (s.shard.count = 5e7), 'shard is not K of N'],
    ['an index past the count', (s: any) => (s.shard.index = 3), 'shard is not K of N'],
    ['a billion seeds', (s: any) => (s.plan.seeds = 1e9), 'plan.seeds'],
    ['jobs past the plan', (s: any) => (s.jobs.to = 1e12), 'jobs out of range'],
    ['a summary of another design', (s: any) => (s.summaries[0].design = 'other'), 'another design'],
    ['a hash that is not one', (s: any) => (s.plan.scenarioSha256 = '../x'), 'scenarioSha256'],
    ['a variant named out of order', (s: any) => (s.plan.variants[0].name = 'v\u001b[2J'), 'plan.variants'],
    ['a varied path with an escape', (s: any) => (s.plan.vary[0].path = 'pools.\u001b[2J'), 'plan.vary'],
  ])('is refused with %s', (_, edit, why) => {
    const problems: string[] = [];
    expect(parseShardFile('s.json', damaged(edit), problems)).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(why);
    expect(problems[0]).not.toContain('\u001b');
  });

  it('cannot make merge write outside out/, nor allocate by its count', async () => {
    const hostile = join(dir, 'hostile.json');
    writeFileSync(
      hostile,
      damaged((s) => {
        // Should the check ever fail, the write lands in this test's own folder, where it is seen.
        s.plan.scenario = relative(join(process.cwd(), 'out'), join(dir, 'escaped'));
        s.shard.count = 5e7;
      }),
    );
    const r = await runCli('merge', hostile);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a poolsim shard');
    expect(existsSync(join(dir, 'escaped-sweep'))).toBe(false);
  });

  it.each([
    ['merge', 'shard'],
    ['compare', 'summary'],
  ])('%s does not quote a %s file that is not JSON (a credentials file)', async (command) => {
    const file = join(dir, `${command}-creds.json`);
    writeFileSync(file, `aws_secret_access_key=${SECRET}\n`);
    const r = await runCli(command, file, ...(command === 'compare' ? [file] : ['--out', join(dir, 'm')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not valid JSON (Unexpected character)');
    expect(r.stderr).not.toContain('aws_secret');
  });

  it('cannot be replaced by the merge that reads it', async () => {
    const folder = join(dir, 'own');
    mkdirSync(folder);
    writeFileSync(join(folder, 'shard.json'), JSON.stringify(shard));
    writeFileSync(join(folder, '.poolsim-output'), '');
    const r = await runCli('merge', folder, '--out', folder);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a shard being merged');
    expect(existsSync(join(folder, 'shard.json'))).toBe(true);
  });

  it('may not be a device or a FIFO', async () => {
    const r = await runCli('merge', '/dev/zero', '--out', join(dir, 'm'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a device; expected a regular file');
  });
});

describe('--emit-job packs only files inside the scenario folder', () => {
  it('refuses a link inside the folder that leads out, without packing its target', () => {
    const folder = join(dir, 'job');
    mkdirSync(join(folder, 'traces'), { recursive: true });
    writeFileSync(join(dir, 'secret.csv'), `0,${SECRET}\n`);
    symlinkSync(join(dir, 'secret.csv'), join(folder, 'traces', 'load.csv'));
    writeFileSync(join(folder, 'traces', 'fine.csv'), '0,1\n');
    const problems: string[] = [];
    const files = configMapFiles(
      join(folder, 's.yaml'),
      new Map([
        [join(folder, 's.yaml'), 'name: s'],
        [join(folder, 'traces', 'load.csv'), readFileSync(join(folder, 'traces', 'load.csv'), 'utf8')],
        [join(folder, 'traces', 'fine.csv'), '0,1\n'],
      ]),
      problems,
    );
    expect(files.map((f) => f.path)).toEqual(['s.yaml', 'traces/fine.csv']);
    expect(JSON.stringify(files)).not.toContain(SECRET);
    expect(problems).toEqual([
      expect.stringMatching(
        /^--emit-job: traces\/load.csv \(it leads to .*secret.csv\) is outside the scenario's directory/,
      ),
    ]);
  });

  it('carries only the objects poolsim reads of an included file, never a Secret beside them', async () => {
    const folder = join(dir, 'secret-job');
    mkdirSync(folder);
    const deployment = readFileSync('scenarios/manifests/web.yaml', 'utf8');
    writeFileSync(
      join(folder, 'all.yaml'),
      `${deployment}\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: db }\nstringData: { password: ${SECRET} }\n`,
    );
    const diurnal = readFileSync('scenarios/diurnal.yaml', 'utf8').replace(
      /include:[^\n]*(\n\s+- [^\n]*)*/,
      'include: [all.yaml]',
    );
    writeFileSync(join(folder, 's.yaml'), diurnal);
    const r = await runCli(
      'sweep',
      join(folder, 's.yaml'),
      '--design',
      'small',
      '--vary',
      'description=$(JOB_COMPLETION_INDEX)',
      '--budget-pod-hours',
      '1000000',
      '--emit-job',
      '--image',
      'x/poolsim:1',
    );
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).toContain('kind: Deployment');
    // The kubelet expands $(VAR) in args: the value is passed on as written, as $$(…).
    expect(r.stdout).toContain('description=$$(JOB_COMPLETION_INDEX)');
    // A raised budget travels with the pods, which would refuse what the plan accepted otherwise.
    expect(r.stdout).toMatch(/- --budget-pod-hours\n\s+- "?1000000"?/);
  });

  it('through the CLI: a scenario whose trace leads out is refused before anything is printed', async () => {
    const folder = join(dir, 'job2');
    mkdirSync(folder);
    const text = readFileSync('scenarios/node-size.yaml', 'utf8');
    writeFileSync(
      join(folder, 's.yaml'),
      `${text}\nload:\n  app:\n    cpuPerRequest: 1m\n    profile: { trace: { file: t.csv } }\n`,
    );
    writeFileSync(join(dir, 'outside.csv'), '0,10\n');
    symlinkSync(join(dir, 'outside.csv'), join(folder, 't.csv'));
    const args = ['sweep', join(folder, 's.yaml'), '--design', 'small', '--vary', 'pools.main.max=16,20'];
    const refused = await runCli(...args, '--emit-job', '--image', 'x/poolsim:1');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain("outside the scenario's folder");
    // Allowed to read it, the sweep still may not carry it into the cluster.
    const allowed = await runCli(...args, '--emit-job', '--image', 'x/poolsim:1', '--allow-outside', dir);
    expect(allowed.code).toBe(2);
    expect(allowed.stdout).toBe('');
    expect(allowed.stderr).toContain('t.csv (it leads to');
  });
});
