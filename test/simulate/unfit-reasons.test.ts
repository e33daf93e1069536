// The reasons a plain pod shape fits no node, kept between cycles and brought up to date from the
// nodes changed since, word the same message as a count over every node, whatever changes come
// between (nodes changed, added, removed; more changes than the cluster remembers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeUnschedulable } from '../../src/models/scheduler/filter.js';
import type { SchedulableNode } from '../../src/models/scheduler/schedule-one.js';
import { UnfitReasons, type UnfitCluster } from '../../src/simulate/unfit-reasons.js';

const REASONS = [
  ['Insufficient cpu'],
  ['Insufficient memory'],
  ['Insufficient cpu', 'Insufficient memory'],
  ['Too many pods'],
];

// A node whose reasons, for a pod of shape `s`, are REASONS[(state + s) % 4].
interface FakeNode {
  state: number;
}

class FakeCluster {
  version = 0;
  nodes: Array<FakeNode | undefined> = [];
  private log: number[] = [];
  constructor(private readonly remembered: number) {}
  get liveNodes() {
    return this.nodes.filter((n) => n !== undefined).length;
  }
  change(i: number) {
    this.log[this.version++] = i;
  }
  changedSince(version: number) {
    return this.version - version > this.remembered ? null : this.log.slice(version, this.version);
  }
}

const reasonsFor = (shape: number) => (node: SchedulableNode) => [
  ...REASONS[((node as unknown as FakeNode).state + shape) % 4]!,
];

describe('UnfitReasons', () => {
  it('words what a count over every node words', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), node: fc.nat(30), state: fc.nat(3) }),
      fc.record({ kind: fc.constant('add' as const), state: fc.nat(3) }),
      fc.record({ kind: fc.constant('remove' as const), node: fc.nat(30) }),
      fc.record({ kind: fc.constant('explain' as const), shape: fc.nat(2) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(step, { minLength: 20, maxLength: 200 }),
        (remembered, steps) => {
          const cluster = new FakeCluster(remembered);
          for (let i = 0; i < 5; i++) {
            cluster.nodes.push({ state: i % 4 });
            cluster.change(i);
          }
          const unfit = new UnfitReasons(cluster as unknown as UnfitCluster);
          for (const s of steps) {
            if (s.kind === 'add') {
              cluster.nodes.push({ state: s.state });
              cluster.change(cluster.nodes.length - 1);
            } else if (s.kind === 'set' || s.kind === 'remove') {
              const i = s.node % cluster.nodes.length;
              if (cluster.nodes[i] === undefined) continue;
              if (s.kind === 'set') cluster.nodes[i]!.state = s.state;
              else cluster.nodes[i] = undefined;
              cluster.change(i);
            } else {
              const on = reasonsFor(s.shape);
              const all = cluster.nodes.flatMap((n) => (n === undefined ? [] : [on(n as unknown as SchedulableNode)]));
              expect(unfit.explain(`shape-${s.shape}`, on)).toBe(describeUnschedulable(cluster.liveNodes, all));
            }
          }
        },
      ),
      { numRuns: 300, seed: 25 },
    );
  });
});
