// Real Kubernetes manifests as input: Deployments and StatefulSets become workloads, HPAs join their
// target, DaemonSets become per-node overhead. Values are copied as written (quantities stay
// strings) so that the scenario schema checks them, and each remembers where it came from.
import { excerpt } from '../util/text.js';
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import { describeValue } from './issues.js';
import type { Path, Problem, SourceDoc } from './source.js';
import type { ScenarioWarning } from './warnings.js';

type Json = Record<string, unknown>;

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
  readonly hpas: HpaManifest[];
  readonly daemonSets: Json[];
  readonly daemonSetOrigins: Origin[];
  readonly origins: Origin[];
  readonly problems: Problem[];
  readonly warnings: ScenarioWarning[];
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (v: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((at, k) => (isObject(at) || Array.isArray(at) ? (at as Json)[k as string] : undefined), v);

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
}

/** readManifests converts the documents of the included files. */
export function readManifests(docs: readonly SourceDoc[]): Manifests {
  const out: Manifests = {
    workloads: {},
    hpas: [],
    daemonSets: [],
    daemonSetOrigins: [],
    origins: [],
    problems: [],
    warnings: [],
  };
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
    for (const [m, at] of objects) readObject(out, new Placed(source, at), m, seen);
  }
  return out;
}

/** READ_KINDS are the kinds of object poolsim reads from an included manifest; others are ignored (with a warning). */
export const READ_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'HorizontalPodAutoscaler', 'DaemonSet'];

function readObject(out: Manifests, place: Placed, m: unknown, seen: Map<string, string>): void {
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
  if (kind === 'Deployment' || kind === 'StatefulSet') addWorkload(out, place, m as Json, kind, named);
  else if (kind === 'HorizontalPodAutoscaler') addHpa(out, place, m as Json, named);
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

const POD = ['spec', 'template', 'spec'] as const;

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
  const requests = podRequests(place, m, out.problems);
  if (requests !== undefined) {
    w.requests = requests.value;
    origin(['requests'], requests.from);
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
  seconds([...POD, 'containers', 0, 'readinessProbe', 'initialDelaySeconds'], 'readinessDelay');
  const hostPort = hostPortOf(m);
  if (hostPort !== undefined) w.hostPort = hostPort;
  const spread = get(m, ...POD, 'topologySpreadConstraints');
  if (Array.isArray(spread) && spread.some((c) => get(c, 'topologyKey') === 'kubernetes.io/hostname')) w.spread = true;
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
  if (value === undefined && !required) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return `${value}s`;
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
  return '0s';
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

// A pod's effective request, as the scheduler counts it (component-helpers resource.PodRequests):
// the sum of its containers and native sidecars (init containers with restartPolicy: Always), or,
// if larger, an ordinary init container plus the sidecars started before it. A container's request
// defaults to its limit.
function podRequests(place: Placed, m: Json, problems: Problem[]): { value: Json; from: Path } | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const total: Record<'cpu' | 'memory', number | undefined> = { cpu: undefined, memory: undefined };
  const init: Record<'cpu' | 'memory', number> = { cpu: 0, memory: 0 };
  const sidecarsSoFar: Record<'cpu' | 'memory', number> = { cpu: 0, memory: 0 };
  const inits = get(m, ...POD, 'initContainers');
  const lists: Array<['containers' | 'initContainers', unknown[]]> = [
    ['containers', containers],
    ['initContainers', Array.isArray(inits) ? inits : []],
  ];
  for (const [list, items] of lists) {
    items.forEach((c, i) => {
      const sidecar = list === 'initContainers' && get(c, 'restartPolicy') === 'Always';
      for (const resource of ['cpu', 'memory'] as const) {
        const from = get(c, 'resources', 'requests', resource) !== undefined ? 'requests' : 'limits';
        const errors = problems.length;
        const value = containerQuantity(
          place,
          [...POD, list, i, 'resources', from, resource],
          get(c, 'resources', from, resource),
          resource,
          problems,
        );
        // A malformed value is reported where it stands; count it as 0 so it is not also "missing".
        if (value === undefined && problems.length > errors) total[resource] = total[resource] ?? 0;
        if (value === undefined) continue;
        if (list === 'containers' || sidecar) total[resource] = (total[resource] ?? 0) + value;
        if (sidecar) sidecarsSoFar[resource] += value;
        else if (list === 'initContainers') init[resource] = Math.max(init[resource], value + sidecarsSoFar[resource]);
      }
    });
  }
  const value: Json = {};
  if (total.cpu !== undefined || init.cpu > 0) value.cpu = `${Math.max(total.cpu ?? 0, init.cpu)}m`;
  if (total.memory !== undefined || init.memory > 0) value.memory = String(Math.max(total.memory ?? 0, init.memory));
  return { value, from: [...POD, 'containers'] };
}

function containerQuantity(
  place: Placed,
  path: Path,
  raw: unknown,
  resource: 'cpu' | 'memory',
  problems: Problem[],
): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    problems.push(
      place.problem(
        path,
        `${describeValue(raw)} is not a quantity; expected e.g. ${resource === 'cpu' ? '500m' : '1Gi'}`,
      ),
    );
    return undefined;
  }
  try {
    return resource === 'cpu' ? parseCpuMilli(raw) : parseMemoryBytes(raw);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    problems.push(place.problem(path, e.message));
    return undefined;
  }
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
    if (get(metric, 'type') !== 'Resource' || !isObject(target)) {
      // Accepted and ignored, the HPA would scale on the other metrics alone: refused instead.
      problems.push(
        place.problem(
          ['spec', 'metrics', i, 'type'],
          `HorizontalPodAutoscaler ${name}: ${excerpt(String(get(metric, 'type')), 40)} metrics are not simulated yet; expected type: Resource with name: cpu (poolsim follows CPU use only)`,
        ),
      );
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

function rules(place: Placed, at: Path, r: Json, problems: Problem[]): Json {
  const out: Json = {};
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
  const requests = podRequests(place, m, out.problems);
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
