import { describe, expect, it } from 'vitest';
import type { NodeSpec } from '../../src/models/allocatable.js';
import { scheduleOne, type PendingPod } from '../../src/models/scheduler/schedule-one.js';
import { Cluster } from '../../src/simulate/cluster.js';

const GiB = 2 ** 30;
const spec = (vcpu: number, memGiB: number): NodeSpec => ({
  cpuMilli: vcpu * 1000,
  memoryBytes: memGiB * GiB,
  maxPods: 110,
  podIPs: 254,
  attachableVolumes: Infinity,
  reservation: { name: 'gke' },
  daemonSets: [{ name: 'kube-proxy', cpuMilli: 100, memoryBytes: 64 * 2 ** 20, hostNetwork: true }],
});
const app: PendingPod = {
  cpuMilli: 300,
  memoryBytes: 2 * GiB,
  volumes: 0,
  hostPort: null,
  hostNetwork: false,
  workload: 'app',
  spread: false,
};
const place = (c: Cluster) =>
  scheduleOne(app, {
    nodes: c.nodes,
    liveNodes: c.liveNodes,
    index: c.index,
    strategy: 'LeastAllocated',
    nextStartNodeIndex: 0,
    random: () => 0,
  });

describe('Cluster', () => {
  it('counts DaemonSet pods as requested from the start', () => {
    const node = new Cluster().addNode('n0', 'main', spec(4, 16));
    expect(node.allocatable).toMatchObject({ cpuMilli: 3920, pods: 110 });
    expect(node.requested).toEqual({ cpuMilli: 100, memoryBytes: 64 * 2 ** 20, pods: 1, podIPs: 0, volumes: 0 });
  });

  it('fills a 4 vCPU / 32 GiB node with exactly 13 replicas of 300m / 2 GiB (docs/model.md#scheduler), then reports Insufficient cpu', () => {
    const c = new Cluster();
    c.addNode('big', 'main', { ...spec(4, 32), daemonSets: [] });
    let placed = 0;
    for (let r = place(c); r.node !== null; r = place(c)) {
      c.bind(app, c.nodes[r.node]!);
      placed++;
    }
    expect(placed).toBe(13);
    expect(place(c)).toMatchObject({ node: null, reason: '0/1 nodes are available: 1 Insufficient cpu.' });
  });

  it('frees room on release, and hides cordoned or tainted nodes from the index', () => {
    const c = new Cluster();
    const node = c.addNode('n0', 'main', spec(1, 4));
    c.bind(app, node);
    expect(place(c).node).toBeNull();
    c.release(app, node);
    expect(place(c).node).toBe(0);
    node.taints.push('node.kubernetes.io/unreachable');
    c.refresh(node);
    expect(place(c)).toMatchObject({
      node: null,
      reason: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.',
    });
  });

  it('grows its index past its first size and forgets removed nodes', () => {
    const c = new Cluster();
    const nodes = Array.from({ length: 100 }, (_, i) => c.addNode(`n${i}`, 'main', spec(2, 8)));
    for (const n of nodes.slice(0, 99)) c.removeNode(n);
    expect(place(c).node).toBe(99);
  });
});
