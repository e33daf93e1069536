// `poolsim sweep`: the cross product of varied settings of one design, each variant on the same
// seeds, as sweep.csv with the Pareto front of cost, p95 start-up and unserved load, and a scatter
// chart of it. --shard runs one slice for `poolsim merge`; --emit-job prints a Kubernetes Job that
// runs every slice. The flags are read here; the sweep itself is src/sweep's.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { defaultWorkers, runJobs } from '../parallel/run-jobs.js';
import { CHECK_ENV, checkByDefault } from '../simulate/invariants.js';
import { configMapFiles, jobManifest, jobName, MAX_JOBS_PER_POD } from '../sweep/job-manifest.js';
import { planSweep, sweepJobs, type SweepSetup } from '../sweep/setup.js';
import { MAX_SHARDS, MAX_SWEEP_SEEDS, parseShard, shardFile, shardRange, type Shard } from '../sweep/shard.js';
import { writeSweepOutputs } from '../sweep/write.js';
import { openOutput, outputProblem } from '../report/open-output.js';
import { commitFiles } from '../report/write-atomic.js';
import type { Summary } from '../report/summary.js';
import { confinedReader, resolveAllowOutside } from '../scenario/confine.js';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import {
  ALLOW_OUTSIDE_FLAG,
  ALLOW_OUTSIDE_HELP,
  collect,
  once,
  optionalCount,
  outHolding,
  workersFlag,
  addBudgetOptions,
  readBudget,
  type BudgetFlags,
} from './flags.js';
import { createProgress } from './progress.js';

interface SweepFlags extends BudgetFlags {
  vary?: string[];
  design?: string;
  seeds?: string;
  workers?: string;
  shard?: string;
  out?: string;
  charts?: boolean;
  emitJob?: boolean;
  image?: string;
  shards?: string;
  parallelism?: string;
  check?: boolean;
  allowOutside?: string[];
}

const count = (problems: string[], flag: string, text: string | undefined, fallback: number, max = 1_000_000) =>
  optionalCount(problems, flag, text, fallback, max);

/** registerSweep adds `poolsim sweep` to the program. */
export function registerSweep(program: Command, io: Io): void {
  const command = program
    .command('sweep')
    .summary('run the cross product of varied settings of one design; find the Pareto front of cost and start-up')
    .description(
      "Run every combination of the --vary values (and of the scenario's sweep: block) as a variant of one design (--design, default the first), " +
        'each on the same seeds, and write sweep.csv (one row per variant: the values, cost, p95 pod start-up, unserved load, whether it is on the Pareto front), ' +
        "sweep.json (every variant's summary) and pareto.vl.json/.svg/.png (cost against p95 start-up). A path starting with pools, autoscaler, scheduler, karpenter or " +
        "description goes into the design; any other into the scenario (workloads.app.replicas). With several seeds, a variant's figures are their means. " +
        '--shard K/N runs slice K (from 0) of N and writes only its shard.json (to stdout with --out -); poolsim merge turns all N into the outputs one machine ' +
        'would have written. --emit-job prints a Kubernetes Job (completionMode: Indexed) that runs the N slices, with the commands to collect them.',
    )
    .argument('<scenario>', 'a scenario YAML file')
    .option(
      '--vary <path=v1,v2,...>',
      "a setting and the values to try (each read as YAML: 10 is a number; values cannot hold commas: write lists and mappings in the scenario's sweep: block); repeatable, cross product",
      collect,
    )
    .option('--design <name>', "the design to vary (default: the sweep block's, else the first)", once)
    .option('--seeds <n>', "run each variant on n seeds (the scenario's and the next n − 1); figures are means", once)
    .option('--workers <n>', 'worker threads (default: one per core); the outputs are the same for any number', once)
    .option('--shard <K/N>', 'run only slice K (0 ≤ K < N) of the variants × seeds, for poolsim merge', once)
    .option(
      '--out <dir>',
      'output directory (default: out/<scenario>-sweep; with --shard, out/<scenario>-sweep-shard-K-of-N; - prints the shard to stdout)',
      once,
    )
    .option('--no-charts', 'skip the Pareto chart')
    .option(
      '--check',
      `verify the simulation's invariants after every batch of events in every run, and stop at the first broken one (exit 3); slower (same as ${CHECK_ENV}=1)`,
    )
    .option(ALLOW_OUTSIDE_FLAG, ALLOW_OUTSIDE_HELP, collect)
    .option('--emit-job', 'print a Kubernetes Job that runs the sweep in slices, instead of running it')
    .option('--image <image>', 'with --emit-job: a container image with poolsim on its PATH (see the Dockerfile)', once)
    .option('--shards <n>', 'with --emit-job: slices, one pod each (default: the jobs, at most 20)', once)
    .option('--parallelism <n>', 'with --emit-job: pods at a time (default: every slice)', once)
    .addHelpText(
      'after',
      '\nExamples:\n  $ poolsim sweep scenarios/node-size.yaml --design small --vary pools.main.instanceType=e2-standard-2,e2-standard-4,e2-standard-8 --vary pools.main.max=10,20\n' +
        '  $ poolsim sweep scenarios/node-size.yaml --design small --vary pools.main.max=16,20,30 --shard 0/2 --out shards/0\n' +
        '  $ poolsim merge shards/0 shards/1 --out out/node-size-sweep\n' +
        '  $ poolsim sweep scenarios/node-size.yaml --design small --vary pools.main.max=16,20,30 --emit-job --image registry.example.com/poolsim:0.1.0 > job.yaml',
    )
    .action((file: string, flags: SweepFlags) => sweep(file, flags, io));
  addBudgetOptions(command);
}

// The flags read and checked together, every problem at once.
function readFlags(flags: SweepFlags) {
  const problems: string[] = [];
  const seeds = count(problems, '--seeds', flags.seeds, 1, MAX_SWEEP_SEEDS);
  const workers = workersFlag(problems, flags.workers, defaultWorkers());
  let shard: Shard | null = null;
  if (flags.shard !== undefined) {
    try {
      shard = parseShard(flags.shard);
    } catch (e) {
      problems.push(`--shard: ${(e as Error).message}`);
    }
  }
  if (flags.out === '-' && flags.shard === undefined)
    problems.push('--out: - (stdout) is only for a shard; expected --shard K/N too, or a directory');
  const jobFlags = ['image', 'shards', 'parallelism'] as const;
  if (!flags.emitJob)
    for (const f of jobFlags) if (flags[f] !== undefined) problems.push(`--${f}: applies only with --emit-job`);
  if (flags.emitJob && flags.image === undefined)
    problems.push(
      '--emit-job: needs --image, a container image with poolsim on its PATH; build one with the Dockerfile (docker build -t REGISTRY/poolsim:VERSION .)',
    );
  if (flags.emitJob && flags.shard !== undefined)
    problems.push("--shard: the Job sets each pod's slice; expected --emit-job without --shard");
  const allowed = resolveAllowOutside(flags.allowOutside ?? [], problems);
  const budget = readBudget(flags, problems);
  if (problems.length > 0)
    throw new InputError(
      problems.map((p) => `poolsim sweep: ${p}`),
      true,
    );
  return { seeds, workers, shard, allowed, budget, check: flags.check === true || checkByDefault() };
}

async function sweep(file: string, flags: SweepFlags, io: Io): Promise<void> {
  const { seeds, workers, shard, allowed, budget, check } = readFlags(flags);
  const request = { file, vary: flags.vary ?? [], design: flags.design, seeds, budget };
  const reader = confinedReader(file, allowed);
  // A slice plans only its own variants; --emit-job and a whole sweep check every one.
  const setup = planSweep(request, reader.read, flags.emitJob ? null : shard);
  const total = setup.plan.variants.length * seeds;
  if (flags.emitJob) {
    io.stdout(emitJob(file, setup, flags, total, seeds));
    return;
  }
  // --out is checked, and held, before the runs: a refusal after them would lose every result.
  const out =
    flags.out ??
    (shard === null
      ? `out/${setup.plan.scenario}-sweep`
      : `out/${setup.plan.scenario}-sweep-shard-${shard.index}-of-${shard.count}`);
  const holding = flags.out === '-' ? undefined : outHolding(out, reader.files);
  if (holding !== undefined)
    throw new InputError([
      `--out: ${JSON.stringify(out)} holds ${holding}, which the sweep reads and replacing the output would delete; expected an output folder apart from the scenario and its files`,
    ]);
  const staged = flags.out === '-' ? null : openOutput(out);
  const range = shard === null ? { from: 0, to: total } : shardRange(total, shard);
  const jobs = sweepJobs(setup, range, check);
  // A slice printed to stdout prints nothing else: kubectl logs mixes stderr into what it collects.
  const bar = flags.out === '-' ? null : createProgress('runs (variants × seeds)', io);
  let summaries: Summary[];
  try {
    const results = await runJobs(jobs, {
      workers,
      isolate: true,
      onDone: (done, all) => bar?.update(done, all),
    }).finally(() => bar?.stop());
    summaries = results.map((r) => r.summary);
  } catch (e) {
    staged?.abandon();
    throw e;
  }
  if (shard === null) {
    io.stdout(await writeSweepOutputs(out, setup.plan, summaries, flags.charts !== false, staged!));
    return;
  }
  const text = shardFile(setup.plan, shard, summaries);
  if (staged === null) {
    io.stdout(text);
    return;
  }
  try {
    commitFiles(staged, new Map([['shard.json', text]]));
  } catch (e) {
    throw outputProblem(out, e);
  }
  io.stdout(
    `Ran jobs ${range.from}–${range.to} of ${total} (slice ${shard.index}/${shard.count}); wrote ${out}/shard.json. Merge all ${shard.count} slices with poolsim merge.\n`,
  );
}

function emitJob(file: string, setup: SweepSetup, flags: SweepFlags, total: number, seeds: number): string {
  const problems: string[] = [];
  // kubectl logs returns only the newest 10 MiB log file of a pod: keep a slice's shard.json well below (~1.5 KB a job).
  const fewest = Math.ceil(total / MAX_JOBS_PER_POD);
  const shards = count(problems, '--shards', flags.shards, Math.min(total, Math.max(20, fewest)), MAX_SHARDS);
  if (shards < fewest)
    problems.push(
      `--shards: ${shards} slices of ${total} jobs is more than ${MAX_JOBS_PER_POD} jobs a pod, whose shard.json would outgrow the kubelet's 10 MiB log file; expected at least ${fewest}`,
    );
  const parallelism = count(problems, '--parallelism', flags.parallelism, shards, 100_000);
  if (shards > total)
    problems.push(`--shards: ${shards} slices for ${total} jobs would leave some empty; expected at most ${total}`);
  const files = configMapFiles(file, setup.files, problems, setup.includes);
  if (problems.length > 0)
    throw new InputError(
      problems.map((p) => `poolsim sweep: ${p}`),
      true,
    );
  const sweepArgs = [
    ...(flags.vary ?? []).flatMap((v) => ['--vary', v]),
    ...(flags.design === undefined ? [] : ['--design', flags.design]),
    ...(seeds > 1 ? ['--seeds', String(seeds)] : []),
    // A raised budget must be raised in every pod too, or the pods refuse what the plan accepted.
    ...(['budgetPodHours', 'budgetNodeHours', 'budgetTimelineRows'] as const).flatMap((key) =>
      flags[key] === undefined ? [] : [`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, flags[key]],
    ),
  ];
  return jobManifest({
    name: jobName(setup.plan.scenario),
    image: flags.image!,
    shards,
    parallelism,
    scenario: basename(file),
    files,
    sweepArgs,
    cpu: 1,
    memory: '2Gi',
  });
}
