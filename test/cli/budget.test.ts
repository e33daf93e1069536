// The budget (src/scenario/budget.ts) through the commands: a scenario over it is refused with
// file:line:col before anything runs; the flags raise it explicitly, and bad flag values are named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'poolsim-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the budget flags', () => {
  it('refuse a scenario over the budget, at its place, in run, validate and sweep', async () => {
    const out = join(dir, 'over');
    const run = await runCli('run', 'scenarios/node-size.yaml', '--budget-node-hours', '10', '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^scenarios\/node-size\.yaml:\d+:\d+: designs\.small\.pools\.main\.max: design small asks for up to 30 nodes .* over the budget of 10; .*--budget-node-hours \d+\n/,
    );
    const validate = await runCli('validate', 'scenarios/node-size.yaml', '--budget-pod-hours', '1');
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('pod-hours, over the budget of 1;');
    const sweep = await runCli('sweep', 'scenarios/node-size.yaml', '--budget-timeline-rows', '5', '--out', out);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('--budget-timeline-rows');
  });

  it('admit it once raised', async () => {
    const r = await runCli('validate', 'scenarios/node-size.yaml', '--budget-node-hours', '1000');
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('name a bad value', async () => {
    const r = await runCli('validate', 'scenarios/node-size.yaml', '--budget-pod-hours', 'lots');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'poolsim validate: --budget-pod-hours: "lots" is not a whole number from 1 to 1000000000000000\n',
    );
  });
});
