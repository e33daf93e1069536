// Karpenter end to end: NodePools from manifests, launches for pending pods, consolidation within
// budgets, spot interruptions, NodePool limits; the same seed gives the same run.
import { describe, expect, it } from 'vitest';
import { interruptionDelayMs, monthlyInterruptionFraction } from '../../src/models/karpenter/spot.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { summarize } from '../../src/report/summary.js';
import { RandomStreams } from '../../src/sim/random.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign> & { readonly summary: () => ReturnType<typeof summarize> };

interface NodePoolText {
  readonly requirements?: string;
  readonly disruption?: string;
  readonly limits?: string;
}

const nodePool = (name: string, o: NodePoolText = {}) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${name} }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
${
  o.requirements ??
  `        - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.xlarge, m5.2xlarge, m5.4xlarge, m5.8xlarge] }
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }`
}
${o.limits ?? ''}
  disruption:
${o.disruption ?? '    consolidateAfter: 30s'}
`;

const load = (scenario: string, files: Record<string, string>) => {
  const r = loadScenarioText('k.yaml', scenario, (path) => {
    const name = path.split('/').at(-1)!;
    if (!(name in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return files[name]!;
  });
  return r;
};

const scenarioText = (o: {
  workloads: string;
  duration?: string;
  seed?: number;
  spot?: string;
  start?: string;
}) => `name: k
duration: ${o.duration ?? '30m'}
seed: ${o.seed ?? 1}
start: ${o.start ?? 'cold'}
include: [np.yaml]
workloads:
${o.workloads}
designs:
  k:
    karpenter: { nodePools: [general]${o.spot ?? ''} }
`;

const run = (scenario: string, np: string): Run => {
  const r = load(scenario, { 'np.yaml': np });
  expect(r.problems.map(formatProblem)).toEqual([]);
  const s = r.scenario!;
  const result = runDesign(s, s.designs[0]!);
  return { ...result, summary: () => summarize(s, s.designs[0]!, result) };
};

const events = (r: Run, reason: string) => r.events.filter((e) => e.reason === reason);
const launchedTypes = (r: Run) => events(r, 'Launched').map((e) => /: ([a-z0-9]+\.[a-z0-9]+), /.exec(e.message)![1]);

describe('Karpenter provisioning', () => {
  it('launches one m5.8xlarge for ten pending pods of 3 CPU: the cheapest set of NodeClaims that holds them', () => {
    // One m5.8xlarge ($1.536/h, 32 vCPU) holds all ten (30 CPU); ten m5.xlarge would cost
    // $1.92/h, four m5.2xlarge (two pods each) and a m5.xlarge $1.728/h.
    const r = run(
      scenarioText({ workloads: '  app: { replicas: 10, requests: { cpu: "3", memory: 1Gi } }' }),
      nodePool('general'),
    );
    expect(launchedTypes(r)).toEqual(['m5.8xlarge']);
    expect(events(r, 'Launched')[0]!.message).toContain('10 pod(s) planned');
    // The batch closed 1 s after the pods were found unschedulable (no pod came since).
    expect(events(r, 'Launched')[0]!.timeMs).toBe(1_000);
    expect(r.pods.filter((p) => p.readyMs !== undefined)).toHaveLength(10);
    expect(new Set(r.pods.map((p) => p.node?.name))).toEqual(new Set([events(r, 'Launched')[0]!.name]));
  });

  it('starts a steady run on the nodes Karpenter would have launched for the initial replicas', () => {
    const r = run(
      scenarioText({ workloads: '  app: { replicas: 4, requests: { cpu: "3", memory: 1Gi } }', start: 'steady' }),
      nodePool('general'),
    );
    expect(r.nodes.map((n) => [n.pool, n.requestedMs])).toEqual([['general-m5.4xlarge-on-demand', null]]);
    expect(r.pods.every((p) => p.steady)).toBe(true);
    expect(events(r, 'Launched')).toEqual([]);
  });

  it("launches in the zone a pod's nodeSelector asks for, among the scenario's zones", () => {
    const text = scenarioText({
      workloads: `  app:
    replicas: 1
    requests: { cpu: "1", memory: 1Gi }
    nodeSelector: { topology.kubernetes.io/zone: us-east-1b }`,
    }).replace('include: [np.yaml]', 'include: [np.yaml]\nzones: [us-east-1a, us-east-1b, us-east-1c]');
    const r = run(text, nodePool('general'));
    expect(events(r, 'Launched')[0]!.message).toContain('m5.large, on-demand in us-east-1b');
    const node = r.pods[0]!.node!;
    expect(node.zone).toBe('us-east-1b');
    expect(node.object.metadata!.labels).toMatchObject({
      'topology.kubernetes.io/zone': 'us-east-1b',
      'node.kubernetes.io/instance-type': 'm5.large',
      'karpenter.sh/nodepool': 'general',
      'karpenter.sh/capacity-type': 'on-demand',
      'karpenter.k8s.aws/instance-family': 'm5',
    });
    expect(r.pods[0]!.ready).toBe(true);
  });

  it('stops launching at a NodePool limits.cpu, with an event saying so', () => {
    // 16 CPU allow one m5.4xlarge (16 vCPU): five pods of 3 CPU; the other five stay pending.
    const r = run(
      scenarioText({ workloads: '  app: { replicas: 10, requests: { cpu: "3", memory: 1Gi } }' }),
      nodePool('general', { limits: '  limits: { cpu: "16" }' }),
    );
    expect(launchedTypes(r)).toEqual(['m5.4xlarge']);
    const limit = events(r, 'NodePoolLimitReached');
    expect(limit).toHaveLength(1);
    expect(limit[0]!.message).toBe(
      'NodePool general has reached its limits (cpu 16): no node launched for pods that need more',
    );
    expect(r.pods.filter((p) => p.phase === 'Pending')).toHaveLength(5);
  });

  it('leaves pods that do not tolerate the NodePool taints pending, and launches for those that do', () => {
    const tainted = nodePool('general').replace(
      '      requirements:',
      '      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]\n      requirements:',
    );
    const r = run(
      scenarioText({
        workloads: `  app: { replicas: 2, requests: { cpu: "1", memory: 1Gi } }
  batch:
    replicas: 2
    requests: { cpu: "1", memory: 1Gi }
    tolerations: [{ key: dedicated, operator: Equal, value: batch, effect: NoSchedule }]`,
      }),
      tainted,
    );
    expect(events(r, 'Launched')).toHaveLength(1);
    expect(r.pods.filter((p) => p.phase === 'Pending').map((p) => p.workload)).toEqual(['app', 'app']);
  });
});

describe('Karpenter disruption', () => {
  // Ten pods of 1 CPU on m5.xlarge (3 a node: four nodes); at 10 min the workload falls to 3.
  const falling = (policy: string, budgets = '', extra = '') =>
    run(
      scenarioText({
        workloads: `  app:
    replicas: 10
    requests: { cpu: "1", memory: 1Gi }
    terminationGracePeriod: 5s
    scale: [{ at: 10m, replicas: 3 }]${extra}`,
        duration: '40m',
      }),
      nodePool('general', {
        requirements: `        - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge] }
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }`,
        disruption: `    consolidationPolicy: ${policy}\n    consolidateAfter: 30s${budgets}`,
      }),
    );
  const liveAt = (r: Run, ms: number) =>
    r.nodes.filter((n) => (n.requestedMs ?? 0) <= ms && (n.removedMs ?? Infinity) > ms).length;

  it('consolidates underutilised nodes after load falls, and the cost per hour drops', () => {
    const r = falling('WhenEmptyOrUnderutilized');
    expect(liveAt(r, 9 * 60_000)).toBe(4);
    // Three pods of 1 CPU fit on one m5.xlarge: every other node goes.
    expect(liveAt(r, 39 * 60_000)).toBe(1);
    const { consolidations } = r.summary().karpenter!;
    // Some node went though it still had pods (theirs moved), not only empty ones.
    expect(consolidations.delete + consolidations.multi + consolidations.replace).toBeGreaterThan(0);
    expect(events(r, 'Evicted').length).toBeGreaterThan(0);
    const last = r.samples.at(-1)!;
    const tenMin = r.samples.find((s) => s.time_s === 540)!;
    // cost_usd is cumulative: its slope is the cost per hour.
    const rateEnd = (last.cost_usd - r.samples.at(-6)!.cost_usd) / ((last.time_s - r.samples.at(-6)!.time_s) / 3600);
    const rateBefore = (tenMin.cost_usd - r.samples.find((s) => s.time_s === 240)!.cost_usd) / (300 / 3600);
    expect(rateEnd).toBeCloseTo(0.192, 3);
    expect(rateBefore).toBeCloseTo(4 * 0.192, 3);
    // Every pod still runs: those evicted were rescheduled.
    expect(r.pods.filter((p) => p.phase === 'Running' && p.deletedMs === undefined)).toHaveLength(3);
  });

  it('replaces a node by a cheaper one, Ready before the old node drains', () => {
    // Ten pods of 3 CPU on one m5.8xlarge; at 10 min three are left (9 CPU): an m5.4xlarge holds them.
    const r = run(
      scenarioText({
        workloads: `  app:
    replicas: 10
    requests: { cpu: "3", memory: 1Gi }
    terminationGracePeriod: 5s
    scale: [{ at: 10m, replicas: 3 }]`,
      }),
      nodePool('general'),
    );
    expect(launchedTypes(r)).toEqual(['m5.8xlarge', 'm5.4xlarge']);
    const [old, replacement] = r.nodes;
    expect(r.summary().karpenter!.consolidations).toEqual({ empty: 0, delete: 0, replace: 1, multi: 0 });
    const firstEviction = Math.min(...events(r, 'Evicted').map((e) => e.timeMs));
    expect(replacement!.readyMs!).toBeLessThanOrEqual(firstEviction);
    expect(old!.removedMs!).toBeGreaterThan(firstEviction);
    // The three pods run on the replacement; the cost per hour halves ($1.536 to $0.768).
    const live = r.pods.filter((p) => p.deletedMs === undefined);
    expect(live.every((p) => p.node === replacement!.node && p.ready)).toBe(true);
  });

  it('runs beside a cluster autoscaler pool, which never removes the nodes Karpenter launched', () => {
    const text = scenarioText({
      workloads: '  app: { replicas: 6, requests: { cpu: "1", memory: 1Gi } }',
      duration: '40m',
    }).replace(
      'karpenter: { nodePools: [general] }',
      'karpenter: { nodePools: [general] }\n    pools: { fixed: { instanceType: m5.large, min: 1, max: 1 } }',
    );
    const r = run(text, nodePool('general'));
    const karpenter = r.nodes.filter((n) => n.pool !== 'fixed');
    expect(r.nodes.filter((n) => n.pool === 'fixed')).toHaveLength(1);
    expect(karpenter.length).toBeGreaterThan(0);
    expect(events(r, 'ScaleDown').concat(events(r, 'ScaleDownEmpty'))).toEqual([]);
    expect(r.pods.every((p) => p.ready)).toBe(true);
  });

  it('with consolidationPolicy WhenEmpty, removes only the empty nodes', () => {
    const r = falling('WhenEmpty');
    const evicted = events(r, 'Evicted');
    expect(evicted).toEqual([]);
    const s = r.summary();
    expect(s.karpenter!.nodesRemoved).toBeGreaterThan(0);
    expect(s.karpenter!.consolidations).toEqual({ empty: s.karpenter!.nodesRemoved, delete: 0, replace: 0, multi: 0 });
    // The pods left after the scale-down sit on nodes that stay, however underused.
    const holding = new Set(r.pods.filter((p) => p.deletedMs === undefined).map((p) => p.node!.name));
    expect(liveAt(r, 39 * 60_000)).toBe(holding.size);
  });

  it('leaves a node running a karpenter.sh/do-not-disrupt pod alone; only empty nodes go', () => {
    const r = falling('WhenEmptyOrUnderutilized', '', '\n    doNotDisrupt: true');
    expect(events(r, 'Evicted')).toEqual([]);
    const { consolidations, nodesRemoved } = r.summary().karpenter!;
    expect(consolidations).toEqual({ empty: nodesRemoved, delete: 0, replace: 0, multi: 0 });
    expect(nodesRemoved).toBeGreaterThan(0);
  });

  it('removes several underutilised nodes at once by multi-node consolidation, within a budget that allows it', () => {
    // Four m5.xlarge, each a pod of a (2 CPU) and one of b (1 CPU); at 10 min a goes. Each node
    // then runs one pod of b, and two nodes' pods fit in what the other two have left.
    const r = run(
      scenarioText({
        workloads: `  a:
    replicas: 4
    requests: { cpu: "2", memory: 1Gi }
    terminationGracePeriod: 5s
    scale: [{ at: 10m, replicas: 0 }]
  b: { replicas: 4, requests: { cpu: "1", memory: 1Gi } }`,
      }),
      nodePool('general', {
        requirements: `        - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge] }
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }`,
        disruption: '    consolidateAfter: 30s\n    budgets: [{ nodes: "100%" }]',
      }),
    );
    expect(launchedTypes(r)).toEqual(['m5.xlarge', 'm5.xlarge', 'm5.xlarge', 'm5.xlarge']);
    const multi = events(r, 'DisruptionTerminating');
    expect(multi).toHaveLength(1);
    expect(multi[0]!.message).toMatch(/^Disrupting \S+, \S+: Underutilized, deleting/);
    expect(r.summary().karpenter!.consolidations).toEqual({ empty: 0, delete: 0, replace: 0, multi: 2 });
    // The four pods of b run on the two nodes left, two each.
    const live = r.pods.filter((p) => p.deletedMs === undefined);
    expect(live.map((p) => p.workload)).toEqual(['b', 'b', 'b', 'b']);
    expect(new Set(live.map((p) => p.node!.name)).size).toBe(2);
    expect(live.every((p) => p.ready)).toBe(true);
  });

  it('disrupts no more nodes at once than the budget allows', () => {
    const r = falling('WhenEmptyOrUnderutilized', '\n    budgets: [{ nodes: "1" }]');
    // Each disruption waits for the one before to be gone: never two nodes deleting at once.
    const removals = r.nodes.filter((n) => n.removedMs !== undefined).map((n) => n.removedMs!);
    const starts = events(r, 'DisruptionTerminating').map((e) => e.timeMs);
    expect(starts.length).toBeGreaterThan(1);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]!).toBeGreaterThanOrEqual(removals.sort((a, b) => a - b)[i - 1]!);
  });
});

describe('spot interruptions', () => {
  // The first seed whose first spot draw interrupts a node within 20 minutes of its launch.
  const fraction = monthlyInterruptionFraction('>20%');
  const seed = Array.from({ length: 100_000 }, (_, i) => i + 1).find(
    (s) =>
      interruptionDelayMs(fraction, new RandomStreams(s).stream('karpenter/spot-interruptions').next()) < 20 * 60_000,
  )!;
  const spotPool = nodePool('general', {
    requirements: `        - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge, c5.xlarge] }
        - { key: karpenter.sh/capacity-type, operator: In, values: [spot] }`,
  });
  const text = (s: number) =>
    scenarioText({
      workloads: '  app: { replicas: 2, requests: { cpu: "1", memory: 1Gi }, terminationGracePeriod: 10s }',
      duration: '1h',
      seed: s,
      spot: ", spot: { interruption: '>20%' }",
    });

  it('gives a 2-minute notice: the node is drained and reclaimed, a replacement launched, the pods rescheduled', () => {
    const r = run(text(seed), spotPool);
    const notice = events(r, 'SpotInterrupted');
    expect(notice).toHaveLength(1);
    const node = notice[0]!.name;
    const record = r.nodes.find((n) => n.name === node)!;
    expect(record.removedMs! - notice[0]!.timeMs).toBeLessThanOrEqual(120_000);
    const evicted = events(r, 'Evicted').filter((e) => e.timeMs === notice[0]!.timeMs);
    expect(evicted).toHaveLength(2);
    // A replacement launched within the batch window of the notice.
    const replacement = events(r, 'Launched').find((e) => e.timeMs > notice[0]!.timeMs)!;
    expect(replacement.timeMs - notice[0]!.timeMs).toBeLessThanOrEqual(11_000);
    // The interrupted offering is unavailable for 3 minutes: the replacement is the other type.
    expect(events(r, 'Launched')[0]!.message).toContain('c5.xlarge, spot');
    expect(replacement.message).toContain('m5.xlarge, spot');
    const live = r.pods.filter((p) => p.deletedMs === undefined);
    expect(live).toHaveLength(2);
    expect(live.every((p) => p.ready && p.node!.name === replacement.name)).toBe(true);
    expect(r.summary().karpenter!.interruptions).toBe(1);
  });

  it('is byte-identical for the same seed', () => {
    const a = run(text(seed), spotPool);
    const b = run(text(seed), spotPool);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(b.summary())).toBe(JSON.stringify(a.summary()));
  });
});
