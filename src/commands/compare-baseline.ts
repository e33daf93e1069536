// `poolsim compare --write-baseline`: making the current run the new baseline. Compare alone never
// writes; this replaces an existing baseline only with --force, and then atomically and only a
// summary.json or a directory poolsim wrote.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { checkReplaceable, MARKER, OutputRefused, writeDirectoryAtomically, writeFileAtomically } from '../report/write-atomic.js';

/** A copy of the current run: a directory's files (relative path → bytes, without the marker), or one file's bytes. */
export type RunCopy = { kind: 'directory'; files: Map<string, Uint8Array> } | { kind: 'file'; content: Uint8Array };

/** exists says whether anything is at `path`, a dangling symbolic link included. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

// The path with every symbolic link resolved, as far as it exists.
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(canonical(parent), basename(abs));
  }
}

const within = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * checkBaselineWrite finds what forbids --write-baseline before anything is read or written: an
 * existing baseline without --force, a baseline and current run that overlap, and (with --force) a
 * baseline of another shape than the current run or a directory poolsim did not write.
 */
export function checkBaselineWrite(baseline: string, current: string, force: boolean, problems: string[]): void {
  const [b, c] = [canonical(baseline), canonical(current)];
  if (b === c) {
    problems.push(`--write-baseline: ${baseline} and ${current} are the same path, so there is nothing to replace; expected the current run elsewhere, e.g. out/`);
    return;
  }
  if (within(c, b) || within(b, c)) {
    const [inner, outer] = within(c, b) ? [current, baseline] : [baseline, current];
    problems.push(`--write-baseline: ${inner} is inside ${outer}, so replacing the baseline would destroy one with the other; expected two separate paths`);
    return;
  }
  if (!exists(baseline)) return;
  if (!force) {
    problems.push(`--write-baseline: ${baseline} exists; it is replaced only with --force`);
    return;
  }
  if (!exists(current)) return; // reading it says what is wrong
  try {
    const [baselineIsDirectory, currentIsDirectory] = [statSync(baseline).isDirectory(), statSync(current).isDirectory()];
    if (baselineIsDirectory !== currentIsDirectory) {
      const what = (d: boolean) => (d ? 'a directory' : 'a file');
      problems.push(`--write-baseline: ${baseline} is ${what(baselineIsDirectory)} and ${current} ${what(currentIsDirectory)}; expected the same shape, or remove ${baseline} first`);
      return;
    }
    if (baselineIsDirectory) checkReplaceable(baseline);
  } catch (e) {
    const why = e instanceof OutputRefused ? e.message : `cannot check ${baseline}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    problems.push(`--write-baseline: ${why}; expected a baseline poolsim wrote, or remove it first`);
  }
}

/** readCopy reads every file of the current run (its directory's, or the one file), to be written as the baseline. */
export function readCopy(current: string, problems: string[]): RunCopy | null {
  try {
    if (!statSync(current).isDirectory()) return { kind: 'file', content: readFileSync(current) };
    const files = new Map<string, Uint8Array>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        const stat = lstatSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile()) {
          if (dir !== current || name !== MARKER) files.set(relative(current, path), readFileSync(path));
        } else problems.push(`--write-baseline: ${path} is neither a file nor a directory; expected a run written by poolsim run`);
      }
    };
    walk(current);
    return { kind: 'directory', files };
  } catch (e) {
    problems.push(`--write-baseline: cannot read ${current} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a readable run`);
    return null;
  }
}

/** writeCopy writes the copy at `baseline`, replacing what is there atomically; returns how many files it wrote. */
export function writeCopy(baseline: string, copy: RunCopy): number {
  if (copy.kind === 'file') {
    writeFileAtomically(baseline, copy.content);
    return 1;
  }
  writeDirectoryAtomically(baseline, copy.files);
  return copy.files.size;
}
