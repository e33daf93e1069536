// The cluster autoscaler's expanders: which node group to grow when several could help. Each is a
// filter over the options; what is left after it is chosen among at random, as upstream chains
// its strategies with a random fallback (kubernetes/autoscaler cluster-autoscaler/expander/
// factory/chain.go). Sources per expander below.

/** Expander is --expander. */
export type Expander = 'least-waste' | 'most-pods' | 'random' | 'price' | 'priority';

/** ExpansionOption is one node group's answer to the pending pods: how many nodes, for which pods. */
export interface ExpansionOption {
  readonly group: string;
  readonly nodeCount: number;
  /** podCount and requested are the pending pods the new nodes would take. */
  readonly podCount: number;
  readonly requested: { readonly cpuMilli: number; readonly memoryBytes: number };
  /** nodeCapacity is a new node's machine capacity (status.capacity). */
  readonly nodeCapacity: { readonly cpuMilli: number; readonly memoryBytes: number };
  readonly pricePerHour: number;
  readonly priority: number;
}

/** wasteScore is least-waste's score: the unused share of the new nodes' CPU plus that of their memory (expander/waste/waste.go). */
export function wasteScore(o: ExpansionOption): number {
  const availCpu = o.nodeCapacity.cpuMilli * o.nodeCount;
  const availMemory = o.nodeCapacity.memoryBytes * o.nodeCount;
  return (availCpu - o.requested.cpuMilli) / availCpu + (availMemory - o.requested.memoryBytes) / availMemory;
}

/** leastWaste keeps the options with the lowest wasteScore. */
export function leastWaste(options: readonly ExpansionOption[]): ExpansionOption[] {
  return keepBest(options, (o) => -wasteScore(o));
}

/** mostPods keeps the options that schedule the most pods (expander/mostpods/mostpods.go). */
export function mostPods(options: readonly ExpansionOption[]): ExpansionOption[] {
  return keepBest(options, (o) => o.podCount);
}

/** highestPriority keeps the options of the highest-priority node groups (expander/priority/priority.go). Simplified: a pool's priority is given by name rather than by regular expression; pools without one rank lowest. */
export function highestPriority(options: readonly ExpansionOption[]): ExpansionOption[] {
  return keepBest(options, (o) => o.priority);
}

// The price expander's constants: expander/price/price.go, and the GCE price model's per-resource
// prices (cloudprovider/gce/gce_price_model.go), which price a pod as if on a perfectly matching machine.
const CPU_PRICE_PER_HOUR = 0.033174;
const MEMORY_PRICE_PER_GIB_HOUR = 0.004446;
const GiB = 2 ** 30;
const podPrice = (cpuMilli: number, memoryBytes: number) =>
  (cpuMilli / 1000) * CPU_PRICE_PER_HOUR + (memoryBytes / GiB) * MEMORY_PRICE_PER_GIB_HOUR;
/** STABILIZATION_PRICE is the price of priceStabilizationPod (500m, 500 MiB), added to both sides of the ratio. */
const STABILIZATION_PRICE = podPrice(500, 500 * 2 ** 20);

/** preferredNodeCpuMilli is SimplePreferredNodeProvider's preferred node CPU for a cluster of `nodes` nodes (expander/price/preferred.go). */
export function preferredNodeCpuMilli(nodes: number): number {
  const table: ReadonlyArray<readonly [number, number]> = [
    [2, 1],
    [6, 2],
    [20, 4],
    [60, 8],
    [200, 16],
  ];
  return (table.find(([upTo]) => nodes <= upTo)?.[1] ?? 32) * 1000;
}

/** priceScore is the price expander's score (lower is better): node price over the pods' price, times the node's unfitness, damped for large scale-ups. */
export function priceScore(o: ExpansionOption, clusterNodes: number): number {
  const preferred = preferredNodeCpuMilli(clusterNodes);
  const unfitness = Math.max(preferred / o.nodeCapacity.cpuMilli, o.nodeCapacity.cpuMilli / preferred);
  const suppressed = (unfitness - 1) * (1 - Math.tanh((o.nodeCount - 1) / 15)) + 1;
  const priceSubScore =
    (o.pricePerHour * o.nodeCount + STABILIZATION_PRICE) /
    (podPrice(o.requested.cpuMilli, o.requested.memoryBytes) + STABILIZATION_PRICE);
  return suppressed * priceSubScore;
}

/** cheapest keeps the options with the lowest priceScore. */
export function cheapest(options: readonly ExpansionOption[], clusterNodes: number): ExpansionOption[] {
  return keepBest(options, (o) => -priceScore(o, clusterNodes));
}

/** bestOption applies `expander` and breaks what ties remain with `random` (a uniform draw in [0, 1)). */
export function bestOption(
  options: readonly ExpansionOption[],
  expander: Expander,
  random: () => number,
  clusterNodes = 0,
): ExpansionOption | null {
  if (options.length === 0) return null;
  const kept = filterFor(expander, clusterNodes)(options);
  // The random expander: rand.Intn(len(options)); with one option left no draw is needed.
  return kept.length === 1 ? kept[0]! : kept[Math.floor(random() * kept.length)]!;
}

function filterFor(expander: Expander, clusterNodes: number): (o: readonly ExpansionOption[]) => ExpansionOption[] {
  switch (expander) {
    case 'least-waste':
      return leastWaste;
    case 'most-pods':
      return mostPods;
    case 'priority':
      return highestPriority;
    case 'price':
      return (o) => cheapest(o, clusterNodes);
    case 'random':
      return (o) => [...o];
  }
}

// The options whose score equals the highest, in their order.
function keepBest(options: readonly ExpansionOption[], score: (o: ExpansionOption) => number): ExpansionOption[] {
  let best = -Infinity;
  let kept: ExpansionOption[] = [];
  for (const o of options) {
    const s = score(o);
    if (s > best) [best, kept] = [s, [o]];
    else if (s === best) kept.push(o);
  }
  return kept;
}
