// `poolsim compare --write-baseline`: making the current run the new baseline. Compare alone never
// writes; this replaces an existing baseline only with --force, and then atomically and only a
// summary.json or a directory poolsim wrote.
import { cpSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { within } from '../util/paths.js';
import { checkReplaceable, MARKER, OutputRefused, StagedOutput, writeFileAtomically } from '../report/write-atomic.js';

/** RunCopy is the current run to copy as the baseline: a directory (with its number of files, the marker aside) or one file. */
export interface RunCopy {
  readonly from: string;
  readonly directory: boolean;
  readonly files: number;
}

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

/**
 * checkBaselineWrite finds what forbids --write-baseline before anything is read or written: an
 * existing baseline without --force, a baseline and current run that overlap, and (with --force) a
 * baseline of another shape than the current run or a directory poolsim did not write.
 */
export function checkBaselineWrite(baseline: string, current: string, force: boolean, problems: string[]): void {
  const [b, c] = [canonical(baseline), canonical(current)];
  if (b === c) {
    problems.push(
      `--write-baseline: ${baseline} and ${current} are the same path, so there is nothing to replace; expected the current run elsewhere, e.g. out/`,
    );
    return;
  }
  if (within(c, b) || within(b, c)) {
    const [inner, outer] = within(c, b) ? [current, baseline] : [baseline, current];
    problems.push(
      `--write-baseline: ${inner} is inside ${outer}, so replacing the baseline would destroy one with the other; expected two separate paths`,
    );
    return;
  }
  if (!exists(baseline)) return;
  if (!force) {
    problems.push(`--write-baseline: ${baseline} exists; it is replaced only with --force`);
    return;
  }
  if (!exists(current)) return; // reading it says what is wrong
  try {
    const [baselineIsDirectory, currentIsDirectory] = [
      statSync(baseline).isDirectory(),
      statSync(current).isDirectory(),
    ];
    if (baselineIsDirectory !== currentIsDirectory) {
      const what = (d: boolean) => (d ? 'a directory' : 'a file');
      problems.push(
        `--write-baseline: ${baseline} is ${what(baselineIsDirectory)} and ${current} ${what(currentIsDirectory)}; expected the same shape, or remove ${baseline} first`,
      );
      return;
    }
    if (baselineIsDirectory) checkReplaceable(baseline);
  } catch (e) {
    const why =
      e instanceof OutputRefused
        ? e.message
        : `cannot check ${baseline}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    problems.push(`--write-baseline: ${why}; expected a baseline poolsim wrote, or remove it first`);
  }
}

/** readCopy checks that the current run can be copied (only files and directories in it) and counts its files; nothing is read into memory. */
export function readCopy(current: string, problems: string[]): RunCopy | null {
  try {
    if (!statSync(current).isDirectory()) return { from: current, directory: false, files: 1 };
    let files = 0;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stat = lstatSync(path);
        if (stat.isDirectory()) walk(path);
        else if (stat.isFile()) files += dir === current && name === MARKER ? 0 : 1;
        else
          problems.push(
            `--write-baseline: ${path} is neither a file nor a directory; expected a run written by poolsim run`,
          );
      }
    };
    walk(current);
    return { from: current, directory: true, files };
  } catch (e) {
    problems.push(
      `--write-baseline: cannot read ${current} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a readable run`,
    );
    return null;
  }
}

/**
 * writeCopy copies the run to `baseline`, replacing what is there atomically: a directory file by
 * file into a staging directory beside it (a run's timelines can be large), then renamed into place.
 */
export function writeCopy(baseline: string, copy: RunCopy): number {
  if (!copy.directory) {
    writeFileAtomically(baseline, readFileSync(copy.from));
    return 1;
  }
  const staged = StagedOutput.open(baseline);
  try {
    cpSync(copy.from, staged.staging, {
      recursive: true,
      filter: (path) => resolve(path) !== resolve(copy.from, MARKER),
    });
  } catch (e) {
    staged.abandon();
    throw e;
  }
  staged.commit();
  return copy.files;
}
