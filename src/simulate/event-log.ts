// The events of a run, as `kubectl get events` would show them: time, object, reason, message.
// A typed view over the engine's Recorder, which keeps them in order with their simulated time.
import { Recorder, type Clock } from '../sim/recorder.js';

/** RunEvent is one line of events.csv. */
export interface RunEvent {
  readonly timeMs: number;
  readonly kind: 'Pod' | 'Node' | 'Deployment' | 'StatefulSet' | 'HorizontalPodAutoscaler' | 'NodePool' | 'NodeClaim';
  readonly name: string;
  readonly reason: string;
  readonly message: string;
}

/** EventLog keeps a run's events in order, or hands each to `sink` as it happens and keeps none. */
export class EventLog {
  private readonly recorder: Recorder;
  private added = 0;

  constructor(
    private readonly clock: Clock,
    private readonly sink?: (event: RunEvent) => void,
  ) {
    this.recorder = new Recorder(clock);
  }

  /** add records an event at the current simulated time. */
  add(kind: RunEvent['kind'], name: string, reason: string, message = ''): void {
    this.added++;
    if (this.sink === undefined) this.recorder.record(reason, { kind, name, message });
    else this.sink({ timeMs: this.clock.now, kind, name, reason, message });
  }

  /** count is the number of events so far, kept or handed on. */
  get count(): number {
    return this.added;
  }

  /** events is the log so far. */
  get events(): RunEvent[] {
    return this.recorder.entries.map((e) => ({
      timeMs: e.time,
      kind: e.detail.kind as RunEvent['kind'],
      name: String(e.detail.name),
      reason: e.event,
      message: String(e.detail.message),
    }));
  }
}
