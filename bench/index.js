// npm run bench: performance figures as ratios measured in one process, so a noisy shared machine
// slows both sides alike. Prints one figure a line, then one JSON line with every figure.
import TinyQueue from 'tinyqueue';
import seedrandom from 'seedrandom';
import { filterNode, NodeIndex, resourceAllocationScore, scheduleOne, Simulation } from '../dist/index.js';

const PENDING = 100_000; // events waiting in the queue at any time
const EVENTS = 2_000_000; // events processed per measurement
const ROUNDS = 5; // alternating rounds; the best of each side counts

// The same delays for both sides, drawn once: random numbers are not what is measured.
const rng = seedrandom.xor4096('bench');
const delays = Int32Array.from({ length: EVENTS + PENDING }, () => 1 + Math.floor(rng() * 100_000));

// Hold model: PENDING events in flight; each one, when it runs, schedules its successor.
function engineLoop() {
  const sim = new Simulation();
  let next = 0;
  const hold = () => {
    if (next < EVENTS) sim.after(delays[PENDING + next++], hold);
  };
  for (let i = 0; i < PENDING; i++) sim.at(delays[i], hold);
  const start = process.hrtime.bigint();
  sim.run();
  return elapsedRate(start, sim.eventsProcessed);
}

// The same work on a bare tinyqueue: objects of the engine's shape, the engine's comparator.
function bareLoop() {
  const byTimePrioritySeq = (a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq;
  const queue = new TinyQueue([], byTimePrioritySeq);
  let seq = 0;
  let now = 0;
  let next = 0;
  let processed = 0;
  const hold = () => {
    if (next < EVENTS) queue.push({ time: now + delays[PENDING + next++], priority: 0, seq: seq++, action: hold, state: 'due' });
  };
  for (let i = 0; i < PENDING; i++) queue.push({ time: delays[i], priority: 0, seq: seq++, action: hold, state: 'due' });
  const start = process.hrtime.bigint();
  while (queue.length > 0) {
    const event = queue.pop();
    now = event.time;
    processed++;
    event.action(now);
  }
  return elapsedRate(start, processed);
}

function elapsedRate(start, events) {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return events / seconds;
}

const millions = (rate) => `${(rate / 1e6).toFixed(2)} M events/s`;

// Scheduler: placing pods on a 5,000-node cluster where 95% of the nodes are full. The index skips
// full nodes; a plain scan runs the filters on every node, as a naive scheduler would.
function schedulerCluster(n) {
  const rng = seedrandom.xor4096('scheduler');
  const nodes = Array.from({ length: n }, (_, i) => {
    const full = rng() < 0.95;
    return {
      name: `n${i}`, allocatable: { cpuMilli: 3920, memoryBytes: 14e9, pods: 110, podIPs: 254, volumes: 127 },
      requested: { cpuMilli: full ? 3900 : 1000, memoryBytes: full ? 13.9e9 : 2e9, pods: 10, podIPs: 10, volumes: 0 },
      unschedulable: false, taints: [], hostPorts: new Set(), workloadPods: new Map(),
    };
  });
  const index = new NodeIndex(n);
  nodes.forEach((x, i) => index.set(i, x.allocatable.cpuMilli - x.requested.cpuMilli, x.allocatable.memoryBytes - x.requested.memoryBytes, 100));
  return { nodes, index, liveNodes: n };
}

const POD = { cpuMilli: 300, memoryBytes: 1e9, volumes: 0, hostPort: null, hostNetwork: false, workload: 'app', spread: false };

function scheduleWithIndex(cluster, pods) {
  let start = 0;
  const begin = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) start = scheduleOne(POD, { ...cluster, strategy: 'LeastAllocated', nextStartNodeIndex: start, random: () => 0.5 }).nextStartNodeIndex;
  return elapsedRate(begin, pods);
}

function scheduleByScan(cluster, pods) {
  const begin = process.hrtime.bigint();
  for (let i = 0; i < pods; i++) {
    let best = -1;
    let bestScore = -1;
    for (let j = 0; j < cluster.nodes.length; j++) {
      const node = cluster.nodes[j];
      if (filterNode(POD, node).length > 0) continue;
      const score = resourceAllocationScore('LeastAllocated', { cpuMilli: node.requested.cpuMilli + POD.cpuMilli, memoryBytes: node.requested.memoryBytes + POD.memoryBytes }, node.allocatable);
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    if (best < 0) throw new Error('no node');
  }
  return elapsedRate(begin, pods);
}

let engine = 0;
let bare = 0;
for (let round = 0; round < ROUNDS; round++) {
  bare = Math.max(bare, bareLoop());
  engine = Math.max(engine, engineLoop());
}
const engineRatio = Number((engine / bare).toFixed(3));

const cluster = schedulerCluster(5000);
let indexed = 0;
let scanned = 0;
for (let round = 0; round < 3; round++) {
  indexed = Math.max(indexed, scheduleWithIndex(cluster, 2000));
  scanned = Math.max(scanned, scheduleByScan(cluster, 200));
}
const schedulerIndexSpeedup = Number((indexed / scanned).toFixed(1));

console.log(`engine (Simulation, ${PENDING.toLocaleString('en')} pending): ${millions(engine)}`);
console.log(`bare tinyqueue loop, same shape:       ${millions(bare)}`);
console.log(`engineRatio: ${engineRatio} (engine ÷ bare heap, best of ${ROUNDS}; target ≥ 0.5, i.e. within 2×)`);
console.log(`scheduleOne, 5,000 nodes 95% full: ${Math.round(indexed)} pods/s; scanning every node: ${Math.round(scanned)} pods/s`);
console.log(`schedulerIndexSpeedup: ${schedulerIndexSpeedup} (index ÷ scan; the index skips full nodes and stops at numFeasibleNodesToFind)`);
console.log(JSON.stringify({ engineRatio, schedulerIndexSpeedup }));
