// The kubelet's CrashLoopBackOff: how long an exited container waits before its restart.
// kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff keeps one
// client-go flowcontrol.Backoff entry per container (k8s.io/client-go/util/flowcontrol/backoff.go)
// and, with ts the exit's FinishedAt:
// - IsInBackOffSince(key, ts): no entry, or an expired one → restart now; else wait until
//   ts + backoff (the pod shows CrashLoopBackOff meanwhile);
// - Next(key, ts) when it restarts: a new or expired entry starts at the initial backoff, otherwise
//   the backoff doubles up to the max; lastUpdate = now.
// So the first exit restarts at once and the waits after it are 10, 20, 40, 80, 160, 300, 300 s.
// Defaults (pkg/kubelet/kubelet.go): initialCrashLoopBackOff 10 s, MaxCrashLoopBackOff =
// MaxContainerBackOff 300 s; with the ReduceDefaultCrashLoopBackOffDecay gate 1 s and 60 s;
// KubeletCrashLoopBackOffMax sets the max from crashLoopBackOff.maxContainerRestartPeriod (KEP-4603).
// Reset: the kubelet's HasExpiredFunc, eventTime.Sub(lastUpdate) > 600*time.Second: the entry
// expires when the exit came more than 10 min after the restart that last called Next. (Before
// KEP-4603 this was flowcontrol's hasExpired, > 2 × maxDuration: the same 10 min by default.)
// Simplified: the restart happens exactly at FinishedAt + backoff; upstream waits for the pod's
// next sync (the pod worker requeues it for about then) and for the PLEG to see the exit (≤ 1 s).
// Simplified: no jitter (the kubelet's Backoff has none) and no per-exit-code or per-container
// policies.

/** CrashLoopBackOffPolicy is the kubelet's curve: initial and max backoff, and the reset threshold. */
export interface CrashLoopBackOffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly resetMs: number;
}

const kubeletDefaults: CrashLoopBackOffPolicy = { initialMs: 10_000, maxMs: 300_000, resetMs: 600_000 };

/**
 * crashLoopBackOff is doBackOff for one exit: `backoffMs` is the container's Backoff entry (null:
 * none yet), `ranMs` the time from the kubelet's last restart of it to this exit. It returns how
 * long after the exit the container restarts, and the entry after that restart's Next.
 */
export function crashLoopBackOff(
  backoffMs: number | null,
  ranMs: number,
  policy: CrashLoopBackOffPolicy = kubeletDefaults,
): { delayMs: number; backoffMs: number } {
  if (!(ranMs >= 0)) throw new Error(`Negative or missing run time ${ranMs} ms`);
  const initialMs = Math.min(policy.initialMs, policy.maxMs);
  if (backoffMs === null || ranMs > policy.resetMs) return { delayMs: 0, backoffMs: initialMs };
  return { delayMs: backoffMs, backoffMs: Math.min(2 * backoffMs, policy.maxMs) };
}
