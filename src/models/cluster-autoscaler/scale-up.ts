// The NotTriggerScaleUp event the cluster autoscaler puts on a pending pod no scale-up helps:
// kubernetes/autoscaler cluster-autoscaler/processors/status/eventing_scale_up_processor.go
// (ReasonsMessage): node groups counted by reason, a group skipped before estimating (the
// orchestrator's reason, skippedreasons.go) or one whose new node would not fit the pod.
import { insufficientResources, podRequest, type PodAsk, type ResourceName } from '../resources.js';
import { reasonFor } from '../scheduler/filter.js';
import { templateResources, type NodeTemplate } from './estimator.js';

// The resource a pod lacks on a group's new node that NotTriggerScaleUp names, the first of these.
const SHORT_ORDER: readonly ResourceName[] = ['cpu', 'memory', 'pods', 'podIPs', 'volumes'];

/** EXPENDABLE_PODS_PRIORITY_CUTOFF is --expendable-pods-priority-cutoff: pods below it trigger no scale-up and need no room when their node goes (FAQ, core/utils FilterOutExpendablePods). */
const EXPENDABLE_PODS_PRIORITY_CUTOFF = -10;

/** isExpendable says whether a pod of this priority is below the cutoff. */
export const isExpendable = (pod: { readonly priority?: number }): boolean =>
  (pod.priority ?? 0) < EXPENDABLE_PODS_PRIORITY_CUTOFF;

/** whyNoScaleUp is the NotTriggerScaleUp message for a pod no option helps, given the groups and those the orchestrator skipped. */
export function whyNoScaleUp(
  pod: PodAsk,
  groups: ReadonlyArray<{ readonly name: string; readonly template: NodeTemplate }>,
  skipped: ReadonlyArray<{ readonly group: string; readonly reason: string }>,
  clusterNodes: number,
  maxNodesTotal: number,
): string {
  if (maxNodesTotal > 0 && clusterNodes >= maxNodesTotal)
    return "pod didn't trigger scale-up: max node total count already reached";
  const request = podRequest(pod);
  const counts = new Map<string, number>();
  const count = (reason: string) => counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const skippedReason = new Map(skipped.map((s) => [s.group, s.reason]));
  for (const g of groups) {
    const reason = skippedReason.get(g.name);
    if (reason !== undefined) count(reason);
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
