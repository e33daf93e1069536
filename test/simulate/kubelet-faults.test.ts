// Kubelet crashes under their supervisors, the node lifecycle controller, lost VMs, overload.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';
import { INSTANCE_REPAIR_DELAY_MS } from '../../src/simulate/cloud-node-lifecycle.js';

type Run = ReturnType<typeof runDesign>;
const reasons = (r: Run, reason: string, name?: string) =>
  r.events.filter((e) => e.reason === reason && (name === undefined || e.name === name));
const times = (r: Run, reason: string, name?: string) => reasons(r, reason, name).map((e) => e.timeMs);

// Two nodes of e2-standard-4 (3920m allocatable) with two 1.5-core pods each; the crash hits main-0.
const scenario = (pool: string, faults: string, extra = '', kubelet = 'startup: 2s') =>
  loadScenarioText(
    'faults.yaml',
    `name: faults
duration: 1h
start: cold
kubernetesVersion: "1.34"
workloads:
  app:
    replicas: 4
    requests: { cpu: 1500m, memory: 1Gi }
    containerStart: 1s
    readinessDelay: 0s
${extra}
faults:
${faults}
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, initial: 2, min: 2, max: 4, provisioning: 60s, nodeStartup: 10s, kubelet: { ${kubelet} }, ${pool} }
`,
  ).scenario!;
const run = (pool: string, faults: string, extra = '', kubelet?: string) => {
  const s = scenario(pool, faults, extra, kubelet);
  return runDesign(s, s.designs[0]!);
};
const crashMain0 = '  - kubeletCrash: { at: 10m, nodes: 2 }';

describe('a crashed kubelet and its supervisor', () => {
  it('supervisord respawns it at once; it serves again after its start-up; the node never goes NotReady', () => {
    const r = run('supervisor: { supervisord: { startsecs: 3s, startretries: 3, autorestart: true } }', crashMain0);
    expect(r.kubelet).toMatchObject({ crashes: 2, restarts: 2, fatal: 0, podsEvicted: 0 });
    expect(times(r, 'KubeletState', 'main-0').slice(0, 1)).toEqual([600_000]); // STARTING within the same ms
    expect(r.kubelet.downMs).toBe(2 * 2_000); // each down only for its 2 s start-up
    expect(reasons(r, 'NodeNotReady')).toEqual([]);
    expect(
      r.timeline.filter((row) => row.time_s >= 60).every((row) => row.nodes_not_ready === 0 && row.ready_pods === 4),
    ).toBe(true);
  });

  it('supervisord respawns a quiet program at its next pass, ~1 s later, and logs how the kubelet ended', () => {
    const r = run(
      'supervisor: { supervisord: { startsecs: 3s, startretries: 3, autorestart: true, chatty: false } }',
      '  - kubeletCrash: { at: 10m, nodes: 2, signal: SIGTERM }',
    );
    expect(r.kubelet).toMatchObject({ crashes: 2, restarts: 2, fatal: 0 });
    // Reaped at the pass after the crash (up to 1 s later), respawned at the pass after that.
    const [starting] = times(r, 'KubeletState', 'main-0');
    expect(starting! - 600_000).toBeGreaterThanOrEqual(1_000);
    expect(starting! - 600_000).toBeLessThanOrEqual(2_000);
    expect(r.kubelet.downMs).toBeGreaterThanOrEqual(2 * (1_000 + 2_000)); // the wait for the pass, then the start-up
    expect(reasons(r, 'KubeletCrashed', 'main-0')[0]!.message).toBe(
      'kubelet on main-0 killed by SIGTERM (fault injected)',
    );
  });

  it('systemd as kubeadm packages it (Restart=always, RestartSec=10) restarts it after 10 s', () => {
    const r = run('supervisor: kubeadm', crashMain0);
    expect(reasons(r, 'KubeletState', 'main-0').map((e) => [e.timeMs, e.message])).toEqual([
      [600_000, 'systemd: kubelet auto-restart'],
      [610_000, 'systemd: kubelet active'],
    ]);
    expect(r.kubelet.downMs).toBe(2 * 12_000);
    expect(reasons(r, 'NodeNotReady')).toEqual([]);
  });

  it('with no supervisor and nobody to notice: NotReady after the grace period, pods not ready, evicted after 300 s, replaced', () => {
    const r = run('supervisor: { none: { humanResponse: 10h } }', '  - kubeletCrash: { at: 10m, nodes: 1 }');
    const [notReady] = reasons(r, 'NodeNotReady');
    // 1.34: a 50 s grace period, seen on a 5 s pass after the last renewal's pass.
    expect(notReady!.timeMs - 600_000).toBeGreaterThan(50_000);
    expect(notReady!.timeMs - 600_000).toBeLessThanOrEqual(70_000);
    const node = notReady!.name;
    const taint = reasons(r, 'TaintManagerEviction', node).find((e) => e.message.startsWith('Tainted'))!;
    expect(taint.timeMs).toBe(notReady!.timeMs); // the first node in a healthy zone is tainted at once
    const evictions = reasons(r, 'TaintManagerEviction').filter((e) => e.kind === 'Pod');
    expect(evictions.map((e) => e.timeMs)).toEqual([taint.timeMs + 300_000, taint.timeMs + 300_000]);
    expect(r.kubelet.podsEvicted).toBe(2);
    expect(reasons(r, 'ReplicasLost').map((e) => e.message)).toEqual([
      `2 of 4 ready replica(s) of app lost at once with node unreachable: ${node}`,
    ]);
    // The replacements do not fit the other node (room for two, taken): the autoscaler adds a node.
    expect(times(r, 'ScaledUpGroup').some((t) => t > taint.timeMs + 300_000)).toBe(true);
    expect(r.resilience.recoverySeconds).toBeGreaterThan(350);
    // The evicted pods stay Terminating on the silent node (nobody is there to stop them) until the
    // autoscaler removes the unready node, 20 min (scale-down-unready-time) after it found it unneeded,
    // and pod GC removes them.
    const removed = reasons(r, 'ScaleDownEmpty', node)[0]!;
    expect(removed.timeMs - notReady!.timeMs).toBeGreaterThanOrEqual(20 * 60_000);
    const gc = reasons(r, 'SuccessfulDelete').filter((e) => e.message.includes('pod GC'));
    expect(gc).toHaveLength(0); // they had been deleted already: they are simply gone
    expect(
      r.pods.filter((p) => p.deletedMs !== undefined).every((p) => p.phase === 'Gone' && p.goneMs! > removed.timeMs),
    ).toBe(true);
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 4, nodes_not_ready: 0 });
  });

  it("a StatefulSet's evicted pods keep their identity: nothing replaces them while their node is unreachable", () => {
    const r = run(
      'supervisor: { none: { humanResponse: 10h } }',
      '  - kubeletCrash: { at: 10m, nodes: 1 }',
      '    kind: StatefulSet\n    podManagementPolicy: Parallel', // all four at once, as the identity rule is the point here
    );
    const evicted = reasons(r, 'TaintManagerEviction').filter((e) => e.kind === 'Pod');
    expect(evicted).toHaveLength(2);
    // No replacement: the pods stay Terminating on the silent node, and the node stays (its group is at
    // its minimum, and no pending pod asks for another), so the StatefulSet runs two of four to the end.
    expect(reasons(r, 'SuccessfulCreate').filter((e) => e.timeMs > 0)).toEqual([]);
    expect(r.pods.filter((p) => p.deletedMs !== undefined).every((p) => p.phase === 'Terminating')).toBe(true);
    expect(r.timeline.at(-1)).toMatchObject({
      desired_replicas: 4,
      ready_pods: 2,
      pending_pods: 0,
      nodes_not_ready: 1,
    });
  });

  it('a kubelet back before the eviction makes the node Ready, its taints come off, and nothing moves', () => {
    const r = run('supervisor: { none: { humanResponse: 3m } }', '  - kubeletCrash: { at: 10m, nodes: 1 }');
    const [notReady] = reasons(r, 'NodeNotReady');
    const back = reasons(r, 'NodeReady').find((e) => e.message.includes('its kubelet is back'))!;
    expect(back.timeMs).toBeGreaterThan(notReady!.timeMs);
    expect(back.timeMs).toBeLessThan(notReady!.timeMs + 300_000);
    expect(reasons(r, 'TaintManagerEviction').some((e) => e.message.startsWith('Cancelling deletion'))).toBe(true);
    expect(r.kubelet.podsEvicted).toBe(0);
    expect(r.pods).toHaveLength(4);
    // Its pods are Ready again once the kubelet's status updates land.
    const readyAgain = reasons(r, 'Ready').filter((e) => e.message.startsWith('Ready again'));
    expect(readyAgain).toHaveLength(2);
    expect(readyAgain.every((e) => e.timeMs >= back.timeMs)).toBe(true);
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 4, nodes_not_ready: 0 });
  });

  it('supervisord gives up (FATAL) on a kubelet that keeps dying at start, and the node is lost to NotReady', () => {
    // At 5 QPS (burst 10) a starting kubelet's 11 LISTs, WATCHes and lease GET leave one waiting: with
    // a threshold of 0 it dies at once, within startsecs of each respawn, until supervisord gives up.
    const r = run(
      'supervisor: { supervisord: { startsecs: 3s, startretries: 2, autorestart: true } }',
      '  - kubeletCrash: { overload: { apiQueue: 0 } }',
      '',
      'startup: 2s, apiQPS: 5, apiBurst: 10',
    );
    expect(reasons(r, 'KubeletState', 'main-0').map((e) => e.message.replace('supervisord: kubelet ', ''))).toEqual([
      'STARTING',
      'BACKOFF',
      'STARTING',
      'BACKOFF',
      'STARTING',
      'BACKOFF',
    ]);
    expect(r.kubelet.fatal).toBeGreaterThanOrEqual(1);
    expect(reasons(r, 'KubeletGaveUp')[0]!.message).toBe('supervisord: kubelet FATAL; nothing will restart it');
    expect(reasons(r, 'NodeNotReady').length).toBeGreaterThanOrEqual(1);
  });
});

describe('a lost VM', () => {
  it('goes NotReady, is deleted by the cloud node lifecycle controller, and pod GC frees its pods for replacements', () => {
    const r = run('supervisor: kubeadm', '  - nodeLoss: { at: 10m, nodes: 1 }');
    const lost = reasons(r, 'NodeLost')[0]!;
    expect(lost.timeMs).toBe(600_000);
    expect(reasons(r, 'ReplicasLost').map((e) => e.message)).toEqual([
      `2 of 4 ready replica(s) of app lost at once with the loss of VM ${lost.name}`,
    ]);
    const deleted = reasons(r, 'RemovingNode', lost.name)[0]!;
    const notReady = reasons(r, 'NodeNotReady', lost.name)[0]!;
    expect(deleted.timeMs - notReady.timeMs).toBeLessThanOrEqual(5_000);
    // Pod GC: 40 s quarantine, then its next 20 s pass.
    const replaced = reasons(r, 'SuccessfulDelete').filter((e) => e.message.includes('pod GC'));
    expect(replaced).toHaveLength(2);
    expect(replaced[0]!.timeMs - deleted.timeMs).toBeGreaterThanOrEqual(40_000);
    expect(replaced[0]!.timeMs - deleted.timeMs).toBeLessThan(60_000);
    expect(reasons(r, 'ReplicasRecovered')).toHaveLength(1);
    expect(r.resilience.recoverySeconds).toBeGreaterThan((replaced[0]!.timeMs - 600_000) / 1000);
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 4, nodes_not_ready: 0 });
  });
});

describe('a lost VM is recreated by its node group', () => {
  it('60 s after the loss, a new instance in its slot: the pool is back to its size, no autoscaler needed', () => {
    const r = run('supervisor: kubeadm', '  - nodeLoss: { at: 10m, nodes: 1 }');
    const lost = reasons(r, 'NodeLost')[0]!;
    const recreated = reasons(r, 'InstanceRecreated');
    const at = 600_000 + INSTANCE_REPAIR_DELAY_MS;
    expect(INSTANCE_REPAIR_DELAY_MS).toBe(60_000);
    expect(recreated.map((e) => [e.timeMs, e.message])).toEqual([
      [at, `The node group recreates the lost VM of ${lost.name} as main-2, keeping its target size`],
    ]);
    // Provisioning 60 s, then 10 s of start-up.
    expect(times(r, 'NodeReady', 'main-2')).toEqual([at + 70_000]);
    expect(reasons(r, 'TriggeredScaleUp')).toEqual([]);
    expect(r.nodes.filter((n) => n.removedMs === undefined).map((n) => n.name)).toEqual(
      ['main-0', 'main-1', 'main-2'].filter((n) => n !== lost.name),
    );
    expect(r.timeline.at(-1)).toMatchObject({ nodes_ready: 2, ready_pods: 4 });
  });
});

describe('a lost VM, more', () => {
  it('is deleted even when its node was NotReady already (its kubelet had crashed)', () => {
    const r = run(
      'supervisor: { none: { humanResponse: 10h } }',
      '  - kubeletCrash: { at: 10m, nodes: 2 }\n  - nodeLoss: { at: 15m, nodes: 1 }',
    );
    const lost = reasons(r, 'NodeLost')[0]!;
    expect(reasons(r, 'NodeNotReady', lost.name)[0]!.timeMs).toBeLessThan(lost.timeMs);
    const deleted = reasons(r, 'RemovingNode', lost.name)[0]!;
    expect(deleted.message).toContain('its VM no longer exists');
    expect(deleted.timeMs - lost.timeMs).toBeLessThanOrEqual(5_000);
  });

  it("frees a StatefulSet's identities once pod GC deletes its pods: then they are created again", () => {
    const r = run(
      'supervisor: kubeadm',
      '  - nodeLoss: { at: 10m, nodes: 1 }',
      '    kind: StatefulSet\n    podManagementPolicy: Parallel',
    );
    const gc = reasons(r, 'SuccessfulDelete').filter((e) => e.message.includes('pod GC'));
    expect(gc).toHaveLength(2);
    const created = reasons(r, 'SuccessfulCreate')
      .filter((e) => e.timeMs > 0)
      .map((e) => e.timeMs);
    expect(created).toEqual([gc[0]!.timeMs, gc[0]!.timeMs]);
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 4 });
  });

  it('never goes Ready when it is lost while starting', () => {
    // At 1 min a third replica needs a second node: registered at ~2 min, Ready 10 s later, unless lost first.
    const s = loadScenarioText(
      'lost.yaml',
      `name: lost
duration: 20m
start: cold
workloads:
  app: { replicas: 2, requests: { cpu: 1500m, memory: 1Gi }, containerStart: 1s, readinessDelay: 0s, scale: [{ at: 1m, replicas: 3 }] }
faults:
  - nodeLoss: { at: 135s, nodes: 2 }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 3, provisioning: 60s, nodeStartup: 10s } } }
`,
    ).scenario!;
    const r = runDesign(s, s.designs[0]!);
    expect(
      reasons(r, 'NodeLost')
        .map((e) => e.name)
        .sort(),
    ).toEqual(['main-0', 'main-1']);
    expect(reasons(r, 'NodeReady', 'main-1')).toEqual([]);
    expect(r.pods.some((p) => p.node?.name === 'main-1' && p.readyMs !== undefined)).toBe(false);
  });
});

describe('the node lifecycle controller and the autoscaler when many nodes go at once', () => {
  it('with every node down, enters master disruption mode and evicts nothing', () => {
    const r = run(
      'supervisor: { none: { humanResponse: 10h } }',
      '  - kubeletCrash: { at: 10m, nodes: 2 }',
      '',
      'startup: 2s',
    );
    expect(reasons(r, 'NodeNotReady')).toHaveLength(2);
    expect(reasons(r, 'NodeControllerEviction').map((e) => e.message)).toEqual([
      'Controller detected that all Nodes are not-Ready. Entering master disruption mode.',
    ]);
    expect(r.kubelet.podsEvicted).toBe(0);
    expect(reasons(r, 'TaintManagerEviction').filter((e) => e.message.startsWith('Tainted'))).toEqual([]);
  });

  const many = (pool: string) =>
    loadScenarioText(
      'many.yaml',
      `name: many
duration: 30m
start: cold
workloads:
  app: { replicas: 5, requests: { cpu: 1500m, memory: 1Gi }, spread: true }
faults:
  - kubeletCrash: { at: 5m, nodes: 4 }
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, initial: 5, min: 5, max: 10, supervisor: { none: { humanResponse: 10h } }, ${pool} }
`,
    ).scenario!;

  it('in a small zone with 55% or more not ready, taints nothing after the first (no evictions), and the autoscaler stops', () => {
    const s = many('kubelet: { startup: 1s }');
    const r = runDesign(s, s.designs[0]!);
    expect(reasons(r, 'NodeNotReady')).toHaveLength(4);
    // The first node is tainted in a zone still healthy (1 of 5 not ready); then 2, 3, 4 of 5: partial at 3 (60%), and a zone under 50 nodes gets no rate.
    const tainted = reasons(r, 'TaintManagerEviction').filter((e) => e.message.startsWith('Tainted'));
    expect(tainted.length).toBeLessThanOrEqual(2);
    expect(reasons(r, 'ClusterUnhealthy')).toHaveLength(1); // 4 of 5 unready: more than 3 and 45%
    expect(reasons(r, 'ScaledUpGroup')).toEqual([]);
  });
});

describe('the API server sees the kubelets', () => {
  it("counts the steady traffic exactly: every kubelet's renewals over the time it served", () => {
    const r = run('supervisor: { supervisord: { startsecs: 1s } }', crashMain0);
    // Two nodes for an hour, each down 2 s once: a renewal every 10 s served, give or take one per
    // start, and the lease GET of each of the 4 starts.
    const served = 2 * 3_600_000 - r.kubelet.downMs;
    expect(r.api.requests.lease).toBeGreaterThanOrEqual(Math.floor(served / 10_000));
    expect(r.api.requests.lease).toBeLessThanOrEqual(Math.ceil(served / 10_000) + 4 + 4);
    const timelineTotal = r.timeline.reduce(
      (t, row, i, rows) => (i > 0 && row.workload === 'app' ? t + row.api_rps * (row.time_s - rows[i - 1]!.time_s) : t),
      0,
    );
    const total = Object.values(r.api.requests).reduce((a, b) => a + b, 0);
    expect(Math.abs(timelineTotal - total) / total).toBeLessThan(0.02);
  });
});
