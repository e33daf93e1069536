// Which pods a ReplicaSet deletes when it scales down: upstream's getPodsToDelete, which ranks
// pods by ActivePodsWithRanks.Less (kubernetes/kubernetes pkg/controller/controller_utils.go) with
// the LogarithmicScaleDown feature (on by default since 1.22). Times in ms.

/** RankedPod is what the ranking reads of a pod. */
export interface RankedPod {
  readonly name: string;
  /** node is where the pod is bound, or null while unscheduled. */
  readonly node: string | null;
  readonly phase: 'Pending' | 'Unknown' | 'Running';
  readonly ready: boolean;
  /** readySince is when the pod last became ready (ms), when it is ready. */
  readonly readySince?: number;
  readonly created: number;
  readonly restarts?: number;
}

const PHASE_ORDINAL = { Pending: 0, Unknown: 1, Running: 2 } as const;

// logarithmicRankDiff: compare the log2 buckets of two ages (upstream measures in nanoseconds).
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * comparePodsForDeletion orders pods, the first to delete first: unscheduled before scheduled;
 * Pending < Unknown < Running; not ready before ready; more of the set's pods on the same node
 * first (rank); ready for less time first (in log2 buckets); more restarts first; newer first
 * (log2 buckets). Simplified: pod-deletion-cost annotations are not modelled; ties, which upstream
 * breaks by UID, are broken by name.
 */
export function comparePodsForDeletion(a: RankedPod, b: RankedPod, rankA: number, rankB: number, now: number): number {
  if (a.node !== b.node && (a.node === null || b.node === null)) return a.node === null ? -1 : 1;
  if (a.phase !== b.phase) return PHASE_ORDINAL[a.phase] - PHASE_ORDINAL[b.phase];
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (rankA !== rankB) return rankB - rankA;
  if (a.ready && b.ready && a.readySince !== b.readySince) {
    const diff = logRank(a.readySince ?? now, now) - logRank(b.readySince ?? now, now);
    if (diff !== 0) return diff;
  }
  if ((a.restarts ?? 0) !== (b.restarts ?? 0)) return (b.restarts ?? 0) - (a.restarts ?? 0);
  if (a.created !== b.created) {
    const diff = logRank(a.created, now) - logRank(b.created, now);
    if (diff !== 0) return diff;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * getPodsToDelete picks `diff` pods of a ReplicaSet to delete, ranked by how many active pods of the
 * set share their node (getPodsRankedByRelatedPodsOnSameNode; unscheduled pods share the "" node).
 */
export function getPodsToDelete(pods: readonly RankedPod[], diff: number, now: number): RankedPod[] {
  if (diff <= 0) return [];
  const onNode = new Map<string, number>();
  for (const p of pods) onNode.set(p.node ?? '', (onNode.get(p.node ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.node ?? '') ?? 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.pod, y.pod, x.rank, y.rank, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
