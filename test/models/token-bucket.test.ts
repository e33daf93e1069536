import { describe, expect, it } from 'vitest';
import { fullBucket, reserveToken, tryAccept } from '../../src/models/token-bucket.js';

describe("the kubelet's registry QPS limit (throttleImagePulling: TryAccept, never waits)", () => {
  it('allows a burst of 10, then 5 a second', () => {
    let bucket = fullBucket(10);
    const at = (ms: number) => {
      const r = tryAccept(bucket, ms, 5, 10);
      bucket = r.bucket;
      return r.accepted;
    };
    expect(Array.from({ length: 11 }, () => at(0))).toEqual([...Array(10).fill(true), false]);
    expect(at(100)).toBe(false); // half a token
    expect(at(200)).toBe(true); // one token after 200 ms
    expect(at(200)).toBe(false);
  });

  it('has no limit with qps 0', () => {
    expect(tryAccept(fullBucket(0), 0, 0, 0).accepted).toBe(true);
  });
});

describe("the kubelet's API rate limiter (client-go token bucket: requests wait)", () => {
  const burstOf = (n: number, qps: number, burst: number) => {
    let bucket = fullBucket(burst);
    return Array.from({ length: n }, () => {
      const r = reserveToken(bucket, 0, qps, burst);
      bucket = r.bucket;
      return r.admitMs;
    });
  };

  it('before 1.27 (5 QPS, burst 10): twenty requests at once, ten go at once, then one each 200 ms', () => {
    expect(burstOf(20, 5, 10)).toEqual([...Array(10).fill(0), 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
  });

  it('from 1.27 (50 QPS, burst 100): the same twenty go at once', () => {
    expect(burstOf(20, 50, 100)).toEqual(Array(20).fill(0));
  });

  it('refills at the rate while idle, up to the burst', () => {
    let bucket = fullBucket(10);
    for (let i = 0; i < 10; i++) bucket = reserveToken(bucket, 0, 5, 10).bucket;
    expect(reserveToken(bucket, 1_000, 5, 10).admitMs).toBe(1_000); // 5 tokens back after 1 s
    expect(reserveToken(fullBucket(10), 60_000, 5, 10).bucket.tokens).toBe(9); // never above the burst
  });

  it('has no limit with qps 0', () => {
    expect(reserveToken(fullBucket(0), 5, 0, 0).admitMs).toBe(5);
  });
});
