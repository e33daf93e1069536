// Consolidation decisions on real packing: delete when the pods fit elsewhere, replace only by a
// cheaper node, never spot by spot, and the multi-node search for the largest batch.
import { describe, expect, it } from 'vitest';
import { nodeAllocatable } from '../../../src/models/allocatable.js';
import {
  findInstanceType,
  INSTANCE_TYPES,
  instanceSize,
  type InstanceType,
} from '../../../src/models/instance-types.js';
import {
  consolidationCommand,
  firstNConsolidationOption,
  lifetimeRemaining,
  podEvictionCost,
  type Candidate,
} from '../../../src/models/karpenter/consolidation.js';
import { instanceTypeRequirements, LABELS } from '../../../src/models/karpenter/instance-type.js';
import {
  solve,
  type BatchPod,
  type ExistingNode,
  type InstanceTypeOption,
  type NodeClaimTemplate,
} from '../../../src/models/karpenter/provisioning.js';
import { intersects, requirementsOf } from '../../../src/models/karpenter/requirements.js';

const GiB = 2 ** 30;
const ZONES = ['us-east-1a'];
const DAEMONS = { cpuMilli: 125, memoryBytes: 0, pods: 2 };

function option(t: InstanceType): InstanceTypeOption {
  const size = { ...instanceSize(t), maxPods: t.maxPods, podIPs: t.podIPs, attachableVolumes: t.attachableVolumes };
  const b = nodeAllocatable({ ...size, reservation: { name: 'eks' }, daemonSets: [] });
  return {
    type: t,
    requirements: instanceTypeRequirements(t, ZONES, ['on-demand', 'spot']),
    allocatable: b.allocatable,
    offerings: [
      { zone: ZONES[0]!, capacityType: 'on-demand', pricePerHour: t.pricePerHourUSD },
      { zone: ZONES[0]!, capacityType: 'spot', pricePerHour: t.pricePerHourUSD / 3 },
    ],
  };
}

const M5 = INSTANCE_TYPES.filter((t) => t.name.startsWith('m5.') && t.vcpu <= 32).map(option);
const template = (capacityTypes: string[]): NodeClaimTemplate => {
  const requirements = requirementsOf([{ key: LABELS.capacityType, operator: 'In', values: capacityTypes }]);
  return {
    nodePool: 'default',
    weight: 0,
    requirements,
    options: M5.filter((o) => intersects(o.requirements, requirements) === null),
    daemonOverhead: DAEMONS,
  };
};

// A node of the pool: its type, its pods, what room it has left.
interface TestNode {
  readonly name: string;
  readonly type: string;
  readonly capacityType: 'on-demand' | 'spot';
  readonly pods: readonly BatchPod<string>[];
}

const pod = (id: string, cpuMilli: number): BatchPod<string> => ({
  id,
  cpuMilli,
  memoryBytes: GiB,
  requirements: new Map(),
});

function candidateOf(n: TestNode): Candidate<string> {
  const t = findInstanceType(n.type)!;
  const price = n.capacityType === 'spot' ? t.pricePerHourUSD / 3 : t.pricePerHourUSD;
  return {
    node: n.name,
    instanceType: n.type,
    capacityType: n.capacityType,
    pricePerHour: price,
    disruptionCost: n.pods.length,
  };
}

function existingOf(n: TestNode): ExistingNode<string> {
  const o = option(findInstanceType(n.type)!);
  const used = n.pods.reduce((sum, p) => sum + p.cpuMilli, DAEMONS.cpuMilli);
  return {
    node: n.name,
    labels: o.requirements,
    free: {
      cpuMilli: o.allocatable.cpuMilli - used,
      memoryBytes: o.allocatable.memoryBytes - n.pods.length * GiB,
      pods: 100,
    },
  };
}

// SimulateScheduling: the candidates' pods onto the other nodes, then new NodeClaims.
function compute(nodes: readonly TestNode[], capacityTypes = ['on-demand']) {
  return (candidates: readonly Candidate<string>[]) => {
    const gone = new Set(candidates.map((c) => c.node));
    const moving = nodes.filter((n) => gone.has(n.name)).flatMap((n) => n.pods);
    const staying = nodes.filter((n) => !gone.has(n.name)).map(existingOf);
    const result = solve(moving, [template(capacityTypes)], staying);
    return consolidationCommand(candidates, {
      allScheduled: result.unschedulable.length === 0,
      newNodeClaims: result.nodeClaims,
    });
  };
}

describe('consolidationCommand', () => {
  it('deletes a node whose pods fit on the others', () => {
    const nodes: TestNode[] = [
      { name: 'a', type: 'm5.2xlarge', capacityType: 'on-demand', pods: [pod('p1', 1000)] },
      { name: 'b', type: 'm5.2xlarge', capacityType: 'on-demand', pods: [pod('p2', 1000)] },
    ];
    expect(compute(nodes)([candidateOf(nodes[0]!)])).toEqual({ decision: 'delete' });
  });

  it('replaces a half-empty m5.2xlarge by an m5.xlarge: the only type that holds its pods for less than $0.384', () => {
    // 2 CPU of pods + 125m of DaemonSets: m5.xlarge keeps 3.92 CPU and costs $0.192.
    const nodes: TestNode[] = [{ name: 'a', type: 'm5.2xlarge', capacityType: 'on-demand', pods: [pod('p1', 2000)] }];
    const command = compute(nodes)([candidateOf(nodes[0]!)]);
    expect(command.decision).toBe('replace');
    if (command.decision === 'replace')
      expect(command.replacement.options.map((o) => o.type.name)).toEqual(['m5.xlarge']);
  });

  it('keeps a node no cheaper type could replace', () => {
    const nodes: TestNode[] = [{ name: 'a', type: 'm5.xlarge', capacityType: 'on-demand', pods: [pod('p1', 3000)] }];
    expect(compute(nodes)([candidateOf(nodes[0]!)])).toEqual({
      decision: 'none',
      reason: "Can't replace with a cheaper node",
    });
  });

  it('never replaces spot by spot (SpotToSpotConsolidation off)', () => {
    const nodes: TestNode[] = [{ name: 'a', type: 'm5.2xlarge', capacityType: 'spot', pods: [pod('p1', 2000)] }];
    expect(compute(nodes, ['spot', 'on-demand'])([candidateOf(nodes[0]!)]).decision).toBe('none');
  });
});

describe('firstNConsolidationOption', () => {
  it('deletes the largest batch whose pods fit on the rest: two of three one-pod m5.xlarge', () => {
    const nodes: TestNode[] = ['a', 'b', 'c'].map((name) => ({
      name,
      type: 'm5.xlarge',
      capacityType: 'on-demand',
      pods: [pod(`p-${name}`, 1000)],
    }));
    const found = firstNConsolidationOption(nodes.map(candidateOf), compute(nodes));
    // All three would need one new m5.xlarge: the same type as theirs, not cheaper than one of them.
    expect(found?.candidates.map((c) => c.node)).toEqual(['a', 'b']);
    expect(found?.command).toEqual({ decision: 'delete' });
  });

  it('needs two candidates', () => {
    const nodes: TestNode[] = [{ name: 'a', type: 'm5.xlarge', capacityType: 'on-demand', pods: [] }];
    expect(firstNConsolidationOption(nodes.map(candidateOf), compute(nodes))).toBeNull();
  });
});

describe('disruption cost', () => {
  it('is 1 a pod, moved by priority and deletion cost, within [-10, 10]', () => {
    expect(podEvictionCost(0)).toBe(1);
    expect(podEvictionCost(2 ** 25)).toBe(2);
    expect(podEvictionCost(0, -(2 ** 27))).toBe(0);
    expect(podEvictionCost(1_000_000_000)).toBe(10);
    expect(podEvictionCost(-2_147_483_648)).toBe(-10);
  });

  it('shrinks with the lifetime left before expireAfter', () => {
    expect(lifetimeRemaining(0, null)).toBe(1);
    expect(lifetimeRemaining(6 * 3_600_000, 24 * 3_600_000)).toBe(0.75);
    expect(lifetimeRemaining(48 * 3_600_000, 24 * 3_600_000)).toBe(0);
  });
});
