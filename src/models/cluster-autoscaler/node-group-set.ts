// --balance-similar-node-groups: which node groups are the same machines, and how a scale-up is
// split among them. kubernetes/autoscaler cluster-autoscaler/processors/nodegroupset/
// compare_nodegroups.go (IsCloudProviderNodeInfoSimilar) and balancing_processor.go
// (BalanceScaleUpBetweenGroups).

type Amounts = { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number };

/** SimilarityTemplate is a group's template node as compared: capacity, allocatable, what is free of it after DaemonSet pods, and its labels. */
export interface SimilarityTemplate {
  readonly capacity: Amounts;
  readonly allocatable: Amounts;
  readonly free: Amounts;
  readonly labels?: Readonly<Record<string, string>>;
}

/** BASIC_IGNORED_LABELS are the labels that may differ between similar groups (compare_nodegroups.go BasicIgnoredLabels). */
const BASIC_IGNORED_LABELS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'beta.kubernetes.io/fluentd-ds-ready',
  'kops.k8s.io/instancegroup',
]);

// compareLabels: every label not ignored has the same value on both.
function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!BASIC_IGNORED_LABELS.has(k) && a[k] !== b[k]) return false;
  return true;
}

// compare_nodegroups.go's tolerances.
const MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO = 0.015;
const MAX_ALLOCATABLE_DIFFERENCE_RATIO = 0.05;
const MAX_FREE_DIFFERENCE_RATIO = 0.05;

const withinTolerance = (a: number, b: number, ratio: number) =>
  Math.max(a, b) - Math.min(a, b) <= Math.max(a, b) * ratio;

/** isNodeInfoSimilar is IsCloudProviderNodeInfoSimilar: the same CPU and pod capacity, memory within 1.5%, allocatable and free resources within 5%, the same labels but zone, region and hostname. */
export function isNodeInfoSimilar(a: SimilarityTemplate, b: SimilarityTemplate): boolean {
  return (
    sameLabels(a.labels ?? {}, b.labels ?? {}) &&
    a.capacity.cpuMilli === b.capacity.cpuMilli &&
    a.capacity.pods === b.capacity.pods &&
    withinTolerance(a.capacity.memoryBytes, b.capacity.memoryBytes, MAX_CAPACITY_MEMORY_DIFFERENCE_RATIO) &&
    (['cpuMilli', 'memoryBytes', 'pods'] as const).every(
      (r) =>
        withinTolerance(a.allocatable[r], b.allocatable[r], MAX_ALLOCATABLE_DIFFERENCE_RATIO) &&
        withinTolerance(a.free[r], b.free[r], MAX_FREE_DIFFERENCE_RATIO),
    )
  );
}

/** BalanceGroup is a group as the balancing sees it. */
export interface BalanceGroup {
  readonly name: string;
  readonly targetSize: number;
  readonly maxSize: number;
}

/** ScaleUpInfo is one group's part of a scale-up. */
export interface ScaleUpInfo {
  readonly group: string;
  readonly currentSize: number;
  newSize: number;
  readonly maxSize: number;
}

/**
 * balanceScaleUpBetweenGroups is BalanceScaleUpBetweenGroups: `newNodes` (capped to the groups'
 * room) added one at a time to the smallest group, so the sizes end as even as their maxima allow.
 * Groups already at their maximum are left out, and so are those that get no node.
 */
export function balanceScaleUpBetweenGroups(groups: readonly BalanceGroup[], newNodes: number): ScaleUpInfo[] {
  const infos: ScaleUpInfo[] = groups
    .filter((g) => g.targetSize !== g.maxSize)
    .map((g) => ({ group: g.name, currentSize: g.targetSize, newSize: g.targetSize, maxSize: g.maxSize }));
  let left = Math.min(
    newNodes,
    infos.reduce((n, i) => n + Math.max(0, i.maxSize - i.currentSize), 0), // a group over its max has no room
  );
  // Stable, as Go's sort.Slice is for the handful of groups it is given (insertion sort below 12).
  infos.sort((a, b) => a.currentSize - b.currentSize);
  let start = 0;
  let current = 0;
  while (left > 0) {
    const info = infos[current]!;
    if (info.newSize < info.maxSize) {
      info.newSize++;
      left--;
    } else {
      // A full group leaves the rotation: swapped to the front, behind the start.
      [infos[start], infos[current]] = [infos[current]!, infos[start]!];
      start++;
    }
    // Upstream holds a pointer to the slot, not the group: after a swap it reads the group now there.
    if (current < infos.length - 1 && infos[current]!.newSize > infos[current + 1]!.newSize) current++;
    else current = start;
  }
  return infos.filter((i) => i.newSize !== i.currentSize);
}
