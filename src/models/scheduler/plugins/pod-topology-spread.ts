// PodTopologySpread's Filter for the DoNotSchedule constraints, with its PreFilter's counts:
// kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
// (calPreFilterState, Filter, minMatchNum) and common.go (filterTopologySpreadConstraints,
// matchNodeInclusionPolicies, countPodsMatchSelector). A node counts for a constraint when it has
// every constraint's topology key and passes its inclusion policies (nodeAffinityPolicy Honor:
// the pod's nodeSelector and required node affinity; nodeTaintsPolicy Ignore by default); its
// pods count when they are in the pod's namespace, not terminating, and match the selector
// (matchLabelKeys add the pod's own values). The ScheduleAnyway constraints and the cluster-default
// ones are scoring's: pod-topology-spread-score.ts.
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { requiredNodeAffinityMatches } from './node-filters.js';
import { firstUntoleratedTaint, isHardTaint, matchesLabelSelector } from './selectors.js';
import { SUCCESS, unresolvable, unschedulable, type FilterStatus } from './status.js';

/** ClusterEntry is a node with the pods bound to it; `counts[i]`, where given, says how many identical pods `pods[i]` stands for (a simulation's replicas share one object). */
export interface ClusterEntry {
  readonly node: Node;
  readonly pods: readonly Pod[];
  readonly counts?: readonly number[];
  /** byPod: `counts` by pod object, where the entry's owner keeps them (a simulation's replicas share their object). */
  readonly byPod?: ReadonlyMap<Pod, number>;
}

/** PreparedFilter is a plugin's Filter once its PreFilter has run: the verdict on one node. */
export type PreparedFilter = (node: Node) => FilterStatus;

const REASON = "node(s) didn't match pod topology spread constraints";
const MISSING_LABEL = `${REASON} (missing required label)`;

/** selectorOf is the constraint's selector with matchLabelKeys merged in (key In [the pod's value]). */
export function selectorOf(c: TopologySpreadConstraint, pod: Pod): LabelSelector | undefined {
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
function countPodsMatchSelector(entry: ClusterEntry, selector: LabelSelector | undefined, namespace: string): number {
  let n = 0;
  entry.pods.forEach((p, i) => {
    if (
      p.metadata?.deletionTimestamp === undefined &&
      (p.metadata?.namespace ?? '') === namespace &&
      matchesLabelSelector(selector, p.metadata?.labels)
    )
      n += entry.counts?.[i] ?? 1;
  });
  return n;
}

/** included is matchNodeInclusionPolicies: whether the node's pods count for the constraint. */
export function included(c: TopologySpreadConstraint, pod: Pod, node: Node): boolean {
  if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !requiredNodeAffinityMatches(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === 'Honor' &&
    firstUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations ?? [], isHardTaint) !== undefined
  )
    return false;
  return true;
}

/** hardSpreadConstraints are the pod's DoNotSchedule constraints, the ones Filter enforces. */
export const hardSpreadConstraints = (pod: Pod): TopologySpreadConstraint[] =>
  (pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');

/** podTopologySpread is the plugin's Filter on `node`, the PreFilter state computed from `cluster`. */
export function podTopologySpread(pod: Pod, node: Node, cluster: readonly ClusterEntry[]): FilterStatus {
  return preparePodTopologySpread(pod, cluster)(node);
}

/** preparePodTopologySpread is the plugin's PreFilter (calPreFilterState) over `cluster`, returning its Filter. */
export function preparePodTopologySpread(pod: Pod, cluster: readonly ClusterEntry[]): PreparedFilter {
  const constraints = hardSpreadConstraints(pod);
  if (constraints.length === 0) return () => SUCCESS;
  const namespace = pod.metadata?.namespace ?? '';
  const selectors = constraints.map((c) => selectorOf(c, pod));
  // calPreFilterState: each constraint's matching pods per domain, over the nodes that carry every key.
  const counts = constraints.map(() => new Map<string, number>());
  for (const entry of cluster) {
    const n = entry.node;
    const labels = n.metadata?.labels ?? {};
    if (!constraints.every((c) => Object.hasOwn(labels, c.topologyKey))) continue;
    constraints.forEach((c, i) => {
      if (!included(c, pod, n)) return;
      const value = labels[c.topologyKey]!;
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countPodsMatchSelector(entry, selectors[i], namespace));
    });
  }
  const podLabels = pod.metadata?.labels ?? {};
  // minMatchNum: the least matching pods in a domain, 0 while there are fewer domains than minDomains.
  const minima = counts.map((domains, i) => {
    let min = domains.size < (constraints[i]!.minDomains ?? 1) ? 0 : Infinity;
    for (const n of domains.values()) min = Math.min(min, n);
    return min;
  });
  const selves = selectors.map((s) => (matchesLabelSelector(s, podLabels) ? 1 : 0));
  return (node) => {
    const labels = node.metadata?.labels ?? {};
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      const value = labels[c.topologyKey];
      if (value === undefined) return unresolvable(MISSING_LABEL);
      if ((counts[i]!.get(value) ?? 0) + selves[i]! - minima[i]! > c.maxSkew) return unschedulable(REASON);
    }
    return SUCCESS;
  };
}
