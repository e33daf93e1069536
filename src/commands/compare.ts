// `poolsim compare`: a run against a baseline, design by design and metric by metric; exit code 1
// when any metric got worse beyond its threshold, so that CI can gate a node-pool change on it.
import type { Command } from 'commander';
import { escapeControls } from '../util/text.js';
import { GateFailed, InputError } from '../util/errors.js';
import { OutputRefused } from '../report/write-atomic.js';
import type { Io } from '../util/io.js';
import { compareRuns, type Comparison } from '../report/compare.js';
import { COMPARE_FORMATS, describeThreshold, formatComparison, type CompareFormat } from '../report/compare-format.js';
import { DEFAULT_THRESHOLD, METRICS, type Threshold } from '../report/metrics.js';
import { readRun } from '../report/read-run.js';
import { suggestion } from '../util/suggest.js';
import { checkBaselineWrite, exists, readCopy, writeCopy, type RunCopy } from './compare-baseline.js';
import { collect, once } from './flags.js';

interface CompareFlags {
  threshold?: string[];
  format?: string;
  writeBaseline?: boolean;
  force?: boolean;
}

/** parseThresholds reads --threshold metric=10% (relative to the baseline) or metric=+N (in the metric's unit), comma-separated. */
export function parseThresholds(values: readonly string[], problems: string[]): Map<string, Threshold> {
  const out = new Map<string, Threshold>();
  const keys = METRICS.map((m) => m.key);
  for (const item of values
    .flatMap((v) => v.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    const m = /^([A-Za-z0-9]+)=(?:(\d+(?:\.\d+)?)%|\+(\d+(?:\.\d+)?))$/.exec(item);
    if (m === null) {
      problems.push(
        `--threshold: "${item}" is not metric=percent or metric=+amount; expected e.g. startupP95=10% or pendingPodSeconds=+30`,
      );
      continue;
    }
    if (!keys.includes(m[1]!)) {
      problems.push(
        `--threshold: no metric is called "${m[1]}"${suggestion(m[1]!, keys)}; expected one of ${keys.join(', ')}`,
      );
      continue;
    }
    out.set(m[1]!, m[2] !== undefined ? { relative: Number(m[2]) / 100 } : { absolute: Number(m[3]) });
  }
  return out;
}

/** parseFormat reads --format. */
function parseFormat(value: string | undefined, problems: string[]): CompareFormat {
  if (value === undefined) return 'table';
  if ((COMPARE_FORMATS as readonly string[]).includes(value)) return value as CompareFormat;
  problems.push(
    `--format: "${value}" is not a format${suggestion(value, COMPARE_FORMATS)}; expected one of ${COMPARE_FORMATS.join(', ')}`,
  );
  return 'table';
}

/** throwProblems ends the command with every problem: those of a file start with it, those of a flag with the command. */
export function throwProblems(problems: readonly string[], command = 'poolsim compare'): void {
  if (problems.length > 0)
    throw new InputError(
      problems.map((p) => (p.startsWith('--') ? `${command}: ${p}` : p)),
      true,
    );
}

/** reportComparison prints a comparison (warnings to stderr) and fails the gate on a regression; comparing nothing is bad input. */
export function reportComparison(c: Comparison, format: CompareFormat, io: Io, command = 'poolsim compare'): void {
  if (c.rows.length === 0) {
    throw new InputError(
      [
        `${command}: the runs have no design in common (${c.missing.join(', ') || 'none'} in the baseline); expected runs of the same designs`,
      ],
      true,
    );
  }
  // Warnings quote names and versions from summary.json files: no escape sequence reaches the terminal.
  for (const w of c.warnings) io.stderr(`poolsim compare: warning: ${escapeControls(w)}\n`);
  io.stdout(formatComparison(c, format));
  if (c.regressions > 0) throw new GateFailed(`${c.regressions} regression(s)`);
}

/** registerCompare adds `poolsim compare` to the program. */
export function registerCompare(program: Command, io: Io): void {
  const metrics = METRICS.map((m) => `${m.key} (${m.better} is better)`).join(', ');
  program
    .command('compare')
    .summary('compare a run with a baseline; exit 1 on a regression')
    .description(
      'Compare two runs of poolsim run, design by design and metric by metric: baseline, current, change and verdict. ' +
        `A metric that got worse by more than its threshold (default ${describeThreshold(DEFAULT_THRESHOLD)} of the baseline, for every metric; ` +
        "metric=+N allows N of the metric's unit instead, e.g. for a baseline of 0) is a regression, and so is a design missing from the current run: the exit code is 1; " +
        '0 otherwise, 2 for bad input. A figure that appears or disappears counts by what its absence means (no start-up at all is the worst, ' +
        'no recovery time the best); a metric a summary.json written by an older poolsim lacks is not compared, and a warning names it. When both runs were made with --seeds, each metric is compared by its mean over the seeds, and a regression must also be ' +
        "outside the noise: the means must differ by more than t × √(SE₁² + SE₂²), SE the standard errors of the two means and t Student's at the Welch–Satterthwaite degrees of freedom (a two-sided 95% Welch test); more seeds without a value where none is the worst (no pod Ready) is a regression too; " +
        'a change beyond the threshold but within the noise is reported as worse, not as a regression. Warns when the runs came from different scenarios, seeds or poolsim versions. ' +
        'compare only reads: it never writes the baseline, or anything else, unless told to with --write-baseline. With it, <current> becomes the baseline: ' +
        'when <baseline> does not exist yet there is nothing to compare against, and a copy of <current> (a run directory, a design directory or a summary.json, as given) is written there; ' +
        'when it exists it is replaced only with --force, after the comparison, atomically, and only if it is a summary.json or a directory poolsim wrote; the exit code still gives the verdict. ' +
        'The line saying what was written goes to stdout, or to stderr with --format markdown or json. ' +
        `Metrics: ${metrics}.`,
    )
    .argument('<baseline>', 'a run directory (e.g. out/node-size), a design directory, or a summary.json')
    .argument('<current>', 'the same, for the run to judge')
    .option(
      '--threshold <metric=percent,...>',
      `how much worse a metric may get before it is a regression: ${describeThreshold(DEFAULT_THRESHOLD)} of the baseline by default, or metric=+N in its unit; repeatable`,
      collect,
    )
    .option('--format <format>', 'table (default), markdown (for a pull request) or json', once)
    .option(
      '--write-baseline',
      'then make <current> the baseline: copy it to <baseline> if that does not exist, else (with --force) replace it',
    )
    .option('--force', 'with --write-baseline: replace an existing baseline')
    .addHelpText(
      'after',
      '\nExamples:\n  $ poolsim compare baseline/node-size out/node-size\n' +
        '  $ poolsim compare baseline/node-size out/node-size --threshold startupP95=5%,cost=2%,pendingPodSeconds=+30 --format markdown\n' +
        '  $ poolsim compare baseline/node-size out/node-size --write-baseline --force   # judge, then make out/node-size the baseline',
    )
    .action((baseline: string, current: string, flags: CompareFlags) => {
      const problems: string[] = [];
      // What forbids writing is refused before anything is read.
      if (flags.force === true && flags.writeBaseline !== true)
        problems.push('--force: applies only with --write-baseline; expected --write-baseline too');
      if (flags.writeBaseline === true) checkBaselineWrite(baseline, current, flags.force === true, problems);
      throwProblems(problems);
      const bootstrap = flags.writeBaseline === true && !exists(baseline);
      const before = bootstrap ? [] : readRun(baseline, problems);
      const after = readRun(current, problems);
      const thresholds = parseThresholds(flags.threshold ?? [], problems);
      const format = parseFormat(flags.format, problems);
      throwProblems(problems);
      const copy = flags.writeBaseline === true ? readCopy(current, problems) : null;
      throwProblems(problems);
      const say = (line: string) =>
        format === 'table' ? io.stdout(`${line}\n`) : io.stderr(`poolsim compare: ${line}\n`);
      if (bootstrap) {
        const n = write(baseline, copy!);
        say(
          `No baseline at ${baseline}, so nothing to compare against: wrote a copy of ${current} there (${n} file${n === 1 ? '' : 's'}).`,
        );
        return;
      }
      let verdict: GateFailed | null = null;
      try {
        reportComparison(compareRuns(before, after, thresholds), format, io);
      } catch (e) {
        if (!(e instanceof GateFailed)) throw e; // bad input: the baseline is left as it is
        verdict = e;
      }
      if (copy !== null) {
        const n = write(baseline, copy);
        say(
          `${format === 'table' ? '\n' : ''}Replaced the baseline ${baseline} with a copy of ${current} (${n} file${n === 1 ? '' : 's'}).`,
        );
      }
      if (verdict !== null) throw verdict;
    });
}

// write writes the baseline; what stops it is the user's to mend (exit 2), the comparison printed or not.
function write(baseline: string, copy: RunCopy): number {
  try {
    return writeCopy(baseline, copy);
  } catch (e) {
    const why =
      e instanceof OutputRefused
        ? e.message
        : `cannot write ${baseline} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    throw new InputError([`poolsim compare: --write-baseline: ${why}; the baseline is left as it was`], true);
  }
}
