// Upstream's own filter tables for PodTopologySpread and InterPodAffinity, ported to runFilterPlugins:
//
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
//   (stored version 01c2588bf4a3eb6bb3524b1e2bd60efb38a4b577) TestSingleConstraint and
//   TestMultipleConstraints, every case. Upstream checks the status code per node; the reasons added here
//   are filtering.go's ErrReasonConstraintsNotMatch (Unschedulable) and ErrReasonNodeLabelNotMatch
//   (UnschedulableAndUnresolvable, the node lacks a topology key).
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
//   (stored version 072825f9a367e9ca0f73f91830945f1b7f46e0d9) TestRequiredAffinitySingleNode and
//   TestRequiredAffinityMultipleNodes. Upstream compares the whole status (code and reasons). A PreFilter
//   that returns Skip means Filter is not run: Success.
//
// The st.MakePod()/st.MakeNode() wrappers (pkg/scheduler/testing/wrappers.go) are re-created in wrappers.ts so
// each case reads as upstream's does; they build plain v1 JSON. Namespaces: MakePod() leaves the namespace ""
// (and the interpodaffinity tests' defaultNamespace is ""), which is an absent metadata.namespace in JSON
// (omitempty), so every pod of a test without an explicit namespace has none, the incoming pod included;
// explicit namespaces ("ns", "ns1", "NS1", "subteam1.team1", ...) are kept as written. A pod bound to a
// node that is not in the test's node list (upstream's snapshot still gives it a NodeInfo, with no Node)
// sits on a stand-in node with no labels, which no topology key can count.
//
// Not ported:
// - podtopologyspread: none skipped. The cases upstream runs with enableNodeInclusionPolicy false set no
//   nodeAffinityPolicy/nodeTaintsPolicy; with the gate off upstream still skips nodes that fail the pod's
//   required node affinity when counting, which is the default Honor/Ignore behaviour with it on, so their
//   expectations stand as they are. Neither test uses plugin args (both run with ListDefaulting and no
//   default constraints). Neither has a matchLabelKeys case (those are in TestPreFilterState and the
//   scoring tests only), so none is ported.
// - interpodaffinity TestRequiredAffinitySingleNode:
//   "PodAffinity fails PreFilter with an invalid affinity label syntax" and "PodAntiAffinity fails
//   PreFilter with an invalid antiaffinity label syntax": PreFilter rejects the pod over label-value
//   validation ("parsing pod: ..."), not a Filter verdict.
//   "affinity with NamespaceSelector", "affinity with non-matching NamespaceSelector", "anti-affinity with
//   matching NamespaceSelector", "anti-affinity with non-matching NamespaceSelector": they need Namespace
//   objects' labels (team=team1/team2), which runFilterPlugins does not take. "anti-affinity with matching
//   all NamespaceSelector" is kept: an empty namespaceSelector selects every namespace without them.
import { describe, expect, it } from 'vitest';
import type { Node, Pod, PodAffinityTerm, Taint } from 'kubernetes-types/core/v1.js';
import { runFilterPlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { clusterOf, existsSelector, type Labels, makeNode, makePod } from './wrappers.js';

type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';
interface Status {
  readonly fits: boolean;
  readonly code: StatusCode;
  readonly reasons: readonly string[];
}

// interpodaffinity/filtering_test.go createPodWithAffinityTerms
function createPodWithAffinityTerms(
  namespace: string,
  nodeName: string,
  labels: Labels,
  affinity: PodAffinityTerm[] | undefined,
  antiAffinity: PodAffinityTerm[] | undefined,
): Pod {
  return {
    metadata: { labels, ...(namespace === '' ? {} : { namespace }) },
    spec: {
      containers: [],
      ...(nodeName === '' ? {} : { nodeName }),
      affinity: {
        podAffinity: affinity === undefined ? {} : { requiredDuringSchedulingIgnoredDuringExecution: affinity },
        podAntiAffinity:
          antiAffinity === undefined ? {} : { requiredDuringSchedulingIgnoredDuringExecution: antiAffinity },
      },
    },
  };
}

// Filter on every listed node, PreFilter state from the whole snapshot.
function filterEach(plugin: string, pod: Pod, nodes: readonly Node[], pods: readonly Pod[]): Record<string, Status> {
  const cluster = clusterOf(nodes, pods);
  const got: Record<string, Status> = {};
  for (const node of nodes) {
    const r = runFilterPlugins({ pod, node, cluster, plugins: [plugin] });
    got[node.metadata!.name!] = { fits: r.fits, code: r.code, reasons: [...r.reasons] };
  }
  return got;
}

// ---- PodTopologySpread ----

const fooSelector = existsSelector('foo');
const barSelector = existsSelector('bar');
// taints = []v1.Taint{{Key: v1.TaintNodeUnschedulable, Value: "", Effect: v1.TaintEffectNoSchedule}}
const taints: Taint[] = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];

const SPREAD = "node(s) didn't match pod topology spread constraints";
const SPREAD_STATUS: Record<StatusCode, Status> = {
  Success: { fits: true, code: 'Success', reasons: [] },
  Unschedulable: { fits: false, code: 'Unschedulable', reasons: [SPREAD] },
  UnschedulableAndUnresolvable: {
    fits: false,
    code: 'UnschedulableAndUnresolvable',
    reasons: [`${SPREAD} (missing required label)`],
  },
};
const S = 'Success';
const U = 'Unschedulable';
const UU = 'UnschedulableAndUnresolvable';

interface SpreadCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: Node[];
  readonly existingPods?: Pod[];
  readonly wantStatusCode: Record<string, StatusCode>;
}

// The four-node, two-zone layout most cases share.
const abxy = () => [
  makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
  makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
  makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
  makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
];
const fooPod = (name: string, node: string) => makePod().name(name).node(node).label('foo', '').obj();

function runSpreadCases(cases: readonly SpreadCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const want = Object.fromEntries(Object.entries(c.wantStatusCode).map(([n, code]) => [n, SPREAD_STATUS[code]]));
    expect(filterEach('PodTopologySpread', c.pod, c.nodes, c.existingPods ?? [])).toEqual(want);
  });
}

describe('PodTopologySpread Filter (podtopologyspread/filtering_test.go TestSingleConstraint)', () => {
  runSpreadCases([
    {
      name: 'no existing pods',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector).obj(),
      nodes: abxy(),
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      existingPods: [
        makePod().name('p-a1').namespace('ns1').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').namespace('ns2').node('node-a').label('foo', '').obj(),
        fooPod('p-x1', 'node-x'),
        fooPod('p-y1', 'node-y'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'existing pods do not match null selector',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined).obj(),
      nodes: abxy(),
      existingPods: [fooPod('p-x1', 'node-x'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('zon', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
      ],
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-x1', 'node-x'),
        fooPod('p-y1', 'node-y'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
      ],
      wantStatusCode: { 'node-a': UU, 'node-x': UU },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      // The incoming pod has no label "foo": placing it changes nothing, so only the existing skew counts.
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: makePod().name('p').label('bar', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      // Only node-a and node-y count, so pods spread as 2/~1~/~0~/3. NodeAffinity is not run here, so
      // node-b and node-x still fit this plugin.
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityIn('node', ['node-a', 'node-y'])
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'terminating Pods should be excluded',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
      ],
      existingPods: [
        makePod().name('p-a').node('node-a').label('foo', '').terminating().obj(),
        fooPod('p-b', 'node-b'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': U },
    },
    {
      // NodeAffinity is not run here, so node-b still fits this plugin.
      name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityNotIn('node', ['node-b'])
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: abxy(),
      existingPods: [fooPod('p-b1', 'node-b'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-b2', 'node-b'),
        fooPod('p-c1', 'node-c'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-c': S },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-b2', 'node-b'),
        fooPod('p-c1', 'node-c'),
      ],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-c': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 })
        .obj(),
      nodes: abxy(),
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 })
        .obj(),
      nodes: abxy(),
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      // pods spread across node as 1/1/0/~0~; NodeAffinity is not run here, so node-y fits this plugin.
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      // pods spread across node as 1/1/0/~1~
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // pods spread across node as 1/1/0/~0~
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityIn('foo', [''])
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      // pods spread across node as 1/1/0/~1~ (upstream repeats the previous ignored case's name; this one
      // uses nodeAffinity).
      name: 'NodeAffinityPolicy ignored with labelSelectors (nodeAffinity)',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityIn('foo', [''])
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // pods spread across node as 1/1/0/~0~; TaintToleration is not run here, so node-y fits this plugin.
      name: 'NodeTaintsPolicy honored',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      // pods spread across node as 1/1/0/~1~
      name: 'NodeTaintsPolicy ignored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('node', 'node-y').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-b1', 'node-a'), fooPod('p-b2', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
  ]);
});

describe('PodTopologySpread Filter (podtopologyspread/filtering_test.go TestMultipleConstraints)', () => {
  const zoneAndNode = () =>
    makePod()
      .name('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
      .obj();
  const fooZoneBarNode = () =>
    makePod()
      .name('p')
      .label('foo', '')
      .label('bar', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector)
      .obj();
  const barPod = (name: string, node: string) => makePod().name(name).node(node).label('bar', '').obj();
  const fooBarPod = (name: string, node: string) =>
    makePod().name(name).node(node).label('foo', '').label('bar', '').obj();
  runSpreadCases([
    {
      // zone: any node; node: node-x. Intersection: node-x.
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: zoneAndNode(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // zone: zone1 (node-a or node-b); node: node-x. Intersection: none.
      name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
      pod: zoneAndNode(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
        fooPod('p-y4', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      // zone: zone2; node: node-a, node-b or node-x. Intersection: node-x.
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
      pod: fooZoneBarNode(),
      nodes: abxy(),
      existingPods: [fooPod('p-a1', 'node-a'), barPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // zone: zone2; node: node-a or node-b. Intersection: none.
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
      pod: fooZoneBarNode(),
      nodes: abxy(),
      existingPods: [fooPod('p-a1', 'node-a'), barPod('p-x1', 'node-x'), barPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      // zone: zone1; node: node-b or node-x. Intersection: node-b.
      name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
      pod: fooZoneBarNode(),
      nodes: abxy(),
      existingPods: [
        fooPod('p-a1', 'node-a'),
        fooBarPod('p-a2', 'node-a'),
        fooPod('p-y1', 'node-y'),
        fooBarPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      // The pod doesn't match itself on "zone", so any zone; node: node-a or node-b.
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: makePod()
        .name('p')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector)
        .obj(),
      nodes: abxy(),
      existingPods: [fooPod('p-a1', 'node-a'), barPod('p-x1', 'node-x'), barPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      // zone: any; node: node-b (node-x lacks the "node" label). Intersection: node-b.
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: zoneAndNode(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-y3', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': S, 'node-x': UU, 'node-y': U },
    },
    {
      // zone spreads as 2/~0~, node as 1/1/0/~1~. Intersection: node-x.
      name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // zone spreads as 2/0, node as 1/1/0/~1~. Intersection: node-x.
      name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // zone spreads as 1/~1~, node as 1/0/0/~1~. Intersection: node-x (and node-b for this plugin).
      name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').label('foo', '').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      // zone spreads as 1/0, node as 1/~1~/0/~1~. Intersection: node-x.
      name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').label('foo', '').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').label('foo', '').taints(taints).obj(),
      ],
      existingPods: [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y')],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      // First zone constraint (bar): zone2; second (foo): any. Intersection: node-x and node-y.
      name: 'two Constraints on zone, spreads = [3/3, 2/1]',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: abxy(),
      existingPods: [
        fooBarPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooBarPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooBarPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      // First zone constraint (bar): zone2; second (foo): zone1. Intersection: none.
      name: 'two Constraints on zone, spreads = [3/4, 2/1]',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: abxy(),
      existingPods: [
        fooBarPod('p-a1', 'node-a'),
        fooPod('p-a2', 'node-a'),
        fooBarPod('p-b1', 'node-b'),
        fooPod('p-y1', 'node-y'),
        fooBarPod('p-y2', 'node-y'),
        fooPod('p-y3', 'node-y'),
        fooPod('p-y4', 'node-y'),
      ],
      wantStatusCode: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
  ]);
});

// ---- InterPodAffinity ----

// interpodaffinity/filtering.go: Filter's three verdicts.
const ok: Status = { fits: true, code: 'Success', reasons: [] };
const affinityRules: Status = {
  fits: false,
  code: 'UnschedulableAndUnresolvable',
  reasons: ["node(s) didn't match pod affinity rules"],
};
const antiAffinityRules: Status = {
  fits: false,
  code: 'Unschedulable',
  reasons: ["node(s) didn't match pod anti-affinity rules"],
};
const existingAntiAffinityRules: Status = {
  fits: false,
  code: 'Unschedulable',
  reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
};

describe('InterPodAffinity Filter (interpodaffinity/filtering_test.go TestRequiredAffinitySingleNode)', () => {
  const defaultNamespace = '';
  const podLabel = { service: 'securityscan' };
  const pod = makePod().labels(podLabel).node('node1').obj();
  const labels1 = { region: 'r1', zone: 'z11' };
  const podLabel2 = { security: 'S1' };
  const node1: Node = { metadata: { name: 'node1', labels: labels1 } };

  const cases: Array<{ name: string; pod: Pod; pods?: Pod[]; want: Status }> = [
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: {},
      want: ok, // PreFilter: Skip
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .obj(),
      pods: [pod],
      want: ok,
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel2)
        .podAffinityNotIn('service', 'region', ['securityscan3', 'value3'])
        .obj(),
      pods: [pod],
      want: ok,
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: createPodWithAffinityTerms(
        defaultNamespace,
        '',
        podLabel2,
        [
          {
            labelSelector: {
              matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan', 'value2'] }],
            },
            namespaces: ['DiffNameSpace'],
          } as PodAffinityTerm, // upstream leaves topologyKey unset ("")
        ],
        undefined,
      ),
      pods: [makePod().namespace('ns').label('service', 'securityscan').node('node1').obj()],
      want: affinityRules,
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel)
        .podAffinityIn('service', '', ['antivirusscan', 'value2'])
        .obj(),
      pods: [pod],
      want: affinityRules,
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: createPodWithAffinityTerms(
        defaultNamespace,
        '',
        podLabel2,
        [
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'Exists' },
                { key: 'wrongkey', operator: 'DoesNotExist' },
              ],
            },
            topologyKey: 'region',
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'In', values: ['securityscan'] },
                { key: 'service', operator: 'NotIn', values: ['WrongValue'] },
              ],
            },
            topologyKey: 'region',
          },
        ],
        undefined,
      ),
      pods: [pod],
      want: ok,
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: createPodWithAffinityTerms(
        defaultNamespace,
        '',
        podLabel2,
        [
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'Exists' },
                { key: 'wrongkey', operator: 'DoesNotExist' },
              ],
            },
            topologyKey: 'region',
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'In', values: ['securityscan2'] },
                { key: 'service', operator: 'NotIn', values: ['WrongValue'] },
              ],
            },
            topologyKey: 'region',
          },
        ],
        undefined,
      ),
      pods: [pod],
      want: affinityRules,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [pod],
      want: ok,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel)
          .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
          .obj(),
      ],
      want: ok,
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'])
        .obj(),
      pods: [pod],
      want: antiAffinityRules,
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .labels(podLabel)
          .node('node1')
          .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'])
          .obj(),
      ],
      want: existingAntiAffinityRules,
    },
    {
      // The existing pod is bound to node2, which is not in the snapshot's nodes.
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel)
        .podAffinityNotIn('service', 'region', ['securityscan', 'value2'])
        .obj(),
      pods: [makePod().label('service', 'securityscan').node('node2').obj()],
      want: affinityRules,
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod().labels(podLabel).obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel)
          .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'])
          .obj(),
      ],
      want: existingAntiAffinityRules,
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: makePod().labels(podLabel).obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel)
          .podAntiAffinityNotIn('service', 'zone', ['securityscan', 'value2'])
          .obj(),
      ],
      want: ok, // PreFilter: Skip
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel)
        .podAntiAffinityExists('service', 'region')
        .podAntiAffinityExists('security', 'region')
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel2)
          .podAntiAffinityExists('security', 'zone')
          .obj(),
      ],
      want: antiAffinityRules,
    },
    {
      name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels(podLabel)
        .podAntiAffinityExists('service', 'zone')
        .podAntiAffinityExists('security', 'zone')
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel2)
          .podAntiAffinityExists('security', 'zone')
          .obj(),
      ],
      want: antiAffinityRules,
    },
    {
      name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().namespace(defaultNamespace).labels(podLabel2).podAntiAffinityExists('security', 'zone').obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels(podLabel)
          .podAntiAffinityExists('service', 'zone')
          .podAntiAffinityExists('security', 'zone')
          .obj(),
      ],
      want: existingAntiAffinityRules,
    },
    {
      name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels({ abc: '', xyz: '' })
        .podAntiAffinityExists('abc', 'zone')
        .podAntiAffinityExists('def', 'zone')
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels({ def: '', xyz: '' })
          .podAntiAffinityExists('abc', 'zone')
          .podAntiAffinityExists('def', 'zone')
          .obj(),
      ],
      want: antiAffinityRules,
    },
    {
      name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels({ def: '', xyz: '' })
        .podAntiAffinityExists('abc', 'zone')
        .podAntiAffinityExists('def', 'zone')
        .obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('node1')
          .labels({ abc: '', xyz: '' })
          .podAntiAffinityExists('abc', 'zone')
          .podAntiAffinityExists('def', 'zone')
          .obj(),
      ],
      want: antiAffinityRules,
    },
    {
      name: 'anti-affinity with matching all NamespaceSelector',
      pod: createPodWithAffinityTerms('subteam1.team1', '', podLabel2, undefined, [
        {
          labelSelector: {
            matchExpressions: [{ key: 'service', operator: 'In', values: ['securityscan', 'value2'] }],
          },
          namespaceSelector: {},
          topologyKey: 'zone',
        },
      ]),
      pods: [
        { metadata: { namespace: 'subteam2.team1', labels: podLabel }, spec: { containers: [], nodeName: 'node1' } },
      ],
      want: antiAffinityRules,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(filterEach('InterPodAffinity', c.pod, [node1], c.pods ?? [])).toEqual({ node1: c.want });
  });
});

describe('InterPodAffinity Filter (interpodaffinity/filtering_test.go TestRequiredAffinityMultipleNodes)', () => {
  const defaultNamespace = '';
  const podLabelA = { foo: 'bar' };
  const labelRgChina = { region: 'China' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const labelRgIndia = { region: 'India' };
  // The literal v1.Node{ObjectMeta: {Name, Labels}} nodes of this test.
  const node = (name: string, labels: Labels): Node => ({ metadata: { name, labels } });
  const r1 = (name: string, zone: string) => node(name, { region: 'r1', zone, hostname: name });

  const cases: Array<{ name: string; pod: Pod; pods: Pod[]; nodes: Node[]; want: Status[] }> = [
    {
      name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
      pod: makePod().namespace(defaultNamespace).podAffinityIn('foo', 'region', ['bar']).obj(),
      pods: [makePod().name('p1').node('node1').labels(podLabelA).obj()],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
      want: [ok, ok, affinityRules],
    },
    {
      name:
        'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
        "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
      pod: makePod()
        .namespace(defaultNamespace)
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'])
        .podAffinityIn('service', 'zone', ['securityscan'])
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zone: 'az1', hostname: 'h1' }), node('nodeB', { zone: 'az2', hostname: 'h2' })],
      want: [ok, ok],
    },
    {
      name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
      pod: makePod()
        .namespace(defaultNamespace)
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'])
        .podAffinityIn('service', 'zone', ['securityscan'])
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), node('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
      want: [affinityRules, affinityRules],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
      pod: makePod().namespace(defaultNamespace).podAntiAffinityIn('foo', 'region', ['abc']).obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', { region: 'r1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', hostname: 'nodeB' })],
      want: [antiAffinityRules, antiAffinityRules],
    },
    {
      name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
      pod: makePod()
        .namespace(defaultNamespace)
        .podAntiAffinityIn('foo', 'region', ['abc'])
        .podAntiAffinityIn('service', 'zone', ['securityscan'])
        .obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc', service: 'securityscan' }).obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [antiAffinityRules, antiAffinityRules],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
      pod: makePod().namespace(defaultNamespace).podAntiAffinityIn('foo', 'region', ['abc']).obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [antiAffinityRules, antiAffinityRules, ok],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
      pod: makePod().namespace('NS1').labels({ foo: '123' }).podAntiAffinityIn('foo', 'region', ['bar']).obj(),
      pods: [
        makePod().node('nodeA').namespace('NS1').labels({ foo: 'bar' }).obj(),
        makePod().node('nodeC').namespace('NS2').podAntiAffinityIn('foo', 'region', ['123']).obj(),
      ],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [antiAffinityRules, antiAffinityRules, ok],
    },
    {
      name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
      pod: makePod().label('foo', '').obj(),
      pods: [
        makePod().node('nodeA').namespace(defaultNamespace).podAntiAffinityExists('foo', 'invalid-node-label').obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z1')],
      want: [ok, ok], // PreFilter: Skip
    },
    {
      // The incoming pod itself names nodeA (Node("nodeA")); NodeName is not run here.
      name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
      pod: makePod().node('nodeA').namespace(defaultNamespace).podAntiAffinityExists('foo', 'invalid-node-label').obj(),
      pods: [makePod().node('nodeA').labels({ foo: '' }).obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z1')],
      want: [ok, ok],
    },
    {
      name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod().node('nodeA').namespace(defaultNamespace).podAntiAffinityExists('foo', 'zone').obj(),
        makePod().node('nodeA').namespace(defaultNamespace).podAntiAffinityExists('bar', 'region').obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [existingAntiAffinityRules, existingAntiAffinityRules],
    },
    {
      name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
      pod: makePod()
        .namespace(defaultNamespace)
        .podAntiAffinityExists('foo', 'zone')
        .podAntiAffinityExists('bar', 'region')
        .obj(),
      pods: [makePod().node('nodeA').labels({ foo: '' }).obj(), makePod().node('nodeB').labels({ bar: '' }).obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [antiAffinityRules, antiAffinityRules],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod()
          .node('nodeA')
          .namespace(defaultNamespace)
          .podAntiAffinityExists('foo', 'invalid-node-label')
          .podAntiAffinityExists('bar', 'zone')
          .obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [existingAntiAffinityRules, ok],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod()
        .namespace(defaultNamespace)
        .podAntiAffinityExists('foo', 'invalid-node-label')
        .podAntiAffinityExists('bar', 'zone')
        .obj(),
      pods: [makePod().name('podA').node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [antiAffinityRules, ok],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod()
          .namespace(defaultNamespace)
          .node('nodeA')
          .podAntiAffinityExists('foo', 'region')
          .podAntiAffinityExists('bar', 'zone')
          .obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [existingAntiAffinityRules, existingAntiAffinityRules],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod()
        .namespace(defaultNamespace)
        .podAntiAffinityExists('foo', 'region')
        .podAntiAffinityExists('bar', 'zone')
        .obj(),
      pods: [makePod().node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [antiAffinityRules, antiAffinityRules],
    },
    {
      name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod()
          .node('nodeA')
          .namespace(defaultNamespace)
          .podAntiAffinityExists('foo', 'zone')
          .podAntiAffinityExists('labelA', 'zone')
          .obj(),
        makePod()
          .node('nodeB')
          .namespace(defaultNamespace)
          .podAntiAffinityExists('bar', 'zone')
          .podAntiAffinityExists('labelB', 'zone')
          .obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2'), r1('nodeC', 'z3')],
      want: [existingAntiAffinityRules, existingAntiAffinityRules, ok],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
      pod: makePod()
        .namespace(defaultNamespace)
        .podAffinityExists('foo', 'region')
        .podAffinityExists('bar', 'zone')
        .obj(),
      pods: [makePod().name('pod1').labels({ foo: '', bar: '' }).node('nodeA').obj()],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z1')],
      want: [ok, ok],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
      pod: makePod()
        .namespace(defaultNamespace)
        .podAffinityExists('foo', 'region')
        .podAffinityExists('bar', 'zone')
        .obj(),
      pods: [
        makePod().node('nodeA').name('pod1').namespace(defaultNamespace).labels({ foo: '' }).obj(),
        makePod().node('nodeB').name('pod2').namespace(defaultNamespace).labels({ bar: '' }).obj(),
      ],
      nodes: [r1('nodeA', 'z1'), r1('nodeB', 'z2')],
      want: [affinityRules, affinityRules],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const want = Object.fromEntries(c.nodes.map((n, i) => [n.metadata!.name!, c.want[i]!]));
    expect(filterEach('InterPodAffinity', c.pod, c.nodes, c.pods)).toEqual(want);
  });
});
