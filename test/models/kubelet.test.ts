import { describe, expect, it } from 'vitest';
import {
  kubeletStartRequests,
  lastRenewalMs,
  podStartRequests,
  podStatusSyncRequests,
  podTerminationRequests,
  steadyStreams,
  ticksWithin,
} from '../../src/models/kubelet.js';

describe('steady kubelet traffic', () => {
  it("reads the node every 10 s from the API server before 1.31, from the kubelet's informer since", () => {
    const shape = (minor: number) =>
      steadyStreams(minor).map((s) => [s.request.kind, s.request.cls, s.periodMs, s.firstAfterMs]);
    expect(shape(30)).toEqual([
      ['lease', 'write', 10_000, 0],
      ['nodeStatus', 'read', 10_000, 0],
      ['nodeStatus', 'write', 300_000, 300_000],
    ]);
    expect(shape(31)).toEqual([
      ['lease', 'write', 10_000, 0],
      ['nodeStatus', 'write', 300_000, 300_000],
    ]);
    // All heartbeats go through the heartbeat client, which has no QPS limit.
    expect(new Set(steadyStreams(30).map((s) => s.request.client))).toEqual(new Set(['heartbeat']));
  });

  it.each([
    // served ms, lease renewals (one at the start, then every 10 s), status reports (every 5 min after the start)
    [0, 0, 0],
    [1, 1, 0],
    [10_000, 1, 0],
    [10_001, 2, 0],
    [300_000, 30, 0],
    [300_001, 31, 1],
    [3_600_000, 360, 11],
  ])('a kubelet serving %i ms sends %i renewals and %i status reports', (served, leases, reports) => {
    const [lease, , report] = steadyStreams(30);
    expect(ticksWithin(lease!, served)).toBe(leases);
    expect(ticksWithin(report!, served)).toBe(reports);
  });

  it('knows the last renewal before a crash', () => {
    expect(lastRenewalMs(5_000, 5_000)).toBe(5_000);
    expect(lastRenewalMs(5_000, 34_999)).toBe(25_000);
    expect(lastRenewalMs(5_000, 35_000)).toBe(35_000);
  });
});

describe("the kubelet's requests and their clients", () => {
  const count = (rs: ReadonlyArray<{ kind: string; cls: string; client: string }>) => {
    const out: Record<string, number> = {};
    for (const r of rs) out[`${r.kind}/${r.cls}/${r.client}`] = (out[`${r.kind}/${r.cls}/${r.client}`] ?? 0) + 1;
    return out;
  };

  it('at start: a LIST and a WATCH per informer on the main client, the lease, its status and events; the first start registers the node', () => {
    expect(count(kubeletStartRequests(false))).toEqual({
      'listWatch/read/main': 10,
      'lease/read/heartbeat': 1,
      'nodeStatus/write/heartbeat': 1,
      'event/write/events': 5,
    });
    expect(count(kubeletStartRequests(true))['nodeStatus/write/heartbeat']).toBe(2);
  });

  it('per pod: a token and its events; a status sync is a GET and a PATCH; termination a Killing event and the final delete', () => {
    expect(count(podStartRequests(true))).toEqual({ 'token/write/main': 1, 'event/write/events': 4 });
    expect(count(podStartRequests(false))).toEqual({ 'token/write/main': 1, 'event/write/events': 3 });
    expect(podStatusSyncRequests().map((r) => `${r.cls}/${r.client}`)).toEqual(['read/main', 'write/main']);
    expect(count(podTerminationRequests())).toEqual({ 'event/write/events': 1, 'podStatus/write/main': 1 });
  });
});
