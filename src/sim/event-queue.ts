/** Action is what an event does when its time comes; it receives the simulated time in ms. */
export type Action = (now: number) => void;

/** EventState: an event is due until it runs (done) or is cancelled; cancelled ones stay in the heap and are skipped. */
export type EventState = 'due' | 'done' | 'cancelled';

/**
 * ScheduledEvent is the handle `EventQueue.push` returns. It is a view of the queue's entry, not
 * the entry itself: the queue keeps no object of its own per event, so a handle the caller drops
 * is garbage at once instead of a long-lived object the collector must copy and pops must chase.
 */
export class ScheduledEvent {
  private cancelled = false;

  constructor(
    private readonly queue: EventQueue,
    /** time is when the event is due, in ms. */
    readonly time: number,
    private readonly slot: number,
    private readonly seq: number,
  ) {}

  /** state is due while the entry is queued and not cancelled; a popped entry that was not cancelled is done. */
  get state(): EventState {
    if (this.cancelled) return 'cancelled';
    return this.queue.holds(this.slot, this.seq) ? 'due' : 'done';
  }

  /** cancel marks a due event so that it is skipped when it reaches the head; false if it was not due. */
  cancel(): boolean {
    if (this.state !== 'due') return false;
    // Kept here too: the queue forgets the entry once it is popped, but the handle still says cancelled.
    this.cancelled = true;
    this.queue.markCancelled(this.slot);
    return true;
  }
}

const INITIAL_CAPACITY = 64;

/**
 * EventQueue is a binary heap of events ordered by (time, priority, seq). The monotonically
 * increasing seq breaks ties first-in first-out, so reruns pop events in the same order.
 *
 * The heap is two typed arrays, a time and a slot per position: sifting moves numbers, not
 * objects, and compares doubles without a comparator call. A slot names a row of the side tables
 * (priority, seq, cancelled, action), read only when two times tie or an entry is popped; popped
 * slots are reused. Cancelled entries stay until they reach the head (see `Simulation.nextLive`).
 */
export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY);
  private length = 0;

  private readonly actions: (Action | undefined)[] = [];
  private priorities = new Float64Array(INITIAL_CAPACITY);
  // -1 marks a free slot, so that a handle can tell its entry was popped.
  private seqs = new Float64Array(INITIAL_CAPACITY).fill(-1);
  private cancelled = new Uint8Array(INITIAL_CAPACITY);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private nextSeq = 0;

  /** size counts the entries in the heap, cancelled ones included. */
  get size(): number {
    return this.length;
  }

  /** push adds an entry and returns its handle, so that the caller can cancel it later. */
  push(time: number, priority: number, action: Action): ScheduledEvent {
    if (this.length === this.times.length) this.grow();
    // Every slot in use is in the heap, so with room in the heap there is a free slot or a fresh one.
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.length;
    const seq = this.nextSeq++;
    this.actions[slot] = action;
    this.priorities[slot] = priority;
    this.seqs[slot] = seq;
    this.cancelled[slot] = 0;
    this.up(this.length++, time, slot);
    return new ScheduledEvent(this, time, slot, seq);
  }

  /** peekTime returns when the earliest entry is due, or undefined when the queue is empty. */
  peekTime(): number | undefined {
    return this.length > 0 ? this.times[0] : undefined;
  }

  /** headCancelled says whether the earliest entry was cancelled (false when the queue is empty). */
  headCancelled(): boolean {
    return this.length > 0 && this.cancelled[this.slots[0]!] === 1;
  }

  /** pop removes the earliest entry and returns its action, or undefined when the queue is empty. */
  pop(): Action | undefined {
    if (this.length === 0) return undefined;
    const slot = this.slots[0]!;
    const action = this.actions[slot];
    this.actions[slot] = undefined; // the closure may hold a lot; let it go once popped
    this.seqs[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.length;
    if (last > 0) this.down(0, this.times[last]!, this.slots[last]!);
    return action;
  }

  /** holds says whether the entry `seq` is still queued in `slot`; for handles. */
  holds(slot: number, seq: number): boolean {
    return this.seqs[slot] === seq;
  }

  /** markCancelled flags the entry in `slot` to be skipped; for handles. */
  markCancelled(slot: number): void {
    this.cancelled[slot] = 1;
  }

  // Whether the entry in slot a comes before the one in slot b, given that their times are equal.
  private tieBefore(a: number, b: number): boolean {
    const pa = this.priorities[a]!;
    const pb = this.priorities[b]!;
    return pa < pb || (pa === pb && this.seqs[a]! < this.seqs[b]!);
  }

  // Moves the hole at position i up until (time, slot) fits there.
  private up(i: number, time: number, slot: number): void {
    const { times, slots } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && this.tieBefore(slots[parent]!, slot))) break;
      times[i] = pt;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  // Moves the hole at position i down until (time, slot) fits there.
  private down(i: number, time: number, slot: number): void {
    const { times, slots } = this;
    const n = this.length;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && this.tieBefore(slots[right]!, slots[child]!))) {
          child = right;
          ct = rt;
        }
      }
      const cs = slots[child]!;
      if (ct > time || (ct === time && this.tieBefore(slot, cs))) break;
      times[i] = ct;
      slots[i] = cs;
      i = child;
    }
    times[i] = time;
    slots[i] = slot;
  }

  // Doubles every table; the heap and the slot rows always share one capacity.
  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = copyInto(new Float64Array(capacity), this.times);
    this.slots = copyInto(new Int32Array(capacity), this.slots);
    this.priorities = copyInto(new Float64Array(capacity), this.priorities);
    this.seqs = copyInto(new Float64Array(capacity).fill(-1), this.seqs);
    this.cancelled = copyInto(new Uint8Array(capacity), this.cancelled);
    this.freeSlots = copyInto(new Int32Array(capacity), this.freeSlots);
  }
}

function copyInto<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
