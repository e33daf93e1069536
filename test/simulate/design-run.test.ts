import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

// docs/model.md#cluster-autoscaler step by step: both designs are full at 13 replicas. At 15 the big design adds one
// node and the small one two, and both wait one provisioning delay; at 17 the big design places
// both pods on the node it added, while the small one adds two more and waits again.
describe('node-size.yaml (docs/model.md#cluster-autoscaler)', () => {
  const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
  const run = (design: string) =>
    runDesign(
      scenario,
      scenario.designs.find((d) => d.name === design)!,
    );
  const at = (rows: ReturnType<typeof run>['timeline'], seconds: number) => rows.find((r) => r.time_s === seconds)!;
  const scaleUps = (r: ReturnType<typeof run>) =>
    r.events
      .filter((e) => e.reason === 'ScaledUpGroup')
      .map((e) => [
        e.timeMs,
        e.message
          .match(/size to (\d+) instead of (\d+)/)!
          .slice(1)
          .map(Number),
      ]);
  const readyAt = (r: ReturnType<typeof run>, pod: string) => r.pods.find((p) => p.name === pod)!.readyMs!;

  it('big: one node for 15 replicas, none for 17', () => {
    const r = run('big');
    // The loop after the pods went pending (scan every 10 s; pods younger than 2 s wait a loop).
    expect(scaleUps(r)).toEqual([[310_000, [2, 1]]]);
    expect(r.events.filter((e) => e.reason === 'TriggeredScaleUp').map((e) => [e.name, e.message])).toEqual([
      ['app-14', 'pod triggered scale-up: [{main 1->2 (max: 4)}]'],
      ['app-15', 'pod triggered scale-up: [{main 1->2 (max: 4)}]'],
    ]);
    expect(r.nodes.map((n) => [n.name, n.requestedMs])).toEqual([
      ['main-0', null],
      ['main-1', 310_000],
    ]);
    const ready = r.nodes[1]!.readyMs!;
    expect(at(r.timeline, 300)).toMatchObject({
      desired_replicas: 15,
      ready_pods: 13,
      pending_pods: 2,
      nodes_ready: 1,
    });
    expect(readyAt(r, 'app-14')).toBeGreaterThan(ready);
    // At 30 min both new pods go to main-1 at once and are Ready after start and readiness (the image
    // is there); the control plane sees it one status write later (25 ms, rounded up; no wait at 50 QPS).
    expect(
      r.pods
        .filter((p) => p.createdMs === 1_800_000)
        .map((p) => [p.node!.name, p.scheduledMs, p.kubeletReadyMs, p.readyMs]),
    ).toEqual([
      ['main-1', 1_800_000, 1_807_000, 1_807_026],
      ['main-1', 1_800_000, 1_807_000, 1_807_026],
    ]);
    expect(at(r.timeline, 3600)).toMatchObject({
      desired_replicas: 17,
      ready_pods: 17,
      pending_pods: 0,
      nodes_ready: 2,
      nodes_provisioning: 0,
    });
  });

  it('small: two nodes for 15 replicas, and two more for 17, each time a provisioning delay', () => {
    const r = run('small');
    expect(scaleUps(r)).toEqual([
      [310_000, [15, 13]],
      [1_810_000, [17, 15]],
    ]);
    expect(at(r.timeline, 320)).toMatchObject({ pending_pods: 2, nodes_ready: 13, nodes_provisioning: 2 });
    const second = r.nodes.filter((n) => n.requestedMs === 1_810_000);
    expect(second).toHaveLength(2);
    for (const pod of ['app-16', 'app-17'])
      expect(readyAt(r, pod)).toBeGreaterThan(Math.min(...second.map((n) => n.readyMs!)));
    expect(at(r.timeline, 3600)).toMatchObject({ desired_replicas: 17, ready_pods: 17, nodes_ready: 17 });
  });

  it('draws the same provisioning delays for both designs: the first node asked for takes as long in each', () => {
    const delay = (d: string) => {
      const n = run(d).nodes.find((x) => x.requestedMs === 310_000)!;
      return n.registeredMs! - n.requestedMs!;
    };
    expect(delay('big')).toBe(delay('small'));
  });

  it('is the same, event for event, every time it runs', () => {
    expect(JSON.stringify(run('small'))).toBe(JSON.stringify(run('small')));
  });
});

describe('spread (PodTopologySpread, max skew 1)', () => {
  it('does not count a terminating pod: its replacement goes to the node it is leaving', () => {
    const s = loadScenarioText(
      's.yaml',
      `name: s
duration: 3m
workloads:
  web:
    replicas: 2
    requests: { cpu: 100m, memory: 128Mi }
    spread: true
    scale: [{ at: 1m, replicas: 1 }, { at: 61s, replicas: 2 }]
scheduler: { scoringStrategy: MostAllocated }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 2 } } }
`,
    ).scenario!;
    const run = runDesign(s, s.designs[0]!);
    const [first, second, replacement] = run.pods;
    const victim = [first!, second!].find((p) => p.deletedMs !== undefined)!;
    const kept = [first!, second!].find((p) => p !== victim)!;
    expect(replacement!.createdMs).toBe(61_000);
    expect(replacement!.node!.name).toBe(victim.node!.name); // MostAllocated alone would pack it next to `kept`
    expect(replacement!.node!.name).not.toBe(kept.node!.name);
  });
});
