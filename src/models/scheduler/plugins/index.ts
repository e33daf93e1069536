// kube-scheduler's filter plugins on Kubernetes objects as written, in the default profile's order
// (pkg/scheduler/apis/config/v1/default_plugins.go), the framework stopping at the first plugin
// that rejects a node (pkg/scheduler/framework/runtime/framework.go RunFilterPlugins). Each
// plugin's PreFilter state is computed from `cluster` within the call.
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { interPodAffinity } from './inter-pod-affinity.js';
import {
  nodeAffinity,
  nodeName,
  nodePorts,
  nodeResourcesFit,
  nodeUnschedulable,
  taintToleration,
} from './node-filters.js';
import { hasRequiredAntiAffinity, prepareInterPodAffinity } from './inter-pod-affinity.js';
import { hardSpreadConstraints, podTopologySpread, preparePodTopologySpread } from './pod-topology-spread.js';
import type { ClusterEntry } from './pod-topology-spread.js';
import { isHardTaint } from './selectors.js';
import { SUCCESS, type Code, type FilterStatus } from './status.js';

export type { ClusterEntry } from './pod-topology-spread.js';
export { hasRequiredAntiAffinity } from './inter-pod-affinity.js';
export type { Code } from './status.js';
export {
  runScorePlugins,
  constraintScores,
  SCORE_PLUGINS,
  type NodeScore,
  type ScoreInput,
  type ScoreOptions,
} from './score-plugins.js';
export { SYSTEM_DEFAULT_CONSTRAINTS, type DefaultConstraints, type PodsByDomain } from './pod-topology-spread-score.js';
export { hasPodAffinityScoring } from './inter-pod-affinity-score.js';

type Filter = (pod: Pod, node: Node, podsOnNode: readonly Pod[], cluster: readonly ClusterEntry[]) => FilterStatus;

/** FILTER_PLUGINS are the filters, by upstream's names, in the default profile's order. */
export const FILTER_PLUGINS: ReadonlyArray<readonly [string, Filter]> = [
  ['NodeUnschedulable', (pod, node) => nodeUnschedulable(pod, node)],
  ['NodeName', (pod, node) => nodeName(pod, node)],
  ['TaintToleration', (pod, node) => taintToleration(pod, node)],
  ['NodeAffinity', (pod, node) => nodeAffinity(pod, node)],
  ['NodePorts', (pod, _node, podsOnNode) => nodePorts(pod, podsOnNode)],
  ['NodeResourcesFit', (pod, node, podsOnNode) => nodeResourcesFit(pod, node, podsOnNode)],
  ['PodTopologySpread', (pod, node, _pods, cluster) => podTopologySpread(pod, node, cluster)],
  ['InterPodAffinity', (pod, node, _pods, cluster) => interPodAffinity(pod, node, cluster)],
];

/** FilterInput is runFilterPlugins' input: the pod, the node, every node with its pods, and the plugins to run (default: all). */
export interface FilterInput {
  readonly pod: Pod;
  readonly node: Node;
  readonly cluster: readonly ClusterEntry[];
  readonly plugins?: readonly string[];
}

/** FilterResult is the framework's verdict: whether the pod fits, the status code and upstream's reasons. */
export interface FilterResult {
  readonly fits: boolean;
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** runFilterPlugins is RunFilterPlugins for one pod and one node: the plugins in upstream's order, stopping at the first that rejects. */
export function runFilterPlugins(input: FilterInput): FilterResult {
  const { pod, node, cluster, plugins } = input;
  const unknown = (plugins ?? []).filter((p) => !FILTER_PLUGINS.some(([name]) => name === p));
  if (unknown.length > 0)
    throw new RangeError(
      `unknown filter plugin(s) ${unknown.join(', ')}; expected some of ${FILTER_PLUGINS.map(([n]) => n).join(', ')}`,
    );
  const name = node.metadata?.name;
  const entry = cluster.find((e) => e.node.metadata?.name === name);
  // A pod standing for `counts[i]` identical ones takes as many pod slots, ports and requests.
  const podsOnNode = (entry?.pods ?? []).flatMap((p, i) => Array<Pod>(entry?.counts?.[i] ?? 1).fill(p));
  for (const [plugin, filter] of FILTER_PLUGINS) {
    if (plugins !== undefined && !plugins.includes(plugin)) continue;
    const status = filter(pod, node, podsOnNode, cluster);
    if (status.code !== 'Success') return { fits: false, code: status.code, reasons: status.reasons };
  }
  return { fits: true, code: 'Success', reasons: [] };
}

/**
 * ConstraintFilters are the filters that read labels, taints and other pods, split where upstream's
 * order puts NodePorts and NodeResourcesFit between them: `nodeLocal` is TaintToleration then
 * NodeAffinity, `clusterWide` PodTopologySpread then InterPodAffinity. A simulation that checks
 * resources and ports its own faster way runs these around that check.
 */
export interface ConstraintFilters {
  readonly nodeLocal: (node: Node) => FilterStatus;
  readonly clusterWide: (node: Node) => FilterStatus;
}

// Whether each pod object is constrained, worked out once: a simulation's replicas share one.
const constrainedPods = new WeakMap<Pod, boolean>();

/** isConstrained says whether a pod asks anything of a node's labels or taints, or of other pods. */
export function isConstrained(pod: Pod): boolean {
  let known = constrainedPods.get(pod);
  if (known === undefined) constrainedPods.set(pod, (known = asksOfNodes(pod)));
  return known;
}

function asksOfNodes(pod: Pod): boolean {
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const affinity = spec.affinity ?? {};
  return (
    Object.keys(spec.nodeSelector ?? {}).length > 0 ||
    affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined ||
    (affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
    hasRequiredAntiAffinity(pod) ||
    hardSpreadConstraints(pod).length > 0
  );
}

/** hasHardTaints says whether a node has a NoSchedule or NoExecute taint, which only pods that tolerate it pass. */
export const hasHardTaints = (node: Node): boolean => (node.spec?.taints ?? []).some(isHardTaint);

/**
 * prepareConstraintFilters runs the constraint filters' PreFilters for `pod`; `cluster` is asked
 * for at most once, and only when a cluster-wide filter has something to count: the pod's own
 * spread or affinity terms, or, with `existingAntiAffinity`, other pods' anti-affinity.
 */
export function prepareConstraintFilters(
  pod: Pod,
  cluster: () => readonly ClusterEntry[],
  existingAntiAffinity: boolean,
): ConstraintFilters {
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const spread = hardSpreadConstraints(pod).length > 0;
  const affinity =
    existingAntiAffinity ||
    (spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
    hasRequiredAntiAffinity(pod);
  let wide: ((node: Node) => FilterStatus) | undefined;
  const prepareWide = () => {
    const entries = cluster();
    const spreadFilter = spread ? preparePodTopologySpread(pod, entries) : () => SUCCESS;
    const affinityFilter = affinity ? prepareInterPodAffinity(pod, entries) : () => SUCCESS;
    return (node: Node) => {
      const s = spreadFilter(node);
      return s.code === 'Success' ? affinityFilter(node) : s;
    };
  };
  return {
    nodeLocal: (node) => {
      const s = taintToleration(pod, node);
      return s.code === 'Success' ? nodeAffinity(pod, node) : s;
    },
    clusterWide: spread || affinity ? (node) => (wide ??= prepareWide())(node) : () => SUCCESS,
  };
}
