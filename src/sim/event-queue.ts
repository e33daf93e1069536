import TinyQueue from 'tinyqueue';

/** Action is what an event does when its time comes; it receives the simulated time in ms. */
export type Action = (now: number) => void;

/** EventState: an event is due until it runs (done) or is cancelled; cancelled ones stay in the heap and are skipped. */
export type EventState = 'due' | 'done' | 'cancelled';

/** ScheduledEvent is one entry of the queue. */
export interface ScheduledEvent {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly action: Action;
  state: EventState;
}

// Order by (time, priority, seq): tinyqueue is not stable on equal keys, so the monotonically
// increasing seq breaks ties first-in first-out and reruns pop events in the same order.
function byTimePrioritySeq(a: ScheduledEvent, b: ScheduledEvent): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

/** EventQueue is a binary heap of events ordered by (time, priority, seq). */
export class EventQueue {
  private readonly heap = new TinyQueue<ScheduledEvent>([], byTimePrioritySeq);
  private nextSeq = 0;

  /** size counts the entries in the heap, cancelled ones included. */
  get size(): number {
    return this.heap.length;
  }

  /** push adds an event and returns it, so that the caller can cancel it later. */
  push(time: number, priority: number, action: Action): ScheduledEvent {
    const event: ScheduledEvent = { time, priority, seq: this.nextSeq++, action, state: 'due' };
    this.heap.push(event);
    return event;
  }

  /** peek returns the earliest event without removing it. */
  peek(): ScheduledEvent | undefined {
    return this.heap.peek();
  }

  /** pop removes and returns the earliest event. */
  pop(): ScheduledEvent | undefined {
    return this.heap.pop();
  }
}
