// When the schema rejects parts of a scenario, the cross-field checks (unknown instance types,
// min > max, references) should still run on the rest, so that every problem is reported at once.
// salvage drops each entry the schema rejected, or puts a harmless stand-in where an entry cannot
// go, and says what it touched so that problems caused by the dropping itself can be left out.
import type { Path } from './source.js';

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Salvaged is the scenario with the rejected entries dropped, and the paths dropped. */
export interface Salvaged {
  readonly raw: Json;
  readonly dropped: readonly Path[];
}

// Stand-ins for entries that cannot simply be removed: required fields, and entries that others
// refer to by name (workloads, pools, catalog types) or count by position (faults). A stand-in is
// sound and neutral, so that references to it stay valid and it adds no problem of its own.
const STAND_INS: Readonly<Record<string, unknown>> = { name: 'salvaged', duration: '1h' };
const NEUTRAL_WORKLOAD = { requests: { cpu: 0, memory: 0 } };
const NEUTRAL_INSTANCE = { cpu: 1, memory: '1Gi' };

/** Rejected is a rejected place: `exact` removes just that key (a misspelt one, or a badly named entry). */
export interface Rejected {
  readonly path: Path;
  readonly exact?: boolean;
}

/** salvage returns the scenario without the rejected entries, or null when a rejected part cannot be set aside. */
export function salvage(raw: Json, rejected: readonly Rejected[]): Salvaged | null {
  const copy = structuredClone(raw);
  const dropped: Path[] = [];
  // `dropped` as a set, so that "is an entry within one dropped already?" looks up the entry's
  // prefixes (entries are at most 4 keys long) instead of scanning: 100,000 bad workloads made that quadratic.
  const droppedSet = new Set<string>();
  const drop = (path: Path) => {
    dropped.push(path);
    droppedSet.add(JSON.stringify(path));
  };
  const within = (entry: Path) => entry.some((_, i) => droppedSet.has(JSON.stringify(entry.slice(0, i + 1))));
  for (const { path, exact } of rejected) {
    if (exact === true) {
      const parent = path
        .slice(0, -1)
        .reduce<unknown>((at, k) => (isMap(at) || Array.isArray(at) ? (at as Json)[k as string] : undefined), copy);
      if (isMap(parent)) delete parent[path[path.length - 1] as string];
      drop(path);
      continue;
    }
    const entry = entryOf(path);
    if (entry === null) return null;
    if (within(entry)) continue;
    const [section, key, ...rest] = entry;
    const container = copy[section as string];
    if (entry.length === 1) {
      if (Object.hasOwn(STAND_INS, section as string)) copy[section as string] = STAND_INS[section as string];
      else delete copy[section as string];
    } else if (section === 'defaults' && key === 'instanceType' && isMap(container)) {
      container.instanceType = NEUTRAL_INSTANCE; // pools take their type from here
    } else if (section === 'faults' && Array.isArray(container)) {
      container[key as number] = { nodeLoss: { at: '0s' } };
    } else if (section === 'catalog' && isMap(container)) {
      container[key as string] = NEUTRAL_INSTANCE;
    } else if (section === 'workloads' && isMap(container)) {
      container[key as string] = NEUTRAL_WORKLOAD;
    } else if (section === 'designs' && rest[0] === 'pools' && rest.length === 2 && isMap(container)) {
      const pools = (container[key as string] as Json | undefined)?.pools;
      if (isMap(pools)) pools[rest[1] as string] = { instanceType: NEUTRAL_INSTANCE };
    } else if (section === 'designs' && rest.length === 1 && isMap(container) && isMap(container[key as string])) {
      delete (container[key as string] as Json)[rest[0] as string]; // a design's description or autoscaler
    } else if (isMap(container)) {
      delete container[key as string];
    } else {
      return null;
    }
    drop(entry);
  }
  return { raw: copy, dropped };
}

// The entry a rejected path belongs to: a top-level field, a named entry of a section, a pool.
function entryOf(path: Path): Path | null {
  const [section, key, sub, pool] = path;
  if (section === undefined) return null;
  if (
    key === undefined ||
    ['name', 'description', 'duration', 'seed', 'kubernetesVersion', 'sampleInterval', 'include'].includes(
      section as string,
    )
  )
    return [section];
  if (section === 'designs' && sub === 'pools' && pool !== undefined) return ['designs', key, 'pools', pool];
  if (section === 'designs' && sub !== undefined && sub !== 'pools') return ['designs', key, sub];
  return [section, key];
}

const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((k, i) => k === path[i]);

/** causedByDropping says whether a problem at `path` concerns a dropped entry, or a container that lost one. */
export function causedByDropping(path: Path, dropped: readonly Path[]): boolean {
  if (dropped.some((d) => startsWith(path, d) || startsWith(d, path))) return true;
  const whole = (section: string) => dropped.some((d) => d.length === 1 && d[0] === section);
  // A section set aside takes its names with it: what refers to them cannot be judged.
  if (whole('workloads') && path[0] === 'load') return true;
  if (whole('catalog') && path[path.length - 1] === 'instanceType') return true;
  if (whole('defaults') && path[0] === 'designs') return true;
  return (
    path[0] === 'faults' &&
    path[path.length - 1] === 'pool' &&
    dropped.some((d) => d[0] === 'designs' && d.length === 2)
  );
}
