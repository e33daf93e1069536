// The cluster autoscaler's expanders for the simulation: which node group to grow when several could
// help. Each filters the options (expander-filters.ts, as upstream's tests hold them); what is left
// is chosen among at random, as upstream chains its strategies with a random fallback
// (kubernetes/autoscaler cluster-autoscaler/expander/factory/chain.go).
import {
  expanderBestOptions,
  priceScoreOf,
  wasteOf,
  type ExpanderConfig,
  type ExpanderName,
  type ExpanderOption,
  type ExpanderPod,
} from './expander-filters.js';

/** Expander is --expander. */
export type Expander = ExpanderName;

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

// The pod an option lists for all but the first of its pods (see asUpstream).
const NO_POD: ExpanderPod = Object.freeze({ name: '', cpuMilli: 0, memoryBytes: 0 });

// The simulation's options as upstream's expanders read them (expander-filters.ts, the one
// implementation): each group exists, its node template is a new node's capacity, and its pods
// are listed as one carrying their summed requests and the rest none (every filter reads only how
// many pods an option places and what they request together, and the price model is linear).
// The empty ones are one shared pod: a scale-up for thousands of pods makes no object per pod.
function asUpstream(o: ExpansionOption): ExpanderOption {
  const pods: ExpanderPod[] = new Array<ExpanderPod>(o.podCount).fill(NO_POD);
  if (o.podCount > 0)
    pods[0] = { name: `${o.group}/pods`, cpuMilli: o.requested.cpuMilli, memoryBytes: o.requested.memoryBytes };
  return {
    group: o.group,
    nodeCount: o.nodeCount,
    exists: true,
    nodeTemplate: { cpuMilli: o.nodeCapacity.cpuMilli, memoryBytes: o.nodeCapacity.memoryBytes, pods: 110 },
    pods,
  };
}

// The GCE price model's per-resource prices (cloudprovider/gce/gce_price_model.go): a pod is priced
// as if on a perfectly matching machine.
const CPU_PRICE_PER_HOUR = 0.033174;
const MEMORY_PRICE_PER_GIB_HOUR = 0.004446;
const GiB = 2 ** 30;
const podPrice = (cpuMilli: number, memoryBytes: number) =>
  (cpuMilli / 1000) * CPU_PRICE_PER_HOUR + (memoryBytes / GiB) * MEMORY_PRICE_PER_GIB_HOUR;

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

// A pool's name as a regular expression that matches only it.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What the simulation tells the expanders: each pool's priority (an exact match on its name; pools
// without one match nothing) and its price, each pod's price by the GCE model, the stabilization
// pod (500m, 500 MiB) and the preferred node for the cluster's size.
function configFor(
  expander: Expander,
  upstream: ReadonlyMap<ExpansionOption, ExpanderOption>,
  clusterNodes: number,
): ExpanderConfig {
  if (expander !== 'price' && expander !== 'priority') return {};
  const priorities: Record<string, string[]> = {};
  const nodePricesPerGroup: Record<string, number> = {};
  const podPrices: Record<string, number> = { [NO_POD.name]: 0 };
  for (const [o, u] of upstream) {
    if (Number.isFinite(o.priority)) (priorities[String(o.priority)] ??= []).push(`^${escapeRegExp(o.group)}$`);
    nodePricesPerGroup[o.group] = o.pricePerHour;
    const first = u.pods[0];
    if (first !== undefined) podPrices[first.name] = podPrice(first.cpuMilli, first.memoryBytes);
  }
  return {
    priorities,
    nodePricesPerGroup,
    podPrices,
    stabilizationPodPrice: podPrice(500, 500 * 2 ** 20),
    preferredNode: { cpuMilli: preferredNodeCpuMilli(clusterNodes), memoryBytes: 0 },
  };
}

/** wasteScore is least-waste's score: the unused share of the new nodes' CPU plus that of their memory (expander/waste/waste.go). */
export function wasteScore(o: ExpansionOption): number {
  return wasteOf(asUpstream(o));
}

/** priceScore is the price expander's score (lower is better) for a cluster of `clusterNodes` nodes (expander/price/price.go). */
export function priceScore(o: ExpansionOption, clusterNodes: number): number {
  const u = asUpstream(o);
  return priceScoreOf(u, configFor('price', new Map([[o, u]]), clusterNodes))!;
}

// bestOptions applies `expander` (expanderBestOptions): the best options, ties kept, in their order.
function bestOptions(options: readonly ExpansionOption[], expander: Expander, clusterNodes = 0): ExpansionOption[] {
  const upstream = new Map(options.map((o) => [o, asUpstream(o)]));
  const config = configFor(expander, upstream, clusterNodes);
  const best = new Set(expanderBestOptions({ expander, options: [...upstream.values()], config }));
  return options.filter((o) => best.has(o.group));
}

/** leastWaste keeps the options with the lowest wasteScore. */
export const leastWaste = (options: readonly ExpansionOption[]) => bestOptions(options, 'least-waste');

/** mostPods keeps the options that schedule the most pods (expander/mostpods/mostpods.go). */
export const mostPods = (options: readonly ExpansionOption[]) => bestOptions(options, 'most-pods');

/** highestPriority keeps the options of the highest-priority node groups (expander/priority/priority.go); pools without a priority lose to any that has one. */
export const highestPriority = (options: readonly ExpansionOption[]) => bestOptions(options, 'priority');

/** cheapest keeps the options with the lowest priceScore. */
export const cheapest = (options: readonly ExpansionOption[], clusterNodes: number) =>
  bestOptions(options, 'price', clusterNodes);

/** bestOption applies `expander` and breaks what ties remain with `random` (a uniform draw in [0, 1)). */
export function bestOption(
  options: readonly ExpansionOption[],
  expander: Expander,
  random: () => number,
  clusterNodes = 0,
): ExpansionOption | null {
  if (options.length === 0) return null;
  const kept = bestOptions(options, expander, clusterNodes);
  if (kept.length === 0) return null;
  // The random expander: rand.Intn(len(options)); with one option left no draw is needed.
  return kept.length === 1 ? kept[0]! : kept[Math.floor(random() * kept.length)]!;
}
