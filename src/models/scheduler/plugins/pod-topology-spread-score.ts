// PodTopologySpread's Score for the ScheduleAnyway constraints, or the cluster-default ones for a
// pod that sets none: kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/
// scoring.go (initPreScoreState, PreScore, Score, NormalizeScore, topologyNormalizingWeight,
// scoreForCount) and plugin.go (systemDefaultConstraints, buildDefaultConstraints). A node scores
// the matching pods in each of its domains, weighted by log(domains + 2), plus maxSkew − 1; the
// fewest scores MaxNodeScore after NormalizeScore. Simplified: the default selector (upstream's
// DefaultSelector: the owning ReplicaSet's, StatefulSet's or ReplicationController's selector and
// the Services') selects the pods of the pod's own controller; Services are not modelled.
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { MAX_NODE_SCORE, type PreparedScore } from './normalize-score.js';
import { included, selectorOf, type ClusterEntry } from './pod-topology-spread.js';
import { matchesLabelSelector } from './selectors.js';

const HOSTNAME = 'kubernetes.io/hostname';

/** SYSTEM_DEFAULT_CONSTRAINTS are kube-scheduler's cluster-default spread (defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

/** DefaultConstraints is PodTopologySpreadArgs: 'System' defaulting, or a List of constraints (none: []). */
export type DefaultConstraints = 'System' | readonly TopologySpreadConstraint[];

// A soft constraint as PreScore holds it: which pods it counts, its inclusion policies, and
// whether it counts the pods of the pod's own controller (a cluster default).
interface Soft {
  readonly spec: TopologySpreadConstraint;
  readonly matches: (p: Pod) => boolean;
  readonly byController?: boolean;
}

/**
 * PodsByDomain, where a simulation gives it, counts over every node the pods that share `pod`'s
 * object by their node's value of `topologyKey` ("" where a node has none), terminating ones left
 * out; the simulation vouches that those are all the pods of the pod's controller.
 */
export type PodsByDomain = (pod: Pod, topologyKey: string) => ReadonlyMap<string, number> | undefined;

// The kinds whose pods DefaultSelector selects by their owner's selector.
const DEFAULTED_OWNERS = new Set(['ReplicaSet', 'StatefulSet', 'ReplicationController']);

const controllerOf = (pod: Pod): OwnerReference | undefined =>
  pod.metadata?.ownerReferences?.find((o) => o.controller === true);

// Each pod object's controller as one key, worked out once: a simulation's replicas share one.
const controllerKeys = new WeakMap<Pod, string>();
function controllerKey(pod: Pod): string {
  let key = controllerKeys.get(pod);
  if (key === undefined) {
    const o = controllerOf(pod);
    key = o === undefined ? '' : `${o.kind}\u0000${o.name}\u0000${o.uid}`;
    controllerKeys.set(pod, key);
  }
  return key;
}

// The pod's ScheduleAnyway constraints; with none written, the defaults over its controller's pods.
function softConstraints(pod: Pod, defaults: DefaultConstraints): Soft[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0)
    return own
      .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
      .map((c) => {
        const selector = selectorOf(c, pod);
        return { spec: c, matches: (p: Pod) => matchesLabelSelector(selector, p.metadata?.labels) };
      });
  const owner = controllerOf(pod);
  if (owner === undefined || !DEFAULTED_OWNERS.has(owner.kind)) return [];
  const key = controllerKey(pod);
  // A simulation's replicas share their pod object: the same object is the same controller's.
  const matches = (p: Pod) => p === pod || controllerKey(p) === key;
  const list = defaults === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : defaults;
  return list
    .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
    .map((c) => ({ spec: c, matches, byController: true }));
}

// countPodsMatchSelector: the entry's pods in `namespace`, not terminating, that the constraint counts.
function countOn(entry: ClusterEntry, c: Soft, namespace: string): number {
  const { pods, counts } = entry;
  let n = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (p.metadata?.deletionTimestamp === undefined && (p.metadata?.namespace ?? '') === namespace && c.matches(p))
      n += counts?.[i] ?? 1;
  }
  return n;
}

// Whether the pod's nodeSelector or required node affinity could leave a node's pods uncounted.
const asksOfNodes = (pod: Pod) =>
  Object.keys(pod.spec?.nodeSelector ?? {}).length > 0 ||
  pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;

const labelsOf = (node: Node): Readonly<Record<string, string>> => node.metadata?.labels ?? {};

/**
 * preparePodTopologySpreadScore is the plugin's PreScore over the nodes to score (`filtered`) and,
 * for domains wider than a node, every node in `cluster` (asked for only then); null is Skip.
 */
export function preparePodTopologySpreadScore(
  pod: Pod,
  filtered: readonly ClusterEntry[],
  cluster: () => readonly ClusterEntry[],
  defaults: DefaultConstraints,
  podsByDomain?: PodsByDomain,
): PreparedScore | null {
  const constraints = softConstraints(pod, defaults);
  if (constraints.length === 0) return null;
  const namespace = pod.metadata?.namespace ?? '';
  // Only rules the pod or the cluster's List wrote require every topology key on a node.
  const requireAll = (pod.spec?.topologySpreadConstraints ?? []).length > 0 || defaults !== 'System';
  const hasAll = (labels: Readonly<Record<string, string>>) =>
    constraints.every((c) => Object.hasOwn(labels, c.spec.topologyKey));
  // initPreScoreState: the domains the nodes to score are in, each counted from zero; each node's
  // value of each key (undefined: none) read once, for Score.
  const n = filtered.length;
  const ignored: boolean[] | null = requireAll ? filtered.map((e) => !hasAll(labelsOf(e.node))) : null;
  const counts = constraints.map(() => new Map<string, number>());
  const values = constraints.map(() => new Array<string | undefined>(n));
  // Whether some node to score has the constraint's key: only then does Score read its counts.
  const keyed = constraints.map(() => false);
  let scored = 0;
  for (let k = 0; k < n; k++) {
    if (ignored?.[k] === true) continue;
    scored++;
    const labels = labelsOf(filtered[k]!.node);
    for (let i = 0; i < constraints.length; i++) {
      const key = constraints[i]!.spec.topologyKey;
      const value = Object.hasOwn(labels, key) ? labels[key] : undefined;
      values[i]![k] = value;
      if (key === HOSTNAME) continue;
      counts[i]!.set(value ?? '', 0);
      if (value !== undefined) keyed[i] = true;
    }
  }
  const weights = constraints.map((c, i) => Math.log((c.spec.topologyKey === HOSTNAME ? scored : counts[i]!.size) + 2));
  // A default constraint over every node (no node affinity to honour, no node lacks a key it
  // requires) can take the simulation's running counts instead of a walk over the cluster.
  const everyNode = !requireAll && !asksOfNodes(pod);
  constraints.forEach((c, i) => {
    if (!keyed[i] || c.byController !== true || !everyNode) return;
    const known = podsByDomain?.(pod, c.spec.topologyKey);
    if (known === undefined) return;
    for (const value of counts[i]!.keys()) counts[i]!.set(value, known.get(value) ?? 0);
    keyed[i] = false;
  });
  if (keyed.some((k) => k))
    for (const entry of cluster()) {
      const labels = labelsOf(entry.node);
      if (requireAll && !hasAll(labels)) continue;
      constraints.forEach((c, i) => {
        if (!keyed[i]) return;
        const value = labels[c.spec.topologyKey] ?? '';
        const count = counts[i]!.get(value);
        if (count === undefined || !included(c.spec, pod, entry.node)) return;
        counts[i]!.set(value, count + countOn(entry, c, namespace));
      });
    }
  // A default constraint's pods on one node: where the simulation vouches that a controller's pods
  // share their object (podsByDomain given) and keeps the node's count by object, one lookup. A
  // ReplicaSet's pods are one template; a StatefulSet's revisions are several under one owner.
  const byObject = podsByDomain !== undefined && controllerOf(pod)?.kind === 'ReplicaSet';
  const onNode = (entry: ClusterEntry, c: Soft): number =>
    c.byController === true && byObject && entry.byPod !== undefined
      ? (entry.byPod.get(pod) ?? 0)
      : countOn(entry, c, namespace);
  return {
    score: (k) => {
      if (ignored?.[k] === true) return 0;
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const value = values[i]![k];
        if (value === undefined) continue;
        const c = constraints[i]!;
        const count = c.spec.topologyKey === HOSTNAME ? onNode(filtered[k]!, c) : counts[i]!.get(value)!;
        score += count * weights[i]! + (c.spec.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalize: (scores) => normalizeSpreadScores(scores, ignored),
  };
}

// NormalizeScore: the fewest matching pods score MaxNodeScore; ignored nodes score 0.
function normalizeSpreadScores(scores: number[], ignored: readonly boolean[] | null): void {
  let min = Infinity;
  let max = 0;
  for (let k = 0; k < scores.length; k++) {
    if (ignored?.[k] === true) continue;
    min = Math.min(min, scores[k]!);
    max = Math.max(max, scores[k]!);
  }
  for (let k = 0; k < scores.length; k++) {
    if (ignored?.[k] === true) scores[k] = 0;
    else if (max === 0) scores[k] = MAX_NODE_SCORE;
    else scores[k] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[k]!)) / max);
  }
}
