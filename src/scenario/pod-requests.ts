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
  const total: Record<Resource, number | undefined> = { cpu: undefined, memory: undefined };
  const init: Record<Resource, number> = { cpu: 0, memory: 0 };
  const sidecarsSoFar: Record<Resource, number> = { cpu: 0, memory: 0 };
  const inits = get(m, ...POD, 'initContainers');
  const lists: Array<['containers' | 'initContainers', unknown[]]> = [
    ['containers', containers],
    ['initContainers', Array.isArray(inits) ? inits : []],
  ];
  for (const [list, items] of lists) {
    items.forEach((c, i) => {
      const sidecar = list === 'initContainers' && get(c, 'restartPolicy') === 'Always';
      refuseExtended(get(c, 'resources'), [...POD, list, i, 'resources'], refuse);
      for (const resource of RESOURCES) {
        const value = requestOf(get(c, 'resources'), [...POD, list, i, 'resources'], resource, refuse);
        // A malformed value is reported where it stands; count it as 0 so it is not also "missing".
        if (value === null) total[resource] = total[resource] ?? 0;
        if (value === undefined || value === null) continue;
        if (list === 'containers' || sidecar) total[resource] = (total[resource] ?? 0) + value;
        if (sidecar) sidecarsSoFar[resource] += value;
        else if (list === 'initContainers') init[resource] = Math.max(init[resource], value + sidecarsSoFar[resource]);
      }
    });
  }
  const sum = (r: Resource) => (total[r] !== undefined || init[r] > 0 ? Math.max(total[r] ?? 0, init[r]) : undefined);
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
  const inits = get(m, ...POD, 'initContainers');
  const value: Json = {};
  const from: Partial<Record<Resource, Path>> = {};
  for (const r of RESOURCES) {
    const podAt = [...POD, 'resources', 'limits', r];
    const pod = quantityAt(get(m, ...podAt), podAt, r, refuse);
    const limit =
      pod === undefined
        ? containersLimit(containers, Array.isArray(inits) ? inits : [], r, refuse)
        : { value: pod, from: podAt };
    if (limit === undefined || limit.value === null) continue;
    value[r] = r === 'cpu' ? `${limit.value}m` : String(limit.value);
    from[r] = limit.from;
  }
  return Object.keys(value).length === 0 ? undefined : { value, from };
}

// The containers' limit of `r` (PodLimits' sum and init-container maximum); undefined when a
// container or sidecar has none.
function containersLimit(
  containers: readonly unknown[],
  inits: readonly unknown[],
  r: Resource,
  refuse: Refuse,
): { value: number; from: Path } | undefined {
  let [sum, sidecars, init] = [0, 0, 0];
  let [bounded, malformed] = [true, false];
  let first: Path | undefined;
  const lists: Array<['containers' | 'initContainers', readonly unknown[]]> = [
    ['containers', containers],
    ['initContainers', inits],
  ];
  for (const [list, items] of lists) {
    items.forEach((c, i) => {
      const sidecar = list === 'initContainers' && get(c, 'restartPolicy') === 'Always';
      const at = [...POD, list, i, 'resources', 'limits', r];
      // A malformed value is reported where it stands; the pod then has no limit to check further.
      const v = quantityAt(get(c, 'resources', 'limits', r), at, r, refuse);
      if (v === null) malformed = true;
      if (list === 'containers' || sidecar) {
        if (v === undefined) bounded = false;
        sum += v ?? 0;
        if (typeof v === 'number' && first === undefined) first = at;
      }
      if (sidecar) sidecars += v ?? 0;
      else if (list === 'initContainers' && typeof v === 'number') init = Math.max(init, v + sidecars);
    });
  }
  return bounded && !malformed ? { value: Math.max(sum, init), from: first ?? [...POD, 'containers'] } : undefined;
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
