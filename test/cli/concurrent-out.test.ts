// Two runs on one --out from different PID namespaces, as from two containers sharing a volume:
// both are PID 1, and neither can see the other's process (issue 17). One output ends complete;
// the other run is refused or commits whole, never a mix.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testTimeoutMs } from '../property/budget.js';

const cli = join(import.meta.dirname, '../../dist/bin/poolsim.js');
const UNSHARE = ['--pid', '--fork', '--map-root-user'];
const unshareWorks = spawnSync('unshare', [...UNSHARE, 'true'], { stdio: 'ignore' }).status === 0;

const folder = mkdtempSync(join(tmpdir(), 'poolsim-concurrent-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  stderr: string;
}

// `poolsim run` into `out`, inside a PID namespace of its own (where it is PID 1) when `alone` is not set.
function run(out: string, alone = false): Promise<Ended> {
  const args = [cli, 'run', 'scenarios/node-size.yaml', '--no-charts', '--out', out];
  const child = alone
    ? spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn('unshare', [...UNSHARE, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length;

describe.skipIf(!unshareWorks)('two runs on one --out from different PID namespaces', () => {
  it(
    'one complete output; the other run refused or committed whole; nothing left beside it',
    async () => {
      const solo = join(folder, 'solo');
      expect((await run(solo, true)).code).toBe(0);
      const designs = readdirSync(solo, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(designs.length).toBeGreaterThan(1);

      const out = join(folder, 'o');
      // Into a new directory, then over the output the first pair wrote.
      for (let round = 0; round < 3; round++) {
        const ended = await Promise.all([run(out), run(out)]);
        const codes = ended.map((e) => e.code).sort();
        expect(codes[0], JSON.stringify(ended)).toBe(0);
        expect([0, 2], JSON.stringify(ended)).toContain(codes[1]);
        for (const e of ended.filter((x) => x.code === 2)) {
          expect(e.stderr).toMatch(/^poolsim run: --out: another poolsim run \(pid 1 on host .*\) is writing /);
        }

        expect(readdirSync(folder).sort()).toEqual(['o', 'solo']); // no .tmp-, .old- or .lock
        expect(readdirSync(out).sort()).toEqual(['.poolsim-output', 'comparison.csv', ...designs].sort());
        expect(lines(join(out, 'comparison.csv'))).toBe(lines(join(solo, 'comparison.csv')));
        for (const design of designs) {
          for (const file of ['timeline.csv', 'events.csv', 'api.csv', 'summary.json']) {
            expect(existsSync(join(out, design, file)), `${design}/${file}`).toBe(true);
          }
          expect(lines(join(out, design, 'timeline.csv'))).toBe(lines(join(solo, design, 'timeline.csv')));
        }
      }
    },
    testTimeoutMs(1, 3 * 2 * 2 + 2),
  );
});
