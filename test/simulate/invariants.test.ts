import { describe, expect, it } from 'vitest';
import type { NodeSpec } from '../../src/models/allocatable.js';
import type { Workload } from '../../src/scenario/model.js';
import { Simulation } from '../../src/sim/simulation.js';
import { Cluster, type ClusterNode } from '../../src/simulate/cluster.js';
import { checkRun, type CheckedState } from '../../src/simulate/invariant-checker.js';
import {
  checkApiTotals,
  checkClock,
  checkHpaReplicas,
  checkImageBytes,
  checkNode,
  checkPod,
  holders,
  type PodContext,
} from '../../src/simulate/invariants.js';
import { newPod, type Pod } from '../../src/simulate/pod.js';

const GiB = 2 ** 30;
const spec: NodeSpec = {
  cpuMilli: 2000,
  memoryBytes: 8 * GiB,
  maxPods: 3,
  podIPs: 3,
  attachableVolumes: 2,
  reservation: { name: 'gke' },
  daemonSets: [{ name: 'kube-proxy', cpuMilli: 100, memoryBytes: 64 * 2 ** 20, hostNetwork: true }],
};
const workload = {
  name: 'app',
  requests: { cpuMilli: 500, memoryBytes: GiB },
  limits: { cpuMilli: 1000, memoryBytes: null },
  spread: false,
  template: { metadata: { labels: { app: 'app' } }, spec: { containers: [] } },
  volumesPerReplica: 0,
  hostPort: null,
} as unknown as Workload;

function boundPod(id: number, node: ClusterNode, cluster: Cluster, phase: Pod['phase'] = 'Running'): Pod {
  const pod = newPod(id, workload, 0);
  cluster.bind(pod, node);
  Object.assign(pod, { node, phase, scheduledMs: 0, runningMs: phase === 'Running' ? 1 : undefined });
  return pod;
}

describe('checkNode', () => {
  it('holds for DaemonSets plus bound pods within allocatable', () => {
    const c = new Cluster();
    const n = c.addNode('n0', 'main', spec);
    expect(checkNode(n, [boundPod(1, n, c), boundPod(2, n, c)])).toEqual([]);
  });

  it('reports a node over its allocatable CPU and over its usable pod IPs', () => {
    const c = new Cluster();
    const n = c.addNode('n0', 'main', spec);
    const pods = [1, 2, 3, 4].map((i) => boundPod(i, n, c));
    const problems = checkNode(n, pods).map((v) => v.problem);
    expect(problems).toContain('pods requested 5 exceeds allocatable 3');
    expect(problems).toContain('pod IPs requested 4 exceeds allocatable 3');
    expect(problems.some((p) => /^CPU requested 2100m exceeds allocatable \d+m$/.test(p))).toBe(true);
  });

  it('reports pods using more CPU than the node has for them, or one above its limit', () => {
    const c = new Cluster();
    const n = c.addNode('n0', 'main', spec);
    const [a, b] = [boundPod(1, n, c), boundPod(2, n, c)];
    a.cpuUsedMilli = 1200; // above its 1,000m limit
    b.cpuUsedMilli = 1000;
    const problems = checkNode(n, [a, b]).map((v) => v.problem);
    expect(problems).toContain('uses 1200m of CPU, above its limit 1000m');
    expect(problems.some((p) => /^its pods use 2200m of CPU, above the \d+m its DaemonSets leave$/.test(p))).toBe(true);
    [a.cpuUsedMilli, b.cpuUsedMilli] = [900, 500];
    expect(checkNode(n, [a, b]).map((v) => v.problem)).toEqual([]);
  });

  it('reports requests that do not add up: a pod bound without its requests counted, or released twice', () => {
    const c = new Cluster();
    const n = c.addNode('n0', 'main', spec);
    const pod = boundPod(1, n, c);
    c.release(pod, n);
    expect(checkNode(n, [pod]).map((v) => v.problem)).toEqual([
      'CPU requested 100m but its DaemonSets and bound pods request 600m',
      `memory requested ${64 * 2 ** 20} B but its DaemonSets and bound pods request ${64 * 2 ** 20 + GiB} B`,
      'pods requested 1 but its DaemonSets and bound pods request 2',
      'pod IPs requested 0 but its DaemonSets and bound pods request 1',
      'holds 1 pods of app that topology spread does not count',
    ]);
  });
});

describe('checkPod', () => {
  const c = new Cluster();
  const n = c.addNode('n0', 'main', spec);
  const ctx = (over: Partial<PodContext> = {}): PodContext => ({
    nowMs: 1000,
    pending: new Set(),
    holder: n,
    removedMs: () => undefined,
    orphanLimitMs: 60_000,
    ...over,
  });
  const cases: Array<[string, (p: Pod) => void, Partial<PodContext>, string | null]> = [
    ['a Running pod listed on its node', () => {}, {}, null],
    [
      'a ready ContainerCreating pod',
      (p) => Object.assign(p, { phase: 'ContainerCreating', ready: true }),
      {},
      'is ready but not Running',
    ],
    [
      'a Pending pod outside the queue',
      (p) => Object.assign(p, { phase: 'Pending', node: null }),
      { holder: undefined },
      "is Pending but not in the scheduler's queue",
    ],
    [
      'a Running pod still queued',
      () => {},
      { pending: 'self' as never },
      "is in the scheduler's queue but not Pending",
    ],
    ['a pod listed on another node', () => {}, { holder: { name: 'n9' } as ClusterNode }, 'is listed on node n9 too'],
    ['a pod its node does not list', () => {}, { holder: undefined }, 'is bound to a node that does not list it'],
    [
      'a pod bound after its node was deleted',
      (p) => Object.assign(p, { scheduledMs: 900 }),
      { removedMs: () => 500 },
      'was bound at 0.9 s to a node deleted at 0.5 s',
    ],
    ['a pod past pod GC on a deleted node', () => {}, { removedMs: () => 0, nowMs: 61_000 }, 'past pod GC'],
    [
      'a Terminating pod never deleted',
      (p) => Object.assign(p, { phase: 'Terminating' }),
      {},
      'is Terminating but was never deleted',
    ],
  ];
  it.each(cases)('%s', (_, change, over, expected) => {
    const pod = boundPod(1, n, c);
    change(pod);
    const context = ctx(over.pending === ('self' as never) ? { ...over, pending: new Set([pod]) } : over);
    const problems = checkPod(pod, context).map((v) => v.problem);
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems.join('\n')).toContain(expected);
  });

  it('holders reports a pod bound to two nodes', () => {
    const m = c.addNode('n1', 'main', spec);
    const pod = boundPod(7, n, c);
    expect(
      holders(
        new Map([
          [n, new Set([pod])],
          [m, new Set([pod])],
        ]),
      ).violations,
    ).toEqual([{ object: 'pod app-7', problem: 'is bound to two nodes, n0 and n1' }]);
  });
});

describe('the counters', () => {
  it('checkHpaReplicas keeps an HPA within min and max', () => {
    expect(checkHpaReplicas('web', 3, 2, 10)).toEqual([]);
    expect(checkHpaReplicas('web', 11, 2, 10)[0]!.problem).toBe(
      'set 11 replicas, outside its minReplicas 2 and maxReplicas 10',
    );
    expect(checkHpaReplicas('web', 1, 2, 10)).toHaveLength(1);
  });

  it('checkImageBytes: bytes pulled = bytes by source = bytes the nodes received', () => {
    const stats = {
      pulls: 1,
      bytesPulled: 30,
      bytesBySource: { registry: 10, mirror: 15, peers: 5 },
      failedPulls: 0,
      pullMs: [100],
    };
    expect(checkImageBytes(stats, [20, 10])).toEqual([]);
    expect(checkImageBytes({ ...stats, bytesPulled: 31 }, [20, 11]).map((v) => v.problem)).toEqual([
      '31 bytes pulled but 30 by source (registry 10, mirror 15, peers 5)',
    ]);
    expect(checkImageBytes(stats, [20]).map((v) => v.problem)).toEqual(['30 bytes pulled but the nodes received 20']);
  });

  it('checkApiTotals: the total is the sum of the kinds', () => {
    const kinds = { 'lease-renew': 3, 'node-status': 2 } as never;
    expect(checkApiTotals(kinds, 5, 1)).toEqual([]);
    expect(checkApiTotals(kinds, 6, 1).map((v) => v.problem)).toEqual(['6 requests in all but 5 by kind']);
    expect(checkApiTotals(kinds, 5, 6).map((v) => v.problem)).toEqual(['6 requests waited for a token, of 5']);
  });

  it('checkClock: time never goes back', () => {
    expect(checkClock(5, 5)).toEqual([]);
    expect(checkClock(5, 4)).toEqual([{ object: 'clock', problem: 'went back from 5 ms to 4 ms' }]);
  });
});

describe('checkRun', () => {
  it('reports a queued pod its workload no longer has', () => {
    const pod = newPod(3, workload, 0);
    const state: CheckedState = {
      nodes: () => [],
      nodesHolding: () => new Map(),
      livePods: () => [],
      pending: () => [pod],
      removedMs: () => undefined,
      hpas: () => [],
      images: () => ({
        stats: {
          pulls: 0,
          bytesPulled: 0,
          bytesBySource: { registry: 0, mirror: 0, peers: 0 },
          failedPulls: 0,
          pullMs: [],
        },
        bytesByNode: [],
      }),
      api: () => ({ byKind: {} as never, total: 0, throttled: 0 }),
    };
    expect(checkRun(state, 0, 0, 60_000)).toEqual([
      { object: 'pod app-3', problem: "is in the scheduler's queue but not among its workload's pods (phase Pending)" },
    ]);
  });
});

describe('Simulation.onBatchEnd', () => {
  it('runs once after the last event of each millisecond, before the clock moves on', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    for (const t of [0, 0, 5, 7, 7, 7]) sim.at(t, (now) => seen.push(`e${now}`));
    sim.at(5, () => sim.after(0, (now) => seen.push(`late${now}`)));
    sim.onBatchEnd((now) => seen.push(`end${now}@${sim.now}`));
    sim.run({ until: 10 });
    expect(seen).toEqual(['e0', 'e0', 'end0@0', 'e5', 'late5', 'end5@5', 'e7', 'e7', 'e7', 'end7@7']);
  });
});
