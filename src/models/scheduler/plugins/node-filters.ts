// The filters that look at one node alone: NodeUnschedulable, NodeName, TaintToleration,
// NodeAffinity, NodePorts and NodeResourcesFit. kubernetes/kubernetes pkg/scheduler/framework/
// plugins/nodeunschedulable/node_unschedulable.go, nodename/node_name.go,
// tainttoleration/taint_toleration.go, nodeaffinity/node_affinity.go, nodeports/node_ports.go,
// noderesources/fit.go (fitsRequest) with pkg/api/v1/resource/helpers.go (PodRequests).
// Simplified: NodeResourcesFit checks cpu, memory and pod count (no extended or ephemeral
// resources); NodeAffinity takes no plugin args (no AddedAffinity).
import type { Container, ContainerPort, Node, Pod } from 'kubernetes-types/core/v1.js';
import { parseMilli, parseWhole } from '../../quantity.js';
import { firstUntoleratedTaint, isHardTaint, matchesNodeSelectorTerms, toleratesTaint } from './selectors.js';
import { SUCCESS, unresolvable, unschedulable, type FilterStatus } from './status.js';

const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/** nodeUnschedulable is NodeUnschedulable's Filter: a cordoned node, unless the pod tolerates its taint. */
export function nodeUnschedulable(pod: Pod, node: Node): FilterStatus {
  if (node.spec?.unschedulable !== true) return SUCCESS;
  const tolerated = (pod.spec?.tolerations ?? []).some((t) =>
    toleratesTaint(t, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' }),
  );
  return tolerated ? SUCCESS : unresolvable('node(s) were unschedulable');
}

/** nodeName is NodeName's Filter: a pod that names its node fits only that one. */
export function nodeName(pod: Pod, node: Node): FilterStatus {
  const want = pod.spec?.nodeName ?? '';
  return want === '' || want === node.metadata?.name
    ? SUCCESS
    : unresolvable("node(s) didn't match the requested node name");
}

/** taintToleration is TaintToleration's Filter: every NoSchedule and NoExecute taint tolerated. */
export function taintToleration(pod: Pod, node: Node): FilterStatus {
  const taint = firstUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations ?? [], isHardTaint);
  // The reason names no taint since kubernetes/kubernetes#134740 (was "untolerated taint {key: value}").
  return taint === undefined ? SUCCESS : unresolvable('node(s) had untolerated taint(s)');
}

/** requiredNodeAffinityMatches is GetRequiredNodeAffinity(pod).Match(node): the nodeSelector's labels and the required terms. */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || matchesNodeSelectorTerms(required.nodeSelectorTerms, node);
}

/** nodeAffinity is NodeAffinity's Filter. */
export function nodeAffinity(pod: Pod, node: Node): FilterStatus {
  return requiredNodeAffinityMatches(pod, node)
    ? SUCCESS
    : unresolvable("node(s) didn't match Pod's node affinity/selector");
}

// A host port as nodeports.go keys it: protocol, IP (0.0.0.0 when unset) and port.
interface HostPort {
  readonly protocol: string;
  readonly ip: string;
  readonly port: number;
}

// getContainerPorts: the containers' and the sidecars' (restartable init containers'); a plain init
// container has ended before the pod's containers take their ports.
function hostPorts(pod: Pod): HostPort[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const containers = [...sidecars, ...(pod.spec?.containers ?? [])];
  return containers
    .flatMap((c: Container) => c.ports ?? [])
    .filter((p: ContainerPort) => (p.hostPort ?? 0) > 0)
    .map((p) => ({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort! }));
}

const conflicts = (a: HostPort, b: HostPort) =>
  a.port === b.port && a.protocol === b.protocol && (a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip);

/** nodePorts is NodePorts' Filter: no wanted host port already taken on the node (HostPortInfo.CheckConflict). */
export function nodePorts(pod: Pod, podsOnNode: readonly Pod[]): FilterStatus {
  const wanted = hostPorts(pod);
  if (wanted.length === 0) return SUCCESS;
  const used = podsOnNode.flatMap(hostPorts);
  return wanted.some((w) => used.some((u) => conflicts(w, u)))
    ? unschedulable("node(s) didn't have free ports for the requested pod ports")
    : SUCCESS;
}

/** PodResources are a pod's requests for the fit: CPU in millicores, memory in bytes. */
export interface PodResources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

const requestOf = (c: Container) => ({
  cpuMilli: parseMilli(c.resources?.requests?.cpu ?? 0),
  memoryBytes: parseWhole(c.resources?.requests?.memory ?? 0),
});

/**
 * podRequests is PodRequests: the containers' sum and the restartable (sidecar) init containers',
 * against the largest of each other init container plus the sidecars started before it; plus the
 * pod's overhead.
 */
export function podRequests(pod: Pod): PodResources {
  const sum = { cpuMilli: 0, memoryBytes: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const r = requestOf(c);
    sum.cpuMilli += r.cpuMilli;
    sum.memoryBytes += r.memoryBytes;
  }
  const sidecars = { cpuMilli: 0, memoryBytes: 0 };
  const initPeak = { cpuMilli: 0, memoryBytes: 0 };
  for (const c of pod.spec?.initContainers ?? []) {
    const r = requestOf(c);
    if (c.restartPolicy === 'Always') {
      sidecars.cpuMilli += r.cpuMilli;
      sidecars.memoryBytes += r.memoryBytes;
      initPeak.cpuMilli = Math.max(initPeak.cpuMilli, sidecars.cpuMilli);
      initPeak.memoryBytes = Math.max(initPeak.memoryBytes, sidecars.memoryBytes);
    } else {
      initPeak.cpuMilli = Math.max(initPeak.cpuMilli, sidecars.cpuMilli + r.cpuMilli);
      initPeak.memoryBytes = Math.max(initPeak.memoryBytes, sidecars.memoryBytes + r.memoryBytes);
    }
  }
  const overhead = pod.spec?.overhead ?? {};
  // Pod-level resources (beta, on from 1.34): spec.resources.requests, where set, stands for the containers'.
  const podLevel = (pod.spec as { resources?: { requests?: Record<string, string | number> } } | undefined)?.resources
    ?.requests;
  const cpu =
    podLevel?.cpu !== undefined
      ? parseMilli(podLevel.cpu)
      : Math.max(sum.cpuMilli + sidecars.cpuMilli, initPeak.cpuMilli);
  const memory =
    podLevel?.memory !== undefined
      ? parseWhole(podLevel.memory)
      : Math.max(sum.memoryBytes + sidecars.memoryBytes, initPeak.memoryBytes);
  return { cpuMilli: cpu + parseMilli(overhead.cpu ?? 0), memoryBytes: memory + parseWhole(overhead.memory ?? 0) };
}

/** nodeResourcesFit is NodeResourcesFit's Filter (fitsRequest): the pod count, then CPU and memory against allocatable less what the node's pods request. */
export function nodeResourcesFit(pod: Pod, node: Node, podsOnNode: readonly Pod[]): FilterStatus {
  const allocatable = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  if (podsOnNode.length + 1 > parseWhole(allocatable.pods ?? 0)) reasons.push('Too many pods');
  const want = podRequests(pod);
  if (want.cpuMilli === 0 && want.memoryBytes === 0) return reasons.length > 0 ? unschedulable(...reasons) : SUCCESS;
  const used = { cpuMilli: 0, memoryBytes: 0 };
  for (const p of podsOnNode) {
    const r = podRequests(p);
    used.cpuMilli += r.cpuMilli;
    used.memoryBytes += r.memoryBytes;
  }
  const cpu = parseMilli(allocatable.cpu ?? 0);
  const memory = parseWhole(allocatable.memory ?? 0);
  // A request beyond the whole allocatable no preemption can help (kubernetes/kubernetes#131345).
  let unresolvableShort = false;
  if (want.cpuMilli > 0 && want.cpuMilli > cpu - used.cpuMilli) {
    reasons.push('Insufficient cpu');
    unresolvableShort ||= want.cpuMilli > cpu;
  }
  if (want.memoryBytes > 0 && want.memoryBytes > memory - used.memoryBytes) {
    reasons.push('Insufficient memory');
    unresolvableShort ||= want.memoryBytes > memory;
  }
  if (reasons.length === 0) return SUCCESS;
  return unresolvableShort ? unresolvable(...reasons) : unschedulable(...reasons);
}
