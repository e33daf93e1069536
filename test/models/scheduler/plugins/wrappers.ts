// The test objects the scheduler plugin tables share, as plain v1 JSON:
//
// - makePod()/makeNode() re-create kubernetes/kubernetes pkg/scheduler/testing/wrappers.go's builders
//   (st.MakePod(), st.MakeNode(), st.MakeLabelSelector()) with the methods the ported tables call, so each
//   case reads as upstream's does. MakePod() leaves the namespace "", which is an absent metadata.namespace in
//   JSON (omitempty); MakeNode() sets capacity and allocatable pods to 32.
// - nodeWithTaints/podWithTolerations re-create taint_toleration_test.go's helpers of the same names.
// - clusterOf re-creates cache.NewSnapshot(pods, nodes).
import type {
  Node,
  NodeSelectorRequirement,
  Pod,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

export type Labels = Record<string, string>;

// framework.NodeScore
export interface NodeScore {
  readonly name: string;
  readonly score: number;
}

// ---- st.MakeLabelSelector() ----

// MakeLabelSelector().Exists(k).Obj()
export const existsSelector = (key: string): LabelSelector => ({ matchExpressions: [{ key, operator: 'Exists' }] });
// MakeLabelSelector().Obj(): an empty, non-nil selector (matches everything).
export const emptySelector = (): LabelSelector => ({});
// MakeLabelSelector().In(k, values).Obj()
const inSelector = (key: string, values: string[]): LabelSelector => ({
  matchExpressions: [{ key, operator: 'In', values }],
});
// MakeLabelSelector().NotIn(k, values).Obj()
const notInSelector = (key: string, values: string[]): LabelSelector => ({
  matchExpressions: [{ key, operator: 'NotIn', values }],
});

// ---- st.MakePod() ----

class PodWrapper {
  private pod: Pod = { metadata: {}, spec: { containers: [] } };

  private meta(m: Partial<NonNullable<Pod['metadata']>>): this {
    this.pod = { ...this.pod, metadata: { ...this.pod.metadata, ...m } };
    return this;
  }

  private spec(s: Partial<NonNullable<Pod['spec']>>): this {
    this.pod = { ...this.pod, spec: { containers: [], ...this.pod.spec, ...s } };
    return this;
  }

  name(n: string): this {
    return this.meta({ name: n });
  }

  // SetNamespace(""): JSON leaves an empty namespace out.
  namespace(ns: string): this {
    return ns === '' ? this : this.meta({ namespace: ns });
  }

  label(k: string, v: string): this {
    return this.meta({ labels: { ...this.pod.metadata?.labels, [k]: v } });
  }

  labels(m: Labels): this {
    for (const [k, v] of Object.entries(m)) this.label(k, v);
    return this;
  }

  node(n: string): this {
    return this.spec({ nodeName: n });
  }

  // Terminating(): deletionTimestamp set to now.
  terminating(): this {
    return this.meta({ deletionTimestamp: '2024-01-01T00:00:00Z' });
  }

  nodeSelector(m: Labels): this {
    return this.spec({ nodeSelector: m });
  }

  private requiredNodeAffinity(expression: NodeSelectorRequirement): this {
    const affinity = this.pod.spec?.affinity ?? {};
    return this.spec({
      affinity: {
        ...affinity,
        nodeAffinity: {
          ...affinity.nodeAffinity,
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expression] }] },
        },
      },
    });
  }

  // NodeAffinityIn(key, vals, NodeSelectorTypeMatchExpressions)
  nodeAffinityIn(key: string, values: string[]): this {
    return this.requiredNodeAffinity({ key, operator: 'In', values });
  }

  nodeAffinityNotIn(key: string, values: string[]): this {
    return this.requiredNodeAffinity({ key, operator: 'NotIn', values });
  }

  // SpreadConstraint(maxSkew, tpKey, mode, selector, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys)
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
    labelSelector: LabelSelector | undefined,
    opts: {
      minDomains?: number;
      nodeAffinityPolicy?: string;
      nodeTaintsPolicy?: string;
      matchLabelKeys?: string[];
    } = {},
  ): this {
    const c: TopologySpreadConstraint = {
      maxSkew,
      topologyKey,
      whenUnsatisfiable,
      ...(labelSelector === undefined ? {} : { labelSelector }),
      ...opts,
    };
    return this.spec({ topologySpreadConstraints: [...(this.pod.spec?.topologySpreadConstraints ?? []), c] });
  }

  private term(kind: 'podAffinity' | 'podAntiAffinity', topologyKey: string, labelSelector: LabelSelector): this {
    const affinity = this.pod.spec?.affinity ?? {};
    const terms = affinity[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    return this.spec({
      affinity: {
        ...affinity,
        [kind]: {
          ...affinity[kind],
          requiredDuringSchedulingIgnoredDuringExecution: [...terms, { labelSelector, topologyKey }],
        },
      },
    });
  }

  // PodAffinityIn(labelKey, topologyKey, vals, PodAffinityWithRequiredReq) and its kin.
  podAffinityIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.term('podAffinity', topologyKey, inSelector(labelKey, values));
  }

  podAffinityNotIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.term('podAffinity', topologyKey, notInSelector(labelKey, values));
  }

  podAffinityExists(labelKey: string, topologyKey: string): this {
    return this.term('podAffinity', topologyKey, existsSelector(labelKey));
  }

  podAntiAffinityIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.term('podAntiAffinity', topologyKey, inSelector(labelKey, values));
  }

  podAntiAffinityNotIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.term('podAntiAffinity', topologyKey, notInSelector(labelKey, values));
  }

  podAntiAffinityExists(labelKey: string, topologyKey: string): this {
    return this.term('podAntiAffinity', topologyKey, existsSelector(labelKey));
  }

  obj(): Pod {
    return this.pod;
  }
}
export const makePod = () => new PodWrapper();

// ---- st.MakeNode() ----

class NodeWrapper {
  // MakeNode() sets capacity and allocatable pods to 32.
  private node: Node = { metadata: {}, status: { capacity: { pods: '32' }, allocatable: { pods: '32' } } };

  name(n: string): this {
    this.node = { ...this.node, metadata: { ...this.node.metadata, name: n } };
    return this;
  }

  label(k: string, v: string): this {
    this.node = {
      ...this.node,
      metadata: { ...this.node.metadata, labels: { ...this.node.metadata?.labels, [k]: v } },
    };
    return this;
  }

  taints(taints: Taint[]): this {
    this.node = { ...this.node, spec: { ...this.node.spec, taints } };
    return this;
  }

  obj(): Node {
    return this.node;
  }
}
export const makeNode = () => new NodeWrapper();

// ---- taint_toleration_test.go ----

// taint_toleration_test.go nodeWithTaints
export const nodeWithTaints = (nodeName: string, taints: Taint[]): Node => ({
  metadata: { name: nodeName },
  spec: { taints },
});

// taint_toleration_test.go podWithTolerations
export const podWithTolerations = (podName: string, tolerations: Toleration[]): Pod => ({
  metadata: { name: podName },
  spec: { containers: [], tolerations },
});

// ---- cache.NewSnapshot ----

// cache.NewSnapshot(pods, nodes): every node with the pods bound to it, in the order of `nodes`; a pod bound to a
// node outside the list gets a NodeInfo without a Node upstream, here a stand-in node with no labels (added after
// the listed nodes), which no topology key can count.
export function clusterOf(nodes: readonly Node[], pods: readonly Pod[]): Array<{ node: Node; pods: Pod[] }> {
  const cluster = nodes.map((node) => ({ node, pods: [] as Pod[] }));
  for (const pod of pods) {
    const name = pod.spec?.nodeName ?? '';
    let entry = cluster.find((e) => e.node.metadata?.name === name);
    if (entry === undefined) {
      entry = { node: { metadata: { name } }, pods: [] };
      cluster.push(entry);
    }
    entry.pods.push(pod);
  }
  return cluster;
}
