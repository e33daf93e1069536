// Upstream's scale-up orchestrator tables, ported: kubernetes/autoscaler
// cluster-autoscaler/core/scaleup/orchestrator/orchestrator_test.go at 87d9c45c02^ (0e20a385, the last
// commit before core moved to sigs.k8s.io/cluster-autoscaler), harness core/test/common.go,
// utils/test/test_utils.go (BuildTestNode: capacity = allocatable = cpu milli, memory bytes, 100 pods).
//
// Skipped (outside the contract):
//   TestWillConsiderGpuAndStandardPoolForPodWhichDoesNotRequireGpu,
//     TestWillConsiderOnlyGpuPoolForPodWhichDoesRequiresGpu,
//     TestWillConsiderAllPoolsWhichFitTwoPodsRequiringGpus: GPU capacity, GPU requests and tolerations.
//   TestNoCreateNodeGroupMaxCoresLimitHit, TestScaleUpAutoprovisionedNodeGroup,
//     TestScaleUpBalanceAutoprovisionedNodeGroups: node-group auto-provisioning (creation).
//   TestScaleupAsyncNodeGroupsEnabled: async node-group creation.
//   TestCloudProviderFailingToScaleUpGroups, TestAuthErrorHandling,
//     TestScaleUpPartialSuccessPopulatesPodsRemainUnschedulable{Parallel,Sync}, TestMarkFailedGroupsAsUnschedulable:
//     IncreaseSize failures injected into the cloud provider (and node selectors); the contract has no failing provider.
//   TestBinpackingLimiter: injects a mock BinpackingLimiter. TestComputeSimilarNodeGroups: calls an internal
//     method with an injected constNodeGroupSetProcessor. TestScaleUpToMeetNodeGroupMinSize: ScaleUpToNodeGroupMinSize,
//     another entry point.
//   Not ported anywhere: event texts (NoScaleUpReason), ParallelScaleUp (both TestScaleUpTwoGroups sub-cases are
//     kept, with the same input), TestScaleUpSimulationForSkippedNodeGroups' Rejected/Skipped reason maps (its pod
//     lists are kept).
//
// What the harness does that the implementation must match:
// - Health (clusterstate.go IsNodeGroupHealthy): the registry gets no config, so OkTotalUnreadyCount = 0 and
//   MaxTotalUnreadyPercentage = 0. With no scale-up in flight, a group is unhealthy as soon as its Ready nodes are
//   fewer than its targetSize (TestScaleUpUnhealthy: ng2 targetSize 5, 1 Ready node). A group with no nodes is healthy
//   only at targetSize 0. Unhealthy groups are skipped; they are also dropped from balancing.
// - Pods bound to nodes weigh on nothing: templates keep only DaemonSet/mirror pods, the estimator places pending
//   pods only on new template nodes, and quotas count node capacity, not requests.
// - Templates: a group with nodes uses its first Ready node; a group without nodes, NodeTemplateConfigs (1000m,
//   1000 B, 100 pods). Groups not in Groups get MinSize 1, MaxSize 10; configured groups MinSize 0 unless given.
// - zeroOrMaxNodeScaling comes from options.NodeGroupDefaults, which only the groups built without nodes receive
//   (provider.AddNodeGroup passes nil options): in TestZeroOrMaxNodeScaling, ng1/ng2 with nodes are NOT atomic.
// - Similarity (runSimpleScaleUpTest: NodeGroupSetProcessor ignores label "ng", all difference ratios 0): groups are
//   similar iff cpu, memory and pods capacity (and allocatable and free) are exactly equal. Only groups that passed
//   filtering and take the same pending pods count; atomic groups never balance.
// - Limits, in order: filter (targetSize >= max: skip; atomic: max - targetSize nodes, skip if len(nodes) + that >
//   maxNodesTotal; quota check of 1 node, or of the atomic count); estimate (no node cap at all in these tests, not
//   even the group's max); expander; GetCappedNewNodeCount (registered nodes + count <= maxNodesTotal); applyLimits
//   (tracker quotas: cluster-wide cores/memory + test quotas); balancing (group max, by targetSize); capScaleUpsByQuota.
// - Quota usage counts every registered node, autoscaled or not (cores = ceil(milli / 1000), memory bytes, nodes 1).
//   Upcoming nodes (targetSize > registered) count only against the group's max, never against cores, memory or
//   maxNodesTotal. Tests that build their own provider (Unhealthy, NoHelp, BalanceGroups*, SimulationForSkipped…)
//   never call SetResourceLimiter: their MaxCoresTotal/MaxMemoryTotal options limit nothing.
import { describe, expect, it } from 'vitest';
import { orchestrateScaleUp } from '../../../src/models/cluster-autoscaler/orchestrator.js';

type Input = Parameters<typeof orchestrateScaleUp>[0];
type Result = ReturnType<typeof orchestrateScaleUp>;
type Quotas = Input['quotas'];

const MiB = 1024 * 1024; // utils.MiB
const GiB = 1024 * MiB; // units.GiB
const DEFAULT_MAX_CLUSTER_CORES = 5000 * 64; // config.DefaultMaxClusterCores
const DEFAULT_MAX_CLUSTER_MEMORY = 5000 * 64 * 20; // config.DefaultMaxClusterMemory (GiB; multiplied in defaultOptions)
const TEST_NODE_PODS = 100; // BuildTestNode's pods capacity

// The harness's configs (core/test/common.go): NodeConfig.Group '' is a node no group manages.
interface NodeConfig {
  readonly name: string;
  readonly cpu: number;
  readonly memory: number;
  readonly ready: boolean;
  readonly group: string;
}
interface PodConfig {
  readonly name: string;
  readonly cpu: number;
  readonly memory: number;
  readonly node?: string;
}
interface NodeGroupConfig {
  readonly name: string;
  readonly minSize?: number;
  readonly maxSize: number;
}
interface Options {
  readonly maxCoresTotal: number;
  readonly maxMemoryTotal: number; // bytes
  readonly maxNodesTotal: number;
  readonly balanceSimilarNodeGroups: boolean;
  readonly zeroOrMaxNodeScaling: boolean; // NodeGroupDefaults.ZeroOrMaxNodeScaling
}
interface ScaleUpTestConfig {
  readonly groups?: readonly NodeGroupConfig[];
  readonly nodes: readonly NodeConfig[];
  readonly pods?: readonly PodConfig[];
  readonly extraPods: readonly PodConfig[];
  readonly expansionOptionToChoose?: { readonly group: string; readonly nodeCount: number };
  readonly options?: Options;
  readonly nodeTemplateConfigs?: Readonly<Record<string, { readonly cpu: number; readonly memory: number }>>;
  readonly allOrNothing?: boolean;
  readonly resourceQuotas?: Quotas;
}

// orchestrator_test.go defaultOptions: MaxNodesTotal unset (0: none).
const defaultOptions: Options = {
  maxCoresTotal: DEFAULT_MAX_CLUSTER_CORES,
  maxMemoryTotal: DEFAULT_MAX_CLUSTER_MEMORY * GiB,
  maxNodesTotal: 0,
  balanceSimilarNodeGroups: false,
  zeroOrMaxNodeScaling: false,
};
const NO_LIMITS: Input['limits'] = { maxNodesTotal: 0, maxCoresTotal: null, maxMemoryTotalBytes: null };

const template = (cpu: number, memory: number) => ({ cpuMilli: cpu, memoryBytes: memory, pods: TEST_NODE_PODS });

// runSimpleScaleUpTest's cluster, as the contract's input. With no ExpansionOptionToChoose, upstream's
// MockReportingStrategy falls back to the random expander; `random` is the draw it uses.
function harnessInput(c: ScaleUpTestConfig, random: () => number): Input {
  const options = c.options ?? defaultOptions;
  const configs = new Map((c.groups ?? []).map((g) => [g.name, g]));
  const withNodes = [...new Set(c.nodes.filter((n) => n.group !== '').map((n) => n.group))];
  const nodeGroups: Input['nodeGroups'][number][] = withNodes.map((name) => {
    const own = c.nodes.filter((n) => n.group === name);
    const first = own.find((n) => n.ready) ?? own[0]!;
    const cfg = configs.get(name) ?? { name, minSize: 1, maxSize: 10 };
    return {
      name,
      min: cfg.minSize ?? 0,
      max: cfg.maxSize,
      targetSize: own.length,
      exists: true,
      zeroOrMaxNodeScaling: false, // provider.AddNodeGroup: nil options
      template: template(first.cpu, first.memory),
    };
  });
  for (const cfg of c.groups ?? []) {
    if (withNodes.includes(cfg.name)) continue;
    const t = c.nodeTemplateConfigs?.[cfg.name];
    if (t === undefined) throw new Error(`no NodeTemplateConfig for ${cfg.name}`);
    nodeGroups.push({
      name: cfg.name,
      min: cfg.minSize ?? 0,
      max: cfg.maxSize,
      targetSize: 0,
      exists: true, // BuildNodeGroup(..., exists: true, ...)
      zeroOrMaxNodeScaling: options.zeroOrMaxNodeScaling, // &options.NodeGroupDefaults
      template: template(t.cpu, t.memory),
    });
  }
  return {
    nodeGroups,
    nodes: c.nodes.map((n) => ({
      name: n.name,
      group: n.group === '' ? null : n.group,
      cpuMilli: n.cpu,
      memoryBytes: n.memory,
      ready: n.ready,
    })),
    pods: (c.pods ?? []).map((p) => ({ name: p.name, node: p.node!, cpuMilli: p.cpu, memoryBytes: p.memory })),
    pending: c.extraPods.map((p) => ({ name: p.name, cpuMilli: p.cpu, memoryBytes: p.memory })),
    limits: {
      maxNodesTotal: options.maxNodesTotal,
      maxCoresTotal: options.maxCoresTotal,
      maxMemoryTotalBytes: options.maxMemoryTotal,
    },
    quotas: c.resourceQuotas ?? [],
    balanceSimilarNodeGroups: options.balanceSimilarNodeGroups,
    allOrNothing: c.allOrNothing ?? false,
    expander: c.expansionOptionToChoose === undefined ? 'random' : 'mock-choose',
    expansionOptionToChoose: c.expansionOptionToChoose ?? null,
    random,
  };
}

interface Expected {
  readonly noScaleUp: boolean;
  readonly scaleUps: ReadonlyArray<{ readonly group: string; readonly delta: number }>;
  readonly triggered?: readonly string[];
  readonly remaining?: readonly string[];
  readonly awaiting?: readonly string[];
  /** options, compared as upstream's ElementsMatch on (group, nodeCount); "derived" marks ones upstream does not assert. */
  readonly options?: ReadonlyArray<{ readonly group: string; readonly nodeCount: number }>;
}

const byGroup = <T extends { readonly group: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => a.group.localeCompare(b.group));
const sorted = (xs: readonly string[]) => [...xs].sort();

// simpleScaleUpTest / simpleNoScaleUpTest: ElementsMatch on pod names; GroupSizeChanges nil on no scale-up.
function check(r: Result, e: Expected, chosen: Input['expansionOptionToChoose']) {
  expect(r.noScaleUp).toBe(e.noScaleUp);
  expect(byGroup(r.scaleUps)).toEqual(byGroup(e.scaleUps));
  expect(sorted(r.podsTriggeredScaleUp)).toEqual(sorted(e.triggered ?? []));
  expect(sorted(r.podsRemainUnschedulable)).toEqual(sorted(e.remaining ?? []));
  expect(sorted(r.podsAwaitEvaluation)).toEqual(sorted(e.awaiting ?? []));
  const offered = r.options.map((o) => ({ group: o.group, nodeCount: o.nodeCount }));
  // MockReportingStrategy.BestOption fails the test when the option to choose is not among those offered.
  if (chosen !== null) expect(offered).toContainEqual(chosen);
  if (e.options !== undefined) expect(byGroup(offered)).toEqual(byGroup(e.options));
}

// Upstream's random-expander cases hold whatever the draw; try several.
const DRAWS = [0, 0.34, 0.67, 0.999];

interface Case {
  readonly name: string;
  readonly config: ScaleUpTestConfig;
  readonly expected: Expected;
}

const ready = (name: string, cpu: number, memory: number, group: string): NodeConfig => ({
  name,
  cpu,
  memory,
  ready: true,
  group,
});
const pod = (name: string, cpu: number, memory: number, node?: string): PodConfig => ({ name, cpu, memory, node });

const zeroOrMax: Options = { ...defaultOptions, zeroOrMaxNodeScaling: true };
const templates = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { cpu: 1000, memory: 1000 }]));
const ng2Quota = (cpu: number): Quotas[number] => ({ name: 'quota-ng2', appliesToGroups: ['ng2'], limits: { cpu } });

// Cases run through runSimpleScaleUpTest.
const scaleUpTestCases: readonly Case[] = [
  {
    // upstream: TestScaleUpOK
    name: 'TestScaleUpOK',
    config: {
      nodes: [ready('n1', 100, 100, 'ng1'), ready('n2', 1000, 1000, 'ng2')],
      pods: [pod('p1', 80, 0, 'n1'), pod('p2', 800, 0, 'n2')],
      extraPods: [pod('p-new', 500, 0)],
      expansionOptionToChoose: { group: 'ng2', nodeCount: 1 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 1 }],
      triggered: ['p-new'],
      options: [{ group: 'ng2', nodeCount: 1 }], // derived
    },
  },
  {
    // upstream: TestMixedScaleUp
    name: 'TestMixedScaleUp',
    config: {
      nodes: [ready('n1', 100, 1000, 'ng1'), ready('n2', 1000, 100, 'ng2')],
      pods: [pod('p1', 80, 0, 'n1'), pod('p2', 800, 0, 'n2')],
      extraPods: [pod('triggering', 900, 0), pod('remaining', 2000, 0), pod('awaiting', 0, 200)],
      expansionOptionToChoose: { group: 'ng2', nodeCount: 1 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 1 }],
      triggered: ['triggering'],
      remaining: ['remaining'],
      awaiting: ['awaiting'],
      options: [
        { group: 'ng1', nodeCount: 1 },
        { group: 'ng2', nodeCount: 1 },
      ], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling (random expander: ExpansionOptionToChoose commented out upstream)
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp OK',
    config: {
      groups: [
        { name: 'ng1', maxSize: 5 },
        { name: 'ng2', maxSize: 5 },
      ],
      nodes: [ready('n1', 900, 900, 'ng1')],
      pods: [pod('p1', 900, 900, 'n1')],
      extraPods: [pod('p-new', 1000, 1000)],
      options: zeroOrMax,
      nodeTemplateConfigs: templates('ng2'),
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 5 }],
      triggered: ['p-new'],
      options: [{ group: 'ng2', nodeCount: 5 }], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp with similar node groups',
    config: {
      groups: [
        { name: 'ng1', maxSize: 5 },
        { name: 'ng2', maxSize: 5 },
        { name: 'ng3', maxSize: 4 },
      ],
      nodes: [ready('n1', 900, 900, 'ng1')],
      pods: [pod('p1', 900, 900, 'n1')],
      extraPods: [
        pod('p-new-1', 1000, 1000),
        pod('p-new-2', 1000, 1000),
        pod('p-new-3', 1000, 1000),
        pod('p-new-4', 1000, 1000),
      ],
      options: zeroOrMax,
      nodeTemplateConfigs: templates('ng2', 'ng3'),
      expansionOptionToChoose: { group: 'ng3', nodeCount: 4 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng3', delta: 4 }],
      triggered: ['p-new-1', 'p-new-2', 'p-new-3', 'p-new-4'],
      options: [
        { group: 'ng2', nodeCount: 5 }, // estimate 4, raised to the atomic group's max
        { group: 'ng3', nodeCount: 4 },
      ], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling (ng1 and ng2 have nodes, so they are not atomic; ng3 is)
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp Mixed',
    config: {
      groups: [
        { name: 'ng1', maxSize: 5 },
        { name: 'ng2', maxSize: 5 },
        { name: 'ng3', maxSize: 5 },
      ],
      nodes: [ready('n1', 500, 2000, 'ng1'), ready('n2', 2000, 500, 'ng2')],
      pods: [pod('p1', 400, 1900, 'n1'), pod('p2', 1900, 400, 'n2')],
      extraPods: [pod('p-triggering', 1000, 1000), pod('p-remaining', 2000, 2000), pod('p-awaiting', 100, 1800)],
      expansionOptionToChoose: { group: 'ng3', nodeCount: 5 },
      options: zeroOrMax,
      nodeTemplateConfigs: templates('ng3'),
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng3', delta: 5 }],
      triggered: ['p-triggering'],
      remaining: ['p-remaining'],
      awaiting: ['p-awaiting'],
      options: [
        { group: 'ng1', nodeCount: 1 },
        { group: 'ng3', nodeCount: 5 },
      ], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling (optionsWithLimitedMaxCores: 3 cores; ng2's 3 atomic nodes need 3, 2 are left)
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp max cores limit hit',
    config: {
      groups: [
        { name: 'ng1', maxSize: 5 },
        { name: 'ng2', maxSize: 3 },
      ],
      nodes: [ready('n1', 900, 900, 'ng1')],
      pods: [pod('p1', 900, 900, 'n1')],
      extraPods: [pod('p-new-1', 1000, 1000), pod('p-new-2', 1000, 1000)],
      options: { ...zeroOrMax, maxCoresTotal: 3 },
      nodeTemplateConfigs: templates('ng2'),
    },
    expected: {
      noScaleUp: true,
      scaleUps: [],
      remaining: ['p-new-1', 'p-new-2'],
      options: [], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling (optionsWithLimitedMaxMemory: MaxMemoryTotal = 3000, bytes)
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp max memory limit hit',
    config: {
      groups: [
        { name: 'ng1', maxSize: 5 },
        { name: 'ng2', maxSize: 3 },
      ],
      nodes: [ready('n1', 900, 900, 'ng1')],
      pods: [pod('p1', 900, 900, 'n1')],
      extraPods: [pod('p-new-1', 1000, 1000), pod('p-new-2', 1000, 1000)],
      options: { ...zeroOrMax, maxMemoryTotal: 3000 },
      nodeTemplateConfigs: templates('ng2'),
    },
    expected: {
      noScaleUp: true,
      scaleUps: [],
      remaining: ['p-new-1', 'p-new-2'],
      options: [], // derived
    },
  },
  {
    // upstream: TestZeroOrMaxNodeScaling (optionsWithLimitedMaxNodes: 5; 2 registered + 5 atomic > 5)
    name: 'TestZeroOrMaxNodeScaling/Atomic ScaleUp max nodes count limit hit',
    config: {
      groups: [
        { name: 'ng1', maxSize: 2 },
        { name: 'ng2', maxSize: 5 },
      ],
      nodes: [ready('n1', 900, 900, 'ng1'), ready('n2', 900, 900, 'ng1')],
      pods: [pod('p1', 900, 900, 'n1'), pod('p2', 900, 900, 'n1')],
      extraPods: [pod('p-new-1', 1000, 1000), pod('p-new-2', 1000, 1000)],
      options: { ...zeroOrMax, maxNodesTotal: 5 },
      nodeTemplateConfigs: templates('ng2'),
    },
    expected: {
      noScaleUp: true,
      scaleUps: [],
      remaining: ['p-new-1', 'p-new-2'],
      options: [], // derived
    },
  },
  {
    // upstream: TestScaleUpMaxCoresLimitHit (9 cores, 6 used: ng2's 4-core node is filtered out, ng1 capped 2 -> 1)
    name: 'TestScaleUpMaxCoresLimitHit',
    config: {
      nodes: [ready('n1', 2000, 100, 'ng1'), ready('n2', 4000, 1000, 'ng2')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 2000, 0), pod('p-new-2', 2000, 0)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 2 },
      options: { ...defaultOptions, maxCoresTotal: 9 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 1 }],
      triggered: ['p-new-1', 'p-new-2'],
      options: [{ group: 'ng1', nodeCount: 2 }], // derived
    },
  },
  {
    // upstream: TestScaleUpMaxCoresLimitHitWithNotAutoscaledGroup (n2 in no group still uses 4 of the 9 cores)
    name: 'TestScaleUpMaxCoresLimitHitWithNotAutoscaledGroup',
    config: {
      nodes: [ready('n1', 2000, 100, 'ng1'), ready('n2', 4000, 1000, '')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 2000, 0), pod('p-new-2', 2000, 0)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 2 },
      options: { ...defaultOptions, maxCoresTotal: 9 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 1 }],
      triggered: ['p-new-1', 'p-new-2'],
      options: [{ group: 'ng1', nodeCount: 2 }], // derived
    },
  },
  {
    // upstream: TestScaleUpMaxMemoryLimitHit (1300 MiB, 1100 MiB used: room for 2 nodes of 100 MiB)
    name: 'TestScaleUpMaxMemoryLimitHit',
    config: {
      nodes: [ready('n1', 2000, 100 * MiB, 'ng1'), ready('n2', 4000, 1000 * MiB, 'ng2')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 2000, 100 * MiB), pod('p-new-2', 2000, 100 * MiB), pod('p-new-3', 2000, 100 * MiB)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 3 },
      options: { ...defaultOptions, maxMemoryTotal: 1300 * MiB },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 2 }],
      triggered: ['p-new-1', 'p-new-2', 'p-new-3'],
      options: [{ group: 'ng1', nodeCount: 3 }], // derived
    },
  },
  {
    // upstream: TestScaleUpMaxMemoryLimitHitWithNotAutoscaledGroup
    name: 'TestScaleUpMaxMemoryLimitHitWithNotAutoscaledGroup',
    config: {
      nodes: [ready('n1', 2000, 100 * MiB, 'ng1'), ready('n2', 4000, 1000 * MiB, '')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 2000, 100 * MiB), pod('p-new-2', 2000, 100 * MiB), pod('p-new-3', 2000, 100 * MiB)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 3 },
      options: { ...defaultOptions, maxMemoryTotal: 1300 * MiB },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 2 }],
      triggered: ['p-new-1', 'p-new-2', 'p-new-3'],
      options: [{ group: 'ng1', nodeCount: 3 }], // derived
    },
  },
  {
    // upstream: TestScaleUpWithMultipleQuotas
    name: 'TestScaleUpWithMultipleQuotas/all quotas passed',
    config: {
      nodes: [ready('n1', 2000, 0, 'ng1'), ready('n2', 2000, 0, 'ng2')],
      extraPods: [pod('p1', 1000, 0)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 1 },
      resourceQuotas: [{ name: 'global', appliesToGroups: '*', limits: { cpu: 8 } }, ng2Quota(4)],
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 1 }],
      triggered: ['p1'],
      options: [
        { group: 'ng1', nodeCount: 1 },
        { group: 'ng2', nodeCount: 1 },
      ],
    },
  },
  {
    // upstream: TestScaleUpWithMultipleQuotas (quota-ng2: 2 cores, all used by n2)
    name: 'TestScaleUpWithMultipleQuotas/ng filtered out by quota',
    config: {
      nodes: [ready('n1', 2000, 0, 'ng1'), ready('n2', 2000, 0, 'ng2')],
      extraPods: [pod('p1', 1000, 0)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 1 },
      resourceQuotas: [{ name: 'global', appliesToGroups: '*', limits: { cpu: 8 } }, ng2Quota(2)],
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 1 }],
      triggered: ['p1'],
      options: [{ group: 'ng1', nodeCount: 1 }],
    },
  },
  {
    // upstream: TestScaleUpWithMultipleQuotas (Result ScaleUpNoOptionsAvailable)
    name: 'TestScaleUpWithMultipleQuotas/both node groups exceed quota',
    config: {
      nodes: [ready('n1', 2000, 0, 'ng1'), ready('n2', 2000, 0, 'ng2')],
      extraPods: [pod('p1', 1000, 0)],
      resourceQuotas: [{ name: 'quota-ng1', appliesToGroups: ['ng1'], limits: { cpu: 2 } }, ng2Quota(2)],
    },
    expected: { noScaleUp: true, scaleUps: [], remaining: ['p1'], options: [] /* derived */ },
  },
  {
    // upstream: TestScaleUpWithMultipleQuotas (quota-ng1: 6 cores, 2 used: 3 nodes asked, 2 allowed)
    name: 'TestScaleUpWithMultipleQuotas/capped by quota',
    config: {
      nodes: [ready('n1', 2000, 0, 'ng1')],
      extraPods: [pod('p1', 2000, 0), pod('p2', 2000, 0), pod('p3', 2000, 0)],
      expansionOptionToChoose: { group: 'ng1', nodeCount: 3 },
      resourceQuotas: [{ name: 'quota-ng1', appliesToGroups: ['ng1'], limits: { cpu: 6 } }],
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng1', delta: 2 }],
      triggered: ['p1', 'p2', 'p3'],
      options: [{ group: 'ng1', nodeCount: 3 }],
    },
  },
  // upstream: TestScaleUpTwoGroups (asserts GroupTargetSizes {ng1: 2, ng2: 2}; random expander). ParallelScaleUp
  // only changes how IncreaseSize is called, so both sub-cases have the same input and outcome.
  ...['synchronous scale up', 'parallel scale up'].map((desc): Case => ({
    name: `TestScaleUpTwoGroups/${desc}`,
    config: {
      nodes: [ready('ng1-n1', 1500, 1000 * MiB, 'ng1'), ready('ng2-n1', 1500, 1000 * MiB, 'ng2')],
      pods: [pod('p1', 1400, 0, 'ng1-n1'), pod('p2', 1400, 0, 'ng2-n1')],
      extraPods: [pod('p3', 1400, 0), pod('p4', 1400, 0)],
      options: { ...defaultOptions, balanceSimilarNodeGroups: true },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [
        { group: 'ng1', delta: 1 },
        { group: 'ng2', delta: 1 },
      ],
      triggered: ['p3', 'p4'],
      options: [
        { group: 'ng1', nodeCount: 2 },
        { group: 'ng2', nodeCount: 2 },
      ], // derived
    },
  })),
  {
    // upstream: TestScaleUpCapToMaxTotalNodesLimit (2 registered nodes, max 3: 3 asked, 1 allowed)
    name: 'TestScaleUpCapToMaxTotalNodesLimit',
    config: {
      nodes: [ready('n1', 2000, 100 * MiB, 'ng1'), ready('n2', 4000, 1000 * MiB, 'ng2')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 4000, 100 * MiB), pod('p-new-2', 4000, 100 * MiB), pod('p-new-3', 4000, 100 * MiB)],
      expansionOptionToChoose: { group: 'ng2', nodeCount: 3 },
      options: { ...defaultOptions, maxNodesTotal: 3 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 1 }],
      triggered: ['p-new-1', 'p-new-2', 'p-new-3'],
      options: [{ group: 'ng2', nodeCount: 3 }], // derived
    },
  },
  {
    // upstream: TestScaleUpCapToMaxTotalNodesLimitWithNotAutoscaledGroup (n1 in no group still counts)
    name: 'TestScaleUpCapToMaxTotalNodesLimitWithNotAutoscaledGroup',
    config: {
      nodes: [ready('n1', 2000, 100 * MiB, ''), ready('n2', 4000, 1000 * MiB, 'ng2')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 4000, 100 * MiB), pod('p-new-2', 4000, 100 * MiB), pod('p-new-3', 4000, 100 * MiB)],
      expansionOptionToChoose: { group: 'ng2', nodeCount: 3 },
      options: { ...defaultOptions, maxNodesTotal: 3 },
    },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 1 }],
      triggered: ['p-new-1', 'p-new-2', 'p-new-3'],
      options: [{ group: 'ng2', nodeCount: 3 }], // derived
    },
  },
  {
    // upstream: TestNoScaleUpMaxCoresLimitHit (7 cores, 6 used; MaxMemoryTotal 1150 bytes, 1100 used)
    name: 'TestNoScaleUpMaxCoresLimitHit',
    config: {
      nodes: [ready('n1', 2000, 100, 'ng1'), ready('n2', 4000, 1000, 'ng2')],
      pods: [pod('p1', 1000, 0, 'n1'), pod('p2', 3000, 0, 'n2')],
      extraPods: [pod('p-new-1', 2000, 0), pod('p-new-2', 2000, 0)],
      options: { ...defaultOptions, maxCoresTotal: 7, maxMemoryTotal: 1150 },
    },
    expected: { noScaleUp: true, scaleUps: [], remaining: ['p-new-1', 'p-new-2'], options: [] /* derived */ },
  },
  {
    // upstream: TestAllOrNothing (11 one-core pods: the estimate is 11 nodes, ng (max 10, size 1) holds 9 more)
    name: 'TestAllOrNothing',
    config: {
      nodes: [ready('n1', 1000, 1000, 'ng')],
      pods: [],
      extraPods: Array.from({ length: 11 }, (_, i) => pod(`pod-${i}`, 1000, 100)),
      allOrNothing: true,
    },
    expected: {
      noScaleUp: true,
      scaleUps: [],
      remaining: Array.from({ length: 11 }, (_, i) => `pod-${i}`),
      options: [{ group: 'ng', nodeCount: 11 }], // derived: the estimate is not capped at the group's room
    },
  },
];

describe('orchestrateScaleUp: orchestrator_test.go through runSimpleScaleUpTest', () => {
  it.each(scaleUpTestCases)('$name', ({ config, expected }) => {
    const draws = config.expansionOptionToChoose === undefined ? DRAWS : [0];
    for (const d of draws) {
      const input = harnessInput(config, () => d);
      check(orchestrateScaleUp(input), expected, input.expansionOptionToChoose);
    }
  });
});

// Tests that build their own provider: limits come from a provider whose ResourceLimiter is never set (no
// limits), MaxNodesTotal is 0, and the expander is random unless the test sets one.
interface HandBuiltCase {
  readonly name: string;
  readonly input: Omit<Input, 'limits' | 'quotas' | 'allOrNothing' | 'expander' | 'expansionOptionToChoose'> &
    Partial<Pick<Input, 'quotas' | 'expansionOptionToChoose'>>;
  readonly expected: Expected;
}

const group = (
  name: string,
  min: number,
  max: number,
  targetSize: number,
  cpu: number,
  memory: number,
): Input['nodeGroups'][number] => ({
  name,
  min,
  max,
  targetSize,
  exists: true,
  zeroOrMaxNodeScaling: false,
  template: template(cpu, memory),
});
const node = (name: string, group: string, cpu: number, memory: number) => ({
  name,
  group,
  cpuMilli: cpu,
  memoryBytes: memory,
  ready: true,
});
const pending = (name: string, cpu: number, memory: number) => ({ name, cpuMilli: cpu, memoryBytes: memory });

// TestScaleUpBalanceGroups / TestScaleUpBalanceGroupsRespectsQuota: per group, `size` nodes of 100m/1000 B, each
// running an 80m pod; pending pods of 80m, one per new node.
function balanceCluster(groups: ReadonlyArray<{ name: string; min: number; max: number; size: number }>, pods: number) {
  return {
    nodeGroups: groups.map((g) => group(g.name, g.min, g.max, g.size, 100, 1000)),
    nodes: groups.flatMap((g) =>
      Array.from({ length: g.size }, (_, i) => node(`${g.name}-node-${i}`, g.name, 100, 1000)),
    ),
    pods: groups.flatMap((g) =>
      Array.from({ length: g.size }, (_, i) => ({
        name: `${g.name}-pod-${i}`,
        node: `${g.name}-node-${i}`,
        cpuMilli: 80,
        memoryBytes: 0,
      })),
    ),
    pending: Array.from({ length: pods }, (_, i) => pending(`test-pod-${i}`, 80, 0)),
    balanceSimilarNodeGroups: true,
  };
}
const balanceGroupsCluster = balanceCluster(
  [
    { name: 'ng1', min: 1, max: 1, size: 1 },
    { name: 'ng2', min: 1, max: 2, size: 1 },
    { name: 'ng3', min: 1, max: 5, size: 1 },
    { name: 'ng4', min: 1, max: 5, size: 3 },
  ],
  2,
);
// upstream asserts ng2 and ng3 reach 2; ng4 (size 3) gets nothing, as BalanceScaleUpBetweenGroups fills the smallest first.
const balanceGroupsExpected: Expected = {
  noScaleUp: false,
  scaleUps: [
    { group: 'ng2', delta: 1 },
    { group: 'ng3', delta: 1 },
  ],
  triggered: ['test-pod-0', 'test-pod-1'],
  options: [
    { group: 'ng2', nodeCount: 2 },
    { group: 'ng3', nodeCount: 2 },
    { group: 'ng4', nodeCount: 2 },
  ], // derived: ng1 is at its max
};
const respectsQuota = (
  sizes: readonly [number, number, number],
  max: number,
  quotas: Quotas,
  expectedSizes: readonly [number, number, number],
): Pick<HandBuiltCase, 'input' | 'expected'> => ({
  input: {
    ...balanceCluster(
      ['ng1', 'ng2', 'ng3'].map((name, i) => ({ name, min: 1, max, size: sizes[i]! })),
      6,
    ),
    quotas,
    expansionOptionToChoose: { group: 'ng1', nodeCount: 6 },
  },
  expected: {
    noScaleUp: false,
    scaleUps: ['ng1', 'ng2', 'ng3']
      .map((name, i) => ({ group: name, delta: expectedSizes[i]! - sizes[i]! }))
      .filter((s) => s.delta > 0),
    triggered: Array.from({ length: 6 }, (_, i) => `test-pod-${i}`),
  },
});

// TestScaleUpSimulationForSkippedNodeGroups: ng1 and ng3 are at their max (skipped); only ng2 (1000m) is valid.
const skippedCluster = {
  nodeGroups: [group('ng1', 0, 1, 1, 2000, 2000), group('ng2', 0, 2, 1, 1000, 1000), group('ng3', 0, 1, 1, 1000, 1000)],
  nodes: [node('n1', 'ng1', 2000, 2000), node('n2', 'ng2', 1000, 1000), node('n3', 'ng3', 1000, 1000)],
  pods: [],
  balanceSimilarNodeGroups: false,
};
const p1 = pending('p1', 1500, 1500); // fits ng1 only (skipped)
const p2 = pending('p2', 3000, 3000); // fits nothing
const p3 = pending('p3', 500, 500); // fits ng2

const handBuiltCases: readonly HandBuiltCase[] = [
  {
    // upstream: TestScaleUpUnhealthy (ng2: targetSize 5, one Ready node: unhealthy, skipped; ng1's 100m is too small)
    name: 'TestScaleUpUnhealthy',
    input: {
      nodeGroups: [group('ng1', 1, 10, 1, 100, 1000), group('ng2', 1, 10, 5, 1000, 1000)],
      nodes: [node('n1', 'ng1', 100, 1000), node('n2', 'ng2', 1000, 1000)],
      pods: [
        { name: 'p1', node: 'n1', cpuMilli: 80, memoryBytes: 0 },
        { name: 'p2', node: 'n2', cpuMilli: 800, memoryBytes: 0 },
      ],
      pending: [pending('p-new', 550, 0)],
      balanceSimilarNodeGroups: false,
    },
    // upstream asserts only !WasSuccessful and no IncreaseSize; the rest follows from GetRemainingPods.
    expected: { noScaleUp: true, scaleUps: [], remaining: ['p-new'], options: [] },
  },
  {
    // upstream: TestScaleUpNoHelp (a NotTriggerScaleUp event: p-new remains unschedulable)
    name: 'TestScaleUpNoHelp',
    input: {
      nodeGroups: [group('ng1', 1, 10, 1, 100, 1000)],
      nodes: [node('n1', 'ng1', 100, 1000)],
      pods: [{ name: 'p1', node: 'n1', cpuMilli: 80, memoryBytes: 0 }],
      pending: [pending('p-new', 500, 0)],
      balanceSimilarNodeGroups: false,
    },
    expected: { noScaleUp: true, scaleUps: [], remaining: ['p-new'], options: [] /* derived */ },
  },
  {
    // upstream: TestScaleUpBalanceGroups (default random expander)
    name: 'TestScaleUpBalanceGroups/balance groups',
    input: balanceGroupsCluster,
    expected: balanceGroupsExpected,
  },
  {
    // upstream: TestScaleUpBalanceGroups (mock expander picks ng2/2 with no similar groups; balanceScaleUps recomputes them)
    name: 'TestScaleUpBalanceGroups/balance groups recomputes similar nodegroups',
    input: { ...balanceGroupsCluster, expansionOptionToChoose: { group: 'ng2', nodeCount: 2 } },
    expected: balanceGroupsExpected,
  },
  {
    // upstream: TestScaleUpBalanceGroupsRespectsQuota (balance 2 each; ng2 has 1 core of quota left)
    name: 'TestScaleUpBalanceGroupsRespectsQuota/per-group quota caps one group',
    ...respectsQuota([1, 1, 1], 5, [ng2Quota(2)], [3, 2, 3]),
  },
  {
    // upstream: TestScaleUpBalanceGroupsRespectsQuota (applyLimits caps ng1's 6 to 1 before balancing; smallest group gets it)
    name: 'TestScaleUpBalanceGroupsRespectsQuota/shared quota including bestOption caps total before balancing',
    ...respectsQuota(
      [1, 2, 2],
      10,
      [{ name: 'shared-quota', appliesToGroups: ['ng1', 'ng2', 'ng3'], limits: { nodes: 6 } }],
      [2, 2, 2],
    ),
  },
  {
    // upstream: TestScaleUpBalanceGroupsRespectsQuota (balance 3/2/1; ng2 consumes the 1 shared node, ng3 capped to 0)
    name: 'TestScaleUpBalanceGroupsRespectsQuota/shared quota on similar groups only',
    ...respectsQuota(
      [1, 1, 2],
      10,
      [{ name: 'shared-quota-ng2-ng3', appliesToGroups: ['ng2', 'ng3'], limits: { nodes: 4 } }],
      [4, 2, 2],
    ),
  },
  {
    // upstream: TestScaleUpBalanceGroupsRespectsQuota (ng2 filtered out: 1 core of quota, 1 used)
    name: 'TestScaleUpBalanceGroupsRespectsQuota/pre-filter excludes group already at quota limit',
    ...respectsQuota([1, 1, 1], 5, [ng2Quota(1)], [4, 1, 4]),
  },
  // upstream: TestScaleUpSimulationForSkippedNodeGroups. ScaleUpSimulationForSkippedNodeGroupsEnabled only changes
  // the Rejected/Skipped reasons of the remaining pods, not which pods remain: all three sub-cases are kept.
  ...[
    'feature flag is disabled: ng2 is rejected and ng1 and ng3 are skipped for both p1 and p2',
    'feature flag is enabled: ng3 moves to rejected for p1 and ng1 and ng3 move to rejected for p2',
  ].map((desc): HandBuiltCase => ({
    name: `TestScaleUpSimulationForSkippedNodeGroups/${desc}`,
    input: { ...skippedCluster, pending: [p1, p2] },
    expected: { noScaleUp: true, scaleUps: [], remaining: ['p1', 'p2'], options: [] /* derived */ },
  })),
  {
    // upstream: TestScaleUpSimulationForSkippedNodeGroups (asserts PodsAwaitEvaluation empty: p1 fits only skipped ng1)
    name: 'TestScaleUpSimulationForSkippedNodeGroups/feature flag is enabled: partial scale-up successful - p3 triggers scale up, p1 and p2 behave the same as in the previous test case',
    input: { ...skippedCluster, pending: [p1, p2, p3] },
    expected: {
      noScaleUp: false,
      scaleUps: [{ group: 'ng2', delta: 1 }],
      triggered: ['p3'],
      remaining: ['p1', 'p2'],
      awaiting: [],
      options: [{ group: 'ng2', nodeCount: 1 }], // derived
    },
  },
];

describe('orchestrateScaleUp: orchestrator_test.go with hand-built clusters', () => {
  it.each(handBuiltCases)('$name', ({ input, expected }) => {
    const chosen = input.expansionOptionToChoose ?? null;
    for (const d of chosen === null ? DRAWS : [0]) {
      const full: Input = {
        ...input,
        limits: NO_LIMITS,
        quotas: input.quotas ?? [],
        allOrNothing: false,
        expander: chosen === null ? 'random' : 'mock-choose',
        expansionOptionToChoose: chosen,
        random: () => d,
      };
      check(orchestrateScaleUp(full), expected, chosen);
    }
  });
});
