// Upstream's own filter tables for the node-local plugins, ported to runFilterPlugins (one plugin per table):
//
// - pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go TestTaintTolerationFilter
//   (stored version 04c0d74f8e8bf18e93a9d8d082b218d3eb4c6395, the one with the Gt/Lt toleration cases).
// - pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go TestNodeAffinity, the Filter
//   expectations (wantStatus) (stored version 17bae91f207a5f2b101e581c90f7a72fc9adef96; its Filter cases are
//   the same as 022462ccaeb5664cfd0c860978624bb0619aaa01's).
// - pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable
//   (stored version b574b11f6b28f06e17333bb110e9374db3259bad).
// - pkg/scheduler/framework/plugins/nodename/node_name_test.go TestNodeName
//   (stored version 96a58e4b8a59fab0b3735b1ae0cf92eeab6fc49c).
// - pkg/scheduler/framework/plugins/nodeports/node_ports_test.go TestNodePorts (the newest stored version, the
//   one that imports k8s.io/kube-scheduler/framework as fwk and has the two initContainer cases; the older
//   27214b84cfe38d60c33b93b5b3a43be3ad99c2e9 has the first 13 cases).
// - pkg/scheduler/framework/plugins/noderesources/fit_test.go TestEnoughRequests (the newest stored version, the
//   one with the fwk import and the DRA extended-resource cases; the older
//   24fbb13eafec665e6f4b64961930774babd8b6d1 has the same cpu/memory cases minus the pod-level ones), and from
//   the same file TestNotEnoughRequests (the "Too many pods" cases) and the SidecarContainers-enabled cases of
//   TestRestartableInitContainers.
//
// A nil wantStatus is Success with no reasons. A PreFilter that returns Skip means Filter is not run: Success.
// Upstream's Go objects are written as v1 JSON: a Go field left at its zero value is left out, except where
// kubernetes-types requires the field (PodSpec.containers is [] where upstream's is nil; Container.name is ''
// where upstream's is ""; ContainerPort.containerPort is 0). Namespaces: every pod here leaves it "" upstream,
// so metadata.namespace is absent (no plugin in this file reads it).
//
// Quantities, as resource.Quantity.String() prints upstream's values: cpu in millicores 'Nm' ('0' for zero,
// from NewMilliQuantity(n, DecimalSI)); memory, pods, ephemeral-storage, hugepages and extended resources as
// plain integers 'N' (from NewQuantity(n, BinarySI/DecimalSI): memory is in bytes, so '20' is 20 bytes); the
// overheads and pod-level requests as upstream's MustParse strings ('3m', '13', '7m', '2').
//
// Not ported:
// - TestTaintTolerationFilter: "Pod with Gt toleration cannot be scheduled on node when taint value is lower than
//   threshold", "Pod with Gt toleration can be scheduled on node when taint value is higher than threshold",
//   "Pod with Lt toleration cannot be scheduled on node when taint value is higher than threshold", "Pod with Lt
//   toleration can be scheduled on node when taint value is lower than threshold", "Pod with Gt toleration cannot
//   be scheduled on node with non-numeric taint value": they run with the TaintTolerationComparisonOperators
//   feature on (alpha, off by default; the last one expects an error status). TestTaintTolerationFilterWithFeatureGate
//   is not ported either.
// - TestNodeAffinity: "Matches added affinity and Pod's node affinity", "Matches added affinity but not Pod's node
//   affinity", "Doesn't match added affinity": they need the plugin's args (NodeAffinityArgs.AddedAffinity).
//   The PreFilter expectations (wantPreFilterStatus, wantPreFilterResult) are not checked, only Filter's.
// - TestNodeUnschedulable, TestNodeName, TestNodePorts: none skipped.
// - TestEnoughRequests: every case about extended, kubernetes.io, hugepages or DRA resources, or that needs the
//   plugin's args: "extended resource fits", "extended resource fits for init container", "extended resource
//   capacity enforced", "extended resource capacity enforced for init container", "extended resource allocatable
//   enforced", "extended resource allocatable enforced for init container", "extended resource allocatable
//   enforced for multiple containers", "extended resource allocatable admits multiple init containers", "extended
//   resource allocatable enforced for multiple init containers", "extended resource allocatable enforced for
//   unknown resource", "extended resource allocatable enforced for unknown resource for init container",
//   "kubernetes.io resource capacity enforced", "kubernetes.io resource capacity enforced for init container",
//   "hugepages resource capacity enforced", "hugepages resource capacity enforced for init container", "hugepages
//   resource allocatable enforced for multiple containers", "skip checking ignored extended resource", "skip
//   checking ignored extended resource via resource groups", "skip checking extended resource request with
//   quantity zero via resource groups", "skip checking resource request with quantity zero", "pod-level hugepages
//   resource fit", "both pod-level and container-level hugepages resource fit", "pod-level hugepages resource not
//   fit", "extended resource backed by device plugin", "extended resource backed by DRA", "extended resource
//   backed by DRA, nil draManager", "extended resource backed by DRA not enabled", "extended resource NOT backed
//   by DRA", "extended resource was backed by Device Plugin (Allocatable: 0)", "extended resource was backed by
//   Device Plugin (Allocatable: 0), global cache". The wantInsufficientResources lists are not checked (not part
//   of the status). TestStorageRequests (ephemeral storage) is not ported.
//   The pod-level cases kept run upstream with podLevelResourcesEnabled (PodLevelResources, beta and on by
//   default from 1.34); kubernetes-types 1.30 has no PodSpec.resources, so withPodResources adds it untyped.
// - TestRestartableInitContainers: "allow pod without restartable init containers if sidecar containers is
//   disabled", "not allow pod with restartable init containers if sidecar containers is disabled": they turn the
//   SidecarContainers feature off (GA, always on).
import { describe, expect, it } from 'vitest';
import type {
  Container,
  ContainerPort,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  ResourceRequirements,
} from 'kubernetes-types/core/v1.js';
import { runFilterPlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { nodeWithTaints, podWithTolerations } from './wrappers.js';

type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';
interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
}
type Labels = Record<string, string>;
type ResourceList = Record<string, string>;

// nil, framework.NewStatus(framework.Unschedulable, reasons...), NewStatus(UnschedulableAndUnresolvable, ...)
const SUCCESS: Status = { code: 'Success', reasons: [] };
const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

interface Case {
  readonly name: string;
  readonly pod: Pod;
  readonly node: Node;
  /** The pods already on the node (upstream's NodeInfo pods). */
  readonly podsOnNode?: readonly Pod[];
  readonly want: Status;
}

// Runs one plugin on one node, the node in `cluster` with its pods, and compares the whole verdict.
function runCases(plugin: string, cases: readonly Case[]): void {
  for (const c of cases)
    it(c.name, () => {
      const got = runFilterPlugins({
        pod: c.pod,
        node: c.node,
        cluster: [{ node: c.node, pods: [...(c.podsOnNode ?? [])] }],
        plugins: [plugin],
      });
      expect({ fits: got.fits, code: got.code, reasons: [...got.reasons] }).toEqual({
        fits: c.want.code === 'Success',
        code: c.want.code,
        reasons: [...c.want.reasons],
      });
    });
}

// ---- TaintToleration ----

// taint_toleration.go Filter's reason. Upstream changed it in PR #134740 (in 1.35, cherry-picked to 1.34 by
// #135023); before it the reason was `node(s) had untolerated taint {<key>: <value>}`, e.g.
// "node(s) had untolerated taint {dedicated: user1}" and "node(s) had untolerated taint {foo: bar}" for the three
// rejecting cases below.
const UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';

// upstream: TestTaintTolerationFilter
describe('TaintToleration: upstream TestTaintTolerationFilter', () => {
  runCases('TaintToleration', [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      pod: podWithTolerations('pod1', []),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: unresolvable(UNTOLERATED_TAINT),
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: SUCCESS,
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: unresolvable(UNTOLERATED_TAINT),
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      want: SUCCESS,
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ]),
      node: nodeWithTaints('nodeA', [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ]),
      want: SUCCESS,
    },
    {
      name:
        "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, " +
        "can't be scheduled onto the node",
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      want: unresolvable(UNTOLERATED_TAINT),
    },
    {
      name:
        'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, ' +
        'and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      want: SUCCESS,
    },
    {
      name:
        "The pod has a toleration that key and value don't match the taint on the node, " +
        'but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      want: SUCCESS,
    },
    {
      name:
        'The pod has no toleration, ' +
        'but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', []),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      want: SUCCESS,
    },
  ]);
});

// ---- NodeAffinity ----

// node_affinity.go ErrReasonPod
const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

// The test's node: v1.Node{ObjectMeta: {Name: test.nodeName, Labels: test.labels}}.
function affinityNode(nodeName = '', labels?: Labels): Node {
  return { metadata: { ...(nodeName === '' ? {} : { name: nodeName }), ...(labels === undefined ? {} : { labels }) } };
}

// &v1.Pod{Spec: {NodeSelector: ..., Affinity: {NodeAffinity: {RequiredDuringSchedulingIgnoredDuringExecution: {NodeSelectorTerms: terms}}}}}
function requiredAffinityPod(terms: NodeSelectorTerm[], nodeSelector?: Labels): Pod {
  return {
    spec: {
      containers: [],
      ...(nodeSelector === undefined ? {} : { nodeSelector }),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
    },
  };
}

// st.MakePod().NodeSelector(m).Obj()
const nodeSelectorPod = (nodeSelector: Labels): Pod => ({ spec: { containers: [], nodeSelector } });

// metav1.ObjectNameField In [name]
const nameIn = (name: string): NodeSelectorRequirement => ({ key: 'metadata.name', operator: 'In', values: [name] });

// upstream: TestNodeAffinity (Filter expectations)
describe('NodeAffinity: upstream TestNodeAffinity', () => {
  runCases('NodeAffinity', [
    {
      name: 'missing labels',
      pod: nodeSelectorPod({ foo: 'bar' }),
      node: affinityNode(),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'same labels',
      pod: nodeSelectorPod({ foo: 'bar' }),
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name: 'node labels are superset',
      pod: nodeSelectorPod({ foo: 'bar' }),
      node: affinityNode('', { foo: 'bar', baz: 'blah' }),
      want: SUCCESS,
    },
    {
      name: 'node labels are subset',
      pod: nodeSelectorPod({ foo: 'bar', baz: 'blah' }),
      node: affinityNode('', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }]),
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }]),
      // We use two digit to denote major version and two digit for minor version.
      node: affinityNode('', { 'kernel-version': '0206' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      pod: requiredAffinityPod([
        { matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] },
      ]),
      node: affinityNode('', { 'mem-type': 'DDR3' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }]),
      node: affinityNode('', { GPU: 'NVIDIA-GRID-K1' }),
      want: SUCCESS,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }]),
      node: affinityNode('', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      pod: requiredAffinityPod([{ matchExpressions: [] }]),
      node: affinityNode('', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      // PreFilter returns Skip.
      name: 'Pod with no Affinity will schedule onto a node',
      pod: { spec: { containers: [] } },
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      // PreFilter returns Skip.
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      pod: { spec: { containers: [], affinity: { nodeAffinity: {} } } },
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      pod: requiredAffinityPod([
        {
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
          ],
        },
      ]),
      node: affinityNode('', { GPU: 'NVIDIA-GRID-K1' }),
      want: SUCCESS,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      pod: requiredAffinityPod([
        {
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] },
          ],
        },
      ]),
      node: affinityNode('', { GPU: 'NVIDIA-GRID-K1' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      pod: requiredAffinityPod([
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] },
        { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] },
      ]),
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name:
        'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) ' +
        'both are satisfied, will schedule onto the node',
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }], { foo: 'bar' }),
      node: affinityNode('', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name:
        "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) " +
        "is not satisfied, won't schedule onto the node",
      pod: requiredAffinityPod([{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }], { foo: 'bar' }),
      node: affinityNode('', { foo: 'barrrrrr' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      // The value fails label-value validation when the term is parsed; a term that does not parse matches nothing.
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      pod: requiredAffinityPod([
        { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] },
      ]),
      node: affinityNode('', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      pod: requiredAffinityPod([{ matchFields: [nameIn('node1')] }]),
      node: affinityNode('node1'),
      want: SUCCESS,
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      pod: requiredAffinityPod([{ matchFields: [nameIn('node1')] }]),
      node: affinityNode('node2'),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: requiredAffinityPod([
        { matchFields: [nameIn('node1'), nameIn('node2')] },
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
      ]),
      node: affinityNode('node2', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      pod: requiredAffinityPod([
        { matchFields: [nameIn('node1')], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
      ]),
      node: affinityNode('node2', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      pod: requiredAffinityPod([
        { matchFields: [nameIn('node1')], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
      ]),
      node: affinityNode('node1', { foo: 'bar' }),
      want: SUCCESS,
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      pod: requiredAffinityPod([
        { matchFields: [nameIn('node1')] },
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['not-match-to-bar'] }] },
      ]),
      node: affinityNode('node2', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Pod with two terms of node.Name affinity',
      pod: requiredAffinityPod([{ matchFields: [nameIn('node1')] }, { matchFields: [nameIn('node2')] }]),
      node: affinityNode('node2'),
      want: SUCCESS,
    },
    {
      // Upstream's PreFilter rejects this pod first (UnschedulableAndUnresolvable, "pod affinity terms
      // conflict"); the test still runs Filter, whose status is the one ported here.
      name: 'Pod with two conflicting mach field requirements',
      pod: requiredAffinityPod([{ matchFields: [nameIn('node1'), nameIn('node2')] }]),
      node: affinityNode('node2', { foo: 'bar' }),
      want: unresolvable(ERR_REASON_POD),
    },
    {
      name: 'Matches node selector correctly even if PreFilter is not called',
      pod: nodeSelectorPod({ foo: 'bar' }),
      node: affinityNode('', { foo: 'bar', baz: 'blah' }),
      want: SUCCESS,
    },
    {
      name: 'Matches node affinity correctly even if PreFilter is not called',
      pod: requiredAffinityPod([
        {
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
          ],
        },
      ]),
      node: affinityNode('', { GPU: 'NVIDIA-GRID-K1' }),
      want: SUCCESS,
    },
  ]);
});

// ---- NodeUnschedulable ----

// node_unschedulable.go ErrReasonUnschedulable
const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

// upstream: TestNodeUnschedulable
describe('NodeUnschedulable: upstream TestNodeUnschedulable', () => {
  runCases('NodeUnschedulable', [
    {
      name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)',
      pod: { spec: { containers: [] } },
      node: { spec: { unschedulable: true } },
      want: unresolvable(ERR_REASON_UNSCHEDULABLE),
    },
    {
      name: 'Schedule pod to normal node',
      pod: { spec: { containers: [] } },
      // Unschedulable: false is the zero value, left out.
      node: { spec: {} },
      want: SUCCESS,
    },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      // v1.TaintNodeUnschedulable, v1.TaintEffectNoSchedule; no operator (Equal) and no value.
      pod: {
        spec: { containers: [], tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
      },
      node: { spec: { unschedulable: true } },
      want: SUCCESS,
    },
  ]);
});

// ---- NodeName ----

// node_name.go ErrReason
const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

// upstream: TestNodeName
describe('NodeName: upstream TestNodeName', () => {
  runCases('NodeName', [
    { name: 'no host specified', pod: { spec: { containers: [] } }, node: {}, want: SUCCESS },
    {
      name: 'host matches',
      pod: { spec: { containers: [], nodeName: 'foo' } },
      node: { metadata: { name: 'foo' } },
      want: SUCCESS,
    },
    {
      name: "host doesn't match",
      pod: { spec: { containers: [], nodeName: 'bar' } },
      node: { metadata: { name: 'foo' } },
      want: unresolvable(ERR_REASON_NODE_NAME),
    },
  ]);
});

// ---- NodePorts ----

// node_ports.go ErrReason
const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

// node_ports_test.go newPod(host, "PROTOCOL/hostIP/hostPort"...): st.MakePod().Node(host).ContainerPort(ports),
// one container named "container" with image "pause".
function portsPod(host: string, ...hostPortInfos: string[]): Pod {
  const ports: ContainerPort[] = hostPortInfos.map((info) => {
    const [protocol, hostIP, hostPort] = info.split('/');
    return { containerPort: 0, hostIP: hostIP!, hostPort: Number(hostPort), protocol: protocol! };
  });
  return { spec: { containers: [{ name: 'container', image: 'pause', ports }], nodeName: host } };
}

// st.MakePod().InitContainerPort(sidecar, ports): one init container with the ports, restartPolicy Always when it
// is a sidecar. (The wrapper's container name and image are not in the stored wrappers.go; they are not read.)
function initContainerPortPod(sidecar: boolean, ports: ContainerPort[]): Pod {
  const init: Container = {
    name: 'init-container',
    image: 'pause',
    ports,
    ...(sidecar ? { restartPolicy: 'Always' } : {}),
  };
  return { spec: { containers: [], initContainers: [init] } };
}

// The pods are bound to "m1"; upstream's NodeInfo has no Node at all (NodePorts never reads it), so a bare node
// named m1 stands in.
const m1: Node = { metadata: { name: 'm1' } };

// upstream: TestNodePorts
describe('NodePorts: upstream TestNodePorts', () => {
  runCases('NodePorts', [
    // PreFilter returns Skip: the pod asks for no host port.
    { name: 'skip filter', pod: { spec: { containers: [] } }, node: m1, podsOnNode: [], want: SUCCESS },
    {
      name: 'other port',
      pod: portsPod('m1', 'UDP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'UDP/127.0.0.1/9090')],
      want: SUCCESS,
    },
    {
      name: 'same udp port',
      pod: portsPod('m1', 'UDP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'UDP/127.0.0.1/8080')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'same tcp port',
      pod: portsPod('m1', 'TCP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.1/8080')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'different host ip',
      pod: portsPod('m1', 'TCP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.2/8080')],
      want: SUCCESS,
    },
    {
      name: 'different protocol',
      pod: portsPod('m1', 'UDP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.1/8080')],
      want: SUCCESS,
    },
    {
      name: 'second udp port conflict',
      pod: portsPod('m1', 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'UDP/127.0.0.1/8080')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'first tcp port conflict',
      pod: portsPod('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'first tcp port conflict due to 0.0.0.0 hostIP',
      pod: portsPod('m1', 'TCP/0.0.0.0/8001'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.1/8001')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'TCP hostPort conflict due to 0.0.0.0 hostIP',
      pod: portsPod('m1', 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/127.0.0.1/8001')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'second tcp port conflict to 0.0.0.0 hostIP',
      pod: portsPod('m1', 'TCP/127.0.0.1/8001'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/0.0.0.0/8001')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      name: 'second different protocol',
      pod: portsPod('m1', 'UDP/127.0.0.1/8001'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/0.0.0.0/8001')],
      want: SUCCESS,
    },
    {
      name: 'UDP hostPort conflict due to 0.0.0.0 hostIP',
      pod: portsPod('m1', 'UDP/127.0.0.1/8001'),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')],
      want: unschedulable(ERR_REASON_PORTS),
    },
    {
      // PreFilter returns Skip: only containers and sidecar (restartable) init containers hold host ports.
      name: 'non-sidecar initContainer using hostPort',
      pod: initContainerPortPod(false, [{ containerPort: 8001, hostPort: 8001, protocol: 'TCP' }]),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/0.0.0.0/8001')],
      want: SUCCESS,
    },
    {
      name: 'TCP hostPort conflict from sidecar initContainer',
      pod: initContainerPortPod(true, [{ containerPort: 8001, hostPort: 8001, protocol: 'TCP' }]),
      node: m1,
      podsOnNode: [portsPod('m1', 'TCP/0.0.0.0/8001')],
      want: unschedulable(ERR_REASON_PORTS),
    },
  ]);
});

// ---- NodeResourcesFit ----

// fit_test.go getErrReason(v1.ResourceCPU / v1.ResourceMemory), and fit.go's pod-count reason.
const INSUFFICIENT_CPU = 'Insufficient cpu';
const INSUFFICIENT_MEMORY = 'Insufficient memory';
const TOO_MANY_PODS = 'Too many pods';

// resource.NewMilliQuantity(n, DecimalSI).String()
const milli = (n: number): string => (n === 0 ? '0' : n % 1000 === 0 ? String(n / 1000) : `${n}m`);

// framework.Resource{MilliCPU, Memory} as the fit tests use it.
interface Usage {
  readonly milliCPU?: number;
  readonly memory?: number;
}

// fit_test.go makeResources / makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA)
function makeResources(
  milliCPU: number,
  memory: number,
  pods: number,
  extendedA: number,
  storage: number,
  hugePageA: number,
): ResourceList {
  return {
    cpu: milli(milliCPU),
    memory: String(memory),
    pods: String(pods),
    'example.com/aaa': String(extendedA),
    'ephemeral-storage': String(storage),
    'hugepages-2Mi': String(hugePageA),
  };
}

// fit_test.go newResourcePod(usage...): one unnamed container per usage, requesting cpu, memory, pods
// (AllowedPodNumber, 0) and ephemeral-storage (0).
function requestContainers(usage: readonly Usage[]): Container[] {
  return usage.map(({ milliCPU = 0, memory = 0 }) => ({
    name: '',
    resources: { requests: { cpu: milli(milliCPU), memory: String(memory), pods: '0', 'ephemeral-storage': '0' } },
  }));
}
const newResourcePod = (...usage: Usage[]): Pod => ({ spec: { containers: requestContainers(usage) } });

// fit_test.go newResourceInitPod(pod, usage...)
const newResourceInitPod = (pod: Pod, ...usage: Usage[]): Pod => ({
  ...pod,
  spec: { ...pod.spec!, initContainers: requestContainers(usage) },
});

// fit_test.go newResourceOverheadPod(pod, overhead)
const newResourceOverheadPod = (pod: Pod, overhead: ResourceList): Pod => ({
  ...pod,
  spec: { ...pod.spec!, overhead },
});

// fit_test.go newPodLevelResourcesPod(pod, resources): PodSpec.resources (1.32+), which kubernetes-types 1.30 lacks.
function withPodResources(pod: Pod, resources: ResourceRequirements): Pod {
  const spec: NonNullable<Pod['spec']> & { resources: ResourceRequirements } = { ...pod.spec!, resources };
  return { ...pod, spec };
}

// TestEnoughRequests' node: Status{Capacity: makeResources(10, 20, 32, 5, 20, 5), Allocatable: the same}.
const fitNode: Node = {
  status: { capacity: makeResources(10, 20, 32, 5, 20, 5), allocatable: makeResources(10, 20, 32, 5, 20, 5) },
};

// upstream: TestEnoughRequests (cpu and memory cases)
describe('NodeResourcesFit: upstream TestEnoughRequests', () => {
  const fit = (name: string, pod: Pod, onNode: Usage, want: Status): Case => ({
    name,
    pod,
    node: fitNode,
    podsOnNode: [newResourcePod(onNode)],
    want,
  });
  runCases('NodeResourcesFit', [
    fit('no resources requested always fits', { spec: { containers: [] } }, { milliCPU: 10, memory: 20 }, SUCCESS),
    fit(
      'too many resources fails',
      newResourcePod({ milliCPU: 1, memory: 1 }),
      { milliCPU: 10, memory: 20 },
      unschedulable(INSUFFICIENT_CPU, INSUFFICIENT_MEMORY),
    ),
    fit(
      'too many resources fails due to init container cpu',
      newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }),
      { milliCPU: 8, memory: 19 },
      unschedulable(INSUFFICIENT_CPU),
    ),
    fit(
      'too many resources fails due to highest init container cpu',
      newResourceInitPod(
        newResourcePod({ milliCPU: 1, memory: 1 }),
        { milliCPU: 3, memory: 1 },
        { milliCPU: 2, memory: 1 },
      ),
      { milliCPU: 8, memory: 19 },
      unschedulable(INSUFFICIENT_CPU),
    ),
    fit(
      'too many resources fails due to init container memory',
      newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }),
      { milliCPU: 9, memory: 19 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
    fit(
      'too many resources fails due to highest init container memory',
      newResourceInitPod(
        newResourcePod({ milliCPU: 1, memory: 1 }),
        { milliCPU: 1, memory: 3 },
        { milliCPU: 1, memory: 2 },
      ),
      { milliCPU: 9, memory: 19 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
    fit(
      "init container fits because it's the max, not sum, of containers and init containers",
      newResourceInitPod(newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }),
      { milliCPU: 9, memory: 19 },
      SUCCESS,
    ),
    fit(
      "multiple init containers fit because it's the max, not sum, of containers and init containers",
      newResourceInitPod(
        newResourcePod({ milliCPU: 1, memory: 1 }),
        { milliCPU: 1, memory: 1 },
        { milliCPU: 1, memory: 1 },
      ),
      { milliCPU: 9, memory: 19 },
      SUCCESS,
    ),
    fit('both resources fit', newResourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 5, memory: 5 }, SUCCESS),
    fit(
      'one resource memory fits',
      newResourcePod({ milliCPU: 2, memory: 1 }),
      { milliCPU: 9, memory: 5 },
      unschedulable(INSUFFICIENT_CPU),
    ),
    fit(
      'one resource cpu fits',
      newResourcePod({ milliCPU: 1, memory: 2 }),
      { milliCPU: 5, memory: 19 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
    fit('equal edge case', newResourcePod({ milliCPU: 5, memory: 1 }), { milliCPU: 5, memory: 19 }, SUCCESS),
    fit(
      'equal edge case for init container',
      newResourceInitPod(newResourcePod({ milliCPU: 4, memory: 1 }), { milliCPU: 5, memory: 1 }),
      { milliCPU: 5, memory: 19 },
      SUCCESS,
    ),
    fit(
      'resources + pod overhead fits',
      newResourceOverheadPod(newResourcePod({ milliCPU: 1, memory: 1 }), { cpu: '3m', memory: '13' }),
      { milliCPU: 5, memory: 5 },
      SUCCESS,
    ),
    fit(
      'requests + overhead does not fit for memory',
      newResourceOverheadPod(newResourcePod({ milliCPU: 1, memory: 1 }), { cpu: '1m', memory: '15' }),
      { milliCPU: 5, memory: 5 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
    // podLevelResourcesEnabled: true
    fit(
      'both pod-level and container-level resources fit',
      withPodResources(newResourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '1m', memory: '2' } }),
      { milliCPU: 5, memory: 5 },
      SUCCESS,
    ),
    fit(
      'pod-level cpu resource not fit',
      withPodResources(newResourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '7m', memory: '2' } }),
      { milliCPU: 5, memory: 5 },
      unschedulable(INSUFFICIENT_CPU),
    ),
    fit(
      'pod-level memory resource not fit',
      withPodResources(newResourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '3m', memory: '2' } }),
      { milliCPU: 5, memory: 19 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
    fit(
      'one pod-level cpu resource fits and all init and non-init containers resources fit',
      newResourceInitPod(
        withPodResources(newResourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '3m', memory: '2' } }),
        { milliCPU: 1, memory: 1 },
      ),
      { milliCPU: 5, memory: 19 },
      unschedulable(INSUFFICIENT_MEMORY),
    ),
  ]);
});

// upstream: TestNotEnoughRequests (the node allows one pod and has one)
describe('NodeResourcesFit: upstream TestNotEnoughRequests', () => {
  // Status{Capacity: {}, Allocatable: makeAllocatableResources(10, 20, 1, 0, 0, 0)}
  const node: Node = { status: { capacity: {}, allocatable: makeResources(10, 20, 1, 0, 0, 0) } };
  const full = (name: string, pod: Pod, onNode: Usage): Case => ({
    name,
    pod,
    node,
    podsOnNode: [newResourcePod(onNode)],
    want: unschedulable(TOO_MANY_PODS),
  });
  runCases('NodeResourcesFit', [
    full(
      "even without specified resources, predicate fails when there's no space for additional pod",
      { spec: { containers: [] } },
      { milliCPU: 10, memory: 20 },
    ),
    full(
      "even if both resources fit, predicate fails when there's no space for additional pod",
      newResourcePod({ milliCPU: 1, memory: 1 }),
      { milliCPU: 5, memory: 5 },
    ),
    full(
      "even for equal edge case, predicate fails when there's no space for additional pod",
      newResourcePod({ milliCPU: 5, memory: 1 }),
      { milliCPU: 5, memory: 19 },
    ),
    full(
      "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
      newResourceInitPod(newResourcePod({ milliCPU: 5, memory: 1 }), { milliCPU: 5, memory: 1 }),
      { milliCPU: 5, memory: 19 },
    ),
  ]);
});

// upstream: TestRestartableInitContainers (SidecarContainers enabled)
describe('NodeResourcesFit: upstream TestRestartableInitContainers', () => {
  // Status{Capacity: {}, Allocatable: makeAllocatableResources(2, 0, 1, 0, 0, 0)}, no pods on it.
  const node: Node = { status: { capacity: {}, allocatable: makeResources(2, 0, 1, 0, 0, 0) } };
  const newPod = (): Pod => ({ spec: { containers: [{ name: 'regular' }] } });
  const newPodWithRestartableInitContainers = (request?: ResourceList, sidecarRequest?: ResourceList): Pod => ({
    spec: {
      containers: [{ name: 'regular', ...(request === undefined ? {} : { resources: { requests: request } }) }],
      initContainers: [
        {
          name: 'restartable-init',
          restartPolicy: 'Always',
          ...(sidecarRequest === undefined ? {} : { resources: { requests: sidecarRequest } }),
        },
      ],
    },
  });
  runCases('NodeResourcesFit', [
    {
      name: 'allow pod without restartable init containers if sidecar containers is enabled',
      pod: newPod(),
      node,
      want: SUCCESS,
    },
    {
      name: 'allow pod with restartable init containers if sidecar containers is enabled',
      pod: newPodWithRestartableInitContainers(),
      node,
      want: SUCCESS,
    },
    {
      name: "allow pod if the total requested resources do not exceed the node's allocatable resources",
      pod: newPodWithRestartableInitContainers({ cpu: milli(1) }, { cpu: milli(1) }),
      node,
      want: SUCCESS,
    },
    {
      // 1m + 2m > the node's 2m allocatable: even an empty node could not take it, so UnschedulableAndUnresolvable
      // (fit.go since kubernetes PR #131345; Unschedulable before).
      name: "not allow pod if the total requested resources do exceed the node's allocatable resources",
      pod: newPodWithRestartableInitContainers({ cpu: milli(1) }, { cpu: milli(2) }),
      node,
      want: unresolvable(INSUFFICIENT_CPU),
    },
  ]);
});
