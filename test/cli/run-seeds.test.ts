import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-seeds-');
// Every file of a run directory, by relative path.
function files(dir: string, root = dir): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory()
        ? Object.entries(files(path, root))
        : [[relative(root, path), readFileSync(path, 'utf8')]];
    }),
  );
}

describe('poolsim run, one seed', () => {
  it('runs the designs on a thread each by default, writing what one thread writes', async () => {
    const [one, all] = [join(tmp(), 'one'), join(tmp(), 'all')];
    const a = await runCli('run', 'scenarios/node-size.yaml', '--workers', '1', '--no-charts', '--out', one);
    const b = await runCli('run', 'scenarios/node-size.yaml', '--no-charts', '--out', all);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout.replace(all, 'OUT')).toBe(a.stdout.replace(one, 'OUT'));
    expect(files(all)).toEqual(files(one));
  }, 60_000);
});

describe('poolsim run --seeds (Monte Carlo)', () => {
  it('writes the same bytes with one worker thread or two, and distributions over the seeds', async () => {
    const [one, two, single] = [join(tmp(), 'one'), join(tmp(), 'two'), join(tmp(), 'single')];
    const a = await runCli(
      'run',
      'scenarios/node-size.yaml',
      '--seeds',
      '6',
      '--workers',
      '1',
      '--no-charts',
      '--out',
      one,
    );
    const b = await runCli(
      'run',
      'scenarios/node-size.yaml',
      '--seeds',
      '6',
      '--workers',
      '2',
      '--no-charts',
      '--out',
      two,
    );
    await runCli('run', 'scenarios/node-size.yaml', '--no-charts', '--out', single);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout.replace(one, 'OUT')).toBe(b.stdout.replace(two, 'OUT'));
    expect(files(two)).toEqual(files(one));
    expect(a.stdout).toContain('Over 6 seeds (1…6), the same for every design');
    expect(a.stderr).toContain('poolsim: 12/12 runs (designs × seeds) (100%)');

    const summary = JSON.parse(readFileSync(join(one, 'small', 'summary.json'), 'utf8'));
    expect(summary.seeds).toEqual({ first: 1, count: 6 });
    const d = summary.distributions.startupP95;
    expect(d.n).toBe(6);
    expect(d.p5).toBeLessThanOrEqual(d.p50);
    expect(d.p50).toBeLessThanOrEqual(d.p95);
    expect(d.ci95Low).toBeLessThan(d.mean);
    expect(d.ci95High).toBeGreaterThan(d.mean);
    // The figures outside `distributions` are the first seed's, as a single run gives them.
    const { seeds: _s, distributions: _d, ...first } = summary;
    expect(first).toEqual(JSON.parse(readFileSync(join(single, 'small', 'summary.json'), 'utf8')));
    const seedsCsv = readFileSync(join(one, 'small', 'seeds.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(seedsCsv).toHaveLength(7);
    expect(seedsCsv.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    // The seeds really differ: not every seed has the same start-up.
    expect(new Set(seedsCsv.slice(1).map((l) => l.split(',')[2])).size).toBeGreaterThan(1);
    const comparison = readFileSync(join(one, 'comparison.csv'), 'utf8').split('\n')[0]!;
    expect(comparison).toContain(
      'startupP95_p5,startupP95_p50,startupP95_p95,startupP95_mean,startupP95_ci95Low,startupP95_ci95High',
    );
    expect(readFileSync(join(one, 'big', 'bands.csv'), 'utf8')).toMatch(/^time_s,series,p5,p50,p95\n0,ready_pods,/);
  }, 60_000);

  it('draws percentile bands and shows the distributions in the report', async () => {
    const out = join(tmp(), 'charts');
    const { code } = await runCli(
      'run',
      'scenarios/node-size.yaml',
      '--seeds',
      '3',
      '--workers',
      '1',
      '--design',
      'big',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'charts', 'bands.svg'), 'utf8')).toContain('ready_pods');
    expect(JSON.parse(readFileSync(join(out, 'big', 'charts', 'bands.vl.json'), 'utf8')).facet.row.field).toBe(
      'series',
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Over 3 seeds (1…3)</h2>');
    expect(html).toContain('id="all-bands"');
  }, 60_000);

  it.each([
    [['--seeds', '0'], '--seeds: "0" is not a whole number from 1 to 100000'],
    [['--seeds', 'many'], '--seeds: "many" is not a whole number'],
    [
      ['--seed', '9007199254740990', '--seeds', '4'],
      '--seeds: seeds 9007199254740990 to 9007199254740990 + 3 go past 9007199254740991',
    ],
    [['--workers', '0'], '--workers: "0" is not a whole number from 1 to 256'],
  ])('rejects %j with exit code 2', async (flags, message) => {
    const { code, stderr } = await runCli('run', 'scenarios/node-size.yaml', ...flags, '--out', join(tmp(), 'x'));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
