// A sweep's plan: the dotted paths to vary (from --vary flags and the scenario's `sweep:` block),
// their cross product as variants of one design, and each variant's scenario document. Paths into
// a design (pools, autoscaler, scheduler, karpenter, description) apply to the swept design; any other path
// applies to the scenario itself (workloads.app.replicas, defaults.provisioning), with what its
// included manifests supply merged in (workloads.web.hpa.maxReplicas from a HorizontalPodAutoscaler).
import { parse as parseYamlValue } from 'yaml';
import { suggestion } from '../util/suggest.js';

/** Vary is one path and the values to try, in order. */
export interface Vary {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** Variant is one point of the cross product: its name and the value of each varied path. */
export interface Variant {
  readonly name: string;
  readonly values: readonly unknown[];
}

/** DESIGN_KEYS are the keys of a design: paths starting with one go into the swept design. */
const DESIGN_KEYS: readonly string[] = ['description', 'pools', 'autoscaler', 'scheduler', 'karpenter'];

/** parseVary reads `--vary path=v1,v2,…`; each value is read as YAML (10 is a number, e2-standard-4 a string). */
export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !/^[^.\s]+(\.[^.\s]+)*$/.test(path))
    throw new RangeError(
      `"${text}" is not path=value,value,…; expected e.g. pools.main.instanceType=e2-standard-2,e2-standard-4`,
    );
  const raw = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim());
  if (raw.some((v) => v === ''))
    throw new RangeError(`"${text}" has an empty value; expected values separated by single commas`);
  return { path, values: raw.map((v) => parseYamlValue(v) as unknown) };
}

/** mergeVary puts the flags' paths after the scenario's; a path in both takes the flags' values. */
export function mergeVary(fromScenario: readonly Vary[], fromFlags: readonly Vary[]): Vary[] {
  const flagged = new Set(fromFlags.map((v) => v.path));
  return [...fromScenario.filter((v) => !flagged.has(v.path)), ...fromFlags];
}

/** variantName is the name of variant `i` (from 0) of `count`: v1, v2, … zero-padded to sort. */
export const variantName = (i: number, count: number): string =>
  `v${String(i + 1).padStart(String(count).length, '0')}`;

/** variants is the cross product of the values, the first path varying slowest; names are v1, v2, … zero-padded to sort. */
export function variants(vary: readonly Vary[]): Variant[] {
  let points: unknown[][] = [[]];
  for (const v of vary) points = points.flatMap((p) => v.values.map((x) => [...p, x]));
  return points.map((values, i) => ({ name: variantName(i, points.length), values }));
}

/** documentPath is where a varied path is in the scenario document, for the swept design. */
export function documentPath(path: string, design: string): string[] {
  const keys = path.split('.');
  return DESIGN_KEYS.includes(keys[0]!) ? ['designs', design, ...keys] : keys;
}

// Keys that would reach Object.prototype instead of the document.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * checkPath says what is wrong with a path in the scenario document (manifests merged, so that a
 * workload's fields are there wherever they were written): every step but the last must exist (the
 * last may add an optional field).
 */
export function checkPath(raw: Record<string, unknown>, path: string, design: string): string | null {
  const keys = documentPath(path, design);
  const forbidden = keys.find((k) => FORBIDDEN.has(k));
  if (forbidden !== undefined)
    return `${forbidden} is not a scenario key; expected a path into the design or the scenario`;
  if (keys[0] === 'designs' && keys.length > 1 && keys[1] !== design)
    return `design ${keys[1]} is not the one swept (${design}); expected a path into ${design} (pools.…) or --design ${keys[1]}`;
  // Included files are read before a variant's values apply (load.ts).
  if (keys[0] === 'include')
    return 'the included files cannot be varied; expected a path to a field they supply (e.g. workloads.web.hpa.maxReplicas), or a scenario file for each set of manifests';
  const step = missingStep(raw, keys);
  if (step === null) return null;
  const here = valueAt(raw, keys.slice(0, step));
  const parent = keys.slice(0, step).join('.');
  // A list is varied whole, in the sweep: block, where a value may be a list (a flag's commas split it).
  if (Array.isArray(here))
    return `${parent} is a list, whose items cannot be varied one by one; expected the whole list varied in the scenario's sweep: block, e.g. sweep: { vary: { ${userPath(keys.slice(0, step), design)}: [[…], […]] } }`;
  if (!isMapping(here)) return `${parent} is not a mapping; expected a path to a field`;
  const key = keys[step]!;
  const where = step === 0 ? 'the scenario' : keys.slice(0, step).join('.');
  const known = Object.keys(here);
  const has = known.length > 0 ? ` (it has ${known.join(', ')})` : '';
  // A manifest's path (workloads.web.spec.replicas, …hpa.spec.maxReplicas): the scenario's field has no `spec`.
  const without = [...keys.slice(0, step), ...keys.slice(step + 1)];
  if (key === 'spec' && missingStep(raw, without) === null && valueAt(raw, without) !== undefined)
    return `${where} has no ${key}${has}; expected ${userPath(without, design)}, the field as the scenario names it`;
  return `${where} has no ${key}${suggestion(key, known)}${has}; expected a path into the design (${DESIGN_KEYS.join(', ')}) or the scenario, whose workloads hold what their included manifests supply (e.g. workloads.web.hpa.maxReplicas)`;
}

// The first step of `keys` that `raw` does not hold (the last may be absent: an optional field to
// add), or keys.length - 1 when the last step's parent is not a mapping; null when all is well.
function missingStep(raw: Record<string, unknown>, keys: readonly string[]): number | null {
  let node: unknown = raw;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!isMapping(node) || !Object.hasOwn(node, keys[i]!)) return i;
    node = node[keys[i]!];
  }
  return isMapping(node) ? null : keys.length - 1;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function valueAt(raw: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((at, k) => (isMapping(at) && Object.hasOwn(at, k) ? at[k] : undefined), raw);
}

// A document path as the user writes it in --vary: the swept design's prefix dropped.
function userPath(keys: readonly string[], design: string): string {
  return (keys[0] === 'designs' && keys[1] === design ? keys.slice(2) : keys).join('.');
}

/** applyVariant sets each varied path of the document to the variant's value and keeps only the swept design. */
export function applyVariant(
  raw: Record<string, unknown>,
  vary: readonly Vary[],
  variant: Variant,
  design: string,
): void {
  const designs = raw.designs as Record<string, unknown>;
  raw.designs = { [design]: designs[design] };
  vary.forEach((v, i) => {
    const keys = documentPath(v.path, design);
    let node = raw;
    // Each mapping on the way is copied: YAML anchors and merge keys share objects, and a change
    // to one workload or pool must not reach the others that alias it.
    for (const key of keys.slice(0, -1)) {
      const copy = { ...(node[key] as Record<string, unknown>) };
      node[key] = copy;
      node = copy;
    }
    node[keys.at(-1)!] = structuredClone(variant.values[i]);
  });
}
