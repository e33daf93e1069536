import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

// One core a pod, 1m of CPU a request, target 50%: N rps need N / 500 pods.
const scenario = (behavior = '', metric = 'targetUtilization: 50') =>
  loadScenarioText(
    'hpa.yaml',
    `name: hpa
duration: 45m
workloads:
  api:
    replicas: 1
    requests: { cpu: "1", memory: 1Gi }
    containerStart: 1s
    hpa: { minReplicas: 1, maxReplicas: 20, metrics: [{ resource: cpu, ${metric} }]${behavior} }
load:
  api:
    cpuPerRequest: 1m
    profile: [{ constant: 1000 }, { step: { at: 10m, rps: 3000 } }, { step: { at: 30m, rps: -3000 } }]
designs:
  d: { pools: { main: { instanceType: e2-standard-16, min: 2, initial: 2, max: 2 } } }
`,
  ).scenario!;

const desiredAt = (run: ReturnType<typeof runDesign>, minutes: number) =>
  run.timeline.find((r) => r.time_s === minutes * 60)!.desired_replicas;

describe('the HPA in a run', () => {
  it('follows the load: 2 replicas for 1,000 rps, 8 for 4,000, back to 2 after the 5-minute downscale stabilization', () => {
    const s = scenario();
    const run = runDesign(s, s.designs[0]!);
    expect(desiredAt(run, 9)).toBe(2);
    expect(desiredAt(run, 29)).toBe(8);
    expect(desiredAt(run, 34)).toBe(8); // the legacy path keeps the highest recommendation of the last 5 min
    expect(desiredAt(run, 44)).toBe(2);
    const rescales = run.events.filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message.split(';')[0]);
    // Scale-up doubles at most (max(2 × current, 4)) while the pods run at 100%: 1 → 2, 2 → 4, 4 → 8.
    expect(rescales).toEqual(['New size: 2', 'New size: 4', 'New size: 8', 'New size: 2']);
  });

  it('follows a CPU AverageValue target the same way: 500m a pod is 50% of a 1-core request', () => {
    const s = scenario('', 'targetAverageValue: 500m');
    const run = runDesign(s, s.designs[0]!);
    expect([9, 29, 44].map((m) => desiredAt(run, m))).toEqual([2, 8, 2]);
    expect(run.events.find((e) => e.reason === 'SuccessfulRescale')!.message).toBe(
      'New size: 2; reason: cpu resource 1000m a pod against a target of 500m',
    );
  });

  it('with behavior, scales down by the policy: at most 1 pod a minute', () => {
    const s = scenario(
      ', behavior: { scaleDown: { stabilizationWindow: 0s, policies: [{ type: Pods, value: 1, period: 1m }] } }',
    );
    const run = runDesign(s, s.designs[0]!);
    expect(desiredAt(run, 29)).toBe(8);
    const downs = run.events
      .filter((e) => e.reason === 'SuccessfulRescale' && e.timeMs >= 30 * 60_000)
      .map((e) => Number(e.message.split(';')[0]!.slice(10)));
    expect(downs).toEqual([7, 6, 5, 4, 3, 2]);
  });

  it('sees a load change only at the next scrape: the HPA lags the load by up to one metric resolution', () => {
    const s = scenario();
    const run = runDesign(s, s.designs[0]!);
    const firstDown = run.events.find(
      (e) => e.reason === 'SuccessfulRescale' && e.message.startsWith('New size: 2') && e.timeMs > 30 * 60_000,
    )!;
    expect(firstDown.timeMs).toBeGreaterThan(35 * 60_000); // after the stabilization window
    const up = run.events.find((e) => e.reason === 'SuccessfulRescale' && e.timeMs > 10 * 60_000)!;
    expect(up.timeMs - 10 * 60_000).toBeGreaterThan(0);
    expect(up.timeMs - 10 * 60_000).toBeLessThanOrEqual(30_000); // within a scrape and a sync
  });
});

describe('scheduling strategy, and an HPA whose pods use no CPU', () => {
  const text = (strategy: string, metric = 'cpu') => `name: s
duration: 5m
workloads:
  app:
    replicas: 2
    requests: { cpu: 100m, memory: 128Mi }
    hpa: { maxReplicas: 3, metrics: [{ resource: ${metric}, targetUtilization: 50 }] }
scheduler: { scoringStrategy: ${strategy} }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 2 } } }
`;
  const nodesUsed = (strategy: string) => {
    const s = loadScenarioText('s.yaml', text(strategy)).scenario!;
    return new Set(runDesign(s, s.designs[0]!).pods.map((p) => p.node?.name)).size;
  };

  // Two workloads of one pod each: the cluster-default spread does not count one against the other.
  const twoWorkloads = (strategy: string) => `name: s
duration: 2m
workloads:
  a: { replicas: 1, requests: { cpu: 100m, memory: 128Mi } }
  b: { replicas: 1, requests: { cpu: 100m, memory: 128Mi } }
scheduler: { scoringStrategy: ${strategy} }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 2 } } }
`;
  const nodesFor = (text: string) => {
    const s = loadScenarioText('s.yaml', text).scenario!;
    return new Set(runDesign(s, s.designs[0]!).pods.map((p) => p.node?.name)).size;
  };

  it('LeastAllocated spreads two pods over two nodes; MostAllocated packs them on one', () => {
    expect(nodesFor(twoWorkloads('LeastAllocated'))).toBe(2);
    expect(nodesFor(twoWorkloads('MostAllocated'))).toBe(1);
  });

  it("spreads one workload's replicas even under MostAllocated: the cluster-default spread outweighs the packing", () => {
    // Upstream's system default (hostname, maxSkew 3, weight 2) scores the empty node 100 and the
    // other 66; MostAllocated's and BalancedAllocation's edge for the fuller node is a few points.
    expect(nodesUsed('MostAllocated')).toBe(2);
  });

  it('scales a workload without load (its pods use no CPU) to its minimum, as upstream would', () => {
    const s = loadScenarioText('s.yaml', text('LeastAllocated').replace('duration: 5m', 'duration: 10m')).scenario!;
    const rescales = runDesign(s, s.designs[0]!)
      .events.filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message.split(';')[0]);
    expect(rescales).toEqual(['New size: 1']);
  });
});

describe('the HPA brings replicas inside min/max first', () => {
  it.each([
    [1, 'below Spec.MinReplicas', 2],
    [12, 'above Spec.MaxReplicas', 8],
  ])('from %i (%s) to %i', (replicas, why, expected) => {
    const s = loadScenarioText(
      'c.yaml',
      `name: c
duration: 2m
workloads:
  api:
    replicas: ${replicas}
    requests: { cpu: 100m, memory: 128Mi }
    hpa: { minReplicas: 2, maxReplicas: 8, behavior: { scaleUp: { selectPolicy: Disabled } } }
load:
  api: { cpuPerRequest: 1m, profile: { constant: 50 } }
designs:
  d: { pools: { main: { instanceType: e2-standard-16, initial: 1 } } }
`,
    ).scenario!;
    const run = runDesign(s, s.designs[0]!);
    expect(run.events.find((e) => e.reason === 'SuccessfulRescale')!.message).toBe(
      `New size: ${expected}; reason: Current number of replicas ${why}`,
    );
    // Between the clamping sync (15 s) and the next (30 s), which may then follow the metrics.
    expect(run.timeline.find((r) => r.time_s === 20)!.desired_replicas).toBe(expected);
  });
});
