import { describe, expect, it } from 'vitest';
import { DEFAULT_API_SERVER } from '../../src/models/apiserver.js';
import { podStatusSyncRequests, steadyStreams } from '../../src/models/kubelet.js';
import { ApiTraffic } from '../../src/simulate/api-traffic.js';
import { KubeletApi } from '../../src/simulate/kubelet-api.js';
import type { ClusterNode } from '../../src/simulate/cluster.js';
import { Simulation } from '../../src/sim/simulation.js';

const node = (name: string) => ({ name }) as unknown as ClusterNode;
const limits = { apiQPS: 5, apiBurst: 10, eventQPS: 5, eventBurst: 10 };

describe('ApiTraffic', () => {
  it('takes steady traffic as a rate in the timeline, and counts it exactly when the kubelet stops', () => {
    const traffic = new ApiTraffic(10_000, DEFAULT_API_SERVER);
    const streams = steadyStreams(34); // a lease every 10 s, a status report every 5 min
    traffic.steady(streams, 1, 5_000);
    expect(traffic.sample(10_000).byKind.lease).toBeCloseTo(0.05, 9); // served half the window
    expect(traffic.sample(20_000).byKind.lease).toBeCloseTo(0.1, 9);
    traffic.steady(streams, -1, 25_001, 20_001);
    expect(traffic.totals.lease).toBe(3); // renewals at 5, 15 and 25 s
    expect(traffic.sample(30_000).byKind.lease).toBeCloseTo(0.05001, 9);
  });

  it('counts a request in the window it reaches the server, and takes back one that never left', () => {
    const traffic = new ApiTraffic(10_000, DEFAULT_API_SERVER);
    const [get, patch] = podStatusSyncRequests();
    traffic.record(get!, 1_000, false);
    traffic.record(patch!, 12_000, true);
    traffic.record(patch!, 13_000, true);
    traffic.unrecord(patch!, 13_000, true);
    expect(traffic.sample(10_000)).toMatchObject({ rps: 0.1, throttledRps: 0 });
    expect(traffic.sample(20_000)).toMatchObject({ rps: 0.1, throttledRps: 0.1 });
    expect(traffic.totals.podStatus).toBe(2);
    expect(traffic.throttled).toBe(1);
  });

  it("makes a burst beyond the server's write capacity wait", () => {
    const traffic = new ApiTraffic(10_000, {
      ...DEFAULT_API_SERVER,
      maxMutatingRequestsInflight: 1,
      writeServiceMs: 100,
    }); // 10 writes/s
    const [, patch] = podStatusSyncRequests();
    for (let i = 0; i < 50; i++) traffic.record(patch!, 0, false);
    expect(traffic.latencyAt(0, 'write')).toBe(100 + 5_000);
    expect(traffic.latencyAt(2_000, 'write')).toBe(100 + 3_000);
    expect(traffic.latencyAt(9_000, 'write')).toBe(100);
    expect(traffic.peakLatencyMs).toBe(5_100);
  });
});

describe('KubeletApi', () => {
  const setup = () => {
    const sim = new Simulation();
    const traffic = new ApiTraffic(10_000, DEFAULT_API_SERVER);
    const queues: number[] = [];
    const api = new KubeletApi(sim, traffic, steadyStreams(34));
    api.connect({ queued: (_, waiting) => queues.push(waiting) });
    const n = node('n');
    api.add(n, limits);
    api.serve(n, []);
    return { sim, traffic, api, n, queues };
  };

  it("queues a node's status syncs behind its QPS limit: at 5 QPS with burst 10, 100 pods wait up to ~38 s", () => {
    const { sim, api, n, traffic } = setup();
    const delivered: number[] = [];
    for (let i = 0; i < 100; i++)
      api.syncPodStatus(
        n,
        { i },
        () => true,
        () => delivered.push(sim.now),
      );
    sim.run({ until: 60_000 });
    expect(delivered).toHaveLength(100);
    // 200 requests: 10 at once, then 5 a second: the last PATCH goes at 38 s, and lands one write (25 ms,
    // and a fraction of a ms for the writes of the same second ahead of it, rounded up) later.
    expect(delivered[0]).toBe(26);
    expect(delivered.at(-1)).toBe(38_026);
    expect(traffic.throttled).toBe(190);
  });

  it('lets a change ride on a sync still waiting: one GET and PATCH carries the latest status', () => {
    const { sim, api, n, traffic } = setup();
    for (let i = 0; i < 10; i++)
      api.syncPodStatus(
        n,
        { i },
        () => 0,
        () => {},
      ); // take the burst
    const pod = {};
    let status = 'Pending';
    const seen: string[] = [];
    api.syncPodStatus(
      n,
      pod,
      () => status,
      (s) => seen.push(s),
    );
    status = 'Running';
    api.syncPodStatus(
      n,
      pod,
      () => status,
      (s) => seen.push(s),
    );
    status = 'Ready';
    sim.run({ until: 60_000 });
    expect(seen).toEqual(['Ready']);
    expect(traffic.totals.podStatus).toBe(22);
  });

  it('loses what was waiting when the kubelet dies, and sends nothing while it is down', () => {
    const { sim, api, n, traffic, queues } = setup();
    const delivered: number[] = [];
    for (let i = 0; i < 20; i++)
      api.syncPodStatus(
        n,
        { i },
        () => true,
        () => delivered.push(sim.now),
      );
    expect(queues.at(-1)).toBe(30); // 40 requests, 10 at once
    sim.at(1_000, () => api.stop(n));
    sim.run({ until: 60_000 });
    // Before the crash: the 5 syncs whose PATCH went in the burst, and those of the first second.
    expect(delivered.length).toBeLessThan(20);
    // Each delivered sync's GET and PATCH, and the GET of a sync whose PATCH was still waiting.
    expect(traffic.totals.podStatus).toBe(delivered.length * 2 + 1);
    api.syncPodStatus(
      n,
      {},
      () => true,
      () => delivered.push(sim.now),
    );
    expect(api.isServing(n)).toBe(false);
    expect(traffic.totals.podStatus).toBe(delivered.length * 2 + 1);
  });
});
