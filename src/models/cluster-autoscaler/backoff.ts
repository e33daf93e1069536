// Node-group backoff after a failed scale-up. kubernetes/autoscaler
// cluster-autoscaler/utils/backoff/exponential_backoff.go (Backoff, RemoveStaleBackoffData): the
// first failure backs the group off for the initial duration; a failure after that backoff ended
// doubles it, up to the maximum; a failure during it (concurrent scale-ups failing) backs off for
// the initial duration again; a group with no failure for the reset timeout starts over.

/** BackoffSettings are --initial-node-group-backoff-duration, --max-node-group-backoff-duration and --node-group-backoff-reset-timeout. */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly resetMs: number;
}

/** BACKOFF_RESET_TIMEOUT_MS: --node-group-backoff-reset-timeout, 3 h. */
export const BACKOFF_RESET_TIMEOUT_MS = 3 * 3_600_000;

/** BackoffInfo is one node group's backoff: how long, until when, and when it last failed. */
export interface BackoffInfo {
  readonly durationMs: number;
  readonly untilMs: number;
  readonly lastFailedMs: number;
}

/** backoff is exponentialBackoff.Backoff: the group's backoff after a failure at `nowMs`. */
export function backoff(previous: BackoffInfo | undefined, nowMs: number, s: BackoffSettings): BackoffInfo {
  let durationMs = s.initialMs;
  // Stale data (no failure for the reset timeout) has been dropped; only a backoff that has ended doubles.
  if (previous !== undefined && previous.lastFailedMs + s.resetMs >= nowMs && previous.untilMs < nowMs) {
    durationMs = Math.min(2 * previous.durationMs, s.maxMs);
  }
  return { durationMs, untilMs: nowMs + durationMs, lastFailedMs: nowMs };
}

/** isBackedOff is exponentialBackoff.IsBackedOff. */
export const isBackedOff = (info: BackoffInfo | undefined, nowMs: number): boolean =>
  info !== undefined && nowMs < info.untilMs;
