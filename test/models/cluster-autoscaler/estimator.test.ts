import { describe, expect, it } from 'vitest';
import { nodeAllocatable } from '../../../src/models/allocatable.js';
import { estimateNodes, podGroupScore, templateResources } from '../../../src/models/cluster-autoscaler/estimator.js';
import { emptyRoom } from '../../../src/models/cluster-autoscaler/placement.js';

const GiB = 2 ** 30;
const template = (vcpu: number, memGiB: number) => {
  const b = nodeAllocatable({
    cpuMilli: vcpu * 1000,
    memoryBytes: memGiB * GiB,
    maxPods: 110,
    podIPs: 254,
    attachableVolumes: Infinity,
    reservation: { name: 'gke' },
    daemonSets: [],
  });
  return { cpuMilli: b.forWorkloads.cpuMilli, memoryBytes: b.forWorkloads.memoryBytes, pods: b.forWorkloads.pods };
};
const app = { cpuMilli: 300, memoryBytes: 2 * GiB };

describe('estimateNodes: docs/model.md#cluster-autoscaler', () => {
  it('two pending replicas of 300m / 2 GiB need one 4 vCPU / 32 GiB node, or two 1 vCPU / 4 GiB nodes', () => {
    expect(estimateNodes({ template: template(4, 32), podGroups: [{ ...app, count: 2 }] })).toEqual({
      nodeCount: 1,
      scheduledPods: 2,
    });
    expect(estimateNodes({ template: template(1, 4), podGroups: [{ ...app, count: 2 }] })).toEqual({
      nodeCount: 2,
      scheduledPods: 2,
    });
  });

  it('a big node holds 13 of them: 15 pending need two', () => {
    expect(estimateNodes({ template: template(4, 32), podGroups: [{ ...app, count: 15 }] })).toEqual({
      nodeCount: 2,
      scheduledPods: 15,
    });
  });
});

describe('estimateNodes', () => {
  const t = { cpuMilli: 1000, memoryBytes: 1000, pods: 10 };

  it('packs the largest groups first, then fills the gaps (first-fit decreasing)', () => {
    // 600 + 400 fill a node exactly; by arrival order (400s first) they would need three.
    expect(
      estimateNodes({
        template: t,
        podGroups: [
          { cpuMilli: 400, memoryBytes: 0, count: 2 },
          { cpuMilli: 600, memoryBytes: 0, count: 2 },
        ],
      }),
    ).toEqual({ nodeCount: 2, scheduledPods: 4 });
  });

  it("scores a group by its share of the template's CPU plus its share of memory", () => {
    expect(podGroupScore({ cpuMilli: 500, memoryBytes: 250, count: 1 }, t)).toBeCloseTo(0.75, 9);
  });

  it('never puts two pods with the same host port on one node', () => {
    expect(
      estimateNodes({ template: t, podGroups: [{ cpuMilli: 10, memoryBytes: 10, count: 3, hostPort: 8080 }] }),
    ).toEqual({ nodeCount: 3, scheduledPods: 3 });
  });

  it('stops at maxNodes and reports how many pods it placed', () => {
    expect(
      estimateNodes({ template: t, podGroups: [{ cpuMilli: 500, memoryBytes: 0, count: 7 }], maxNodes: 2 }),
    ).toEqual({ nodeCount: 2, scheduledPods: 4 });
  });

  it('adds no node for a pod that cannot fit an empty one', () => {
    expect(estimateNodes({ template: t, podGroups: [{ cpuMilli: 2000, memoryBytes: 0, count: 3 }] })).toEqual({
      nodeCount: 0,
      scheduledPods: 0,
    });
  });

  it('is bounded by pods per node', () => {
    expect(estimateNodes({ template: t, podGroups: [{ cpuMilli: 1, memoryBytes: 1, count: 25 }] })).toEqual({
      nodeCount: 3,
      scheduledPods: 25,
    });
  });
});

// TestBinpackingEstimate, kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator_test.go
// (@07f2cb9a): node memory in MiB, pod memory in bytes, 10 pods a node. Rows 6-8 use topology
// spread constraints, which poolsim's pod groups do not carry.
describe("upstream's TestBinpackingEstimate", () => {
  const MiB = 2 ** 20;
  const node = (cpuMilli: number, memMiB: number) => ({ cpuMilli, memoryBytes: memMiB * MiB, pods: 10 });
  it.each([
    [
      'simple resource-based binpacking',
      node(350 * 3 - 50, 2000),
      [{ cpuMilli: 350, memoryBytes: 1000, count: 10 }],
      0,
      5,
      10,
    ],
    ['pods-per-node bound binpacking', node(10000, 20000), [{ cpuMilli: 10, memoryBytes: 100, count: 20 }], 0, 2, 20],
    [
      'hostport conflict forces pod-per-node',
      node(1000, 5000),
      [{ cpuMilli: 200, memoryBytes: 1000, count: 8, hostPort: 5555 }],
      0,
      8,
      8,
    ],
    ['limiter cuts binpacking', node(1000, 5000), [{ cpuMilli: 500, memoryBytes: 1000, count: 20 }], 5, 5, 10],
    [
      'decreasing ordered pods are processed first',
      node(1000, 5000),
      [
        { name: 'low', cpuMilli: 50, memoryBytes: 1000, count: 10 },
        { name: 'high', cpuMilli: 500, memoryBytes: 1000, count: 10 },
      ],
      5,
      5,
      10,
    ],
  ] as const)('%s', (_name, template, podGroups, maxNodes, nodeCount, scheduledPods) => {
    expect(estimateNodes({ template, podGroups, maxNodes })).toEqual({ nodeCount, scheduledPods });
  });
});

// The rows of TestBinpackingEstimate with topology spread (binpacking_estimator_test.go, after
// kubernetes/autoscaler#8181): the snapshot holds one empty node, "oldnode" (100m, 100 MiB, 10 pods,
// zone-jupiter); the template is "template" in zone-mars; the pods are app=estimatee in namespace
// universe with one DoNotSchedule constraint selecting themselves (WithMaxSkew).
describe("upstream's TestBinpackingEstimate, topology spread rows", () => {
  const MiB = 2 ** 20;
  const object = (name: string, zone: string) => ({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  });
  const estimatee = (maxSkew: number, topologyKey: string, minDomains: number) => ({
    metadata: { namespace: 'universe', labels: { app: 'estimatee' } },
    spec: {
      containers: [],
      topologySpreadConstraints: [
        {
          maxSkew,
          topologyKey,
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'estimatee' } },
          minDomains,
        },
      ],
    },
  });
  const oldnode = () =>
    emptyRoom(
      templateResources({ cpuMilli: 100, memoryBytes: 100 * MiB, pods: 10 }),
      object('oldnode', 'zone-jupiter'),
    );
  it.each([
    [
      'hostname topology spreading with maxSkew=2 forces 2 pods/node',
      200,
      200,
      8,
      estimatee(2, 'kubernetes.io/hostname', 1),
      4,
      8,
    ],
    [
      'zonal topology spreading with maxSkew=2 only allows 2 pods to schedule',
      20,
      100,
      8,
      estimatee(2, 'topology.kubernetes.io/zone', 1),
      1,
      2,
    ],
    [
      'hostname topology spreading with maxSkew=1 with a large scaleup handles scheduling pods retroactively',
      20,
      100,
      12,
      estimatee(1, 'kubernetes.io/hostname', 3),
      3,
      12,
    ],
  ] as const)('%s', (_name, cpuMilli, memoryBytes, count, pod, nodeCount, scheduledPods) => {
    const snapshot = [oldnode()];
    const result = estimateNodes({
      template: { cpuMilli: 1000, memoryBytes: 5000 * MiB, pods: 10 },
      templateNode: object('template', 'zone-mars'),
      podGroups: [{ cpuMilli, memoryBytes, count, template: pod }],
      snapshot,
    });
    expect(result).toEqual({ nodeCount, scheduledPods });
    // The estimate works on a fork: the snapshot's own node is left as it was.
    expect(snapshot[0]!.free.pods).toBe(10);
  });

  it('without constraints the snapshot changes nothing: the plain rows hold with a template node', () => {
    expect(
      estimateNodes({
        template: { cpuMilli: 1000, memoryBytes: 5000 * MiB, pods: 10 },
        templateNode: object('template', 'zone-mars'),
        podGroups: [{ cpuMilli: 200, memoryBytes: 1000, count: 8, hostPort: 5555 }],
        snapshot: [oldnode()],
      }),
    ).toEqual({ nodeCount: 8, scheduledPods: 8 });
  });

  it('puts no pod on a template whose taint it does not tolerate, nor one whose labels miss its nodeSelector', () => {
    const tainted = {
      ...object('template', 'zone-mars'),
      spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] },
    };
    const plain = { metadata: { labels: { app: 'web' } }, spec: { containers: [] } };
    const template = { cpuMilli: 1000, memoryBytes: 5000 * MiB, pods: 10 };
    expect(
      estimateNodes({
        template,
        templateNode: tainted,
        podGroups: [{ cpuMilli: 100, memoryBytes: 1, count: 3, template: plain }],
      }),
    ).toEqual({ nodeCount: 0, scheduledPods: 0 });
    const tolerant = { ...plain, spec: { containers: [], tolerations: [{ key: 'dedicated', operator: 'Exists' }] } };
    expect(
      estimateNodes({
        template,
        templateNode: tainted,
        podGroups: [{ cpuMilli: 100, memoryBytes: 1, count: 3, template: tolerant }],
      }),
    ).toEqual({ nodeCount: 1, scheduledPods: 3 });
    const picky = { ...plain, spec: { containers: [], nodeSelector: { 'topology.kubernetes.io/zone': 'zone-venus' } } };
    expect(
      estimateNodes({
        template,
        templateNode: object('template', 'zone-mars'),
        podGroups: [{ cpuMilli: 100, memoryBytes: 1, count: 3, template: picky }],
      }),
    ).toEqual({ nodeCount: 0, scheduledPods: 0 });
  });

  it('keeps hostname anti-affinity replicas one to a node', () => {
    const anti = {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } },
            ],
          },
        },
      },
    };
    expect(
      estimateNodes({
        template: { cpuMilli: 4000, memoryBytes: 16000 * MiB, pods: 110 },
        templateNode: object('template', 'zone-mars'),
        podGroups: [{ cpuMilli: 100, memoryBytes: 1, count: 5, template: anti }],
      }),
    ).toEqual({ nodeCount: 5, scheduledPods: 5 });
  });
});
