import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-validate-');

describe('poolsim validate', () => {
  it('accepts every bundled scenario and says what each holds', async () => {
    const { code, stdout } = await runCli('validate', 'scenarios/node-size.yaml', 'scenarios/diurnal.yaml');
    expect(code).toBe(0);
    expect(stdout).toBe(
      'scenarios/node-size.yaml: ok — 1 workload (app), 2 designs (big, small), 1h simulated, seed 1, Kubernetes 1.34\n' +
        'scenarios/diurnal.yaml: ok — 1 workload (web), 3 designs (small, medium, large), 24h simulated, seed 42, Kubernetes 1.34\n',
    );
  });

  it('reports every problem as file:line:col: path: message, exit 2, and still checks the other files', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'name: t\nduration: 1x\ndesigns:\n  d:\n    pools:\n      main: { instanceType: m5.larg, max: -2 }\n',
    );
    const { code, stdout, stderr } = await runCli('validate', bad, 'scenarios/node-size.yaml');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `${bad}:2:11: duration: "1x" has an unknown unit "x"; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)`,
      `${bad}:6:43: designs.d.pools.main.max: -2 is below 0; expected a number ≥ 0`,
    ]);
    expect(stdout).toContain('scenarios/node-size.yaml: ok');
  });

  it('says when a file cannot be read', async () => {
    const { code, stderr } = await runCli('validate', 'scenarios/nope.yaml');
    expect(code).toBe(2);
    expect(stderr).toBe('scenarios/nope.yaml:1:1: cannot read "scenarios/nope.yaml": no such file\n');
  });
});

describe('poolsim schema', () => {
  it('prints the JSON Schema that is committed as poolsim.schema.json', async () => {
    const { code, stdout } = await runCli('schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync('poolsim.schema.json', 'utf8')));
    expect(JSON.parse(stdout)).toMatchObject({
      title: 'poolsim scenario',
      required: expect.arrayContaining(['name', 'designs']),
    });
  });
});
