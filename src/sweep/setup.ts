// A sweep ready to run: the scenario and every variant of its swept design loaded (each through
// the normal loader, so that a bad value is a file:line:col problem naming its variant), the plan
// every shard must agree on, and the jobs of any slice of it. Files are read through the caller's
// `read`, which also learns every file the sweep needs (for --emit-job's ConfigMap).
import { dirname, resolve } from 'node:path';
import type { SeedJob } from '../parallel/seed-job.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import type { Budget } from '../scenario/budget.js';
import { formatProblem } from '../scenario/source.js';
import { InputError } from '../util/errors.js';
import { suggestion } from '../util/suggest.js';
import { applyVariant, checkPath, mergeVary, parseVary, variants, type Vary } from './plan.js';
import { hashScenarios, MAX_SWEEP_JOBS, MAX_SWEEP_VARIANTS, shardRange, type Shard, type SweepPlan } from './shard.js';

/** SweepRequest is what the user asked: the scenario file, --vary flags, --design and --seeds. */
export interface SweepRequest {
  readonly file: string;
  readonly vary: readonly string[];
  readonly design: string | undefined;
  readonly seeds: number;
  /** budget bounds what each variant may ask for (src/scenario/budget.ts); the default when absent. */
  readonly budget?: Budget;
}

/** SweepSetup is a sweep ready to run: its plan, the scenario of each variant loaded (by index), and the files the scenario read. */
export interface SweepSetup {
  readonly plan: SweepPlan;
  readonly scenarios: ReadonlyMap<number, Scenario>;
  readonly files: ReadonlyMap<string, string>;
  /** includes are the paths of the scenario's included manifests, as read. */
  readonly includes: ReadonlySet<string>;
}

/**
 * planSweep loads the scenario and the variants of its swept design — every one, or with `shard`
 * only those of that slice (a Job's pod plans its own slice, not the whole sweep: the plan that
 * emitted the Job checked every variant) — reading files with `read`; every problem found becomes
 * one InputError.
 */
export function planSweep(
  request: SweepRequest,
  read: (path: string) => string,
  shard: Shard | null = null,
): SweepSetup {
  const files = new Map<string, string>();
  const recorded = (path: string) => {
    const text = read(path);
    files.set(path, text);
    return text;
  };
  let raw: Record<string, unknown> = {};
  const base = loadScenario(request.file, recorded, (doc) => void (raw = structuredClone(doc)), request.budget);
  if (base.scenario === null) throw new InputError(base.problems.map(formatProblem), true);
  const { vary, design } = sweptSettings(request, base.scenario, raw);
  const list = variants(vary);
  const problems: string[] = [];
  const scenarios = new Map<number, Scenario>();
  const range =
    shard === null ? { from: 0, to: list.length * request.seeds } : shardRange(list.length * request.seeds, shard);
  const first = Math.floor(range.from / request.seeds);
  const end = Math.ceil(range.to / request.seeds);
  for (let v = first; v < end; v++) {
    const variant = list[v]!;
    const loaded = loadScenario(
      request.file,
      recorded,
      (doc) => applyVariant(doc, vary, variant, design),
      request.budget,
    );
    const what = vary.map((v, i) => `${v.path}=${JSON.stringify(variant.values[i])}`).join(' ');
    if (loaded.scenario === null)
      problems.push(...loaded.problems.map((p) => `${formatProblem(p)} (in variant ${variant.name}: ${what})`));
    else scenarios.set(v, loaded.scenario);
    if (problems.length >= 20) break; // the same mistake in every variant: the first ones say it
  }
  if (problems.length > 0) throw new InputError(problems, true);
  const plan: SweepPlan = {
    scenario: base.scenario.name,
    design,
    seeds: request.seeds,
    firstSeed: base.scenario.seed,
    vary,
    variants: list,
    // The base scenario and the varied values make every variant: their hash is the same in
    // every slice, however few variants the slice loaded.
    scenarioSha256: hashScenarios([base.scenario, vary, design]),
  };
  const included = Array.isArray(raw.include) ? raw.include.filter((i): i is string => typeof i === 'string') : [];
  return { plan, scenarios, files, includes: new Set(included.map((i) => resolve(dirname(request.file), i))) };
}

// The paths to vary (the scenario's sweep: block, then the flags) and the design they vary, checked
// against the scenario document `raw` (its included manifests merged in, as each variant's edit
// sees it); every problem found becomes one InputError.
function sweptSettings(request: SweepRequest, scenario: Scenario, raw: Record<string, unknown>) {
  const problems: string[] = [];
  const fromFlags = request.vary.flatMap((v) => {
    try {
      return [parseVary(v)];
    } catch (e) {
      problems.push(`--vary: ${(e as Error).message}`);
      return [];
    }
  });
  const twice = fromFlags.map((v) => v.path).filter((p, i, all) => all.indexOf(p) !== i);
  for (const p of new Set(twice))
    problems.push(`--vary: ${p} is given twice; expected each path once, with all its values`);
  if (scenario.seed + request.seeds - 1 > Number.MAX_SAFE_INTEGER)
    problems.push(
      `--seeds: seeds from ${scenario.seed} go past ${Number.MAX_SAFE_INTEGER}; expected a smaller seed or fewer seeds`,
    );
  const block = (raw.sweep ?? {}) as { design?: string; vary?: Record<string, unknown[]> };
  const vary: Vary[] = mergeVary(
    Object.entries(block.vary ?? {}).map(([path, values]) => ({ path, values })),
    fromFlags,
  );
  const names = scenario.designs.map((d) => d.name);
  const design = request.design ?? block.design ?? names[0]!;
  if (!names.includes(design))
    problems.push(
      `${request.design !== undefined ? '--design' : 'sweep.design'}: no design is called "${design}"${suggestion(design, names)}; expected one of ${names.join(', ')}`,
    );
  if (vary.length === 0 && problems.length === 0)
    problems.push(
      `--vary: nothing to vary; expected --vary path=value,… (e.g. pools.main.instanceType=e2-standard-2,e2-standard-4) or a sweep: block in ${request.file}`,
    );
  for (const v of vary) {
    const wrong = problems.length === 0 ? checkPath(raw, v.path, design) : null;
    if (wrong !== null) problems.push(`--vary ${v.path}: ${wrong}`);
  }
  problems.push(...sizeProblems(vary, request.seeds));
  if (problems.length > 0)
    throw new InputError(
      problems.map((p) => `poolsim sweep: ${p}`),
      true,
    );
  return { vary, design };
}

// A cross product too large to plan, or to run on every seed.
function sizeProblems(vary: readonly Vary[], seeds: number): string[] {
  const points = vary.reduce((n, v) => n * v.values.length, 1);
  const problems: string[] = [];
  if (points * seeds > MAX_SWEEP_JOBS)
    problems.push(
      `--seeds: ${points.toLocaleString('en')} variants × ${seeds} seeds is more than ${MAX_SWEEP_JOBS.toLocaleString('en')} runs; expected fewer (or shard the sweep)`,
    );
  if (points > MAX_SWEEP_VARIANTS)
    problems.push(
      `--vary: ${points.toLocaleString('en')} variants is more than ${MAX_SWEEP_VARIANTS.toLocaleString('en')}; expected fewer values`,
    );
  return problems;
}

/** sweepJobs are the plan's jobs, variant-major then seed, for the slice `range`; `check` verifies each run's invariants. */
export function sweepJobs(setup: SweepSetup, range: { from: number; to: number }, check: boolean): SeedJob[] {
  const { plan } = setup;
  const jobs: SeedJob[] = [];
  for (let j = range.from; j < range.to; j++) {
    const v = Math.floor(j / plan.seeds);
    jobs.push({
      scenario: setup.scenarios.get(v)!,
      design: plan.design,
      seed: plan.firstSeed + (j % plan.seeds),
      full: false,
      series: false,
      check,
    });
  }
  return jobs;
}
