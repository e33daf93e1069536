import { describe, expect, it } from 'vitest';
import { EventQueue, type ScheduledEvent } from '../../src/sim/event-queue.js';
import { RandomStreams, Simulation, type RandomStream } from '../../src/sim/index.js';

// Entries are told apart by their action's name; popAll drains the queue into those names.
function popAll(queue: EventQueue): string[] {
  const names: string[] = [];
  for (let action = queue.pop(); action !== undefined; action = queue.pop()) names.push(action.name);
  return names;
}

function named(name: string): (now: number) => void {
  const action = () => {};
  Object.defineProperty(action, 'name', { value: name });
  return action;
}

describe('EventQueue order', () => {
  it.each([
    {
      case: 'time first',
      pushes: [
        [30, 0, 'c'],
        [10, 0, 'a'],
        [20, 0, 'b'],
      ],
      order: ['a', 'b', 'c'],
    },
    {
      case: 'then priority, lower first',
      pushes: [
        [5, 100, 'late'],
        [5, 0, 'normal'],
        [5, -100, 'urgent'],
      ],
      order: ['urgent', 'normal', 'late'],
    },
    {
      case: 'then push order (seq)',
      pushes: [
        [5, 0, 'x'],
        [5, 0, 'y'],
        [5, 0, 'z'],
      ],
      order: ['x', 'y', 'z'],
    },
    {
      case: 'priority never beats time',
      pushes: [
        [6, -100, 'b'],
        [5, 100, 'a'],
      ],
      order: ['a', 'b'],
    },
    {
      case: 'negative and huge times',
      pushes: [
        [2 ** 53 - 1, 0, 'c'],
        [-5, 0, 'a'],
        [0, 0, 'b'],
      ],
      order: ['a', 'b', 'c'],
    },
  ] as const)('$case', ({ pushes, order }) => {
    const queue = new EventQueue();
    for (const [time, priority, name] of pushes) queue.push(time, priority, named(name));
    expect(popAll(queue)).toEqual(order);
  });

  it('keeps FIFO among 1,000 equal keys, past several growths of its tables', () => {
    const queue = new EventQueue();
    for (let i = 0; i < 1000; i++) queue.push(7, 0, named(String(i)));
    expect(popAll(queue).map(Number)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('reports the head time and undefined when empty', () => {
    const queue = new EventQueue();
    expect(queue.peekTime()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
    expect(queue.headCancelled()).toBe(false);
    queue.push(9, 0, named('b'));
    queue.push(4, 0, named('a'));
    expect([queue.peekTime(), queue.size]).toEqual([4, 2]);
  });
});

describe('EventQueue handles', () => {
  it('go due → done when popped, or due → cancelled, and stay so after their slot is reused', () => {
    const queue = new EventQueue();
    const a = queue.push(1, 0, named('a'));
    const b = queue.push(2, 0, named('b'));
    expect([a.time, a.state, b.state]).toEqual([1, 'due', 'due']);
    expect(b.cancel()).toBe(true);
    expect(b.cancel()).toBe(false);
    queue.pop();
    expect(a.state).toBe('done');
    expect(a.cancel()).toBe(false);
    expect(queue.headCancelled()).toBe(true);
    queue.pop();
    // Both slots are free now; new entries take them over without touching the old handles.
    const c = queue.push(3, 0, named('c'));
    const d = queue.push(4, 0, named('d'));
    expect([a.state, b.state, c.state, d.state]).toEqual(['done', 'cancelled', 'due', 'due']);
    expect(queue.headCancelled()).toBe(false);
  });
});

// A model of the queue: every entry ever pushed, the earliest unpopped one found by a full sort.
interface Entry {
  time: number;
  priority: number;
  seq: number;
  handle: ScheduledEvent;
  cancelled: boolean;
  popped: boolean;
}
const byKey = (a: Entry, b: Entry) => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

function pick<T>(random: RandomStream, items: readonly T[]): T {
  return items[Math.floor(random.next() * items.length)]!;
}

describe('EventQueue against a sort by (time, priority, seq)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random pushes, pops and cancels with many ties (seed %i)', (seed) => {
    const random = new RandomStreams(seed).stream('event-queue');
    const queue = new EventQueue();
    const entries: Entry[] = [];
    const names = new Map<(now: number) => void, Entry>();
    // Few distinct times and priorities, so that ties on time and on (time, priority) are common.
    const times = seed % 2 === 0 ? [0, 1, 2, 3] : Array.from({ length: 40 }, (_, i) => i * 1000);
    for (let op = 0; op < 3000; op++) {
      const roll = random.next();
      const queued = entries.filter((e) => !e.popped);
      if (roll < 0.5 || queued.length === 0) {
        const time = pick(random, times);
        const priority = pick(random, [-100, 0, 0, 0, 100, 7]);
        const action = () => {};
        const handle = queue.push(time, priority, action);
        const entry: Entry = { time, priority, seq: entries.length, handle, cancelled: false, popped: false };
        entries.push(entry);
        names.set(action, entry);
      } else if (roll < 0.65) {
        const entry = pick(random, entries);
        expect(entry.handle.cancel()).toBe(!entry.cancelled && !entry.popped);
        if (!entry.popped) entry.cancelled = true;
      } else {
        const expected = queued.reduce((min, e) => (byKey(e, min) < 0 ? e : min));
        expect(queue.peekTime()).toBe(expected.time);
        expect(queue.headCancelled()).toBe(expected.cancelled);
        const popped = names.get(queue.pop()!);
        expect(popped).toBe(expected);
        expected.popped = true;
      }
      expect(queue.size).toBe(entries.filter((e) => !e.popped).length);
    }
    for (const e of entries) expect(e.handle.state).toBe(e.cancelled ? 'cancelled' : e.popped ? 'done' : 'due');
  });

  it('runs a Simulation in sorted order, skipping what was cancelled', () => {
    const random = new RandomStreams(42).stream('simulation');
    const sim = new Simulation();
    const ran: number[] = [];
    const scheduled: { time: number; priority: number; seq: number; cancelled: boolean }[] = [];
    const handles: ReturnType<Simulation['at']>[] = [];
    for (let seq = 0; seq < 2000; seq++) {
      const time = Math.floor(random.next() * 50);
      const priority = pick(random, [-100, 0, 100]);
      scheduled.push({ time, priority, seq, cancelled: false });
      handles.push(sim.at(time, () => ran.push(seq), priority));
    }
    for (let i = 0; i < 500; i++) {
      const seq = Math.floor(random.next() * scheduled.length);
      sim.cancel(handles[seq]!);
      scheduled[seq]!.cancelled = true;
    }
    sim.run();
    const expected = scheduled
      .filter((e) => !e.cancelled)
      .sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
    expect(ran).toEqual(expected.map((e) => e.seq));
  });
});
