// Why a replica took as long as it did: its time from creation to Ready, cut into the steps it
// waited on. Pending time overlapping its node's provisioning (request to Ready) counts as
// provisioning; the rest of it as pending for capacity (or for the scheduler's backoff). Reporting is
// the kubelet's status update reaching the API server (its QPS limit, the server's latency).

/** StartupBreakdown is a pod's start-up in seconds, step by step; the steps add up to the total. */
export interface StartupBreakdown {
  readonly pending: number;
  readonly provisioning: number;
  readonly pulling: number;
  readonly starting: number;
  readonly readiness: number;
  readonly reporting: number;
}

/** PodStartup is one Ready pod's start-up, step by step (seconds). */
export interface PodStartup extends StartupBreakdown {
  readonly pod: string;
  readonly createdS: number;
}

/** PodDates are the times (ms) a Ready pod passed each step. */
export interface PodDates {
  readonly createdMs: number;
  readonly scheduledMs: number;
  readonly pulledMs: number;
  readonly runningMs: number;
  /** kubeletReadyMs: the kubelet saw it Ready; readyMs: the control plane did. */
  readonly kubeletReadyMs: number;
  readonly readyMs: number;
}

/** startupBreakdown cuts a Ready pod's start-up; `node` is its node's request and Ready times (requestedMs null for a node that was there from the start). */
export function startupBreakdown(
  pod: PodDates,
  node: { readonly requestedMs: number | null; readonly readyMs: number },
): StartupBreakdown {
  const waited = pod.scheduledMs - pod.createdMs;
  const provisioning =
    node.requestedMs === null
      ? 0
      : Math.max(0, Math.min(pod.scheduledMs, node.readyMs) - Math.max(pod.createdMs, node.requestedMs));
  return {
    pending: (waited - provisioning) / 1000,
    provisioning: provisioning / 1000,
    pulling: (pod.pulledMs - pod.scheduledMs) / 1000,
    starting: (pod.runningMs - pod.pulledMs) / 1000,
    readiness: (pod.kubeletReadyMs - pod.runningMs) / 1000,
    reporting: (pod.readyMs - pod.kubeletReadyMs) / 1000,
  };
}

/** describeBreakdown is the breakdown as events.csv words it. */
export function describeBreakdown(b: StartupBreakdown): string {
  const s = (x: number) => `${Math.round(x * 1000) / 1000} s`;
  return `pending ${s(b.pending)}, provisioning ${s(b.provisioning)}, pulling ${s(b.pulling)}, starting ${s(b.starting)}, readiness ${s(b.readiness)}, reporting ${s(b.reporting)}`;
}
