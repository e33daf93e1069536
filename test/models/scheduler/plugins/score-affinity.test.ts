// Upstream's own score tables for InterPodAffinity, ported to runScorePlugins:
//
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go
//   (stored version 030880a5dc5449403c6d1f0aa146a7dc21d6c6dc) TestPreferredAffinity and
//   TestPreferredAffinityWithHardPodAffinitySymmetricWeight. Upstream runs PreScore, then Score on every
//   listed node, then NormalizeScore, and compares the list; here that list is each node's
//   plugins.InterPodAffinity (after NormalizeScore, unweighted), in the order of `nodes`. Both tests run with
//   InterPodAffinityArgs{HardPodAffinityWeight, IgnorePreferredTermsOfExistingPods}, passed here as they are.
//
// A PreScore that returns Skip (nothing to score: no term of the incoming pod, nor of an existing pod, counted
// on any topology pair) means the framework never runs Score for the plugin, so it adds nothing to any node:
// every node's InterPodAffinity score is 0 here. Upstream's "No nodes to score" (also Skip) is an empty list.
//
// These tests build v1 literals (&v1.Pod{Spec: ..., ObjectMeta: ...}), not st.MakePod(); podOf()/nodeOf()
// below mirror those literals as plain v1 JSON. No pod has a namespace unless upstream sets one (an empty
// namespace is an absent metadata.namespace in JSON). The affinity values keep upstream's variable names.
//
// Not ported:
// - TestPreferredAffinity "invalid Affinity fails PreScore" and "invalid AntiAffinity fails PreScore": PreScore
//   rejects the pod over label-value validation (Error `Invalid value: "{{.bad-value.}}"`), not a score.
// - TestPreferredAffinity "Affinity symmetry with namespace selector", "AntiAffinity symmetry with namespace
//   selector", and the four "Affinity with pods matching NamespaceSelector" / "Affinity with pods matching both
//   NamespaceSelector and Namespaces fields" cases (upstream repeats those two names, once with
//   affinityNamespaceSelector and once with antiAffinityNamespaceSelector): their terms select namespaces by
//   the Namespace objects' team=team1/team2 labels, which our model does not have (a namespace's one label is
//   kubernetes.io/metadata.name).
// - TestPreferredAffinityWithHardPodAffinitySymmetricWeight "with matching NamespaceSelector": the incoming pod
//   matches only through the namespaceSelector team In (team1) (namespace subteam1.team1), which needs those
//   labels. The other four cases of that test are kept although hardPodAffinity has the same
//   namespaceSelector: their outcome does not depend on it. Upstream's selector picks subteam1.team1 and
//   subteam2.team1, ours picks no namespace, and none of those cases has a pod in either: the incoming pod is
//   in "" or subteam2.team2 (both in the term's namespaces list) or subteam1.team2 (team2, matched by neither).
import { describe, expect, it } from 'vitest';
import type { Affinity, Node, Pod, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { clusterOf, type Labels, type NodeScore } from './wrappers.js';

// framework.MaxNodeScore
const MAX = 100;

// ---- v1 literals ----

// &v1.Pod{Spec: v1.PodSpec{NodeName, Affinity}, ObjectMeta: metav1.ObjectMeta{Namespace, Labels}}
function podOf(p: { nodeName?: string; affinity?: Affinity; labels?: Labels; namespace?: string }): Pod {
  return {
    metadata: {
      ...(p.namespace === undefined || p.namespace === '' ? {} : { namespace: p.namespace }),
      ...(p.labels === undefined ? {} : { labels: { ...p.labels } }),
    },
    spec: {
      containers: [],
      ...(p.nodeName === undefined || p.nodeName === '' ? {} : { nodeName: p.nodeName }),
      ...(p.affinity === undefined ? {} : { affinity: p.affinity }),
    },
  };
}

// &v1.Node{ObjectMeta: metav1.ObjectMeta{Name, Labels}}
const nodeOf = (name: string, labels: Labels): Node => ({ metadata: { name, labels: { ...labels } } });

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  readonly pods?: Pod[];
  readonly nodes: Node[];
  readonly expectedList: NodeScore[];
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

function scoreList(c: ScoreCase): NodeScore[] {
  const result = runScorePlugins({
    pod: c.pod,
    nodes: c.nodes,
    cluster: clusterOf(c.nodes, c.pods ?? []),
    plugins: ['InterPodAffinity'],
    hardPodAffinityWeight: c.hardPodAffinityWeight ?? 1,
    ignorePreferredTermsOfExistingPods: c.ignorePreferredTermsOfExistingPods ?? false,
  });
  return result.map((r) => ({ name: r.node, score: r.plugins.InterPodAffinity! }));
}

function runCases(cases: readonly ScoreCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(scoreList(c)).toEqual(c.expectedList);
  });
}

// expectedList []framework.NodeScore{{Name: "node1", Score: ...}, ...}
const scores = (...s: number[]): NodeScore[] => s.map((score, i) => ({ name: `node${i + 1}`, score }));

// ---- affinity values ----

const req = (key: string, operator: string, values?: string[]): LabelSelectorRequirement => ({
  key,
  operator,
  ...(values === undefined ? {} : { values }),
});
const weighted = (
  weight: number,
  topologyKey: string,
  ...expr: LabelSelectorRequirement[]
): WeightedPodAffinityTerm => ({
  weight,
  podAffinityTerm: { labelSelector: { matchExpressions: expr }, topologyKey },
});

describe('InterPodAffinity Score (interpodaffinity/scoring_test.go TestPreferredAffinity)', () => {
  const labelRgChina = { region: 'China' };
  const labelRgIndia = { region: 'India' };
  const labelAzAz1 = { az: 'az1' };
  const labelAzAz2 = { az: 'az2' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const podLabelSecurityS1 = { security: 'S1' };
  const podLabelSecurityS2 = { security: 'S2' };
  // considered only preferredDuringSchedulingIgnoredDuringExecution in pod affinity
  const stayWithS1InRegion: Affinity = {
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, 'region', req('security', 'In', ['S1']))],
    },
  };
  const stayWithS2InRegion: Affinity = {
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(6, 'region', req('security', 'In', ['S2']))],
    },
  };
  const affinity3: Affinity = {
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        weighted(8, 'region', req('security', 'NotIn', ['S1']), req('security', 'In', ['S2'])),
        weighted(2, 'region', req('security', 'Exists'), req('wrongkey', 'DoesNotExist')),
      ],
    },
  };
  const hardAffinity: Affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchExpressions: [req('security', 'In', ['S1', 'value2'])] }, topologyKey: 'region' },
        {
          labelSelector: { matchExpressions: [req('security', 'Exists'), req('wrongkey', 'DoesNotExist')] },
          topologyKey: 'region',
        },
      ],
    },
  };
  const awayFromS1InAz: Affinity = {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, 'az', req('security', 'In', ['S1']))],
    },
  };
  // to stay away from security S2 in any az.
  const awayFromS2InAz: Affinity = {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, 'az', req('security', 'In', ['S2']))],
    },
  };
  // to stay with security S1 in same region, stay away from security S2 in any az.
  const stayWithS1InRegionAwayFromS2InAz: Affinity = {
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, 'region', req('security', 'In', ['S1']))],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, 'az', req('security', 'In', ['S2']))],
    },
  };

  runCases([
    {
      // wantStatus Skip: every node 0.
      name: 'all nodes are same priority as Affinity is nil',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS1 }),
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)],
      expectedList: scores(0, 0, 0),
    },
    // the node(node1) that have the label {"region": "China"} (match the topology key) and that have existing pods that match the labelSelector get high score
    // the node(node3) that don't have the label {"region": "whatever the value is"} (mismatch the topology key) but that have existing pods that match the labelSelector get low score
    // the node(node2) that have the label {"region": "China"} (match the topology key) but that have existing pods that mismatch the labelSelector get low score
    {
      name:
        'Affinity: pod that matches topology key & pods in nodes will get high score comparing to others' +
        "which doesn't match either pods in nodes or in topology key",
      pod: podOf({ nodeName: '', affinity: stayWithS1InRegion, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node3', labels: podLabelSecurityS1 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)],
      expectedList: scores(MAX, 0, 0),
    },
    // the node1(node1) that have the label {"region": "China"} (match the topology key) and that have existing pods that match the labelSelector get high score
    // the node2(node2) that have the label {"region": "China"}, match the topology key and have the same label value with node1, get the same high score with node1
    // the node3(node3) that have the label {"region": "India"}, match the topology key but have a different label value, don't have existing pods that match the labelSelector,
    // get a low score.
    {
      name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
      pod: podOf({ nodeName: '', affinity: stayWithS1InRegion }),
      pods: [podOf({ nodeName: 'node1', labels: podLabelSecurityS1 })],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgChinaAzAz1), nodeOf('node3', labelRgIndia)],
      expectedList: scores(MAX, MAX, 0),
    },
    // there are 2 regions, say regionChina(node1,node3,node4) and regionIndia(node2,node5), both regions have nodes that match the preference.
    // But there are more nodes(actually more existing pods) in regionChina that match the preference than regionIndia.
    // Then, nodes in regionChina get higher score than nodes in regionIndia, and all the nodes in regionChina should get a same score(high score),
    // while all the nodes in regionIndia should get another same score(low score).
    {
      name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
      pod: podOf({ nodeName: '', affinity: stayWithS2InRegion, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node1', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node3', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node4', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node5', labels: podLabelSecurityS2 }),
      ],
      nodes: [
        nodeOf('node1', labelRgChina),
        nodeOf('node2', labelRgIndia),
        nodeOf('node3', labelRgChina),
        nodeOf('node4', labelRgChina),
        nodeOf('node5', labelRgIndia),
      ],
      expectedList: scores(MAX, 0, MAX, MAX, 0),
    },
    // Test with the different operators and values for pod affinity scheduling preference, including some match failures.
    {
      name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
      pod: podOf({ nodeName: '', affinity: affinity3, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node3', labels: podLabelSecurityS1 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)],
      expectedList: scores(20, MAX, 0),
    },
    // Test the symmetry cases for affinity, the difference between affinity and symmetry is not the pod wants to run together with some existing pods,
    // but the existing pods have the inter pod affinity preference while the pod to schedule satisfy the preference.
    {
      name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS2 }),
      pods: [
        podOf({ nodeName: 'node1', affinity: stayWithS1InRegion, labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: stayWithS2InRegion, labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)],
      expectedList: scores(0, MAX, 0),
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', affinity: hardAffinity, labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: hardAffinity, labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)],
      expectedList: scores(MAX, MAX, 0),
    },

    // The pod to schedule prefer to stay away from some existing pods at node level using the pod anti affinity.
    // the nodes that have the label {"node": "bar"} (match the topology key) and that have existing pods that match the labelSelector get low score
    // the nodes that don't have the label {"node": "whatever the value is"} (mismatch the topology key) but that have existing pods that match the labelSelector get high score
    // the nodes that have the label {"node": "bar"} (match the topology key) but that have existing pods that mismatch the labelSelector get high score
    // there are 2 nodes, say node1 and node2, both nodes have pods that match the labelSelector and have topology-key in node.Labels.
    // But there are more pods on node1 that match the preference than node2. Then, node1 get a lower score than node2.
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
      pod: podOf({ nodeName: '', affinity: awayFromS1InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelAzAz1), nodeOf('node2', labelRgChina)],
      expectedList: scores(0, MAX),
    },
    {
      name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
      pod: podOf({ nodeName: '', affinity: awayFromS1InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS1 }),
      ],
      nodes: [nodeOf('node1', labelAzAz1), nodeOf('node2', labelRgChina)],
      expectedList: scores(0, MAX),
    },
    {
      name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
      pod: podOf({ nodeName: '', affinity: awayFromS1InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelAzAz1), nodeOf('node2', labelRgIndia)],
      expectedList: scores(0, MAX),
    },
    // Test the symmetry cases for anti affinity
    {
      name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS2 }),
      pods: [
        podOf({ nodeName: 'node1', affinity: awayFromS2InAz, labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: awayFromS1InAz, labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelAzAz1), nodeOf('node2', labelAzAz2)],
      expectedList: scores(0, MAX),
    },
    // Test both  affinity and anti-affinity
    {
      name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
      pod: podOf({ nodeName: '', affinity: stayWithS1InRegionAwayFromS2InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS1 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelAzAz1)],
      expectedList: scores(MAX, 0),
    },
    // Combined cases considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels (they are in the same RC/service),
    // the pod prefer to run together with its brother pods in the same region, but wants to stay away from them at node level,
    // so that all the pods of a RC/service can stay in a same region but trying to separate with each other
    // node-1,node-3,node-4 are in ChinaRegion others node-2,node-5 are in IndiaRegion
    {
      name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
      pod: podOf({ nodeName: '', affinity: stayWithS1InRegionAwayFromS2InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node3', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node3', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node4', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node5', labels: podLabelSecurityS1 }),
      ],
      nodes: [
        nodeOf('node1', labelRgChinaAzAz1),
        nodeOf('node2', labelRgIndia),
        nodeOf('node3', labelRgChina),
        nodeOf('node4', labelRgChina),
        nodeOf('node5', labelRgIndia),
      ],
      expectedList: scores(MAX, 0, MAX, MAX, 0),
    },
    // Consider Affinity, Anti Affinity and symmetry together.
    // for Affinity, the weights are:                8,  0,  0,  0
    // for Anti Affinity, the weights are:           0, -5,  0,  0
    // for Affinity symmetry, the weights are:       0,  0,  8,  0
    // for Anti Affinity symmetry, the weights are:  0,  0,  0, -5
    {
      name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
      pod: podOf({ nodeName: '', affinity: stayWithS1InRegionAwayFromS2InAz, labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', labels: podLabelSecurityS2 }),
        podOf({ nodeName: 'node3', affinity: stayWithS1InRegionAwayFromS2InAz }),
        podOf({ nodeName: 'node4', affinity: awayFromS1InAz }),
      ],
      nodes: [
        nodeOf('node1', labelRgChina),
        nodeOf('node2', labelAzAz1),
        nodeOf('node3', labelRgIndia),
        nodeOf('node4', labelAzAz2),
      ],
      expectedList: scores(MAX, 0, MAX, 0),
    },
    // Cover https://github.com/kubernetes/kubernetes/issues/82796 which panics upon:
    // 1. Some nodes in a topology don't have pods with affinity, but other nodes in the same topology have.
    // 2. The incoming pod doesn't have affinity.
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: podOf({ nodeName: '', labels: podLabelSecurityS1 }),
      pods: [
        podOf({ nodeName: 'node1', labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: stayWithS1InRegionAwayFromS2InAz }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgChina)],
      expectedList: scores(0, 0),
    },
    {
      // wantStatus Skip (upstream also lists 0, 0): the existing pods' preferred terms are ignored and the
      // incoming pod has none.
      name: 'Ignore preferred terms of existing pods',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS2 }),
      pods: [
        podOf({ nodeName: 'node1', affinity: stayWithS1InRegionAwayFromS2InAz, labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: stayWithS2InRegion, labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia)],
      expectedList: scores(0, 0),
      ignorePreferredTermsOfExistingPods: true,
    },
    {
      name: 'Do not ignore preferred terms of existing pods',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS2 }),
      pods: [
        podOf({ nodeName: 'node1', affinity: stayWithS1InRegionAwayFromS2InAz, labels: podLabelSecurityS1 }),
        podOf({ nodeName: 'node2', affinity: stayWithS2InRegion, labels: podLabelSecurityS2 }),
      ],
      nodes: [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia)],
      expectedList: scores(0, MAX),
      ignorePreferredTermsOfExistingPods: false,
    },
    {
      // wantStatus Skip: no node, so an empty list.
      name: 'No nodes to score',
      pod: podOf({ nodeName: '', labels: podLabelSecurityS2 }),
      pods: [],
      nodes: [],
      expectedList: [],
    },
  ]);
});

describe('InterPodAffinity Score (interpodaffinity/scoring_test.go TestPreferredAffinityWithHardPodAffinitySymmetricWeight)', () => {
  const podLabelServiceS1 = { service: 'S1' };
  const labelRgChina = { region: 'China' };
  const labelRgIndia = { region: 'India' };
  const labelAzAz1 = { az: 'az1' };
  const hardPodAffinity: Affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchExpressions: [req('service', 'In', ['S1'])] },
          namespaces: ['', 'subteam2.team2'],
          namespaceSelector: { matchExpressions: [req('team', 'In', ['team1'])] },
          topologyKey: 'region',
        },
      ],
    },
  };
  const existing = () => [
    podOf({ nodeName: 'node1', affinity: hardPodAffinity }),
    podOf({ nodeName: 'node2', affinity: hardPodAffinity }),
  ];
  const nodes = () => [nodeOf('node1', labelRgChina), nodeOf('node2', labelRgIndia), nodeOf('node3', labelAzAz1)];
  // v1.DefaultHardPodAffinitySymmetricWeight
  const defaultHardPodAffinitySymmetricWeight = 1;

  runCases([
    {
      name: 'with default weight',
      pod: podOf({ labels: podLabelServiceS1 }),
      pods: existing(),
      nodes: nodes(),
      hardPodAffinityWeight: defaultHardPodAffinitySymmetricWeight,
      expectedList: scores(MAX, MAX, 0),
    },
    {
      // wantStatus Skip: a zero weight counts nothing, every node 0.
      name: 'with zero weight',
      pod: podOf({ labels: podLabelServiceS1 }),
      pods: existing(),
      nodes: nodes(),
      hardPodAffinityWeight: 0,
      expectedList: scores(0, 0, 0),
    },
    {
      // wantStatus Skip: subteam1.team2 is neither listed nor selected (team2), every node 0.
      name: 'with no matching namespace',
      pod: podOf({ namespace: 'subteam1.team2', labels: podLabelServiceS1 }),
      pods: existing(),
      nodes: nodes(),
      hardPodAffinityWeight: defaultHardPodAffinitySymmetricWeight,
      expectedList: scores(0, 0, 0),
    },
    {
      name: 'with matching Namespaces',
      pod: podOf({ namespace: 'subteam2.team2', labels: podLabelServiceS1 }),
      pods: existing(),
      nodes: nodes(),
      hardPodAffinityWeight: defaultHardPodAffinitySymmetricWeight,
      expectedList: scores(MAX, MAX, 0),
    },
  ]);
});
