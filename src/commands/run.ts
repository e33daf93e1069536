// `poolsim run`: every design of a scenario through the same seeded timeline, written as
// timelines, events and summaries per design and one comparison.
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import type { Io } from '../io.js';
import type { Summary } from '../report/summary.js';
import { chartFiles } from '../report/render-charts.js';
import { reportHtml } from '../report/html.js';
import { OutputRefused, StagedOutput } from '../report/write-atomic.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { formatProblem } from '../scenario/source.js';
import { METRICS } from '../report/metrics.js';
import { formatValue } from '../report/compare-format.js';
import { defaultWorkers } from '../parallel/run-jobs.js';
import { createProgress } from '../parallel/progress.js';
import { runScenarioOnSeeds } from './run-outputs.js';
import { CHECK_ENV, checkEveryRun } from '../simulate/invariants.js';
import { renderTable } from '../format.js';
import { suggestion } from '../suggest.js';
import { resolve } from 'node:path';
import { within } from './paths.js';
import { collect, once, optionalCount, parseCount } from './flags.js';
import { parseThresholds, readRun, reportComparison, throwProblems } from './compare.js';
import { compareRuns } from '../report/compare.js';

interface RunFlags {
  out?: string;
  seed?: string;
  design?: string[];
  baseline?: string;
  threshold?: string[];
  charts?: boolean;
  seeds?: string;
  workers?: string;
  check?: boolean;
}

export { runScenario } from './run-outputs.js';

/** MAX_SEEDS bounds --seeds: a million runs is beyond any meeting. */
export const MAX_SEEDS = 100_000;

/** parseRunScale reads --seeds and --workers (each a whole number from 1); problems go to `problems`. */
export function parseRunScale(
  flags: { seeds?: string; workers?: string },
  problems: string[],
): { seeds: number; workers: number } {
  const count = (flag: string, text: string | undefined, fallback: number, max: number) =>
    optionalCount(problems, flag, text, fallback, max);
  const seeds = count('--seeds', flags.seeds, 1, MAX_SEEDS);
  // One seed runs in this thread unless asked: starting workers costs more than a small scenario's designs.
  return { seeds, workers: count('--workers', flags.workers, seeds > 1 ? defaultWorkers() : 1, 256) };
}

function load(file: string, flags: RunFlags): { scenario: Scenario; designs: string[] } {
  const result = loadScenario(file);
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
  return { scenario, designs: flags.design ?? [] };
}

// Opens --out for writing, or says why it cannot be.
function openOutput(out: string): StagedOutput {
  try {
    return StagedOutput.open(out);
  } catch (e) {
    const why = e instanceof OutputRefused ? e.message : `cannot write ${JSON.stringify(out)}: ${(e as Error).message}`;
    throw new InputError([`--out: ${why}; expected a new or empty directory, or one poolsim wrote before`]);
  }
}

function table(summaries: readonly Summary[]): string {
  const num = (x: number | null, unit = '') => (x === null ? '—' : `${Math.round(x * 100) / 100}${unit}`);
  const rows = summaries.map((s) => [
    s.design,
    String(s.nodes.peak),
    String(s.pods.peakPending),
    num(s.pods.pendingPodSeconds, ' s'),
    num(s.pods.startupSeconds.p95, ' s'),
    `${s.images.pulls} (${num(s.images.bytesPulled / 1e9, ' GB')})`,
    `+${s.autoscaler.nodesAdded} −${s.autoscaler.nodesRemoved}`,
    num(s.api.peakRps, ' req/s'),
    `${num(s.kubelet.downSeconds, ' s')} / ${num(s.kubelet.nodeNotReadySeconds, ' s')}`,
    num(s.load.unservedFraction * 100, '%'),
    `$${s.cost.total.toFixed(2)}`,
  ]);
  const header = [
    'design',
    'peak nodes',
    'peak pending',
    'pending pod-time',
    'start-up p95',
    'image pulls',
    'nodes added/removed',
    'API peak',
    'kubelet down / NotReady',
    'unserved',
    'cost',
  ];
  return renderTable([header, ...rows], ['left', ...header.slice(1).map(() => 'right' as const)]);
}

// After a Monte Carlo run: the figures a review asks first, as mean [95% CI] and p5–p95 over the seeds.
function distributionTable(summaries: readonly Summary[]): string {
  const keys = ['startupP95', 'pendingPodSeconds', 'unservedFraction', 'cost'];
  const cell = (s: Summary, key: string) => {
    const d = s.distributions?.[key];
    const unit = METRICS.find((m) => m.key === key)!.unit;
    if (d === undefined || d.mean === null) return '—';
    const half = d.ci95High === null ? '' : ` ± ${formatValue(d.ci95High - d.mean, unit)}`;
    return `${formatValue(d.mean, unit)}${half} (${formatValue(d.p5, unit)} – ${formatValue(d.p95, unit)})${d.missing > 0 ? `, ${d.missing} seeds without` : ''}`;
  };
  const header = ['design', ...keys.map((k) => `${k}: mean ± 95% CI (p5 – p95)`)];
  return renderTable(
    [header, ...summaries.map((s) => [s.design, ...keys.map((k) => cell(s, k))])],
    header.map(() => 'left' as const),
  );
}

/** registerRun adds `poolsim run` to the program. */
export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .summary('run every design of a scenario and write timelines, events and summaries')
    .description(
      'Run every design of a scenario (or those named with --design) through the same seeded timeline, and write, ' +
        "per design, timeline.csv, events.csv, api.csv (the kubelets' API requests by kind) and summary.json, and comparison.csv with one row per design. Output replaces " +
        'the directory atomically: a failed run leaves the previous output as it was. The cluster autoscaler grows and ' +
        'shrinks each pool between its min and max.',
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
      'worker threads for the runs (default: one per core with --seeds, else 1); the outputs are the same for any number',
      once,
    )
    .option('--no-charts', 'skip the charts (charts/*.vl.json, .svg, .png) and report.html, for speed')
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
        '  $ poolsim run scenarios/node-size.yaml --seeds 200 --workers 2\n  $ poolsim run scenarios/node-size.yaml --baseline baseline/node-size',
    )
    .action(async (file: string, flags: RunFlags) => {
      const { scenario, designs } = load(file, flags);
      if (flags.check === true) checkEveryRun();
      // The baseline is read first: it may be the very directory this run replaces.
      const problems: string[] = [];
      const out = flags.out ?? `out/${scenario.name}`;
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
      throwProblems(problems, 'poolsim run');
      const tty = process.stderr.isTTY === true;
      const progress = (m: string) => tty && io.stderr(`\r\x1b[K${m}`);
      // Everything goes to a staging directory beside --out (the timelines and events as the runs
      // go), renamed into place at the end: a failed, interrupted or killed run leaves --out as it was.
      const staged = openOutput(out);
      // Plain progress lines only for Monte Carlo, long enough to need them; a terminal always gets a bar.
      const bar = tty || seeds > 1 ? createProgress(seeds > 1 ? 'runs (designs × seeds)' : 'designs', io, tty) : null;
      let written: number;
      let summaries: Summary[];
      try {
        const charts = flags.charts !== false;
        const run = await runScenarioOnSeeds(
          scenario,
          designs,
          seeds,
          { workers, isolate: true, onDone: (done, total) => bar?.update(done, total) },
          { dir: staged.staging, charts },
        ).finally(() => bar?.stop());
        summaries = run.summaries;
        const files = new Map<string, string | Uint8Array>(run.files);
        if (charts) {
          for (const [name, content] of await chartFiles(run.charts, progress)) files.set(name, content);
          files.set('report.html', reportHtml(scenario, run.charts));
        }
        if (tty) io.stderr('\r\x1b[K');
        for (const [name, content] of files) staged.write(name, content);
        staged.commit();
        written = files.size + run.streamed.length;
      } catch (e) {
        staged.abandon();
        // A system error (disk full, no permission), raised here or in a worker thread (which keeps only its message).
        if (e instanceof Error && /^E[A-Z]+: /.test(e.message)) {
          throw new InputError([
            `--out: cannot write ${JSON.stringify(out)}: ${e.message}; expected a writable directory with room for the output`,
          ]);
        }
        throw e;
      }
      const spread =
        seeds > 1
          ? `\n\nOver ${seeds} seeds (${scenario.seed}…${scenario.seed + seeds - 1}), the same for every design; above, the first seed:\n${distributionTable(summaries)}`
          : '';
      io.stdout(
        `${table(summaries)}${spread}\n\nWrote ${written} files to ${out}/ (per design: timeline.csv, events.csv, api.csv, summary.json${seeds > 1 ? ', seeds.csv, bands.csv' : ''}${flags.charts === false ? '' : ', charts/'}; comparison.csv${flags.charts === false ? '' : ', charts/ with every design, report.html'})\n`,
      );
      if (baseline !== null) {
        io.stdout(`\nCompared with ${flags.baseline}:\n`);
        reportComparison(compareRuns(baseline, summaries, thresholds), 'table', io, 'poolsim run');
      }
    });
}
