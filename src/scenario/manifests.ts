// Real Kubernetes manifests as input: Deployments and StatefulSets become workloads, HPAs join their
// target, DaemonSets become per-node overhead. Values are copied as written (quantities stay
// strings) so that the scenario schema checks them, and each remembers where it came from.
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import type { Path, Problem, SourceDoc } from './source.js';

type Json = Record<string, unknown>;

/** Origin says that the written value at `path` came from `source` at `sourcePath`. */
export interface Origin {
  readonly path: Path;
  readonly source: SourceDoc;
  readonly sourcePath: Path;
}

/** HpaManifest is an HPA waiting to be joined to its target workload. */
export interface HpaManifest {
  readonly name: string;
  readonly targetKind: string;
  readonly targetName: string;
  readonly hpa: Json;
  readonly source: SourceDoc;
  readonly origins: ReadonlyArray<{ readonly field: Path; readonly sourcePath: Path }>;
}

/** Manifests is what included files contribute. */
export interface Manifests {
  readonly workloads: Record<string, Json>;
  readonly hpas: HpaManifest[];
  readonly daemonSets: Json[];
  readonly daemonSetOrigins: Origin[];
  readonly origins: Origin[];
  readonly problems: Problem[];
  readonly warnings: Problem[];
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (v: unknown, ...path: Array<string | number>): unknown => path.reduce<unknown>((at, k) => (isObject(at) || Array.isArray(at) ? (at as Json)[k as string] : undefined), v);

/** readManifests converts the documents of the included files. */
export function readManifests(docs: readonly SourceDoc[]): Manifests {
  const out: Manifests = { workloads: {}, hpas: [], daemonSets: [], daemonSetOrigins: [], origins: [], problems: [], warnings: [] };
  for (const source of docs) {
    const js = source.toJS();
    if ('problem' in js) {
      out.problems.push(js.problem);
      continue;
    }
    const m = js.value;
    if (m === null || m === undefined) continue; // an empty document between ---
    const kind = get(m, 'kind');
    const name = get(m, 'metadata', 'name');
    if (typeof kind !== 'string' || typeof name !== 'string') {
      out.problems.push(source.problem([], 'not a Kubernetes object; expected kind and metadata.name'));
      continue;
    }
    if (kind === 'Deployment' || kind === 'StatefulSet') addWorkload(out, source, m as Json, kind, name);
    else if (kind === 'HorizontalPodAutoscaler') addHpa(out, source, m as Json, name);
    else if (kind === 'DaemonSet') addDaemonSet(out, source, m as Json, name);
    else out.warnings.push(source.problem(['kind'], `${kind} ${name} is not used by poolsim (it reads Deployment, StatefulSet, HorizontalPodAutoscaler, DaemonSet); ignored`));
  }
  return out;
}

const POD = ['spec', 'template', 'spec'] as const;

function addWorkload(out: Manifests, source: SourceDoc, m: Json, kind: string, name: string): void {
  const base: Path = ['workloads', name];
  const w: Json = { kind };
  const origin = (field: Path, sourcePath: Path) => out.origins.push({ path: [...base, ...field], source, sourcePath });
  origin([], ['metadata', 'name']);
  const replicas = get(m, 'spec', 'replicas');
  w.replicas = replicas ?? 1; // the API server's default
  origin(['replicas'], ['spec', 'replicas']);
  const requests = podRequests(source, m, out.problems);
  if (requests !== undefined) {
    w.requests = requests.value;
    origin(['requests'], requests.from);
  }
  const image = get(m, ...POD, 'containers', 0, 'image');
  if (typeof image === 'string') {
    w.image = { name: image };
    origin(['image'], [...POD, 'containers', 0, 'image']);
  }
  const grace = get(m, ...POD, 'terminationGracePeriodSeconds');
  if (grace !== undefined) {
    w.terminationGracePeriod = `${grace}s`;
    origin(['terminationGracePeriod'], [...POD, 'terminationGracePeriodSeconds']);
  }
  const readiness = get(m, ...POD, 'containers', 0, 'readinessProbe', 'initialDelaySeconds');
  if (readiness !== undefined) {
    w.readinessDelay = `${readiness}s`;
    origin(['readinessDelay'], [...POD, 'containers', 0, 'readinessProbe', 'initialDelaySeconds']);
  }
  const hostPort = hostPortOf(m);
  if (hostPort !== undefined) w.hostPort = hostPort;
  const spread = get(m, ...POD, 'topologySpreadConstraints');
  if (Array.isArray(spread) && spread.some((c) => get(c, 'topologyKey') === 'kubernetes.io/hostname')) w.spread = true;
  const claims = get(m, 'spec', 'volumeClaimTemplates');
  if (kind === 'StatefulSet' && Array.isArray(claims) && claims.length > 0) w.volumesPerReplica = claims.length;
  out.workloads[name] = w;
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

// A pod's effective request: the sum of its containers, or its largest init container if larger
// (how the scheduler counts it: noderesources computePodResourceRequest).
function podRequests(source: SourceDoc, m: Json, problems: Problem[]): { value: Json; from: Path } | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const one = containers.length === 1 && get(m, ...POD, 'initContainers') === undefined;
  if (one) {
    const r = get(containers[0], 'resources', 'requests');
    return isObject(r) ? { value: { ...r }, from: [...POD, 'containers', 0, 'resources', 'requests'] } : undefined;
  }
  const sum = { cpu: 0, memory: 0 };
  const init = { cpu: 0, memory: 0 };
  const add = (list: 'containers' | 'initContainers', into: typeof sum, combine: (a: number, b: number) => number) => {
    const cs = get(m, ...POD, list);
    (Array.isArray(cs) ? cs : []).forEach((c, i) => {
      const at: Path = [...POD, list, i, 'resources', 'requests'];
      try {
        const cpu = get(c, 'resources', 'requests', 'cpu');
        const memory = get(c, 'resources', 'requests', 'memory');
        if (cpu !== undefined) into.cpu = combine(into.cpu, parseCpuMilli(cpu as string));
        if (memory !== undefined) into.memory = combine(into.memory, parseMemoryBytes(memory as string));
      } catch (e) {
        if (!(e instanceof QuantityError)) throw e;
        problems.push(source.problem(at, e.message));
      }
    });
  };
  add('containers', sum, (a, b) => a + b);
  add('initContainers', init, Math.max);
  return { value: { cpu: `${Math.max(sum.cpu, init.cpu)}m`, memory: String(Math.max(sum.memory, init.memory)) }, from: [...POD, 'containers'] };
}

function addHpa(out: Manifests, source: SourceDoc, m: Json, name: string): void {
  const targetKind = String(get(m, 'spec', 'scaleTargetRef', 'kind') ?? '');
  const targetName = get(m, 'spec', 'scaleTargetRef', 'name');
  if (typeof targetName !== 'string') {
    out.problems.push(source.problem(['spec', 'scaleTargetRef'], `HorizontalPodAutoscaler ${name} has no scaleTargetRef.name; expected the Deployment or StatefulSet it scales`));
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
  const metrics = hpaMetrics(m, source, name, out.warnings);
  if (metrics.length > 0) hpa.metrics = metrics;
  const behavior = get(m, 'spec', 'behavior');
  if (isObject(behavior)) {
    hpa.behavior = Object.fromEntries(['scaleUp', 'scaleDown'].filter((d) => isObject(behavior[d])).map((d) => [d, rules(behavior[d] as Json)]));
    origins.push({ field: ['behavior'], sourcePath: ['spec', 'behavior'] });
  }
  out.hpas.push({ name, targetKind, targetName, hpa, source, origins });
}

function hpaMetrics(m: Json, source: SourceDoc, name: string, warnings: Problem[]): Json[] {
  // autoscaling/v1 has one CPU target; autoscaling/v2 a list of metrics.
  const v1 = get(m, 'spec', 'targetCPUUtilizationPercentage');
  if (typeof v1 === 'number') return [{ resource: 'cpu', targetUtilization: v1 }];
  const metrics = get(m, 'spec', 'metrics');
  if (!Array.isArray(metrics)) return [];
  return metrics.flatMap((metric, i) => {
    const target = get(metric, 'resource', 'target');
    if (get(metric, 'type') !== 'Resource' || !isObject(target)) {
      warnings.push(source.problem(['spec', 'metrics', i, 'type'], `HorizontalPodAutoscaler ${name}: ${String(get(metric, 'type'))} metrics are not simulated (only Resource cpu/memory); ignored`));
      return [];
    }
    const resource = get(metric, 'resource', 'name');
    return [target.type === 'AverageValue' ? { resource, targetAverageValue: target.averageValue } : { resource, targetUtilization: target.averageUtilization }];
  });
}

function rules(r: Json): Json {
  const out: Json = {};
  if (r.stabilizationWindowSeconds !== undefined) out.stabilizationWindow = `${r.stabilizationWindowSeconds}s`;
  if (r.selectPolicy !== undefined) out.selectPolicy = r.selectPolicy;
  if (Array.isArray(r.policies)) out.policies = r.policies.map((p) => ({ type: get(p, 'type'), value: get(p, 'value'), period: `${get(p, 'periodSeconds')}s` }));
  return out;
}

function addDaemonSet(out: Manifests, source: SourceDoc, m: Json, name: string): void {
  const requests = podRequests(source, m, out.problems);
  const index = out.daemonSets.length;
  out.daemonSets.push({
    name,
    cpu: get(requests?.value, 'cpu') ?? 0,
    memory: get(requests?.value, 'memory') ?? 0,
    ...(get(m, ...POD, 'hostNetwork') === true ? { hostNetwork: true } : {}),
  });
  out.daemonSetOrigins.push({ path: ['daemonSets', index], source, sourcePath: requests?.from ?? ['metadata', 'name'] });
}
