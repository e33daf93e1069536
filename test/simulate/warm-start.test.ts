import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runDesign } from '../../src/simulate/design-run.js';
import { STEADY_SINCE_MS } from '../../src/simulate/warm-start.js';
import { summarize } from '../../src/report/summary.js';

const load = (text: string): Scenario => {
  const r = loadScenarioText('steady.yaml', text);
  if (r.scenario === null) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
};

// Six nodes serving a constant load with twelve replicas: nothing changes for an hour.
const quiet = (start: string) =>
  load(`name: quiet
duration: 1h
start: ${start}
workloads:
  web:
    replicas: 12
    requests: { cpu: 500m, memory: 1Gi }
    image: { name: web:1, size: 300M }
load:
  web: { cpuPerRequest: 1m, baseCpu: 10m, profile: { constant: 1000 } }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 6, min: 6, max: 10 } } }
`);

describe('a steady start', () => {
  const scenario = quiet('steady');
  const run = runDesign(scenario, scenario.designs[0]!);
  const summary = summarize(scenario, scenario.designs[0]!, run);

  it('has the initial replicas Running and Ready at t = 0 on the initial nodes, with no start-up in the run', () => {
    expect(run.timeline[0]).toMatchObject({ time_s: 0, ready_pods: 12, pending_pods: 0, container_creating_pods: 0 });
    expect(run.pods).toHaveLength(12);
    for (const p of run.pods) expect(p).toMatchObject({ steady: true, phase: 'Running', ready: true });
    expect(run.pods.every((p) => p.readyMs === STEADY_SINCE_MS)).toBe(true);
    expect(summary.pods.startupSeconds).toEqual({ p50: null, p95: null, max: null });
    expect(summary.pods).toMatchObject({ neverReady: 0, pendingAtEnd: 0, pendingPodSeconds: 0 });
  });

  it('pulls nothing: the images are in the nodes’ caches', () => {
    expect(run.images.pulls).toBe(0);
    expect(run.events.filter((e) => e.reason === 'Pulled')).toEqual([]);
  });

  it('serves its load from the first second', () => {
    expect(summary.load.unservedRequests).toBe(0);
  });

  it("keeps the API server's peak within 3× its mean (no start-up burst), where a cold start's is far above", () => {
    expect(summary.api.peakRps).toBeLessThanOrEqual(3 * summary.api.meanRps);
    const cold = quiet('cold');
    const coldSummary = summarize(cold, cold.designs[0]!, runDesign(cold, cold.designs[0]!));
    expect(coldSummary.api.peakRps).toBeGreaterThan(3 * coldSummary.api.meanRps);
  });

  it('renews the leases at spread phases: kubelets crashing together go NotReady at different passes', () => {
    const crash = (start: string) => {
      const s = load(`name: crash
duration: 20m
start: ${start}
workloads: { app: { replicas: 2, requests: { cpu: 100m, memory: 64Mi } } }
faults: [{ kubeletCrash: { at: 5m, nodes: 6 } }]
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 6, min: 6, max: 6, supervisor: { none: { humanResponse: 10h } } } } }
`);
      const r = runDesign(s, s.designs[0]!);
      return new Set(r.events.filter((e) => e.reason === 'NodeNotReady').map((e) => e.timeMs)).size;
    };
    expect(crash('cold')).toBe(1); // every lease renewed at the same instants since t = 0
    expect(crash('steady')).toBeGreaterThan(1);
  });

  it('leaves a replica that fits no initial node Pending, to start as in a cold start', () => {
    const s = load(`name: short
duration: 30m
workloads: { app: { replicas: 4, requests: { cpu: 1500m, memory: 1Gi } } }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 3, provisioning: 60s, nodeStartup: 10s } } }
`);
    const r = runDesign(s, s.designs[0]!);
    expect(r.pods.filter((p) => p.steady)).toHaveLength(2);
    const started = r.pods.filter((p) => !p.steady);
    expect(started).toHaveLength(2);
    for (const p of started) expect(p.createdMs).toBe(0);
    expect(started.every((p) => p.readyMs !== undefined && p.readyMs > 60_000)).toBe(true);
    expect(summarize(s, s.designs[0]!, r).pods.startupSeconds.p50).toBeGreaterThan(60);
  });

  it('is the default, and `start: cold` keeps the empty cluster at t = 0', () => {
    expect(
      load('name: x\nduration: 1m\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n').start,
    ).toBe('steady');
    const cold = quiet('cold');
    const r = runDesign(cold, cold.designs[0]!);
    expect(r.timeline[0]).toMatchObject({ ready_pods: 0 });
    expect(r.pods.some((p) => p.steady)).toBe(false);
  });
});

describe('a warm-up', () => {
  // node-size with its first 10 minutes a warm-up: the scale to 15 at 5 min is inside it.
  const base = loadScenario('scenarios/node-size.yaml').scenario!;
  const design = base.designs.find((d) => d.name === 'big')!;
  const whole = summarize(base, design, runDesign(base, design));
  const scenario: Scenario = { ...base, warmupMs: 600_000 };
  const run = runDesign(scenario, design);
  const summary = summarize(scenario, design, run);

  it('leaves the first part of the run out of every figure: only the scale to 17 at 30 min counts', () => {
    expect(summary.warmupSeconds).toBe(600);
    // The two pods of the scale to 15 waited for a node inside the warm-up; the two at 30 min fit at once.
    expect(whole.pods.pendingPodSeconds).toBeGreaterThan(100);
    expect(summary.pods.pendingPodSeconds).toBe(0);
    expect(summary.pods.peakPending).toBe(0);
    expect(summary.autoscaler).toEqual({
      scaleUps: 0,
      scaleDowns: 0,
      nodesAdded: 0,
      nodesRemoved: 0,
      failedProvisions: 0,
      nodesBlockedByPdb: 0,
    });
    expect(summary.images.pulls).toBe(whole.images.pulls - 1); // the added node's pull was in the warm-up
    expect(summary.nodes).toMatchObject({ initial: 2, peak: 2, final: 2, provisioned: 0 });
    // Two nodes at $0.2125 an hour for the 50 measured minutes.
    expect(summary.cost.total).toBeCloseTo(2 * 0.2125 * (50 / 60), 6);
    // Every start-up measured is one of the two pods created at 30 min.
    const late = run.pods.filter((p) => p.createdMs === 1_800_000);
    expect(late).toHaveLength(2);
    expect(summary.pods.startupSeconds.max).toBeCloseTo(
      Math.max(...late.map((p) => p.readyMs! - p.createdMs)) / 1000,
      6,
    );
  });

  it('counts the requests of the measured part alone, the steady ones exactly', () => {
    expect(summary.api.requests).toBe(Object.values(summary.api.requestsByKind).reduce((a, b) => a + b, 0));
    expect(summary.api.meanRps).toBeCloseTo(summary.api.requests / 3000, 6);
    // Two nodes renewing their leases every 10 s for 50 minutes: 300 each.
    expect(summary.api.requestsByKind.lease).toBeGreaterThanOrEqual(600);
    expect(summary.api.requestsByKind.lease).toBeLessThanOrEqual(602);
  });

  it('marks the timeline rows of the warm-up, and keeps them', () => {
    expect(run.timeline[0]!.time_s).toBe(0);
    expect(
      run.timeline
        .filter((r) => r.warmup === 1)
        .map((r) => r.time_s)
        .at(-1),
    ).toBe(600);
    expect(run.timeline.find((r) => r.time_s === 610)!.warmup).toBe(0);
    expect(runDesign(base, design).timeline.every((r) => r.warmup === 0)).toBe(true);
  });
});

describe('start and warmup in the scenario file', () => {
  const problems = (extra: string) =>
    loadScenarioText(
      'bad.yaml',
      `name: x\nduration: 1h\n${extra}\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n`,
    ).problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);

  it('refuses an unknown start, a negative warm-up and one as long as the run, at their line and column', () => {
    expect(problems('start: warm')).toEqual([expect.stringMatching(/^3:8: start: .*steady.*cold/)]);
    expect(problems('warmup: -5m')).toEqual([expect.stringMatching(/^3:9: warmup: .*negative/)]);
    expect(problems('warmup: 1h')).toEqual([expect.stringMatching(/^3:9: warmup: 1h is not shorter than the run/)]);
    expect(problems('warmup: 10m')).toEqual([]);
  });
});
