// Sweeps beyond one machine: the plan's jobs (variant-major, then seed) cut into N contiguous
// slices; each slice's summaries go to a shard file, and `merge` puts the slices back in order.
import { createHash } from 'node:crypto';
import type { Summary } from '../report/summary.js';
import { POOLSIM_VERSION } from '../util/version.js';
import { variantName, type Vary, type Variant } from './plan.js';
import { Name } from '../scenario/schema/primitives.js';
import { MAX_OUTPUT_NAME } from '../scenario/normalize.js';
import { jsonSyntaxReason } from '../util/text.js';

/** SweepPlan is what every shard of a sweep must agree on. */
export interface SweepPlan {
  readonly scenario: string;
  readonly design: string;
  readonly seeds: number;
  readonly firstSeed: number;
  readonly vary: readonly Vary[];
  readonly variants: readonly Variant[];
  /** scenarioSha256 hashes the loaded base scenario, the varied paths and the design, so that shards of different scenario files do not merge. */
  readonly scenarioSha256: string;
}

/** Shard is K of N (K from 0, as a Job's JOB_COMPLETION_INDEX). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** ShardFile is shard.json: the plan, which slice of its jobs, and their summaries in job order. */
export interface ShardFile {
  readonly poolsimShard: 1;
  readonly poolsim: string;
  readonly plan: SweepPlan;
  readonly shard: Shard;
  readonly jobs: { readonly from: number; readonly to: number };
  readonly summaries: readonly Summary[];
}

/** hashScenarios is the SHA-256 of what makes a sweep's variants (the loaded base scenario and the variation). */
export const hashScenarios = (scenarios: readonly unknown[]) =>
  createHash('sha256').update(JSON.stringify(scenarios)).digest('hex');

/** MAX_SHARDS bounds N in --shard K/N and in a shard file: more slices than this is not a sweep anyone runs. */
export const MAX_SHARDS = 100_000;

/** MAX_SWEEP_VARIANTS and MAX_SWEEP_JOBS bound a sweep's cross product and its variants × seeds (the plan holds every job). */
export const MAX_SWEEP_VARIANTS = 100_000;
export const MAX_SWEEP_JOBS = 10_000_000;

/** MAX_SWEEP_SEEDS bounds a sweep's seeds per variant. */
export const MAX_SWEEP_SEEDS = 100_000;

/** parseShard reads "K/N": slice K (0 ≤ K < N) of N. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = m === null ? [NaN, NaN] : [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new RangeError(
      `"${text}" is not K/N with 0 ≤ K < N; expected e.g. 3/20 (slices count from 0, as JOB_COMPLETION_INDEX does)`,
    );
  }
  if (count > MAX_SHARDS)
    throw new RangeError(`"${text}" has more than ${MAX_SHARDS.toLocaleString('en-US')} slices; expected fewer`);
  return { index, count };
}

/** shardRange is the jobs [from, to) of slice K of N: contiguous, as even as can be, together exactly all of them. */
export function shardRange(jobs: number, shard: Shard): { from: number; to: number } {
  return {
    from: Math.floor((shard.index * jobs) / shard.count),
    to: Math.floor(((shard.index + 1) * jobs) / shard.count),
  };
}

/** shardFile is a slice's shard.json text. */
export function shardFile(plan: SweepPlan, shard: Shard, summaries: readonly Summary[]): string {
  const file: ShardFile = {
    poolsimShard: 1,
    poolsim: POOLSIM_VERSION,
    plan,
    shard,
    jobs: shardRange(plan.variants.length * plan.seeds, shard),
    summaries,
  };
  return `${JSON.stringify(file)}\n`;
}

/** combineShards checks that shards of one plan cover every job exactly once and returns the plan and the summaries in job order; problems name the shard. */
export function combineShards(
  shards: ReadonlyArray<{ readonly source: string; readonly file: ShardFile }>,
  problems: string[],
): { plan: SweepPlan; summaries: Summary[] } | null {
  const first = shards[0];
  if (first === undefined) {
    problems.push('no shard given; expected the directories (or shard.json files) that poolsim sweep --shard wrote');
    return null;
  }
  const plan = first.file.plan;
  const total = plan.variants.length * plan.seeds;
  const planText = JSON.stringify(plan);
  const bySlice = new Map<number, (typeof shards)[number]>();
  for (const s of shards) {
    const { file } = s;
    if (file.poolsim !== first.file.poolsim) {
      problems.push(
        `${s.source}: was written by poolsim ${file.poolsim}, ${first.source} by ${first.file.poolsim}; expected every slice from one poolsim version`,
      );
      continue;
    }
    if (JSON.stringify(file.plan) !== planText) {
      problems.push(
        `${s.source}: is a shard of another sweep (${file.plan.scenario} #${file.plan.scenarioSha256.slice(0, 8)}, ${file.plan.variants.length} variants × ${file.plan.seeds} seeds) than ${first.source} (${plan.scenario} #${plan.scenarioSha256.slice(0, 8)}, ${plan.variants.length} × ${plan.seeds}); expected shards of one sweep`,
      );
      continue;
    }
    if (file.shard.count !== first.file.shard.count) {
      problems.push(
        `${s.source}: is slice ${file.shard.index}/${file.shard.count}, but ${first.source} is one of ${first.file.shard.count}; expected slices of one --shard K/N split`,
      );
      continue;
    }
    const expected = shardRange(total, file.shard);
    if (
      file.jobs.from !== expected.from ||
      file.jobs.to !== expected.to ||
      file.summaries.length !== expected.to - expected.from
    ) {
      problems.push(
        `${s.source}: holds ${file.summaries.length} results for jobs ${file.jobs.from}–${file.jobs.to}; slice ${file.shard.index}/${file.shard.count} should hold jobs ${expected.from}–${expected.to}`,
      );
      continue;
    }
    const twin = bySlice.get(file.shard.index);
    if (twin !== undefined) {
      problems.push(
        `${s.source}: slice ${file.shard.index}/${file.shard.count} is given twice (also ${twin.source}); expected each slice once`,
      );
      continue;
    }
    bySlice.set(file.shard.index, s);
  }
  const count = first.file.shard.count;
  const absent = Array.from({ length: count }, (_, k) => k).filter((k) => !bySlice.has(k));
  if (problems.length === 0 && absent.length > 0) {
    problems.push(
      `slices ${absent.map((k) => `${k}/${count}`).join(', ')} are missing; expected all ${count} slices of the sweep (re-run them with --shard K/${count})`,
    );
  }
  if (problems.length > 0) return null;
  const summaries = [...bySlice.keys()].sort((a, b) => a - b).flatMap((k) => bySlice.get(k)!.file.summaries);
  return { plan, summaries };
}

/** parseShardFile checks that a text is a shard.json; null with a problem when it is not. */
export function parseShardFile(source: string, text: string, problems: string[]): ShardFile | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    problems.push(
      `${source}:1:1: not valid JSON (${jsonSyntaxReason(e)}); expected a shard.json written by poolsim sweep --shard`,
    );
    return null;
  }
  const o = value as Partial<ShardFile> | null;
  const why = shardFileProblem(o);
  if (why !== null) {
    problems.push(`${source}:1:1: not a poolsim shard: ${why}; expected a shard.json written by poolsim sweep --shard`);
    return null;
  }
  return o as ShardFile;
}

// A name as a scenario allows it: the scenario's and design's names become paths.
const isSafeName = (name: string) => name.length <= MAX_OUTPUT_NAME && Name.safeParse(name).success;

// A varied path as --vary takes it (plan.ts), and not absurdly long: it is printed in tables.
const VARY_PATH = /^[^.\s\p{Cc}]{1,100}(\.[^.\s\p{Cc}]{1,100}){0,20}$/u;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const whole = (x: unknown, max: number): x is number =>
  Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= max;

// What makes `o` not a shard file, or null. A shard comes from a pod's log: every name that may
// become part of a path is checked as the scenario checks it, and every count is bounded before
// anything is allocated by it.
function shardFileProblem(o: Partial<ShardFile> | null): string | null {
  if (!isObject(o) || o.poolsimShard !== 1 || typeof o.poolsim !== 'string' || o.poolsim.length > 100)
    return 'poolsimShard or poolsim missing or malformed';
  const plan = o.plan as Partial<SweepPlan> | undefined;
  if (!isObject(plan)) return 'plan missing';
  if (typeof plan.scenario !== 'string' || !isSafeName(plan.scenario))
    return 'plan.scenario is not a scenario name (lower-case letters, digits, dashes and dots)';
  if (typeof plan.design !== 'string' || !isSafeName(plan.design)) return 'plan.design is not a design name';
  if (typeof plan.scenarioSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(plan.scenarioSha256))
    return 'plan.scenarioSha256 is not a SHA-256';
  if (!whole(plan.seeds, MAX_SWEEP_SEEDS) || plan.seeds < 1 || !whole(plan.firstSeed, Number.MAX_SAFE_INTEGER))
    return `plan.seeds or plan.firstSeed out of range (seeds 1 to ${MAX_SWEEP_SEEDS.toLocaleString('en-US')})`;
  if (
    !Array.isArray(plan.vary) ||
    !plan.vary.every(
      (v) => isObject(v) && typeof v.path === 'string' && VARY_PATH.test(v.path) && Array.isArray(v.values),
    )
  )
    return 'plan.vary malformed (each a dotted path and its values)';
  if (!Array.isArray(plan.variants) || plan.variants.length > MAX_SWEEP_VARIANTS)
    return `plan.variants malformed or more than ${MAX_SWEEP_VARIANTS.toLocaleString('en-US')}`;
  const width = plan.vary.length;
  if (
    !plan.variants.every(
      (v, i) =>
        isObject(v) &&
        v.name === variantName(i, plan.variants!.length) &&
        Array.isArray(v.values) &&
        v.values.length === width,
    )
  )
    return 'plan.variants malformed (each named v1, v2, … in order, with a value for each varied path)';
  const jobs = plan.variants.length * plan.seeds;
  if (jobs > MAX_SWEEP_JOBS) return `more than ${MAX_SWEEP_JOBS.toLocaleString('en-US')} jobs`;
  if (
    !isObject(o.shard) ||
    !whole(o.shard.count, MAX_SHARDS) ||
    o.shard.count < 1 ||
    !whole(o.shard.index, o.shard.count - 1)
  )
    return `shard is not K of N with 0 ≤ K < N ≤ ${MAX_SHARDS.toLocaleString('en-US')}`;
  if (!isObject(o.jobs) || !whole(o.jobs.from, jobs) || !whole(o.jobs.to, jobs)) return 'jobs out of range';
  if (!Array.isArray(o.summaries) || o.summaries.length > jobs) return 'summaries missing or too many';
  const design = plan.design;
  const fine = (x: unknown) =>
    isObject(x) &&
    x.design === design &&
    typeof x.seed === 'number' &&
    isObject(x.nodes) &&
    isObject(x.pods) &&
    isObject(x.cost) &&
    isObject(x.load);
  if (!o.summaries.every(fine)) return `a summary is malformed or of another design than ${design}`;
  return null;
}
