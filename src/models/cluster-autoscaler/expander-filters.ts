// The cluster autoscaler's expanders as upstream's filters: each takes the expansion options and
// returns the best of them, ties kept (kubernetes/autoscaler cluster-autoscaler/expander/*:
// waste/waste.go, mostpods/mostpods.go, leastnodes/leastnodes.go, price/price.go with
// preferred.go, priority/priority.go; factory/chain.go picks among what the chain leaves at
// random). Tested against upstream's own tests (test/models/cluster-autoscaler/expander-filters.test.ts).

/** ExpanderName is --expander: the filters, and random. */
export type ExpanderName = 'least-waste' | 'most-pods' | 'least-nodes' | 'price' | 'priority' | 'random';

/** ExpanderPod is a pending pod an option would place. */
export interface ExpanderPod {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** ExpanderOption is expander.Option: a node group, how many nodes, its node template (null: no node info), the pods placed. */
export interface ExpanderOption {
  readonly group: string;
  readonly nodeCount: number;
  /** exists: the group exists (false: one node auto-provisioning would create). */
  readonly exists: boolean;
  readonly nodeTemplate: { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number } | null;
  readonly pods: readonly ExpanderPod[];
}

/**
 * ExpanderConfig: for `priority`, priorities (a priority, as a string, → regular expressions on group
 * names: the priority expander's ConfigMap); for `price`, the price of one node of each group's
 * template and of each pod, the stabilization pod's price, the preferred node and the penalty of a
 * group yet to be created (upstream's notExistCoeficient, 2).
 */
export interface ExpanderConfig {
  readonly priorities?: Readonly<Record<string, readonly string[]>>;
  readonly nodePricesPerGroup?: Readonly<Record<string, number>>;
  readonly podPrices?: Readonly<Record<string, number>>;
  readonly stabilizationPodPrice?: number;
  readonly preferredNode?: { readonly cpuMilli: number; readonly memoryBytes: number };
  readonly notExistCoefficient?: number;
}

/** expanderBestOptions is the expander's BestOptions: the groups of the best options, in their order, ties kept. */
export function expanderBestOptions(input: {
  readonly expander: ExpanderName;
  readonly options: readonly ExpanderOption[];
  readonly config?: ExpanderConfig;
}): string[] {
  const { options, config = {} } = input;
  switch (input.expander) {
    case 'least-waste':
      return leastWasted(options);
    case 'most-pods':
      return keepBest(options, (o) => o.pods.length);
    case 'least-nodes':
      // An option of 0 nodes is no option (leastnodes.go).
      return keepBest(
        options.filter((o) => o.nodeCount > 0),
        (o) => -o.nodeCount,
      );
    case 'price':
      return cheapestOptions(options, config);
    case 'priority':
      return highestPriorities(options, config.priorities ?? {});
    case 'random':
      return options.map((o) => o.group);
  }
}

/** wasteOf is least-waste's score (waste.go) of an option with a node template: the unused share of the new nodes' CPU plus that of their memory. */
function wasteOf(o: ExpanderOption): number {
  const t = o.nodeTemplate!;
  const cpu = o.pods.reduce((s, p) => s + p.cpuMilli, 0);
  const memory = o.pods.reduce((s, p) => s + p.memoryBytes, 0);
  const [availCpu, availMemory] = [t.cpuMilli * o.nodeCount, t.memoryBytes * o.nodeCount];
  return (availCpu - cpu) / availCpu + (availMemory - memory) / availMemory;
}

// waste.go: the least waste; options without a node template are skipped.
function leastWasted(options: readonly ExpanderOption[]): string[] {
  const scored = options.filter((o) => o.nodeTemplate !== null);
  return keepBest(scored, (o) => -wasteOf(o));
}

// priority.go: each option takes the highest priority whose expressions match its group's name
// (anywhere in it, as Go's MatchString); the options of the highest kept, or all when none matches.
function highestPriorities(
  options: readonly ExpanderOption[],
  priorities: Readonly<Record<string, readonly string[]>>,
): string[] {
  const levels = Object.entries(priorities).map(([p, res]) => ({
    priority: Number(p),
    res: res.map((r) => new RegExp(r)),
  }));
  let best = -1;
  let kept: string[] = [];
  for (const o of options) {
    for (const l of levels) {
      if (!l.res.some((re) => re.test(o.group)) || l.priority < best) continue;
      if (l.priority > best) [best, kept] = [l.priority, []];
      if (!kept.includes(o.group)) kept.push(o.group);
    }
  }
  return kept.length === 0 ? options.map((o) => o.group) : kept;
}

/**
 * priceScoreOf is the price expander's score (price.go, lower is better): (nodes' price +
 * stabilization) / (pods' price + stabilization), times the node's unfitness against the preferred
 * node (SimpleNodeUnfitness: the CPU ratio, the larger way round) damped for large scale-ups;
 * doubled for a group yet to be created. Null when the option cannot be priced (no node template,
 * or no price for its node or one of its pods): upstream skips it.
 */
function priceScoreOf(o: ExpanderOption, config: ExpanderConfig): number | null {
  const preferred = config.preferredNode ?? { cpuMilli: 4000, memoryBytes: 16 * 2 ** 30 };
  const stabilization = config.stabilizationPodPrice ?? 0;
  const nodePrice = config.nodePricesPerGroup?.[o.group];
  let podsPrice = 0;
  for (const p of o.pods) {
    const price = config.podPrices?.[p.name];
    if (price === undefined) return null;
    podsPrice += price;
  }
  if (o.nodeTemplate === null || nodePrice === undefined) return null;
  const priceSubScore = (nodePrice * o.nodeCount + stabilization) / (podsPrice + stabilization);
  const cpu = o.nodeTemplate.cpuMilli;
  const unfitness = Math.max(preferred.cpuMilli / cpu, cpu / preferred.cpuMilli);
  const suppressed = (unfitness - 1) * (1 - Math.tanh((o.nodeCount - 1) / 15)) + 1;
  return suppressed * priceSubScore * (o.exists ? 1 : (config.notExistCoefficient ?? 2));
}

// price.go: the lowest priceScoreOf among the options it can price.
function cheapestOptions(options: readonly ExpanderOption[], config: ExpanderConfig): string[] {
  const scores = new Map<ExpanderOption, number>();
  for (const o of options) {
    const score = priceScoreOf(o, config);
    if (score !== null) scores.set(o, score);
  }
  return keepBest([...scores.keys()], (o) => -scores.get(o)!);
}

// The groups of the options whose score equals the highest, in their order.
function keepBest(options: readonly ExpanderOption[], score: (o: ExpanderOption) => number): string[] {
  let best = -Infinity;
  let kept: string[] = [];
  for (const o of options) {
    const s = score(o);
    if (s > best) [best, kept] = [s, [o.group]];
    else if (s === best) kept.push(o.group);
  }
  return kept;
}
