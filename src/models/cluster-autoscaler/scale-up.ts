// The cluster autoscaler's scale-up decision for one loop: estimate, per node group that may grow,
// how many new nodes the pending pods need; let the expander pick one group; ask for its nodes all
// at once. kubernetes/autoscaler cluster-autoscaler/core/scaleup/orchestrator/orchestrator.go
// (ScaleUp, ComputeExpansionOption), estimator/threshold_based_limiter.go with
// sng_capacity_threshold.go and cluster_capacity_threshold.go (the estimate stops at the group's
// and the cluster's remaining room). Simplified: one group per loop (no balancing of similar groups).
import { fitsResources, insufficientResources, podRequest, type PodAsk, type ResourceName } from '../resources.js';
import { reasonFor } from '../scheduler/filter.js';
import { binpack, templateResources, type NodeTemplate, type PodGroup } from './estimator.js';
import { bestOption, type Expander, type ExpansionOption } from './expander.js';

/** NodeGroup is a pool as the autoscaler sees it. */
export interface NodeGroup {
  readonly name: string;
  /** template is what a new node offers workload pods (DaemonSets already placed). */
  readonly template: NodeTemplate;
  readonly nodeCapacity: { readonly cpuMilli: number; readonly memoryBytes: number };
  readonly pricePerHour: number;
  readonly priority: number;
  /** targetSize counts the group's nodes, registered or on their way. */
  readonly targetSize: number;
  readonly maxSize: number;
  readonly backedOff: boolean;
}

/** ScaleUpInput is one loop's view: pending pods no existing or upcoming node can take. */
export interface ScaleUpInput {
  readonly pods: readonly PodAsk[];
  readonly groups: readonly NodeGroup[];
  /** clusterNodes counts every node, registered or upcoming; maxNodesTotal 0 means no limit. */
  readonly clusterNodes: number;
  readonly maxNodesTotal: number;
  readonly expander: Expander;
  readonly random: () => number;
}

/** ScaleUp is the decision: grow `group` by `nodeCount` for `podCount` of the pods, or nothing. */
export type ScaleUp =
  | {
      readonly group: string;
      readonly nodeCount: number;
      readonly podCount: number;
      readonly options: readonly ExpansionOption[];
    }
  | { readonly group: null; readonly options: readonly [] };

/** groupPods groups equal pod requests, in the order they first appear. */
export function groupPods(pods: readonly PodAsk[]): PodGroup[] {
  const groups = new Map<string, { count: number } & ReturnType<typeof podRequest>>();
  for (const p of pods) {
    const key = `${p.cpuMilli}/${p.memoryBytes}/${p.hostPort ?? ''}/${p.volumes ?? 0}/${p.hostNetwork ?? false}`;
    const g = groups.get(key);
    if (g !== undefined) g.count++;
    else groups.set(key, { ...podRequest(p), count: 1 });
  }
  return [...groups.values()];
}

/** scaleUp is ScaleUp for one loop. */
export function scaleUp(input: ScaleUpInput): ScaleUp {
  const none = { group: null, options: [] } as const;
  const clusterRoom = input.maxNodesTotal > 0 ? input.maxNodesTotal - input.clusterNodes : Infinity;
  if (input.pods.length === 0 || clusterRoom <= 0) return none;
  const podGroups = groupPods(input.pods);
  const options: ExpansionOption[] = [];
  for (const g of input.groups) {
    const room = Math.min(g.maxSize - g.targetSize, clusterRoom);
    if (g.backedOff || room <= 0) continue;
    // Only the pods that fit an empty node of the group are estimated for it.
    const template = templateResources(g.template);
    const fitting = podGroups.filter((p) => fitsResources(podRequest(p), template));
    const estimate = binpack({ template: g.template, podGroups: fitting, maxNodes: room });
    if (estimate.nodeCount === 0) continue;
    const requested = { cpuMilli: 0, memoryBytes: 0 };
    fitting.forEach((p, i) => {
      requested.cpuMilli += estimate.scheduledPerGroup[i]! * p.cpuMilli;
      requested.memoryBytes += estimate.scheduledPerGroup[i]! * p.memoryBytes;
    });
    options.push({
      group: g.name,
      nodeCount: estimate.nodeCount,
      podCount: estimate.scheduledPods,
      requested,
      nodeCapacity: g.nodeCapacity,
      pricePerHour: g.pricePerHour,
      priority: g.priority,
    });
  }
  const best = bestOption(options, input.expander, input.random, input.clusterNodes);
  return best === null ? none : { group: best.group, nodeCount: best.nodeCount, podCount: best.podCount, options };
}

// The resource a pod lacks on a group's new node that NotTriggerScaleUp names, the first of these.
const SHORT_ORDER: readonly ResourceName[] = ['cpu', 'memory', 'pods', 'podIPs', 'volumes'];

/** whyNoScaleUp is the NotTriggerScaleUp message for a pod no option helps, counting node groups by reason as upstream does. */
export function whyNoScaleUp(
  pod: PodAsk,
  groups: readonly NodeGroup[],
  clusterNodes: number,
  maxNodesTotal: number,
): string {
  if (maxNodesTotal > 0 && clusterNodes >= maxNodesTotal)
    return "pod didn't trigger scale-up: max node total count already reached";
  const request = podRequest(pod);
  const counts = new Map<string, number>();
  const count = (reason: string) => counts.set(reason, (counts.get(reason) ?? 0) + 1);
  for (const g of groups) {
    if (g.backedOff) count('in backoff after failed scale-up');
    else if (g.targetSize >= g.maxSize) count('max node group size reached');
    else {
      const short = insufficientResources(request, templateResources(g.template));
      const first = SHORT_ORDER.find((name) => short.includes(name));
      if (first !== undefined) count(reasonFor(first));
    }
  }
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, n]) => `${n} ${reason}`);
  return parts.length === 0
    ? "pod didn't trigger scale-up: waiting for a node group to make room"
    : `pod didn't trigger scale-up: ${parts.join(', ')}`;
}
