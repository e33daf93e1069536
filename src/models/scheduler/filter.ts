// kube-scheduler's filters for one pod and one node, in the default profile's order, returning
// "does not fit" as data: the reasons a node was rejected, with upstream's own strings.
// Upstream: pkg/scheduler/framework/plugins/{nodeunschedulable,tainttoleration,nodeports,
// noderesources/fit.go,nodevolumelimits,podtopologyspread}. Fit itself is models/resources.ts's rule.
import type { Node } from 'kubernetes-types/core/v1.js';
import type { ConstraintFilters } from './plugins/index.js';
import {
  fitsOn,
  freeResources,
  insufficientResources,
  type NodeResources,
  type PodRequest,
  type ResourceName,
} from '../resources.js';

/** NodeUsage is a node as the filters see it: its allocatable and what is requested of it (terminating pods included), whether it takes pods, its taints and its taken host ports. */
export interface NodeUsage {
  readonly allocatable: Readonly<NodeResources>;
  readonly requested: Readonly<NodeResources>;
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

// What NodeResourcesFit (fit.go) checks and reports; pod IPs and volumes have filters of their own.
const FIT_RESOURCES: ReadonlySet<ResourceName> = new Set(['pods', 'cpu', 'memory']);

// Each resource's unschedulable reason.
const REASON_OF: Readonly<Record<ResourceName, string>> = {
  pods: REASONS.tooManyPods,
  cpu: REASONS.cpu,
  memory: REASONS.memory,
  podIPs: REASONS.podIP,
  volumes: REASONS.volumes,
};

/** reasonFor is the unschedulable reason of a resource a pod is short of. */
export const reasonFor = (name: ResourceName): string => REASON_OF[name];

/** fitsRequest is NodeResourcesFit: every resource the pod does not fit by the fit rule, in upstream's order (pods, cpu, memory), as fit.go's InsufficientResource. */
export function fitsRequest(pod: PodRequest, node: NodeUsage): InsufficientResource[] {
  const { allocatable: a, requested: r } = node;
  const amounts = {
    pods: [1, r.pods, a.pods],
    cpu: [pod.cpuMilli, r.cpuMilli, a.cpuMilli],
    memory: [pod.memoryBytes, r.memoryBytes, a.memoryBytes],
  } as const;
  return insufficientResources(pod, freeResources(node))
    .filter((name): name is InsufficientResource['resourceName'] => FIT_RESOURCES.has(name))
    .map((name) => {
      const [requested, used, capacity] = amounts[name];
      return { resourceName: name, reason: REASON_OF[name], requested, used, capacity };
    });
}

// A node that passes: one empty list for every such node (the scheduler asks of hundreds a pod).
const NO_REASONS: readonly string[] = Object.freeze([]);

/**
 * filterNode runs the default filters in order and returns the reasons of the first that rejects
 * the node ([] when the pod may go there). Spread is decided by the caller (it needs the whole
 * cluster): pass `spreadViolated`. Labels, pool taints and other pods are `constraints`' (the
 * upstream plugins, prepared once per pod: TaintToleration and NodeAffinity before the fit,
 * PodTopologySpread and InterPodAffinity after). Simplified: the node-lifecycle taints (`taints`)
 * reject every pod (workload pods tolerate none of them for scheduling).
 */
export function filterNode(
  pod: PodRequest,
  node: NodeUsage & { readonly object?: Node },
  spreadViolated = false,
  constraints: { readonly filters: ConstraintFilters } | null = null,
): readonly string[] {
  if (node.unschedulable) return [REASONS.unschedulable];
  if (node.taints.length > 0) return [REASONS.taint(node.taints[0]!)];
  const object = node.object;
  if (constraints !== null && object !== undefined) {
    const local = constraints.filters.nodeLocal(object);
    if (local.code !== 'Success') return [...local.reasons];
  }
  if (pod.hostPort !== null && node.hostPorts.has(pod.hostPort)) return [REASONS.ports];
  if (!fitsOn(pod, node)) {
    const short = insufficientResources(pod, freeResources(node));
    const fit = short.filter((name) => FIT_RESOURCES.has(name));
    // NodeResourcesFit reports every resource it lacks; past it, the first filter that rejects the
    // node says why: pod IPs (kube-scheduler does not see them; CNI fails the sandbox instead:
    // checked here so that such a pod stays pending with its reason), then volumes.
    return fit.length > 0 ? fit.map((name) => REASON_OF[name]) : [REASON_OF[short[0]!]];
  }
  if (spreadViolated) return [REASONS.spread];
  if (constraints !== null && object !== undefined) {
    const wide = constraints.filters.clusterWide(object);
    if (wide.code !== 'Success') return [...wide.reasons];
  }
  return NO_REASONS;
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
  return describeReasonCounts(totalNodes, counts);
}

/** describeReasonCounts is describeUnschedulable from how many nodes gave each reason. */
export function describeReasonCounts(totalNodes: number, counts: ReadonlyMap<string, number>): string {
  // Upstream sorts the "N reason" strings.
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${totalNodes} nodes are available${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}
