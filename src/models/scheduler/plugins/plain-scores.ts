// The constraint scores of a plain pod, worked out from counts a simulation keeps by node index
// instead of from node objects: the same numbers constraintScores gives (score-plugins.ts), for
// the pods most clusters run. A plain pod is a ReplicaSet's with no node selector, affinity or
// spread of its own; then, in a cluster with no PreferNoSchedule taint and no pod whose terms weigh
// in InterPodAffinity, TaintToleration scores every node 100, NodeAffinity and InterPodAffinity
// do not score, and PodTopologySpread is the cluster-default spread (SYSTEM_DEFAULT_CONSTRAINTS)
// over the pod's own ReplicaSet: pods on the node and in its zone.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE } from './normalize-score.js';
import { SYSTEM_DEFAULT_CONSTRAINTS, type DefaultConstraints } from './pod-topology-spread-score.js';
import { SCORE_PLUGINS } from './score-plugins.js';

/** PlainCluster is what a plain pod's scores read, by node index. */
export interface PlainCluster {
  /** zoneAt is a node's topology.kubernetes.io/zone label (undefined: none). */
  readonly zoneAt: (node: number) => string | undefined;
  /** countsOf counts a pod object's pods on each node (terminating ones left out); a ReplicaSet's pods share their object. */
  readonly countsOf: (pod: Pod) => ArrayLike<number> | undefined;
  /** preferNoScheduleTaints: some node has a PreferNoSchedule taint. */
  readonly preferNoScheduleTaints: boolean;
}

const weight = (plugin: string): number => SCORE_PLUGINS.find(([name]) => name === plugin)![1];
const [HOSTNAME, ZONE] = SYSTEM_DEFAULT_CONSTRAINTS;

/** isPlainPod says whether plainConstraintScores gives `pod`'s constraint scores in this cluster. */
export function isPlainPod(
  pod: Pod,
  cluster: PlainCluster,
  { defaults, existingPodAffinity }: { defaults: DefaultConstraints; existingPodAffinity: boolean },
): boolean {
  const spec = pod.spec;
  return (
    defaults === 'System' &&
    !existingPodAffinity &&
    !cluster.preferNoScheduleTaints &&
    spec?.affinity === undefined &&
    Object.keys(spec?.nodeSelector ?? {}).length === 0 &&
    (spec?.topologySpreadConstraints ?? []).length === 0 &&
    pod.metadata?.ownerReferences?.find((o) => o.controller === true)?.kind === 'ReplicaSet'
  );
}

/**
 * plainConstraintScores is constraintScores for a plain pod (isPlainPod) over the nodes of index
 * `feasible`, with `zoneCounts` its ReplicaSet's pods by zone ("" for nodes without one).
 */
export function plainConstraintScores(
  pod: Pod,
  feasible: readonly number[],
  cluster: PlainCluster,
  zoneCounts: ReadonlyMap<string, number>,
): number[] {
  const n = feasible.length;
  const onNode = cluster.countsOf(pod);
  // PreScore: the domains the nodes are in (a handful of zones: a list beats a Set a node), each
  // node's by its place in that list (-1: no zone label), and each constraint's weight, log(domains + 2).
  // (A node without the label is in the domain "", as upstream counts it, but scores no zone term.)
  const domains: string[] = [];
  const zoneOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const zone = cluster.zoneAt(feasible[k]!);
    let d = domains.indexOf(zone ?? '');
    if (d < 0) d = domains.push(zone ?? '') - 1;
    zoneOf[k] = zone === undefined ? -1 : d;
  }
  const hostWeight = Math.log(n + 2);
  const zoneWeight = Math.log(domains.length + 2);
  const inZone = domains.map((zone) => zoneCounts.get(zone) ?? 0);
  // Score, in the plugin's order of constraints, then NormalizeScore: the fewest scores the most.
  const scores = new Array<number>(n);
  let min = Infinity;
  let max = 0;
  for (let k = 0; k < n; k++) {
    const i = feasible[k]!;
    const here = onNode !== undefined && i < onNode.length ? onNode[i]! : 0;
    let score = 0;
    score += here * hostWeight + (HOSTNAME!.maxSkew - 1);
    const d = zoneOf[k]!;
    if (d >= 0) score += inZone[d]! * zoneWeight + (ZONE!.maxSkew - 1);
    const rounded = Math.round(score);
    scores[k] = rounded;
    if (rounded < min) min = rounded;
    if (rounded > max) max = rounded;
  }
  const taints = weight('TaintToleration') * MAX_NODE_SCORE;
  const spread = weight('PodTopologySpread');
  for (let k = 0; k < n; k++) {
    const normalized = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[k]!)) / max);
    scores[k] = taints + spread * normalized;
  }
  return scores;
}
