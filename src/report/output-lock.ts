// The lock a run holds on its output directory (`DIR.lock`) while it writes beside it, and the
// record of who holds it. Runs may share a volume from different hosts or containers, where PIDs
// mean nothing to each other (two containers both run poolsim as PID 1): a lock is taken over only
// from a run provably gone — on the same host, boot and PID namespace and no longer running (or
// running with another start time) — or from one silent for a day.
import { randomBytes } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { threadId } from 'node:worker_threads';
import { readTextBounded, ReadRefused } from '../util/read-file.js';

/** OutputRefused says why an existing directory is not replaced. */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

// A lock's owner record is a few hundred bytes.
const MAX_LOCK_BYTES = 64 * 1024;

// A lock, or a leftover, untouched for this long is taken to be a dead run's, wherever it ran.
export const DAY_MS = 24 * 60 * 60 * 1000;
// How often a held lock is touched, so that a long run's lock never looks a day old.
const REFRESH_MS = 10 * 60 * 1000;

/** Owner is who took a lock: enough to tell, from another process, whether it is still running. */
interface Owner {
  /** `PID-RAND`, unique to one staging: the suffix of its `.tmp-` and `.old-` names. */
  readonly token: string;
  readonly pid: number;
  /** The thread that took it: the module, and so `held`, is one per thread. */
  readonly threadId: number;
  readonly hostname: string;
  /** /proc/sys/kernel/random/boot_id: a PID from another boot means nothing. */
  readonly bootId: string | null;
  /** /proc/self/ns/pid's link ("pid:[4026531836]"): a PID from another namespace means nothing. */
  readonly pidNamespace: string | null;
  /** Field 22 of /proc/self/stat, clock ticks after boot: a reused PID has another. */
  readonly startTime: string | null;
  readonly createdAt: string;
}

// What `read` returns, or null if it throws (a file that is not there, or cannot be read).
export function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

// /proc/PID/stat's pid (field 1) and start time (field 22); the command name (field 2) may hold spaces and parentheses.
function procStat(pid: number | 'self'): { pid: number; startTime: string } | null {
  const text = orNull(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (text === null) return null;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTime = fields[19]; // field 22, counted from field 3 just after the ')'
  return startTime === undefined ? null : { pid: Number.parseInt(text, 10), startTime };
}

// This process, as an owner record would describe it (all but the token and time).
const me = (() => {
  const stat = procStat('self');
  return {
    hostname: hostname(),
    bootId: orNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    pidNamespace: orNull(() => readlinkSync('/proc/self/ns/pid')),
    startTime: stat?.startTime ?? null,
    // /proc is our PID namespace's (not so under `unshare --pid` without a new /proc): /proc/PID is process PID.
    procIsOurs: stat?.pid === process.pid,
  };
})();

const suffix = () => randomBytes(4).toString('hex');

function newOwner(): Owner {
  const { hostname, bootId, pidNamespace, startTime } = me;
  const token = `${process.pid}-${suffix()}`;
  const createdAt = new Date().toISOString();
  return { token, pid: process.pid, threadId, hostname, bootId, pidNamespace, startTime, createdAt };
}

function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Partial<Record<keyof Owner, unknown>>;
    const optional = (v: unknown) => v === null || typeof v === 'string';
    const ok =
      typeof o.token === 'string' &&
      Number.isSafeInteger(o.pid) &&
      (o.pid as number) > 0 &&
      Number.isSafeInteger(o.threadId) &&
      typeof o.hostname === 'string' &&
      optional(o.bootId) &&
      optional(o.pidNamespace) &&
      optional(o.startTime) &&
      typeof o.createdAt === 'string';
    return ok ? (o as Owner) : null;
  } catch {
    return null;
  }
}

// The tokens of the locks this process (this thread: the module is loaded once per thread) holds.
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * ownerGone says whether the owner of a lock (or of a file it left) is provably no longer
 * running: untouched for a day, or on this host, boot and PID namespace with its PID free or
 * reused. Whatever cannot be proved (another host, another container) is taken to be running.
 */
export function ownerGone(owner: Owner | null, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > DAY_MS) return true;
  if (owner === null) return false;
  const here = owner.hostname === me.hostname && owner.bootId === me.bootId && owner.pidNamespace === me.pidNamespace;
  if (!here) return false;
  if (owner.pid === process.pid) {
    // An earlier process that had our PID; or this thread, which knows what it holds; or another thread, which we cannot ask.
    if (owner.startTime !== null && owner.startTime !== me.startTime) return true;
    return owner.threadId === threadId && !held.has(owner.token);
  }
  if (!isRunning(owner.pid)) return true;
  if (owner.startTime === null || !me.procIsOurs) return false;
  const now = procStat(owner.pid);
  return now !== null && now.startTime !== owner.startTime;
}

interface LockFile {
  readonly text: string;
  readonly owner: Owner | null;
  readonly mtimeMs: number;
}

// The lock at `path` as it is now, or null if there is none.
export function readLock(path: string): LockFile | null {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  // Anyone who can write beside the output can plant a lock: a FIFO would block the read, a link
  // to /dev/zero never end it. A lock poolsim wrote is a small regular file.
  if (!stats.isFile())
    throw new OutputRefused(`${path} is not a lock poolsim wrote (not a regular file); delete it if no run is writing`);
  let text: string;
  try {
    text = readTextBounded(path, MAX_LOCK_BYTES);
  } catch (e) {
    if (e instanceof ReadRefused)
      throw new OutputRefused(`${path} is not a lock poolsim wrote (${e.message}); delete it if no run is writing`);
    throw e;
  }
  return { text, owner: parseOwner(text), mtimeMs: stats.mtimeMs };
}

// Puts `text` at `path` if nothing is there, in one step: written beside it, then hard-linked
// (no reader ever sees it half-written). Where links are not supported, created with O_EXCL.
function createExclusive(path: string, text: string): boolean {
  const temp = `${path}-${process.pid}-${suffix()}`;
  writeFileSync(temp, text, { flag: 'wx' });
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    try {
      writeFileSync(path, text, { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

// Removes the dead lock `seen`, unless another run took it over since it was read: then its new
// lock (moved aside by the rename) is put back.
function breakLock(path: string, seen: LockFile): void {
  const moved = `${path}-${process.pid}-${suffix()}`;
  try {
    renameSync(path, moved);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    if (orNull(() => readTextBounded(moved, MAX_LOCK_BYTES)) !== seen.text) linkSync(moved, path);
  } catch {
    // Yet another run locked it in between: the run whose lock was moved finds, at commit, that it lost it.
  } finally {
    rmSync(moved, { force: true });
  }
}

function refusal(given: string, path: string, owner: Owner | null): string {
  const who =
    owner === null
      ? 'another poolsim run (its lock cannot be read)'
      : `another poolsim run (pid ${owner.pid} on host ${owner.hostname}, since ${owner.createdAt})`;
  return `${who} is writing ${JSON.stringify(given)}; expected one run per output directory at a time (delete ${path} if that run is gone)`;
}

/** Lock is this process's hold on `TARGET.lock`: one run at a time writes or tidies beside TARGET. */
export class Lock {
  private readonly refresh: ReturnType<typeof setInterval>;

  private constructor(
    readonly path: string,
    private readonly text: string,
    readonly owner: Owner,
  ) {
    held.add(owner.token);
    this.refresh = setInterval(() => {
      const now = new Date();
      try {
        utimesSync(path, now, now);
      } catch {
        // Gone (taken over, or deleted by hand): commit finds out.
      }
    }, REFRESH_MS);
    this.refresh.unref();
  }

  /** take locks `target` for a new owner, taking over the lock of a run provably gone, or throws OutputRefused. */
  static take(target: string, given: string): Lock {
    const path = `${target}.lock`;
    const owner = newOwner();
    const text = `${JSON.stringify(owner, null, 2)}\n`;
    // Each round either locks, refuses, or sees a lock go: a few rounds are enough unless runs keep coming and going.
    for (let round = 0; round < 8; round++) {
      if (createExclusive(path, text)) return new Lock(path, text, owner);
      const found = readLock(path);
      if (found === null) continue;
      if (!ownerGone(found.owner, found.mtimeMs)) throw new OutputRefused(refusal(given, path, found.owner));
      breakLock(path, found);
    }
    throw new OutputRefused(
      `other poolsim runs keep locking and unlocking ${JSON.stringify(given)}; expected one run per output directory at a time`,
    );
  }

  /** holds says whether the lock is still this one (not taken over as a day old, nor deleted by hand). */
  holds(): boolean {
    return readLock(this.path)?.text === this.text;
  }

  release(): void {
    clearInterval(this.refresh);
    held.delete(this.owner.token);
    if (this.holds()) rmSync(this.path, { force: true });
  }
}
