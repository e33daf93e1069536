// The scheduler's node index against a scan of every node: placing pods on a 5,000-node cluster
// where 95% of the nodes are full. The index skips full nodes; a plain scan runs the filters on
// every node, as a naive scheduler would.
import seedrandom from 'seedrandom';
import { filterNode, NodeIndex, resourceAllocationScore, scheduleOne } from '../dist/index.js';

function schedulerCluster(n) {
  const rng = seedrandom.xor4096('scheduler');
  const nodes = Array.from({ length: n }, (_, i) => {
    const full = rng() < 0.95;
    return {
      name: `n${i}`,
      allocatable: { cpuMilli: 3920, memoryBytes: 14e9, pods: 110, podIPs: 254, volumes: 127 },
      requested: { cpuMilli: full ? 3900 : 1000, memoryBytes: full ? 13.9e9 : 2e9, pods: 10, podIPs: 10, volumes: 0 },
      unschedulable: false,
      taints: [],
      hostPorts: new Set(),
      workloadPods: new Map(),
    };
  });
  const index = new NodeIndex(n);
  nodes.forEach((x, i) =>
    index.set(
      i,
      x.allocatable.cpuMilli - x.requested.cpuMilli,
      x.allocatable.memoryBytes - x.requested.memoryBytes,
      100,
    ),
  );
  return { nodes, index, liveNodes: n };
}

const POD = {
  cpuMilli: 300,
  memoryBytes: 1e9,
  volumes: 0,
  hostPort: null,
  hostNetwork: false,
  workload: 'app',
  spread: false,
};
const rate = (begin, n) => n / (Number(process.hrtime.bigint() - begin) / 1e9);

function scheduleWithIndex(cluster, pods) {
  let start = 0;
  const begin = process.hrtime.bigint();
  for (let i = 0; i < pods; i++)
    start = scheduleOne(POD, {
      ...cluster,
      strategy: 'LeastAllocated',
      nextStartNodeIndex: start,
      random: () => 0.5,
    }).nextStartNodeIndex;
  return rate(begin, pods);
}

function scheduleByScan(cluster, pods) {
  const begin = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) {
    let best = -1;
    let bestScore = -1;
    for (let j = 0; j < cluster.nodes.length; j++) {
      const node = cluster.nodes[j];
      if (filterNode(POD, node).length > 0) continue;
      const score = resourceAllocationScore(
        'LeastAllocated',
        { cpuMilli: node.requested.cpuMilli + POD.cpuMilli, memoryBytes: node.requested.memoryBytes + POD.memoryBytes },
        node.allocatable,
      );
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    if (best < 0) throw new Error('no node');
  }
  return rate(begin, pods);
}

/** measureScheduler is pods/s with the index and by scanning, best of 3 rounds each. */
export function measureScheduler() {
  const cluster = schedulerCluster(5000);
  let indexed = 0;
  let scanned = 0;
  for (let round = 0; round < 3; round++) {
    indexed = Math.max(indexed, scheduleWithIndex(cluster, 2000));
    scanned = Math.max(scanned, scheduleByScan(cluster, 200));
  }
  return {
    indexedPerSecond: Math.round(indexed),
    scannedPerSecond: Math.round(scanned),
    schedulerIndexSpeedup: Number((indexed / scanned).toFixed(1)),
  };
}
