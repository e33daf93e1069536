// The kubelet as an API client: its client-side rate limiter, and the steady requests it makes.
// client-go's token bucket (util/flowcontrol NewTokenBucketRateLimiter over golang.org/x/time/rate)
// makes a request wait for a token rather than fail (unlike the image pull limiter): each request
// reserves the next token, so requests queue in order and the bucket may go negative meanwhile.
// Steady traffic (pkg/kubelet/nodelease, kubelet_node_status.go): a lease renewal every 10 s, and a
// node status patch only when the status changed or every nodeStatusReportFrequency (5 min).

/** ClientBucket is the limiter's state: tokens at a time (negative while requests wait). */
export interface ClientBucket {
  readonly tokens: number;
  readonly atMs: number;
}

/** newClientBucket is a limiter at rest: full, `burst` tokens. */
export const newClientBucket = (burst: number, atMs = 0): ClientBucket => ({ tokens: burst, atMs });

/**
 * reserveToken is rate.Limiter.reserveN for one request at `nowMs` (requests reserve in the order they
 * come): it returns when the request may go, and the bucket after it. qps 0 means no limit.
 */
export function reserveToken(bucket: ClientBucket, nowMs: number, qps: number, burst: number): { admitMs: number; bucket: ClientBucket } {
  if (qps <= 0) return { admitMs: nowMs, bucket };
  const tokens = Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.atMs) / 1000) * qps) - 1;
  const waitMs = tokens < 0 ? Math.ceil((-tokens / qps) * 1000) : 0;
  return { admitMs: nowMs + waitMs, bucket: { tokens, atMs: Math.max(nowMs, bucket.atMs) } };
}

/** LEASE_RENEW_INTERVAL_MS: the node lease is renewed every 10 s (a quarter of its 40 s duration). */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
/** NODE_STATUS_REPORT_FREQUENCY_MS: an unchanged node status is still reported every 5 min. */
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

/** steadyRequestsPerSecond is one healthy, idle kubelet's steady API traffic: lease renewals and status reports. */
export function steadyRequestsPerSecond(): { lease: number; nodeStatus: number } {
  return { lease: 1000 / LEASE_RENEW_INTERVAL_MS, nodeStatus: 1000 / NODE_STATUS_REPORT_FREQUENCY_MS };
}
