// Writing a run's output directory so that a failed or interrupted run leaves the previous output
// intact: everything goes to a temporary directory beside the target, which is then renamed into place.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** writeDirectoryAtomically replaces `dir` with exactly `files` (relative path → content). */
export function writeDirectoryAtomically(dir: string, files: ReadonlyMap<string, string>): void {
  const staging = `${dir}.tmp-${process.pid}`;
  const previous = `${dir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let movedAside = false;
  try {
    for (const [name, content] of files) {
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
