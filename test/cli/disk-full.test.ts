// A disk that fills up half-way through writing: the run says so in one line, exit 2, and the
// previous output stays as it was.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-full-');

const full = { on: false };
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const writeFileSync = (path: Parameters<typeof fs.writeFileSync>[0], ...rest: unknown[]) => {
    if (full.on && String(path).endsWith('comparison.csv')) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(path)}'`), { code: 'ENOSPC' });
    }
    return (fs.writeFileSync as (...a: unknown[]) => void)(path, ...rest);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

describe('a full disk', () => {
  it('leaves the previous output intact and no staging directory, with one line and exit 2', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    expect((await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--no-charts')).code).toBe(0);
    const before = readFileSync(join(out, 'big', 'summary.json'), 'utf8');
    full.on = true;
    const r = await runCli('run', 'scenarios/node-size.yaml', '--out', out, '--no-charts', '--seed', '9');
    full.on = false;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^poolsim run: --out: cannot write ".*out": ENOSPC: no space left on device, write '[^']*comparison\.csv'; expected a writable directory with room for the output\n$/,
    );
    expect(readFileSync(join(out, 'big', 'summary.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(existsSync(join(out, '.poolsim-output'))).toBe(true);
  }, 60_000);
});
