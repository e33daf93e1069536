import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../src/report/summary.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

// node-size.yaml's pull: three layers share the 125 MB/s NIC from 0.3 s (41.7 MB/s each); 25 MB is
// in at 0.9 s; then two at 62.5 MB/s until 200 MB is in at 3.7 s; the base layer's last 575 MB at
// the 88 MB/s it is decompressed at.
const PULL_S = 0.3 + 0.6 + 2.8 + 575 / 88;

describe('percentile (nearest rank)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.95, 4],
    [[7], 0.5, 7],
    [[], 0.5, null],
  ] as const)('%j at %f → %j', (xs, p, v) => {
    expect(percentile(xs, p)).toBe(v);
  });
});

describe('summary.json of node-size.yaml, started cold', () => {
  // Cold: the thirteen first replicas are created, pulled and started in the run, as this test counts them.
  const scenario = { ...loadScenario('scenarios/node-size.yaml').scenario!, start: 'cold' as const };
  const summary = (name: string) => {
    const design = scenario.designs.find((d) => d.name === name)!;
    const run = runDesign(scenario, design);
    return { s: summarize(scenario, design, run), run };
  };

  it('has the contract keys, and the figures of the run', () => {
    const { s, run } = summary('big');
    expect(Object.keys(s)).toEqual([
      'scenario',
      'producedBy',
      'design',
      'seed',
      'simulatedSeconds',
      'start',
      'warmupSeconds',
      'events',
      'simulationEvents',
      'nodes',
      'pods',
      'load',
      'capacity',
      'cpu',
      'memory',
      'cost',
      'images',
      'autoscaler',
      'karpenter',
      'api',
      'kubelet',
      'resilience',
      'zones',
      'rollouts',
      'warnings',
    ]);
    expect(s.producedBy).toEqual({ poolsim: '0.1.0', scenarioSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(s).toMatchObject({
      scenario: 'node-size',
      design: 'big',
      seed: 1,
      simulatedSeconds: 3600,
      nodes: { initial: 1, peak: 2, final: 2, provisioned: 1 },
    });
    expect(s.autoscaler).toEqual({
      scaleUps: 1,
      scaleDowns: 0,
      nodesAdded: 1,
      nodesRemoved: 0,
      failedProvisions: 0,
      nodesBlockedByPdb: 0,
    });
    const added = run.nodes[1]!;
    expect(s.pods.peakPending).toBe(2);
    // Two pods pending from 5 min until the new node is Ready; the two at 30 min fit at once.
    expect(s.pods.pendingPodSeconds).toBeCloseTo((2 * (added.readyMs! - 300_000)) / 1000, 6);
    // The first node for the hour, the second from its request, at $0.2125 an hour.
    expect(s.cost.total).toBeCloseTo(0.2125 * (1 + (3_600_000 - added.requestedMs!) / 3_600_000), 6);
    // The 13 that ran first: the pull (below) + start 2 s + ready 5 s, and the Ready status's write
    // at the API server (25 ms, rounded up to the ms).
    expect(s.pods.startupSeconds.p50).toBeCloseTo(PULL_S + 2 + 5 + 0.025, 2);
    expect(s.load).toEqual({ unservedRequests: 0, unservedFraction: 0 });
    // One pull on each node: 1 GB (775, 200, 25 MB) on a 125 MB/s NIC after three 100 ms round trips.
    expect(s.images).toMatchObject({
      pulls: 2,
      bytesPulled: 2e9,
      bytesBySource: { registry: 2e9, mirror: 0, peers: 0 },
      failedPulls: 0,
    });
    expect(s.images.pullSeconds.max).toBeCloseTo(PULL_S, 2);
    // The mean start-up, step by step, adds up to the mean start-up.
    const b = s.pods.startupBreakdownSeconds!;
    const ready = run.pods.filter((p) => p.readyMs !== undefined);
    const mean = ready.reduce((t, p) => t + (p.readyMs! - p.createdMs) / 1000, 0) / ready.length;
    expect(b.pending + b.provisioning + b.pulling + b.starting + b.readiness + b.reporting).toBeCloseTo(mean, 5);
    expect(b.provisioning).toBeCloseTo((2 * (added.readyMs! - added.requestedMs!)) / 1000 / ready.length, 5);
    // The kubelets' requests: the total is the sum of the kinds, and the mean rate is the total over the hour.
    expect(s.api.requests).toBe(Object.values(s.api.requestsByKind).reduce((a, x) => a + x, 0));
    expect(s.api.meanRps).toBeCloseTo(s.api.requests / 3600, 6);
    // main-0 renews its lease for the whole hour (360 renewals and the GET of its first sync), main-1 from its registration.
    const registered = run.nodes[1]!.registeredMs!;
    expect(s.api.requestsByKind.lease).toBe(361 + Math.ceil((3_600_000 - registered) / 10_000) + 1);
    expect(s.api.throttledRequests).toBe(0); // 1.34: 50 QPS, burst 100, for 15 pods
    // A Ready status reaches the control plane one write later: 25 ms, and a ms more behind another write.
    expect(s.api.podReadyDelaySeconds.p50).toBeGreaterThanOrEqual(0.025);
    expect(s.api.podReadyDelaySeconds.p95).toBeLessThanOrEqual(0.027);
    expect(s.kubelet).toEqual({
      crashes: 0,
      restarts: 0,
      fatal: 0,
      nodeNotReadySeconds: 0,
      podsEvicted: 0,
      downSeconds: 0,
    });
    // Thirteen replicas on the first node; whole at 15 and 17 replicas on two nodes, but at 13 on one.
    expect(s.resilience).toEqual({ maxReplicasOnOneNode: 13, minEffectiveReplication: 1, recoverySeconds: null });
  });

  it('counts registered nodes for peak and final alike: a node registered but not yet Ready counts in both', () => {
    const s = loadScenarioText(
      'late.yaml',
      `name: late
duration: 10m
workloads:
  app:
    replicas: 1
    requests: { cpu: 1500m, memory: 1Gi }
    scale: [{ at: 8m, replicas: 3 }]
defaults: { provisioning: 30s, nodeStartup: 5m }
designs:
  d: { pools: { main: { instanceType: e2-standard-2, min: 1, initial: 1, max: 5 } } }
`,
    ).scenario!;
    const d = s.designs[0]!;
    const nodes = summarize(s, d, runDesign(s, d)).nodes;
    expect(nodes).toEqual({ initial: 1, peak: 3, final: 3, provisioned: 2 });
  });

  it('shows the small nodes holding back more of their capacity than the big one (docs/model.md#node-allocatable-and-reservations)', () => {
    expect(summary('small').s.capacity.reservedFraction).toBeGreaterThan(summary('big').s.capacity.reservedFraction);
  });
});

describe('summary.json cpu and memory', () => {
  // Web pods that burst past their requests, with a leak, measured after a 10 minute warm-up.
  const scenario = loadScenarioText(
    'usage.yaml',
    `name: usage
duration: 40m
warmup: 10m
workloads:
  web:
    replicas: 4
    requests: { cpu: 250m, memory: 512Mi }
load:
  web:
    cpuPerRequest: 2m
    baseCpu: 20m
    baseMemory: 300Mi
    memoryPerRps: 1Mi
    leak: 100Mi
    profile: { constant: 800 }
designs:
  d: { pools: { main: { instanceType: e2-standard-8, initial: 1 } } }
`,
  ).scenario!;
  const design = scenario.designs[0]!;
  const run = runDesign(scenario, design);

  it('counts after the warm-up: the counters less their values at its end, the peak as the run took it', () => {
    const before = run.warmup!.usage;
    const { cpu, memory } = summarize(scenario, design, run);
    const used = run.usage.usedCoreSeconds - before.usedCoreSeconds;
    expect(cpu.usedCoreSeconds).toBeCloseTo(used, 5);
    expect(cpu.requestedCoreSeconds).toBeCloseTo(run.usage.requestedCoreSeconds - before.requestedCoreSeconds, 5);
    // 4 pods of 250m over the 30 measured minutes.
    expect(cpu.requestedCoreSeconds).toBeCloseTo(4 * 0.25 * 1800, 3);
    // 800 req/s over 4 pods at 2m each and 20m base: 420m a pod, 170m of it beyond the request.
    expect(cpu.usedCoreSeconds).toBeCloseTo(4 * 0.42 * 1800, 3);
    expect(cpu.burstFraction).toBeCloseTo(0.17 / 0.42, 5);
    expect(cpu.throttledSeconds).toBe(0); // no CPU limit
    expect(memory.peakWorkingSetBytes).toBe(run.usage.peakWorkingSetBytes);
    expect(memory).toMatchObject({ oomKills: 0, evictions: 0 });
  });

  it('subtracts every counter of the warm-up, and takes the share of burst over the CPU used', () => {
    const usage = {
      usedCoreSeconds: 100,
      requestedCoreSeconds: 200,
      burstCoreSeconds: 25,
      throttledCoreSeconds: 7.5,
      peakWorkingSetBytes: 5e9,
      oomKills: 3,
      evictions: 2,
    };
    const then = { ...usage, usedCoreSeconds: 10, requestedCoreSeconds: 20, burstCoreSeconds: 5 };
    const doctored = {
      ...run,
      usage,
      warmup: {
        ...run.warmup!,
        usage: { ...then, throttledCoreSeconds: 1.5, peakWorkingSetBytes: 9e9, oomKills: 1, evictions: 0 },
      },
    };
    const { cpu, memory } = summarize(scenario, design, doctored);
    expect(cpu).toEqual({
      usedCoreSeconds: 90,
      requestedCoreSeconds: 180,
      burstFraction: 0.222222,
      throttledSeconds: 6,
    });
    // The peak restarts at the warm-up's end (warmup.ts): the run's is the measured part's.
    expect(memory).toEqual({ peakWorkingSetBytes: 5e9, oomKills: 2, evictions: 2 });
  });

  it('has a burst fraction of 0, not NaN, when the pods used no CPU', () => {
    const node = loadScenario('scenarios/node-size.yaml').scenario!;
    const big = node.designs[0]!;
    const { cpu } = summarize(node, big, runDesign(node, big));
    expect(cpu.usedCoreSeconds).toBe(0); // no load: the pods use nothing
    expect(cpu.requestedCoreSeconds).toBeGreaterThan(0);
    expect(cpu.burstFraction).toBe(0);
  });
});
