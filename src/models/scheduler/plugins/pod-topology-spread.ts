// PodTopologySpread's Filter for the DoNotSchedule constraints, with its PreFilter's counts:
// kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
// (calPreFilterState, Filter, minMatchNum) and common.go (filterTopologySpreadConstraints,
// matchNodeInclusionPolicies, countPodsMatchSelector). A node counts for a constraint when it has
// every constraint's topology key and passes its inclusion policies (nodeAffinityPolicy Honor:
// the pod's nodeSelector and required node affinity; nodeTaintsPolicy Ignore by default); its
// pods count when they are in the pod's namespace, not terminating, and match the selector
// (matchLabelKeys add the pod's own values). Simplified: no cluster-default constraints (they are
// ScheduleAnyway, a matter for scoring).
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { requiredNodeAffinityMatches } from './node-filters.js';
import { firstUntoleratedTaint, isHardTaint, matchesLabelSelector } from './selectors.js';
import { SUCCESS, unresolvable, unschedulable, type FilterStatus } from './status.js';

/** ClusterNode is a node with the pods bound to it. */
export interface ClusterEntry {
  readonly node: Node;
  readonly pods: readonly Pod[];
}

const REASON = "node(s) didn't match pod topology spread constraints";
const MISSING_LABEL = `${REASON} (missing required label)`;

// The constraint's selector with matchLabelKeys merged in (key In [the pod's value]).
function selectorOf(c: TopologySpreadConstraint, pod: Pod): LabelSelector | undefined {
  const labels = pod.metadata?.labels ?? {};
  const keys = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(labels, k));
  if (c.labelSelector === undefined || keys.length === 0) return c.labelSelector;
  return {
    ...c.labelSelector,
    matchExpressions: [
      ...(c.labelSelector.matchExpressions ?? []),
      ...keys.map((key) => ({ key, operator: 'In', values: [labels[key]!] })),
    ],
  };
}

/** countPodsMatchSelector: the pods in `namespace`, not terminating, that the selector matches. */
function countPodsMatchSelector(pods: readonly Pod[], selector: LabelSelector | undefined, namespace: string): number {
  let n = 0;
  for (const p of pods)
    if (
      p.metadata?.deletionTimestamp === undefined &&
      (p.metadata?.namespace ?? '') === namespace &&
      matchesLabelSelector(selector, p.metadata?.labels)
    )
      n++;
  return n;
}

// matchNodeInclusionPolicies: whether the node's pods count for the constraint.
function included(c: TopologySpreadConstraint, pod: Pod, node: Node): boolean {
  if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !requiredNodeAffinityMatches(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === 'Honor' &&
    firstUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations ?? [], isHardTaint) !== undefined
  )
    return false;
  return true;
}

/** podTopologySpread is the plugin's Filter on `node`, the PreFilter state computed from `cluster`. */
export function podTopologySpread(pod: Pod, node: Node, cluster: readonly ClusterEntry[]): FilterStatus {
  const constraints = (pod.spec?.topologySpreadConstraints ?? []).filter(
    (c) => c.whenUnsatisfiable === 'DoNotSchedule',
  );
  if (constraints.length === 0) return SUCCESS;
  const namespace = pod.metadata?.namespace ?? '';
  const selectors = constraints.map((c) => selectorOf(c, pod));
  // calPreFilterState: each constraint's matching pods per domain, over the nodes that carry every key.
  const counts = constraints.map(() => new Map<string, number>());
  for (const { node: n, pods } of cluster) {
    const labels = n.metadata?.labels ?? {};
    if (!constraints.every((c) => Object.hasOwn(labels, c.topologyKey))) continue;
    constraints.forEach((c, i) => {
      if (!included(c, pod, n)) return;
      const value = labels[c.topologyKey]!;
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countPodsMatchSelector(pods, selectors[i], namespace));
    });
  }
  const labels = node.metadata?.labels ?? {};
  const podLabels = pod.metadata?.labels ?? {};
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const value = labels[c.topologyKey];
    if (value === undefined) return unresolvable(MISSING_LABEL);
    // minMatchNum: the least matching pods in a domain, 0 while there are fewer domains than minDomains.
    const domains = counts[i]!;
    let min = domains.size < (c.minDomains ?? 1) ? 0 : Infinity;
    for (const n of domains.values()) min = Math.min(min, n);
    const self = matchesLabelSelector(selectors[i], podLabels) ? 1 : 0;
    if ((domains.get(value) ?? 0) + self - min > c.maxSkew) return unschedulable(REASON);
  }
  return SUCCESS;
}
