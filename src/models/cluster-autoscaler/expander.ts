// What the simulation tells the cluster autoscaler's expanders (expander-filters.ts, the one
// implementation; orchestrator.ts picks among what they keep at random, as upstream chains its
// strategies with a random fallback, kubernetes/autoscaler cluster-autoscaler/expander/factory/chain.go):
// each pool's priority for the priority expander's ConfigMap, and for the price expander each pool's
// node price, each pod's price by the GCE price model, the stabilization pod and the preferred node.
import type { ExpanderConfig, ExpanderName } from './expander-filters.js';

/** Expander is --expander. */
export type Expander = ExpanderName;

// The GCE price model's per-resource prices (cloudprovider/gce/gce_price_model.go): a pod is priced
// as if on a perfectly matching machine.
const CPU_PRICE_PER_HOUR = 0.033174;
const MEMORY_PRICE_PER_GIB_HOUR = 0.004446;
const GiB = 2 ** 30;

/** podPrice is the GCE price model's price of a pod's requests, per hour. */
export const podPrice = (cpuMilli: number, memoryBytes: number) =>
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

/** ExpanderPool is what the expanders know of a pool: its name, price per node-hour and priority (-Infinity: none). */
export interface ExpanderPool {
  readonly name: string;
  readonly pricePerHour: number;
  readonly priority: number;
}

/**
 * expanderConfigFor is the config `expander` reads: for priority, an exact match on each pool's
 * name under its priority (pools without one match nothing); for price, the pools' node prices, the
 * pods' prices, the stabilization pod (500m, 500 MiB) and the preferred node for a cluster of
 * `clusterNodes` nodes. Other expanders read none.
 */
export function expanderConfigFor(
  expander: Expander,
  pools: readonly ExpanderPool[],
  pods: ReadonlyArray<{ readonly name: string; readonly cpuMilli: number; readonly memoryBytes: number }>,
  clusterNodes: number,
): ExpanderConfig {
  if (expander === 'priority') {
    const priorities: Record<string, string[]> = {};
    for (const p of pools)
      if (Number.isFinite(p.priority)) (priorities[String(p.priority)] ??= []).push(`^${escapeRegExp(p.name)}$`);
    return { priorities };
  }
  if (expander !== 'price') return {};
  return {
    nodePricesPerGroup: Object.fromEntries(pools.map((p) => [p.name, p.pricePerHour])),
    podPrices: Object.fromEntries(pods.map((p) => [p.name, podPrice(p.cpuMilli, p.memoryBytes)])),
    stabilizationPodPrice: podPrice(500, 500 * 2 ** 20),
    preferredNode: { cpuMilli: preferredNodeCpuMilli(clusterNodes), memoryBytes: 0 },
  };
}
