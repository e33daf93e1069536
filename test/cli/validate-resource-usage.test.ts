// `poolsim validate` on resource usage written wrong: each problem at file:line:col, exit 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-validate-usage-');

describe('poolsim validate, resource usage', () => {
  it('reports a memory use without a unit and a limit below its request at file:line:col, exit 2', async () => {
    const file = join(tmp(), 'usage.yaml');
    writeFileSync(
      file,
      'name: t\nduration: 1h\nworkloads:\n  web:\n    requests: { cpu: 500m, memory: 1Gi }\n    limits: { memory: 512Mi }\n' +
        'load:\n  web: { baseMemory: 512 }\n' +
        'designs:\n  d:\n    pools:\n      main: { instanceType: e2-standard-4, max: 2 }\n',
    );
    const { code, stdout, stderr } = await runCli('validate', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `${file}:8:22: load.web.baseMemory: 512 has no unit; expected a quantity with a unit, e.g. 256Mi (a bare number would be bytes)`,
      `${file}:6:23: workloads.web.limits.memory: limit 512Mi is below the request 1Gi; expected a limit at or above the request (the API server refuses it)`,
    ]);
  });

  it('accepts memory use, limits and an HPA on memory', async () => {
    const file = join(tmp(), 'usage.yaml');
    writeFileSync(
      file,
      'name: t\nduration: 1h\nworkloads:\n  web:\n    requests: { cpu: 500m, memory: 1Gi }\n    limits: { memory: 2Gi }\n' +
        '    image: { name: web:1, size: 100M }\n' +
        '    hpa: { maxReplicas: 4, metrics: [{ resource: memory, targetAverageValue: 1Gi }] }\n' +
        'load:\n  web: { cpuPerRequest: 2m, profile: { constant: 100 }, baseMemory: 256Mi, memoryPerRps: 2Mi, leak: 50Mi }\n' +
        'designs:\n  d:\n    pools:\n      main: { instanceType: e2-standard-4, max: 2 }\n',
    );
    const { code, stdout, stderr } = await runCli('validate', file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${file}: ok`);
  });
});
