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

  // A sound scenario whose inline type has no price: it would cost $0 and win on cost.
  const unpriced = () => {
    const file = join(tmp(), 'unpriced.yaml');
    writeFileSync(
      file,
      'name: t\nduration: 1h\nworkloads:\n  app: { requests: { cpu: 100m, memory: 128Mi } }\n' +
        'designs:\n  d:\n    pools:\n      main: { instanceType: { cpu: 4, memory: 16Gi }, max: 2 }\n',
    );
    return file;
  };
  const warning = (file: string) =>
    `${file}:8:29: designs.d.pools.main.instanceType: warning[no-price]: instance type { cpu: 4, memory: 16Gi } has no pricePerHour, so its nodes cost $0 and win every comparison on cost; give it pricePerHour (on-demand USD per hour), e.g. pricePerHour: 0.19\n`;

  it('prints warnings as file:line:col: path: warning[code]: message, and exits 0', async () => {
    const file = unpriced();
    const { code, stdout, stderr } = await runCli('validate', file);
    expect(code).toBe(0);
    expect(stderr).toBe(warning(file));
    expect(stdout).toBe(`${file}: ok — 1 workload (app), 1 design (d), 1h simulated, seed 1, Kubernetes 1.34\n`);
  });

  it('with --strict, counts warnings as problems: exit 2, and the file is not ok', async () => {
    const file = unpriced();
    const { code, stdout, stderr } = await runCli('validate', '--strict', file, 'scenarios/kubelet-crash.yaml');
    expect(code).toBe(2);
    expect(stderr).toBe(warning(file));
    expect(stdout).toBe(
      'scenarios/kubelet-crash.yaml: ok — 1 workload (checkout), 3 designs (supervisord, systemd, none), 1h simulated, seed 11, Kubernetes 1.34\n',
    );
  });

  it('offers --strict in its help, with an example', async () => {
    const { code, stdout } = await runCli('validate', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--strict');
    expect(stdout).toContain('$ poolsim validate --strict scenarios/*.yaml');
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

describe('poolsim validate of a fleet', () => {
  it('names its first ten workloads and counts the rest', async () => {
    const { code, stdout } = await runCli('validate', 'scenarios/fleet-5k.yaml');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'ok — 300 workloads (app-000, app-001, app-002, app-003, app-004, app-005, app-006, app-007, app-008, app-009 and 290 more), 1 design (mixed), 24h simulated',
    );
  });
});
