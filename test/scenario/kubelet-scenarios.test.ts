// The done-when of the kubelet issue, on the bundled scenarios kubelet-qps.yaml and kubelet-crash.yaml.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

const summaries = (file: string) => {
  const { summaries } = runScenario(loadScenario(file).scenario!, []);
  return new Map(summaries.map((s) => [s.design, s]));
};

describe('kubelet-qps.yaml (docs/model.md#kubelet-api-client-and-api-server)', () => {
  const s = summaries('scenarios/kubelet-qps.yaml');
  const steady = (d: string) => s.get(d)!.api.requestsByKind.lease + s.get(d)!.api.requestsByKind.nodeStatus;

  it('thirteen small nodes make 13× the steady requests of one big node (leases and status), and more in all', () => {
    expect(steady('small-1-26') / steady('big-1-26')).toBe(13);
    expect(s.get('small-1-26')!.api.meanRps / s.get('big-1-26')!.api.meanRps).toBeGreaterThan(4);
    // Before the workers start (the first 2 min): 13 × (a lease renewal and a node GET every 10 s, a report every 5 min).
    const r = runDesign(
      loadScenario('scenarios/kubelet-qps.yaml').scenario!,
      loadScenario('scenarios/kubelet-qps.yaml').scenario!.designs[2]!,
    );
    expect(r.timeline.find((row) => row.time_s === 60)!.api_rps).toBeCloseTo(13 * (0.1 + 0.1 + 1 / 300), 6);
  });

  it("the big node's pods wait on its 5 QPS limit to be seen Ready before 1.27, and hardly after", () => {
    const before = s.get('big-1-26')!;
    const after = s.get('big-1-27')!;
    expect(before.api.podReadyDelaySeconds.p95!).toBeGreaterThan(30); // 100 pods' syncs at 5 a second
    expect(after.api.podReadyDelaySeconds.p95!).toBeLessThan(before.api.podReadyDelaySeconds.p95! / 10);
    expect(before.pods.startupSeconds.p95!).toBeGreaterThan(after.pods.startupSeconds.p95! * 5);
    expect(before.pods.startupBreakdownSeconds!.reporting).toBeGreaterThan(20);
    // Spread over thirteen kubelets the same pods hardly wait, even at 5 QPS.
    expect(s.get('small-1-26')!.api.podReadyDelaySeconds.p95!).toBeLessThan(5);
    expect(before.api.throttledRequests).toBeGreaterThan(100);
  });
});

describe('kubelet-crash.yaml (docs/model.md#kubelet-supervisors)', () => {
  const s = summaries('scenarios/kubelet-crash.yaml');

  it('crashes half the kubelets in each design', () => {
    for (const d of ['supervisord', 'systemd', 'none']) expect(s.get(d)!.kubelet.crashes).toBe(3);
  });

  it('supervisord brings them back in seconds, systemd after its RestartSec (10 s); neither node goes NotReady', () => {
    const sup = s.get('supervisord')!.kubelet;
    const sys = s.get('systemd')!.kubelet;
    expect(sup.downSeconds / 3).toBeLessThan(10);
    expect(sys.downSeconds / 3).toBeGreaterThanOrEqual(10);
    expect(sys.downSeconds / 3).toBeLessThan(50); // inside the 50 s grace period
    expect(sys.downSeconds).toBeGreaterThan(sup.downSeconds);
    for (const k of [sup, sys])
      expect(k).toMatchObject({ restarts: 3, fatal: 0, nodeNotReadySeconds: 0, podsEvicted: 0 });
    expect(s.get('supervisord')!.autoscaler.nodesAdded).toBe(0);
  });

  it('with no supervisor the nodes go NotReady, their pods are evicted after 300 s and the autoscaler replaces the capacity', () => {
    const none = s.get('none')!;
    expect(none.kubelet.nodeNotReadySeconds).toBeGreaterThan(3 * 300);
    expect(none.kubelet.podsEvicted).toBeGreaterThan(10);
    expect(none.autoscaler.nodesAdded).toBeGreaterThanOrEqual(1);
    expect(none.resilience.recoverySeconds!).toBeGreaterThan(300);
    expect(none.load.unservedFraction).toBeGreaterThan(s.get('supervisord')!.load.unservedFraction);
    const scenario = loadScenario('scenarios/kubelet-crash.yaml').scenario!;
    const r = runDesign(
      scenario,
      scenario.designs.find((d) => d.name === 'none')!,
    );
    const firstEviction = r.events.find((e) => e.reason === 'TaintManagerEviction' && e.kind === 'Pod')!;
    const notReady = r.events.find((e) => e.reason === 'NodeNotReady')!;
    expect(firstEviction.timeMs - notReady.timeMs).toBe(300_000);
    expect(r.events.some((e) => e.reason === 'ScaledUpGroup' && e.timeMs > firstEviction.timeMs)).toBe(true);
  });
});
