// InterPodAffinity's Score: kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/
// scoring.go (PreScore, processExistingPod, processTerm, Score, NormalizeScore) with the plugin's
// args (HardPodAffinityWeight 1, IgnorePreferredTermsOfExistingPods false by default). Each
// existing pod adds to its node's topology domains: the incoming pod's preferred affinity terms
// it matches add their weight, its preferred anti-affinity terms take it away; the existing pod's
// required affinity terms the incoming pod matches add HardPodAffinityWeight, its preferred terms
// add or take their weight. A node scores what its labels' domains gathered, scaled min to max.
import type { Node, Pod, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE, type PreparedScore } from './normalize-score.js';
import type { ClusterEntry } from './pod-topology-spread.js';
import { termMatches, termOf, type Term } from './inter-pod-affinity.js';

/** InterPodAffinityArgs are the plugin's args. */
export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** DEFAULT_INTER_POD_AFFINITY_ARGS are upstream's defaults (pkg/scheduler/apis/config/v1/defaults.go). */
export const DEFAULT_INTER_POD_AFFINITY_ARGS: InterPodAffinityArgs = Object.freeze({
  hardPodAffinityWeight: 1,
  ignorePreferredTermsOfExistingPods: false,
});

interface WeightedTerm extends Term {
  readonly weight: number;
}

// The pod's terms as PodInfo holds them, each with its weight and sign.
interface ScoringTerms {
  readonly preferredAffinity: readonly WeightedTerm[];
  readonly preferredAnti: readonly WeightedTerm[];
  readonly requiredAffinity: readonly Term[];
}

// Worked out once per pod object: a simulation's replicas share one.
const termsOfPod = new WeakMap<Pod, ScoringTerms>();

function scoringTerms(pod: Pod): ScoringTerms {
  let terms = termsOfPod.get(pod);
  if (terms !== undefined) return terms;
  const affinity = pod.spec?.affinity;
  const weighted = (list: readonly WeightedPodAffinityTerm[] | undefined) =>
    (list ?? []).map((w) => ({ ...termOf(w.podAffinityTerm, pod), weight: w.weight }));
  terms = {
    preferredAffinity: weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAnti: weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    requiredAffinity: (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      termOf(t, pod),
    ),
  };
  termsOfPod.set(pod, terms);
  return terms;
}

/** hasPodAffinityScoring says whether a bound pod's terms weigh in others' scores: required pod affinity, or any preferred term. */
export function hasPodAffinityScoring(pod: Pod): boolean {
  const t = scoringTerms(pod);
  return t.requiredAffinity.length > 0 || t.preferredAffinity.length > 0 || t.preferredAnti.length > 0;
}

/** hasPreferredPodAffinity says whether the pod has preferred pod affinity or anti-affinity terms of its own. */
export function hasPreferredPodAffinity(pod: Pod): boolean {
  const t = scoringTerms(pod);
  return t.preferredAffinity.length > 0 || t.preferredAnti.length > 0;
}

/**
 * prepareInterPodAffinityScore is the plugin's PreScore over every node in `cluster`, returning
 * the Score of the nodes to score (`nodes`); null is Skip (no term counted anywhere).
 */
export function prepareInterPodAffinityScore(
  pod: Pod,
  nodes: readonly Node[],
  cluster: readonly ClusterEntry[],
  args: InterPodAffinityArgs = DEFAULT_INTER_POD_AFFINITY_ARGS,
): PreparedScore | null {
  const own = scoringTerms(pod);
  const hasConstraints = own.preferredAffinity.length > 0 || own.preferredAnti.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return null;
  const topologyScore = new Map<string, Map<string, number>>();
  let counted = false;
  const add = (key: string, labels: Readonly<Record<string, string>>, by: number) => {
    const value = labels[key];
    if (value === undefined) return;
    let values = topologyScore.get(key);
    if (values === undefined) topologyScore.set(key, (values = new Map()));
    values.set(value, (values.get(value) ?? 0) + by);
    counted = true;
  };
  for (const { node, pods, counts } of cluster) {
    const labels = node.metadata?.labels ?? {};
    if (Object.keys(labels).length === 0) continue;
    for (const [j, existing] of pods.entries()) {
      const n = counts?.[j] ?? 1;
      for (const t of own.preferredAffinity) if (termMatches(t, existing)) add(t.topologyKey, labels, t.weight * n);
      for (const t of own.preferredAnti) if (termMatches(t, existing)) add(t.topologyKey, labels, -t.weight * n);
      const theirs = scoringTerms(existing);
      if (args.hardPodAffinityWeight > 0)
        for (const t of theirs.requiredAffinity)
          if (termMatches(t, pod)) add(t.topologyKey, labels, args.hardPodAffinityWeight * n);
      for (const t of theirs.preferredAffinity) if (termMatches(t, pod)) add(t.topologyKey, labels, t.weight * n);
      for (const t of theirs.preferredAnti) if (termMatches(t, pod)) add(t.topologyKey, labels, -t.weight * n);
    }
  }
  if (!counted) return null;
  return {
    score: (k) => {
      const labels = nodes[k]!.metadata?.labels ?? {};
      let score = 0;
      for (const [key, values] of topologyScore) {
        const value = labels[key];
        if (value !== undefined) score += values.get(value) ?? 0;
      }
      return score;
    },
    normalize: normalizeAffinityScores,
  };
}

// NormalizeScore: scaled from the least (0) to the most (MaxNodeScore); all 0 when they are equal.
function normalizeAffinityScores(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const diff = max - min;
  for (let k = 0; k < scores.length; k++)
    scores[k] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[k]! - min) / diff)) : 0;
}
