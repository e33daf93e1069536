// kube-scheduler's filter plugins on Kubernetes objects as written, in the default profile's order
// (pkg/scheduler/apis/config/v1/default_plugins.go), the framework stopping at the first plugin
// that rejects a node (pkg/scheduler/framework/runtime/framework.go RunFilterPlugins). Each
// plugin's PreFilter state is computed from `cluster` within the call.
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { interPodAffinity } from './inter-pod-affinity.js';
import {
  nodeAffinity,
  nodeName,
  nodePorts,
  nodeResourcesFit,
  nodeUnschedulable,
  taintToleration,
} from './node-filters.js';
import { podTopologySpread, type ClusterEntry } from './pod-topology-spread.js';
import type { Code, FilterStatus } from './status.js';

export type { ClusterEntry } from './pod-topology-spread.js';
export type { Code } from './status.js';

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
  const podsOnNode = cluster.find((e) => e.node.metadata?.name === name)?.pods ?? [];
  for (const [plugin, filter] of FILTER_PLUGINS) {
    if (plugins !== undefined && !plugins.includes(plugin)) continue;
    const status = filter(pod, node, podsOnNode, cluster);
    if (status.code !== 'Success') return { fits: false, code: status.code, reasons: status.reasons };
  }
  return { fits: true, code: 'Success', reasons: [] };
}
