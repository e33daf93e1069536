// A plain pod's constraint scores from counts by node index (plain-scores.ts) are constraintScores'
// own, over random clusters: nodes in zones or in none, the pod's ReplicaSet and another spread over
// them, any window of nodes to score.
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { constraintScores, type ClusterEntry } from '../../../../src/models/scheduler/plugins/index.js';
import { isPlainPod, plainConstraintScores } from '../../../../src/models/scheduler/plugins/plain-scores.js';

const ZONE = 'topology.kubernetes.io/zone';
const replicaSet = (name: string): Pod => ({
  metadata: {
    namespace: 'default',
    labels: { app: name },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `default/${name}`, controller: true }],
  },
  spec: { containers: [] },
});
const [web, db] = [replicaSet('web-r0'), replicaSet('db-r0')];

// A cluster: each node's zone (null: no label) and how many of web's and db's pods it runs.
const clusterArb = fc.array(
  fc.record({
    zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
    web: fc.nat(6),
    db: fc.nat(6),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('plainConstraintScores', () => {
  it('gives constraintScores’ scores for a plain pod', () => {
    fc.assert(
      fc.property(clusterArb, fc.nat(), fc.nat(), (nodes, from, length) => {
        const objects: Node[] = nodes.map((n, i) => ({
          metadata: {
            name: `n${i}`,
            labels: { 'kubernetes.io/hostname': `n${i}`, ...(n.zone === null ? {} : { [ZONE]: n.zone }) },
          },
        }));
        const entries: ClusterEntry[] = nodes.map((n, i) => {
          const byPod = new Map<Pod, number>();
          if (n.web > 0) byPod.set(web, n.web);
          if (n.db > 0) byPod.set(db, n.db);
          return { node: objects[i]!, pods: [...byPod.keys()], counts: [...byPod.values()], byPod };
        });
        const zoneCounts = new Map<string, number>();
        nodes.forEach((n) => zoneCounts.set(n.zone ?? '', (zoneCounts.get(n.zone ?? '') ?? 0) + n.web));
        // A window of the nodes, as the scheduler scores them (round-robin from a start).
        const start = from % nodes.length;
        const count = 1 + (length % nodes.length);
        const feasible = Array.from({ length: count }, (_, k) => (start + k) % nodes.length);
        const plain = {
          zoneAt: (i: number) => nodes[i]!.zone ?? undefined,
          countsOf: (pod: Pod) => (pod === web ? nodes.map((n) => n.web) : undefined),
          preferNoScheduleTaints: false,
        };
        expect(isPlainPod(web, plain, { defaults: 'System', existingPodAffinity: false })).toBe(true);
        const general = constraintScores(
          web,
          feasible.map((i) => entries[i]!),
          () => entries,
          { existingPodAffinity: false, podsByDomain: (_pod, key) => (key === ZONE ? zoneCounts : undefined) },
        );
        expect(plainConstraintScores(web, feasible, plain, zoneCounts)).toEqual(general);
      }),
      { numRuns: 500, seed: 25 },
    );
  });

  it('is not for a pod that asks something of nodes, or in a cluster where taints or affinity score', () => {
    const plain = { zoneAt: () => undefined, countsOf: () => undefined, preferNoScheduleTaints: false };
    const options = { defaults: 'System' as const, existingPodAffinity: false };
    const selecting: Pod = { ...web, spec: { containers: [], nodeSelector: { disk: 'ssd' } } };
    const bare: Pod = { metadata: { namespace: 'default' }, spec: { containers: [] } };
    expect(isPlainPod(selecting, plain, options)).toBe(false);
    expect(isPlainPod(bare, plain, options)).toBe(false);
    expect(isPlainPod(web, { ...plain, preferNoScheduleTaints: true }, options)).toBe(false);
    expect(isPlainPod(web, plain, { ...options, existingPodAffinity: true })).toBe(false);
    expect(isPlainPod(web, plain, { ...options, defaults: [] })).toBe(false);
  });
});
