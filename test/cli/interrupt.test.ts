// A run stopped half-way (Ctrl-C, kill -9) leaves the previous output exactly as it was.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedOutput } from '../../src/report/write-atomic.js';
import { tempFolders } from '../temp-folders.js';

const cli = join(import.meta.dirname, '../../dist/bin/poolsim.js');
const tmp = tempFolders('poolsim-kill-');

// Every file under `dir` with the hash of its bytes.
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const runOnce = (out: string, scenario = 'scenarios/node-size.yaml') => {
  const r = spawnSync(process.execPath, [cli, 'run', scenario, '--out', out, '--no-charts'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
};

// Starts a run that replaces `out`, and resolves once it is writing into its staging directory
// (its timeline streamed there as the simulation goes), with the child and the staging path.
async function startAndWaitForStaging(out: string) {
  const child = spawn(process.execPath, [cli, 'run', 'scenarios/diurnal.yaml', '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // Its staging directory: out.tmp-PID-RAND, RAND being random.
  const named = (name: string) => name.startsWith(`${basename(out)}.tmp-${child.pid}-`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const name = readdirSync(dirname(out)).find(named);
    if (name !== undefined && existsSync(join(dirname(out), name, 'small', 'timeline.csv'))) {
      return { child, staging: join(dirname(out), name), exited, stderr: () => stderr };
    }
    if (Date.now() > deadline) throw new Error(`no staging directory after 30 s; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a run stopped half-way', () => {
  it('Ctrl-C: one line, exit 130, the previous output untouched and no staging left', async () => {
    const out = join(tmp(), 'out');
    runOnce(out);
    const before = fingerprint(out);
    const { child, staging, exited, stderr } = await startAndWaitForStaging(out);
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(stderr()).toBe(
      `poolsim: interrupted (SIGINT); the unfinished output for ${out} was discarded, the earlier output is as it was\n`,
    );
    expect(readdirSync(dirname(out))).toEqual(['out']); // nor its lock
    expect(fingerprint(out)).toEqual(before);
    expect(existsSync(staging)).toBe(false);
  }, 90_000);

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s twice in a row (a double Ctrl-C, `timeout` signalling the group): handled once, nothing left',
    async (signal) => {
      const out = join(tmp(), 'out');
      runOnce(out);
      const before = fingerprint(out);
      const { child, exited, stderr } = await startAndWaitForStaging(out);
      child.kill(signal);
      child.kill(signal);
      const code = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal];
      expect(await exited).toEqual({ code, signal: null });
      expect(stderr()).toMatch(
        new RegExp(`^poolsim: interrupted \\(${signal}\\); the unfinished output .* was discarded`),
      );
      expect(readdirSync(dirname(out))).toEqual(['out']);
      expect(fingerprint(out)).toEqual(before);
    },
    90_000,
  );

  it('kill -9 mid-write: the previous output untouched; the next run tidies up and writes', async () => {
    const out = join(tmp(), 'out');
    runOnce(out);
    const before = fingerprint(out);
    const { child, staging, exited } = await startAndWaitForStaging(out);
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(fingerprint(out)).toEqual(before);
    // What the killed run left, its lock too: nobody could tidy it.
    expect(existsSync(staging)).toBe(true);
    expect(existsSync(`${out}.lock`)).toBe(true);
    // Its PID is free and in this namespace: the next run takes the lock over and tidies.
    runOnce(out, 'scenarios/image-pull.yaml');
    expect(readdirSync(dirname(out))).toEqual(['out']);
    expect(Object.keys(fingerprint(out))).toContain('small-mirror/summary.json');
  }, 90_000);

  it('a kill between the two renames of a commit: the next run puts the previous output back first', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    runOnce(out);
    const before = fingerprint(out);
    // A process that has exited: its pid is free, as a killed run's would be.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    renameSync(out, `${out}.old-${dead}-0123abcd`);
    const staged = StagedOutput.open(out);
    expect(fingerprint(out)).toEqual(before);
    expect(existsSync(`${out}.old-${dead}-0123abcd`)).toBe(false);
    staged.abandon();
    expect(fingerprint(out)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['out']);
  }, 60_000);
});
