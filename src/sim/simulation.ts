import { EventQueue, type Action, type EventState, type ScheduledEvent } from './event-queue.js';

/** Priority orders events that fall on the same millisecond: lower runs first. */
export const Priority = {
  /** urgent runs before everything else at the same time (e.g. a crash that pre-empts a sync). */
  urgent: -100,
  normal: 0,
  /** late runs after the state changes of the same time (e.g. sampling a timeline). */
  late: 100,
} as const;

/** When says when an event happens: at an absolute time, or after a delay from now (both in ms). */
export type When = { readonly at: number } | { readonly after: number };

/** EventHandle names a scheduled event, to pass to `Simulation.cancel`. */
export interface EventHandle {
  /** time is when the event is due, in ms. */
  readonly time: number;
  /** state says whether the event is still due, done, or cancelled. */
  readonly state: EventState;
}

/** Periodic is a running `every` loop. */
export interface Periodic {
  /** cancel stops the loop; ticks already run stay run. */
  cancel(): void;
}

/** EveryOptions sets where a periodic loop starts (default: now) and its event priority. */
export interface EveryOptions {
  start?: number;
  priority?: number;
}

/** RunOptions bounds a run: events due after `until` (ms) stay queued. */
export interface RunOptions {
  until?: number;
}

/**
 * Simulation is a discrete-event engine with an integer millisecond clock. It knows nothing of
 * Kubernetes: models schedule actions on it, and it runs them in (time, priority, seq) order.
 */
export class Simulation {
  private clock = 0;
  private running = false;
  private readonly queue = new EventQueue();
  private live = 0;
  private processed = 0;
  private batchEnd: Action | undefined;

  /** now is the simulated time in ms. */
  get now(): number {
    return this.clock;
  }

  /** pending counts the events still due (cancelled ones excluded). */
  get pending(): number {
    return this.live;
  }

  /** eventsProcessed counts the events run so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** schedule runs `action` at `when.at`, or `when.after` ms from now. */
  schedule(when: When, action: Action, priority: number = Priority.normal): EventHandle {
    return 'at' in when ? this.at(when.at, action, priority) : this.after(when.after, action, priority);
  }

  /** at runs `action` at the absolute time `time` (ms). */
  at(time: number, action: Action, priority: number = Priority.normal): EventHandle {
    checkWholeMs('Event time', time);
    if (time < this.clock) {
      throw new RangeError(`Cannot schedule an event at ${time} ms: the clock is already at ${this.clock} ms`);
    }
    return this.enqueue(time, priority, action);
  }

  /** after runs `action` `delay` ms from now. */
  after(delay: number, action: Action, priority: number = Priority.normal): EventHandle {
    checkWholeMs('Delay', delay);
    if (delay < 0) {
      throw new RangeError(`Negative delay ${delay} ms: the clock is at ${this.clock} ms and cannot go back`);
    }
    return this.enqueue(this.clock + delay, priority, action);
  }

  /** every runs `action` at `start` (default now) and then every `period` ms until cancelled. */
  every(period: number, action: Action, options: EveryOptions = {}): Periodic {
    if (!Number.isSafeInteger(period) || period <= 0) {
      throw new RangeError(`Period ${period} ms must be a whole number of milliseconds above 0`);
    }
    const priority = options.priority ?? Priority.normal;
    let next: EventHandle | undefined;
    let stopped = false;
    const tick: Action = (now) => {
      action(now);
      // The action may have cancelled its own loop.
      if (!stopped) next = this.at(now + period, tick, priority);
    };
    next = this.at(options.start ?? this.clock, tick, priority);
    return {
      cancel: () => {
        stopped = true;
        if (next !== undefined) this.cancel(next);
      },
    };
  }

  /** cancel removes a scheduled event; it returns false if the event already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    // Handles are the queue's own: only this class creates them.
    if (!(handle as ScheduledEvent).cancel()) return false;
    this.live--;
    return true;
  }

  /** step runs the next due event; it returns false when none is left. */
  step(): boolean {
    const time = this.nextLive();
    if (time === undefined) return false;
    this.runNext(time);
    return true;
  }

  /** run steps until the queue is empty or the next event is due after `until`; then the clock reads `until`. */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    if (until !== Infinity) checkWholeMs('Run bound until', until);
    if (until < this.clock) {
      throw new RangeError(`Cannot run until ${until} ms: the clock is already at ${this.clock} ms`);
    }
    if (this.running)
      throw new Error('run() was called from inside an event action; schedule the work as an event instead');
    this.running = true;
    try {
      for (let next = this.nextLive(); next !== undefined && next <= until;) {
        this.runNext(next);
        const after = this.nextLive();
        if (after !== next && this.batchEnd !== undefined) this.batchEnd(next);
        next = after;
      }
    } finally {
      this.running = false;
    }
    if (until !== Infinity) this.advanceTo(until);
  }

  /**
   * onBatchEnd calls `hook` after each batch of events that share a millisecond, once the last of
   * them has run (and before the clock moves on): the state between two moments, for checks.
   */
  onBatchEnd(hook: Action | undefined): void {
    this.batchEnd = hook;
  }

  /** peekTime returns when the next event is due, or undefined when none is. */
  peekTime(): number | undefined {
    return this.nextLive();
  }

  // Pops the live head of the queue, due at `time`, and runs it; popping makes its handle done.
  private runNext(time: number): void {
    const action = this.queue.pop()!;
    this.live--;
    this.processed++;
    this.advanceTo(time);
    action(time);
  }

  // The only place the clock moves.
  private advanceTo(time: number): void {
    this.clock = time;
  }

  private enqueue(time: number, priority: number, action: Action): EventHandle {
    if (!Number.isSafeInteger(priority))
      throw new RangeError(`Priority ${priority} must be a whole number (lower runs first)`);
    checkWholeMs('Event time', time);
    this.live++;
    return this.queue.push(time, priority, action);
  }

  // Drops cancelled events from the head so that peeking never reports a dead event; returns
  // when the next live event is due, or undefined when none is.
  private nextLive(): number | undefined {
    const queue = this.queue;
    while (queue.headCancelled()) queue.pop();
    return queue.peekTime();
  }
}

// Simulated time is whole milliseconds within the range doubles count exactly.
function checkWholeMs(what: string, ms: number): void {
  if (Number.isSafeInteger(ms)) return;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is NaN, not a number of milliseconds`);
  if (Number.isFinite(ms) && Math.abs(ms) <= Number.MAX_SAFE_INTEGER) {
    throw new RangeError(
      `${what} ${ms} ms is not a whole number of milliseconds; round it first (simulated time is integer ms)`,
    );
  }
  throw new RangeError(`${what} ${ms} ms is beyond the simulation's range (±2^53 ms); expected a finite time`);
}
