// The cluster autoscaler's binpacking estimator: how many nodes of a node group's template the
// pending pods need. kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go
// (Estimate, tryToScheduleOnExistingNodes, tryToScheduleOnNewNodes) and decreasing_pod_orderer.go.
// Simplified: fit is CPU, memory, pod count and host ports (no affinity or topology spread).
import { emptyRoom, fitsRoom, take, type Room } from './placement.js';

/** NodeTemplate is what a new node of the group offers workload pods (DaemonSets already counted). */
export interface NodeTemplate {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly pods: number;
  /** volumes is how many volumes a node can attach; absent means no limit. */
  readonly volumes?: number;
}

/** PodGroup is a set of equivalent pending pods. */
export interface PodGroup {
  readonly name?: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly count: number;
  /** hostPort: two pods with the same host port never share a node (the NodePorts filter). */
  readonly hostPort?: number;
  /** volumes each pod attaches. */
  readonly volumes?: number;
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
  const { template } = input;
  const limit = input.maxNodes !== undefined && input.maxNodes > 0 ? input.maxNodes : Infinity;
  // A stable sort, highest score first, as the decreasing pod orderer does.
  const order = input.podGroups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => podGroupScore(b.g, template) - podGroupScore(a.g, template));
  const scheduledPerGroup = input.podGroups.map(() => 0);
  const nodes: Room[] = [];
  let scheduled = 0;
  const fits = fitsRoom;
  let current = 0;
  const place = (n: Room, g: PodGroup) => {
    take(n, g);
    scheduled++;
    scheduledPerGroup[current]!++;
  };
  for (const { g, i } of order) {
    current = i;
    let left = g.count;
    // tryToScheduleOnExistingNodes: first fit on the nodes added so far, until a pod fits none.
    while (left > 0) {
      const n = nodes.find((x) => fits(x, g));
      if (n === undefined) break;
      place(n, g);
      left--;
    }
    // tryToScheduleOnNewNodes: the last added node, else a new one.
    for (; left > 0; left--) {
      const last = nodes[nodes.length - 1];
      if (last !== undefined && fits(last, g)) {
        place(last, g);
        continue;
      }
      // An empty last node that cannot take the pod means no new node could either.
      if (last !== undefined && last.pods === template.pods) break;
      if (nodes.length >= limit) break;
      const fresh = emptyRoom(template);
      nodes.push(fresh);
      if (fits(fresh, g)) place(fresh, g);
    }
  }
  // Only nodes that received a pod count (an empty last node is dropped).
  return { nodeCount: nodes.filter((n) => n.pods < template.pods).length, scheduledPods: scheduled, scheduledPerGroup };
}
