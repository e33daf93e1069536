// client-go's token bucket (util/flowcontrol NewTokenBucketRateLimiter over golang.org/x/time/rate),
// as both of the kubelet's limiters use it: the registry pull limiter asks TryAccept and fails a
// pull with no token; the API client limiter reserves the next token and waits for it, so requests
// queue in order and the bucket may go negative meanwhile. qps 0 means no limit.

/** TokenBucket is the limiter's state: tokens at a time (negative while reserved requests wait). */
export interface TokenBucket {
  readonly tokens: number;
  readonly atMs: number;
}

/** fullBucket is a limiter at rest: `burst` tokens. */
export const fullBucket = (burst: number, atMs = 0): TokenBucket => ({ tokens: burst, atMs });

// The tokens at `nowMs`: refilled at qps since the last change, never above the burst.
const refill = (bucket: TokenBucket, nowMs: number, qps: number, burst: number) =>
  Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.atMs) / 1000) * qps);

/** tryAccept is TryAccept: a token now, or a refusal; it never waits. */
export function tryAccept(
  bucket: TokenBucket,
  nowMs: number,
  qps: number,
  burst: number,
): { accepted: boolean; bucket: TokenBucket } {
  if (qps <= 0) return { accepted: true, bucket };
  const tokens = refill(bucket, nowMs, qps, burst);
  const atMs = Math.max(nowMs, bucket.atMs);
  return tokens >= 1
    ? { accepted: true, bucket: { tokens: tokens - 1, atMs } }
    : { accepted: false, bucket: { tokens, atMs } };
}

/** reserveToken is rate.Limiter.reserveN for one request: when it may go, and the bucket after it. */
export function reserveToken(
  bucket: TokenBucket,
  nowMs: number,
  qps: number,
  burst: number,
): { admitMs: number; bucket: TokenBucket } {
  if (qps <= 0) return { admitMs: nowMs, bucket };
  const tokens = refill(bucket, nowMs, qps, burst) - 1;
  const waitMs = tokens < 0 ? Math.ceil((-tokens / qps) * 1000) : 0;
  return { admitMs: nowMs + waitMs, bucket: { tokens, atMs: Math.max(nowMs, bucket.atMs) } };
}
