// Turning zod's issues into sentences a person can act on: what is wrong, and what is expected.
import { z } from 'zod';
import { suggestion } from '../util/suggest.js';
import type { Path } from './source.js';

/** Located is a message tied to a path; `onKey` points at the key rather than its value. */
export interface Located {
  readonly path: Path;
  readonly message: string;
  readonly onKey?: boolean;
}

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;
// The parts of zod's internal definitions that the walk below reads.
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  valueType?: Schema;
  element?: Schema;
  items?: Schema[];
  options?: Schema[];
}
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: Schema): Schema {
  for (;;) {
    const def = defOf(s);
    if (
      def.innerType !== undefined &&
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    )
      s = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) s = def.in;
    else return s;
  }
}

function childSchema(s: Schema | undefined, key: string | number): Schema | undefined {
  if (s === undefined) return undefined;
  const def = defOf(unwrap(s));
  if (def.type === 'object') return def.shape?.[String(key)];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  if (def.type === 'tuple') return def.items?.[Number(key)];
  // Through a union: the first member that has the key (zod may report a member's issue directly).
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const child = childSchema(option, key);
      if (child !== undefined) return child;
    }
  }
  return undefined;
}

function schemaAt(s: Schema | undefined, path: Path): Schema | undefined {
  return path.reduce<Schema | undefined>((at, key) => childSchema(at, key), s);
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined),
    root,
  );
}

/** describeValue names a value the way a message quotes it: "abc", 12, a list, a mapping. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

// What a field of a known type takes, in words (by the schema's meta id).
const KNOWN: Readonly<Record<string, string>> = {
  Duration: 'a duration such as 15s, 5m or 1h30m',
  Cpu: 'a CPU quantity such as 300m or 1.5',
  Memory: 'a quantity of bytes such as 2Gi or 512Mi',
  Bandwidth: 'bytes per second such as 100M/s',
  DurationDistribution:
    'a duration such as 90s, or a distribution: { constant }, { uniform: [min, max] }, { normal: { mean, stddev } }, ' +
    '{ lognormal: { median, p95 } }, { exponential: { mean } } or { empirical: [values] }',
};

// The words for `s` when it (or what it wraps) is one of the known types.
function knownType(s: Schema | undefined): string | undefined {
  for (let at = s; at !== undefined;) {
    const id = z.globalRegistry.get(at as z.ZodType)?.id;
    if (id !== undefined && KNOWN[id] !== undefined) return KNOWN[id];
    // A schema copied by .meta() or .optional() links back to what it was made from.
    const parent = (at as unknown as { _zod: { parent?: Schema } })._zod.parent;
    const def = defOf(at);
    at = parent ?? def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}

// A long list of allowed words is cut to its first few: a message, not a catalog.
const listed = (words: readonly string[]) =>
  words.length <= 12 ? words.join(', ') : `${words.slice(0, 6).join(', ')}, … (${words.length} in all)`;

// Large whole numbers with separators: 50,000,000.
const readable = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 10_000 ? v.toLocaleString('en') : describeValue(v);

// What kind of value the user wrote, for "… is text; expected a number".
function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a number' : 'a fraction';
  if (typeof v === 'boolean') return 'true or false';
  if (v === null) return 'an empty value';
  return Array.isArray(v) ? 'a list' : 'a mapping';
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping (key: value)',
  nan: 'a number',
};

/**
 * explainIssues turns zod's issues for `root` (validated by `schema`) into located messages.
 * `base` is where `root` sits in the file, so that nested calls can report full paths.
 */
export function explainIssues(issues: readonly Issue[], root: unknown, schema: Schema, base: Path = []): Located[] {
  return issues.flatMap((issue) => explainIssue(issue, root, schema, base));
}

function explainIssue(issue: Issue, root: unknown, schema: Schema, base: Path): Located[] {
  const rel = issue.path as Path;
  const path = [...base, ...rel];
  const value = valueAt(root, rel);
  const at = (message: string): Located[] => [{ path, message }];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = knownType(schemaAt(schema, rel)) ?? EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return at(`missing; expected ${expected}`);
      // YAML's .inf and .nan are numbers to YAML but not to us.
      if (typeof value === 'number' && !Number.isFinite(value))
        return at(`${value} is not a finite number; expected ${expected}`);
      // "3" is text; a list is just a list: say what it is once.
      const written =
        typeof value === 'string' || typeof value === 'number'
          ? `${describeValue(value)} is ${kindOf(value)}`
          : `got ${kindOf(value)}`;
      return at(`${written}; expected ${expected}`);
    }
    case 'too_small':
      return at(tooSmall(issue, value));
    case 'too_big':
      return at(
        issue.origin === 'number'
          ? `${readable(value)} is above ${readable(issue.maximum)}; expected at most ${readable(issue.maximum)}`
          : `is too long; expected at most ${issue.maximum}`,
      );
    case 'invalid_value': {
      const options = issue.values.map(String);
      return at(
        `${describeValue(value)} is not one of ${listed(options)}${typeof value === 'string' ? suggestion(value, options) : ''}`,
      );
    }
    case 'unrecognized_keys': {
      const allowed = shapeKeys(schemaAt(schema, rel));
      return issue.keys.map((key) => ({
        path: [...path, key],
        onKey: true,
        message: `unknown key "${key}"${allowed ? `${suggestion(key, allowed)}; expected one of ${allowed.join(', ')}` : ''}`,
      }));
    }
    case 'invalid_key':
      return issue.issues.map((inner) => ({
        path,
        onKey: true,
        message: `key ${describeValue(path[path.length - 1])} ${inner.message}`,
      }));
    case 'invalid_format':
      return at(`${describeValue(value)} ${issue.message}`);
    case 'invalid_union':
      return explainUnion(issue, schema, base, rel, value);
    default:
      return at(issue.message);
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>, value: unknown): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set')
    return `the list is empty; expected at least ${min} item${min === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return 'is empty; expected text';
  return `${readable(value)} is below ${readable(min)}; expected a number ${issue.inclusive ? '≥' : '>'} ${readable(min)}`;
}

function shapeKeys(s: Schema | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  const def = defOf(unwrap(s));
  if (def.type === 'object' && def.shape !== undefined) return Object.keys(def.shape);
  // A union zod reported through one member: the keys of all its object members.
  if (def.type === 'union') {
    const keys = (def.options ?? []).flatMap((o) => shapeKeys(o) ?? []);
    return keys.length > 0 ? [...new Set(keys)] : undefined;
  }
  return undefined;
}

// A union failed: follow the branch the user evidently meant (one that got past the shape check),
// or, when none did, say which forms are accepted.
function explainUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  schema: Schema,
  base: Path,
  rel: Path,
  value: unknown,
): Located[] {
  const here = schemaAt(schema, rel);
  const options = unionOptions(here);
  const branches = issue.errors.map((errors, i) => ({ errors, schema: options[i] }));
  const meant = branches.filter(
    (b) => recognizes(b.errors, value) || !b.errors.every((e) => isShapeMismatch(e, value)),
  );
  if (meant.length > 0) {
    const best = meant.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
    if (best.schema !== undefined) return explainIssues(best.errors, value, best.schema, [...base, ...rel]);
  }
  const path = [...base, ...rel];
  const known = knownType(here);
  const forms =
    known ??
    [...new Set(branches.map((b) => formOf(b.errors)).filter((f): f is string => f !== undefined))].join(', or ');
  if (value === undefined) return [{ path, message: `missing; expected ${forms}` }];
  const keys = branches.map((b) => keyOf(b.errors)).filter((k): k is string => k !== undefined);
  const words = branches.flatMap((b) =>
    b.errors
      .filter((e) => e.code === 'invalid_value' && e.path.length === 0)
      .flatMap((e) => (e as { values: unknown[] }).values.map(String)),
  );
  const written = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const hint =
    written.length === 1 ? suggestion(written[0]!, keys) : typeof value === 'string' ? suggestion(value, words) : '';
  const what = written.length > 0 ? `{ ${written.join(', ')} }` : describeValue(value);
  return [{ path, message: `${what} is not a form this field takes${hint}; expected ${forms}` }];
}

// An object member "recognizes" a written mapping when some of its keys are the member's own:
// { cpu: 4, memroy: 16Gi } means the inline instance type, with one key misspelt.
function recognizes(errors: readonly Issue[], value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (errors.some((e) => e.code === 'invalid_type' && e.path.length === 0)) return false;
  const unknown = new Set(errors.flatMap((e) => (e.code === 'unrecognized_keys' && e.path.length === 0 ? e.keys : [])));
  return unknown.size > 0 && Object.keys(value).some((k) => !unknown.has(k));
}

// A branch that failed only on its outline: wrong type at its root, the wrong single key, or (for
// anything but a string) a list of allowed words.
function isShapeMismatch(e: Issue, value: unknown): boolean {
  if (e.code === 'unrecognized_keys' && e.path.length === 0) return true;
  // A member whose own key is missing is not the one meant; one whose key holds the wrong type is.
  if (e.code === 'invalid_type' && e.path.length === 0) return true;
  if (e.code === 'invalid_type' && e.path.length === 1)
    return !(value !== null && typeof value === 'object' && Object.hasOwn(value, e.path[0] as string));
  if (e.code === 'invalid_value' && e.path.length === 0) return typeof value !== 'string';
  if (e.code === 'invalid_union' && e.path.length <= 1)
    return e.errors.every((branch) => branch.every((b) => isShapeMismatch(b, value)));
  return false;
}

function keyOf(errors: readonly Issue[]): string | undefined {
  const missing = errors.find((e) => e.code === 'invalid_type' && e.path.length === 1);
  if (missing !== undefined) return String(missing.path[0]);
  const nested = errors.find((e) => e.code === 'invalid_union' && e.path.length === 1);
  return nested === undefined ? undefined : String(nested.path[0]);
}

function formOf(errors: readonly Issue[]): string | undefined {
  const key = keyOf(errors);
  if (key !== undefined) return `{ ${key}: … }`;
  const root = errors.find(
    (e) =>
      e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union' || e.code === 'invalid_value'),
  );
  if (root === undefined) return undefined;
  if (root.code === 'invalid_type') return EXPECTED[root.expected] ?? root.expected;
  if (root.code === 'invalid_value') return listed(root.values.map(String));
  if (root.code !== 'invalid_union') return undefined;
  return root.errors
    .map((b) => formOf(b))
    .filter((f) => f !== undefined)
    .join(' or ');
}

function unionOptions(s: Schema | undefined): Array<Schema | undefined> {
  if (s === undefined) return [];
  const def = defOf(unwrap(s));
  return def.type === 'union' ? (def.options ?? []) : [];
}
