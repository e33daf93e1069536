// The cluster autoscaler's binpacking estimator: how many nodes of a node group's template the
// pending pods need. kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go
// (Estimate, tryToScheduleOnExistingNodes, tryToScheduleOnNewNodes) and decreasing_pod_orderer.go.
// Fit is the fit rule of models/resources.ts (CPU, memory, pod slots, pod IPs, volumes) and host
// ports; pods with a template also pass the scheduler's constraint filters on the group's template
// node (labels, zone, taints), counting the cluster's nodes beside the new ones, with upstream's
// retry of a hostname-spread pod on any other node (kubernetes/autoscaler#8181).
import type { Node } from 'kubernetes-types/core/v1.js';
import { copyResources, type NodeResources } from '../resources.js';
import { hasHardTaints, type ClusterEntry } from '../scheduler/plugins/index.js';
import type { PendingPod } from '../scheduler/schedule-one.js';
import { asPod, ConstrainedBinpacking, type Binpacking, type PodGroup } from './constrained-binpacking.js';
import { constraintFilters, constraintGate, emptyRoom, fitsRoom, take, type Room } from './placement.js';

/** NodeTemplate is what a new node of the group offers workload pods (DaemonSets already counted); pod IPs and volumes left out do not bind. */
export type NodeTemplate = Pick<NodeResources, 'cpuMilli' | 'memoryBytes' | 'pods'> & Partial<NodeResources>;

export type { Binpacking, PodGroup } from './constrained-binpacking.js';

/** templateResources is a template as one full vector: pod IPs and volumes left out are unlimited. */
export function templateResources(t: NodeTemplate): NodeResources {
  return copyResources({ ...t, podIPs: t.podIPs ?? Infinity, volumes: t.volumes ?? Infinity });
}

/** EstimateInput is estimateNodes's input; maxNodes 0 or absent means no limit. */
export interface EstimateInput {
  readonly template: NodeTemplate;
  readonly podGroups: readonly PodGroup[];
  readonly maxNodes?: number;
  /** templateNode is the group's node as a v1 Node (labels, zone, taints): new nodes are copies named <name>-e-<i>, their hostname label their name. */
  readonly templateNode?: Node;
  /** snapshot are the cluster's nodes that take pods, as rooms with their node object: counted by the constraint filters, and tried again for a hostname-spread pod. */
  readonly snapshot?: readonly Room[];
  /** counted are nodes that take no pod (tainted, not ready) but count for spread and affinity. */
  readonly counted?: readonly ClusterEntry[];
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

/** binpack is estimateNodes with the pods placed per group. */
export function binpack(input: EstimateInput): Binpacking {
  const template = templateResources(input.template);
  const limit = input.maxNodes !== undefined && input.maxNodes > 0 ? input.maxNodes : Infinity;
  // A stable sort, highest score first, as the decreasing pod orderer does.
  const order = input.podGroups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => podGroupScore(b.g, template) - podGroupScore(a.g, template));
  if (input.templateNode !== undefined) {
    const gate = constraintGate(input.snapshot ?? [], input.counted ?? []);
    if (hasHardTaints(input.templateNode)) gate.hardTaints = true;
    const asks = order.some(({ g }) => g.template !== undefined && constraintFilters(asPod(g), [], [], gate) !== null);
    if (asks) return new ConstrainedBinpacking(input, input.templateNode, template, limit, gate).run(order);
  }
  const scheduledPerGroup = input.podGroups.map(() => 0);
  const nodes: Room[] = [];
  let scheduled = 0;
  const place = (n: Room, pod: PendingPod, group: number) => {
    take(n, pod);
    scheduled++;
    scheduledPerGroup[group]!++;
  };
  for (const { g, i } of order) {
    const pod = asPod(g);
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
