// How long Karpenter gathers pending pods before it provisions for them: a batch opens with the
// first pod, stays open while pods keep coming within the idle time, and closes at the latest after
// the maximum. kubernetes-sigs/karpenter pkg/controllers/provisioning/batcher.go (Wait) with
// pkg/operator/options/options.go (BATCH_IDLE_DURATION 1 s, BATCH_MAX_DURATION 10 s).

/** BATCH_IDLE_MS and BATCH_MAX_MS are Karpenter's batch window defaults. */
export const BATCH_IDLE_MS = 1_000;
export const BATCH_MAX_MS = 10_000;

/** batchClosesAt is when a batch opened at `openedMs`, whose latest pod came at `lastMs`, is provisioned. */
export function batchClosesAt(openedMs: number, lastMs: number, idleMs = BATCH_IDLE_MS, maxMs = BATCH_MAX_MS): number {
  return Math.min(lastMs + idleMs, openedMs + maxMs);
}
