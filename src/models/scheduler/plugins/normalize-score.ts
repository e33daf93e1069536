// How score plugins bring their raw scores to [0, MaxNodeScore]: kubernetes/kubernetes
// pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore) and
// pkg/scheduler/framework/interface.go (MaxNodeScore).

/** MAX_NODE_SCORE is framework.MaxNodeScore, the most a plugin gives a node after NormalizeScore. */
export const MAX_NODE_SCORE = 100;

/**
 * defaultNormalizeScore is DefaultNormalizeScore, in place: each score scaled so the highest is
 * `maxPriority` (integer division), then flipped when `reverse`; all zero stays zero, or becomes
 * `maxPriority` when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((maxPriority * scores[i]!) / maxCount);
    scores[i] = reverse ? maxPriority - s : s;
  }
}

/** PreparedScore is a score plugin once its PreScore has run over the nodes to score: a raw score per node (by its place in that list), and NormalizeScore. */
export interface PreparedScore {
  readonly score: (k: number) => number;
  readonly normalize: (scores: number[]) => void;
}
