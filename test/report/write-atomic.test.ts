// Output written through a staging directory and a lock beside it: one run per output at a time,
// and a run tidies only what a run provably gone left (issue 17).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OutputRefused,
  StagedOutput,
  writeDirectoryAtomically,
  writeFileAtomically,
} from '../../src/report/write-atomic.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tmp = () => {
  const folder = mkdtempSync(join(tmpdir(), 'poolsim-atomic-'));
  folders.push(folder);
  return folder;
};

// The PID of a process that has exited: free, as a killed run's would be.
const deadPid = () =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

// What this process writes in a lock: read from a lock it takes, and gives back.
function ownRecord(dir: string): Record<string, unknown> {
  const staged = StagedOutput.open(join(dir, 'probe'));
  const record = JSON.parse(readFileSync(join(dir, 'probe.lock'), 'utf8')) as Record<string, unknown>;
  staged.abandon();
  return record;
}

// A lock at `out.lock` as another run would have left it, with that run's staging directory beside it.
function foreignLock(out: string, record: Record<string, unknown>): { lock: string; leftover: string } {
  const token = `${String(record.pid)}-0badc0de`;
  const lock = `${out}.lock`;
  writeFileSync(lock, JSON.stringify({ ...record, token }));
  const leftover = `${out}.tmp-${token}`;
  mkdirSync(join(leftover, 'small'), { recursive: true });
  writeFileSync(join(leftover, 'small', 'timeline.csv'), 't\n');
  return { lock, leftover };
}

const twoDaysAgo = () => new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);

describe('StagedOutput names and lock', () => {
  it('stages in out.tmp-PID-RAND, unique each time, under out.lock; nothing is left after', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const first = StagedOutput.open(out);
    expect(first.staging).toMatch(new RegExp(`/out\\.tmp-${process.pid}-[0-9a-f]{8}$`));
    expect(existsSync(first.staging)).toBe(true);
    expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
    first.abandon();
    expect(readdirSync(dir)).toEqual([]);
    const second = StagedOutput.open(out);
    expect(second.staging).not.toBe(first.staging);
    second.write('a.txt', 'a\n');
    second.commit();
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readdirSync(out).sort()).toEqual(['.poolsim-output', 'a.txt']);
    writeFileAtomically(join(dir, 'file.json'), '{}\n');
    expect(readdirSync(dir).sort()).toEqual(['file.json', 'out']);
  });

  it('a second open of an output being written is refused, and says by whom; the first goes on', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const first = StagedOutput.open(out);
    const refused = () => StagedOutput.open(out);
    expect(refused).toThrow(OutputRefused);
    expect(refused).toThrow(
      new RegExp(
        `^another poolsim run \\(pid ${process.pid} on host .+, since \\d{4}-.+\\) is writing ".*out"; expected one run per output directory at a time \\(delete .*out\\.lock if that run is gone\\)$`,
      ),
    );
    expect(() => writeFileAtomically(out, 'x')).toThrow(OutputRefused);
    expect(() => writeDirectoryAtomically(out, new Map([['b.txt', 'b']]))).toThrow(OutputRefused);
    expect(existsSync(first.staging)).toBe(true);
    first.write('a.txt', 'a\n');
    first.commit();
    expect(readdirSync(out).sort()).toEqual(['.poolsim-output', 'a.txt']);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('takes over the lock of a dead PID in this namespace, and tidies its staging directory', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const { lock, leftover } = foreignLock(out, { ...ownRecord(dir), pid: deadPid() });
    const staged = StagedOutput.open(out);
    expect(existsSync(leftover)).toBe(false);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    staged.commit();
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it.skipIf(!existsSync('/proc/self/stat'))(
    'a running PID: taken over only when it started at another time (a reused PID)',
    async () => {
      const dir = tmp();
      const out = join(dir, 'out');
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
      try {
        const pid = child.pid!;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
        const record = ownRecord(dir);
        const alive = foreignLock(out, { ...record, pid, startTime });
        expect(() => StagedOutput.open(out)).toThrow(`another poolsim run (pid ${pid} on host`);
        expect(existsSync(alive.leftover)).toBe(true);
        rmSync(alive.leftover, { recursive: true });
        const reused = foreignLock(out, { ...record, pid, startTime: `${startTime}0` });
        StagedOutput.open(out).abandon();
        expect(existsSync(reused.leftover)).toBe(false);
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        child.kill();
      }
    },
  );

  it('a run in another PID namespace (or on another host) is not proved dead by its PID: refused, nothing tidied', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const record = ownRecord(dir);
    for (const other of [
      { pidNamespace: 'pid:[4026530001]' },
      { hostname: `not-${String(record.hostname)}` },
      { bootId: '00000000-0000-0000-0000-000000000000' },
    ]) {
      const { lock, leftover } = foreignLock(out, { ...record, ...other, pid: deadPid() });
      const before = readFileSync(lock, 'utf8');
      expect(() => StagedOutput.open(out)).toThrow(/^another poolsim run \(pid \d+ on host /);
      expect(readFileSync(lock, 'utf8')).toBe(before);
      expect(existsSync(leftover)).toBe(true);
      rmSync(leftover, { recursive: true });
      rmSync(lock);
    }
  });

  it('a lock untouched for a day is taken over, whoever held it; one that cannot be read too', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    for (const record of [{ ...ownRecord(dir), pidNamespace: 'pid:[4026530001]', pid: 1 }, { pid: 77 }]) {
      const { lock, leftover } = foreignLock(out, record);
      expect(() => StagedOutput.open(out)).toThrow(/^another poolsim run/);
      utimesSync(lock, twoDaysAgo(), twoDaysAgo());
      const staged = StagedOutput.open(out);
      expect(existsSync(leftover)).toBe(false);
      staged.abandon();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('leftovers of older versions (out.tmp-PID, out.old-PID): tidied only once a day old', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    writeDirectoryAtomically(out, new Map([['a.txt', 'now\n']]));
    const legacy = [`${out}.tmp-123`, `${out}.old-124`];
    for (const path of legacy) mkdirSync(path);
    writeDirectoryAtomically(out, new Map([['a.txt', 'again\n']]));
    expect(legacy.map(existsSync)).toEqual([true, true]);
    for (const path of legacy) utimesSync(path, twoDaysAgo(), twoDaysAgo());
    writeDirectoryAtomically(out, new Map([['a.txt', 'later\n']]));
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('later\n');
  });

  it('an .old left between the two renames of a commit is put back when the output is missing, else removed', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const dead = deadPid();
    writeDirectoryAtomically(out, new Map([['a.txt', 'before\n']]));
    rmSync(`${out}`, { recursive: true }); // as if moved aside…
    writeDirectoryAtomically(`${out}.old-${dead}-0badc0de`, new Map([['a.txt', 'before\n']]));
    const staged = StagedOutput.open(out); // …and the run killed
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('before\n');
    staged.abandon();
    expect(readdirSync(dir)).toEqual(['out']);
    // The legacy form, a day old, likewise.
    writeDirectoryAtomically(`${out}.old-${dead}`, new Map([['a.txt', 'older\n']]));
    rmSync(out, { recursive: true });
    utimesSync(`${out}.old-${dead}`, twoDaysAgo(), twoDaysAgo());
    StagedOutput.open(out).abandon();
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('older\n');
    // With the output there, an .old is only removed.
    writeDirectoryAtomically(`${out}.old-${dead}-0badc0de`, new Map([['a.txt', 'stale\n']]));
    StagedOutput.open(out).abandon();
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('older\n');
  });

  it('a run whose lock was taken from it does not commit: the output stays as it was', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    writeDirectoryAtomically(out, new Map([['a.txt', 'before\n']]));
    const staged = StagedOutput.open(out);
    staged.write('a.txt', 'after\n');
    writeFileSync(`${out}.lock`, '{}'); // deleted by hand, and another run took it
    expect(() => staged.commit()).toThrow(/was taken over or deleted while this run wrote it/);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('before\n');
    expect(readdirSync(dir).sort()).toEqual(['out', 'out.lock']); // the other run's lock, not ours to remove
  });
});

describe('a planted lock', () => {
  it.each([
    ['a FIFO', (path: string) => spawnSync('mkfifo', [path])],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a folder', (path: string) => mkdirSync(path)],
  ])('that is %s is refused at once, neither read nor waited on', (_, plant) => {
    const dir = tmp();
    plant(join(dir, 'out.lock'));
    expect(() => StagedOutput.open(join(dir, 'out'))).toThrow(/out\.lock is not a lock poolsim wrote/);
    expect(() => writeFileAtomically(join(dir, 'out'), 'x')).toThrow(OutputRefused);
  });

  it('that is a FIFO named as a leftover is left alone, and the run goes on', () => {
    const dir = tmp();
    spawnSync('mkfifo', [join(dir, 'out.lock-1-deadbeef')]);
    writeDirectoryAtomically(join(dir, 'out'), new Map([['a.txt', 'a']]));
    expect(readFileSync(join(dir, 'out', 'a.txt'), 'utf8')).toBe('a');
    expect(existsSync(join(dir, 'out.lock-1-deadbeef'))).toBe(true);
  });
});
