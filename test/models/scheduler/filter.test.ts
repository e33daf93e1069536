import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeUnschedulable,
  filterNode,
  fitsRequest,
  topologySpreadViolated,
  type NodeUsage,
} from '../../../src/models/scheduler/filter.js';
import { fitsOn, fitsResources, freeResources, type PodRequest } from '../../../src/models/resources.js';

const pod = (over: Partial<PodRequest> = {}): PodRequest => ({
  cpuMilli: 300,
  memoryBytes: 2 * 2 ** 30,
  volumes: 0,
  hostPort: null,
  hostNetwork: false,
  ...over,
});
const node = (
  over: { requested?: Partial<NodeUsage['requested']>; allocatable?: Partial<NodeUsage['allocatable']> } & Partial<
    Omit<NodeUsage, 'requested' | 'allocatable'>
  > = {},
): NodeUsage => ({
  allocatable: { cpuMilli: 3920, memoryBytes: 28 * 2 ** 30, pods: 110, podIPs: 254, volumes: 127, ...over.allocatable },
  requested: { cpuMilli: 0, memoryBytes: 0, pods: 0, podIPs: 0, volumes: 0, ...over.requested },
  unschedulable: over.unschedulable ?? false,
  taints: over.taints ?? [],
  hostPorts: over.hostPorts ?? new Set(),
});

describe('fitsRequest (noderesources/fit.go)', () => {
  it('fits an empty node', () => {
    expect(fitsRequest(pod(), node())).toEqual([]);
  });

  it('reports every shortfall as data, in upstream order: pods, cpu, memory', () => {
    const full = node({ requested: { pods: 110, cpuMilli: 3900, memoryBytes: 27 * 2 ** 30 } });
    expect(fitsRequest(pod(), full)).toEqual([
      { resourceName: 'pods', reason: 'Too many pods', requested: 1, used: 110, capacity: 110 },
      { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 300, used: 3900, capacity: 3920 },
      {
        resourceName: 'memory',
        reason: 'Insufficient memory',
        requested: 2 * 2 ** 30,
        used: 27 * 2 ** 30,
        capacity: 28 * 2 ** 30,
      },
    ]);
  });

  it('never fails a resource the pod requests none of, even on an overcommitted node', () => {
    expect(fitsRequest(pod({ cpuMilli: 0 }), node({ requested: { cpuMilli: 5000 } }))).toEqual([]);
  });

  it('the 14th (300m, 2 GiB) replica does not fit a 4 vCPU / 32 GiB node, for CPU', () => {
    const thirteen = node({ requested: { pods: 13, cpuMilli: 13 * 300, memoryBytes: 13 * 2 * 2 ** 30 } });
    expect(fitsRequest(pod(), thirteen).map((r) => r.reason)).toEqual(['Insufficient cpu']);
  });
});

describe('filterNode (the default filters, in order)', () => {
  it.each([
    ['unschedulable (cordoned)', node({ unschedulable: true }), pod(), ['node(s) were unschedulable']],
    [
      'tainted not-ready',
      node({ taints: ['node.kubernetes.io/not-ready'] }),
      pod(),
      ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    ],
    [
      'host port taken',
      node({ hostPorts: new Set([8080]) }),
      pod({ hostPort: 8080 }),
      ["node(s) didn't have free ports for the requested pod ports"],
    ],
    ['out of pod IPs', node({ requested: { podIPs: 254 } }), pod(), ['no free pod IP']],
    ['host network needs no pod IP', node({ requested: { podIPs: 254 } }), pod({ hostNetwork: true }), []],
    [
      'out of volumes (a fifth disk on a D2_v5)',
      node({ allocatable: { volumes: 4 }, requested: { volumes: 4 } }),
      pod({ volumes: 1 }),
      ['node(s) exceed max volume count'],
    ],
    ['resources before IPs', node({ requested: { podIPs: 254, cpuMilli: 3900 } }), pod(), ['Insufficient cpu']],
  ] as const)('%s', (_name, n, p, reasons) => {
    expect(filterNode(p, n)).toEqual(reasons);
  });

  it("rejects a node that would break the workload's spread", () => {
    expect(filterNode(pod(), node(), true)).toEqual(["node(s) didn't match pod topology spread constraints"]);
    expect(topologySpreadViolated(1, 0)).toBe(true); //  1 + 1 − 0 = 2 > 1
    expect(topologySpreadViolated(0, 0)).toBe(false); // 0 + 1 − 0 = 1
    expect(topologySpreadViolated(1, 1)).toBe(false);
  });
});

describe('describeUnschedulable', () => {
  it('counts reasons across nodes as the FailedScheduling event does', () => {
    expect(
      describeUnschedulable(5, [
        ['Insufficient cpu'],
        ['Insufficient cpu', 'Insufficient memory'],
        ['Too many pods'],
        ['Insufficient cpu'],
        ['Too many pods'],
      ]),
    ).toBe('0/5 nodes are available: 1 Insufficient memory, 2 Too many pods, 3 Insufficient cpu.');
  });
});

describe('fitsOn', () => {
  it("is the fit rule on the node's free room, read without building it", () => {
    const amount = fc.integer({ min: -3, max: 6 });
    const resources = fc.record({
      cpuMilli: amount,
      memoryBytes: amount,
      pods: amount,
      podIPs: amount,
      volumes: amount,
    });
    fc.assert(
      fc.property(
        fc.record({
          cpuMilli: fc.nat(4),
          memoryBytes: fc.nat(4),
          volumes: fc.nat(2),
          hostPort: fc.option(fc.constantFrom(80, 443), { nil: null }),
          hostNetwork: fc.boolean(),
        }),
        fc.record({ allocatable: resources, requested: resources }),
        (p, n) => {
          expect(fitsOn(p, n)).toBe(fitsResources(p, freeResources(n)));
        },
      ),
      { numRuns: 3000, seed: 25 },
    );
  });
});
