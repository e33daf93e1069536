// How long an unschedulable pod waits before the scheduler tries it again, as the scheduling
// queue computes it: pkg/scheduler/backend/queue/scheduling_queue.go (calculateBackoffDuration)
// with the default podInitialBackoffSeconds 1 and podMaxBackoffSeconds 10. Durations in ms.

const POD_INITIAL_BACKOFF_MS = 1_000;
const POD_MAX_BACKOFF_MS = 10_000;
/** POD_MAX_IN_UNSCHEDULABLE_PODS_MS: an unschedulable pod is retried after 5 min even if nothing changed. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;

/** calculateBackoffDuration doubles from the initial backoff with each failed attempt, up to the max. */
export function calculateBackoffDuration(
  attempts: number,
  initialMs = POD_INITIAL_BACKOFF_MS,
  maxMs = POD_MAX_BACKOFF_MS,
): number {
  if (attempts <= 0) return 0;
  let duration = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (duration > maxMs - duration) return maxMs;
    duration += duration;
  }
  return duration;
}
