import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

// DOMAIN.md §3 with the pools held fixed (the cluster autoscaler comes later): both designs are
// full at 13 replicas, so the replicas beyond 13 stay pending, for CPU on the big node and for
// memory on the small ones.
describe('node-size.yaml with fixed pools', () => {
  const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
  const run = (design: string) => runDesign(scenario, scenario.designs.find((d) => d.name === design)!);
  const at = (rows: ReturnType<typeof run>['timeline'], seconds: number) => rows.find((r) => r.time_s === seconds)!;

  it.each([
    ['big', 'Insufficient cpu', '0/1 nodes are available: 1 Insufficient cpu.'],
    ['small', 'Insufficient memory', '0/13 nodes are available: 13 Insufficient memory.'],
  ])('%s: 13 ready, then 2 and 4 pending with %s', (design, _reason, message) => {
    const r = run(design);
    expect(at(r.timeline, 240)).toMatchObject({ desired_replicas: 13, ready_pods: 13, pending_pods: 0 });
    expect(at(r.timeline, 600)).toMatchObject({ desired_replicas: 15, ready_pods: 13, pending_pods: 2 });
    expect(at(r.timeline, 3600)).toMatchObject({ desired_replicas: 17, ready_pods: 13, pending_pods: 4 });
    const failed = r.events.filter((e) => e.reason === 'FailedScheduling');
    expect(failed.length).toBe(4); // once per pod: the reason never changes
    expect(new Set(failed.map((e) => e.message))).toEqual(new Set([message]));
  });

  it('pulls the image once per node: once on the big node, thirteen times on the small ones', () => {
    expect(run('big').events.filter((e) => e.reason === 'Pulling')).toHaveLength(1);
    expect(run('small').events.filter((e) => e.reason === 'Pulling')).toHaveLength(13);
  });

  it('is the same, event for event, every time it runs', () => {
    expect(JSON.stringify(run('small'))).toBe(JSON.stringify(run('small')));
  });
});

describe('fields the run does not simulate yet', () => {
  it('logs a rollout instead of ignoring it (ip-exhaustion.yaml)', () => {
    const scenario = loadScenario('scenarios/ip-exhaustion.yaml').scenario!;
    const run = runDesign(scenario, scenario.designs[0]!);
    expect(run.events.filter((e) => e.reason === 'RolloutNotSimulated').map((e) => [e.timeMs, e.name])).toEqual([[300_000, 'edge']]);
  });
});

describe('spread (PodTopologySpread, max skew 1)', () => {
  it('does not count a terminating pod: its replacement goes to the node it is leaving', () => {
    const s = loadScenarioText('s.yaml', `name: s
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
`).scenario!;
    const run = runDesign(s, s.designs[0]!);
    const [first, second, replacement] = run.pods;
    const victim = [first!, second!].find((p) => p.deletedMs !== undefined)!;
    const kept = [first!, second!].find((p) => p !== victim)!;
    expect(replacement!.createdMs).toBe(61_000);
    expect(replacement!.node!.name).toBe(victim.node!.name); // MostAllocated alone would pack it next to `kept`
    expect(replacement!.node!.name).not.toBe(kept.node!.name);
  });
});

describe('settings the run does not simulate yet are logged', () => {
  it('faults (kubelet-crash.yaml) and image-pull options (image-pull.yaml)', () => {
    const crash = loadScenario('scenarios/kubelet-crash.yaml').scenario!;
    expect(runDesign(crash, crash.designs[0]!).events.filter((e) => e.reason === 'FaultNotSimulated').map((e) => [e.timeMs, e.message]))
      .toEqual([[18 * 60_000, 'kubeletCrash faults are not simulated yet; nothing happens']]);
    const pulls = loadScenario('scenarios/image-pull.yaml').scenario!;
    const mirror = pulls.designs.find((d) => d.name === 'small-mirror')!;
    expect(runDesign(pulls, mirror).events.filter((e) => e.reason === 'ImagePullOptionNotSimulated').map((e) => e.message))
      .toEqual(["a registry mirror: not simulated yet; images are pulled at the node's bandwidth"]);
  });
});
