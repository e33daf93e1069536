// npm run bench: performance figures as ratios measured in one process, so a noisy shared machine
// slows both sides alike. Prints one figure a line, then one JSON line with every figure.
import TinyQueue from 'tinyqueue';
import seedrandom from 'seedrandom';
import { Simulation } from '../dist/index.js';

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

let engine = 0;
let bare = 0;
for (let round = 0; round < ROUNDS; round++) {
  bare = Math.max(bare, bareLoop());
  engine = Math.max(engine, engineLoop());
}
const engineRatio = Number((engine / bare).toFixed(3));

console.log(`engine (Simulation, ${PENDING.toLocaleString('en')} pending): ${millions(engine)}`);
console.log(`bare tinyqueue loop, same shape:       ${millions(bare)}`);
console.log(`engineRatio: ${engineRatio} (engine ÷ bare heap, best of ${ROUNDS}; target ≥ 0.5, i.e. within 2×)`);
console.log(JSON.stringify({ engineRatio }));
