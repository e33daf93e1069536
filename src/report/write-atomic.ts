// Writing a run's output directory so that a failed or interrupted run leaves the previous output
// intact: everything goes to a temporary directory beside the target, which is then renamed into place.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** MARKER is the file that says a directory is poolsim's output, and so may be replaced. */
export const MARKER = '.poolsim-output';

/** OutputRefused says why an existing directory is not replaced. */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

/**
 * writeDirectoryAtomically replaces `dir` with exactly `files` (relative path → content) and the
 * marker. It replaces only a directory that is new, empty, or marked as poolsim's output: never
 * one that holds the user's own files.
 */
export function writeDirectoryAtomically(given: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const dir = resolve(given); // "out/x/" too: the staging directory goes beside it, not in it
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new OutputRefused(`${JSON.stringify(given)} is a file, not a directory`);
    if (readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
      throw new OutputRefused(`${JSON.stringify(given)} holds files poolsim did not write (it has no ${MARKER}); it is left as it is`);
    }
  }
  const staging = `${dir}.tmp-${process.pid}`;
  const previous = `${dir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let movedAside = false;
  try {
    for (const [name, content] of [...files, [MARKER, 'Written by poolsim run: this directory is replaced by the next run.\n'] as const]) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    // A rename cannot replace a non-empty directory: move the old one aside first.
    if (existsSync(dir)) {
      renameSync(dir, previous);
      movedAside = true;
    }
    renameSync(staging, dir);
  } catch (e) {
    if (movedAside && !existsSync(dir)) renameSync(previous, dir);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (movedAside) rmSync(previous, { recursive: true, force: true });
}
