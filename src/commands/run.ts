// `poolsim run`: every design of a scenario through the same seeded timeline, written as
// timelines, events and summaries per design and one comparison.
import type { Command } from 'commander';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import { openOutput, outputProblem } from '../report/open-output.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { formatProblem } from '../scenario/source.js';
import { distributionTable, runTable, warningsBlock } from '../report/run-table.js';
import { verdict, verdictText } from '../report/verdict.js';
import { defaultWorkers, type JobsDetail } from '../parallel/run-jobs.js';
import { createProgress } from './progress.js';
import { startDrawing, stopDrawing, writeRun, type WrittenRun } from '../run/write.js';
import { BIG_RUN_PODS, outputSizing, TOP_WORKLOADS, type SizingFlags } from '../run/output-sizing.js';
import type { ScenarioWarning } from '../scenario/warnings.js';
import { CHECK_ENV, checkByDefault } from '../simulate/invariants.js';
import { suggestion } from '../util/suggest.js';
import { resolve } from 'node:path';
import { confinedReader, resolveAllowOutside } from '../scenario/confine.js';
import {
  addBudgetOptions,
  readBudget,
  type BudgetFlags,
  ALLOW_OUTSIDE_FLAG,
  ALLOW_OUTSIDE_HELP,
  collect,
  once,
  optionalCount,
  outHolding,
  parseCount,
  workersFlag,
} from './flags.js';
import { within } from '../util/paths.js';
import { parseThresholds, reportComparison, throwProblems } from './compare.js';
import { readRun } from '../report/read-run.js';
import { compareRuns } from '../report/compare.js';

interface RunFlags extends BudgetFlags {
  out?: string;
  seed?: string;
  design?: string[];
  baseline?: string;
  threshold?: string[];
  charts?: boolean;
  nodeTimeline?: boolean;
  seeds?: string;
  workers?: string;
  check?: boolean;
  allowOutside?: string[];
  events?: string;
  timelineWorkloads?: string;
}

/** MAX_SEEDS bounds --seeds: a million runs is beyond any meeting. */
const MAX_SEEDS = 100_000;

/** parseRunScale reads --seeds and --workers (each a whole number from 1); problems go to `problems`. */
function parseRunScale(
  flags: { seeds?: string; workers?: string },
  problems: string[],
): { seeds: number; workers: number } {
  const count = (flag: string, text: string | undefined, fallback: number, max: number) =>
    optionalCount(problems, flag, text, fallback, max);
  const seeds = count('--seeds', flags.seeds, 1, MAX_SEEDS);
  // The designs (on each seed) run on a worker thread a core, but for a small run (run/in-thread.ts):
  // a run is on a worker anyway, so that Ctrl-C is answered, and a second costs little beside it.
  return { seeds, workers: workersFlag(problems, flags.workers, defaultWorkers()) };
}

/** sizingFlags reads --events and --timeline-workloads; problems go to `problems`. */
function sizingFlags(flags: RunFlags, problems: string[]): SizingFlags {
  const out: { events?: 'all' | 'no-pods'; timelineWorkloads?: number | 'all' } = {};
  if (flags.events !== undefined) {
    if (flags.events === 'all' || flags.events === 'no-pods') out.events = flags.events;
    else problems.push(`--events: "${flags.events}" is not all or no-pods; expected --events all or --events no-pods`);
  }
  if (flags.timelineWorkloads === 'all') out.timelineWorkloads = 'all';
  else if (flags.timelineWorkloads !== undefined)
    out.timelineWorkloads = optionalCount(
      problems,
      '--timeline-workloads',
      flags.timelineWorkloads,
      TOP_WORKLOADS,
      100_000,
    );
  return out;
}

/** progressNote is the simulated clock of the design furthest behind and the engine's events a second so far. */
function progressNote(detail: JobsDetail, durationMs: number, begunMs: number): string {
  const seconds = (performance.now() - begunMs) / 1000;
  const rate = seconds > 0 ? Math.round(detail.events / seconds) : 0;
  const clock = detail.simMs === null ? '' : `simulated ${clockText(detail.simMs)} of ${clockText(durationMs)} · `;
  return `${clock}${rate.toLocaleString('en-US')} events/s`;
}

// Simulated time as hours and minutes (7h05m), or minutes and seconds under an hour (4m30s).
function clockText(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`
    : `${Math.floor(s / 60)}m${two(s % 60)}s`;
}

function load(
  file: string,
  flags: RunFlags,
): { scenario: Scenario; designs: string[]; files: ReadonlySet<string>; warnings: readonly ScenarioWarning[] } {
  const problems: string[] = [];
  const allowed = resolveAllowOutside(flags.allowOutside ?? [], problems);
  const budget = readBudget(flags, problems);
  throwProblems(problems, 'poolsim run');
  const reader = confinedReader(file, allowed);
  const result = loadScenario(file, reader.read, undefined, budget);
  if (result.scenario === null) throw new InputError(result.problems.map(formatProblem), true);
  let scenario = result.scenario;
  if (flags.seed !== undefined) {
    try {
      scenario = { ...scenario, seed: parseCount(flags.seed, 0, Number.MAX_SAFE_INTEGER) };
    } catch (e) {
      throw new InputError([`--seed: ${(e as Error).message}`]);
    }
  }
  const names = scenario.designs.map((d) => d.name);
  const unknown = (flags.design ?? []).filter((d) => !names.includes(d));
  if (unknown.length > 0)
    throw new InputError(
      unknown.map(
        (d) => `--design: no design is called "${d}"${suggestion(d, names)}; expected one of ${names.join(', ')}`,
      ),
    );
  return { scenario, designs: flags.design ?? [], files: reader.files, warnings: result.warnings };
}

/** registerRun adds `poolsim run` to the program. */
export function registerRun(program: Command, io: Io): void {
  const command = program
    .command('run')
    .summary('run every design of a scenario and write timelines, events and summaries')
    .description(
      'Run every design of a scenario (or those named with --design) through the same seeded timeline, and write, ' +
        "per design, timeline.csv, events.csv, api.csv (the kubelets' API requests by kind), pools.csv (each pool's CPU and memory used against allocatable) and summary.json, and comparison.csv with one row per design. Output replaces " +
        'the directory atomically: a failed run leaves the previous output as it was. The cluster autoscaler grows and ' +
        'shrinks each pool between its min and max. The run starts steady (the initial replicas Running and Ready; ' +
        "`start: cold` in the scenario for an empty cluster), and its figures leave out the scenario's `warmup`. " +
        "The table is followed by the warnings (the scenario's, with file:line:col, and the run's) and a verdict per " +
        'criterion; docs/glossary.md names every figure.',
    )
    .argument('<scenario>', 'a scenario YAML file')
    .option('--out <dir>', 'output directory (default: out/<scenario name>)', once)
    .option('--seed <n>', "seed for every random stream, instead of the scenario's", once)
    .option('--design <name>', 'run only this design; repeatable', collect)
    .option(
      '--seeds <n>',
      "Monte Carlo: run every design on n seeds (the scenario's seed and the next n − 1, paired across designs); summary.json gains distributions, and seeds.csv, bands.csv and a bands chart are written",
      once,
    )
    .option(
      '--workers <n>',
      'worker threads for the designs and seeds (default: one per core); the outputs are the same for any number',
      once,
    )
    .option('--no-charts', 'skip the charts (charts/*.vl.json, .svg, .png) and report.html, for speed')
    .option(
      '--node-timeline',
      "also write each design's nodes.csv: a row per Ready node per sample, its CPU and memory used against its allocatable (pools.csv has them per pool; a big cluster's day makes millions of rows)",
    )
    .option(
      '--events <which>',
      `events.csv's rows: all, or no-pods (node, controller and run events; no row per pod step); default: all up to ${BIG_RUN_PODS.toLocaleString('en-US')} pods, no-pods above`,
      once,
    )
    .option(
      '--timeline-workloads <n|all>',
      `timeline.csv's rows per sample: the n biggest workloads' and one "(other)" row summing the rest, or all; default: all up to ${BIG_RUN_PODS.toLocaleString('en-US')} pods, ${TOP_WORKLOADS} above`,
      once,
    )
    .option(ALLOW_OUTSIDE_FLAG, ALLOW_OUTSIDE_HELP, collect)
    .option(
      '--check',
      `verify the simulation's invariants after every batch of events (nodes within allocatable, each pod in one state on one live node, HPAs within min/max, byte and request totals adding up) and stop at the first broken one, exit 3; slower (same as ${CHECK_ENV}=1)`,
    )
    .option(
      '--baseline <dir>',
      'then compare with this earlier run, as poolsim compare does (exit 1 on a regression)',
      once,
    )
    .option(
      '--threshold <metric=percent,...>',
      'with --baseline: how much worse a metric may get (default 10% each); repeatable',
      collect,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ poolsim run scenarios/node-size.yaml\n  $ poolsim run scenarios/image-pull.yaml --design big --design small --out /tmp/pulls\n' +
        '  $ poolsim run scenarios/node-size.yaml --seeds 200 --workers 2\n  $ poolsim run scenarios/node-size.yaml --baseline baseline/node-size\n' +
        "  $ poolsim run team/web.yaml --allow-outside shared/manifests   # includes from a folder beside the scenario's\n" +
        '  $ poolsim run scenarios/fleet-5k.yaml --events all --timeline-workloads all   # every row of a big run',
    )
    .action((file: string, flags: RunFlags) => run(file, flags, io));
  addBudgetOptions(command);
}

// The flags beyond the scenario's, checked together: every problem at once. The baseline is read
// first, as it may be the very directory this run replaces.
function readFlags(scenario: Scenario, files: ReadonlySet<string>, flags: RunFlags) {
  const problems: string[] = [];
  const out = flags.out ?? `out/${scenario.name}`;
  const inOut = outHolding(out, files);
  if (inOut !== undefined)
    problems.push(
      `--out: ${JSON.stringify(out)} holds ${inOut}, which this run reads and replacing the output would delete; expected an output folder apart from the scenario and its files`,
    );
  if (flags.baseline !== undefined && within(resolve(flags.baseline), resolve(out))) {
    problems.push(
      `--baseline: ${JSON.stringify(flags.baseline)} is in the directory this run replaces, so the next run would pass against itself; expected a copy elsewhere, e.g. cp -r ${out} baseline/`,
    );
  }
  const baseline = flags.baseline === undefined || problems.length > 0 ? null : readRun(flags.baseline, problems);
  const thresholds = parseThresholds(flags.threshold ?? [], problems);
  const { seeds, workers } = parseRunScale(flags, problems);
  if (scenario.seed + seeds - 1 > Number.MAX_SAFE_INTEGER)
    problems.push(
      `--seeds: seeds ${scenario.seed} to ${scenario.seed} + ${seeds - 1} go past ${Number.MAX_SAFE_INTEGER}; expected a smaller --seed or fewer seeds`,
    );
  if (flags.threshold !== undefined && baseline === null)
    problems.push('--threshold: applies only with --baseline; expected --baseline DIR too');
  const sized = outputSizing(scenario, sizingFlags(flags, problems));
  throwProblems(problems, 'poolsim run');
  return { out, baseline, thresholds, seeds, workers, check: flags.check === true || checkByDefault(), sized };
}

// The scenario read, the flags checked and the output opened: everything a run needs before it runs.
function prepare(file: string, flags: RunFlags) {
  const loaded = load(file, flags);
  const checked = readFlags(loaded.scenario, loaded.files, flags);
  return { ...loaded, ...checked, staged: openOutput(checked.out) };
}

async function run(file: string, flags: RunFlags, io: Io): Promise<void> {
  // The drawing threads start before the scenario is read, so that they have loaded vega when a
  // small run's charts are ready (~0.3 s for each); writeRun stops them at once for a big run, which starts its own.
  const started = flags.charts === false ? undefined : startDrawing();
  // Waited for here: the threads start once the drawing code has loaded, and a small run's
  // simulation below does not wait, so they would start only after it. (A failed start is
  // reported when the charts are drawn, not in place of the scenario's own problems.)
  await started?.catch(() => {});
  let prepared: ReturnType<typeof prepare>;
  try {
    prepared = prepare(file, flags);
  } catch (e) {
    if (started !== undefined) await stopDrawing(started);
    throw e;
  }
  const { scenario, designs, warnings, out, baseline, thresholds, seeds, workers, check, sized, staged } = prepared;
  const terminal = io.terminal !== undefined;
  // Monte Carlo counts runs. One seed: the bar follows simulated time across the designs, with the
  // simulated clock and events a second, so a long run shows it is moving; without a terminal, a
  // line every 10% once the run has taken 10 s (a quick run prints none).
  const bar =
    seeds > 1
      ? createProgress('runs (designs × seeds)', io)
      : createProgress("hundredths of the designs' simulated time", io, { quietMs: 10_000 });
  const begun = performance.now();
  let written: WrittenRun;
  try {
    written = await writeRun(scenario, staged, {
      request: { designs, seeds, check, warnings, nodeTimeline: flags.nodeTimeline === true, sizing: sized.sizing },
      workers,
      charts: flags.charts !== false,
      ...(started === undefined ? {} : { started }),
      onRun: (done, total) => {
        if (seeds === 1) return;
        bar.update(done, total);
        if (done === total) bar.stop();
      },
      onProgress: (done, total, detail) => {
        if (seeds > 1) return;
        bar.update(Math.floor((100 * done) / total), 100, progressNote(detail, scenario.durationMs, begun));
        if (done === total) bar.stop();
      },
      onChart: (message) => terminal && io.stderr(`\r\x1b[K${message}`),
    });
  } catch (e) {
    bar.stop();
    throw outputProblem(out, e);
  }
  if (terminal) io.stderr('\r\x1b[K');
  const { summaries } = written;
  const spread =
    seeds > 1
      ? `\n\nOver ${seeds} seeds (${scenario.seed}…${scenario.seed + seeds - 1}), the same for every design; above, the first seed:\n${distributionTable(summaries)}`
      : '';
  const warned = warningsBlock(summaries);
  io.stdout(
    `${runTable(summaries)}${spread}${warned === '' ? '' : `\n\n${warned}`}\n\n${verdictText(verdict(summaries))}\n\nWrote ${written.written} files to ${out}/ (per design: timeline.csv, events.csv, api.csv, pools.csv, ${flags.nodeTimeline === true ? 'nodes.csv, ' : ''}summary.json${seeds > 1 ? ', seeds.csv, bands.csv' : ''}${flags.charts === false ? '' : ', charts/'}; comparison.csv${flags.charts === false ? '' : ', charts/ with every design, report.html'})\n${sized.leftOut === null ? '' : `${sized.leftOut}\n`}`,
  );
  if (baseline !== null) {
    io.stdout(`\nCompared with ${flags.baseline}:\n`);
    reportComparison(compareRuns(baseline, summaries, thresholds), 'table', io, 'poolsim run');
  }
}
