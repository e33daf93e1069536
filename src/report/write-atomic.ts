// Writing a run's output directory so that a failed, interrupted or killed run leaves the previous
// output intact: everything goes to a staging directory beside the target (the timelines and
// events streamed there while the simulation runs), which is renamed into place at the end.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** MARKER is the file that says a directory is poolsim's output, and so may be replaced. */
export const MARKER = '.poolsim-output';

/** OutputRefused says why an existing directory is not replaced. */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

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

/** writeFileAtomically replaces the file `given` with `content`: written to a temporary file beside it, then renamed over it. */
export function writeFileAtomically(given: string, content: string | Uint8Array): void {
  const file = resolve(given);
  const staging = `${file}.tmp-${process.pid}`;
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(staging, content);
    renameSync(staging, file);
  } catch (e) {
    rmSync(staging, { force: true });
    throw e;
  }
}

// The staging directories open in this process, for abandonStagedOutputs.
const open = new Set<StagedOutput>();

/** StagedOutput is an output directory being written: files go to `staging` until `commit` puts them in place. */
export class StagedOutput {
  private done = false;

  private constructor(
    readonly dir: string,
    readonly staging: string,
  ) {}

  /**
   * open starts replacing `given`, which must be new, empty, or marked as poolsim's output: never
   * a directory that holds the user's own files. It first tidies what a killed run left beside
   * it (and puts back the previous output if the kill fell between the two renames of a commit).
   */
  static open(given: string): StagedOutput {
    const dir = resolve(given); // "out/x/" too: the staging directory goes beside it, not in it
    recoverLeftovers(dir);
    checkReplaceable(given);
    const staged = new StagedOutput(dir, `${dir}.tmp-${process.pid}`);
    rmSync(staged.staging, { recursive: true, force: true });
    mkdirSync(staged.staging, { recursive: true });
    open.add(staged);
    return staged;
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
    const previous = `${this.dir}.old-${process.pid}`;
    let movedAside = false;
    try {
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
    this.close();
    if (movedAside) rmSync(previous, { recursive: true, force: true });
  }

  /** abandon removes the staging directory; the target stays as it was. */
  abandon(): void {
    if (this.done) return;
    rmSync(this.staging, { recursive: true, force: true });
    this.close();
  }

  private close(): void {
    this.done = true;
    open.delete(this);
  }
}

/** abandonStagedOutputs removes every staging directory this process has open (on Ctrl-C). */
export function abandonStagedOutputs(): void {
  for (const staged of [...open]) staged.abandon();
}

/** writeDirectoryAtomically replaces `given` with exactly `files` (relative path → content) and the marker. */
export function writeDirectoryAtomically(given: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const staged = StagedOutput.open(given);
  try {
    for (const [name, content] of files) staged.write(name, content);
  } catch (e) {
    staged.abandon();
    throw e;
  }
  staged.commit();
}

// What runs killed with `kill -9` (or a power cut) left beside `dir`: `.tmp-PID` staging
// directories, and `.old-PID` copies of the previous output when the kill fell between the
// commit's two renames. Only those of processes no longer running are touched.
function recoverLeftovers(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  const pattern = new RegExp(`^${escapeRegExp(basename(dir))}\\.(tmp|old)-(\\d+)$`);
  for (const name of readdirSync(parent)) {
    const m = pattern.exec(name);
    if (m === null || isRunning(Number(m[2]))) continue;
    const path = join(parent, name);
    if (m[1] === 'old' && !existsSync(dir)) renameSync(path, dir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // our own leftovers are from an earlier, failed attempt
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
