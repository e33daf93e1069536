// The events of a run, as `kubectl get events` would show them: time, object, reason, message.
import type { Clock } from '../sim/recorder.js';

/** RunEvent is one line of events.csv. */
export interface RunEvent {
  readonly timeMs: number;
  readonly kind: 'Pod' | 'Node' | 'Deployment' | 'StatefulSet' | 'HorizontalPodAutoscaler';
  readonly name: string;
  readonly reason: string;
  readonly message: string;
}

/** EventLog keeps a run's events in order. */
export class EventLog {
  readonly events: RunEvent[] = [];

  constructor(private readonly clock: Clock) {}

  /** add records an event at the current simulated time. */
  add(kind: RunEvent['kind'], name: string, reason: string, message = ''): void {
    this.events.push({ timeMs: this.clock.now, kind, name, reason, message });
  }
}
