// The one vocabulary of resources: what a node has and what a pod takes, and the one rule that
// says whether a pod fits. The scheduler's filters, the cluster autoscaler's estimator, scale-down
// and filter-out-schedulable, and `poolsim capacity` all decide fit with `insufficientResources`
// (or `fitsResources`, the same rule as a yes/no). Upstream: the scheduler framework's Resource
// (MilliCPU, Memory, AllowedPodNumber) and noderesources/fit.go, with the per-node limits poolsim
// models beside them: pod IPs (CNI's, which the scheduler does not see) and attachable volumes
// (nodevolumelimits). Integer units: millicores and bytes.

/** Resources is an amount of CPU (millicores) and memory (bytes), the two resources pods request. */
export interface Resources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** ZERO is no CPU and no memory. */
export const ZERO: Resources = Object.freeze({ cpuMilli: 0, memoryBytes: 0 });

/** addResources sums CPU and memory. */
export function addResources(a: Resources, b: Resources): Resources {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes };
}

/** subtractResources takes `b` from `a`, never going below 0 (kubelet clamps allocatable at 0 the same way). */
export function subtractResources(a: Resources, b: Resources): Resources {
  return { cpuMilli: Math.max(0, a.cpuMilli - b.cpuMilli), memoryBytes: Math.max(0, a.memoryBytes - b.memoryBytes) };
}

/**
 * NodeResources is a node's resources as one vector: CPU and memory, pod slots (the kubelet's
 * maxPods), pod IPs (from the node's pod CIDR) and attachable volumes (Infinity: no limit). A
 * node's allocatable, what is requested of it, its free room and a new node's template are all
 * NodeResources.
 */
export interface NodeResources {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  podIPs: number;
  volumes: number;
}

/** PodRequest is what one pod asks of a node. */
export interface PodRequest {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  /** volumes the pod attaches (one per StatefulSet volumeClaimTemplate). */
  readonly volumes: number;
  readonly hostPort: number | null;
  /** hostNetwork pods use the node's IP, not one of its pod IPs. */
  readonly hostNetwork: boolean;
}

/** PodAsk is a pod request as scripts write it: left out, no volumes, no host port, and a pod IP of its own. */
export type PodAsk = Resources & Partial<PodRequest>;

/** podRequest is a PodAsk with its defaults filled in. */
export function podRequest(ask: PodAsk): PodRequest {
  return {
    cpuMilli: ask.cpuMilli,
    memoryBytes: ask.memoryBytes,
    volumes: ask.volumes ?? 0,
    hostPort: ask.hostPort ?? null,
    hostNetwork: ask.hostNetwork ?? false,
  };
}

/** ResourceName names a limit of NodeResources, as the fit rule reports it. */
export type ResourceName = 'pods' | 'cpu' | 'memory' | 'podIPs' | 'volumes';

// When a pod is short of each limit, given what is free of it. A request of zero never fails its
// resource, even where the room is negative (fit.go, since ~1.19). Every view of the rule below
// calls these, so they cannot disagree; plain calls rather than a table of closures, because the
// autoscaler and the scheduler ask hundreds of thousands of times a simulated day.
function shortOfPods(freePods: number): boolean {
  return freePods < 1;
}
function shortOfCpu(pod: PodRequest, freeCpuMilli: number): boolean {
  return pod.cpuMilli > 0 && pod.cpuMilli > freeCpuMilli;
}
function shortOfMemory(pod: PodRequest, freeMemoryBytes: number): boolean {
  return pod.memoryBytes > 0 && pod.memoryBytes > freeMemoryBytes;
}
function shortOfPodIPs(pod: PodRequest, freePodIPs: number): boolean {
  return !pod.hostNetwork && freePodIPs < 1;
}
function shortOfVolumes(pod: PodRequest, freeVolumes: number): boolean {
  return pod.volumes > 0 && pod.volumes > freeVolumes;
}

/**
 * insufficientResources is the fit rule: every limit `pod` is short of in `free` room, [] when it
 * fits. In the order they are reported: NodeResourcesFit's (pods, cpu, memory, as fit.go checks
 * them), then pod IPs and volumes, which have filters of their own.
 */
export function insufficientResources(pod: PodRequest, free: NodeResources): ResourceName[] {
  const out: ResourceName[] = [];
  if (shortOfPods(free.pods)) out.push('pods');
  if (shortOfCpu(pod, free.cpuMilli)) out.push('cpu');
  if (shortOfMemory(pod, free.memoryBytes)) out.push('memory');
  if (shortOfPodIPs(pod, free.podIPs)) out.push('podIPs');
  if (shortOfVolumes(pod, free.volumes)) out.push('volumes');
  return out;
}

/** fitsResources says whether `pod` fits `free` room by the fit rule, without listing what it is short of. */
export function fitsResources(pod: PodRequest, free: NodeResources): boolean {
  return (
    !shortOfPods(free.pods) &&
    !shortOfCpu(pod, free.cpuMilli) &&
    !shortOfMemory(pod, free.memoryBytes) &&
    !shortOfPodIPs(pod, free.podIPs) &&
    !shortOfVolumes(pod, free.volumes)
  );
}

/** fitsOn is fitsResources(pod, freeResources(node)) without the room as an object (the scheduler asks for each of hundreds of nodes a pod). */
export function fitsOn(
  pod: PodRequest,
  node: { readonly allocatable: Readonly<NodeResources>; readonly requested: Readonly<NodeResources> },
): boolean {
  const { allocatable: a, requested: r } = node;
  return (
    !shortOfPods(a.pods - r.pods) &&
    !shortOfCpu(pod, a.cpuMilli - r.cpuMilli) &&
    !shortOfMemory(pod, a.memoryBytes - r.memoryBytes) &&
    !shortOfPodIPs(pod, a.podIPs - r.podIPs) &&
    !shortOfVolumes(pod, a.volumes - r.volumes)
  );
}

/** copyResources is an independent copy of a vector (all vectors the hot paths see are made here or by freeResources, so that they share one shape in V8). */
export function copyResources(v: Readonly<NodeResources>): NodeResources {
  return { cpuMilli: v.cpuMilli, memoryBytes: v.memoryBytes, pods: v.pods, podIPs: v.podIPs, volumes: v.volumes };
}

/** freeResources is a node's room: allocatable less what is requested of it, limit by limit. */
export function freeResources(node: {
  readonly allocatable: Readonly<NodeResources>;
  readonly requested: Readonly<NodeResources>;
}): NodeResources {
  const { allocatable: a, requested: r } = node;
  return {
    cpuMilli: a.cpuMilli - r.cpuMilli,
    memoryBytes: a.memoryBytes - r.memoryBytes,
    pods: a.pods - r.pods,
    podIPs: a.podIPs - r.podIPs,
    volumes: a.volumes - r.volumes,
  };
}

/** freeResourcesInto writes freeResources(node) into `free`, in place. */
export function freeResourcesInto(
  free: NodeResources,
  node: { readonly allocatable: Readonly<NodeResources>; readonly requested: Readonly<NodeResources> },
): void {
  const { allocatable: a, requested: r } = node;
  free.cpuMilli = a.cpuMilli - r.cpuMilli;
  free.memoryBytes = a.memoryBytes - r.memoryBytes;
  free.pods = a.pods - r.pods;
  free.podIPs = a.podIPs - r.podIPs;
  free.volumes = a.volumes - r.volumes;
}

/** addPod adds `sign` times what one pod takes to `v`: its CPU, memory and volumes, a pod slot, and a pod IP unless it uses the host's network. */
export function addPod(v: NodeResources, pod: PodRequest, sign: 1 | -1): void {
  v.cpuMilli += sign * pod.cpuMilli;
  v.memoryBytes += sign * pod.memoryBytes;
  v.pods += sign;
  if (!pod.hostNetwork) v.podIPs += sign;
  v.volumes += sign * pod.volumes;
}
