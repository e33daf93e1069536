// A cluster's state, as `kubectl get nodes,pods,deployments,statefulsets,daemonsets,
// horizontalpodautoscalers,poddisruptionbudgets,priorityclasses -A -o json` (or -o yaml) prints
// it, turned into a scenario that runs as it is: pools from the nodes' labels (a node group per
// GKE node pool, EKS node group, AKS agent pool or Karpenter NodePool, else per instance type),
// the workloads, HPAs, PodDisruptionBudgets, PriorityClasses and DaemonSets through the same reader
// as included manifests (manifests.ts), and the current design as `current`. Only what poolsim
// reads is written: never an environment variable, a secret or an annotation.
import { Document, parse as parseYamlValue, stringify } from 'yaml';
import { findInstanceType, type Provider } from '../models/instance-types.js';
import { excerpt } from '../util/text.js';
import { mergeManifests } from './load.js';
import { emptyManifests, readManifests, type Manifests } from './manifests.js';
import type { Node as NodeObject, Pod as PodObject } from 'kubernetes-types/core/v1.js';
import { nodeAffinity } from '../models/scheduler/plugins/node-filters.js';
import { jsonListItems } from './json-items.js';
import { get, isObject } from './pod-template.js';
import { parseYaml, type Problem } from './source.js';

/** DumpFile is one file of kubectl output: its name (as shown) and its bytes. */
export interface DumpFile {
  readonly file: string;
  readonly bytes: Buffer;
}

/** WhatIf is one `--what-if path=v1,v2`: a design per value, the current one with `path` set to it (`*` for every pool). */
export interface WhatIf {
  readonly path: readonly string[];
  readonly values: readonly string[];
}

/** ImportResult is the scenario (as data and as YAML), what the user should know (notes), and what was refused (problems); `usable` is false when nothing usable remains. */
export interface ImportResult {
  readonly scenario: Json;
  readonly yaml: string;
  /** pods are the dump's pods, for calibration. */
  readonly pods: readonly Json[];
  /** header is the YAML's opening comment; comments are on values (what was guessed). */
  readonly header: string;
  readonly comments: readonly ScenarioComment[];
  readonly notes: readonly string[];
  readonly problems: readonly string[];
  readonly usable: boolean;
}

type Json = Record<string, unknown>;
interface DumpObject {
  readonly file: string;
  readonly object: Json;
}

/** NO_IMAGE_SIZES opens the note that the dump gives no image sizes. */
export const NO_IMAGE_SIZES = 'the dump gives no image sizes';

/** READ_KINDS are the kinds the import reads; every other kind is skipped and counted. */
const READ_KINDS = [
  'Node',
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'PriorityClass',
];

// The label each provider's node groups carry, and the reservation profile its nodes follow.
const POOL_LABELS: ReadonlyArray<readonly [string, Provider | null, string]> = [
  ['cloud.google.com/gke-nodepool', 'gke', 'GKE node pool'],
  ['eks.amazonaws.com/nodegroup', 'eks', 'EKS node group'],
  ['kubernetes.azure.com/agentpool', 'aks', 'AKS agent pool'],
  ['karpenter.sh/nodepool', 'eks', 'Karpenter NodePool'],
];
const INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
const BUILT_IN_CLASSES = ['system-cluster-critical', 'system-node-critical'];
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
// Labels poolsim sets on every node itself (or per node): a pool that wrote them would contradict its nodes.
const SET_BY_POOLSIM = [
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
  'kubernetes.io/arch',
  'beta.kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/os',
];
// Taints the node lifecycle, the cloud or an autoscaler put on and take off: not the pool's own.
const TRANSIENT_TAINT_DOMAINS = ['node.kubernetes.io', 'node.cloudprovider.kubernetes.io', 'karpenter.sh'];
const isTransientTaint = (key: string) =>
  key === 'ToBeDeletedByClusterAutoscaler' ||
  key === 'DeletionCandidateOfClusterAutoscaler' ||
  TRANSIENT_TAINT_DOMAINS.some((d) => key.startsWith(`${d}/`));
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const nameOf = (raw: string) =>
  raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || 'pool';

const objectName = (m: unknown) => {
  const ns = get(m, 'metadata', 'namespace');
  const name = String(get(m, 'metadata', 'name'));
  return typeof ns === 'string' ? `${ns}/${name}` : name;
};

/** importCluster reads kubectl output and writes the scenario. */
export function importCluster(
  files: readonly DumpFile[],
  o: { name?: string; whatIf?: readonly WhatIf[] } = {},
): ImportResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const byKind = objectsByKind(files, problems, notes);
  const of = (kind: string) => byKind.get(kind) ?? [];
  const cluster = poolsOf(of('Node'), problems, notes);
  const manifests = workloadManifests(of, cluster, problems);
  const standalone = of('Pod').filter((d) => !Array.isArray(get(d.object, 'metadata', 'ownerReferences')));
  if (standalone.length > 0)
    notes.push(
      `${standalone.length} pod(s) without a controller (e.g. ${objectName(standalone[0]!.object)}) are not imported: poolsim simulates Deployments and StatefulSets`,
    );
  const mergeProblems: Problem[] = [];
  const scenario = mergeManifests({}, manifests, mergeProblems);
  for (const p of mergeProblems) problems.push(`${p.file}: ${p.message}`);
  const workloads = (scenario.workloads ?? {}) as Record<string, Json>;
  const unsized = Object.entries(workloads).filter(([, w]) => isObject(w.image));
  if (unsized.length > 0)
    notes.push(
      `${NO_IMAGE_SIZES}: ${unsized.length} workload(s) pull nothing until you fill in workloads.<name>.image.size (e.g. from \`docker manifest inspect\`, or \`poolsim calibrate\` with the cluster's events)`,
    );
  if (Object.keys(cluster.pools).length === 0) problems.push('no usable node: a scenario needs at least one pool');
  if (Object.keys(workloads).length === 0)
    problems.push('no usable Deployment or StatefulSet: a scenario needs a workload');
  const built = scenarioObject(
    { name: o.name ?? 'imported', files, merged: scenario, manifests, cluster },
    o.whatIf ?? [],
    problems,
  );
  const header =
    ` Imported by poolsim import from ${files.map((f) => f.file).join(', ')}.\n` +
    ' Only the fields poolsim reads are written: no environment variable, secret or annotation.\n' +
    ' Fill in: each workload image size (the dump has none), a load: profile for the HPAs to follow,\n' +
    ' and each pool min and max (written as its current size and twice that).';
  const comments: ScenarioComment[] = [
    ...(cluster.provider === null
      ? []
      : [
          {
            path: ['defaults', 'reservation'],
            comment: ` guessed from the nodes' ${cluster.from} labels: ${cluster.provider}'s reservation formula`,
          },
        ]),
    // The place to fill in each image's size.
    ...unsized.map(([name]) => ({
      path: ['workloads', name, 'image', 'name'],
      comment: ' size unknown: add its compressed size, e.g. size: 300M',
    })),
  ];
  return {
    scenario: built,
    yaml: scenarioYaml(built, header, comments),
    pods: of('Pod').map((d) => d.object),
    header,
    comments,
    notes,
    problems,
    usable: Object.keys(cluster.pools).length > 0 && Object.keys(workloads).length > 0,
  };
}

// The files' objects by kind; those of kinds poolsim does not read counted in one note.
function objectsByKind(files: readonly DumpFile[], problems: string[], notes: string[]): Map<string, DumpObject[]> {
  const skipped = new Map<string, number>();
  const byKind = new Map<string, DumpObject[]>();
  for (const d of files.flatMap((f) => objectsOf(f, problems))) {
    const kind = String(d.object.kind);
    if (!READ_KINDS.includes(kind)) skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
    else byKind.set(kind, [...(byKind.get(kind) ?? []), d]);
  }
  if (skipped.size > 0)
    notes.push(
      `skipped ${[...skipped].map(([k, n]) => `${n} ${k}`).join(', ')}: poolsim reads ${READ_KINDS.join(', ')}`,
    );
  return byKind;
}

// The workloads, HPAs, budgets, classes and DaemonSets through manifests.ts; the DaemonSets of
// some pools only go under those pools.
function workloadManifests(of: (kind: string) => DumpObject[], cluster: ImportedPools, problems: string[]): Manifests {
  // The built-in system classes are poolsim's own too: not restated.
  const classes = of('PriorityClass').filter((d) => !BUILT_IN_CLASSES.includes(objectName(d.object)));
  const nodes = of('Node').map((d) => d.object);
  const daemonSets = of('DaemonSet').map((d) => placedDaemonSet(d, nodes, cluster, problems));
  const manifests = manifestsOf(
    [
      ...['Deployment', 'StatefulSet', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'].flatMap(of),
      ...classes,
      ...daemonSets.filter((d): d is DumpObject => d !== null),
    ],
    problems,
  );
  for (const { daemonSet, pools } of cluster.perPool) {
    const read = manifestsOf([daemonSet], problems).daemonSets;
    for (const p of pools) {
      const pool = cluster.pools[p]!;
      pool.daemonSets = [...((pool.daemonSets as unknown[] | undefined) ?? []), ...read];
    }
  }
  return manifests;
}

/** firstByte is the first character of a file that is not white space ('' for none). */
export function firstByte(bytes: Buffer): string {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return String.fromCharCode(b);
  return '';
}

// A pod as far as the import and calibration read it: its name, controller and status timings.
function slim(item: unknown): unknown {
  if (get(item, 'kind') !== 'Pod' || !isObject(item)) return item;
  const metadata = isObject(item.metadata) ? item.metadata : {};
  return {
    apiVersion: item.apiVersion,
    kind: 'Pod',
    metadata: { name: metadata.name, namespace: metadata.namespace, ownerReferences: metadata.ownerReferences },
    status: {
      conditions: get(item, 'status', 'conditions'),
      containerStatuses: ((get(item, 'status', 'containerStatuses') ?? []) as unknown[]).map((c) => ({
        state: { running: { startedAt: get(c, 'state', 'running', 'startedAt') } },
      })),
    },
  };
}

// The objects of one file: JSON or YAML, one object, several documents, or a List.
function objectsOf(f: DumpFile, problems: string[]): DumpObject[] {
  const values: unknown[] = [];
  const head = firstByte(f.bytes);
  if (head === '{' || head === '[') {
    try {
      const list = jsonListItems(f.bytes);
      if (list === null) values.push(JSON.parse(f.bytes.toString('utf8')));
      // A List item by item, each pod kept only for what calibration reads.
      else values.push({ kind: 'List', items: Array.from(list.items, slim) });
    } catch (e) {
      problems.push(
        `${f.file}: is not valid JSON (${excerpt((e as Error).message, 80)}); expected what kubectl get … -o json prints`,
      );
      return [];
    }
  } else {
    const parsed = parseYaml(f.file, f.bytes.toString('utf8'), true);
    if (parsed.problems.length > 0) {
      problems.push(`${f.file}: is neither JSON nor valid YAML; expected what kubectl get … -o json or -o yaml prints`);
      return [];
    }
    for (const d of parsed.docs) {
      const js = d.toJS();
      if ('value' in js && js.value !== null && js.value !== undefined) values.push(js.value);
    }
  }
  const out: DumpObject[] = [];
  for (const v of values) {
    const items = get(v, 'kind') === 'List' && Array.isArray(get(v, 'items')) ? (get(v, 'items') as unknown[]) : [v];
    items.forEach((item, i) => {
      if (!isObject(item) || typeof item.kind !== 'string' || typeof get(item, 'metadata', 'name') !== 'string') {
        problems.push(`${f.file}: item ${i}: not a Kubernetes object (no kind or metadata.name); skipped`);
        return;
      }
      out.push({ file: f.file, object: item });
    });
  }
  if (out.length === 0 && values.length > 0 && problems.length === 0)
    problems.push(`${f.file}: holds no Kubernetes object; expected what kubectl get … -o json prints`);
  return out;
}

/**
 * placedDaemonSet: a DaemonSet whose node selector and required affinity every node of the dump
 * meets runs everywhere: imported without them (a scenario's included DaemonSets run on every
 * node). One that some pools' nodes meet goes under those pools (in every design); one no node
 * meets is left out.
 */
function placedDaemonSet(
  d: DumpObject,
  nodes: readonly Json[],
  cluster: ImportedPools,
  problems: string[],
): DumpObject | null {
  const spec = get(d.object, 'spec', 'template', 'spec');
  if (!isObject(spec) || (spec.nodeSelector === undefined && get(spec, 'affinity', 'nodeAffinity') === undefined))
    return d;
  const probe = {
    spec: { containers: [], nodeSelector: spec.nodeSelector, affinity: spec.affinity },
  } as unknown as PodObject;
  const runsOn = (n: Json) => nodeAffinity(probe, n as NodeObject).code === 'Success';
  const object = structuredClone(d.object);
  const own = get(object, 'spec', 'template', 'spec') as Json;
  delete own.nodeSelector;
  if (isObject(own.affinity)) delete own.affinity.nodeAffinity;
  const stripped: DumpObject = { file: d.file, object };
  if (nodes.every(runsOn)) return stripped;
  const pools = Object.entries(cluster.members)
    .filter(([, members]) => members.some(runsOn))
    .map(([p]) => p);
  if (pools.length === 0)
    problems.push(`${d.file}: DaemonSet ${objectName(d.object)}: runs on no node of the dump; skipped`);
  else cluster.perPool.push({ daemonSet: stripped, pools });
  return null;
}

// Each object through manifests.ts on its own (so that one refused object drops only itself), the
// results joined for the merge.
function manifestsOf(objects: readonly DumpObject[], problems: string[]): Manifests {
  const all = emptyManifests();
  for (const d of objects) {
    const m = trimmed(d.object);
    const parsed = parseYaml(d.file, stringify(m), false);
    const read = readManifests(parsed.docs, () => true);
    if (read.problems.length > 0) {
      for (const p of read.problems)
        problems.push(
          `${d.file}: ${String(m.kind)} ${objectName(m)}: ${p.path === '' ? '' : `${p.path}: `}${p.message}; skipped`,
        );
      continue;
    }
    Object.assign(all.workloads, read.workloads);
    Object.assign(all.budgets, read.budgets);
    Object.assign(all.priorityClasses, read.priorityClasses);
    all.hpas.push(...read.hpas);
    all.daemonSets.push(...read.daemonSets);
    all.daemonSetOrigins.push(...read.daemonSetOrigins);
  }
  return all;
}

// An object without what poolsim never reads (status, managed fields, annotations, env): smaller to
// convert, and nothing secret is ever held.
function trimmed(o: Json): Json {
  const metadata = isObject(o.metadata) ? o.metadata : {};
  const keep: Json = {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    },
  };
  for (const k of ['spec', 'value', 'preemptionPolicy', 'globalDefault', 'description'])
    if (o[k] !== undefined) keep[k] = o[k];
  return JSON.parse(JSON.stringify(keep, (key, v) => (key === 'env' || key === 'envFrom' ? undefined : v))) as Json;
}

/** ImportedPools are the nodes' pools, zones, Kubernetes version and provider. */
interface ImportedPools {
  readonly pools: Record<string, Json>;
  /** members are each pool's nodes (a pool split per zone: each zone's). */
  readonly members: Record<string, Json[]>;
  /** perPool: DaemonSets that run on some pools' nodes only, to list under those pools. */
  readonly perPool: Array<{ readonly daemonSet: DumpObject; readonly pools: readonly string[] }>;
  readonly zones: readonly string[];
  readonly version: string | null;
  readonly provider: Provider | null;
  readonly from: string;
}

function poolsOf(nodes: readonly DumpObject[], problems: string[], notes: string[]): ImportedPools {
  const groups = new Map<string, Json[]>();
  const providers = new Map<Provider, number>();
  const sources = new Set<string>();
  const versions = new Map<string, number>();
  for (const { file, object: n } of nodes) {
    const labels = (get(n, 'metadata', 'labels') ?? {}) as Record<string, string>;
    const by = POOL_LABELS.find(([key]) => typeof labels[key] === 'string');
    const type = labels[INSTANCE_TYPE] ?? labels['beta.kubernetes.io/instance-type'];
    if (type === undefined) {
      problems.push(
        `${file}: Node ${objectName(n)}: has no ${INSTANCE_TYPE} label; skipped (poolsim sizes a node by its type)`,
      );
      continue;
    }
    if (by?.[1]) providers.set(by[1], (providers.get(by[1]) ?? 0) + 1);
    sources.add(by?.[2] ?? 'instance type');
    const pool = nameOf(by === undefined ? type : labels[by[0]]!);
    groups.set(pool, [...(groups.get(pool) ?? []), n]);
    const v = /^v?(\d+)\.(\d+)/.exec(String(get(n, 'status', 'nodeInfo', 'kubeletVersion') ?? ''));
    if (v !== null) versions.set(`${v[1]}.${v[2]}`, (versions.get(`${v[1]}.${v[2]}`) ?? 0) + 1);
  }
  const zoneOf = (n: Json) => {
    const labels = (get(n, 'metadata', 'labels') ?? {}) as Record<string, string>;
    return ZONE_LABELS.map((k) => labels[k]).find((z) => typeof z === 'string') ?? null;
  };
  const zones = [...new Set(nodes.map((d) => zoneOf(d.object)).filter((z): z is string => z !== null))].sort();
  const pools: Record<string, Json> = {};
  const membersOf: Record<string, Json[]> = {};
  for (const [name, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const pool = poolFrom(name, members, zoneOf, zones, notes);
    for (const [key, value] of Object.entries(pool)) {
      pools[key] = value;
      const zoneList = value.zones as string[] | undefined;
      membersOf[key] =
        Object.keys(pool).length === 1
          ? [...members]
          : members.filter((n) => zoneList?.includes(zoneOf(n) ?? '') === true);
    }
  }
  const provider = [...providers].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const version = [...versions].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { pools, members: membersOf, perPool: [], zones, version, provider, from: [...sources].join(', ') };
}

// One node group as a pool: its type, size, zones and the labels and taints all its nodes share.
// Over zones with unequal counts, a pool per zone (a pool's initial, min and max are per zone).
function poolFrom(
  name: string,
  members: readonly Json[],
  zoneOf: (n: Json) => string | null,
  zones: readonly string[],
  notes: string[],
): Record<string, Json> {
  const first = members[0]!;
  const typeName = String(
    get(first, 'metadata', 'labels', INSTANCE_TYPE) ??
      get(first, 'metadata', 'labels', 'beta.kubernetes.io/instance-type'),
  );
  const builtIn = findInstanceType(typeName);
  let instanceType: unknown = typeName;
  if (builtIn === undefined) {
    instanceType = {
      cpu: String(get(first, 'status', 'capacity', 'cpu') ?? '1'),
      memory: String(get(first, 'status', 'capacity', 'memory') ?? '1Gi'),
    };
    notes.push(
      `pool ${name}: ${typeName} is not a built-in type; written as its capacity with no price (give it pricePerHour)`,
    );
  }
  const labelSets = members.map((n) => (get(n, 'metadata', 'labels') ?? {}) as Record<string, string>);
  const labels = Object.fromEntries(
    Object.entries(labelSets[0]!).filter(([k, v]) => !SET_BY_POOLSIM.includes(k) && labelSets.every((l) => l[k] === v)),
  );
  const taintsOf = (n: Json) =>
    ((get(n, 'spec', 'taints') ?? []) as Json[])
      .filter((t) => typeof t.key === 'string' && !isTransientTaint(String(t.key)))
      .map((t) => ({
        key: String(t.key),
        ...(t.value === undefined ? {} : { value: String(t.value) }),
        effect: String(t.effect),
      }));
  const key = (t: { key: string; value?: string; effect: string }) => `${t.key}=${t.value ?? ''}:${t.effect}`;
  const taints = taintsOf(first).filter((t) => members.every((n) => taintsOf(n).some((u) => key(u) === key(t))));
  const placement = {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(taints.length > 0 ? { taints } : {}),
  };
  const inZone = new Map<string, number>();
  for (const n of members) {
    const z = zoneOf(n);
    if (z !== null) inZone.set(z, (inZone.get(z) ?? 0) + 1);
  }
  const counts = [...inZone.values()];
  const sized = (count: number) => ({ instanceType, initial: count, min: count, max: count * 2 });
  if (zones.length === 0 || inZone.size === 0) return { [name]: { ...sized(members.length), ...placement } };
  if (counts.every((c) => c === counts[0]))
    return { [name]: { ...sized(counts[0]!), zones: [...inZone.keys()].sort(), ...placement } };
  // Unequal zones: a pool per zone keeps each zone's count.
  return Object.fromEntries(
    [...inZone]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([z, count]) => [
        NAME.test(`${name}-${z}`) ? `${name}-${z}` : nameOf(`${name}-${z}`),
        { ...sized(count), zones: [z], ...placement },
      ]),
  );
}

/** ScenarioParts are what the scenario is made of: its name and files, the manifests merged, the pools. */
interface ScenarioParts {
  readonly name: string;
  readonly files: readonly DumpFile[];
  readonly merged: Json;
  readonly manifests: Manifests;
  readonly cluster: ImportedPools;
}

// The scenario as data: the cluster as `current`, and a design per --what-if value.
function scenarioObject(
  { name, files, merged, manifests, cluster }: ScenarioParts,
  whatIf: readonly WhatIf[],
  problems: string[],
): Json {
  const workloads = (merged.workloads ?? {}) as Json;
  const designs: Json = {
    current: { description: `The cluster as imported: ${cluster.from}.`, pools: cluster.pools },
  };
  for (const w of whatIf) {
    w.values.forEach((value) => {
      const pools = structuredClone(cluster.pools) as Record<string, Json>;
      const [head, ...rest] = w.path;
      if (head !== 'pools' || rest.length < 2) {
        problems.push(
          `--what-if ${w.path.join('.')}: expected a path pools.<pool or *>.<field>, e.g. pools.*.instanceType`,
        );
        return;
      }
      const [pool, ...field] = rest;
      const targets =
        pool === '*' ? Object.keys(pools) : Object.keys(pools).filter((p) => p === pool || p.startsWith(`${pool}-`));
      if (targets.length === 0) {
        problems.push(
          `--what-if ${w.path.join('.')}: no pool ${pool}; expected one of ${Object.keys(pools).join(', ')} or *`,
        );
        return;
      }
      for (const t of targets) setIn(pools[t]!, field, parseYamlValue(value) as unknown);
      designs[nameOf(`${w.path.at(-1)}-${value}`)] = {
        description: `current, with ${w.path.join('.')} = ${value}.`,
        pools,
      };
    });
  }
  const scenario: Json = {
    name: nameOf(name),
    description: `Imported from ${files.map((f) => f.file).join(', ')}.`,
    duration: '1h',
    ...(cluster.version === null ? {} : { kubernetesVersion: cluster.version }),
    ...(cluster.zones.length > 0 ? { zones: cluster.zones } : {}),
    ...(merged.priorityClasses === undefined ? {} : { priorityClasses: merged.priorityClasses }),
    ...(merged.podDisruptionBudgets === undefined ? {} : { podDisruptionBudgets: merged.podDisruptionBudgets }),
    workloads,
    defaults: {
      ...(cluster.provider === null ? {} : { reservation: cluster.provider }),
      ...(manifests.daemonSets.length > 0 ? { daemonSets: manifests.daemonSets } : {}),
    },
    designs,
  };
  return scenario;
}

/** ScenarioComment is a comment on the value at a path of the scenario. */
export interface ScenarioComment {
  readonly path: readonly (string | number)[];
  readonly comment: string;
}

/** scenarioYaml writes a scenario with its opening comment and comments on values. */
export function scenarioYaml(scenario: Json, header: string, comments: readonly ScenarioComment[]): string {
  const doc = new Document(scenario, { aliasDuplicateObjects: false });
  doc.commentBefore = header;
  for (const c of comments) {
    const node = doc.getIn(c.path, true) as { comment?: string } | undefined;
    if (node !== undefined && typeof node === 'object') node.comment = c.comment;
  }
  return String(doc);
}

function setIn(target: Json, path: readonly string[], value: unknown): void {
  let at = target;
  for (const k of path.slice(0, -1)) {
    if (!isObject(at[k])) at[k] = {};
    at = at[k] as Json;
  }
  at[path.at(-1)!] = value;
}
