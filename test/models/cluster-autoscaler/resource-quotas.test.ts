// Upstream's own tables for the resource quotas, ported: kubernetes/autoscaler
// cluster-autoscaler/resourcequotas/tracker_test.go, factory_test.go and usage_test.go (and
// core/utils/utils_test.go TestGetNodeCoresAndMemory), as of f7bb0c3623750695e1bb7f9f52269590f2974cbf
// (the last commit before the core moved out to sigs.k8s.io/cluster-autoscaler).
//
// Units: upstream's resourceList counts cpu in cores (GetNodeCoresAndMemory: Quantity.Value(), CPU
// rounded up to whole cores), memory in bytes and nodes; test.BuildTestNode(name, millicpu, mem)
// is a QuotaNode of those millicores and bytes.
//
// Left out:
// - custom resources (GPUs): "resource in limits but not in the node" (the only resource missing from
//   a node is a custom one), and the "custom resource config …" cases of TestNewMaxQuotasTracker and
//   TestNewMinQuotasTracker, "with custom resources" of TestCalculateUsages;
// - node filters (NodeFilter, CombinedNodeFilter): the "node filter config …" cases,
//   "with node filter" and "multiple quotas and node filter" of TestCalculateUsages, TestCombinedNodeFilter;
// - TestNewMinQuotasTracker as a whole: QuotaTracker only enforces maxima (NewMaxQuotasTracker);
// - the missing/negative capacity parts of TestGetNodeCoresAndMemory (a QuotaNode always has both).
import { describe, expect, it } from 'vitest';
import {
  QuotaTracker,
  type Quota,
  type QuotaCheck,
  type QuotaNode,
  type QuotaResource,
} from '../../../src/models/cluster-autoscaler/resource-quotas.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** node is test.BuildTestNode(name, millicpu, mem), in `group` (upstream's tests pass a nil node group). */
const node = (cpuMilli: number, memoryBytes: number, group: string | null = null): QuotaNode => ({
  group,
  cpuMilli,
  memoryBytes,
});

type ResourceList = Partial<Record<QuotaResource, number>>;

/**
 * tracker is newTracker(quotaStatuses): quotas with the given limitsLeft, AppliesToFn returning
 * `appliesTo`. QuotaTracker is built from limits and nodes; with no nodes, what is left is the limit.
 */
function tracker(statuses: Array<{ name: string; appliesTo: boolean; limitsLeft: ResourceList }>): QuotaTracker {
  return new QuotaTracker(
    statuses.map((s) => ({ name: s.name, appliesToGroups: s.appliesTo ? '*' : [], limits: s.limitsLeft })),
    [],
  );
}

/** normalized is the result as upstream compares it: cmpopts.SortSlices on the resource names, EquateEmpty. */
const normalized = (r: QuotaCheck) => ({
  allowedDelta: r.allowedDelta,
  exceeded: r.exceeded.map((q) => ({ quota: q.quota, resources: [...q.resources].sort() })),
});

// A node that uses one unit of the resource and nothing else (but itself, for 'nodes').
const PROBE: Record<QuotaResource, { cpuMilli: number; memoryBytes: number }> = {
  cpu: { cpuMilli: 1, memoryBytes: 0 },
  memory: { cpuMilli: 0, memoryBytes: 1 },
  nodes: { cpuMilli: 0, memoryBytes: 0 },
};

/**
 * limitsLeft reads what a quota has left of each resource through check alone: with a probe node
 * that uses one unit of r, r is exceeded for k nodes exactly when what is left is below k. Resources
 * the quota does not limit are never exceeded and are left out, as in upstream's limitsLeft.
 */
function limitsLeft(t: QuotaTracker, quota: string, group: string | null = null): ResourceList {
  const out: ResourceList = {};
  for (const r of ['cpu', 'memory', 'nodes'] as const) {
    const exceeded = (k: number) =>
      t
        .check({ group, ...PROBE[r] }, k)
        .exceeded.find((q) => q.quota === quota)
        ?.resources.includes(r) ?? false;
    let hi = 2 ** 50;
    if (!exceeded(hi)) continue;
    let lo = 0; // exceeded(lo) is false: nothing is left below 0
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (exceeded(mid)) hi = mid;
      else lo = mid;
    }
    out[r] = lo;
  }
  return out;
}

describe('Tracker (tracker_test.go)', () => {
  it('negative nodeDelta returns error (TestCheckQuota, TestConsumeQuota)', () => {
    const t = new QuotaTracker([{ name: 'q', appliesToGroups: '*', limits: { cpu: 4 } }], []);
    const n = { group: null, cpuMilli: 1000, memoryBytes: 1 };
    expect(() => t.check(n, -1)).toThrow('nodeDelta must be non-negative, got -1');
    expect(() => t.consume(n, -1)).toThrow(RangeError);
  });

  describe('TestCheckQuota', () => {
    const n1 = node(1000, 200);
    it.each([
      {
        name: 'delta fits within limits',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 10, memory: 1000, nodes: 5 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
      },
      {
        name: 'delta exceeds one resource limit',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 1, memory: 1000, nodes: 5 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 1, exceeded: [{ quota: 'limiter1', resources: ['cpu'] }] },
      },
      {
        name: 'delta exceeds multiple resource limits',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 1, memory: 300, nodes: 5 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 1, exceeded: [{ quota: 'limiter1', resources: ['cpu', 'memory'] }] },
      },
      {
        name: 'delta exceeds multiple quotas',
        statuses: [
          { name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 1, memory: 2000, nodes: 5 } },
          { name: 'limiter2', appliesTo: true, limitsLeft: { cpu: 10, memory: 300, nodes: 5 } },
        ],
        node: n1,
        nodeDelta: 2,
        want: {
          allowedDelta: 1,
          exceeded: [
            { quota: 'limiter1', resources: ['cpu'] },
            { quota: 'limiter2', resources: ['memory'] },
          ],
        },
      },
      {
        name: 'delta exceeds one out of multiple quotas',
        statuses: [
          { name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 1, memory: 2000, nodes: 5 } },
          { name: 'limiter2', appliesTo: false, limitsLeft: { cpu: 10, memory: 300, nodes: 5 } },
        ],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 1, exceeded: [{ quota: 'limiter1', resources: ['cpu'] }] },
      },
      {
        name: 'no matching quotas',
        statuses: [{ name: 'limiter1', appliesTo: false, limitsLeft: { cpu: 1, memory: 100, nodes: 1 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
      },
      // Upstream's resource in the node but not in the limits is a GPU; here it is `nodes`.
      {
        name: 'resource in the node but not in the limits',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 4, memory: 32 * GiB } }],
        node: node(1000, 2000),
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
      },
      // The min-enforcement cases are the same Tracker with the headroom to the minimum as limitsLeft.
      {
        name: 'min enforcement: scale-down fits within limits',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 10, memory: 1000, nodes: 5 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
      },
      {
        name: 'min enforcement: scale-down exceeds limits',
        statuses: [{ name: 'limiter1', appliesTo: true, limitsLeft: { cpu: 1, memory: 1000, nodes: 5 } }],
        node: n1,
        nodeDelta: 2,
        want: { allowedDelta: 1, exceeded: [{ quota: 'limiter1', resources: ['cpu'] }] },
      },
    ])('$name', ({ statuses, node: n, nodeDelta, want }) => {
      const got = tracker(statuses).check(n, nodeDelta);
      expect(normalized(got)).toEqual(want);
      // Exceeded()
      expect(got.exceeded.length > 0).toBe(want.exceeded.length > 0);
    });
  });

  describe('TestConsumeQuota', () => {
    it.each([
      {
        name: 'delta applied successfully',
        limitsLeft: { cpu: 10, memory: 1000, nodes: 5 },
        node: node(1000, 200),
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
        wantLimitsLeft: { cpu: 8, memory: 600, nodes: 3 },
      },
      {
        name: 'partial delta calculated, nothing applied',
        limitsLeft: { cpu: 3, memory: 1000, nodes: 5 },
        node: node(2000, 200),
        nodeDelta: 2,
        want: { allowedDelta: 1, exceeded: [{ quota: 'limiter1', resources: ['cpu'] }] },
        wantLimitsLeft: { cpu: 3, memory: 1000, nodes: 5 },
      },
      {
        name: 'delta not applied because it exceeds limits',
        limitsLeft: { cpu: 1, memory: 100, nodes: 5 },
        node: node(2000, 200),
        nodeDelta: 1,
        want: { allowedDelta: 0, exceeded: [{ quota: 'limiter1', resources: ['cpu', 'memory'] }] },
        wantLimitsLeft: { cpu: 1, memory: 100, nodes: 5 },
      },
      {
        name: 'applied delta results in zero limit',
        limitsLeft: { cpu: 2, memory: 500, nodes: 10 },
        node: node(1000, 200),
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
        wantLimitsLeft: { cpu: 0, memory: 100, nodes: 8 },
      },
      {
        name: 'min enforcement: scale-down applied successfully',
        limitsLeft: { cpu: 10, memory: 1000, nodes: 5 },
        node: node(1000, 200),
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
        wantLimitsLeft: { cpu: 8, memory: 600, nodes: 3 },
      },
    ])('$name', ({ limitsLeft: left, node: n, nodeDelta, want, wantLimitsLeft }) => {
      const t = tracker([{ name: 'limiter1', appliesTo: true, limitsLeft: left }]);
      expect(normalized(t.consume(n, nodeDelta))).toEqual(want);
      expect(limitsLeft(t, 'limiter1')).toEqual(wantLimitsLeft);
    });
  });
});

describe('TrackerFactory (factory_test.go)', () => {
  // cloudprovider.NewResourceLimiter(nil, limits) through NewCloudQuotasProvider: one quota,
  // "cluster-wide", on every node.
  const clusterWide = (limits: ResourceList): Quota => ({ name: 'cluster-wide', appliesToGroups: '*', limits });
  const nodes = [node(1000, 2 * GiB), node(2000, 4 * GiB), node(3000, 8 * GiB)];

  describe('TestNewMaxQuotasTracker', () => {
    it.each([
      {
        name: 'default config allowed operation',
        limits: { cpu: 12, memory: 32 * GiB },
        newNode: node(2000, 4 * GiB),
        nodeDelta: 2,
        want: { allowedDelta: 2, exceeded: [] },
      },
      {
        name: 'default config exceeded operation',
        limits: { cpu: 6, memory: 16 * GiB },
        newNode: node(2000, 4 * GiB),
        nodeDelta: 2,
        want: { allowedDelta: 0, exceeded: [{ quota: 'cluster-wide', resources: ['cpu', 'memory'] }] },
      },
      {
        name: 'default config partially allowed operation',
        limits: { cpu: 7, memory: 16 * GiB },
        newNode: node(2000, 4 * GiB),
        nodeDelta: 2,
        want: { allowedDelta: 0, exceeded: [{ quota: 'cluster-wide', resources: ['cpu', 'memory'] }] },
      },
    ])('$name', ({ limits, newNode, nodeDelta, want }) => {
      expect(normalized(new QuotaTracker([clusterWide(limits)], nodes).check(newNode, nodeDelta))).toEqual(want);
    });
  });
});

// calculateUsages is not exported: a quota's usage is read as its limit (BIG) less what is left.
describe('usage (usage_test.go TestCalculateUsages)', () => {
  const BIG = 10 ** 12;
  const limits = { cpu: BIG, memory: BIG, nodes: BIG };
  const usages = (t: QuotaTracker, quota: string, group: string | null = null) =>
    Object.fromEntries(Object.entries(limitsLeft(t, quota, group)).map(([r, left]) => [r, BIG - left]));

  it('cluster-wide limiter, no node filter', () => {
    const t = new QuotaTracker(
      [{ name: 'cluster-wide', appliesToGroups: '*', limits }],
      [node(1000, 2000), node(2000, 4000), node(3000, 8000)],
    );
    expect(usages(t, 'cluster-wide')).toEqual({ cpu: 6, memory: 14000, nodes: 3 });
  });

  // The node label pool=a / pool=b is the node group here.
  it('multiple quotas', () => {
    const t = new QuotaTracker(
      [
        { name: 'pool-a', appliesToGroups: ['a'], limits },
        { name: 'pool-b', appliesToGroups: ['b'], limits },
      ],
      [node(1000, 2000, 'a'), node(2000, 4000, 'b'), node(3000, 8000, 'a')],
    );
    expect(usages(t, 'pool-a', 'a')).toEqual({ cpu: 4, memory: 10000, nodes: 2 });
    expect(usages(t, 'pool-b', 'b')).toEqual({ cpu: 2, memory: 4000, nodes: 1 });
  });

  // The quota is on a group the node is not in (it is read with a node of that group). Upstream's
  // usage is an empty resourceList; ours reads as zero of each.
  it("limiter doesn't match any node", () => {
    const t = new QuotaTracker([{ name: 'no-match', appliesToGroups: ['other'], limits }], [node(1000, 2000)]);
    expect(usages(t, 'no-match', 'other')).toEqual({ cpu: 0, memory: 0, nodes: 0 });
  });

  // core/utils/utils_test.go TestGetNodeCoresAndMemory: BuildTestNode("n1", 2000, 2048*MiB) is 2 cores, 2048 MiB.
  it('TestGetNodeCoresAndMemory', () => {
    const t = new QuotaTracker([{ name: 'cluster-wide', appliesToGroups: '*', limits }], [node(2000, 2048 * MiB)]);
    expect(usages(t, 'cluster-wide')).toEqual({ cpu: 2, memory: 2048 * MiB, nodes: 1 });
  });
});
