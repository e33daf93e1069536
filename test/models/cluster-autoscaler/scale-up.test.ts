import { describe, expect, it } from 'vitest';
import { groupPods, scaleUp, whyNoScaleUp, type NodeGroup } from '../../../src/models/cluster-autoscaler/scale-up.js';

const GiB = 2 ** 30;
const app = { cpuMilli: 300, memoryBytes: 2 * GiB, hostPort: null };
const group = (name: string, g: Partial<NodeGroup> = {}): NodeGroup => ({
  name,
  template: { cpuMilli: 3920, memoryBytes: 29 * GiB, pods: 110 },
  nodeCapacity: { cpuMilli: 4000, memoryBytes: 32 * GiB },
  pricePerHour: 0.2125,
  priority: 0,
  targetSize: 1,
  maxSize: 4,
  backedOff: false,
  ...g,
});
const small = (g: Partial<NodeGroup> = {}) =>
  group('small', {
    template: { cpuMilli: 940, memoryBytes: 2.9 * GiB, pods: 110 },
    nodeCapacity: { cpuMilli: 1000, memoryBytes: 4 * GiB },
    pricePerHour: 0.0475,
    targetSize: 13,
    maxSize: 30,
    ...g,
  });
const input = (groups: NodeGroup[], pods = [app, app], o = {}) => ({
  pods,
  groups,
  clusterNodes: groups.reduce((n, g) => n + g.targetSize, 0),
  maxNodesTotal: 0,
  expander: 'least-waste' as const,
  random: () => 0,
  ...o,
});

describe('scaleUp (orchestrator.go ScaleUp)', () => {
  it('asks for the nodes the estimator says, all at once (docs/model.md#cluster-autoscaler)', () => {
    expect(scaleUp(input([group('big')]))).toMatchObject({ group: 'big', nodeCount: 1, podCount: 2 });
    expect(scaleUp(input([small()]))).toMatchObject({ group: 'small', nodeCount: 2, podCount: 2 });
  });

  it('lets the expander choose between groups: least-waste picks the small nodes for two pods', () => {
    const d = scaleUp(input([group('big'), small()]));
    expect(d.group).toBe('small');
    expect(d.options.map((o) => o.group)).toEqual(['big', 'small']);
    expect(scaleUp(input([group('big'), small()], [app, app], { expander: 'most-pods' })).group).toBe('big'); // tie: the draw 0 takes the first
  });

  it('skips groups backed off or at their max size', () => {
    expect(scaleUp(input([group('big', { backedOff: true }), small()])).group).toBe('small');
    expect(scaleUp(input([group('big', { targetSize: 4 })])).group).toBeNull();
  });

  it("stops the estimate at the group's room and at max-nodes-total", () => {
    expect(scaleUp(input([small({ targetSize: 29 })]))).toMatchObject({ nodeCount: 1, podCount: 1 });
    expect(scaleUp(input([small()], [app, app, app], { maxNodesTotal: 15 }))).toMatchObject({
      nodeCount: 2,
      podCount: 2,
    });
    expect(scaleUp(input([small()], [app], { maxNodesTotal: 13 })).group).toBeNull();
  });

  it('leaves out pods that fit no empty node of a group', () => {
    const huge = { cpuMilli: 2000, memoryBytes: GiB, hostPort: null };
    expect(scaleUp(input([small(), group('big')], [huge]))).toMatchObject({ group: 'big', podCount: 1 });
    expect(scaleUp(input([small()], [huge])).group).toBeNull();
  });

  it('counts attachable volumes: four disks a node, one a pod (statefulset-disks.yaml)', () => {
    const kafka = { cpuMilli: 100, memoryBytes: GiB / 2, hostPort: null, volumes: 1 };
    expect(
      scaleUp(
        input(
          [group('d2', { template: { cpuMilli: 1900, memoryBytes: 5 * GiB, pods: 30, volumes: 4 } })],
          Array(6).fill(kafka),
        ),
      ),
    ).toMatchObject({ nodeCount: 2, podCount: 6 });
  });

  it('groups equal pods, with the defaults of what they leave out', () => {
    const request = { cpuMilli: 300, memoryBytes: 2 * GiB, volumes: 0, hostNetwork: false };
    expect(groupPods([app, app, { ...app, hostPort: 80 }, { ...app, volumes: 1 }])).toEqual([
      { ...request, hostPort: null, count: 2 },
      { ...request, hostPort: 80, count: 1 },
      { ...request, hostPort: null, volumes: 1, count: 1 },
    ]);
  });
});

describe('whyNoScaleUp (NotTriggerScaleUp)', () => {
  it('counts the node groups by reason', () => {
    const huge = { cpuMilli: 2000, memoryBytes: GiB, hostPort: null };
    expect(
      whyNoScaleUp(huge, [small(), group('big', { targetSize: 4 }), group('other', { backedOff: true })], 18, 0),
    ).toBe(
      "pod didn't trigger scale-up: 1 Insufficient cpu, 1 in backoff after failed scale-up, 1 max node group size reached",
    );
    expect(whyNoScaleUp(app, [small()], 13, 13)).toBe(
      "pod didn't trigger scale-up: max node total count already reached",
    );
  });
});
