// The built executable, as a user runs it: `npm ci` builds dist/ (prepare), `npm test` rebuilds it (pretest).
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/bin/poolsim.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('dist/bin/poolsim.js', () => {
  it('runs capacity and exits 0', () => {
    const r = run('capacity', '--instance', 'e2-standard-4', '--pod-cpu', '300m', '--pod-memory', '2Gi');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('e2-standard-4: 4 vCPU, 16.00 GiB');
  });

  it('exits 2 on bad input with a one-line message and no stack trace', () => {
    const r = run('capacity', '--cpu', '4', '--memory', 'lots');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('poolsim capacity: --memory: "lots" is not a quantity');
  });

  it("is executable, so that `npx poolsim` (the README's command) can run it", () => {
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    // The unbundled entry too: the bin it was until the bundle, which an npx cache made then still runs.
    expect(statSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))).mode & 0o111).not.toBe(0);
    const r = spawnSync('npx', ['--no-install', 'poolsim', '--version'], { encoding: 'utf8' });
    expect(r.stderr).not.toContain('Permission denied');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints its version', () => {
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  // pipefail makes the pipeline's status poolsim's own; `true` closes the pipe without reading.
  it.each([
    ['stdout', 'instances'],
    ['stderr', 'capacity --cpu x'],
  ])('exits quietly when the reader of its %s closes the pipe early', (stream, args) => {
    const redirect = stream === 'stderr' ? '2>&1 >/dev/null' : '';
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" ${args} ${redirect} | true`], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(stream === 'stderr' ? 2 : 0);
  });
});
