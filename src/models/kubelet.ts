// The kubelet as an API client: its requests wait on kubeAPIQPS/kubeAPIBurst through
// models/token-bucket.ts reserveToken (they queue; they do not fail). Steady traffic (pkg/kubelet/nodelease, kubelet_node_status.go): a lease renewal every 10 s, and a
// node status patch only when the status changed or every nodeStatusReportFrequency (5 min).

/** LEASE_RENEW_INTERVAL_MS: the node lease is renewed every 10 s (a quarter of its 40 s duration). */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
/** NODE_STATUS_REPORT_FREQUENCY_MS: an unchanged node status is still reported every 5 min. */
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

/** steadyRequestsPerSecond is one healthy, idle kubelet's steady API traffic: lease renewals and status reports. */
export function steadyRequestsPerSecond(): { lease: number; nodeStatus: number } {
  return { lease: 1000 / LEASE_RENEW_INTERVAL_MS, nodeStatus: 1000 / NODE_STATUS_REPORT_FREQUENCY_MS };
}
