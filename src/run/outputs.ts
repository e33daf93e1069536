// The outputs of `poolsim run` from its seed jobs: per design the first seed's timeline, events,
// API traffic and summary (with every metric's distribution over the seeds when there are several,
// seeds.csv and percentile bands), and comparison.csv. The same jobs' results give the same files,
// whichever thread ran them.
import { bands, bandsCsv, type BandRow } from '../report/bands.js';
import type { ChartInput } from '../report/charts.js';
import { comparisonCsv } from '../report/csv.js';
import { seedsCsv, withDistributions } from '../report/monte-carlo.js';
import type { Summary } from '../report/summary.js';
import type { Scenario } from '../scenario/model.js';
import { runJobs, type RunJobsOptions } from '../parallel/run-jobs.js';
import { FULL_FILES, runSeedJob, type OutputSizing, type SeedJob, type SeedResult } from '../parallel/seed-job.js';
import { join } from 'node:path';
import type { ScenarioWarning } from '../scenario/warnings.js';
import { runsInThread } from './in-thread.js';

/** RunOutputs are the files to write (by relative path), those already written (`streamed`), the summaries, and what the charts draw. */
export interface RunOutputs {
  readonly files: Map<string, string>;
  readonly streamed: readonly string[];
  readonly summaries: Summary[];
  readonly charts: ChartInput[];
}

/**
 * Streaming: `dir` is the (staging) directory where each design's timeline, events and API files
 * are written as its run goes; `charts: false` keeps nothing for the charts.
 */
interface Streaming {
  readonly dir: string;
  readonly charts: boolean;
}

/** RunRequest is which designs to run (none named: all), on how many seeds, whether to check their invariants, where to stream their files, and the scenario's warnings for the summaries. */
export interface RunRequest {
  readonly designs: readonly string[];
  readonly seeds: number;
  readonly check?: boolean;
  readonly streaming?: Streaming;
  readonly warnings?: readonly ScenarioWarning[];
  /** nodeTimeline writes each design's nodes.csv too (--node-timeline). */
  readonly nodeTimeline?: boolean;
  /** sizing: what each design's first-seed files keep of a big run (output-sizing.ts; default: everything). */
  readonly sizing?: OutputSizing;
}

/** withLoadWarnings puts the scenario's warnings that concern a design before the run's own in its summary. */
function withLoadWarnings(summary: Summary, warnings: readonly ScenarioWarning[]): Summary {
  const mine = warnings
    .filter((w) => w.design === undefined || w.design === summary.design)
    .map((w) => ({
      code: w.code,
      location: `${w.file}:${w.line}:${w.col}`,
      message: w.path === '' ? w.message : `${w.path}: ${w.message}`,
    }));
  return mine.length === 0 ? summary : { ...summary, warnings: [...mine, ...summary.warnings] };
}

// The request's designs (none named: all of them), in the scenario's order, each once.
function chosenDesigns(scenario: Scenario, { designs }: RunRequest): Scenario['designs'] {
  return scenario.designs.filter((d) => designs.length === 0 || designs.includes(d.name));
}

/** seedJobs are the jobs of a run: every chosen design on seeds seed, seed + 1, …, the same for every design (paired). */
function seedJobs(scenario: Scenario, request: RunRequest): SeedJob[] {
  const { seeds, streaming } = request;
  const chosen = chosenDesigns(scenario, request);
  const where = (design: string) =>
    streaming === undefined ? {} : { outDir: join(streaming.dir, design), charts: streaming.charts };
  const check = request.check === undefined ? {} : { check: request.check };
  return chosen.flatMap((d) =>
    Array.from({ length: seeds }, (_, i) => ({
      scenario,
      design: d.name,
      seed: scenario.seed + i,
      full: i === 0,
      series: seeds > 1,
      ...(request.nodeTimeline === true && i === 0 ? { nodeTimeline: true } : {}),
      ...check,
      ...(i === 0 ? where(d.name) : {}),
      ...(i === 0 && request.sizing !== undefined ? { sizing: request.sizing } : {}),
    })),
  );
}

/** runOutputs assembles the files from the jobs' results (in the jobs' order). */
function runOutputs(
  jobs: readonly SeedJob[],
  results: readonly SeedResult[],
  warnings: readonly ScenarioWarning[] = [],
): RunOutputs {
  const files = new Map<string, string>();
  const streamed: string[] = [];
  const summaries: Summary[] = [];
  const charts: ChartInput[] = [];
  const designs = [...new Set(jobs.map((j) => j.design))];
  for (const design of designs) {
    const mine = results.filter((_, i) => jobs[i]!.design === design);
    const first = mine[0]!;
    const full = first.full!;
    const many = mine.length > 1;
    const summary = withLoadWarnings(
      many
        ? withDistributions(
            first.summary,
            mine.map((r) => r.summary),
          )
        : first.summary,
      warnings,
    );
    const band: BandRow[] | undefined = many ? bands(mine.map((r) => r.series!)) : undefined;
    summaries.push(summary);
    if (full.files.length === 0) {
      const firstJob = jobs.find((j) => j.design === design)!;
      const names = firstJob.nodeTimeline === true ? [...FULL_FILES, 'nodes.csv'] : FULL_FILES;
      streamed.push(...names.map((name) => `${design}/${name}`));
    }
    for (const [name, content] of full.files) files.set(`${design}/${name}`, content);
    files.set(`${design}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
    if (band !== undefined) {
      files.set(`${design}/seeds.csv`, seedsCsv(mine.map((r) => r.summary)));
      files.set(`${design}/bands.csv`, bandsCsv(band));
    }
    if (full.chart !== null) charts.push({ ...full.chart, summary, ...(band === undefined ? {} : { bands: band }) });
  }
  files.set('comparison.csv', comparisonCsv(summaries));
  return { files, streamed, summaries, charts };
}

/** runScenario runs the chosen designs on the scenario's seed, in this thread. */
export function runScenario(scenario: Scenario, designs: readonly string[]): RunOutputs {
  const jobs = seedJobs(scenario, { designs, seeds: 1 });
  return runOutputs(jobs, jobs.map(runSeedJob));
}

/** smallRun says whether the request's runs (every chosen design on every seed) make a small run (runsInThread), to simulate in this thread. */
export function smallRun(scenario: Scenario, request: RunRequest): boolean {
  return runsInThread(scenario, chosenDesigns(scenario, request).length * request.seeds);
}

/** runScenarioOnSeeds runs the request's jobs over worker threads, or in this thread (RunJobsOptions). */
export async function runScenarioOnSeeds(
  scenario: Scenario,
  request: RunRequest,
  options: RunJobsOptions,
): Promise<RunOutputs> {
  const jobs = seedJobs(scenario, request);
  return runOutputs(jobs, await runJobs(jobs, options), request.warnings);
}
