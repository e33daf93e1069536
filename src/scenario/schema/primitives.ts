// The scenario format's value types. Each parses what people write ("300m", "2Gi", "90s",
// { lognormal: { median: 90s, p95: 4m } }) into the model's integer units, and describes itself
// for the JSON Schema. The schema is the one source of truth for types, checks and editor hints.
import { z } from 'zod';
import { distributionProblem, type Distribution } from '../../sim/distributions.js';
import { parseCpuMilli, parseMemoryBytes, parseWhole, QuantityError } from '../../models/quantity.js';
import { DurationError, formatDuration, parseDuration } from '../duration.js';

// Limits on values, each with why (docs/model.md#limits). They are checks of their own, ahead of
// zod's: the message says the limit and why, and an absurd value (1e300) gets one problem, not
// zod's safe-integer one too. They add nothing to the JSON Schema, so editors see the bounds the
// schema already had.

/** formatNumber writes a number for a message: 1,000,000; 0.25; 1e+308 (no 300-digit figures). */
export function formatNumber(v: number): string {
  return Math.abs(v) >= 1e15 ? v.toExponential() : v.toLocaleString('en', { maximumFractionDigits: 6 });
}

/** atMost is a check that a number is at most `max`; `unit` follows the limit in the message, `why` ends it. */
function atMost(max: number, unit: string, why: string) {
  return z.superRefine<number>((v, ctx) => {
    if (v > max)
      ctx.addIssue({
        code: 'custom',
        input: v,
        message: `${formatNumber(v)} is above ${formatNumber(max)}; expected at most ${formatNumber(max)}${unit} (${why})`,
        continue: false,
      });
  });
}

/** MAX_DURATION_VALUE_MS bounds any duration: ten years, far beyond a run (31 days at most) or anything in it. */
const MAX_DURATION_VALUE_MS = 10 * 365 * 86_400_000;

// A string (or number) parsed by `parse`; its error becomes the issue's message.
// Patterns for editors (JSON Schema applies `pattern` to strings only); the parsers remain the judges.
const NUMBER = '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)';
const QUANTITY = `^${NUMBER}(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$`;
const DURATION = '^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$';

function parsedFrom<T>(
  id: string,
  parse: (input: string | number) => T,
  description: string,
  examples: readonly (string | number)[],
  pattern: string,
) {
  return z
    .union([z.string(), z.number()])
    .transform((input, ctx) => {
      try {
        return parse(input);
      } catch (e) {
        if (!(e instanceof QuantityError || e instanceof DurationError || e instanceof RangeError)) throw e;
        ctx.issues.push({ code: 'custom', message: e.message, input });
        return z.NEVER;
      }
    })
    .meta({ id, description, examples: [...examples], pattern });
}

/** Duration is a Go-style duration ("15s", "5m", "1h30m"), parsed to whole milliseconds. */
export const Duration = parsedFrom(
  'Duration',
  (input) => {
    const ms = parseDuration(input);
    if (!(ms <= MAX_DURATION_VALUE_MS))
      throw new DurationError(
        `"${input}" is longer than ten years (87600h); expected a shorter duration (a run lasts at most 31 days)`,
      );
    return ms;
  },
  'A duration: a number with a unit ms, s, m or h.',
  ['15s', '5m', '1h30m'],
  DURATION,
);

/** Cpu is a Kubernetes CPU quantity ("300m", "1.5", 2), parsed to millicores. */
export const Cpu = parsedFrom(
  'Cpu',
  parseCpuMilli,
  'A Kubernetes CPU quantity, in cores or millicores.',
  ['300m', '1.5', 2],
  QUANTITY,
);

/** Memory is a Kubernetes memory quantity ("2Gi", "512Mi", "1e9"), parsed to bytes. */
export const Memory = parsedFrom(
  'Memory',
  parseMemoryBytes,
  'A Kubernetes quantity of bytes.',
  ['2Gi', '512Mi', '1G'],
  QUANTITY,
);

// A memory use (a working set, a leak) is bytes only when written 0: "512" is surely 512Mi meant,
// and "512m" (milli) a thousandth of that again, so both are refused rather than read as bytes.
const BARE_NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const SUB_BYTE = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([num])$/;

/** MemoryWithUnit is a memory quantity that names its unit ("256Mi", "2Mi", "1G"), or 0, parsed to bytes. */
export const MemoryWithUnit = parsedFrom(
  'MemoryWithUnit',
  (input) => {
    const text = String(input);
    const shown = typeof input === 'number' ? text : JSON.stringify(text);
    const bare = (typeof input === 'number' && Number.isFinite(input)) || BARE_NUMBER.test(text);
    if (bare && Number(text) !== 0)
      throw new QuantityError(
        `${shown} has no unit; expected a quantity with a unit, e.g. 256Mi (a bare number would be bytes)`,
      );
    const sub = SUB_BYTE.exec(text);
    if (sub !== null && Number(text.slice(0, -1)) !== 0)
      throw new QuantityError(
        `${shown} is in thousandths of a byte or less (${sub[3]} is ${{ m: 'milli', u: 'micro', n: 'nano' }[sub[3]!]}); expected a quantity with a unit of bytes, e.g. 256Mi or 256M`,
      );
    return parseMemoryBytes(input);
  },
  'A Kubernetes quantity of bytes with its unit (Ki, Mi, Gi, k, M, G, …); 0 needs none.',
  ['256Mi', '2Mi', '1G'],
  `^(0|${NUMBER}(([KMGTPE]i)|[kMGTPE]))$`,
);

/** MAX_BANDWIDTH is 1 PiB/s, over 10,000 times the fastest network links (800 Gbit/s, 100 GB/s). */
const MAX_BANDWIDTH = 2 ** 50;

/** Bandwidth is bytes per second written as a quantity with "/s" ("100M/s", "1Gi/s"), parsed to bytes/s. */
export const Bandwidth = parsedFrom(
  'Bandwidth',
  (input) => {
    const match = /^(.+)\/s$/.exec(String(input));
    if (match === null)
      throw new RangeError(
        `"${input}" is not a bandwidth; expected bytes per second as a quantity with "/s", e.g. 100M/s or 1Gi/s`,
      );
    const bytes = parseWhole(match[1]!);
    if (bytes <= 0) throw new RangeError(`"${input}" must be above 0/s`);
    if (bytes > MAX_BANDWIDTH)
      throw new RangeError(
        `"${input}" is above 1Pi/s; expected at most 1Pi/s (the fastest network links carry 100 GB/s)`,
      );
    return bytes;
  },
  'Bytes per second: a Kubernetes quantity followed by /s.',
  ['100M/s', '1Gi/s'],
  `${QUANTITY.slice(0, -1)}/s$`,
);

/** MAX_COUNT bounds a count (max pods, volumes, retries, thresholds): beyond a million it is a typo. */
const MAX_COUNT = 1_000_000;

/** Count is a whole number from 0 up to a million. */
export const Count = z
  .number()
  .check(atMost(MAX_COUNT, '', 'more is a typo, not a setting'))
  .int()
  .min(0);

/** MAX_REPLICAS bounds a replica count: beyond a million it is a typo, not a plan. */
const MAX_REPLICAS = 1_000_000;

/** Replicas is a replica count. */
export const Replicas = z
  .number()
  .check(atMost(MAX_REPLICAS, ' replicas', 'more is a typo, not a plan'))
  .int()
  .min(0)
  .max(MAX_REPLICAS);

/** MAX_NODES bounds a number of nodes: Kubernetes is designed for 5,000 a cluster (GKE has run 15,000). */
const MAX_NODES = 100_000;

/** NodeCount is a number of nodes. */
export const NodeCount = z
  .number()
  .check(atMost(MAX_NODES, ' nodes', 'more is a typo: Kubernetes is designed for 5,000 nodes a cluster'))
  .int()
  .min(0)
  .max(MAX_NODES);

/** MAX_PRICE_PER_HOUR is 10,000 USD an hour: the dearest cloud VMs cost a few hundred. */
const MAX_PRICE_PER_HOUR = 10_000;

/** PricePerHour is USD an hour, from 0 to MAX_PRICE_PER_HOUR, so that costs add up to finite sums. */
export const PricePerHour = z
  .number()
  .check(
    atMost(MAX_PRICE_PER_HOUR, ' USD an hour', 'more is a typo: the dearest cloud VMs cost a few hundred USD an hour'),
  )
  .min(0);

/** MAX_RPS is a billion requests per second, more than any service serves, so that load stays finite. */
export const MAX_RPS = 1e9;

/** Rps is a request rate, 0 up to MAX_RPS. */
export const Rps = z
  .number()
  .check(atMost(MAX_RPS, ' requests per second', 'a billion is more than any service serves'))
  .min(0);

/** RpsChange is a change of request rate, up or down by at most MAX_RPS. */
export const RpsChange = z
  .number()
  .check(atMost(MAX_RPS, ' requests per second', 'a billion is more than any service serves'))
  .check(
    z.superRefine<number>((v, ctx) => {
      if (v < -MAX_RPS)
        ctx.addIssue({
          code: 'custom',
          input: v,
          message: `${formatNumber(v)} is below -${formatNumber(MAX_RPS)}; expected a change of at most ${formatNumber(MAX_RPS)} requests per second either way (a billion is more than any service serves)`,
          continue: false,
        });
    }),
  );

/** Fraction is a number from 0 to 1. */
export const Fraction = z.number().min(0).max(1);

/** Name is a Kubernetes-style name: lower-case letters, digits and dashes. */
export const Name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    message:
      'must be lower-case letters, digits, dashes and dots, starting and ending with a letter or digit (e.g. web-api)',
  })
  .max(253)
  .meta({ id: 'Name' });

/**
 * WorkloadName names a workload: `name`, or `namespace/name` for one in a namespace (the same name
 * in two namespaces is two workloads). A namespace is a DNS label, as Kubernetes requires.
 */
export const WorkloadName = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    message:
      'must be a name (lower-case letters, digits, dashes and dots, starting and ending with a letter or digit), or namespace/name (e.g. shop/web-api)',
  })
  .max(253 + 64)
  .meta({ id: 'WorkloadName' });

const durationList = z.array(Duration).min(1);

/** DurationDistribution is a random duration: a plain duration, or one named distribution of durations (ms). */
export const DurationDistribution = z
  .union([
    Duration,
    z.strictObject({ constant: Duration }),
    z.strictObject({ uniform: z.tuple([Duration, Duration]) }),
    z.strictObject({ normal: z.strictObject({ mean: Duration, stddev: Duration }) }),
    z.strictObject({ lognormal: z.strictObject({ median: Duration, p95: Duration }) }),
    z.strictObject({ exponential: z.strictObject({ mean: Duration }) }),
    z.strictObject({
      empirical: z.union([
        durationList,
        z.strictObject({ values: durationList, weights: z.array(z.number().min(0)).min(1) }),
      ]),
    }),
  ])
  .transform((written, ctx): Distribution => {
    const d = toDistribution(written);
    const problem = distributionProblem(d, (ms) => (Number.isFinite(ms) && ms >= 0 ? formatDuration(ms) : String(ms)));
    if (problem !== undefined) {
      ctx.issues.push({ code: 'custom', message: problem, input: written });
      return z.NEVER;
    }
    return d;
  })
  .meta({
    id: 'DurationDistribution',
    description:
      'A random duration: a plain duration, or { constant }, { uniform: [min, max] }, { normal: { mean, stddev } } (truncated at 0), ' +
      '{ lognormal: { median, p95 } }, { exponential: { mean } }, or { empirical: [values] | { values, weights } }.',
  });

type WrittenDistribution =
  | number
  | { constant: number }
  | { uniform: [number, number] }
  | { normal: { mean: number; stddev: number } }
  | { lognormal: { median: number; p95: number } }
  | { exponential: { mean: number } }
  | { empirical: number[] | { values: number[]; weights: number[] } };

function toDistribution(w: WrittenDistribution): Distribution {
  if (typeof w === 'number') return { kind: 'constant', value: w };
  if ('constant' in w) return { kind: 'constant', value: w.constant };
  if ('uniform' in w) return { kind: 'uniform', min: w.uniform[0], max: w.uniform[1] };
  if ('normal' in w) return { kind: 'normal', mean: w.normal.mean, stddev: w.normal.stddev };
  if ('lognormal' in w) return { kind: 'lognormal', median: w.lognormal.median, p95: w.lognormal.p95 };
  if ('exponential' in w) return { kind: 'exponential', mean: w.exponential.mean };
  const e = w.empirical;
  return Array.isArray(e)
    ? { kind: 'empirical', values: e }
    : { kind: 'empirical', values: e.values, weights: e.weights };
}

/** CpuMemory is a pair of requests, { cpu, memory }. */
export const CpuMemory = z.strictObject({ cpu: Cpu, memory: Memory }).meta({ id: 'CpuMemory' });
