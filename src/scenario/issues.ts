// Turning zod's issues into sentences a person can act on: what is wrong, and what is expected.
import { z } from 'zod';
import { didYouMean, suggestion } from '../util/suggest.js';
import type { Path } from './source.js';
import { ALIASES, FIELD_EXAMPLES } from './key-hints.js';

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
  MemoryWithUnit: 'a quantity of bytes with its unit, such as 256Mi or 1Gi',
  Bandwidth: 'bytes per second such as 100M/s',
  DurationDistribution:
    'a duration such as 90s, or a distribution: { constant }, { uniform: [min, max] }, { normal: { mean, stddev } }, ' +
    '{ lognormal: { median, p95 } }, { exponential: { mean } } or { empirical: [values] }',
};

// The entry of `table` for `s`, by the meta id of `s` or of what it wraps or was made from.
function byId<T>(s: Schema | undefined, table: Readonly<Record<string, T>>): T | undefined {
  for (let at = s; at !== undefined;) {
    const id = z.globalRegistry.get(at as z.ZodType)?.id;
    if (id !== undefined && Object.hasOwn(table, id)) return table[id];
    // A schema copied by .meta() or .optional() links back to what it was made from.
    const parent = (at as unknown as { _zod: { parent?: Schema } })._zod.parent;
    const def = defOf(at);
    at = parent ?? def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}

// The words for `s` when it (or what it wraps) is one of the known types.
const knownType = (s: Schema | undefined): string | undefined => byId(s, KNOWN);

// ", e.g. image: { … }" for the field at `rel`, when there is an example of it.
function fieldExample(schema: Schema, rel: Path, written: unknown): string {
  const key = rel[rel.length - 1];
  if (typeof key !== 'string') return '';
  const example = byId(schemaAt(schema, rel.slice(0, -1)), FIELD_EXAMPLES)?.[key];
  return example === undefined ? '' : `, e.g. ${example(written)}`;
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
      const expected =
        (knownType(schemaAt(schema, rel)) ?? EXPECTED[issue.expected] ?? issue.expected) +
        fieldExample(schema, rel, value);
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
      const here = schemaAt(schema, rel);
      const allowed = shapeKeys(here);
      const aliases = byId(here, ALIASES) ?? {};
      return issue.keys.map((key) => {
        const alias = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
        const expected =
          alias !== undefined
            ? ` (did you mean ${alias.mean}?); expected ${alias.expected}`
            : allowed
              ? `${suggestion(key, allowed)}; expected one of ${allowed.join(', ')}`
              : '';
        return { path: [...path, key], onKey: true, message: `unknown key "${key}"${expected}` };
      });
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
  const kinds = knownType(here) === undefined ? kindsOf(here) : undefined;
  if (kinds !== undefined) return explainKinds(kinds, value, [...base, ...rel]);
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

/** Kinds is a union of one-key mappings, one per kind ({ constant: 500 }, { diurnal: { … } }), perhaps also as a list. */
interface Kinds {
  readonly members: ReadonlyMap<string, Schema>;
  readonly list: Schema | undefined;
}

function kindsOf(s: Schema | undefined): Kinds | undefined {
  const members = new Map<string, Schema>();
  let list: Schema | undefined;
  for (const option of unionOptions(s)) {
    if (option === undefined) return undefined;
    const def = defOf(unwrap(option));
    const inner = def.type === 'union' ? kindsOf(option) : undefined;
    const keys = def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    if (def.type === 'array' && kindsOf(def.element) !== undefined) list = option;
    else if (inner !== undefined && inner.list === undefined) for (const [k, m] of inner.members) members.set(k, m);
    else if (keys.length === 1) members.set(keys[0]!, option);
    else return undefined;
  }
  return members.size >= 2 ? { members, list } : undefined;
}

// An example of each kind, for the kinds unions' messages; where no kind is hinted at, the first
// of the union's kinds in this order is shown.
const KIND_EXAMPLES: Readonly<Record<string, string>> = {
  diurnal: '{ diurnal: { mean: 5000, amplitude: 4000, peakAt: 14h } }',
  constant: '{ constant: 500 }',
  step: '{ step: { at: 2h, rps: 300 } }',
  ramp: '{ ramp: { start: 1h, end: 2h, to: 800 } }',
  spike: '{ spike: { at: 19h, duration: 20m, rps: 3000 } }',
  trace: '{ trace: { file: requests.csv } }',
  nodeLoss: '{ nodeLoss: { at: 2h, pool: main } }',
  kubeletCrash: '{ kubeletCrash: { interval: { exponential: { mean: 6h } } } }',
};

// A kinds union failed: one kind written is that kind's to explain (its fields), a list is the
// list's; otherwise say which kinds there are, once, with an example (not each member's "expected
// a mapping").
function explainKinds(kinds: Kinds, value: unknown, path: Path): Located[] {
  const written = isMapping(value) ? Object.keys(value) : [];
  const named = written.filter((k) => kinds.members.has(k));
  const member = Array.isArray(value) ? kinds.list : named.length === 1 ? kinds.members.get(named[0]!) : undefined;
  const inner = member === undefined ? [] : explainParse(member, value, path);
  if (inner.length > 0) return inner;
  const names = [...kinds.members.keys()];
  const field = path[path.length - 1];
  const oneOf = `one of the kinds ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  const list = kinds.list === undefined ? '' : ', or a list of them';
  if (named.length > 1) {
    const several =
      kinds.list === undefined
        ? kindExample(kinds, named[0], field)
        : `, or a list of them, e.g. ${String(field)}: [${named.map((k) => `{ ${k}: … }`).join(', ')}]`;
    const message = `{ ${named.join(', ')} } holds ${named.length} kinds; expected one kind per mapping${several}`;
    return [{ path, message }];
  }
  const hint = kindHint(kinds, value, written);
  const eg = kindExample(kinds, hint.kind, field);
  if (written.length === 1) {
    const message = `unknown kind ${describeValue(written[0])}${hint.text}; expected ${oneOf}${eg}`;
    return [{ path: [...path, written[0]!], onKey: true, message }];
  }
  const expected = isMapping(value) ? `${oneOf}${list}` : `a mapping with ${oneOf}${list}`;
  return [{ path, message: `${wrongForm(value, written)}${hint.text}; expected ${expected}${eg}` }];
}

// ", e.g. profile: { diurnal: … }": the example of `kind`, else of the first of the union's kinds
// that KIND_EXAMPLES lists; the field's name before it when the field is a key.
function kindExample(kinds: Kinds, kind: string | undefined, field: string | number | undefined): string {
  const shown = kind ?? Object.keys(KIND_EXAMPLES).find((k) => kinds.members.has(k));
  const example = shown === undefined ? undefined : KIND_EXAMPLES[shown];
  return example === undefined ? '' : `, e.g. ${typeof field === 'string' ? `${field}: ` : ''}${example}`;
}

// What was written where a kind was expected, in words.
function wrongForm(value: unknown, written: readonly string[]): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'is empty';
  if (typeof value === 'string' || typeof value === 'number') return `${describeValue(value)} is ${kindOf(value)}`;
  if (!isMapping(value)) return `got ${kindOf(value)}`;
  return written.length === 0 ? 'the mapping is empty' : `{ ${written.join(', ')} } is not a kind`;
}

// The kind the user evidently meant: a kind's name misspelt ("diurnl", or the text "diurnal"), or
// the fields of exactly one kind written without it ({ mean, amplitude } for diurnal).
function kindHint(kinds: Kinds, value: unknown, written: readonly string[]): { kind?: string; text: string } {
  const names = [...kinds.members.keys()];
  if (typeof value === 'string') return { kind: didYouMean(value, names), text: '' };
  const spelt = written.length === 1 ? didYouMean(written[0]!, names) : undefined;
  if (spelt !== undefined) return { kind: spelt, text: ` (did you mean ${spelt}?)` };
  const holding =
    written.length === 0
      ? []
      : names.filter((n) => {
          const fields = shapeKeys(childSchema(kinds.members.get(n), n)) ?? [];
          return written.every((k) => fields.includes(k));
        });
  if (holding.length !== 1) return { text: '' };
  return { kind: holding[0], text: ` (did you mean { ${holding[0]}: { ${written.join(', ')} } }?)` };
}

// The issues of `value` against one member, explained at `path`.
function explainParse(member: Schema, value: unknown, path: Path): Located[] {
  const parsed = (member as z.ZodType).safeParse(value);
  return parsed.success ? [] : explainIssues(parsed.error.issues, value, member, path);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
