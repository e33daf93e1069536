/** Detail is the flat data an event carries: numbers, strings and flags, ready for a CSV row. */
export type Detail = Readonly<Record<string, string | number | boolean>>;

/** RecordedEvent is one entry of a recorder's log, stamped with the simulated time in ms. */
export interface RecordedEvent {
  readonly time: number;
  readonly event: string;
  readonly detail: Detail;
}

/** Clock is what a recorder needs of the simulation: the time now. */
export interface Clock {
  readonly now: number;
}

const NO_DETAIL: Detail = Object.freeze({});

/** Recorder keeps a time-stamped log of what happened, in the order it happened. */
export class Recorder {
  private readonly log: RecordedEvent[] = [];

  constructor(private readonly clock: Clock) {}

  /** record appends `event` with its detail at the current simulated time. */
  record(event: string, detail: Detail = NO_DETAIL): void {
    this.log.push({ time: this.clock.now, event, detail });
  }

  /** entries is the log so far. */
  get entries(): readonly RecordedEvent[] {
    return this.log;
  }

  /** trace is the log as [time, event] pairs, the form tests compare against. */
  trace(): Array<[number, string]> {
    return this.log.map((e) => [e.time, e.event]);
  }
}
