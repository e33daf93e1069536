// Loading a scenario file: read → parse YAML → merge included manifests → validate (schema) →
// normalize (defaults, references, cross-checks). Every problem is collected with its file:line:col.
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { DaemonSetPod } from '../models/allocatable.js';
import { Cpu, Memory, WorkloadName } from './schema/primitives.js';
import { ScenarioFile } from './schema/scenario.js';
import { explainIssues, type Located } from './issues.js';
import { readManifests, type Manifests, type Origin } from './manifests.js';
import { rolloutsFromManifests } from './rollout-manifests.js';
import type { Scenario } from './model.js';
import { normalizeScenario } from './normalize.js';
import { causedByDropping, salvage, type Rejected } from './salvage.js';
import { formatPath, parseYaml, type Path, type Problem, type SourceDoc } from './source.js';
import { parseTrace, type TracePoint } from './trace.js';
import { confinedReader, MAX_FILE_BYTES } from './confine.js';
import { budgetProblems, DEFAULT_BUDGET, type Budget } from './budget.js';
import { scenarioWarnings, writtenIn, type ScenarioWarning } from './warnings.js';
import { formatBytes, ReadRefused, systemReason } from '../util/read-file.js';

/** ReadFile reads a file's text; it throws ReadRefused (or a system error, as fs does) when it cannot. */
export type ReadFile = (path: string) => string;

/** LoadResult is the scenario when it is sound, and what was found wrong or doubtful. */
export interface LoadResult {
  readonly scenario: Scenario | null;
  readonly problems: readonly Problem[];
  readonly warnings: readonly ScenarioWarning[];
}

/** EditDocument changes the document before it is checked (a sweep's variant), after included manifests are merged into it. */
export type EditDocument = (raw: Record<string, unknown>) => void;

/**
 * loadScenario loads the scenario file at `file`; `read` reads it and the files it names (by
 * default confined to the scenario's folder: confine.ts), `edit` changes it once manifests are merged (sweeps).
 */
export function loadScenario(
  file: string,
  read: ReadFile = confinedReader(file).read,
  edit?: EditDocument,
  budget: Budget = DEFAULT_BUDGET,
): LoadResult {
  const text = readOrProblem(file, read);
  if (typeof text !== 'string')
    return { scenario: null, problems: [{ file, line: 1, col: 1, path: '', message: text.problem }], warnings: [] };
  return loadScenarioText(file, text, read, edit, budget);
}

/** loadScenarioText loads scenario text that came from `file`; includes and traces are read relative to it. */
export function loadScenarioText(
  file: string,
  text: string,
  read: ReadFile = confinedReader(file).read,
  edit?: EditDocument,
  budget: Budget = DEFAULT_BUDGET,
): LoadResult {
  const parsed = parseYaml(file, text, false);
  const doc = parsed.docs[0]!;
  if (parsed.problems.length > 0) return { scenario: null, problems: capPerFile(parsed.problems), warnings: [] };
  const js = doc.toJS();
  if ('problem' in js) return { scenario: null, problems: [js.problem], warnings: [] };
  const raw = js.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      scenario: null,
      problems: [
        doc.problem(
          [],
          `the file holds ${raw === null || raw === undefined ? 'nothing' : 'no mapping'}; expected a scenario with name, duration, workloads and designs`,
        ),
      ],
      warnings: [],
    };
  }
  const scenarioDir = dirname(file);
  const manifests = readIncludes(doc, raw as Record<string, unknown>, scenarioDir, read);
  const problems: Problem[] = [...manifests.problems];
  const locate = locator(doc, manifests.origins);
  const merged = mergeManifests(raw as Record<string, unknown>, manifests, problems);
  const readDocs = (name: string) => {
    const text = readOrProblem(resolve(scenarioDir, name), read, name);
    if (typeof text !== 'string') return text;
    const parsed = parseYaml(shownPath(scenarioDir, name), text, true);
    return parsed.problems.length > 0
      ? { problem: `${JSON.stringify(name)} is not valid YAML; expected a manifest` }
      : parsed.docs;
  };
  rolloutsFromManifests(merged, readDocs, (path, message) => doc.problem(path, message), problems);
  // After the merge, so that a sweep can vary a field an included manifest supplies.
  edit?.(merged);

  const checked = ScenarioFile.safeParse(merged);
  const daemonSets = checkDaemonSets(manifests, problems);
  if (!checked.success) {
    append(problems, explainIssues(checked.error.issues, merged, ScenarioFile).map(locate));
    append(
      problems,
      crossChecksOfTheRest(merged, checked.error.issues.flatMap(rejectedBy), daemonSets, manifests.nodePools).map(
        locate,
      ),
    );
    return { scenario: null, problems: capPerFile(dedupe(problems)), warnings: capPerFile(manifests.warnings) };
  }
  const traces = readTraces(checked.data, doc, scenarioDir, read, problems);
  const located: Located[] = [];
  const scenario = normalizeScenario(
    checked.data,
    { traces, includedDaemonSets: daemonSets, nodePools: manifests.nodePools },
    located,
  );
  // What a sound scenario asks for, against the budget (budget.ts): only then are its figures known.
  if (located.length === 0 && problems.length === 0) append(located, budgetProblems(scenario, budget));
  append(problems, located.map(locate));
  const unique = capPerFile(dedupe(problems));
  // What may mislead in a sound scenario (warnings.ts), placed as its problems would be.
  const found =
    unique.length === 0 ? scenarioWarnings(scenario, { locate, written: writtenIn(doc, manifests.origins) }) : [];
  return {
    scenario: unique.length === 0 ? scenario : null,
    problems: unique,
    warnings: capPerFile([...manifests.warnings, ...found]),
  };
}

// Not push(...items): that passes each item as an argument, and a call takes ~100,000 at most,
// while a file of 100,000s of unknown keys has as many problems.
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/**
 * MAX_PROBLEMS_PER_FILE is how many problems (or warnings) one file gives. A file that is not a
 * scenario or manifest at all (a secrets file named by mistake: every line an unknown key) would
 * otherwise be listed line by line, 13 MB of stderr for 50,000 lines; the first hundred say it.
 */
const MAX_PROBLEMS_PER_FILE = 100;

function capPerFile<T extends Problem>(problems: readonly T[]): T[] {
  const counts = new Map<string, number>();
  const kept: T[] = [];
  const firstDropped = new Map<string, T>();
  for (const p of problems) {
    const n = (counts.get(p.file) ?? 0) + 1;
    counts.set(p.file, n);
    if (n <= MAX_PROBLEMS_PER_FILE) kept.push(p);
    else if (!firstDropped.has(p.file)) firstDropped.set(p.file, p);
  }
  for (const [file, p] of firstDropped) {
    const more = counts.get(file)! - MAX_PROBLEMS_PER_FILE;
    kept.push({
      ...p,
      path: '',
      message: `and ${more.toLocaleString('en-US')} more ${more === 1 ? 'problem' : 'problems'} in this file from here, not shown; expected the first ${MAX_PROBLEMS_PER_FILE} fixed first (is it the file you meant?)`,
    });
  }
  return kept;
}

// A mistake in `defaults` surfaces once per pool that inherits it: report it once.
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.col}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The cross-field checks, run on what passes the schema once the rejected entries are set aside.
// What a schema issue rejects: a misspelt key, a badly named entry, or the entry at its path.
function rejectedBy(issue: z.core.$ZodIssue): Rejected[] {
  const path = issue.path as Path;
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: [...path, k], exact: true }));
  if (issue.code === 'invalid_key') return [{ path, exact: true }];
  return [{ path }];
}

function crossChecksOfTheRest(
  merged: Record<string, unknown>,
  rejected: readonly Rejected[],
  daemonSets: readonly DaemonSetPod[],
  nodePools: Manifests['nodePools'],
): Located[] {
  const rest = salvage(merged, rejected);
  if (rest === null) return [];
  const checked = ScenarioFile.safeParse(rest.raw);
  if (!checked.success) return [];
  const located: Located[] = [];
  normalizeScenario(checked.data, { traces: new Map(), includedDaemonSets: daemonSets, nodePools }, located);
  return located.filter((l) => !causedByDropping(l.path, rest.dropped));
}

function readOrProblem(path: string, read: ReadFile, shown = path): string | { problem: string } {
  try {
    const text = read(path);
    // A reader given by a test may not bound its reads: check again.
    if (text.length > MAX_FILE_BYTES)
      return {
        problem: `cannot read ${JSON.stringify(shown)}: it is over ${formatBytes(MAX_FILE_BYTES)}; expected a smaller file`,
      };
    if (text.includes('\u0000'))
      return { problem: `${JSON.stringify(shown)} is binary (it holds NUL bytes); expected text` };
    return text;
  } catch (e) {
    const why = e instanceof ReadRefused ? e.message : systemReason(e);
    return { problem: `cannot read ${JSON.stringify(shown)}: ${why}` };
  }
}

function readIncludes(doc: SourceDoc, raw: Record<string, unknown>, dir: string, read: ReadFile): Manifests {
  const include = Array.isArray(raw.include) ? raw.include : [];
  const docs: SourceDoc[] = [];
  const problems: Problem[] = [];
  const included = new Map<string, number>();
  include.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') return; // the schema reports it
    const path = resolve(dir, name);
    const first = included.get(path);
    if (first !== undefined) {
      problems.push(
        doc.problem(
          ['include', i],
          `includes ${JSON.stringify(name)} again (it is include[${first}]); expected each file once`,
        ),
      );
      return;
    }
    included.set(path, i);
    const text = readOrProblem(path, read, name);
    if (typeof text !== 'string') {
      problems.push(doc.problem(['include', i], text.problem));
      return;
    }
    const parsed = parseYaml(shownPath(dir, name), text, true);
    append(problems, parsed.problems);
    if (parsed.problems.length === 0) append(docs, parsed.docs);
  });
  // A workload whose image the scenario restates may have more containers than the one image:
  // the scenario's image (their combined size) stands for them.
  const workloads = raw.workloads;
  const restatesImage = (w: string) =>
    isMap(workloads) && Object.hasOwn(workloads, w) && isMap(workloads[w]) && workloads[w].image !== undefined;
  const manifests = readManifests(docs, restatesImage);
  return { ...manifests, problems: [...problems, ...manifests.problems] };
}

// Manifests give the base; what the scenario writes wins, key by key.
/** mergeManifests puts what included manifests supply under what the scenario `raw` writes (HPAs joined to their targets). */
export function mergeManifests(
  raw: Record<string, unknown>,
  m: Manifests,
  problems: Problem[],
): Record<string, unknown> {
  // A `workloads:` that is not a mapping is the schema's to report, untouched.
  if (raw.workloads !== undefined && !isMap(raw.workloads)) return raw;
  const written = (raw.workloads ?? {}) as Record<string, unknown>;
  const workloads: Record<string, unknown> = { ...m.workloads };
  for (const [name, w] of Object.entries(written)) workloads[name] = deepMerge(workloads[name], w);
  const scaledBy = new Map<string, string>();
  for (const hpa of m.hpas) {
    const at = (p: Path) => [...hpa.at, ...p];
    const target = Object.hasOwn(workloads, hpa.targetName) ? workloads[hpa.targetName] : undefined;
    if (!isMap(target)) {
      const names = Object.keys(workloads);
      const hint =
        names.length > 0
          ? `; expected one of ${names.join(', ')}`
          : '; expected a Deployment or StatefulSet in the scenario or an included file';
      problems.push(
        hpa.source.problem(
          at(['spec', 'scaleTargetRef', 'name']),
          `HorizontalPodAutoscaler ${hpa.name} scales ${hpa.targetKind} "${hpa.targetName}", which no workload defines${hint}`,
        ),
      );
      continue;
    }
    const kind = typeof target.kind === 'string' ? target.kind : 'Deployment';
    if (hpa.targetKind !== '' && hpa.targetKind !== kind) {
      problems.push(
        hpa.source.problem(
          at(['spec', 'scaleTargetRef', 'kind']),
          `HorizontalPodAutoscaler ${hpa.name} scales a ${hpa.targetKind}, but "${hpa.targetName}" is a ${kind}; expected kind: ${kind}`,
        ),
      );
      continue;
    }
    const earlier = scaledBy.get(hpa.targetName);
    if (earlier !== undefined) {
      problems.push(
        hpa.source.problem(
          at(['metadata', 'name']),
          `HorizontalPodAutoscaler ${hpa.name} scales "${hpa.targetName}", which ${earlier} already scales; Kubernetes refuses to scale a target with two HPAs (AmbiguousSelector); expected one`,
        ),
      );
      continue;
    }
    scaledBy.set(hpa.targetName, `HorizontalPodAutoscaler ${hpa.name}`);
    target.hpa = deepMerge(hpa.hpa, target.hpa);
    for (const o of hpa.origins)
      m.origins.push({
        path: ['workloads', hpa.targetName, 'hpa', ...o.field],
        source: hpa.source,
        sourcePath: o.sourcePath,
      });
  }
  const merged = mergeSection(
    mergeSection(raw, 'podDisruptionBudgets', m.budgets),
    'priorityClasses',
    m.priorityClasses,
  );
  return Object.keys(workloads).length > 0 || raw.workloads !== undefined ? { ...merged, workloads } : merged;
}

// The manifests' objects of one section (PodDisruptionBudgets, PriorityClasses), under what the
// scenario writes of them.
function mergeSection(
  raw: Record<string, unknown>,
  key: string,
  fromManifests: Record<string, unknown>,
): Record<string, unknown> {
  if (Object.keys(fromManifests).length === 0 || (raw[key] !== undefined && !isMap(raw[key]))) return raw;
  const merged: Record<string, unknown> = { ...fromManifests };
  for (const [name, b] of Object.entries((raw[key] ?? {}) as Record<string, unknown>))
    merged[name] = deepMerge(merged[name], b);
  return { ...raw, [key]: merged };
}
function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

const DaemonSetSchema = z.strictObject({
  name: WorkloadName,
  cpu: Cpu,
  memory: Memory,
  hostNetwork: z.boolean().optional(),
});

function checkDaemonSets(m: Manifests, problems: Problem[]): DaemonSetPod[] {
  return m.daemonSets.flatMap((raw, i) => {
    const r = DaemonSetSchema.safeParse(raw);
    const origin = m.daemonSetOrigins[i]!;
    if (!r.success) {
      for (const issue of explainIssues(r.error.issues, raw, DaemonSetSchema))
        problems.push(origin.source.problem(origin.sourcePath, `${formatPath(issue.path)}: ${issue.message}`));
      return [];
    }
    return [
      {
        name: r.data.name,
        cpuMilli: r.data.cpu,
        memoryBytes: r.data.memory,
        ...(r.data.hostNetwork ? { hostNetwork: true } : {}),
      },
    ];
  });
}

function readTraces(
  file: z.output<typeof ScenarioFile>,
  doc: SourceDoc,
  dir: string,
  read: ReadFile,
  problems: Problem[],
): Map<string, TracePoint[]> {
  const traces = new Map<string, TracePoint[]>();
  for (const [workload, load] of Object.entries(file.load ?? {})) {
    const parts = load.profile === undefined ? [] : Array.isArray(load.profile) ? load.profile : [load.profile];
    parts.forEach((p, i) => {
      if (!('trace' in p) || traces.has(p.trace.file)) return;
      const at = ['load', workload, 'profile', ...(Array.isArray(load.profile) ? [i] : []), 'trace', 'file'];
      const text = readOrProblem(resolve(dir, p.trace.file), read, p.trace.file);
      if (typeof text !== 'string') return void problems.push(doc.problem(at, text.problem));
      const parsed = parseTrace(shownPath(dir, p.trace.file), text);
      append(problems, parsed.problems);
      traces.set(p.trace.file, parsed.points);
    });
  }
  return traces;
}

// How much of `path` the scenario file itself holds.
function deepestIn(doc: SourceDoc, path: Path): number {
  for (let n = path.length; n > 0; n--) if (doc.has(path.slice(0, n))) return n;
  return 0;
}

// A problem's place: in the scenario file when the path is written there, else in the manifest
// that supplied the value (the longest matching origin).
function locator(doc: SourceDoc, origins: readonly Origin[]) {
  return (l: Located): Problem => {
    const inScenario = deepestIn(doc, l.path);
    if (inScenario < l.path.length) {
      const origin = origins
        .filter((o) => o.path.length <= l.path.length && o.path.every((k, i) => k === l.path[i]))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (origin !== undefined && origin.path.length > inScenario) {
        const rest = l.path.slice(origin.path.length);
        const exact = [...origin.sourcePath, ...rest];
        if (origin.source.has(exact)) return origin.source.problem(exact, l.message, l.onKey ?? false);
        return origin.source.problem(
          origin.sourcePath,
          rest.length > 0 ? `${formatPath(rest)}: ${l.message}` : l.message,
        );
      }
    }
    return doc.problem(l.path, l.message, l.onKey ?? false);
  };
}

// How a file the scenario names is shown in problems: as written, after the scenario's folder.
function shownPath(dir: string, name: string): string {
  return isAbsolute(name) || dir === '.' ? name : `${dir}/${name}`;
}
