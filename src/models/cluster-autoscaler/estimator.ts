// The cluster autoscaler's binpacking estimator: how many nodes of a node group's template the
// pending pods need. kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go
// (Estimate, tryToScheduleOnExistingNodes, tryToScheduleOnNewNodes) and decreasing_pod_orderer.go.
// Simplified: fit is CPU, memory, pod count and host ports (no affinity or topology spread).

/** NodeTemplate is what a new node of the group offers workload pods (DaemonSets already counted). */
export interface NodeTemplate {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly pods: number;
}

/** PodGroup is a set of equivalent pending pods. */
export interface PodGroup {
  readonly name?: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly count: number;
  /** hostPort: two pods with the same host port never share a node (the NodePorts filter). */
  readonly hostPort?: number;
}

/** EstimateInput is estimateNodes's input; maxNodes 0 or absent means no limit. */
export interface EstimateInput {
  readonly template: NodeTemplate;
  readonly podGroups: readonly PodGroup[];
  readonly maxNodes?: number;
}

interface SimNode {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  readonly ports: Set<number>;
}

/** podGroupScore is the decreasing pod orderer's score: the share of the template's CPU plus its share of memory. */
export function podGroupScore(group: PodGroup, template: NodeTemplate): number {
  const share = (used: number, of: number) => (of > 0 ? used / of : 0);
  return share(group.cpuMilli, template.cpuMilli) + share(group.memoryBytes, template.memoryBytes);
}

/** estimateNodes is Estimate: first-fit decreasing over pod groups onto new nodes of the template. */
export function estimateNodes(input: EstimateInput): { nodeCount: number; scheduledPods: number } {
  const { template } = input;
  const limit = input.maxNodes !== undefined && input.maxNodes > 0 ? input.maxNodes : Infinity;
  // A stable sort, highest score first, as the decreasing pod orderer does.
  const groups = [...input.podGroups].sort((a, b) => podGroupScore(b, template) - podGroupScore(a, template));
  const nodes: SimNode[] = [];
  let scheduled = 0;
  const fits = (n: SimNode, g: PodGroup) =>
    g.cpuMilli <= n.cpuMilli && g.memoryBytes <= n.memoryBytes && n.pods >= 1 && (g.hostPort === undefined || !n.ports.has(g.hostPort));
  const place = (n: SimNode, g: PodGroup) => {
    n.cpuMilli -= g.cpuMilli;
    n.memoryBytes -= g.memoryBytes;
    n.pods -= 1;
    if (g.hostPort !== undefined) n.ports.add(g.hostPort);
    scheduled++;
  };
  for (const g of groups) {
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
      const fresh: SimNode = { cpuMilli: template.cpuMilli, memoryBytes: template.memoryBytes, pods: template.pods, ports: new Set() };
      nodes.push(fresh);
      if (fits(fresh, g)) place(fresh, g);
    }
  }
  // Only nodes that received a pod count (an empty last node is dropped).
  return { nodeCount: nodes.filter((n) => n.pods < template.pods).length, scheduledPods: scheduled };
}
