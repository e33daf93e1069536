import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-run-warnings-');

// An inline instance type with no price (it would cost $0 and win on cost), and a design whose
// single node cannot hold the third replica: a warning from the scenario and one from the run.
const SCENARIO = `name: warned
duration: 20m
workloads:
  app: { replicas: 3, requests: { cpu: 1500m, memory: 1Gi } }
designs:
  priced:
    pools:
      main: { instanceType: e2-standard-4, initial: 2, min: 2, max: 2 }
  free:
    pools:
      main: { instanceType: { cpu: 4, memory: 16Gi }, initial: 1, min: 1, max: 1 }
`;

describe('poolsim run with warnings', () => {
  it('puts each in summary.json with its code and location, under the terminal table, and atop report.html', async () => {
    const dir = tmp();
    const file = join(dir, 'warned.yaml');
    writeFileSync(file, SCENARIO);
    const out = join(dir, 'out');
    const { code, stdout } = await runCli('run', file, '--out', out);
    expect(code).toBe(0);
    const free = JSON.parse(readFileSync(join(out, 'free', 'summary.json'), 'utf8'));
    expect(free.warnings).toEqual([
      {
        code: 'no-price',
        location: `${file}:11:29`,
        message: expect.stringMatching(/pricePerHour/),
      },
      { code: 'never-settles', location: null, message: expect.stringMatching(/^1 pod\(s\) still Pending/) },
    ]);
    expect(JSON.parse(readFileSync(join(out, 'priced', 'summary.json'), 'utf8')).warnings).toEqual([]);
    expect(stdout).toMatch(
      new RegExp(
        `\\n\\nWarnings \\(2\\):\\n {2}${file.replace(/[.]/g, '\\.')}:11:29: warning\\[no-price\\] \\[free\\]: `,
      ),
    );
    expect(stdout).toMatch(/\n {2}warning\[never-settles\] \[free\]: 1 pod\(s\) still Pending/);
    // The verdict does not call the free design cheapest: it leaves a pod never Ready.
    expect(stdout).toMatch(/\n {2}cost: free is cheapest but leaves 1 pod never Ready;/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.indexOf('<section class="warnings">')).toBeGreaterThan(0);
    expect(html.indexOf('<section class="warnings">')).toBeLessThan(html.indexOf('<h2>Designs</h2>'));
    expect(html).toContain('<b>no-price</b>');
  });
});
