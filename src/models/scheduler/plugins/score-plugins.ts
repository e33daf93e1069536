// kube-scheduler's score plugins in the default profile with their weights
// (pkg/scheduler/apis/config/v1/default_plugins.go), added up as the framework does it
// (pkg/scheduler/framework/runtime/framework.go RunScorePlugins: each plugin scores every node that
// passed the filters, NormalizeScore brings them to [0, 100], and a node's score is the weighted
// sum). Simplified: requests count as written (no non-zero defaults for containers that request
// nothing).
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { parseMilli, parseWhole } from '../../quantity.js';
import { balancedAllocationScore, resourceAllocationScore, type ScoringStrategy } from '../score.js';
import {
  DEFAULT_INTER_POD_AFFINITY_ARGS,
  hasPreferredPodAffinity,
  prepareInterPodAffinityScore,
} from './inter-pod-affinity-score.js';
import { prepareImageLocalityScore } from './image-locality.js';
import { podRequests, type PodResources } from './node-filters.js';
import { prepareNodeAffinityScore, prepareTaintTolerationScore } from './node-scores.js';
import type { PreparedScore } from './normalize-score.js';
import type { ClusterEntry } from './pod-topology-spread.js';
import {
  preparePodTopologySpreadScore,
  type DefaultConstraints,
  type PodsByDomain,
} from './pod-topology-spread-score.js';

/** SCORE_PLUGINS are the score plugins poolsim runs, by upstream's names, with the default profile's weights. */
export const SCORE_PLUGINS: ReadonlyArray<readonly [string, number]> = [
  ['TaintToleration', 3],
  ['NodeAffinity', 2],
  ['NodeResourcesFit', 1],
  ['PodTopologySpread', 2],
  ['InterPodAffinity', 2],
  ['NodeResourcesBalancedAllocation', 1],
  ['ImageLocality', 1],
];

/** ScoreOptions are the plugins' args: NodeResourcesFit's strategy, PodTopologySpread's defaults, InterPodAffinity's weights. */
export interface ScoreOptions {
  readonly strategy?: ScoringStrategy;
  readonly defaultConstraints?: DefaultConstraints;
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

/** ScoreInput is runScorePlugins' input: the pod, the nodes that passed the filters, every node with its pods, and the plugins to run (default: all). */
export interface ScoreInput extends ScoreOptions {
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly cluster: readonly ClusterEntry[];
  readonly plugins?: readonly string[];
}

/** NodeScore is a node's weighted total and each plugin's normalized score. */
export interface NodeScore {
  readonly node: string;
  readonly score: number;
  readonly plugins: Readonly<Record<string, number>>;
}

// One scheduling cycle's view for the score plugins.
interface Cycle {
  readonly pod: Pod;
  readonly filtered: readonly ClusterEntry[];
  readonly nodes: readonly Node[];
  readonly cluster: () => readonly ClusterEntry[];
  /** podsByDomain, where given, counts a controller's pods by domain for the default spread. */
  readonly podsByDomain?: PodsByDomain;
  /** affinityCluster is the nodes whose pods have terms that weigh in others' InterPodAffinity score (HavePodsWithAffinityList); the whole cluster where not given. */
  readonly affinityCluster?: () => readonly ClusterEntry[];
  readonly options: ScoreOptions;
}

type Prepare = (c: Cycle) => PreparedScore | null;

// What the node's pods request, the incoming pod's included.
function requestedWith(entry: ClusterEntry, want: PodResources): PodResources {
  const sum = { ...want };
  entry.pods.forEach((p, i) => {
    const r = podRequests(p);
    const n = entry.counts?.[i] ?? 1;
    sum.cpuMilli += r.cpuMilli * n;
    sum.memoryBytes += r.memoryBytes * n;
  });
  return sum;
}

function allocatableOf(node: Node): PodResources {
  const a = node.status?.allocatable ?? {};
  return { cpuMilli: parseMilli(a.cpu ?? 0), memoryBytes: parseWhole(a.memory ?? 0) };
}

const noNormalize = () => {};

const PREPARE: Readonly<Record<string, Prepare>> = {
  TaintToleration: (c) => prepareTaintTolerationScore(c.pod, c.nodes),
  NodeAffinity: (c) => prepareNodeAffinityScore(c.pod, c.nodes),
  NodeResourcesFit: (c) => {
    const want = podRequests(c.pod);
    const strategy = c.options.strategy ?? 'LeastAllocated';
    return {
      score: (k) => resourceAllocationScore(strategy, requestedWith(c.filtered[k]!, want), allocatableOf(c.nodes[k]!)),
      normalize: noNormalize,
    };
  },
  PodTopologySpread: (c) =>
    preparePodTopologySpreadScore(
      c.pod,
      c.filtered,
      c.cluster,
      c.options.defaultConstraints ?? 'System',
      c.podsByDomain,
    ),
  // Unless the pod prefers something of other pods, only nodes whose pods have such terms count.
  InterPodAffinity: (c) =>
    prepareInterPodAffinityScore(
      c.pod,
      c.nodes,
      hasPreferredPodAffinity(c.pod) ? c.cluster() : (c.affinityCluster ?? c.cluster)(),
      {
        hardPodAffinityWeight: c.options.hardPodAffinityWeight ?? DEFAULT_INTER_POD_AFFINITY_ARGS.hardPodAffinityWeight,
        ignorePreferredTermsOfExistingPods:
          c.options.ignorePreferredTermsOfExistingPods ??
          DEFAULT_INTER_POD_AFFINITY_ARGS.ignorePreferredTermsOfExistingPods,
      },
    ),
  ImageLocality: (c) => prepareImageLocalityScore(c.pod, c.nodes, c.cluster()),
  NodeResourcesBalancedAllocation: (c) => {
    const want = podRequests(c.pod);
    // A best-effort pod is not scored for balance (kubernetes/kubernetes#129138).
    if (want.cpuMilli === 0 && want.memoryBytes === 0) return null;
    return {
      score: (k) => balancedAllocationScore(requestedWith(c.filtered[k]!, want), allocatableOf(c.nodes[k]!)),
      normalize: noNormalize,
    };
  },
};

// Each plugin's normalized scores for the cycle's nodes; a plugin whose PreScore skips scores 0.
function normalizedScores(c: Cycle, plugin: string): number[] {
  const prepared = PREPARE[plugin]!(c);
  if (prepared === null) return c.filtered.map(() => 0);
  const scores = c.filtered.map((_, k) => prepared.score(k));
  prepared.normalize(scores);
  return scores;
}

/** runScorePlugins is RunScorePlugins for one pod over the nodes that passed the filters: each plugin's normalized score and the weighted total, in the order of `nodes`. */
export function runScorePlugins(input: ScoreInput): NodeScore[] {
  const { pod, nodes, cluster, plugins } = input;
  const unknown = (plugins ?? []).filter((p) => !SCORE_PLUGINS.some(([name]) => name === p));
  if (unknown.length > 0)
    throw new RangeError(
      `unknown score plugin(s) ${unknown.join(', ')}; expected some of ${SCORE_PLUGINS.map(([n]) => n).join(', ')}`,
    );
  const byName = new Map(cluster.map((e) => [e.node.metadata?.name, e]));
  const filtered = nodes.map((node) => byName.get(node.metadata?.name) ?? { node, pods: [] });
  const cycle: Cycle = { pod, filtered, nodes, cluster: () => cluster, options: input };
  const run = SCORE_PLUGINS.filter(([name]) => plugins === undefined || plugins.includes(name));
  const perPlugin = run.map(([name, weight]) => [name, weight, normalizedScores(cycle, name)] as const);
  return nodes.map((node, k) => ({
    node: node.metadata?.name ?? '',
    score: perPlugin.reduce((sum, [, weight, scores]) => sum + weight * scores[k]!, 0),
    plugins: Object.fromEntries(perPlugin.map(([name, , scores]) => [name, scores[k]!])),
  }));
}

/** CONSTRAINT_SCORES are the score plugins that read labels, taints and other pods, with their weights. */
const CONSTRAINT_SCORES = SCORE_PLUGINS.filter(([name]) =>
  ['TaintToleration', 'NodeAffinity', 'PodTopologySpread', 'InterPodAffinity'].includes(name),
);

/**
 * constraintScores is the weighted sum of TaintToleration, NodeAffinity, PodTopologySpread and
 * InterPodAffinity for each node of `filtered`, for a simulation that scores resources its own
 * faster way. `cluster` is asked for only when a plugin counts beyond the nodes to score;
 * InterPodAffinity runs only when the pod prefers something of other pods or
 * `existingPodAffinity` says some bound pod's terms may weigh in, and then, unless the pod prefers
 * something, over `affinityCluster` alone (the nodes with such pods), as upstream's PreScore does.
 */
export function constraintScores(
  pod: Pod,
  filtered: readonly ClusterEntry[],
  cluster: () => readonly ClusterEntry[],
  options: ScoreOptions & {
    readonly existingPodAffinity: boolean;
    readonly affinityCluster?: () => readonly ClusterEntry[];
    readonly podsByDomain?: PodsByDomain;
  },
): number[] {
  let all: readonly ClusterEntry[] | undefined;
  const cycle: Cycle = {
    pod,
    filtered,
    nodes: filtered.map((e) => e.node),
    cluster: () => (all ??= cluster()),
    ...(options.affinityCluster === undefined ? {} : { affinityCluster: options.affinityCluster }),
    ...(options.podsByDomain === undefined ? {} : { podsByDomain: options.podsByDomain }),
    options,
  };
  const totals = filtered.map(() => 0);
  for (const [name, weight] of CONSTRAINT_SCORES) {
    if (name === 'InterPodAffinity' && !options.existingPodAffinity && !hasPreferredPodAffinity(pod)) continue;
    normalizedScores(cycle, name).forEach((s, k) => (totals[k]! += weight * s));
  }
  return totals;
}
