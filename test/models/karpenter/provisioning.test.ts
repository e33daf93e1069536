// Karpenter's provisioning of a batch: pods packed onto new NodeClaims, each keeping the instance
// types that still hold them, launched as the cheapest offering.
import { describe, expect, it } from 'vitest';
import { nodeAllocatable } from '../../../src/models/allocatable.js';
import {
  findInstanceType,
  INSTANCE_TYPES,
  instanceSize,
  type InstanceType,
} from '../../../src/models/instance-types.js';
import { instanceTypeRequirements, LABELS } from '../../../src/models/karpenter/instance-type.js';
import {
  launch,
  solve,
  type BatchPod,
  type InstanceTypeOption,
  type NodeClaimTemplate,
  type Offering,
  type Resources,
} from '../../../src/models/karpenter/provisioning.js';
import { intersects, requirementsOf } from '../../../src/models/karpenter/requirements.js';

const GiB = 2 ** 30;
const ZONES = ['us-east-1a', 'us-east-1b'];
// kube-proxy and the VPC CNI, as an EKS node runs them.
const DAEMONS = [
  { name: 'kube-proxy', cpuMilli: 100, memoryBytes: 0, hostNetwork: true },
  { name: 'aws-node', cpuMilli: 25, memoryBytes: 0, hostNetwork: true },
];

// A catalog type as the AWS provider offers it: allocatable from the EKS reservation profile,
// on-demand at its list price and spot at 30% of it in every zone.
function option(t: InstanceType): InstanceTypeOption {
  const b = nodeAllocatable({
    ...instanceSize(t),
    maxPods: t.maxPods,
    podIPs: t.podIPs,
    attachableVolumes: t.attachableVolumes,
    reservation: { name: 'eks' },
    daemonSets: [],
  });
  return {
    type: t,
    requirements: instanceTypeRequirements(t, ZONES, ['on-demand', 'spot']),
    allocatable: b.allocatable,
    offerings: ZONES.flatMap((zone): Offering[] => [
      { zone, capacityType: 'on-demand', pricePerHour: t.pricePerHourUSD },
      { zone, capacityType: 'spot', pricePerHour: Math.round(t.pricePerHourUSD * 0.3 * 1e6) / 1e6 },
    ]),
  };
}

// What the DaemonSets above request of every node.
const DAEMON_OVERHEAD: Resources = { cpuMilli: 125, memoryBytes: 0, pods: DAEMONS.length };

// A NodePool over the EKS catalog: the types its requirements allow.
function nodePool(name: string, written: Parameters<typeof requirementsOf>[0], weight = 0): NodeClaimTemplate {
  const requirements = requirementsOf(written);
  const options = INSTANCE_TYPES.filter((t) => t.provider === 'eks')
    .map(option)
    .filter((o) => intersects(o.requirements, requirements) === null);
  return {
    nodePool: name,
    weight,
    requirements,
    options,
    daemonOverhead: DAEMON_OVERHEAD,
  };
}

const M5_UP_TO_8XLARGE = [
  { key: LABELS.family, operator: 'In', values: ['m5'] },
  { key: LABELS.cpu, operator: 'Lt', values: ['33'] },
];
const ON_DEMAND = { key: LABELS.capacityType, operator: 'In', values: ['on-demand'] };

const pods = (n: number, cpuMilli: number, memoryBytes = GiB, requirements = requirementsOf([])): BatchPod<number>[] =>
  Array.from({ length: n }, (_, id) => ({ id, cpuMilli, memoryBytes, requirements }));

describe('solve and launch', () => {
  it('ten pods of 3 CPU on m5.large … m5.8xlarge: one m5.8xlarge, cheaper than ten m5.xlarge', () => {
    // 10 × 3 CPU + 125m of DaemonSets = 30.125 CPU. m5.8xlarge (32 vCPU) keeps 32 − 0.06 − 0.01 −
    // 0.005×2 − 0.0025×28 = 31.85 CPU under the EKS reservation, so it holds all ten; nothing smaller
    // does. One NodeClaim, launched as m5.8xlarge at $1.536 an hour, against ten m5.xlarge (one
    // 3-CPU pod each: 4 vCPU keep 3.92) at 10 × $0.192 = $1.92.
    const result = solve(pods(10, 3000), [nodePool('default', [...M5_UP_TO_8XLARGE, ON_DEMAND])]);
    expect(result.unschedulable).toEqual([]);
    expect(result.nodeClaims).toHaveLength(1);
    const claim = result.nodeClaims[0]!;
    expect(claim.pods).toHaveLength(10);
    expect(claim.options.map((o) => o.type.name)).toEqual(['m5.8xlarge']);
    const node = launch(claim)!;
    expect(node).toMatchObject({ capacityType: 'on-demand', pricePerHour: 1.536 });
    expect(node.type.name).toBe('m5.8xlarge');
    expect(node.pricePerHour).toBeLessThan(10 * findInstanceType('m5.xlarge')!.pricePerHourUSD);
  });

  it('eleven such pods need a second NodeClaim, which takes the cheapest type that holds its one pod', () => {
    const result = solve(pods(11, 3000), [nodePool('default', [...M5_UP_TO_8XLARGE, ON_DEMAND])]);
    expect(result.nodeClaims.map((c) => c.pods.length)).toEqual([10, 1]);
    expect(result.nodeClaims.map((c) => launch(c)!.type.name)).toEqual(['m5.8xlarge', 'm5.xlarge']);
  });

  it('launches spot when the NodePool allows it', () => {
    const result = solve(pods(2, 1000), [nodePool('spot', M5_UP_TO_8XLARGE)]);
    const node = launch(result.nodeClaims[0]!)!;
    expect(node.capacityType).toBe('spot');
    expect(node.type.name).toBe('m5.xlarge'); // 2 × 1 CPU + 125m: m5.large keeps 1.93 CPU
  });

  it('tries the heaviest NodePool first and falls back to the next for pods it cannot take', () => {
    const big = nodePool('arm', [{ key: LABELS.arch, operator: 'In', values: ['arm64'] }, ON_DEMAND], 10);
    const any = nodePool('any', [...M5_UP_TO_8XLARGE, ON_DEMAND], 1);
    const amd = requirementsOf([{ key: LABELS.arch, operator: 'In', values: ['amd64'] }]);
    const batch = [...pods(1, 500), { id: 1, cpuMilli: 500, memoryBytes: GiB, requirements: amd }];
    const result = solve(batch, [any, big]);
    expect(result.nodeClaims.map((c) => [c.nodePool, c.pods])).toEqual([
      ['arm', [0]],
      ['any', [1]],
    ]);
  });

  it('leaves a pod no NodePool can hold unschedulable', () => {
    const result = solve(pods(1, 40_000), [nodePool('default', [...M5_UP_TO_8XLARGE, ON_DEMAND])]);
    expect(result.nodeClaims).toEqual([]);
    expect(result.unschedulable).toEqual([0]);
  });

  it('puts pods on existing nodes with room and matching labels first', () => {
    const amd = { node: 'amd-node', labels: requirementsOf([{ key: LABELS.arch, operator: 'In', values: ['amd64'] }]) };
    const existing = [{ ...amd, free: { cpuMilli: 1500, memoryBytes: 4 * GiB, pods: 10 } }];
    const arm = requirementsOf([{ key: LABELS.arch, operator: 'In', values: ['arm64'] }]);
    const batch = [...pods(2, 1000), { id: 2, cpuMilli: 500, memoryBytes: GiB, requirements: arm }];
    const result = solve(batch, [nodePool('any', [ON_DEMAND])], existing);
    // One 1-CPU pod fits the node's 1.5 CPU; the second does not, and the arm64 pod may not go there.
    expect(result.onExisting.get('amd-node')).toEqual([0]);
    expect(result.nodeClaims.flatMap((c) => c.pods).sort()).toEqual([1, 2]);
  });
});

describe('limits, weights, relaxation and zones', () => {
  const m5 = () => nodePool('default', [...M5_UP_TO_8XLARGE, ON_DEMAND]);

  it("takes each new NodeClaim's largest type off the NodePool's limits (subtractMax), so a batch stays within them", () => {
    // 16 CPU left: a NodeClaim of m5.4xlarge (16 vCPU) at most; its five pods of 3 CPU take it all.
    const result = solve(pods(10, 3000), [m5()], [], { remaining: new Map([['default', { cpuMilli: 16_000 }]]) });
    expect(result.nodeClaims.map((c) => c.options.map((o) => o.type.name).sort())).toEqual([['m5.4xlarge']]);
    expect(result.unschedulable).toHaveLength(5);
    // Without a limit the same batch launches one m5.8xlarge.
    expect(launch(solve(pods(10, 3000), [m5()]).nodeClaims[0]!)!.type.name).toBe('m5.8xlarge');
  });

  it('orders NodePools of equal weight by name, the later in the alphabet first (OrderByWeight)', () => {
    const a = nodePool('alpha', [...M5_UP_TO_8XLARGE, ON_DEMAND], 5);
    const b = nodePool('beta', [...M5_UP_TO_8XLARGE, ON_DEMAND], 5);
    expect(solve(pods(1, 500), [a, b]).nodeClaims.map((c) => c.nodePool)).toEqual(['beta']);
    expect(solve(pods(1, 500), [b, a]).nodeClaims.map((c) => c.nodePool)).toEqual(['beta']);
  });

  it('tries a pod again with its relaxed requirements when its own fit nowhere', () => {
    const gpu = requirementsOf([{ key: LABELS.family, operator: 'In', values: ['p4d'] }]);
    const relaxed = requirementsOf([{ key: LABELS.family, operator: 'In', values: ['m5'] }]);
    const pod = { id: 0, cpuMilli: 500, memoryBytes: GiB, requirements: gpu, relaxed: [relaxed] };
    const result = solve([pod], [m5()]);
    expect(result.unschedulable).toEqual([]);
    expect(result.nodeClaims[0]!.requirements.get(LABELS.family)!.values).toEqual(new Set(['m5']));
    expect(solve([{ ...pod, relaxed: [] }], [m5()]).unschedulable).toEqual([0]);
  });

  it('plans a pod that must wait for the kube-scheduler onto launching nodes only', () => {
    const labels = requirementsOf([]);
    const free = { cpuMilli: 4000, memoryBytes: 8 * GiB, pods: 10 };
    const existing = [
      { node: 'ready', labels, free },
      { node: 'launching', labels, free, launching: true },
    ];
    const result = solve(
      [
        { ...pods(1, 500)[0]!, launchingOnly: true },
        { ...pods(1, 500)[0]!, id: 1 },
      ],
      [m5()],
      existing,
    );
    expect(result.onExisting.get('launching')).toEqual([0]);
    expect(result.onExisting.get('ready')).toEqual([1]);
  });

  it('launches in the zone the ranking puts first among those at the lowest price', () => {
    const claim = solve(pods(1, 500), [m5()]).nodeClaims[0]!;
    expect(launch(claim)!.zone).toBe('us-east-1a');
    expect(launch(claim, (zone) => (zone === 'us-east-1a' ? 3 : 1))!.zone).toBe('us-east-1b');
  });
});
