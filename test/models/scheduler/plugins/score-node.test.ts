// Upstream's own score tables for TaintToleration and NodeAffinity, ported to runScorePlugins (one plugin per
// table):
//
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
//   (stored version 04c0d74f8e8bf18e93a9d8d082b218d3eb4c6395, the one with the Gt/Lt toleration cases; the older
//   cb6ff2d8ce3595f88570f82c7d0e6d98910afd3c has the first five cases, with the same expectations)
//   TestTaintTolerationScore.
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go
//   (stored version 17bae91f207a5f2b101e581c90f7a72fc9adef96; the older 022462ccaeb5664cfd0c860978624bb0619aaa01
//   has the same scored cases, without the two PreScore-status ones) TestNodeAffinityPriority.
//
// Upstream runs PreScore (where the case asks), Score on every node in order, then NormalizeScore, and compares
// the whole NodeScoreList: here, each result's node name and its plugin's score (r.plugins[plugin], after
// NormalizeScore, unweighted), in the order of `nodes`. The weighted total (r.score) is checked against the
// default profile's weight times that score (pkg/scheduler/apis/config/v1/default_plugins.go: TaintToleration 3,
// NodeAffinity 2). `cluster` is every test node with no pods (upstream's cache.NewSnapshot(nil, test.nodes)).
// framework.MaxNodeScore is 100.
//
// Neither upstream test uses st.MakePod()/st.MakeNode(): taint_toleration_test.go builds its objects with
// nodeWithTaints/podWithTolerations, re-created in wrappers.ts; node_affinity_test.go writes
// v1.Pod/v1.Node literals, written here as v1 JSON with its label maps (label1..label5) and affinities
// (affinity1, affinity2) kept under upstream's names. A Go field left at its zero value is left out, except
// PodSpec.containers, which kubernetes-types requires ([] where upstream's is nil); an empty Annotations map is
// left out (omitempty).
//
// Not ported:
// - TestTaintTolerationScore: "Numeric Gt operator: pod with Gt toleration prefers nodes with matching SLA taint",
//   "Numeric Lt operator: pod with Lt toleration prefers nodes with matching SLA taint", "Score ignores parse
//   errors from numeric PreferNoSchedule taint value": they run with the TaintTolerationComparisonOperators
//   feature on (enableTaintTolerationComparisonOps; alpha, off by default), as node-filters.test.ts skips the
//   Filter ones.
// - TestNodeAffinityPriority: "added affinity", "added affinity and pod has default affinity": they need the
//   plugin's args (NodeAffinityArgs.AddedAffinity). "Skip is returned in PreScore when NodeAffinity is nil" and
//   "PreScore returns error when an incoming Pod has a broken affinity" ("invalid key"): they check only
//   PreScore's status (Skip; an error) and stop there, with no expected score list, and runScorePlugins returns
//   no PreScore status. "all nodes are same priority as NodeAffinity is nil" (kept) scores the first one's pod.
import { describe, expect, it } from 'vitest';
import type { Affinity, Node, Pod } from 'kubernetes-types/core/v1.js';
import { runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { type Labels, type NodeScore, nodeWithTaints, podWithTolerations } from './wrappers.js';

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly expectedList: readonly NodeScore[];
}

// framework.MaxNodeScore
const MAX_NODE_SCORE = 100;

// default_plugins.go: {Name: names.TaintToleration, Weight: 3}, {Name: names.NodeAffinity, Weight: 2}
const WEIGHT: Readonly<Record<string, number>> = { TaintToleration: 3, NodeAffinity: 2 };

// Scores every node of the case with one plugin, the snapshot being the case's nodes, and compares the normalized
// list, then the weighted totals.
function runScoreCases(plugin: string, cases: readonly ScoreCase[]): void {
  for (const c of cases)
    it(c.name, () => {
      const got = runScorePlugins({
        pod: c.pod,
        nodes: [...c.nodes],
        cluster: c.nodes.map((node) => ({ node, pods: [] })),
        plugins: [plugin],
      });
      expect(got.map((r) => ({ name: r.node, score: r.plugins[plugin] }))).toEqual(c.expectedList);
      expect(got.map((r) => r.score)).toEqual(c.expectedList.map((e) => WEIGHT[plugin]! * e.score));
    });
}

// ---- TaintToleration ----

// upstream: TestTaintTolerationScore
describe('TaintToleration Score: upstream TestTaintTolerationScore', () => {
  runScoreCases('TaintToleration', [
    // basic test case
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
      ],
      expectedList: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 0 },
      ],
    },
    // the count of taints that are tolerated by pod, does not matter.
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expectedList: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: MAX_NODE_SCORE },
        { name: 'nodeC', score: MAX_NODE_SCORE },
      ],
    },
    // the count of taints on a node that are not tolerated by pod, matters.
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expectedList: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 50 },
        { name: 'nodeC', score: 0 },
      ],
    },
    // taints-tolerations priority only takes care about the taints and tolerations that have effect PreferNoSchedule
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expectedList: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: MAX_NODE_SCORE },
        { name: 'nodeC', score: 0 },
      ],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      // pod without tolerations
      pod: podWithTolerations('pod1', []),
      nodes: [
        // Node without taints
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
      ],
      expectedList: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 0 },
      ],
    },
  ]);
});

// ---- NodeAffinity ----

const label1: Labels = { foo: 'bar' };
const label2: Labels = { key: 'value' };
const label3: Labels = { az: 'az1' };
const label4: Labels = { abc: 'az11', def: 'az22' };
const label5: Labels = { foo: 'bar', key: 'value', az: 'az1' };

const affinity1: Affinity = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
    ],
  },
};

const affinity2: Affinity = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
      { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
      {
        weight: 5,
        preference: {
          matchExpressions: [
            { key: 'foo', operator: 'In', values: ['bar'] },
            { key: 'key', operator: 'In', values: ['value'] },
            { key: 'az', operator: 'In', values: ['az1'] },
          ],
        },
      },
    ],
  },
};

// {ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
const labelledNode = (name: string, labels: Labels): Node => ({ metadata: { name, labels } });

// &v1.Pod{Spec: v1.PodSpec{Affinity: affinity}}
const affinityPod = (affinity: Affinity): Pod => ({ spec: { containers: [], affinity } });

// upstream: TestNodeAffinityPriority
describe('NodeAffinity Score: upstream TestNodeAffinityPriority', () => {
  runScoreCases('NodeAffinity', [
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      // &v1.Pod{ObjectMeta: metav1.ObjectMeta{Annotations: map[string]string{}}}
      pod: { metadata: {}, spec: { containers: [] } },
      nodes: [labelledNode('node1', label1), labelledNode('node2', label2), labelledNode('node3', label3)],
      expectedList: [
        { name: 'node1', score: 0 },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      pod: affinityPod(affinity1),
      nodes: [labelledNode('node1', label4), labelledNode('node2', label2), labelledNode('node3', label3)],
      expectedList: [
        { name: 'node1', score: 0 },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      pod: affinityPod(affinity1),
      nodes: [labelledNode('node1', label1), labelledNode('node2', label2), labelledNode('node3', label3)],
      expectedList: [
        { name: 'node1', score: MAX_NODE_SCORE },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      // (upstream's name ends with a space)
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
      pod: affinityPod(affinity2),
      nodes: [labelledNode('node1', label1), labelledNode('node5', label5), labelledNode('node2', label2)],
      expectedList: [
        { name: 'node1', score: 18 },
        { name: 'node5', score: MAX_NODE_SCORE },
        { name: 'node2', score: 36 },
      ],
    },
    {
      name: 'calculate the priorities correctly even if PreScore is not called',
      pod: affinityPod(affinity2),
      nodes: [labelledNode('node1', label1), labelledNode('node5', label5), labelledNode('node2', label2)],
      expectedList: [
        { name: 'node1', score: 18 },
        { name: 'node5', score: MAX_NODE_SCORE },
        { name: 'node2', score: 36 },
      ],
    },
  ]);
});
