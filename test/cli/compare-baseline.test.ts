// `poolsim compare` never writes a baseline unless told to with --write-baseline, and then replaces
// an existing one only with --force.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-baseline-');
const run = join(tmp(), 'node-size');
await runCli('run', 'scenarios/node-size.yaml', '--out', run, '--no-charts');

/** files maps every file under `path` (or `path` itself, a file) to its SHA-256, and with `mtimes` to its mtime too. */
function files(path: string, mtimes = false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string): void => {
    const stat = statSync(p);
    if (stat.isDirectory()) {
      out[`${relative(path, p)}/`] = mtimes ? String(stat.mtimeMs) : '';
      for (const name of readdirSync(p)) walk(join(p, name));
    } else {
      out[relative(path, p)] =
        createHash('sha256').update(readFileSync(p)).digest('hex') + (mtimes ? ` ${stat.mtimeMs}` : '');
    }
  };
  walk(path);
  return out;
}

/** copy copies `from` to a new directory (its name kept), optionally changing one design's summary. */
function copy(from: string, change?: (s: Record<string, any>) => void, design = 'small'): string {
  const to = join(tmp(), 'node-size');
  cpSync(from, to, { recursive: true });
  if (change !== undefined) {
    const file = join(to, design, 'summary.json');
    const s = JSON.parse(readFileSync(file, 'utf8'));
    change(s);
    writeFileSync(file, JSON.stringify(s, null, 2));
  }
  return to;
}

const slower = (s: Record<string, any>) => void (s.pods.startupSeconds.p95 *= 2);

describe('poolsim compare without --write-baseline', () => {
  it('writes nothing: every file of the baseline, and its mtime, is the same after a passing and a regressing compare', async () => {
    const baseline = copy(run);
    const siblings = readdirSync(dirname(baseline));
    const before = files(baseline, true);
    const pass = await runCli('compare', baseline, run);
    expect(pass.code).toBe(0);
    const fail = await runCli('compare', baseline, copy(run, slower));
    expect(fail.code).toBe(1);
    const json = await runCli(
      'compare',
      join(baseline, 'small', 'summary.json'),
      join(copy(run, slower), 'small', 'summary.json'),
      '--format',
      'json',
    );
    expect(json.code).toBe(1);
    expect(files(baseline, true)).toEqual(before);
    expect(readdirSync(dirname(baseline))).toEqual(siblings); // nothing beside it either
  }, 30_000);
});

describe('poolsim compare --write-baseline', () => {
  it('bootstraps a missing baseline with a copy of the current run, directory or summary.json', async () => {
    const baseline = join(tmp(), 'baseline', 'node-size'); // its parent does not exist either
    const r = await runCli('compare', baseline, run, '--write-baseline');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `No baseline at ${baseline}, so nothing to compare against: wrote a copy of ${run} there (${Object.keys(files(run)).filter((f) => !f.endsWith('/') && f !== '.poolsim-output').length} files).\n`,
    );
    expect(files(baseline)).toEqual(files(run));
    // Then it is a baseline like any other.
    expect((await runCli('compare', baseline, run)).code).toBe(0);

    const file = join(tmp(), 'small.json');
    const j = await runCli('compare', file, join(run, 'small', 'summary.json'), '--write-baseline', '--format', 'json');
    expect(j).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `poolsim compare: No baseline at ${file}, so nothing to compare against: wrote a copy of ${join(run, 'small', 'summary.json')} there (1 file).\n`,
    });
    expect(readFileSync(file)).toEqual(readFileSync(join(run, 'small', 'summary.json')));
  }, 30_000);

  it('refuses to replace an existing baseline without --force, before reading anything, and leaves it byte for byte', async () => {
    const baseline = copy(run, slower);
    const before = files(baseline, true);
    const r = await runCli('compare', baseline, run, '--write-baseline', '--format', 'nonsense');
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `poolsim compare: --write-baseline: ${baseline} exists; it is replaced only with --force\n`,
    });
    expect(files(baseline, true)).toEqual(before);
    const file = join(baseline, 'big', 'summary.json');
    const f = await runCli('compare', file, join(run, 'small', 'summary.json'), '--write-baseline');
    expect(f).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `poolsim compare: --write-baseline: ${file} exists; it is replaced only with --force\n`,
    });
    expect(files(baseline, true)).toEqual(before);
  }, 30_000);

  it('with --force, compares, then replaces the baseline with exactly the current run', async () => {
    const baseline = copy(run);
    writeFileSync(join(baseline, 'big', 'stale.csv'), 'left by an older run\n');
    mkdirSync(join(baseline, 'gone'));
    writeFileSync(join(baseline, 'gone', 'summary.json'), readFileSync(join(run, 'big', 'summary.json')));
    const current = copy(run, (s) => void (s.cost.total *= 0.5), 'big');
    const r = await runCli('compare', baseline, current, '--write-baseline', '--force');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/big\s+cost\s+\$0\.41\s+\$0\.20\s+−50%\s+better/);
    expect(
      r.stdout.endsWith(
        `No regression.\n\nReplaced the baseline ${baseline} with a copy of ${current} (${Object.keys(files(current)).filter((f) => !f.endsWith('/') && f !== '.poolsim-output').length} files).\n`,
      ),
    ).toBe(true);
    expect(files(baseline)).toEqual(files(current)); // stale.csv and gone/ are gone
    expect(readdirSync(dirname(baseline))).toEqual(['node-size']); // no staging or old directory left beside it
  }, 30_000);

  it('with --force and a regression, still replaces the baseline and still exits 1', async () => {
    const baseline = copy(run);
    const current = copy(run, slower);
    const r = await runCli('compare', baseline, current, '--write-baseline', '--force');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/small\s+startupP95\s+.*REGRESSION/);
    expect(r.stdout).toContain(`\nReplaced the baseline ${baseline} with a copy of ${current} (`);
    expect(files(baseline)).toEqual(files(current));

    // A summary.json the same way, with stdout left to the JSON.
    const dir = tmp();
    const file = join(dir, 'summary.json');
    cpSync(join(run, 'small', 'summary.json'), file);
    const j = await runCli(
      'compare',
      file,
      join(current, 'small', 'summary.json'),
      '--write-baseline',
      '--force',
      '--format',
      'json',
    );
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).regressions).toBe(1);
    expect(j.stderr).toBe(
      `poolsim compare: Replaced the baseline ${file} with a copy of ${join(current, 'small', 'summary.json')} (1 file).\n`,
    );
    expect(readFileSync(file)).toEqual(readFileSync(join(current, 'small', 'summary.json')));
    expect(readdirSync(dir)).toEqual(['summary.json']);
  }, 30_000);

  it('with --force, refuses before comparing a baseline poolsim did not write, or of another shape', async () => {
    const baseline = copy(run);
    rmSync(join(baseline, '.poolsim-output'));
    const before = files(baseline, true);
    const r = await runCli('compare', baseline, run, '--write-baseline', '--force');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      `poolsim compare: --write-baseline: ${JSON.stringify(baseline)} holds files poolsim did not write (it has no .poolsim-output); it is left as it is; expected a baseline poolsim wrote, or remove it first\n`,
    );
    const summary = join(run, 'big', 'summary.json');
    const shape = await runCli('compare', baseline, summary, '--write-baseline', '--force');
    expect(shape).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `poolsim compare: --write-baseline: ${baseline} is a directory and ${summary} a file; expected the same shape, or remove ${baseline} first\n`,
    });
    expect(files(baseline, true)).toEqual(before);
  }, 30_000);

  it('refuses --force without --write-baseline, and a baseline and current run that are the same or nested', async () => {
    const baseline = copy(run);
    const before = files(baseline, true);
    const force = await runCli('compare', baseline, run, '--force');
    expect(force).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'poolsim compare: --force: applies only with --write-baseline; expected --write-baseline too\n',
    });
    const same = await runCli('compare', baseline, `${baseline}/`, '--write-baseline', '--force');
    expect(same).toMatchObject({ code: 2, stdout: '' });
    expect(same.stderr).toBe(
      `poolsim compare: --write-baseline: ${baseline} and ${baseline}/ are the same path, so there is nothing to replace; expected the current run elsewhere, e.g. out/\n`,
    );
    const inside = await runCli('compare', baseline, join(baseline, 'big'), '--write-baseline', '--force');
    expect(inside).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `poolsim compare: --write-baseline: ${join(baseline, 'big')} is inside ${baseline}, so replacing the baseline would destroy one with the other; expected two separate paths\n`,
    });
    const outside = await runCli('compare', join(baseline, 'big'), baseline, '--write-baseline');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain(`${join(baseline, 'big')} is inside ${baseline}`);
    expect(files(baseline, true)).toEqual(before);
  }, 30_000);
});
