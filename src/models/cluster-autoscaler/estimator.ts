// The cluster autoscaler's binpacking estimator: how many nodes of a node group's template the
// pending pods need. kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go
// (Estimate, tryToScheduleOnExistingNodes, tryToScheduleOnNewNodes) and decreasing_pod_orderer.go.
// Fit is the fit rule of models/resources.ts (CPU, memory, pod slots, pod IPs, volumes) and host
// ports. Simplified: no affinity or topology spread.
import { copyResources, podRequest, type NodeResources, type PodAsk } from '../resources.js';
import type { PendingPod } from '../scheduler/schedule-one.js';
import { emptyRoom, fitsRoom, take, type Room } from './placement.js';

/** NodeTemplate is what a new node of the group offers workload pods (DaemonSets already counted); pod IPs and volumes left out do not bind. */
export type NodeTemplate = Pick<NodeResources, 'cpuMilli' | 'memoryBytes' | 'pods'> & Partial<NodeResources>;

/** PodGroup is a set of equivalent pending pods: one pod's request (two with the same host port never share a node) and how many. */
export type PodGroup = PodAsk & { readonly name?: string; readonly count: number };

/** templateResources is a template as one full vector: pod IPs and volumes left out are unlimited. */
export function templateResources(t: NodeTemplate): NodeResources {
  return copyResources({ ...t, podIPs: t.podIPs ?? Infinity, volumes: t.volumes ?? Infinity });
}

/** EstimateInput is estimateNodes's input; maxNodes 0 or absent means no limit. */
export interface EstimateInput {
  readonly template: NodeTemplate;
  readonly podGroups: readonly PodGroup[];
  readonly maxNodes?: number;
}

/** podGroupScore is the decreasing pod orderer's score: the share of the template's CPU plus its share of memory. */
export function podGroupScore(group: PodGroup, template: NodeTemplate): number {
  const share = (used: number, of: number) => (of > 0 ? used / of : 0);
  return share(group.cpuMilli, template.cpuMilli) + share(group.memoryBytes, template.memoryBytes);
}

/** estimateNodes is Estimate: first-fit decreasing over pod groups onto new nodes of the template. */
export function estimateNodes(input: EstimateInput): { nodeCount: number; scheduledPods: number } {
  const { nodeCount, scheduledPods } = binpack(input);
  return { nodeCount, scheduledPods };
}

/** Binpacking is estimateNodes's answer with how many pods of each group (by input index) it placed. */
export interface Binpacking {
  readonly nodeCount: number;
  readonly scheduledPods: number;
  readonly scheduledPerGroup: readonly number[];
}

/** binpack is estimateNodes with the pods placed per group. */
export function binpack(input: EstimateInput): Binpacking {
  const template = templateResources(input.template);
  const limit = input.maxNodes !== undefined && input.maxNodes > 0 ? input.maxNodes : Infinity;
  // A stable sort, highest score first, as the decreasing pod orderer does.
  const order = input.podGroups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => podGroupScore(b.g, template) - podGroupScore(a.g, template));
  const scheduledPerGroup = input.podGroups.map(() => 0);
  const nodes: Room[] = [];
  let scheduled = 0;
  const place = (n: Room, pod: PendingPod, group: number) => {
    take(n, pod);
    scheduled++;
    scheduledPerGroup[group]!++;
  };
  for (const { g, i } of order) {
    // One of the group's pods, as the scheduler simulation sees it (the estimator does not spread).
    const pod: PendingPod = { ...podRequest(g), workload: g.name ?? '', spread: false };
    let left = g.count;
    // tryToScheduleOnExistingNodes: first fit on the nodes added so far, until a pod fits none.
    while (left > 0) {
      const n = nodes.find((x) => fitsRoom(x, pod));
      if (n === undefined) break;
      place(n, pod, i);
      left--;
    }
    // tryToScheduleOnNewNodes: the last added node, else a new one.
    for (; left > 0; left--) {
      const last = nodes[nodes.length - 1];
      if (last !== undefined && fitsRoom(last, pod)) {
        place(last, pod, i);
        continue;
      }
      // An empty last node that cannot take the pod means no new node could either.
      if (last !== undefined && last.free.pods === template.pods) break;
      if (nodes.length >= limit) break;
      const fresh = emptyRoom(template);
      nodes.push(fresh);
      if (fitsRoom(fresh, pod)) place(fresh, pod, i);
    }
  }
  // Only nodes that received a pod count (an empty last node is dropped).
  return {
    nodeCount: nodes.filter((n) => n.free.pods < template.pods).length,
    scheduledPods: scheduled,
    scheduledPerGroup,
  };
}
