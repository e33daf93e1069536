import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-compare-');
const baseline = join(tmp(), 'node-size');
await runCli('run', 'scenarios/node-size.yaml', '--out', baseline);

describe('poolsim compare', () => {
  it('exits 0 for an identical run, and prints every design and metric', async () => {
    const current = join(tmp(), 'node-size');
    await runCli('run', 'scenarios/node-size.yaml', '--out', current);
    const r = await runCli('compare', baseline, current);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^design\s+metric\s+baseline\s+current\s+change\s+verdict\n/);
    expect(r.stdout).toMatch(/big\s+startupP95\s+108\.986 s\s+108\.986 s\s+0%\s+unchanged/);
    expect(r.stdout.trimEnd().endsWith('No regression.')).toBe(true);
  }, 20_000);

  it('exits 1 on a doctored regression, and takes a summary.json as well as a run directory', async () => {
    const dir = tmp();
    const file = join(dir, 'summary.json');
    const s = JSON.parse(readFileSync(join(baseline, 'big', 'summary.json'), 'utf8'));
    s.cost.total *= 1.5;
    writeFileSync(file, JSON.stringify(s));
    const r = await runCli('compare', join(baseline, 'big', 'summary.json'), file, '--format', 'markdown');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('| big | cost | $0.41 | $0.61 | +50% | **REGRESSION (> 10% worse)** |');
    expect(r.stdout.split('\n')[0]).toBe('**poolsim compare**: 1 regression.');
  });

  it('compares against a baseline written before cpu and memory, leaving those metrics out with a warning', async () => {
    const dir = tmp();
    const old = join(dir, 'summary.json');
    const s = JSON.parse(readFileSync(join(baseline, 'big', 'summary.json'), 'utf8'));
    delete s.cpu;
    delete s.memory;
    writeFileSync(old, JSON.stringify(s));
    const r = await runCli('compare', old, join(baseline, 'big', 'summary.json'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "poolsim compare: warning: the baseline run's summary.json has no cpuThrottledSeconds, peakWorkingSet, oomKills, memoryEvictions (written by an older poolsim); not compared: run it again with this poolsim to compare them\n",
    );
    const rows = JSON.parse(r.stdout).rows as Array<{ metric: string; verdict: string }>;
    expect(rows.map((x) => x.metric)).not.toContain('oomKills');
    expect(rows.map((x) => x.metric)).toContain('startupP95');
    expect(rows.every((x) => x.verdict === 'unchanged')).toBe(true);
    // The current run's summary has them: compared with itself, they are.
    const same = await runCli('compare', join(baseline, 'big', 'summary.json'), join(baseline, 'big', 'summary.json'));
    expect(same).toMatchObject({ code: 0, stderr: '' });
    expect(same.stdout).toMatch(/big\s+peakWorkingSet\s+0 B\s+0 B\s+0%\s+unchanged/);
  });

  it('takes thresholds per metric', async () => {
    const r = await runCli(
      'compare',
      baseline,
      baseline,
      '--threshold',
      'startupP95=5%,cost=2%',
      '--threshold',
      'pendingPodSeconds=+30',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Array<{ metric: string; threshold: object }>;
    expect(rows.filter((x) => x.metric === 'startupP95').map((x) => x.threshold)).toEqual([
      { relative: 0.05 },
      { relative: 0.05 },
    ]);
    expect(rows.find((x) => x.metric === 'pendingPodSeconds')!.threshold).toEqual({ absolute: 30 });
    expect(rows.find((x) => x.metric === 'peakPending')!.threshold).toEqual({ relative: 0.1 });
  });

  it('exits 2 with every problem for bad input', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'broken.json'), '{\n  "design": "big",\n  oops\n}');
    const r = await runCli(
      'compare',
      join(dir, 'nothing'),
      join(dir, 'broken.json'),
      '--threshold',
      'startupP59=10%,cost=10',
      '--format',
      'html',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      `${join(dir, 'nothing')}: no such file or directory; expected a run directory (e.g. out/node-size) or a summary.json`,
    );
    expect(lines[1]!.startsWith(`${join(dir, 'broken.json')}:3:3: not valid JSON (`)).toBe(true);
    expect(lines[1]!.endsWith('); expected a summary.json written by poolsim run')).toBe(true);
    expect(
      lines[2]!.startsWith(
        'poolsim compare: --threshold: no metric is called "startupP59" (did you mean startupP50?); expected one of startupP50, startupP95,',
      ),
    ).toBe(true);
    expect(lines.slice(3)).toEqual([
      'poolsim compare: --threshold: "cost=10" is not metric=percent or metric=+amount; expected e.g. startupP95=10% or pendingPodSeconds=+30',
      'poolsim compare: --format: "html" is not a format; expected one of table, markdown, json',
    ]);
  });

  it('fails the gate for a design missing from the current run, and refuses runs with no design in common', async () => {
    const one = tmp();
    const only = join(one, 'node-size');
    await runCli('run', 'scenarios/node-size.yaml', '--out', only, '--design', 'big', '--no-charts');
    const missing = await runCli('compare', baseline, only);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('design small is missing from the current run: a regression\n1 regression.');
    const other = join(tmp(), 'qps');
    await runCli('run', 'scenarios/kubelet-qps.yaml', '--out', other, '--no-charts');
    const none = await runCli('compare', baseline, other);
    expect(none).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'poolsim compare: the runs have no design in common (big, small in the baseline); expected runs of the same designs\n',
    });
  });

  it('exits 2, never 3, for what is not a readable summary', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'd', 'summary.json'), { recursive: true }); // a directory where the file should be
    writeFileSync(
      join(dir, 'null.json'),
      JSON.stringify({ design: 'big', scenario: 'x', pods: {}, cost: {}, producedBy: null }),
    );
    writeFileSync(join(dir, 'binary.json'), Buffer.from([0xff, 0x00, 0x7b, 0x0a]));
    const r = await runCli('compare', join(dir, 'd'), join(dir, 'null.json'));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      `${join(dir, 'd', 'summary.json')}: cannot read it: it is a directory; expected a regular file`,
      `${join(dir, 'null.json')}:1:1: producedBy is not an object; expected a summary.json written by poolsim run`,
    ]);
    const b = await runCli('compare', join(dir, 'binary.json'), join(dir, 'binary.json'));
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /^\S+binary\.json:1:1: not valid JSON \([\x20-\x7e]*\); expected a summary\.json written by poolsim run\n/,
    );
  });
});

describe('poolsim run --baseline', () => {
  it('runs, writes, then compares with the baseline', async () => {
    const dir = join(tmp(), 'node-size');
    const copy = join(tmp(), 'baseline');
    await runCli('run', 'scenarios/node-size.yaml', '--out', dir, '--no-charts');
    cpSync(dir, copy, { recursive: true });
    const summary = join(copy, 'small', 'summary.json');
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    s.pods.startupSeconds.p95 /= 2; // a baseline twice as fast: the new run is a regression
    writeFileSync(summary, JSON.stringify(s));
    const r = await runCli('run', 'scenarios/node-size.yaml', '--out', dir, '--baseline', copy, '--no-charts');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Compared with ${copy}:`);
    expect(r.stdout).toMatch(/small\s+startupP95\s+116\.\d+ s\s+233\.\d+ s\s+\+100%\s+REGRESSION/);
    expect(JSON.parse(readFileSync(join(dir, 'small', 'summary.json'), 'utf8')).pods.startupSeconds.p95).toBeCloseTo(
      2 * s.pods.startupSeconds.p95,
      6,
    ); // written all the same
  });

  it('refuses a baseline inside the directory it replaces, and --threshold without --baseline', async () => {
    const dir = join(tmp(), 'node-size');
    const same = await runCli('run', 'scenarios/node-size.yaml', '--out', dir, '--baseline', `${dir}/`);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(
      /^poolsim run: --baseline: ".*" is in the directory this run replaces, so the next run would pass against itself; expected a copy elsewhere/,
    );
    const r = await runCli('run', 'scenarios/node-size.yaml', '--out', join(tmp(), 'x'), '--threshold', 'cost=5%');
    expect(r).toMatchObject({
      code: 2,
      stderr: 'poolsim run: --threshold: applies only with --baseline; expected --baseline DIR too\n',
    });
  });
});
