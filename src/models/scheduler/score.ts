// kube-scheduler's resource scores (NodeResourcesFit's strategies and NodeResourcesBalancedAllocation)
// and how many feasible nodes it looks at. Upstream: pkg/scheduler/framework/plugins/noderesources/
// {least_allocated,most_allocated,balanced_allocation}.go and pkg/scheduler/schedule_one.go
// (numFeasibleNodesToFind).

/** MAX_NODE_SCORE is framework.MaxNodeScore. */
const MAX_NODE_SCORE = 100;

/** leastRequestedScore favours nodes with more room left: ((capacity − requested) × 100) / capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore favours fuller nodes (bin packing): (requested × 100) / capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  // Upstream caps at capacity rather than scoring 0, so an overcommitted node still counts as full.
  return Math.floor((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** ScoringStrategy names NodeResourcesFit's strategies that poolsim offers. */
export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated';

/**
 * resourceAllocationScore scores a node for cpu and memory (weights 1 and 1): the integer average of
 * the per-resource scores, with `requested` already including the incoming pod (resource_allocation.go).
 */
export function resourceAllocationScore(
  strategy: ScoringStrategy,
  requested: { readonly cpuMilli: number; readonly memoryBytes: number },
  allocatable: { readonly cpuMilli: number; readonly memoryBytes: number },
): number {
  const score = strategy === 'LeastAllocated' ? leastRequestedScore : mostRequestedScore;
  return Math.floor(
    (score(requested.cpuMilli, allocatable.cpuMilli) + score(requested.memoryBytes, allocatable.memoryBytes)) / 2,
  );
}

/**
 * balancedAllocationScore is NodeResourcesBalancedAllocation's score for cpu and memory: 100 × (1 − std)
 * of the two requested fractions (each capped at 1), with `requested` including the incoming pod
 * (balancedResourceScorer); a resource the node has none of is left out.
 */
export function balancedAllocationScore(
  requested: { readonly cpuMilli: number; readonly memoryBytes: number },
  allocatable: { readonly cpuMilli: number; readonly memoryBytes: number },
): number {
  // With one of the two resources, the deviation is 0 (no array: this runs for every node scored).
  if (allocatable.cpuMilli === 0 || allocatable.memoryBytes === 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, requested.cpuMilli / allocatable.cpuMilli);
  const memory = Math.min(1, requested.memoryBytes / allocatable.memoryBytes);
  const std = Math.abs((cpu - memory) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind is how many feasible nodes the scheduler finds before it stops looking:
 * all of them under 100 nodes; else an adaptive percentage, 50% − nodes/125, at least 5%, and never
 * fewer than 100 nodes. This is what keeps scheduling fast on a 5,000-node cluster.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
}
