// The cluster-default spread (System: hostname maxSkew 3, zone maxSkew 5, over the pod's own
// controller's pods), and the simulation's running zone counts standing in for a walk over the nodes.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { constraintScores, runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';

const owner = (name: string) => [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `default/${name}`, controller: true },
];
const web: Pod = {
  metadata: { namespace: 'default', labels: { app: 'web' }, ownerReferences: owner('web-r0') },
  spec: { containers: [] },
};
const other: Pod = {
  metadata: { namespace: 'default', labels: { app: 'db' }, ownerReferences: owner('db-r0') },
  spec: { containers: [] },
};
const node = (name: string, zone: string): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
});

// Zone a: a1 with 2 web pods, a2 with 1; zone b: b1 with 1 db pod; zone c: c1 empty.
const [a1, a2, b1, c1] = [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('c1', 'c')];
const cluster = [
  { node: a1, pods: [web], counts: [2] },
  { node: a2, pods: [web], counts: [1] },
  { node: b1, pods: [other], counts: [1] },
  { node: c1, pods: [], counts: [] },
];

describe('the cluster-default spread', () => {
  it('favours the node and zone with the fewest of the ReplicaSet’s own pods', () => {
    const scores = runScorePlugins({ pod: web, nodes: [a1, a2, b1, c1], cluster, plugins: ['PodTopologySpread'] }).map(
      (r) => r.plugins.PodTopologySpread,
    );
    // a1 (2 here, 3 in a) < a2 (1 here, 3 in a) < b1 = c1 (none of web's pods: db's do not count).
    expect(scores[0]).toBeLessThan(scores[1]!);
    expect(scores[1]).toBeLessThan(scores[2]!);
    expect(scores[2]).toBe(scores[3]);
    expect(scores[3]).toBe(100);
  });

  it('does not apply to a pod without a controller', () => {
    const bare: Pod = { metadata: { namespace: 'default', labels: { app: 'web' } }, spec: { containers: [] } };
    const scores = runScorePlugins({ pod: bare, nodes: [a1, c1], cluster, plugins: ['PodTopologySpread'] });
    expect(scores.map((r) => r.plugins.PodTopologySpread)).toEqual([0, 0]);
  });

  it("takes the simulation's zone counts in place of the walk, with the same scores", () => {
    const options = { existingPodAffinity: false };
    const walked = constraintScores(web, cluster, () => cluster, options);
    const byZone = new Map([
      ['a', 3],
      ['b', 0],
      ['c', 0],
    ]);
    let walks = 0;
    const counted = constraintScores(
      web,
      cluster,
      () => {
        walks++;
        return cluster;
      },
      { ...options, podsByDomain: (_pod, key) => (key === 'topology.kubernetes.io/zone' ? byZone : undefined) },
    );
    expect(counted).toEqual(walked);
    expect(walks).toBe(0);
    // And they are what decides: other counts, other scores.
    const skewed = constraintScores(web, cluster, () => cluster, {
      ...options,
      podsByDomain: () => new Map([['c', 9]]),
    });
    expect(skewed).not.toEqual(walked);
  });

  it("reads a node's pods of the ReplicaSet from its count by object, with the same scores", () => {
    const options = { existingPodAffinity: false, podsByDomain: () => undefined };
    const walked = constraintScores(web, cluster, () => cluster, options);
    const byObject = cluster.map((e) => ({ ...e, byPod: new Map(e.pods.map((p, i) => [p, e.counts[i]!])) }));
    expect(constraintScores(web, byObject, () => byObject, options)).toEqual(walked);
    // And the count is what decides: another count on a1, another score.
    const moved = byObject.map((e) => (e.node === a1 ? { ...e, byPod: new Map([[web, 0]]) } : e));
    expect(constraintScores(web, moved, () => moved, options)).not.toEqual(walked);
  });
});
