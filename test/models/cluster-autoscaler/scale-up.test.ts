import { describe, expect, it } from 'vitest';
import {
  orchestrateScaleUp,
  type OrchestratorInput,
  type OrchestratorNodeGroup,
} from '../../../src/models/cluster-autoscaler/orchestrator.js';
import { whyNoScaleUp } from '../../../src/models/cluster-autoscaler/scale-up.js';

// The simulation's use of the orchestrator (the upstream tables are in orchestrator.test.ts): the
// estimate limited as the autoscaler's main limits it, groups of 4 vCPU / 32 GiB and 1 vCPU / 4 GiB.
const GiB = 2 ** 30;
const group = (name: string, g: Partial<OrchestratorNodeGroup> = {}): OrchestratorNodeGroup => ({
  name,
  min: 0,
  max: 4,
  targetSize: 1,
  exists: true,
  zeroOrMaxNodeScaling: false,
  template: { cpuMilli: 3920, memoryBytes: 29 * GiB, pods: 110 },
  capacity: { cpuMilli: 4000, memoryBytes: 32 * GiB },
  ...g,
});
const small = (g: Partial<OrchestratorNodeGroup> = {}) =>
  group('small', {
    template: { cpuMilli: 940, memoryBytes: 2.9 * GiB, pods: 110 },
    capacity: { cpuMilli: 1000, memoryBytes: 4 * GiB },
    targetSize: 13,
    max: 30,
    ...g,
  });
const app = (name: string, o = {}) => ({ name, cpuMilli: 300, memoryBytes: 2 * GiB, ...o });
// Every group's nodes registered and Ready.
const nodesOf = (groups: readonly OrchestratorNodeGroup[]) =>
  groups.flatMap((g) =>
    Array.from({ length: g.targetSize }, (_, i) => ({
      name: `${g.name}-${i}`,
      group: g.name,
      cpuMilli: 4000,
      memoryBytes: 32 * GiB,
      ready: true,
    })),
  );
const input = (
  nodeGroups: OrchestratorNodeGroup[],
  pending = [app('a'), app('b')],
  o: Partial<OrchestratorInput> = {},
): OrchestratorInput => ({
  nodeGroups,
  nodes: nodesOf(nodeGroups),
  pods: [],
  pending,
  limits: { maxNodesTotal: 0, maxCoresTotal: null, maxMemoryTotalBytes: null },
  quotas: [],
  balanceSimilarNodeGroups: false,
  allOrNothing: false,
  expander: 'least-waste',
  expansionOptionToChoose: null,
  random: () => 0,
  estimationLimits: true,
  okTotalUnreadyCount: 3,
  maxTotalUnreadyPercentage: 45,
  ...o,
});
const grown = (i: OrchestratorInput) => orchestrateScaleUp(i).scaleUps;

describe('orchestrateScaleUp as the simulation calls it', () => {
  it('asks for the nodes the estimator says, all at once (docs/model.md#cluster-autoscaler)', () => {
    expect(grown(input([group('big')]))).toEqual([{ group: 'big', delta: 1 }]);
    expect(grown(input([small()]))).toEqual([{ group: 'small', delta: 2 }]);
    expect(orchestrateScaleUp(input([small()])).podsTriggeredScaleUp).toEqual(['a', 'b']);
  });

  it('lets the expander choose between groups: least-waste picks the small nodes for two pods', () => {
    const r = orchestrateScaleUp(input([group('big'), small()]));
    expect(r.scaleUps).toEqual([{ group: 'small', delta: 2 }]);
    expect(r.options.map((o) => [o.group, o.nodeCount])).toEqual([
      ['big', 1],
      ['small', 2],
    ]);
    // most-pods ties: the draw 0 takes the first, 0.99 the last.
    expect(grown(input([group('big'), small()], undefined, { expander: 'most-pods' }))[0]!.group).toBe('big');
    expect(
      grown(input([group('big'), small()], undefined, { expander: 'most-pods', random: () => 0.99 }))[0]!.group,
    ).toBe('small');
  });

  it('skips groups backed off, at their max size, or unhealthy, and says why', () => {
    expect(grown(input([group('big', { backedOff: true }), small()]))[0]!.group).toBe('small');
    const full = orchestrateScaleUp(input([group('big', { targetSize: 4 })]));
    expect(full.noScaleUp).toBe(true);
    expect(full.skipped).toEqual([{ group: 'big', reason: 'max node group size reached' }]);
    // Five of eight nodes missing from Ready, none of them on their way: more than 3 and 45%.
    const sick = group('big', { targetSize: 8, max: 20 });
    const nodes = nodesOf([sick]).map((n, i) => ({ ...n, ready: i < 3 }));
    expect(orchestrateScaleUp(input([sick], undefined, { nodes })).skipped).toEqual([
      { group: 'big', reason: 'not ready for scale-up' },
    ]);
    // Nodes on their way count for limits, not for readiness: 4 of 10 missing beyond 45% of the 6 registered.
    const recreating = group('big', { targetSize: 10, max: 20 });
    const registered = nodesOf([{ ...recreating, targetSize: 6 }]);
    const onTheirWay = nodesOf([{ ...recreating, targetSize: 4 }]).map((n) => ({
      ...n,
      name: `${n.name}-new`,
      ready: false,
      upcoming: true,
    }));
    expect(
      orchestrateScaleUp(input([recreating], undefined, { nodes: [...registered, ...onTheirWay] })).skipped,
    ).toEqual([{ group: 'big', reason: 'not ready for scale-up' }]);
    // The same five starting for a scale-up in flight are no harm.
    expect(grown(input([{ ...sick, upcoming: 5 }], undefined, { nodes }))).toEqual([{ group: 'big', delta: 1 }]);
  });

  it("stops the estimate at the group's room and at max-nodes-total", () => {
    expect(grown(input([small({ targetSize: 29 })]))).toEqual([{ group: 'small', delta: 1 }]);
    const limited = input([small()], [app('a'), app('b'), app('c')], {
      limits: { maxNodesTotal: 15, maxCoresTotal: null, maxMemoryTotalBytes: null },
    });
    expect(orchestrateScaleUp(limited).podsTriggeredScaleUp).toEqual(['a', 'b']);
    expect(grown(limited)).toEqual([{ group: 'small', delta: 2 }]);
    expect(
      orchestrateScaleUp(
        input([small()], [app('a')], { limits: { maxNodesTotal: 13, maxCoresTotal: null, maxMemoryTotalBytes: null } }),
      ).noScaleUp,
    ).toBe(true);
  });

  it('leaves out pods that fit no empty node of a group', () => {
    const huge = app('huge', { cpuMilli: 2000, memoryBytes: GiB });
    const r = orchestrateScaleUp(input([small(), group('big')], [huge]));
    expect(r.scaleUps).toEqual([{ group: 'big', delta: 1 }]);
    expect(orchestrateScaleUp(input([small()], [huge])).podsRemainUnschedulable).toEqual(['huge']);
  });

  it('counts attachable volumes: four disks a node, one a pod (statefulset-disks.yaml)', () => {
    const kafka = Array.from({ length: 6 }, (_, i) =>
      app(`kafka-${i}`, { cpuMilli: 100, memoryBytes: GiB / 2, volumes: 1 }),
    );
    const d2 = group('d2', { template: { cpuMilli: 1900, memoryBytes: 5 * GiB, pods: 30, volumes: 4 } });
    expect(grown(input([d2], kafka))).toEqual([{ group: 'd2', delta: 2 }]);
  });

  it('keeps two pods with the same host port off one node', () => {
    const web = [app('w1', { hostPort: 80 }), app('w2', { hostPort: 80 })];
    expect(grown(input([group('big')], web))).toEqual([{ group: 'big', delta: 2 }]);
  });
});

describe('whyNoScaleUp (NotTriggerScaleUp)', () => {
  it('counts the node groups by reason', () => {
    const huge = { cpuMilli: 2000, memoryBytes: GiB };
    const groups = [small(), group('big', { targetSize: 4 }), group('other', { backedOff: true })];
    const { skipped } = orchestrateScaleUp(input(groups, [{ name: 'huge', ...huge }]));
    expect(whyNoScaleUp(huge, groups, skipped, 18, 0)).toBe(
      "pod didn't trigger scale-up: 1 Insufficient cpu, 1 in backoff after failed scale-up, 1 max node group size reached",
    );
    expect(whyNoScaleUp(huge, [small()], [], 13, 13)).toBe(
      "pod didn't trigger scale-up: max node total count already reached",
    );
  });
});
