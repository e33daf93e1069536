// kube-scheduler's filters for one pod and one node, in the default profile's order, returning
// "does not fit" as data: the reasons a node was rejected, with upstream's own strings.
// Upstream: pkg/scheduler/framework/plugins/{nodeunschedulable,tainttoleration,nodeports,
// noderesources/fit.go,nodevolumelimits,podtopologyspread}.

/** PodRequest is what one pod asks of a node. */
export interface PodRequest {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly volumes: number;
  readonly hostPort: number | null;
  readonly hostNetwork: boolean;
}

/** NodeUsage is a node's allocatable and what is already requested of it (terminating pods included). */
export interface NodeUsage {
  readonly allocatable: {
    readonly cpuMilli: number;
    readonly memoryBytes: number;
    readonly pods: number;
    readonly podIPs: number;
    readonly volumes: number;
  };
  readonly requested: {
    readonly cpuMilli: number;
    readonly memoryBytes: number;
    readonly pods: number;
    readonly podIPs: number;
    readonly volumes: number;
  };
  readonly unschedulable: boolean;
  /** taints are NoSchedule/NoExecute taint keys, e.g. node.kubernetes.io/not-ready. */
  readonly taints: readonly string[];
  readonly hostPorts: ReadonlySet<number>;
}

/** InsufficientResource describes a resource limit that a pod hits on a node (fit.go's struct). */
export interface InsufficientResource {
  readonly resourceName: 'pods' | 'cpu' | 'memory';
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

/** REASONS are upstream's unschedulable reasons (and ours for pod IPs, which CNI rather than the scheduler enforces). */
export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  taint: (key: string) => `node(s) had untolerated taint {${key}: }`,
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  podIP: 'no free pod IP',
  volumes: 'node(s) exceed max volume count',
  spread: "node(s) didn't match pod topology spread constraints",
} as const;

/** fitsRequest is NodeResourcesFit: every resource the pod does not fit, in upstream's order (pods, cpu, memory). */
export function fitsRequest(pod: PodRequest, node: NodeUsage): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const { allocatable: a, requested: r } = node;
  if (r.pods + 1 > a.pods)
    out.push({ resourceName: 'pods', reason: REASONS.tooManyPods, requested: 1, used: r.pods, capacity: a.pods });
  // A request of zero never fails its resource, even on an overcommitted node (upstream since ~1.19).
  if (pod.cpuMilli > 0 && pod.cpuMilli > a.cpuMilli - r.cpuMilli) {
    out.push({
      resourceName: 'cpu',
      reason: REASONS.cpu,
      requested: pod.cpuMilli,
      used: r.cpuMilli,
      capacity: a.cpuMilli,
    });
  }
  if (pod.memoryBytes > 0 && pod.memoryBytes > a.memoryBytes - r.memoryBytes) {
    out.push({
      resourceName: 'memory',
      reason: REASONS.memory,
      requested: pod.memoryBytes,
      used: r.memoryBytes,
      capacity: a.memoryBytes,
    });
  }
  return out;
}

/**
 * filterNode runs the default filters in order and returns the reasons of the first that rejects
 * the node ([] when the pod may go there). Spread is decided by the caller (it needs the whole
 * cluster): pass `spreadViolated`. Simplified: tolerations are not modelled, so every taint on the
 * node rejects the pod (workload pods tolerate none of the node-lifecycle taints for scheduling).
 */
export function filterNode(pod: PodRequest, node: NodeUsage, spreadViolated = false): string[] {
  if (node.unschedulable) return [REASONS.unschedulable];
  if (node.taints.length > 0) return [REASONS.taint(node.taints[0]!)];
  if (pod.hostPort !== null && node.hostPorts.has(pod.hostPort)) return [REASONS.ports];
  const fit = fitsRequest(pod, node);
  if (fit.length > 0) return fit.map((f) => f.reason);
  // Pod IPs: kube-scheduler does not see them; CNI fails the sandbox instead. Checked here so that
  // such a pod stays pending with its reason rather than on a node it cannot start on.
  if (!pod.hostNetwork && node.requested.podIPs + 1 > node.allocatable.podIPs) return [REASONS.podIP];
  if (pod.volumes > 0 && node.requested.volumes + pod.volumes > node.allocatable.volumes) return [REASONS.volumes];
  if (spreadViolated) return [REASONS.spread];
  return [];
}

/** topologySpreadViolated says whether a pod on a node with `here` replicas breaks maxSkew over the eligible minimum. */
export function topologySpreadViolated(here: number, minimumAcrossNodes: number, maxSkew = 1): boolean {
  // podtopologyspread filtering.go: matchNum + selfMatchNum - minMatchNum > maxSkew.
  return here + 1 - minimumAcrossNodes > maxSkew;
}

/** describeUnschedulable summarises per-node reasons as the scheduler's event does: "0/5 nodes are available: 3 Insufficient cpu, 2 Too many pods." */
export function describeUnschedulable(totalNodes: number, reasonsByNode: ReadonlyArray<readonly string[]>): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsByNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Upstream sorts the "N reason" strings.
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${totalNodes} nodes are available${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}
