// Output sized for people (issue 25): a run that may hold more than BIG_RUN_PODS pods leaves out
// events.csv's per-pod rows and keeps timeline rows for its TOP_WORKLOADS biggest workloads, the
// rest summed into "(other)", says so in one line, and writes everything when asked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIG_RUN_PODS, TOP_WORKLOADS } from '../../src/run/output-sizing.js';
import { OTHER_WORKLOADS } from '../../src/simulate/timeline.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'poolsim-sizing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 25 workloads of 3 pods whose HPAs may take each to 300: a big run by its bound, quick to run.
const WORKLOADS = 25;
const scenario = join(dir, 'big.yaml');
writeFileSync(
  scenario,
  [
    'name: big',
    'duration: 10m',
    'seed: 1',
    'start: cold',
    'defaults: { reservation: gke, provisioning: { lognormal: { median: 100s, p95: 4m } } }',
    'designs:',
    '  one:',
    '    pools:',
    '      main: { instanceType: e2-standard-8, min: 3, initial: 3, max: 40 }',
    'workloads:',
    ...Array.from({ length: WORKLOADS }, (_, i) => [
      `  w${String(i).padStart(2, '0')}:`,
      `    replicas: ${i === 3 ? 4 : 3}`,
      '    requests: { cpu: 100m, memory: 128Mi }',
      '    image: { name: registry.example.com/app:1, size: 100M }',
      `    hpa: { minReplicas: 3, maxReplicas: ${i === 7 ? 400 : 300}, metrics: [{ resource: cpu, targetUtilization: 70 }] }`,
    ]).flat(),
  ].join('\n') + '\n',
);

const rows = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1);
const column = (file: string, i: number) => rows(file).map((r) => r.split(',')[i]!);

describe('poolsim run of a big scenario', () => {
  it('leaves out per-pod events and small workloads’ rows by default, and says how to get them', async () => {
    expect(WORKLOADS * 300).toBeGreaterThan(BIG_RUN_PODS);
    const out = join(dir, 'sized');
    const r = await runCli('run', scenario, '--no-charts', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Left out for size (up to 7,600 pods): per-pod rows of events.csv (--events all); timeline rows of ${WORKLOADS - TOP_WORKLOADS} smaller workloads, summed as "(other)" (--timeline-workloads all).`,
    );
    const kinds = new Set(column(join(out, 'one', 'events.csv'), 1));
    expect(kinds.has('Pod')).toBe(false);
    expect(kinds.has('Deployment')).toBe(true);
    const names = new Set(column(join(out, 'one', 'timeline.csv'), 1));
    expect(names.size).toBe(TOP_WORKLOADS + 1);
    expect(names.has(OTHER_WORKLOADS)).toBe(true);
    // The biggest by their most replicas (w07's HPA goes to 400) are kept; ties go in scenario order.
    expect(names.has('w07')).toBe(true);
    expect(names.has('w00')).toBe(true);
    expect(names.has('w24')).toBe(false);

    const all = join(dir, 'all');
    const whole = await runCli(
      'run',
      scenario,
      '--no-charts',
      '--events',
      'all',
      '--timeline-workloads',
      'all',
      '--out',
      all,
    );
    expect(whole.code).toBe(0);
    expect(whole.stdout).not.toContain('Left out');
    expect(new Set(column(join(all, 'one', 'events.csv'), 1)).has('Pod')).toBe(true);
    expect(new Set(column(join(all, 'one', 'timeline.csv'), 1)).size).toBe(WORKLOADS);
    // The same run: the summary and the timeline's sums are those of every row.
    expect(readFileSync(join(all, 'one', 'summary.json'), 'utf8')).toBe(
      readFileSync(join(out, 'one', 'summary.json'), 'utf8'),
    );
    const readySum = (file: string) => rows(file).reduce((sum, r) => sum + Number(r.split(',')[3]), 0);
    expect(readySum(join(out, 'one', 'timeline.csv'))).toBe(readySum(join(all, 'one', 'timeline.csv')));
  }, 120_000);

  it('refuses a bad --events or --timeline-workloads', async () => {
    const r = await runCli('run', scenario, '--events', 'some', '--timeline-workloads', '0', '--out', join(dir, 'bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--events: "some" is not all or no-pods; expected --events all or --events no-pods');
    expect(r.stderr).toContain('--timeline-workloads: "0" is not a whole number from 1 to 100000');
  });
});
