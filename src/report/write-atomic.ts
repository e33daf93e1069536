// Writing a run's output directory so that a failed, interrupted or killed run leaves the previous
// output intact: everything goes to a staging directory beside the target (the timelines and
// events streamed there while the simulation runs), which is renamed into place at the end.
//
// Runs may share a volume from different hosts or containers, where PIDs mean nothing to each
// other (two containers both run poolsim as PID 1). So a run takes an exclusive lock beside the
// target (`DIR.lock`, holding who took it: output-lock.ts) before it touches anything there; its
// staging directory is named with its PID and a random suffix (`DIR.tmp-PID-RAND`); and a lock is taken
// over only from a run provably gone: on the same host, boot and PID namespace and no longer
// running, or silent for a day. Holding the lock is what lets a run tidy what others left: every
// run of this version holds it while it has a `.tmp-`/`.old-` beside the target.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { DAY_MS, Lock, orNull, OutputRefused, ownerGone, readLock } from './output-lock.js';

/** MARKER is the file that says a directory is poolsim's output, and so may be replaced. */
export const MARKER = '.poolsim-output';

export { OutputRefused } from './output-lock.js';

/** checkReplaceable throws OutputRefused unless `given` may be replaced: new, empty, or marked as poolsim's output. */
export function checkReplaceable(given: string): void {
  const dir = resolve(given);
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputRefused(`${JSON.stringify(given)} is a file, not a directory`);
  if (readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    throw new OutputRefused(
      `${JSON.stringify(given)} holds files poolsim did not write (it has no ${MARKER}); it is left as it is`,
    );
  }
}

// Outputs written whole by this process, as given, and the staging directories it has open: for abandonStagedOutputs.
const committed = new Set<string>();
const open = new Set<StagedOutput>();

/** writeFileAtomically replaces the file `given` with `content`: written to a temporary file beside it, then renamed over it. */
export function writeFileAtomically(given: string, content: string | Uint8Array): void {
  const file = resolve(given);
  mkdirSync(dirname(file), { recursive: true });
  const lock = Lock.take(file, given);
  try {
    recoverLeftovers(file);
    const staging = `${file}.tmp-${lock.owner.token}`;
    try {
      writeFileSync(staging, content, { flag: 'wx' });
      renameSync(staging, file);
    } catch (e) {
      rmSync(staging, { force: true });
      throw e;
    }
    committed.add(given);
  } finally {
    lock.release();
  }
}

/** StagedOutput is an output directory being written: files go to `staging` until `commit` puts them in place. */
export class StagedOutput {
  private done = false;

  private constructor(
    readonly given: string,
    readonly dir: string,
    readonly staging: string,
    private readonly lock: Lock,
  ) {}

  /**
   * open starts replacing `given`, which must be new, empty, or marked as poolsim's output: never
   * a directory that holds the user's own files. It locks it (or throws OutputRefused while
   * another run writes it), then tidies what killed runs left beside it (and puts back the
   * previous output if a kill fell between the two renames of a commit).
   */
  static open(given: string): StagedOutput {
    const dir = resolve(given); // "out/x/" too: the staging directory goes beside it, not in it
    mkdirSync(dirname(dir), { recursive: true });
    const lock = Lock.take(dir, given);
    try {
      recoverLeftovers(dir);
      checkReplaceable(given);
      const staged = new StagedOutput(given, dir, `${dir}.tmp-${lock.owner.token}`, lock);
      mkdirSync(staged.staging);
      open.add(staged);
      return staged;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** path is where `name` (a relative path) goes in the staging directory; its directory is made. */
  path(name: string): string {
    const path = join(this.staging, name);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  /** write puts one file in the staging directory. */
  write(name: string, content: string | Uint8Array): void {
    writeFileSync(this.path(name), content);
  }

  /** commit marks the staging directory as poolsim's output and renames it into place. */
  commit(): void {
    const previous = `${this.dir}.old-${this.lock.owner.token}`;
    let movedAside = false;
    try {
      if (!this.lock.holds()) {
        throw new OutputRefused(
          `the lock on ${JSON.stringify(this.given)} (${this.lock.path}) was taken over or deleted while this run wrote it; its output is discarded`,
        );
      }
      this.write(MARKER, 'Written by poolsim run: this directory is replaced by the next run.\n');
      // A rename cannot replace a non-empty directory: move the old one aside first.
      if (existsSync(this.dir)) {
        renameSync(this.dir, previous);
        movedAside = true;
      }
      renameSync(this.staging, this.dir);
    } catch (e) {
      if (movedAside && !existsSync(this.dir)) renameSync(previous, this.dir);
      this.abandon();
      throw e;
    }
    committed.add(this.given);
    try {
      if (movedAside) rmSync(previous, { recursive: true, force: true });
    } finally {
      this.close(); // only now: until the old output is gone, it is this run's to remove
    }
  }

  /** abandon removes the staging directory; the target stays as it was. */
  abandon(): void {
    if (this.done) return;
    try {
      // Renamed first: a simulation thread still streaming into it (a Ctrl-C mid-run) can then
      // neither add a file nor make the directory again, which would leave it behind. The new
      // name is a staging name too, which the next run tidies if this process dies before the rm.
      const gone = `${this.dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        renameSync(this.staging, gone);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        return;
      }
      rmSync(gone, { recursive: true, force: true });
    } finally {
      this.close();
    }
  }

  private close(): void {
    this.done = true;
    open.delete(this);
    this.lock.release();
  }
}

const listed = (names: readonly string[]) =>
  names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * abandonStagedOutputs removes every staging directory this process has open (on Ctrl-C), and
 * says in a clause what became of this process's outputs: "nothing was written", or which
 * output was discarded (the earlier one kept) and which had already been written whole.
 */
export function abandonStagedOutputs(): string {
  const discarded: string[] = [];
  const failed: string[] = [];
  for (const staged of [...open]) {
    try {
      staged.abandon();
      discarded.push(staged.given);
    } catch (e) {
      failed.push(
        `the unfinished output for ${staged.given} could not be removed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): delete ${staged.staging}`,
      );
    }
  }
  const whole = [...committed].filter((given) => !discarded.includes(given));
  const said = [
    ...(whole.length > 0 ? [`${listed(whole)} had already been written whole`] : []),
    ...(discarded.length > 0
      ? [`the unfinished output for ${listed(discarded)} was discarded, the earlier output is as it was`]
      : []),
    ...failed,
  ];
  return said.length === 0 ? 'nothing was written' : said.join('; ');
}

/** writeDirectoryAtomically replaces `given` with exactly `files` (relative path → content) and the marker. */
export function writeDirectoryAtomically(given: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  commitFiles(StagedOutput.open(given), files);
}

/** commitFiles writes `files` into `staged` and commits it; on failure the staging directory is dropped. */
export function commitFiles(staged: StagedOutput, files: ReadonlyMap<string, string | Uint8Array>): void {
  try {
    for (const [name, content] of files) staged.write(name, content);
  } catch (e) {
    staged.abandon();
    throw e;
  }
  staged.commit();
}

// What killed runs (`kill -9`, a power cut) left beside `target`, tidied by a run holding its lock:
// `.tmp-PID-RAND` staging directories (or files), `.old-PID-RAND` copies of the previous output
// when the kill fell between a commit's two renames (put back if the target is missing), and
// `.lock-PID-RAND` files of a lock being taken or broken. Every run of this version holds the lock
// while its `.tmp-`/`.old-` exist, so those of others are a gone run's. `.tmp-PID`/`.old-PID`
// (without RAND) are from older versions, which took no lock: only those untouched for a day are.
function recoverLeftovers(target: string): void {
  const parent = dirname(target);
  const base = escapeRegExp(basename(target));
  const staging = new RegExp(`^${base}\\.(tmp|old)-(\\d+)(-[0-9a-f]{8})?$`);
  const locking = new RegExp(`^${base}\\.lock-\\d+-[0-9a-f]{8}$`);
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    const m = staging.exec(name);
    if (m !== null && (m[3] !== undefined || untouchedForADay(path))) {
      if (m[1] === 'old' && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } else if (locking.test(name)) {
      const lock = orNull(() => readLock(path));
      if (lock && ownerGone(lock.owner, lock.mtimeMs)) rmSync(path, { force: true });
    }
  }
}

function untouchedForADay(path: string): boolean {
  const mtimeMs = orNull(() => statSync(path).mtimeMs);
  return mtimeMs !== null && Date.now() - mtimeMs > DAY_MS;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
