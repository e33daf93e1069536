// Real Kubernetes manifests as input: Deployments and StatefulSets become workloads, HPAs join their
// target, DaemonSets become per-node overhead. Values are copied as written (quantities stay
// strings) so that the scenario schema checks them, and each remembers where it came from.
import { excerpt } from '../util/text.js';
import { readEc2NodeClass, readNodePool, type NodePoolSpec } from './karpenter-node-pool.js';
import { podLimits, podRequests } from './pod-requests.js';
import { checkDaemonSetPod, get, isObject, POD, readWorkloadPod, type Json, type Refuse } from './pod-template.js';
import { formatPath, type Path, type Problem, type SourceDoc } from './source.js';
import type { ScenarioWarning } from './warnings.js';

/** Origin says that the written value at `path` came from `source` at `sourcePath`. */
export interface Origin {
  readonly path: Path;
  readonly source: SourceDoc;
  readonly sourcePath: Path;
}

/** HpaManifest is an HPA waiting to be joined to its target workload. */
interface HpaManifest {
  readonly name: string;
  readonly targetKind: string;
  readonly targetName: string;
  readonly hpa: Json;
  readonly source: SourceDoc;
  readonly origins: ReadonlyArray<{ readonly field: Path; readonly sourcePath: Path }>;
  /** at is the HPA object's path in its file (inside a List's items). */
  readonly at: Path;
}

/** Manifests is what included files contribute. */
export interface Manifests {
  readonly workloads: Record<string, Json>;
  readonly budgets: Record<string, Json>;
  readonly priorityClasses: Record<string, Json>;
  readonly hpas: HpaManifest[];
  readonly daemonSets: Json[];
  readonly daemonSetOrigins: Origin[];
  /** nodePools are the karpenter.sh/v1 NodePools by name; problems found later at ['nodePools', name, …] point into their manifests (origins). */
  readonly nodePools: Record<string, NodePoolSpec>;
  readonly origins: Origin[];
  readonly problems: Problem[];
  readonly warnings: ScenarioWarning[];
}

/** Placed is a manifest object inside its file: problems and origins get the object's own path prefix. */
class Placed {
  constructor(
    readonly source: SourceDoc,
    readonly at: Path,
  ) {}
  path(p: Path): Path {
    return [...this.at, ...p];
  }
  problem(p: Path, message: string): Problem {
    return this.source.problem(this.path(p), message);
  }
  /** refuser reports into `problems`. */
  refuser(problems: Problem[]): Refuse {
    return (p, message) => problems.push(this.problem(p, message));
  }
}

/**
 * RestatesImage says whether the scenario itself writes `workloads.<name>.image`: then it gives the
 * size of all the pod's images, and the manifest's other containers' images may stand.
 */
export type RestatesImage = (workload: string) => boolean;

/** emptyManifests is what no file contributes. */
export function emptyManifests(): Manifests {
  return {
    workloads: {},
    budgets: {},
    priorityClasses: {},
    hpas: [],
    daemonSets: [],
    daemonSetOrigins: [],
    nodePools: {},
    origins: [],
    problems: [],
    warnings: [],
  };
}

/** readManifests converts the documents of the included files; `restatesImage` looks into the scenario. */
export function readManifests(docs: readonly SourceDoc[], restatesImage: RestatesImage = () => false): Manifests {
  const out = emptyManifests();
  const seen = new Map<string, string>(); // "kind/name" → where it was first defined
  for (const source of docs) {
    const js = source.toJS();
    if ('problem' in js) {
      out.problems.push(js.problem);
      continue;
    }
    if (js.value === null || js.value === undefined) continue; // an empty document between ---
    // `kubectl get -o yaml` writes a List whose items are the objects.
    const objects: Array<[unknown, Path]> =
      get(js.value, 'kind') === 'List' && Array.isArray(get(js.value, 'items'))
        ? (get(js.value, 'items') as unknown[]).map((item, i) => [item, ['items', i]])
        : [[js.value, []]];
    for (const [m, at] of objects) readObject(out, new Placed(source, at), m, seen, restatesImage);
  }
  return out;
}

/** READ_KINDS are the kinds of object poolsim reads from an included manifest; others are ignored (with a warning). */
export const READ_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'DaemonSet',
  'PodDisruptionBudget',
  'PriorityClass',
  'NodePool',
  'EC2NodeClass',
];

function readObject(
  out: Manifests,
  place: Placed,
  m: unknown,
  seen: Map<string, string>,
  restatesImage: RestatesImage,
): void {
  const kind = get(m, 'kind');
  const name = get(m, 'metadata', 'name');
  if (typeof kind !== 'string' || typeof name !== 'string') {
    const missing = typeof kind !== 'string' ? 'kind' : 'metadata.name';
    out.problems.push(
      place.problem(
        [],
        `not a Kubernetes object: it has no ${missing}; expected an object with kind and metadata.name`,
      ),
    );
    return;
  }
  const known = READ_KINDS;
  if (!known.includes(kind)) {
    out.warnings.push({
      ...place.problem(['kind'], `${kind} ${name} is not used by poolsim (it reads ${known.join(', ')}); ignored`),
      code: 'ignored-kind',
    });
    return;
  }
  if (kind === 'NodePool' || kind === 'EC2NodeClass') {
    addKarpenterObject(out, place, m, { kind, name }, seen);
    return;
  }
  const named = namespaced(m, name);
  if (named === null) {
    out.problems.push(
      place.problem(
        ['metadata', 'namespace'],
        `${kind} ${name}: ${excerpt(String(get(m, 'metadata', 'namespace')), 40)} is not a namespace; expected a DNS label such as shop`,
      ),
    );
    return;
  }
  // Workloads (Deployments and StatefulSets) share one set of names in a namespace; HPAs and
  // DaemonSets have their own. A workload in a namespace is namespace/name in the scenario.
  const key = `${kind === 'StatefulSet' ? 'Deployment' : kind}/${named}`;
  const first = seen.get(key);
  if (first !== undefined) {
    out.problems.push(
      place.problem(
        ['metadata', 'name'],
        `${kind} ${named} is defined again (first at ${first}); expected each name once in a namespace across the included files`,
      ),
    );
    return;
  }
  seen.set(key, `${place.source.file}`);
  if (kind === 'Deployment' || kind === 'StatefulSet') {
    addWorkload(out, place, m as Json, kind, named);
    if (!restatesImage(named)) refuseOtherImages(place, m as Json, named, out.problems);
  } else if (kind === 'HorizontalPodAutoscaler') addHpa(out, place, m as Json, named);
  else if (kind === 'PodDisruptionBudget') addBudget(out, place, m as Json, named);
  else if (kind === 'PriorityClass') addPriorityClass(out, place, m as Json, name);
  else addDaemonSet(out, place, m as Json, named);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * namespaced is an object's name as the scenario knows it: `namespace/name`, or `name` alone in the
 * default namespace (none written, or `default`: where kubectl applies an object that names none).
 * Null when the namespace is not a DNS label.
 */
function namespaced(m: unknown, name: string): string | null {
  const ns = get(m, 'metadata', 'namespace');
  if (ns === undefined || ns === 'default') return name;
  return typeof ns === 'string' && DNS_LABEL.test(ns) ? `${ns}/${name}` : null;
}

function addWorkload(out: Manifests, place: Placed, m: Json, kind: string, name: string): void {
  const base: Path = ['workloads', name];
  const w: Json = { kind };
  const origin = (field: Path, sourcePath: Path) =>
    out.origins.push({ path: [...base, ...field], source: place.source, sourcePath: place.path(sourcePath) });
  origin([], ['metadata', 'name']);
  // Without spec.replicas the API server defaults to 1; an HPA then sets its minimum, as the
  // scenario's own default does, so leave it to the scenario.
  const replicas = get(m, 'spec', 'replicas');
  if (replicas !== undefined) {
    w.replicas = replicas;
    origin(['replicas'], ['spec', 'replicas']);
  }
  const requests = podRequests(m, place.refuser(out.problems));
  if (requests !== undefined) {
    w.requests = requests.value;
    origin(['requests'], requests.from);
  }
  const limits = podLimits(m, place.refuser(out.problems));
  if (limits !== undefined) {
    w.limits = limits.value;
    origin(['limits'], [...POD, 'containers']);
    for (const [r, from] of Object.entries(limits.from)) origin(['limits', r], from);
  }
  const image = get(m, ...POD, 'containers', 0, 'image');
  if (typeof image === 'string') {
    w.image = { name: image };
    origin(['image'], [...POD, 'containers', 0, 'image']);
  }
  const seconds = (path: Path, field: string) => {
    const value = secondsField(place, path, get(m, ...path), out.problems);
    if (value === undefined) return;
    w[field] = value;
    origin([field], path);
  };
  seconds([...POD, 'terminationGracePeriodSeconds'], 'terminationGracePeriod');
  seconds(['spec', 'minReadySeconds'], 'minReady');
  if (kind === 'Deployment') {
    seconds(['spec', 'progressDeadlineSeconds'], 'progressDeadline');
    readStrategy(m, w, origin);
  }
  const policy = get(m, 'spec', 'podManagementPolicy');
  if (kind === 'StatefulSet' && policy !== undefined) {
    w.podManagementPolicy = policy;
    origin(['podManagementPolicy'], ['spec', 'podManagementPolicy']);
  }
  const update = get(m, 'spec', 'updateStrategy');
  if (kind === 'StatefulSet' && isObject(update)) {
    const rolling = get(update, 'rollingUpdate');
    w.updateStrategy = {
      ...(update.type === undefined ? {} : { type: update.type }),
      ...(get(rolling, 'partition') === undefined ? {} : { partition: get(rolling, 'partition') }),
      ...(get(rolling, 'maxUnavailable') === undefined ? {} : { maxUnavailable: get(rolling, 'maxUnavailable') }),
    };
    origin(['updateStrategy'], ['spec', 'updateStrategy']);
  }
  const ready = readinessDelay(place, m, out.problems);
  if (ready !== undefined) {
    w.readinessDelay = `${ready.seconds}s`;
    origin(['readinessDelay'], ready.from);
  }
  const hostPort = hostPortOf(m);
  if (hostPort !== undefined) w.hostPort = hostPort;
  readWorkloadPod(m, w, origin, place.refuser(out.problems));
  const claims = get(m, 'spec', 'volumeClaimTemplates');
  if (kind === 'StatefulSet' && Array.isArray(claims) && claims.length > 0) w.volumesPerReplica = claims.length;
  out.workloads[name] = w;
}

// A manifest's whole-seconds field as a scenario duration ("30s"), or a problem where it stands.
// A malformed value is reported here and replaced by 0s, so that it is not reported twice.
function secondsField(
  place: Placed,
  path: Path,
  value: unknown,
  problems: Problem[],
  required = false,
): string | undefined {
  const seconds = wholeSeconds(place, path, value, problems, required);
  return seconds === undefined ? undefined : `${seconds}s`;
}

function wholeSeconds(
  place: Placed,
  path: Path,
  value: unknown,
  problems: Problem[],
  required = false,
): number | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const field = String(path[path.length - 1]);
  const what =
    value === undefined || value === null
      ? `${field} is missing`
      : typeof value === 'number' && value < 0
        ? `${value} is negative`
        : `${JSON.stringify(value)} is not a whole number of seconds`;
  problems.push(
    place.problem(value === undefined ? path.slice(0, -1) : path, `${what}; expected whole seconds, e.g. 30`),
  );
  return 0;
}

// Simplified: a pod is Ready once its slowest container's startup probe, then its readiness probe,
// have waited their initialDelaySeconds; probe periods, thresholds and failures are not modelled.
function readinessDelay(place: Placed, m: Json, problems: Problem[]): { seconds: number; from: Path } | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers)) return undefined;
  let slowest: { seconds: number; from: Path } | undefined;
  containers.forEach((c, i) => {
    const delays = (['readinessProbe', 'startupProbe'] as const).flatMap((probe) => {
      const from = [...POD, 'containers', i, probe, 'initialDelaySeconds'];
      const seconds = wholeSeconds(place, from, get(c, probe, 'initialDelaySeconds'), problems);
      return seconds === undefined ? [] : [{ seconds, from }];
    });
    if (delays.length === 0) return;
    const seconds = delays.reduce((sum, d) => sum + d.seconds, 0);
    if (slowest === undefined || seconds > slowest.seconds) slowest = { seconds, from: delays[0]!.from };
  });
  return slowest;
}

// A Deployment's spec.strategy, copied as written for the scenario schema to check.
function readStrategy(m: Json, w: Json, origin: (field: Path, sourcePath: Path) => void): void {
  const strategy = get(m, 'spec', 'strategy');
  if (!isObject(strategy)) return;
  const s: Json = {};
  origin(['strategy'], ['spec', 'strategy']);
  const fields: Array<[string, Path]> = [
    ['type', ['type']],
    ['maxSurge', ['rollingUpdate', 'maxSurge']],
    ['maxUnavailable', ['rollingUpdate', 'maxUnavailable']],
  ];
  for (const [field, path] of fields) {
    const value = get(strategy, ...path);
    if (value === undefined) continue;
    s[field] = value;
    origin(['strategy', field], ['spec', 'strategy', ...path]);
  }
  w.strategy = s;
}

// poolsim pulls one image a workload, the first container's: the others' are refused unless the
// scenario restates the workload's image (with the size of them all).
function refuseOtherImages(place: Placed, m: Json, name: string, problems: Problem[]): void {
  const first = get(m, ...POD, 'containers', 0, 'image');
  for (const list of ['containers', 'initContainers']) {
    const items = get(m, ...POD, list);
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      const image = get(c, 'image');
      if (typeof image !== 'string' || image === first) return;
      problems.push(
        place.problem(
          [...POD, list, i, 'image'],
          `${excerpt(image)} is not pulled: poolsim pulls one image a workload, the first container's; expected the workload's image restated in the scenario with their combined size (${formatPath(['workloads', name, 'image'])}: { name, size })`,
        ),
      );
    });
  }
}

function hostPortOf(m: Json): number | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers)) return undefined;
  for (const c of containers) {
    const ports = get(c, 'ports');
    const port = Array.isArray(ports) ? ports.find((p) => typeof get(p, 'hostPort') === 'number') : undefined;
    if (port !== undefined) return get(port, 'hostPort') as number;
  }
  return undefined;
}

// Copies a manifest's fields into the scenario's `section.name`, recording where each came from.
function copier(out: Manifests, place: Placed, m: Json, at: { section: string; name: string; into: Json }) {
  const { section, name, into } = at;
  out.origins.push({ path: [section, name], source: place.source, sourcePath: place.path(['metadata', 'name']) });
  return (field: string, from: Path) => {
    const v = get(m, ...from);
    if (v === undefined) return;
    into[field] = v;
    out.origins.push({ path: [section, name, field], source: place.source, sourcePath: place.path(from) });
  };
}

// Karpenter's objects are cluster-scoped: a NodePool is read for the designs that name it; an
// EC2NodeClass is checked for what would change capacity and otherwise accepted as it is.
function addKarpenterObject(
  out: Manifests,
  place: Placed,
  m: unknown,
  { kind, name }: { readonly kind: 'NodePool' | 'EC2NodeClass'; readonly name: string },
  seen: Map<string, string>,
): void {
  const key = `${kind}/${name}`;
  const first = seen.get(key);
  if (first !== undefined) {
    out.problems.push(
      place.problem(
        ['metadata', 'name'],
        `${kind} ${name} is defined again (first at ${first}); expected each name once across the included files`,
      ),
    );
    return;
  }
  seen.set(key, place.source.file);
  const read = kind === 'NodePool' ? readNodePool(m) : { nodePool: null, problems: readEc2NodeClass(m) };
  for (const p of read.problems) out.problems.push(place.problem(p.path, `${kind} ${name}: ${p.message}`));
  if (read.nodePool === null) return;
  out.nodePools[name] = read.nodePool;
  out.origins.push({ path: ['nodePools', name], source: place.source, sourcePath: place.path([]) });
}

// A PriorityClass (cluster-scoped, so by its name alone), copied as written for the schema to check.
function addPriorityClass(out: Manifests, place: Placed, m: Json, name: string): void {
  const c: Json = {};
  const copy = copier(out, place, m, { section: 'priorityClasses', name, into: c });
  for (const field of ['value', 'preemptionPolicy', 'globalDefault']) copy(field, [field]);
  out.priorityClasses[name] = c;
}

// A PodDisruptionBudget's spec, copied as written for the scenario schema to check.
function addBudget(out: Manifests, place: Placed, m: Json, name: string): void {
  const b: Json = {};
  const copy = copier(out, place, m, { section: 'podDisruptionBudgets', name, into: b });
  copy('namespace', ['metadata', 'namespace']);
  for (const field of ['selector', 'minAvailable', 'maxUnavailable']) copy(field, ['spec', field]);
  const policy = get(m, 'spec', 'unhealthyPodEvictionPolicy');
  if (policy !== undefined && policy !== 'IfHealthyBudget')
    out.problems.push(
      place.problem(
        ['spec', 'unhealthyPodEvictionPolicy'],
        `PodDisruptionBudget ${name}: ${excerpt(String(policy), 40)} is not modelled (a budget's unhealthy pods count against it); expected IfHealthyBudget, or the field left out`,
      ),
    );
  out.budgets[name] = b;
}

function addHpa(out: Manifests, place: Placed, m: Json, name: string): void {
  const targetKind = String(get(m, 'spec', 'scaleTargetRef', 'kind') ?? '');
  const refName = get(m, 'spec', 'scaleTargetRef', 'name');
  // scaleTargetRef names a workload in the HPA's own namespace.
  const slash = name.lastIndexOf('/');
  const targetName = typeof refName === 'string' && slash >= 0 ? `${name.slice(0, slash)}/${refName}` : refName;
  if (typeof targetName !== 'string') {
    out.problems.push(
      place.problem(
        ['spec', 'scaleTargetRef'],
        `HorizontalPodAutoscaler ${name} has no scaleTargetRef.name; expected the Deployment or StatefulSet it scales`,
      ),
    );
    return;
  }
  const hpa: Json = {};
  const origins: Array<{ field: Path; sourcePath: Path }> = [{ field: [], sourcePath: ['spec'] }];
  for (const key of ['minReplicas', 'maxReplicas'] as const) {
    if (get(m, 'spec', key) !== undefined) {
      hpa[key] = get(m, 'spec', key);
      origins.push({ field: [key], sourcePath: ['spec', key] });
    }
  }
  const written = get(m, 'spec', 'metrics');
  const { metrics, from } = hpaMetrics(m, place, name, out.problems);
  if (metrics.length === 0 && Array.isArray(written) && written.length > 0) {
    // Only Pods/Object/External metrics, each refused in hpaMetrics. (Upstream's CPU default applies
    // only to an HPA with no metrics at all: it must not stand in for them.)
    return;
  }
  if (metrics.length > 0) hpa.metrics = metrics;
  from.forEach((j, k) =>
    origins.push({ field: ['metrics', k], sourcePath: ['spec', 'metrics', j, 'resource', 'target'] }),
  );
  const behavior = get(m, 'spec', 'behavior');
  if (isObject(behavior)) {
    hpa.behavior = Object.fromEntries(
      ['scaleUp', 'scaleDown']
        .filter((d) => isObject(behavior[d]))
        .map((d) => [d, rules(place, ['spec', 'behavior', d], behavior[d] as Json, out.problems)]),
    );
    origins.push({ field: ['behavior'], sourcePath: ['spec', 'behavior'] });
  }
  out.hpas.push({
    name,
    targetKind,
    targetName,
    hpa,
    source: place.source,
    origins: origins.map((o) => ({ ...o, sourcePath: place.path(o.sourcePath) })),
    at: place.at,
  });
}

// The Resource metrics, and for each the index of the manifest's metric it came from.
function hpaMetrics(m: Json, place: Placed, name: string, problems: Problem[]): { metrics: Json[]; from: number[] } {
  // autoscaling/v1 has one CPU target; autoscaling/v2 a list of metrics.
  const v1 = get(m, 'spec', 'targetCPUUtilizationPercentage');
  if (typeof v1 === 'number') return { metrics: [{ resource: 'cpu', targetUtilization: v1 }], from: [] };
  const written = get(m, 'spec', 'metrics');
  if (!Array.isArray(written)) return { metrics: [], from: [] };
  const from: number[] = [];
  const metrics = written.flatMap((metric, i) => {
    const target = get(metric, 'resource', 'target');
    if (get(metric, 'type') !== 'Resource') {
      // Accepted and ignored, the HPA would scale on the other metrics alone: refused instead.
      problems.push(
        place.problem(
          ['spec', 'metrics', i, 'type'],
          `HorizontalPodAutoscaler ${name}: ${excerpt(String(get(metric, 'type')), 40)} metrics are not modelled yet; expected type: Resource with name: cpu or memory (poolsim follows CPU and memory use only)`,
        ),
      );
      return [];
    }
    if (!isObject(target)) {
      problems.push(place.problem(['spec', 'metrics', i, 'resource'], untargeted(get(metric, 'resource'))));
      return [];
    }
    const resource = get(metric, 'resource', 'name');
    from.push(i);
    return [
      target.type === 'AverageValue'
        ? { resource, targetAverageValue: target.averageValue }
        : { resource, targetUtilization: target.averageUtilization },
    ];
  });
  return { metrics, from };
}

// A Resource metric without autoscaling/v2's target: most often one written for v2beta1.
function untargeted(resource: unknown): string {
  const utilization = get(resource, 'targetAverageUtilization');
  if (utilization !== undefined)
    return `targetAverageUtilization is autoscaling/v2beta1; expected target: { type: Utilization, averageUtilization: ${typeof utilization === 'number' ? utilization : 60} }`;
  if (get(resource, 'targetAverageValue') !== undefined)
    return 'targetAverageValue is autoscaling/v2beta1; expected target: { type: AverageValue, averageValue: 500m }';
  return 'has no target; expected target: { type: Utilization, averageUtilization: 60 }';
}

function rules(place: Placed, at: Path, r: Json, problems: Problem[]): Json {
  const out: Json = {};
  // Upstream's per-direction tolerance (HPAConfigurableTolerance, 1.33).
  if (r.tolerance !== undefined) out.tolerance = r.tolerance;
  const window = secondsField(place, [...at, 'stabilizationWindowSeconds'], r.stabilizationWindowSeconds, problems);
  if (window !== undefined) out.stabilizationWindow = window;
  if (r.selectPolicy !== undefined) out.selectPolicy = r.selectPolicy;
  if (Array.isArray(r.policies)) {
    out.policies = r.policies.map((p, i) => ({
      type: get(p, 'type'),
      value: get(p, 'value'),
      period: secondsField(place, [...at, 'policies', i, 'periodSeconds'], get(p, 'periodSeconds'), problems, true),
    }));
  }
  return out;
}

function addDaemonSet(out: Manifests, place: Placed, m: Json, name: string): void {
  const refuse = place.refuser(out.problems);
  const requests = podRequests(m, refuse);
  checkDaemonSetPod(m, `DaemonSet ${name}`, refuse);
  const index = out.daemonSets.length;
  out.daemonSets.push({
    name,
    cpu: get(requests?.value, 'cpu') ?? 0,
    memory: get(requests?.value, 'memory') ?? 0,
    ...(get(m, ...POD, 'hostNetwork') === true ? { hostNetwork: true } : {}),
  });
  out.daemonSetOrigins.push({
    path: ['daemonSets', index],
    source: place.source,
    sourcePath: place.path(requests?.from ?? ['metadata', 'name']),
  });
}
