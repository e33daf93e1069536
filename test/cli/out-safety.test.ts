// An output folder is checked before any work (issue 17): a run never replaces a folder holding
// its own scenario or includes, and a sweep or merge that may not write --out says so before its
// runs, not after them (when every result would be lost).
import { availableParallelism } from 'node:os';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolsim-out-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--out is checked before any work', () => {
  it('run refuses an --out that holds its scenario, and leaves it there', async () => {
    const out = join(dir, 'out-with-scenario');
    mkdirSync(out);
    cpSync('scenarios/node-size.yaml', join(out, 'node-size.yaml'));
    writeFileSync(join(out, '.poolsim-output'), ''); // marked as poolsim's: only the scenario protects it
    const r = await runCli('run', join(out, 'node-size.yaml'), '--no-charts', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^poolsim run: --out: ".*out-with-scenario" holds ".*node-size.yaml", which this run reads/,
    );
    expect(existsSync(join(out, 'node-size.yaml'))).toBe(true);
  });

  it('run refuses an --out that holds an included manifest', async () => {
    const folder = join(dir, 'with-include');
    cpSync('scenarios', folder, { recursive: true });
    const r = await runCli('run', join(folder, 'diurnal.yaml'), '--no-charts', '--out', join(folder, 'manifests'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('manifests" holds "');
    expect(readFileSync(join(folder, 'manifests', 'web.yaml'), 'utf8')).toBe(
      readFileSync('scenarios/manifests/web.yaml', 'utf8'),
    );
  });

  it('sweep refuses --out before its runs (100,000 seeds would take hours)', async () => {
    const out = join(dir, 'users-files');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = await runCli(
      'sweep',
      'scenarios/node-size.yaml',
      '--design',
      'small',
      '--vary',
      'pools.main.max=16,20',
      '--seeds',
      '100000',
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds files poolsim did not write');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('--workers is capped at the cores', async () => {
    const cores = availableParallelism();
    const r = await runCli('run', 'scenarios/node-size.yaml', '--workers', String(cores + 1), '--out', join(dir, 'w'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--workers: ${cores + 1} is more than the ${cores} `);
    expect(existsSync(join(dir, 'w'))).toBe(false);
  });
});
