// Membership keeps each node's cohorts in flat arrays that move and compact as nodes gain
// cohorts: whatever the joins and leaves, each node's entries are those of a plain list (in the
// order the cohorts first had members there, closing up as they go) and the holders are the nodes
// with members in the order they first had some.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterNode } from '../../src/simulate/cluster.js';
import type { Pod, UsageCohort } from '../../src/simulate/pod.js';
import { Membership, newCohort } from '../../src/simulate/usage-cohorts.js';
import type { Workload } from '../../src/scenario/model.js';

const NODES = 120;
const COHORTS = 12;

function entriesOf(m: Membership, node: ClusterNode): Array<[number, number]> {
  const start = m.startOf(node);
  return Array.from({ length: m.lengthOf(node) }, (_, k) => [m.cohortAt[start + k]!, m.countAt[start + k]!]);
}

describe('Membership', () => {
  it('keeps entries as plain per-node lists through joins and leaves', () => {
    const op = fc.tuple(fc.boolean(), fc.nat(NODES - 1), fc.nat(COHORTS - 1));
    fc.assert(
      fc.property(fc.array(op, { minLength: 1000, maxLength: 4000 }), (ops) => {
        const nodes = Array.from({ length: NODES }, (_, index) => ({ index }) as ClusterNode);
        const cohorts: UsageCohort[] = Array.from({ length: COHORTS }, (_, index) =>
          newCohort({} as Workload, { slot: 0, index, revision: 0, cpuWeight: 1 }),
        );
        const m = new Membership();
        const members = new Map<string, Pod[]>(); // "node/cohort" → its member pods
        const lists = nodes.map((): Array<[number, number]> => []);
        const holders: ClusterNode[] = [];
        for (const [join, n, c] of ops) {
          const key = `${n}/${c}`;
          const list = lists[n]!;
          const at = list.findIndex(([i]) => i === c);
          if (join) {
            const p = { node: nodes[n], cohort: null, cpuCumulative: 0 } as unknown as Pod;
            m.join(p, cohorts[c]!);
            members.set(key, [...(members.get(key) ?? []), p]);
            if (at >= 0) list[at]![1]++;
            else {
              if (list.length === 0) holders.push(nodes[n]!);
              list.push([c, 1]);
            }
          } else {
            const p = members.get(key)?.pop();
            if (p === undefined) continue;
            m.leave(p);
            expect(p.cohort).toBeNull();
            if (--list[at]![1] === 0) list.splice(at, 1);
            if (list.length === 0) holders.splice(holders.indexOf(nodes[n]!), 1);
          }
        }
        nodes.forEach((node, n) => expect(entriesOf(m, node)).toEqual(lists[n]));
        expect([...m.holders].map((n) => n.index)).toEqual(holders.map((n) => n.index));
        cohorts.forEach((c, i) =>
          expect(c.members).toBe(lists.reduce((t, l) => t + (l.find(([k]) => k === i)?.[1] ?? 0), 0)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
