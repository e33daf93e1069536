// A sweep ready to run: the scenario and every variant of its swept design loaded (each through
// the normal loader, so that a bad value is a file:line:col problem naming its variant), the plan
// every shard must agree on, and the jobs of any slice of it. Files are read through the caller's
// `read`, which also learns every file the sweep needs (for --emit-job's ConfigMap).
import type { SeedJob } from '../parallel/seed-job.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { formatProblem } from '../scenario/source.js';
import { InputError } from '../util/errors.js';
import { suggestion } from '../util/suggest.js';
import { applyVariant, checkPath, mergeVary, parseVary, variants, type Vary } from './plan.js';
import { hashScenarios, type SweepPlan } from './shard.js';

/** MAX_VARIANTS bounds a sweep's cross product. */
const MAX_VARIANTS = 100_000;

/** MAX_JOBS bounds variants × seeds: the plan holds every job. */
const MAX_JOBS = 10_000_000;

/** SweepRequest is what the user asked: the scenario file, --vary flags, --design and --seeds. */
export interface SweepRequest {
  readonly file: string;
  readonly vary: readonly string[];
  readonly design: string | undefined;
  readonly seeds: number;
}

/** SweepSetup is a sweep ready to run: its plan, one scenario per variant, and the files the scenario read. */
export interface SweepSetup {
  readonly plan: SweepPlan;
  readonly scenarios: readonly Scenario[];
  readonly files: ReadonlyMap<string, string>;
}

/** planSweep loads the scenario and every variant of its swept design, reading files with `read`; every problem found becomes one InputError. */
export function planSweep(request: SweepRequest, read: (path: string) => string): SweepSetup {
  const files = new Map<string, string>();
  const recorded = (path: string) => {
    const text = read(path);
    files.set(path, text);
    return text;
  };
  let raw: Record<string, unknown> = {};
  const base = loadScenario(request.file, recorded, (doc) => void (raw = structuredClone(doc)));
  if (base.scenario === null) throw new InputError(base.problems.map(formatProblem), true);
  const { vary, design } = sweptSettings(request, base.scenario, raw);
  const list = variants(vary);
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  for (const variant of list) {
    const loaded = loadScenario(request.file, recorded, (doc) => applyVariant(doc, vary, variant, design));
    const what = vary.map((v, i) => `${v.path}=${JSON.stringify(variant.values[i])}`).join(' ');
    if (loaded.scenario === null)
      problems.push(...loaded.problems.map((p) => `${formatProblem(p)} (in variant ${variant.name}: ${what})`));
    else scenarios.push(loaded.scenario);
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
    scenarioSha256: hashScenarios(scenarios),
  };
  return { plan, scenarios, files };
}

// The paths to vary (the scenario's sweep: block, then the flags) and the design they vary, checked
// against the scenario document `raw`; every problem found becomes one InputError.
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
  if (points * seeds > MAX_JOBS)
    problems.push(
      `--seeds: ${points.toLocaleString('en')} variants × ${seeds} seeds is more than ${MAX_JOBS.toLocaleString('en')} runs; expected fewer (or shard the sweep)`,
    );
  if (points > MAX_VARIANTS)
    problems.push(
      `--vary: ${points.toLocaleString('en')} variants is more than ${MAX_VARIANTS.toLocaleString('en')}; expected fewer values`,
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
      scenario: setup.scenarios[v]!,
      design: plan.design,
      seed: plan.firstSeed + (j % plan.seeds),
      full: false,
      series: false,
      check,
    });
  }
  return jobs;
}
