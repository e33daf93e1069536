// A pod template's effective request, as the scheduler counts it (component-helpers
// resource.PodRequests). Resources poolsim's nodes do not have are refused where they are written.
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import { describeValue } from './issues.js';
import { get, isObject, POD, type Json, type Refuse } from './pod-template.js';
import type { Path } from './source.js';

type Resource = 'cpu' | 'memory';
const RESOURCES = ['cpu', 'memory'] as const;

// Requested, not modelled, but harmless: every node has them and no pod is turned away for them here.
const isNative = (name: string): boolean =>
  name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');

/**
 * podRequests is the pod's request: the sum of its containers and native sidecars (init containers
 * with restartPolicy: Always), or, if larger, an ordinary init container plus the sidecars started
 * before it; a container's request defaults to its limit. Pod-level resources (PodLevelResources,
 * 1.34) replace that per resource when written, as upstream's PodRequests does.
 */
export function podRequests(m: Json, refuse: Refuse): { value: Json; from: Path } | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  for (const [c, at] of allContainers(m)) refuseExtended(get(c, 'resources'), at, refuse);
  const sum = (r: Resource) => {
    const a = aggregate(m, (c, at) => requestOf(get(c, 'resources'), at, r, refuse));
    // A malformed value is reported where it stands; counted as 0 so it is not also "missing".
    return a.written || a.malformed || a.init > 0 ? Math.max(a.sum, a.init) : undefined;
  };
  const pod = podLevel(m, { cpu: sum('cpu'), memory: sum('memory') }, refuse);
  const value: Json = {};
  if (pod.cpu !== undefined) value.cpu = `${pod.cpu}m`;
  if (pod.memory !== undefined) value.memory = String(pod.memory);
  return { value, from: [...POD, 'containers'] };
}

/**
 * podLimits is the pod's limit per resource, as upstream's PodLimits adds it up: the sum of its
 * containers and native sidecars, or, if larger, an ordinary init container plus the sidecars
 * started before it. A container or sidecar without a limit leaves the pod without one for that
 * resource (the kubelet then sets no pod-level limit). A pod-level limit wins when written.
 * `from` is where each limit is written (the first container's, or the pod's), for problems.
 */
export function podLimits(m: Json, refuse: Refuse): { value: Json; from: Partial<Record<Resource, Path>> } | undefined {
  const containers = get(m, ...POD, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) return undefined;
  const value: Json = {};
  const from: Partial<Record<Resource, Path>> = {};
  for (const r of RESOURCES) {
    const podAt = [...POD, 'resources', 'limits', r];
    const pod = quantityAt(get(m, ...podAt), podAt, r, refuse);
    const limit = pod === undefined ? containersLimit(m, r, refuse) : { value: pod, from: podAt };
    if (limit === undefined || limit.value === null) continue;
    value[r] = r === 'cpu' ? `${limit.value}m` : String(limit.value);
    from[r] = limit.from;
  }
  return Object.keys(value).length === 0 ? undefined : { value, from };
}

// The containers' limit of `r` (PodLimits' sum and init-container maximum); undefined when a
// container or sidecar has none, or one is malformed (reported where it stands).
function containersLimit(m: Json, r: Resource, refuse: Refuse): { value: number; from: Path } | undefined {
  const a = aggregate(m, (c, at) => quantityAt(get(c, 'resources', 'limits', r), [...at, 'limits', r], r, refuse));
  if (a.missing || a.malformed) return undefined;
  return {
    value: Math.max(a.sum, a.init),
    from: a.first === undefined ? [...POD, 'containers'] : [...a.first, 'limits', r],
  };
}

// Every container and init container of the pod, with the path of its resources.
function allContainers(m: Json): Array<[unknown, Path, 'containers' | 'initContainers']> {
  const out: Array<[unknown, Path, 'containers' | 'initContainers']> = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const items = get(m, ...POD, list);
    if (Array.isArray(items)) items.forEach((c, i) => out.push([c, [...POD, list, i, 'resources'], list]));
  }
  return out;
}

/**
 * aggregate is PodRequests' and PodLimits' shared rule for one resource: the sum over the
 * containers and native sidecars (init containers with restartPolicy: Always), and the largest
 * ordinary init container plus the sidecars started before it. `valueOf` reads a container's value
 * (undefined: not written; null: malformed). `missing`: a container or sidecar has none; `first`:
 * where the first one counted is written.
 */
function aggregate(
  m: Json,
  valueOf: (container: unknown, resourcesAt: Path) => number | null | undefined,
): { sum: number; init: number; written: boolean; missing: boolean; malformed: boolean; first?: Path } {
  const out: ReturnType<typeof aggregate> = { sum: 0, init: 0, written: false, missing: false, malformed: false };
  let sidecars = 0;
  for (const [c, at, list] of allContainers(m)) {
    const sidecar = list === 'initContainers' && get(c, 'restartPolicy') === 'Always';
    const v = valueOf(c, at);
    if (v === null) out.malformed = true;
    if (list === 'containers' || sidecar) {
      if (v === undefined) out.missing = true;
      if (typeof v === 'number') {
        out.sum += v;
        out.written = true;
        out.first ??= at;
      }
    }
    if (sidecar) sidecars += v ?? 0;
    else if (list === 'initContainers' && typeof v === 'number') out.init = Math.max(out.init, v + sidecars);
  }
  return out;
}

// Pod-level resources: a written request wins over the containers'; a limit stands in for it only
// when no container requests that resource (the KEP-2837 defaulting).
function podLevel(
  m: Json,
  containers: Record<Resource, number | undefined>,
  refuse: Refuse,
): Record<Resource, number | undefined> {
  const resources = get(m, ...POD, 'resources');
  if (!isObject(resources)) return containers;
  const at = [...POD, 'resources'];
  refuseExtended(resources, at, refuse);
  const out = { ...containers };
  for (const r of RESOURCES) {
    if (get(resources, 'requests', r) === undefined && containers[r] !== undefined) continue;
    const value = requestOf(resources, at, r, refuse);
    if (typeof value === 'number') out[r] = value;
  }
  return out;
}

// A request (or, when none is written, the limit) in milli-CPU or bytes; undefined when neither is
// written, null when the value is malformed (and reported).
function requestOf(resources: unknown, at: Path, r: Resource, refuse: Refuse): number | null | undefined {
  const from = get(resources, 'requests', r) !== undefined ? 'requests' : 'limits';
  return quantityAt(get(resources, from, r), [...at, from, r], r, refuse);
}

// A quantity at `path` in milli-CPU or bytes; undefined when it is not written, null when it is
// malformed (and reported).
function quantityAt(raw: unknown, path: Path, r: Resource, refuse: Refuse): number | null | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    refuse(path, `${describeValue(raw)} is not a quantity; expected e.g. ${r === 'cpu' ? '500m' : '1Gi'}`);
    return null;
  }
  try {
    return r === 'cpu' ? parseCpuMilli(raw) : parseMemoryBytes(raw);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    refuse(path, e.message);
    return null;
  }
}

// An extended resource (a GPU, a device plugin's) once per name, where its request, else its limit, is written.
function refuseExtended(resources: unknown, at: Path, refuse: Refuse): void {
  const seen = new Set<string>();
  for (const from of ['requests', 'limits']) {
    const written = get(resources, from);
    if (!isObject(written)) continue;
    for (const name of Object.keys(written)) {
      if (isNative(name) || seen.has(name)) continue;
      seen.add(name);
      refuse(
        [...at, from, name],
        'extended resources are not modelled (nodes have cpu, memory, pods, pod IPs and volumes), so these pods would land on any node; expected cpu and memory requests only',
      );
    }
  }
}
