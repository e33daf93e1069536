// Pools over zones, pods placed by labels, taints, topology spread and pod anti-affinity, and zone
// outages: end to end through the scheduler, the cluster autoscaler and the node lifecycle controller.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign>;
const reasons = (r: Run, reason: string) => r.events.filter((e) => e.reason === reason);

const ANTI = `affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }`;
const ZONE_SPREAD = `topologySpreadConstraints:
      - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }`;

const load = (workload: string, pools: string, rest = '') => {
  const r = loadScenarioText(
    'zones.yaml',
    `name: zones
duration: 1h
start: cold
zones: [a, b, c]
workloads:
  web:
    requests: { cpu: 500m, memory: 1Gi }
    labels: { app: web }
    containerStart: 1s
    ${workload}
${rest}designs:
  d:
    pools:
${pools}
`,
  );
  expect(r.problems).toEqual([]);
  return r.scenario!;
};
const run = (workload: string, pools: string, rest = '') => {
  const s = load(workload, pools, rest);
  return runDesign(s, s.designs[0]!);
};

// Where each Running pod of the run ended, by node.
const podsPerNode = (r: Run) => {
  const bound = new Map<string, string>();
  for (const e of r.events)
    if (e.reason === 'Scheduled') bound.set(e.name, /to (\S+)$/.exec(e.message)![1]!);
    else if (e.reason === 'Killing' || e.reason === 'SuccessfulDelete') bound.delete(e.name);
  const counts = new Map<string, number>();
  for (const node of bound.values()) counts.set(node, (counts.get(node) ?? 0) + 1);
  return counts;
};

describe('pools over zones', () => {
  it('are one node group per zone, named pool-zone, each with min, max and initial, and the well-known labels', () => {
    const s = load('replicas: 1', '      main: { instanceType: e2-standard-4, min: 1, max: 4, labels: { tier: web } }');
    const groups = s.designs[0]!.pools;
    expect(groups.map((p) => [p.name, p.nodePool, p.zone, p.min, p.max])).toEqual([
      ['main-a', 'main', 'a', 1, 4],
      ['main-b', 'main', 'b', 1, 4],
      ['main-c', 'main', 'c', 1, 4],
    ]);
    expect(groups[1]!.labels).toEqual({
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'e2-standard-4',
      tier: 'web',
      'topology.kubernetes.io/zone': 'b',
    });
  });

  it("label a catalog type's nodes with its architecture (Graviton m6g: arm64)", () => {
    const s = load('replicas: 1', '      main: { instanceType: m6g.large, max: 4, zones: [a] }');
    expect(s.designs[0]!.pools[0]!.labels['kubernetes.io/arch']).toBe('arm64');
  });

  it('span only the zones they name', () => {
    const s = load('replicas: 1', '      main: { instanceType: e2-standard-4, max: 4, zones: [b] }');
    expect(s.designs[0]!.pools.map((p) => p.name)).toEqual(['main-b']);
  });
});

describe('scheduling with constraints', () => {
  it('keeps hostname anti-affinity replicas one to a node, the autoscaler adding a node for each', () => {
    const r = run(
      `replicas: 6\n    ${ANTI}`,
      '      main: { instanceType: e2-standard-8, min: 0, max: 10, zones: [a] }',
    );
    const perNode = podsPerNode(r);
    expect([...perNode.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.autoscaler.nodesAdded).toBe(6);
  });

  const perZone = (r: Run) => {
    const out: Record<string, number> = {};
    for (const [node, n] of podsPerNode(r)) out[node.split('-')[1]!] = (out[node.split('-')[1]!] ?? 0) + n;
    return out;
  };

  it('spreads replicas evenly over zones with maxSkew 1, the autoscaler adding nodes in the zones that need them', () => {
    const r = run(
      `replicas: 9\n    ${ZONE_SPREAD.replace('labelSelector', 'minDomains: 3, labelSelector')}`,
      '      main: { instanceType: e2-standard-2, min: 0, max: 10 }',
    );
    expect(perZone(r)).toEqual({ a: 3, b: 3, c: 3 });
  });

  it('counts only the zones that have nodes, as upstream does: from zero nodes, without minDomains, one zone takes them all', () => {
    const r = run(`replicas: 9\n    ${ZONE_SPREAD}`, '      main: { instanceType: e2-standard-2, min: 0, max: 10 }');
    expect(Object.values(perZone(r))).toEqual([9]);
  });

  it('puts no pod on a pool whose taint it does not tolerate, and says so', () => {
    const r = run(
      'replicas: 2',
      '      main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 3, zones: [a], taints: [{ key: dedicated, value: batch, effect: NoSchedule }] }',
    );
    expect(podsPerNode(r).size).toBe(0);
    expect(reasons(r, 'FailedScheduling')[0]!.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint(s).',
    );
    // No node of the group could take them, so the autoscaler adds none.
    expect(r.autoscaler.nodesAdded).toBe(0);
  });

  it("sends pods to the pool whose labels their nodeSelector names, scaling that pool's group", () => {
    const r = run(
      'replicas: 3\n    nodeSelector: { tier: web }',
      `      other: { instanceType: e2-standard-4, initial: 1, min: 1, max: 3, zones: [a] }
      web: { instanceType: e2-standard-4, min: 0, max: 3, zones: [b], labels: { tier: web } }`,
    );
    expect([...podsPerNode(r).keys()].every((n) => n.startsWith('web-b-'))).toBe(true);
    expect(reasons(r, 'ScaledUpGroup').map((e) => e.name)).toEqual(['web-b']);
  });

  it('balances a scale-up over the zones of a pool with --balance-similar-node-groups', () => {
    const r = run(
      `replicas: 6\n    ${ANTI}`,
      '      main: { instanceType: e2-standard-4, min: 0, max: 5 }',
      'autoscaler: { balanceSimilarNodeGroups: true }\n',
    );
    const first = reasons(r, 'ScaledUpGroup').filter((e) => e.timeMs === reasons(r, 'ScaledUpGroup')[0]!.timeMs);
    expect(first.map((e) => e.name).sort()).toEqual(['main-a', 'main-b', 'main-c']);
  });
});

describe('a zone outage', () => {
  const outage = 'faults:\n  - zoneOutage: { zone: a, at: 20m, duration: 15m }\n';

  it('turns the zone NotReady, evicts its pods after their toleration, creates no node there, and reports the zone figures', () => {
    const r = run(
      `replicas: 6\n    ${ANTI}\n    tolerations: [{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30 }]`,
      '      main: { instanceType: e2-standard-4, initial: 2, min: 2, max: 6 }',
      outage,
    );
    expect(reasons(r, 'ZoneOutage')).toHaveLength(1);
    const dark = reasons(r, 'NodeNotReady').map((e) => e.name);
    expect(dark.every((n) => n.startsWith('main-a-'))).toBe(true);
    expect(dark.length).toBe(2);
    // Evicted 30 s after the NoExecute taint, as their toleration says.
    const tainted = reasons(r, 'TaintManagerEviction').filter((e) => e.kind === 'Node');
    const evicted = reasons(r, 'TaintManagerEviction').filter((e) => e.kind === 'Pod');
    expect(evicted.length).toBe(2);
    expect(evicted[0]!.timeMs - tainted[0]!.timeMs).toBe(30_000);
    expect(tainted[0]!.message).toContain('pods tolerate it for 30 s');
    // Replacements go to the other zones; no node is created in zone a while it is dark.
    const registeredInA = r.events.filter(
      (e) =>
        e.reason === 'RegisteredNode' &&
        e.name.startsWith('main-a-') &&
        e.timeMs >= 20 * 60_000 &&
        e.timeMs < 35 * 60_000,
    );
    expect(registeredInA).toEqual([]);
    expect(r.zones).toEqual({
      outageCapacityLostFraction: 0.3333,
      podsRescheduled: 2,
      podsPendingPeak: expect.any(Number),
      recoverySeconds: expect.any(Number),
    });
    expect(r.zones!.recoverySeconds!).toBeLessThan(15 * 60);
  });

  it('leaves zone-spread pods pending while the zone is dark (its empty nodes still count), and the autoscaler backs the dark group off', () => {
    const r = run(
      `replicas: 6\n    ${ZONE_SPREAD}\n    tolerations: [{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0 }]`,
      '      main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 6 }',
      outage,
    );
    expect(r.zones!.podsRescheduled).toBe(0);
    expect(r.zones!.podsPendingPeak).toBe(2);
    // They wait for the zone: recovered after it is back, at 35 min.
    expect(r.zones!.recoverySeconds!).toBeGreaterThan(15 * 60);
    expect(reasons(r, 'FailedToScaleUpGroup').map((e) => e.name)).toContain('main-a');
  });

  it('has no zone figures in a run without outages', () => {
    expect(
      run('replicas: 1', '      main: { instanceType: e2-standard-4, initial: 1, max: 1, zones: [a] }').zones,
    ).toBeNull();
  });
});

describe('PodDisruptionBudgets', () => {
  // Three nodes, two replicas of web on two of them: the third is empty; the other two are unneeded
  // too (a 500m pod on 3.92 cores), and draining one moves its pod to the other.
  const budget = (spec: string) =>
    run(
      'replicas: 2\n    terminationGracePeriod: 5s',
      '      main: { instanceType: e2-standard-4, initial: 3, min: 1, max: 3, zones: [a] }',
      `podDisruptionBudgets:\n  web: { selector: { matchLabels: { app: web } }, ${spec} }\n`,
    );

  it('keep the autoscaler from draining a node whose pods they cannot spare, and say so', () => {
    const r = budget('minAvailable: 2');
    expect(r.autoscaler.nodesRemoved).toBe(1); // the empty one
    expect(r.autoscaler.nodesBlockedByPdb).toBe(2);
    const blocked = reasons(r, 'ScaleDownBlockedByPdb');
    expect(blocked[0]!.message).toMatch(
      /^Node main-a-\d is unneeded but not removed: not enough pod disruption budget to move its pods \(PodDisruptionBudget web\)$/,
    );
    // Logged when a node becomes blocked, not every loop.
    expect(blocked.length).toBe(2);
  });

  it('never hold a node of a group at its minimum size: that node is no scale-down candidate', () => {
    // min 3: the group is at its minimum from the start, and upstream's pre-filtering
    // (GetScaleDownCandidates) leaves its nodes out before any budget is asked.
    const r = run(
      'replicas: 2\n    terminationGracePeriod: 5s',
      '      main: { instanceType: e2-standard-4, initial: 3, min: 3, max: 3, zones: [a] }',
      `podDisruptionBudgets:\n  web: { selector: { matchLabels: { app: web } }, minAvailable: 2 }\n`,
    );
    expect(r.autoscaler.nodesRemoved).toBe(0);
    expect(r.autoscaler.nodesBlockedByPdb).toBe(0);
    expect(reasons(r, 'ScaleDownBlockedByPdb')).toEqual([]);
  });

  it('let it drain one node at a time within maxUnavailable', () => {
    const r = budget('maxUnavailable: 1');
    expect(r.autoscaler.nodesRemoved).toBe(2);
    // Each pod may go on its own (one disruption allowed), so neither node is ever blocked: the
    // budget is spent only by the loop's removals, one drain at a time.
    expect(r.autoscaler.nodesBlockedByPdb).toBe(0);
    expect(reasons(r, 'ScaleDown').filter((e) => e.kind === 'Node')).toHaveLength(1);
  });
});
