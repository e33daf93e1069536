import { describe, expect, it } from 'vitest';
import { advanceQueue, arrive, DEFAULT_API_SERVER, latencyMs, serviceRate } from '../../src/models/apiserver.js';

describe("the API server's capacity", () => {
  it('completes max-in-flight / service time requests a second per class (400 reads of 5 ms, 200 writes of 25 ms)', () => {
    expect(serviceRate(DEFAULT_API_SERVER, 'read')).toBe(80_000);
    expect(serviceRate(DEFAULT_API_SERVER, 'write')).toBe(8_000);
  });

  it('shows no wait below capacity: a request takes its service time', () => {
    const q = advanceQueue({ backlog: 0, atMs: 0 }, 60_000, 8_000, 5_000); // 5,000 steady writes/s
    expect(q).toEqual({ backlog: 0, atMs: 60_000 });
    expect(latencyMs(arrive(q, 0), 8_000, 25)).toBe(25);
  });

  it('shows overload as latency: a burst beyond capacity waits for the backlog ahead of it', () => {
    const burst = arrive({ backlog: 0, atMs: 0 }, 16_000); // two seconds of writes at once
    expect(latencyMs(burst, 8_000, 25)).toBe(2_025);
    expect(latencyMs(advanceQueue(burst, 1_000, 8_000, 0), 8_000, 25)).toBe(1_025);
    expect(advanceQueue(burst, 3_000, 8_000, 0).backlog).toBe(0);
  });

  it('lets a backlog grow while steady traffic alone exceeds capacity', () => {
    expect(advanceQueue({ backlog: 0, atMs: 0 }, 10_000, 8_000, 9_000).backlog).toBe(10_000);
    // and a standing backlog drains only at the capacity the steady traffic leaves
    expect(advanceQueue({ backlog: 10_000, atMs: 0 }, 1_000, 8_000, 7_000).backlog).toBe(9_000);
  });
});
