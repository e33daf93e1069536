import { describe, expect, it } from 'vitest';
import { NodeIndex } from '../../../src/models/scheduler/node-index.js';
import {
  scheduleOne,
  type PendingPod,
  type SchedulableNode,
  type SchedulingContext,
} from '../../../src/models/scheduler/schedule-one.js';
import { pending } from '../builders.js';

const GiB = 2 ** 30;
const pod = (over: Partial<PendingPod> = {}): PendingPod => pending(300, 2 * GiB, over);

// A cluster of nodes given as [allocatable cpu, allocatable memory GiB, requested cpu, requested memory GiB, pods of `app`].
function cluster(
  rows: Array<[number, number, number, number, number?]>,
  over: Partial<SchedulingContext> = {},
): SchedulingContext {
  const nodes: SchedulableNode[] = rows.map(([cpu, mem, usedCpu, usedMem, appPods = 0], i) => ({
    name: `node-${i}`,
    allocatable: { cpuMilli: cpu, memoryBytes: mem * GiB, pods: 110, podIPs: 254, volumes: 127 },
    requested: { cpuMilli: usedCpu, memoryBytes: usedMem * GiB, pods: appPods, podIPs: appPods, volumes: 0 },
    unschedulable: false,
    taints: [],
    hostPorts: new Set(),
    workloadPods: new Map([['app', appPods]]),
  }));
  const index = new NodeIndex(nodes.length);
  nodes.forEach((n, i) =>
    index.set(
      i,
      n.allocatable.cpuMilli - n.requested.cpuMilli,
      n.allocatable.memoryBytes - n.requested.memoryBytes,
      n.allocatable.pods - n.requested.pods,
    ),
  );
  let draws = 0;
  return {
    nodes,
    liveNodes: nodes.length,
    index,
    strategy: 'LeastAllocated',
    nextStartNodeIndex: 0,
    random: () => (draws++ * 0.37) % 1,
    ...over,
  };
}

describe('scheduleOne', () => {
  it('LeastAllocated spreads onto the emptier node; MostAllocated packs onto the fuller one', () => {
    const rows: Array<[number, number, number, number]> = [
      [3920, 28, 2000, 10],
      [3920, 28, 0, 0],
    ];
    expect(scheduleOne(pod(), cluster(rows))).toMatchObject({ node: 1 });
    expect(scheduleOne(pod(), cluster(rows, { strategy: 'MostAllocated' }))).toMatchObject({ node: 0 });
  });

  it('explains, per reason, why no node would do (both node-size designs full at 13)', () => {
    const big = cluster([[3920, 28.34, 13 * 300, 26, 13]]);
    expect(scheduleOne(pod(), big)).toMatchObject({
      node: null,
      reason: '0/1 nodes are available: 1 Insufficient cpu.',
    });
    const small = cluster(
      Array.from({ length: 13 }, () => [940, 2.9, 300, 2, 1] as [number, number, number, number, number]),
    );
    expect(scheduleOne(pod(), small)).toMatchObject({
      node: null,
      reason: '0/13 nodes are available: 13 Insufficient memory.',
    });
  });

  it('starts where the last cycle stopped, round-robin', () => {
    const rows = Array.from({ length: 4 }, () => [3920, 28, 0, 0] as [number, number, number, number]);
    const first = scheduleOne(pod(), cluster(rows, { nextStartNodeIndex: 2 }));
    expect(first.nextStartNodeIndex).toBe(2); // under 100 nodes every node is looked at: around the ring once
    expect(first.node).not.toBeNull();
  });

  it('keeps a spread workload within max skew 1', () => {
    const rows: Array<[number, number, number, number, number]> = [
      [3920, 28, 300, 2, 1],
      [3920, 28, 0, 0, 0],
    ];
    // The first node holds one replica more than the second: only the second is allowed.
    expect(scheduleOne(pod({ spread: true }), cluster(rows, { strategy: 'MostAllocated' }))).toMatchObject({ node: 1 });
    expect(scheduleOne(pod({ spread: false }), cluster(rows, { strategy: 'MostAllocated' }))).toMatchObject({
      node: 0,
    });
  });

  it('stops after numFeasibleNodesToFind feasible nodes on a big cluster, and is deterministic for a given random stream', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => [3920, 28, i % 3 === 0 ? 0 : 3900, 0] as [number, number, number, number],
    );
    const a = scheduleOne(pod(), cluster(rows));
    const b = scheduleOne(pod(), cluster(rows));
    expect(a).toEqual(b);
    // 5,000 nodes: 50% − 40% = 10% → 500 feasible nodes, one in three of them empty: about 1,500 looked at.
    expect(a.nextStartNodeIndex).toBe(1498);
    expect(a.node! % 3).toBe(0);
  });
});
