// Upstream's own tables for --balance-similar-node-groups, ported: kubernetes/autoscaler
// cluster-autoscaler/processors/nodegroupset/balancing_processor_test.go and compare_nodegroups_test.go,
// as of f7bb0c3623750695e1bb7f9f52269590f2974cbf (the last commit before the core moved out to
// sigs.k8s.io/cluster-autoscaler).
//
// Left out, as our templates carry no labels and no GPUs, and the comparator is not pluggable:
// TestFindSimilarNodeGroupsCustomLabels, TestFindSimilarNodeGroupsCustomComparator,
// TestNodesSimilarVariousLabels, and the GPU case of TestNodesSimilarVariousRequirements.
import { describe, expect, it } from 'vitest';
import {
  balanceScaleUpBetweenGroups,
  isNodeInfoSimilar,
  type BalanceGroup,
  type SimilarityTemplate,
} from '../../../src/models/cluster-autoscaler/node-group-set.js';

// ---------------------------------------------------------------------------------------------
// balancing_processor_test.go

// provider.AddNodeGroup(id, min, max, size): the balancing reads only the target size and the maximum.
const ng = (name: string, _min: number, maxSize: number, targetSize: number): BalanceGroup => ({
  name,
  targetSize,
  maxSize,
});

const sizes = (infos: ReturnType<typeof balanceScaleUpBetweenGroups>) =>
  Object.fromEntries(infos.map((i) => [i.group, i.newSize]));

describe('BalanceScaleUpBetweenGroups (balancing_processor_test.go)', () => {
  describe('TestBalanceSingleGroup', () => {
    const groups = [ng('ng1', 1, 10, 1)];

    it('just one node', () => {
      const info = balanceScaleUpBetweenGroups(groups, 1);
      expect(info).toHaveLength(1);
      expect(info[0]!.newSize).toBe(2);
    });

    it('multiple nodes', () => {
      const info = balanceScaleUpBetweenGroups(groups, 4);
      expect(info).toHaveLength(1);
      expect(info[0]!.newSize).toBe(5);
    });
  });

  describe('TestBalanceUnderMaxSize', () => {
    const groups = [ng('ng1', 1, 10, 1), ng('ng2', 1, 10, 3), ng('ng3', 1, 10, 5), ng('ng4', 1, 10, 5)];

    it('add a single node', () => {
      const info = balanceScaleUpBetweenGroups(groups, 1);
      expect(info).toHaveLength(1);
      expect(info[0]!.newSize).toBe(2);
    });

    it('add multiple nodes to single group', () => {
      const info = balanceScaleUpBetweenGroups(groups, 2);
      expect(info).toHaveLength(1);
      expect(info[0]!.newSize).toBe(3);
    });

    it('add nodes to groups of different sizes, divisible', () => {
      const info = balanceScaleUpBetweenGroups(groups, 4);
      expect(info).toHaveLength(2);
      expect(info[0]!.newSize).toBe(4);
      expect(info[1]!.newSize).toBe(4);
      expect(info.map((i) => i.group).sort()).toEqual(['ng1', 'ng2']);
    });

    it("add nodes to groups of different sizes, non-divisible (4 and 5, doesn't matter which group gets how many)", () => {
      const info = balanceScaleUpBetweenGroups(groups, 5);
      expect(info).toHaveLength(2);
      expect(info[0]!.newSize + info[1]!.newSize).toBe(9);
      expect([4, 5]).toContain(info[0]!.newSize);
      expect(info.map((i) => i.group).sort()).toEqual(['ng1', 'ng2']);
    });

    it('add nodes to all groups, divisible', () => {
      const info = balanceScaleUpBetweenGroups(groups, 10);
      expect(info).toHaveLength(4);
      for (const i of info) expect(i.newSize).toBe(6);
    });
  });

  describe('TestBalanceHittingMaxSize', () => {
    const all = [ng('ng1', 1, 1, 1), ng('ng2', 1, 3, 1), ng('ng3', 1, 10, 3), ng('ng4', 1, 7, 5), ng('ng5', 1, 3, 6)];
    const getGroups = (...names: string[]) => names.map((n) => all.find((g) => g.name === n)!);

    it('Just one maxed out group', () => {
      expect(balanceScaleUpBetweenGroups(getGroups('ng1'), 1)).toHaveLength(0);
    });

    it('Smallest group already maxed out, add one node', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng1', 'ng2'), 1);
      expect(info).toHaveLength(1);
      expect(info[0]!.group).toBe('ng2');
      expect(info[0]!.newSize).toBe(2);
    });

    it('Smallest group already maxed out, too many nodes (should cap to max capacity)', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng1', 'ng2'), 5);
      expect(info).toHaveLength(1);
      expect(info[0]!.group).toBe('ng2');
      expect(info[0]!.newSize).toBe(3);
    });

    it('First group maxes out before proceeding to next one', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng2', 'ng3'), 4);
      expect(info).toHaveLength(2);
      expect(sizes(info)).toEqual({ ng2: 3, ng3: 5 });
    });

    it('Last group maxes out before previous one', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng2', 'ng3', 'ng4'), 9);
      expect(info).toHaveLength(3);
      expect(sizes(info)).toEqual({ ng2: 3, ng3: 8, ng4: 7 });
    });

    it('Use all capacity, cap to max', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng2', 'ng3', 'ng4'), 900);
      expect(info).toHaveLength(3);
      expect(sizes(info)).toEqual({ ng2: 3, ng3: 10, ng4: 7 });
    });

    // ng5 is above its maximum (6 of 3): upstream counts only room that is there
    // (`if maxSize > currentSize { totalCapacity += ... }`), so ng2 still gets its node.
    it('One node group exceeds max.', () => {
      const info = balanceScaleUpBetweenGroups(getGroups('ng2', 'ng5'), 1);
      expect(info).toHaveLength(1);
      expect(sizes(info)).toEqual({ ng2: 2 });
    });
  });
});

// ---------------------------------------------------------------------------------------------
// compare_nodegroups_test.go

interface Resources {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

/**
 * node is BuildTestNode(name, millicpu, mem) made into a NodeInfo with `pods` on it, as the
 * comparator sees it: capacity {cpu, memory, pods: 100}, allocatable a copy of the capacity unless
 * overridden, and free = allocatable − the pods' requests (NodeInfo's Requested counts CPU and
 * memory, not pods, so free pods stay the allocatable 100).
 */
function node(
  cpuMilli: number,
  memoryBytes: number,
  o: { capacity?: Partial<Resources>; allocatable?: Partial<Resources>; pods?: Array<[number, number]> } = {},
): SimilarityTemplate {
  const built: Resources = { cpuMilli, memoryBytes, pods: 100 };
  const capacity = { ...built, ...o.capacity };
  const allocatable = { ...built, ...o.allocatable };
  const requested = (o.pods ?? []).reduce((s, [cpu, mem]) => ({ cpu: s.cpu + cpu, mem: s.mem + mem }), {
    cpu: 0,
    mem: 0,
  });
  return {
    capacity,
    allocatable,
    free: {
      cpuMilli: allocatable.cpuMilli - requested.cpu,
      memoryBytes: allocatable.memoryBytes - requested.mem,
      pods: allocatable.pods,
    },
  };
}

// config.DefaultMaxCapacityMemoryDifferenceRatio
const DEFAULT_MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO = 0.015;
// resource.MustParse("…Ki").Value()
const Ki = 1024;

describe('IsCloudProviderNodeInfoSimilar on resources (compare_nodegroups_test.go)', () => {
  // balancing_processor_test.go TestFindSimilarNodeGroups (buildBasicNodeGroups): ng1 and ng2 are
  // similar to each other, ng3 to neither. Upstream runs it with zero ratios
  // (config.NodeGroupDifferenceRatios{}); ours are fixed, and the answer is the same for these nodes.
  describe('TestFindSimilarNodeGroups', () => {
    const n1 = node(1000, 1000);
    const n2 = node(1000, 1000);
    const n3 = node(2000, 2000);
    it.each([
      ['ng1 ~ ng2: similar', n1, n2, true],
      ['ng2 ~ ng1: similar', n2, n1, true],
      ['ng1 ~ ng3: not similar', n1, n3, false],
      ['ng2 ~ ng3: not similar', n2, n3, false],
      ['ng3 ~ ng1: not similar', n3, n1, false],
      ['ng3 ~ ng2: not similar', n3, n2, false],
    ] as const)('%s', (_name, a, b, want) => {
      expect(isNodeInfoSimilar(a, b)).toBe(want);
    });
  });

  it('TestIdenticalNodesSimilar', () => {
    expect(isNodeInfoSimilar(node(1000, 2000), node(1000, 2000))).toBe(true);
  });

  describe('TestNodesSimilarVariousRequirements', () => {
    const n1 = node(1000, 2000);
    // (One with GPU, one without: skipped, our templates carry no GPUs.)
    it.each([
      ['Different CPU capacity', node(1000, 2000, { capacity: { cpuMilli: 1001 } }), false],
      [
        'Same CPU capacity, but slightly different allocatable',
        node(1000, 2000, { allocatable: { cpuMilli: 999 } }),
        true,
      ],
      [
        'Same CPU capacity, significantly different allocatable',
        node(1000, 2000, { allocatable: { cpuMilli: 500 } }),
        false,
      ],
    ] as const)('%s', (_name, n, want) => {
      expect(isNodeInfoSimilar(n1, n)).toBe(want);
    });
  });

  describe('TestNodesSimilarVariousRequirementsAndPods', () => {
    const n1 = node(1000, 2000, { pods: [[500, 1000]] });
    it.each([
      // Upstream rejects this pair on allocatable alone (1000m vs 500m CPU, 2000 vs 1000 bytes:
      // compare_nodegroups.go `if !resourceMapsWithinTolerance(allocatable, …MaxAllocatableDifferenceRatio)`);
      // capacity and free are equal.
      [
        'Different allocatable, but same free',
        node(1000, 2000, { allocatable: { cpuMilli: 500, memoryBytes: 1000 } }),
        false,
      ],
      ['Same requests of pods', node(1000, 2000, { pods: [[500, 1000]] }), true],
      [
        'Similar allocatable, similar pods',
        node(1000, 2000, { allocatable: { cpuMilli: 999 }, pods: [[501, 1001]] }),
        true,
      ],
    ] as const)('%s', (_name, n, want) => {
      expect(isNodeInfoSimilar(n1, n)).toBe(want);
    });
  });

  describe('TestNodesSimilarVariousMemoryRequirements', () => {
    const n1 = node(1000, 1000);
    it.each([
      [
        'Different memory capacity within tolerance',
        node(1000, 1000, { capacity: { memoryBytes: 1000 - 1000 * DEFAULT_MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO + 1 } }),
        true,
      ],
      [
        'Different memory capacity exceeds tolerance',
        node(1000, 1000, { capacity: { memoryBytes: 1000 - 1000 * DEFAULT_MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO - 1 } }),
        false,
      ],
    ] as const)('%s', (_name, n, want) => {
      expect(isNodeInfoSimilar(n1, n)).toBe(want);
    });
  });

  describe('TestNodesSimilarVariousLargeMemoryRequirementsM5XLarge', () => {
    const n1 = node(1000, 16116152 * Ki);
    it.each([
      ['Different memory capacity within tolerance (another m5.xLarge in a different zone)', 15944120 * Ki, true],
      ['Different memory capacity exceeds tolerance (q1 * 1.02)', 16438475 * Ki, false],
    ] as const)('%s', (_name, mem, want) => {
      expect(isNodeInfoSimilar(n1, node(1000, mem))).toBe(want);
    });
  });

  describe('TestNodesSimilarVariousLargeMemoryRequirementsM516XLarge', () => {
    const n1 = node(1000, 259970052 * Ki);
    it.each([
      ['Different memory capacity within tolerance (another m5.16xLarge in a different zone)', 257217528 * Ki, true],
      ['Different memory capacity exceeds tolerance (q1 * 1.02)', 265169453 * Ki, false],
    ] as const)('%s', (_name, mem, want) => {
      expect(isNodeInfoSimilar(n1, node(1000, mem))).toBe(want);
    });
  });
});
