// Engine throughput on the hold workload, as a ratio to a bare typed-array heap run in the same
// process, so that a noisy shared machine slows both sides alike.
import seedrandom from 'seedrandom';
import { Simulation } from '../dist/index.js';

const PENDING = 100_000; // events waiting in the queue at any time
const EVENTS = 2_000_000; // successors scheduled per measurement (processed: EVENTS + PENDING)
const ROUNDS = 5; // alternating rounds; the best of each side counts

// The same delays for both sides, drawn once: random numbers are not what is measured.
function drawDelays() {
  const rng = seedrandom.xor4096('bench');
  return Int32Array.from({ length: EVENTS + PENDING }, () => 1 + Math.floor(rng() * 100_000));
}

// Hold model: PENDING events in flight; each one, when it runs, schedules its successor.
function engineLoop(delays) {
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

// The same work on a bare binary heap: times in a Float64Array, a FIFO tie-break id in an
// Int32Array, no object per event. It is the floor an engine's queue cannot beat.
function bareLoop(delays) {
  const times = new Float64Array(PENDING + 1);
  const ids = new Int32Array(PENDING + 1);
  let size = 0;
  let seq = 0;

  const push = (time) => {
    const id = seq++;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && ids[parent] < id)) break;
      times[i] = pt;
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  };

  const popInto = () => {
    const last = --size;
    const time = times[last];
    const id = ids[last];
    const half = last >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && (times[right] < times[child] || (times[right] === times[child] && ids[right] < ids[child])))
        child = right;
      const ct = times[child];
      if (ct > time || (ct === time && ids[child] > id)) break;
      times[i] = ct;
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    ids[i] = id;
  };

  let now;
  let next = 0;
  let processed = 0;
  for (let i = 0; i < PENDING; i++) push(delays[i]);
  const start = process.hrtime.bigint();
  while (size > 0) {
    now = times[0];
    popInto();
    processed++;
    if (next < EVENTS) push(now + delays[PENDING + next++]);
  }
  return elapsedRate(start, processed);
}

function elapsedRate(start, events) {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return events / seconds;
}

/** measureEngine runs the hold workload on `Simulation` and on a bare typed-array heap, best of 5 alternating rounds each. */
export function measureEngine() {
  const delays = drawDelays();
  let engine = 0;
  let bare = 0;
  for (let round = 0; round < ROUNDS; round++) {
    bare = Math.max(bare, bareLoop(delays));
    engine = Math.max(engine, engineLoop(delays));
  }
  return {
    engineEventsPerSecond: Math.round(engine),
    bareEventsPerSecond: Math.round(bare),
    engineRatio: Number((engine / bare).toFixed(3)),
  };
}

// `node bench/engine.js` measures the engine alone.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(measureEngine()));
