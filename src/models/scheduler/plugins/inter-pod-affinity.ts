// InterPodAffinity's Filter for required pod affinity and anti-affinity, with its PreFilter's
// counts: kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
// (getExistingAntiAffinityCounts, getIncomingAffinityAntiAffinityCounts, satisfyPodAffinity,
// satisfyPodAntiAffinity, satisfyExistingPodsAntiAffinity) and framework/types.go (AffinityTerm:
// namespaces default to the term owner's; an empty namespaceSelector selects every namespace;
// matchLabelKeys and mismatchLabelKeys add the owner's values). Simplified: a namespace's only
// label is kubernetes.io/metadata.name, its name (which the API server sets on every namespace).
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { ClusterEntry, PreparedFilter } from './pod-topology-spread.js';
import { matchesLabelSelector } from './selectors.js';
import { SUCCESS, unresolvable, unschedulable, type FilterStatus } from './status.js';

// A term as the plugin holds it: its selector with the owner's match/mismatch label keys merged,
// the namespaces it names, and its namespace selector (none: only those named).
export interface Term {
  readonly topologyKey: string;
  readonly selector: LabelSelector | undefined;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelector | undefined;
}

/** termOf is NewPodInfo's AffinityTerm: the term as its owner pod holds it. */
export function termOf(t: PodAffinityTerm, owner: Pod): Term {
  const labels = owner.metadata?.labels ?? {};
  const extra = [
    ...(t.matchLabelKeys ?? [])
      .filter((k) => Object.hasOwn(labels, k))
      .map((key) => ({ key, operator: 'In', values: [labels[key]!] })),
    ...(t.mismatchLabelKeys ?? [])
      .filter((k) => Object.hasOwn(labels, k))
      .map((key) => ({ key, operator: 'NotIn', values: [labels[key]!] })),
  ];
  const selector =
    t.labelSelector === undefined || extra.length === 0
      ? t.labelSelector
      : { ...t.labelSelector, matchExpressions: [...(t.labelSelector.matchExpressions ?? []), ...extra] };
  const ns = t.namespaceSelector;
  const names = new Set(t.namespaces ?? []);
  if (names.size === 0 && ns === undefined) names.add(owner.metadata?.namespace ?? '');
  return { topologyKey: t.topologyKey, selector, namespaces: names, namespaceSelector: ns };
}

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** termMatches is AffinityTerm.Matches: the pod's namespace named, or selected (an empty selector selects all), and its labels selected. */
export const termMatches = (term: Term, pod: Pod) => {
  const namespace = pod.metadata?.namespace ?? '';
  const inNamespace =
    term.namespaces.has(namespace) ||
    (term.namespaceSelector !== undefined &&
      matchesLabelSelector(term.namespaceSelector, { [NAMESPACE_NAME]: namespace }));
  return inNamespace && matchesLabelSelector(term.selector, pod.metadata?.labels);
};

const required = (pod: Pod, kind: 'podAffinity' | 'podAntiAffinity') =>
  (pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => termOf(t, pod));

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

/** interPodAffinity is the plugin's Filter on `node`, the PreFilter state computed from `cluster`. */
export function interPodAffinity(pod: Pod, node: Node, cluster: readonly ClusterEntry[]): FilterStatus {
  return prepareInterPodAffinity(pod, cluster)(node);
}

/** hasRequiredAntiAffinity says whether a pod's required anti-affinity can keep other pods off nodes. */
export const hasRequiredAntiAffinity = (pod: Pod): boolean =>
  (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;

/** prepareInterPodAffinity is the plugin's PreFilter over `cluster`, returning its Filter. */
export function prepareInterPodAffinity(pod: Pod, cluster: readonly ClusterEntry[]): PreparedFilter {
  const affinity = required(pod, 'podAffinity');
  const anti = required(pod, 'podAntiAffinity');
  const existingAnti = new Map<string, number>();
  const affinityCounts = new Map<string, number>();
  const antiCounts = new Map<string, number>();
  let weight = 1;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + weight);
  for (const { node: n, pods, counts } of cluster) {
    const labels = n.metadata?.labels ?? {};
    for (const [j, existing] of pods.entries()) {
      weight = counts?.[j] ?? 1;
      // getExistingAntiAffinityCounts: existing pods whose anti-affinity the incoming pod would break.
      for (const t of required(existing, 'podAntiAffinity'))
        if (Object.hasOwn(labels, t.topologyKey) && termMatches(t, pod))
          add(existingAnti, pairKey(t.topologyKey, labels[t.topologyKey]!));
      // getIncomingAffinityAntiAffinityCounts: an existing pod matching all the incoming terms counts for each.
      if (affinity.length > 0 && affinity.every((t) => termMatches(t, existing)))
        for (const t of affinity)
          if (Object.hasOwn(labels, t.topologyKey)) add(affinityCounts, pairKey(t.topologyKey, labels[t.topologyKey]!));
      for (const t of anti)
        if (Object.hasOwn(labels, t.topologyKey) && termMatches(t, existing))
          add(antiCounts, pairKey(t.topologyKey, labels[t.topologyKey]!));
    }
  }
  return (node) => {
    const labels = node.metadata?.labels ?? {};
    if (!satisfyPodAffinity(affinity, labels, affinityCounts, pod))
      return unresolvable("node(s) didn't match pod affinity rules");
    for (const t of anti) {
      const v = labels[t.topologyKey];
      if (v !== undefined && (antiCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0)
        return unschedulable("node(s) didn't match pod anti-affinity rules");
    }
    if (existingAnti.size > 0)
      for (const [k, v] of Object.entries(labels))
        if ((existingAnti.get(pairKey(k, v)) ?? 0) > 0)
          return unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
    return SUCCESS;
  };
}

// satisfyPodAffinity: every term's topology value on the node has a matching pod; or, when no pod
// anywhere matches and the pod matches all its own terms, it may be the first of its group.
function satisfyPodAffinity(
  terms: readonly Term[],
  labels: Readonly<Record<string, string>>,
  counts: ReadonlyMap<string, number>,
  pod: Pod,
): boolean {
  let podsExist = true;
  for (const t of terms) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false;
    if ((counts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return counts.size === 0 && terms.every((t) => termMatches(t, pod));
}
