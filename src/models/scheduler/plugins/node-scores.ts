// The scores that look at one node alone: TaintToleration's and NodeAffinity's. kubernetes/kubernetes
// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (getAllTolerationPreferNoSchedule,
// countIntolerableTaintsPreferNoSchedule, Score, NormalizeScore) and nodeaffinity/node_affinity.go
// (PreScore, Score, NormalizeScore). Simplified: NodeAffinity takes no plugin args (no AddedAffinity).
import type { Node, Pod, PreferredSchedulingTerm, Toleration } from 'kubernetes-types/core/v1.js';
import { defaultNormalizeScore, MAX_NODE_SCORE, type PreparedScore } from './normalize-score.js';
import { matchesNodeSelectorTerms, toleratesTaint } from './selectors.js';

/**
 * prepareTaintTolerationScore scores a node by how many PreferNoSchedule taints it has that the
 * pod's PreferNoSchedule (or effect-less) tolerations leave untolerated; NormalizeScore reverses it,
 * so the fewest such taints scores MaxNodeScore.
 */
export function prepareTaintTolerationScore(pod: Pod, nodes: readonly Node[]): PreparedScore {
  const tolerations: Toleration[] = (pod.spec?.tolerations ?? []).filter(
    (t) => t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule',
  );
  return {
    score: (k) => {
      let n = 0;
      for (const taint of nodes[k]!.spec?.taints ?? [])
        if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => toleratesTaint(t, taint))) n++;
      return n;
    },
    normalize: (scores) => defaultNormalizeScore(MAX_NODE_SCORE, true, scores),
  };
}

/** preferredNodeAffinityTerms are the pod's preferred node affinity terms. */
const preferredTerms = (pod: Pod): readonly PreferredSchedulingTerm[] =>
  pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];

/**
 * prepareNodeAffinityScore scores a node by the summed weights of the pod's preferred node affinity
 * terms it matches, normalized so the best scores MaxNodeScore; null (PreScore's Skip) when the pod
 * prefers nothing.
 */
export function prepareNodeAffinityScore(pod: Pod, nodes: readonly Node[]): PreparedScore | null {
  const terms = preferredTerms(pod).filter((t) => t.weight !== 0);
  if (terms.length === 0) return null;
  return {
    score: (k) => {
      let sum = 0;
      for (const t of terms) if (matchesNodeSelectorTerms([t.preference], nodes[k]!)) sum += t.weight;
      return sum;
    },
    normalize: (scores) => defaultNormalizeScore(MAX_NODE_SCORE, false, scores),
  };
}
