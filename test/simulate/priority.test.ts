// PriorityClasses end to end: the queue's order, DefaultPreemption, the overprovisioning pattern
// (pause pods at negative priority that hold headroom), and the autoscaler's expendable cutoff.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/scenario/source.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign>;
const reasons = (r: Run, reason: string) => r.events.filter((e) => e.reason === reason);

// Two e2-standard-4 nodes (3.92 cores each) held by three 1-core pause pods and two app pods; the
// app scales to five at 5 min, which only fits if the pause pods give way.
const text = (pausePriority: number, extra = '') => `name: prio
duration: 40m
priorityClasses:
  overprovisioning: { value: ${pausePriority}, preemptionPolicy: Never }
  high: { value: 1000 }
workloads:
  pause:
    replicas: 4
    requests: { cpu: "1", memory: 1Gi }
    priorityClassName: overprovisioning
    terminationGracePeriod: 0s
  app:
    replicas: 2
    requests: { cpu: "1500m", memory: 1Gi }
    containerStart: 1s
    priorityClassName: high
    scale: [{ at: 5m, replicas: 4 }]
${extra}designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, initial: 2, min: 2, max: 6 }
`;
const run = (pausePriority: number, extra = '') => {
  const r = loadScenarioText('prio.yaml', text(pausePriority, extra));
  expect(r.problems.map(formatProblem)).toEqual([]);
  const s = r.scenario!;
  return runDesign(s, s.designs[0]!);
};

describe('priority and preemption', () => {
  it('resolves a workload priority from its class, the queue and the template carrying it', () => {
    const s = loadScenarioText('prio.yaml', text(-1)).scenario!;
    expect(s.workloads.map((w) => [w.name, w.priority])).toEqual([
      ['pause', -1],
      ['app', 1000],
    ]);
    expect(s.workloads[0]!.template.spec).toMatchObject({ priority: -1, preemptionPolicy: 'Never' });
  });

  it('lets new app pods preempt the pause pods at once; the pause pods then wait and the autoscaler adds a node for them', () => {
    const r = run(-1);
    const preempted = reasons(r, 'Preempted');
    expect(preempted.length).toBeGreaterThanOrEqual(2);
    expect(preempted.every((e) => e.name.startsWith('pause-'))).toBe(true);
    expect(preempted[0]!.timeMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(preempted[0]!.timeMs).toBeLessThan(5 * 60_000 + 1_000);
    // The app's new pods are bound within seconds, not a provisioning delay.
    const scaled = r.events.filter((e) => e.reason === 'Scheduled' && /^app-/.test(e.name) && e.timeMs >= 5 * 60_000);
    expect(scaled.length).toBe(2);
    expect(Math.max(...scaled.map((e) => e.timeMs))).toBeLessThan(5 * 60_000 + 5_000);
    // The displaced pause pods (priority -1, above the cutoff) get a node of their own.
    expect(r.autoscaler.nodesAdded).toBeGreaterThanOrEqual(1);
  });

  it('adds no node for pause pods below the expendable cutoff (-10)', () => {
    const r = run(-20);
    expect(reasons(r, 'Preempted').length).toBeGreaterThanOrEqual(2);
    expect(r.autoscaler.nodesAdded).toBe(0);
    expect(reasons(r, 'TriggeredScaleUp')).toEqual([]);
  });

  it('preempts nothing for a pod whose class says preemptionPolicy: Never', () => {
    const r = run(-1).events;
    expect(r.filter((e) => e.reason === 'Preempted' && e.message.includes('by pod pause-'))).toEqual([]);
  });
});

describe('priority classes as input', () => {
  const bad = (yaml: string) => loadScenarioText('prio.yaml', yaml).problems.map(formatProblem);

  it('refuses a class a workload names that is not defined', () => {
    expect(bad(text(-1).replace('priorityClassName: high', 'priorityClassName: hihg'))).toEqual([
      'prio.yaml:16:24: workloads.app.priorityClassName: no PriorityClass "hihg" is defined; expected one of system-cluster-critical, system-node-critical, overprovisioning, high (define it under priorityClasses, or include its manifest)',
    ]);
  });

  it('refuses a second globalDefault class', () => {
    const yaml = text(-1)
      .replace('preemptionPolicy: Never }', 'preemptionPolicy: Never, globalDefault: true }')
      .replace('high: { value: 1000 }', 'high: { value: 1000, globalDefault: true }');
    expect(bad(yaml)).toEqual([
      'prio.yaml:5:39: priorityClasses.high.globalDefault: a second globalDefault class (overprovisioning is one); expected at most one',
    ]);
  });
});
