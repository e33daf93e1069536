// Upstream's own score table for PodTopologySpread, ported to runScorePlugins:
//
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go
//   (stored version 008b3652959ca58af8be3fb5b6ecfe9ae7638282) TestPodTopologySpreadScore. Upstream runs
//   PreScore over `nodes` with a snapshot of `nodes` + `failedNodes` and `existingPods`, then Score on each
//   of `nodes` and NormalizeScore, and compares the NodeScoreList; here that is each result's
//   plugins.PodTopologySpread, in the order of `nodes`. The plugin args are
//   PodTopologySpreadArgs{DefaultingType: SystemDefaulting} (defaultConstraints 'System'); every ported
//   case's pod has its own constraints, so the defaults never apply and every filtered node must carry all
//   topology keys (requireAllTopologies). Semantics read in scoring.go (stored version
//   02fb06dfc56a53699335ab60973b991fbc436a05) and common.go (stored version
//   02850301e61b0491a6efad7fb440dfa1b03cfc96).
//
// The st.MakePod()/st.MakeNode() wrappers (pkg/scheduler/testing/wrappers.go) are re-created in wrappers.ts;
// they build plain v1 JSON. MakePod() leaves the namespace "", an absent
// metadata.namespace in JSON. A pod bound to a node that is in neither `nodes` nor `failedNodes` would sit
// on a stand-in node with no labels (no ported case has one).
//
// Cases run with both NodeInclusionPolicyInPodTopologySpread and MatchLabelKeysInPodTopologySpread on. The
// cases upstream runs with enableNodeInclusionPolicy false set no nodeAffinityPolicy/nodeTaintsPolicy, and
// with the gate off upstream still skips nodes failing the pod's required node affinity when counting, which
// is the default Honor/Ignore behaviour with it on, so their expectations stand. Those run with
// enableMatchLabelKeys false set no matchLabelKeys, except the one skipped below.
//
// Not ported:
// - "system defaulting, nodes don't have zone, pods match service": the pod has no constraints, so the
//   system default constraints take their selector from a Service (objs: Service selecting foo=""), which
//   runScorePlugins does not take; without it the selector is empty and PreScore skips.
// - "matchLabelKeys ignored when feature gate disabled": its expectation (60/20/60/100) holds only with
//   matchLabelKeys off; with it on the pod's baz="" is ANDed into both selectors, no existing pod has baz,
//   and every node would score 100.
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { clusterOf, emptySelector, existsSelector, makeNode, makePod, type NodeScore } from './wrappers.js';

// v1.LabelHostname
const HOSTNAME = 'kubernetes.io/hostname';

// ---- PodTopologySpread Score ----

const fooSelector = existsSelector('foo');
const barSelector = existsSelector('bar');
// taints = []v1.Taint{{Key: v1.TaintNodeUnschedulable, Value: "", Effect: v1.TaintEffectNoSchedule}}
const taints: Taint[] = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  readonly existingPods?: Pod[];
  readonly nodes: Node[];
  readonly failedNodes?: Node[]; // nodes + failedNodes = all nodes
  readonly want: NodeScore[];
}

const fooPod = (name: string, node: string) => makePod().name(name).node(node).label('foo', '').obj();
// Matching pods in order, counted per node: fooPods({ a: 2, b: 1 }) is [fooPod('p-a1', 'node-a'),
// fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b')], as upstream lists them one by one.
const fooPods = (perNode: Record<string, number>): Pod[] =>
  Object.entries(perNode).flatMap(([n, count]) =>
    Array.from({ length: count }, (_, i) => fooPod(`p-${n}${i + 1}`, `node-${n}`)),
  );
const hostNode = (name: string) => makeNode().name(name).label(HOSTNAME, name).obj();
const zoneHostNode = (name: string, zone: string) =>
  makeNode().name(name).label('zone', zone).label(HOSTNAME, name).obj();

function runScoreCases(cases: readonly ScoreCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // cache.NewSnapshot(existingPods, nodes + failedNodes)
    const cluster = clusterOf([...c.nodes, ...(c.failedNodes ?? [])], c.existingPods ?? []);
    const got = runScorePlugins({
      pod: c.pod,
      nodes: c.nodes,
      cluster,
      plugins: ['PodTopologySpread'],
      defaultConstraints: 'System',
    });
    expect(got.map((r) => ({ name: r.node, score: r.plugins.PodTopologySpread }))).toEqual(c.want);
  });
}

// Legend (upstream):
// a) X/Y means there are X matching pods on node1 and Y on node2, both nodes are candidates
//   (i.e. they have passed all predicates)
// b) X/~Y~ means there are X matching pods on node1 and Y on node2, but node Y is NOT a candidate
// c) X/?Y? means there are X matching pods on node1 and Y on node2, both nodes are candidates
//    but node2 doesn't have all required topologyKeys present.
describe('PodTopologySpread Score (podtopologyspread/scoring_test.go TestPodTopologySpreadScore)', () => {
  runScoreCases([
    {
      name: 'one constraint on node, no existing pods',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [hostNode('node-a'), hostNode('node-b')],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 100 },
      ],
    },
    {
      // if there is only one candidate node, it should be scored to 100
      name: 'one constraint on node, only one node is candidate',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 2, b: 1 }),
      nodes: [hostNode('node-a')],
      failedNodes: [hostNode('node-b')],
      want: [{ name: 'node-a', score: 100 }],
    },
    {
      name: 'one constraint on node, all nodes have the same number of matching pods',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 1, b: 1 }),
      nodes: [hostNode('node-a'), hostNode('node-b')],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 100 },
      ],
    },
    {
      // matching pods spread as 2/1/0/3.
      name: 'one constraint on node, all 4 nodes are candidates',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 2, b: 1, d: 3 }),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-c'), hostNode('node-d')],
      failedNodes: [],
      want: [
        { name: 'node-a', score: 20 },
        { name: 'node-b', score: 60 },
        { name: 'node-c', score: 100 },
        { name: 'node-d', score: 0 },
      ],
    },
    {
      name: 'one constraint on node, null selector',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', undefined).obj(),
      existingPods: fooPods({ a: 2, b: 1, d: 3 }),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-c'), hostNode('node-d')],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 100 },
        { name: 'node-c', score: 100 },
        { name: 'node-d', score: 100 },
      ],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      // matching pods spread as 2/1/0/3.
      existingPods: fooPods({ a: 2, b: 1, d: 3 }),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-c'), hostNode('node-d')],
      failedNodes: [],
      want: [
        { name: 'node-a', score: 33 }, // +13, compared to maxSkew=1
        { name: 'node-b', score: 66 }, // +6, compared to maxSkew=1
        { name: 'node-c', score: 100 },
        { name: 'node-d', score: 16 }, // +16, compared to maxSkew=1
      ],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
      pod: makePod().name('p').label('foo', '').spreadConstraint(3, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      // matching pods spread as 4/3/2/1.
      existingPods: fooPods({ a: 4, b: 3, c: 2, d: 1 }),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-c'), hostNode('node-d')],
      failedNodes: [],
      want: [
        { name: 'node-a', score: 44 }, // +16 compared to maxSkew=1
        { name: 'node-b', score: 66 }, // +9 compared to maxSkew=1
        { name: 'node-c', score: 77 }, // +6 compared to maxSkew=1
        { name: 'node-d', score: 100 },
      ],
    },
    {
      // matching pods spread as 4/2/1/~3~ (node4 is not a candidate)
      name: 'one constraint on node, 3 out of 4 nodes are candidates',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 4, b: 2, x: 1, y: 3 }),
      nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-x')],
      failedNodes: [hostNode('node-y')],
      want: [
        { name: 'node-a', score: 33 },
        { name: 'node-b', score: 83 },
        { name: 'node-x', score: 100 },
      ],
    },
    {
      // matching pods spread as 4/?2?/1/~3~, total = 4+?+1 = 5 (as node2 is problematic)
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 4, b: 2, x: 1, y: 3 }),
      nodes: [
        hostNode('node-a'),
        makeNode().name('node-b').label('n', 'node-b').obj(), // label `n` doesn't match topologyKey
        hostNode('node-x'),
      ],
      failedNodes: [hostNode('node-y')],
      want: [
        { name: 'node-a', score: 16 },
        { name: 'node-b', score: 0 },
        { name: 'node-x', score: 100 },
      ],
    },
    {
      // matching pods spread as 4/2/1/~3~
      name: 'one constraint on zone, 3 out of 4 nodes are candidates',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector).obj(),
      existingPods: fooPods({ a: 4, b: 2, x: 1, y: 3 }),
      nodes: [zoneHostNode('node-a', 'zone1'), zoneHostNode('node-b', 'zone1'), zoneHostNode('node-x', 'zone2')],
      failedNodes: [zoneHostNode('node-y', 'zone2')],
      want: [
        { name: 'node-a', score: 75 },
        { name: 'node-b', score: 75 },
        { name: 'node-x', score: 100 },
      ],
    },
    {
      // matching pods spread as 2/~1~/2/~4~.
      name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector)
        .obj(),
      existingPods: fooPods({ a: 2, b: 1, x: 2, y: 4 }),
      nodes: [zoneHostNode('node-a', 'zone1'), zoneHostNode('node-x', 'zone2')],
      failedNodes: [zoneHostNode('node-b', 'zone1'), zoneHostNode('node-y', 'zone2')],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-x', score: 63 },
      ],
    },
    {
      name: 'two Constraints on zone, 2 out of 4 nodes are candidates',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector)
        .obj(),
      existingPods: [
        makePod().name('p-a1').node('node-a').label('foo', '').label('bar', '').obj(),
        makePod().name('p-a2').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').node('node-b').label('foo', '').label('bar', '').obj(),
        makePod().name('p-y1').node('node-y').label('foo', '').obj(),
        makePod().name('p-y2').node('node-y').label('foo', '').label('bar', '').obj(),
        makePod().name('p-y3').node('node-y').label('foo', '').obj(),
      ],
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').obj(),
        makeNode().name('node-x').label('zone', 'zone2').obj(),
      ],
      failedNodes: [
        makeNode().name('node-b').label('zone', 'zone1').obj(),
        makeNode().name('node-y').label('zone', 'zone2').obj(),
      ],
      want: [
        { name: 'node-a', score: 85 },
        { name: 'node-x', score: 100 },
      ],
    },
    {
      // If Constraints hold different labelSelectors, it's a little complex.
      // +----------------------+------------------------+
      // |         zone1        |          zone2         |
      // +----------------------+------------------------+
      // | node-a |    node-b   | node-x |     node-y    |
      // +--------+-------------+--------+---------------+
      // | P{foo} | P{foo, bar} |        | P{foo} P{bar} |
      // +--------+-------------+--------+---------------+
      // For the first constraint (zone): the matching pods spread as 2/2/1/1
      // For the second constraint (node): the matching pods spread as 0/1/0/1
      name: 'two Constraints on zone and node, with different labelSelectors',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector)
        .obj(),
      existingPods: [
        makePod().name('p-a1').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').node('node-b').label('foo', '').label('bar', '').obj(),
        makePod().name('p-y1').node('node-y').label('foo', '').obj(),
        makePod().name('p-y2').node('node-y').label('bar', '').obj(),
      ],
      nodes: [
        zoneHostNode('node-a', 'zone1'),
        zoneHostNode('node-b', 'zone1'),
        zoneHostNode('node-x', 'zone2'),
        zoneHostNode('node-y', 'zone2'),
      ],
      failedNodes: [],
      want: [
        { name: 'node-a', score: 60 },
        { name: 'node-b', score: 20 },
        { name: 'node-x', score: 100 },
        { name: 'node-y', score: 60 },
      ],
    },
    {
      // For the first constraint (zone): the matching pods spread as 0/0/2/2
      // For the second constraint (node): the matching pods spread as 0/1/0/1
      name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector)
        .obj(),
      existingPods: [
        makePod().name('p-b1').node('node-b').label('bar', '').obj(),
        makePod().name('p-x1').node('node-x').label('foo', '').obj(),
        makePod().name('p-y1').node('node-y').label('foo', '').label('bar', '').obj(),
      ],
      nodes: [
        zoneHostNode('node-a', 'zone1'),
        zoneHostNode('node-b', 'zone1'),
        zoneHostNode('node-x', 'zone2'),
        zoneHostNode('node-y', 'zone2'),
      ],
      failedNodes: [],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 60 },
        { name: 'node-x', score: 40 },
        { name: 'node-y', score: 0 },
      ],
    },
    {
      // For the first constraint (zone): the matching pods spread as 2/2/1/~1~
      // For the second constraint (node): the matching pods spread as 0/1/0/~1~
      name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector)
        .obj(),
      existingPods: [
        makePod().name('p-a1').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').node('node-b').label('foo', '').label('bar', '').obj(),
        makePod().name('p-y1').node('node-y').label('foo', '').obj(),
        makePod().name('p-y2').node('node-y').label('bar', '').obj(),
      ],
      nodes: [zoneHostNode('node-a', 'zone1'), zoneHostNode('node-b', 'zone1'), zoneHostNode('node-x', 'zone2')],
      failedNodes: [zoneHostNode('node-y', 'zone2')],
      want: [
        { name: 'node-a', score: 50 },
        { name: 'node-b', score: 25 },
        { name: 'node-x', score: 100 },
      ],
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      existingPods: [
        makePod().name('p-a1').namespace('ns1').node('node-a').label('foo', '').obj(),
        fooPod('p-a2', 'node-a'),
        fooPod('p-b1', 'node-b'),
        fooPod('p-b2', 'node-b'),
      ],
      nodes: [hostNode('node-a'), hostNode('node-b')],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 33 },
      ],
    },
    {
      name: 'terminating Pods should be excluded',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [hostNode('node-a'), hostNode('node-b')],
      existingPods: [
        makePod().name('p-a').node('node-a').label('foo', '').terminating().obj(),
        fooPod('p-b', 'node-b'),
      ],
      want: [
        { name: 'node-a', score: 100 },
        { name: 'node-b', score: 0 },
      ],
    },
    {
      // This test is artificial. In the real world, API Server would fail a pod's creation
      // when non-default minDomains is specified along with SchedulingAnyway.
      name: 'minDomains has no effect when ScheduleAnyway',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(2, 'node', 'ScheduleAnyway', fooSelector, {
          minDomains: 10, // larger than the number of domains(3)
        })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: fooPods({ a: 2, b: 2, c: 1 }),
      want: [
        { name: 'node-a', score: 75 },
        { name: 'node-b', score: 75 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeAffinityPolicy honoed with labelSelectors',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 0 },
        { name: 'node-b', score: 33 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 66 },
        { name: 'node-b', score: 100 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeAffinityPolicy honoed with nodeAffinity',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityIn('foo', [''])
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 0 },
        { name: 'node-b', score: 33 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityIn('foo', [''])
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeAffinityPolicy: 'Ignore' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
        makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
        makeNode().name('node-c').label('node', 'node-c').obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 66 },
        { name: 'node-b', score: 100 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, { nodeTaintsPolicy: 'Honor' })
        .obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
        makeNode().name('node-c').label('node', 'node-c').taints(taints).obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 0 },
        { name: 'node-b', score: 33 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('node', 'node-b').obj(),
        makeNode().name('node-c').label('node', 'node-c').taints(taints).obj(),
      ],
      existingPods: fooPods({ a: 2, b: 1, c: 1 }),
      want: [
        { name: 'node-a', score: 66 },
        { name: 'node-b', score: 100 },
        { name: 'node-c', score: 100 },
      ],
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', emptySelector(), { matchLabelKeys: ['foo'] })
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', emptySelector(), { matchLabelKeys: ['bar'] })
        .obj(),
      existingPods: [
        makePod().name('p-a1').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').node('node-b').label('foo', '').label('bar', '').obj(),
        makePod().name('p-y1').node('node-c').label('foo', '').obj(),
        makePod().name('p-y2').node('node-c').label('bar', '').obj(),
      ],
      nodes: [
        zoneHostNode('node-a', 'zone1'),
        zoneHostNode('node-b', 'zone1'),
        zoneHostNode('node-c', 'zone2'),
        zoneHostNode('node-d', 'zone2'),
      ],
      want: [
        { name: 'node-a', score: 60 },
        { name: 'node-b', score: 20 },
        { name: 'node-c', score: 60 },
        { name: 'node-d', score: 100 },
      ],
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: makePod()
        .name('p')
        .label('foo', '')
        .label('bar', '')
        .label('baz', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector, { matchLabelKeys: ['baz'] })
        .obj(),
      existingPods: [
        makePod().name('p-a1').node('node-a').label('foo', '').obj(),
        makePod().name('p-b1').node('node-b').label('foo', '').label('bar', '').label('baz', '').obj(),
        makePod().name('p-c1').node('node-c').label('foo', '').obj(),
        makePod().name('p-c2').node('node-c').label('bar', '').obj(),
        makePod().name('p-d3').node('node-c').label('bar', '').label('baz', '').obj(),
      ],
      nodes: [
        zoneHostNode('node-a', 'zone1'),
        zoneHostNode('node-b', 'zone1'),
        zoneHostNode('node-c', 'zone2'),
        zoneHostNode('node-d', 'zone2'),
      ],
      want: [
        { name: 'node-a', score: 60 },
        { name: 'node-b', score: 20 },
        { name: 'node-c', score: 60 },
        { name: 'node-d', score: 100 },
      ],
    },
  ]);
});
