// Scoring end to end: the plugins that only weigh nodes (preferred node affinity, PreferNoSchedule
// taints, ScheduleAnyway spread and the cluster-default spread, preferred pod affinity and
// anti-affinity) steer where the scheduler puts pods, and never leave a pod pending.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign>;

const run = (text: string): Run => {
  const r = loadScenarioText('s.yaml', text);
  expect(r.problems).toEqual([]);
  const s = r.scenario!;
  return runDesign(s, s.designs[0]!);
};

// The node each of a workload's pods runs on at the end of the run.
const nodesOf = (r: Run, workload: string): string[] =>
  r.pods.filter((p) => p.workload === workload && p.node !== null).map((p) => p.node!.name);
const pending = (r: Run) => r.pods.filter((p) => p.node === null).length;
const inPool = (nodes: readonly string[], pool: string) => nodes.filter((n) => n.startsWith(`${pool}-`)).length;

const scenario = (workloads: string, pools: string, top = '') => `name: s
duration: 10m
start: cold
${top}workloads:
${workloads}
designs:
  d:
    pools:
${pools}
`;

describe('NodeAffinity score: preferred node affinity', () => {
  const pools = `      fast: { instanceType: e2-standard-4, initial: 2, labels: { disk: ssd } }
      slow: { instanceType: e2-standard-4, initial: 2 }`;
  const web = (affinity: string) => `  web:
    replicas: 4
    requests: { cpu: 250m, memory: 256Mi }
    ${affinity}`;
  const prefersSsd = `affinity:
      nodeAffinity:
        preferredDuringSchedulingIgnoredDuringExecution:
          - { weight: 100, preference: { matchExpressions: [{ key: disk, operator: In, values: [ssd] }] } }`;

  it('puts every replica on the nodes it prefers while they have room', () => {
    const r = run(scenario(web(prefersSsd), pools));
    expect(inPool(nodesOf(r, 'web'), 'fast')).toBe(4);
  });

  it('without the preference, the cluster-default spread uses every node', () => {
    const r = run(scenario(web(''), pools));
    expect(new Set(nodesOf(r, 'web')).size).toBe(4);
  });
});

describe('TaintToleration score: PreferNoSchedule pool taints', () => {
  const pools = `      spot: { instanceType: e2-standard-4, initial: 2, taints: [{ key: spot, effect: PreferNoSchedule }] }
      plain: { instanceType: e2-standard-4, initial: 2 }`;
  const web = (replicas: number, extra = '') => `  web:
    replicas: ${replicas}
    requests: { cpu: "1", memory: 1Gi }
    ${extra}`;

  it('keeps pods off the tainted nodes while the others have room', () => {
    const r = run(scenario(web(4), pools));
    expect(inPool(nodesOf(r, 'web'), 'plain')).toBe(4);
  });

  it('still places pods on them when nothing else fits: the taint is a preference, not a filter', () => {
    const r = run(scenario(web(9), pools));
    expect(pending(r)).toBe(0);
    expect(inPool(nodesOf(r, 'web'), 'spot')).toBeGreaterThan(0);
    expect(inPool(nodesOf(r, 'web'), 'plain')).toBeGreaterThanOrEqual(inPool(nodesOf(r, 'web'), 'spot'));
  });

  it('weighs nothing against a pod that tolerates it', () => {
    const tolerates = 'tolerations: [{ key: spot, operator: Exists, effect: PreferNoSchedule }]';
    const r = run(scenario(web(4, tolerates), pools));
    expect(new Set(nodesOf(r, 'web')).size).toBe(4);
  });
});

describe('PodTopologySpread score: ScheduleAnyway', () => {
  // Two nodes in zone a, one in zone b.
  const pools = `      two: { instanceType: e2-standard-4, initial: 2, zones: [a] }
      one: { instanceType: e2-standard-4, initial: 1, zones: [b] }`;
  const web = (spread: string) => `  web:
    replicas: 6
    requests: { cpu: 250m, memory: 256Mi }
    labels: { app: web }
    ${spread}`;
  const zoneSpread = `topologySpreadConstraints:
      - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }`;

  it('evens the pods out over zones rather than nodes', () => {
    const r = run(scenario(web(zoneSpread), pools, 'zones: [a, b]\n'));
    const nodes = nodesOf(r, 'web');
    expect([inPool(nodes, 'two-a'), inPool(nodes, 'one-b')]).toEqual([3, 3]);
  });

  it('the cluster-default spread (hostname maxSkew 3, zone maxSkew 5) evens them over nodes instead', () => {
    const r = run(scenario(web(''), pools, 'zones: [a, b]\n'));
    const nodes = nodesOf(r, 'web');
    expect([inPool(nodes, 'two-a'), inPool(nodes, 'one-b')]).toEqual([4, 2]);
  });

  it('places pods where the skew cannot be kept, where DoNotSchedule would leave them pending', () => {
    const full = `      two: { instanceType: e2-standard-4, initial: 2, zones: [a] }
      one: { instanceType: e2-standard-2, initial: 1, zones: [b] }`;
    const big = (spread: string) => web(spread).replace('cpu: 250m', 'cpu: 900m');
    const soft = run(scenario(big(zoneSpread), full, 'zones: [a, b]\n'));
    expect(pending(soft)).toBe(0);
    const hard = run(scenario(big(zoneSpread.replace('ScheduleAnyway', 'DoNotSchedule')), full, 'zones: [a, b]\n'));
    expect(pending(hard)).toBeGreaterThan(0);
  });
});

describe('InterPodAffinity score: preferred pod affinity and anti-affinity', () => {
  const pools = '      main: { instanceType: e2-standard-4, initial: 3 }';
  const workloads = (webAffinity: string) => `  cache:
    replicas: 1
    requests: { cpu: 250m, memory: 256Mi }
    labels: { app: cache }
  web:
    replicas: 2
    requests: { cpu: 250m, memory: 256Mi }
    labels: { app: web }
    affinity:
      ${webAffinity}:
        preferredDuringSchedulingIgnoredDuringExecution:
          - { weight: 100, podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: cache } } } }`;

  it('draws pods to the node of the pods they prefer', () => {
    const r = run(scenario(workloads('podAffinity'), pools));
    const [cache] = nodesOf(r, 'cache');
    expect(nodesOf(r, 'web')).toEqual([cache, cache]);
  });

  it('keeps pods off the node of the pods they prefer to avoid, even where MostAllocated would pack them there', () => {
    const packing = 'scheduler: { scoringStrategy: MostAllocated }\n';
    const packed = run(scenario(workloads('podAffinity').replace(/ {4}affinity:[^]*$/, ''), pools, packing));
    expect(nodesOf(packed, 'web')).toContain(nodesOf(packed, 'cache')[0]);
    const r = run(scenario(workloads('podAntiAffinity'), pools, packing));
    const [cache] = nodesOf(r, 'cache');
    expect(nodesOf(r, 'web')).not.toContain(cache);
    expect(pending(r)).toBe(0);
  });
});

describe('ImageLocality score', () => {
  // Two identical empty nodes, one with the pod's 900 MB image baked in: 450 MB scaled by 1 of 2
  // nodes, which ImageLocality scores 100 × (450 − 23) / (1000 − 23) MiB = 43 more.
  const text = (seed: number, baked: string) => `name: s
duration: 5m
start: cold
seed: ${seed}
workloads:
  web:
    replicas: 1
    requests: { cpu: 250m, memory: 256Mi }
    image: { name: registry.example.com/web:1, size: 900Mi }
designs:
  d:
    pools:
      baked: { instanceType: e2-standard-4, initial: 1, imagePull: { prePulled: [${baked}] } }
      plain: { instanceType: e2-standard-4, initial: 1 }
`;

  it('puts the pod on the node that already has its image, whatever the seed', () => {
    for (let seed = 1; seed <= 8; seed++)
      expect(inPool(nodesOf(run(text(seed, 'registry.example.com/web:1')), 'web'), 'baked')).toBe(1);
  });

  it('leaves the choice to the tie-break when no node has it', () => {
    const pools = new Set<number>();
    for (let seed = 1; seed <= 8; seed++)
      pools.add(inPool(nodesOf(run(text(seed, 'registry.example.com/other:1')), 'web'), 'baked'));
    expect(pools).toEqual(new Set([0, 1]));
  });
});
