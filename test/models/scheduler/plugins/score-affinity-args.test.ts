// InterPodAffinity's score beyond upstream's tables: IgnorePreferredTermsOfExistingPods only skips
// the plugin for a pod that prefers nothing itself (scoring.go PreScore; processExistingPod always
// weighs the existing pods' preferred terms), and the simulation's shortcut of looking only at the
// nodes whose pods have such terms gives the same scores.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { constraintScores, runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';

const node = (name: string): Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
const prefers = (kind: 'podAffinity' | 'podAntiAffinity', app: string, weight = 10) => ({
  [kind]: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } } },
    ],
  },
});
const pod = (app: string, affinity?: object): Pod => ({
  metadata: { namespace: 'default', labels: { app } },
  spec: { containers: [], ...(affinity === undefined ? {} : { affinity }) },
});

const [a, b, c] = [node('a'), node('b'), node('c')];
// On a: a pod that prefers to be near web; on b: a cache pod; c is empty.
const cluster = [
  { node: a, pods: [pod('near-web', prefers('podAffinity', 'web', 50))] },
  { node: b, pods: [pod('cache')] },
  { node: c, pods: [] },
];

describe('InterPodAffinity args', () => {
  it("still weighs existing pods' preferred terms when the incoming pod prefers something too", () => {
    const web = pod('web', prefers('podAffinity', 'cache'));
    const score = (ignore: boolean) =>
      runScorePlugins({
        pod: web,
        nodes: [a, b, c],
        cluster,
        plugins: ['InterPodAffinity'],
        ignorePreferredTermsOfExistingPods: ignore,
      }).map((r) => r.plugins.InterPodAffinity);
    // a: 50 (near-web's term), b: 10 (web's own term for cache), c: 0.
    expect(score(false)).toEqual([100, 20, 0]);
    expect(score(true)).toEqual([100, 20, 0]);
  });

  it('skips a pod that prefers nothing when existing pods are to be ignored', () => {
    const plain = pod('web');
    const run = (ignore: boolean) =>
      runScorePlugins({
        pod: plain,
        nodes: [a, b, c],
        cluster,
        plugins: ['InterPodAffinity'],
        ignorePreferredTermsOfExistingPods: ignore,
      }).map((r) => r.plugins.InterPodAffinity);
    expect(run(false)).toEqual([100, 0, 0]);
    expect(run(true)).toEqual([0, 0, 0]);
  });
});

describe('constraintScores over the nodes with affinity pods only (HavePodsWithAffinityList)', () => {
  it('scores a pod that prefers nothing as the whole cluster would', () => {
    const plain = pod('web');
    const options = { defaultConstraints: [] as const, existingPodAffinity: true };
    const whole = constraintScores(plain, cluster, () => cluster, options);
    const some = constraintScores(plain, cluster, () => cluster, { ...options, affinityCluster: () => [cluster[0]!] });
    expect(some).toEqual(whole);
    expect(whole[0]).toBeGreaterThan(whole[1]!);
  });
});
