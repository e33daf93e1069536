// Transfers sharing links, as a fluid: each transfer moves at its max-min fair rate, recomputed
// whenever one starts or ends; the next completion is one event, rescheduled on every change.
import { maxMinFairRates } from '../models/image-puller.js';
import type { EventHandle, Simulation } from '../sim/simulation.js';

interface Transfer {
  readonly links: readonly string[];
  /** maxRate caps the transfer's own rate (bytes a second), whatever the links leave it. */
  readonly maxRate: number;
  remaining: number;
  rate: number;
  readonly onDone: () => void;
}

/** FluidNetwork carries byte transfers over named links of fixed capacity (bytes a second). */
export class FluidNetwork {
  private readonly transfers = new Set<Transfer>();
  private readonly capacity = new Map<string, number>();
  private lastMs = 0;
  private next: EventHandle | null = null;

  constructor(private readonly sim: Simulation) {}

  /** start begins moving `bytes` across `links` (each with its capacity), at most `maxRate` bytes a second; `onDone` runs when they have arrived. It returns a cancel function. */
  start(
    bytes: number,
    links: ReadonlyArray<readonly [string, number]>,
    onDone: () => void,
    maxRate = Infinity,
  ): () => void {
    this.advance();
    for (const [name, cap] of links) this.capacity.set(name, cap);
    const t: Transfer = { links: links.map(([name]) => name), maxRate, remaining: bytes, rate: 0, onDone };
    this.transfers.add(t);
    this.reschedule();
    return () => {
      if (!this.transfers.has(t)) return;
      this.advance();
      this.transfers.delete(t);
      this.reschedule();
    };
  }

  /** active counts the transfers under way. */
  get active(): number {
    return this.transfers.size;
  }

  private advance(): void {
    const dt = (this.sim.now - this.lastMs) / 1000;
    this.lastMs = this.sim.now;
    if (dt > 0) for (const t of this.transfers) t.remaining -= t.rate * dt;
  }

  private reschedule(): void {
    if (this.next !== null) this.sim.cancel(this.next);
    this.next = null;
    const list = [...this.transfers];
    const rates = maxMinFairRates(
      list.map((t) => t.links),
      this.capacity,
      list.map((t) => t.maxRate),
    );
    let soonest = Infinity;
    list.forEach((t, i) => {
      t.rate = rates[i]!;
      if (t.rate > 0) soonest = Math.min(soonest, Math.max(0, Math.ceil((t.remaining / t.rate) * 1000)));
    });
    if (Number.isFinite(soonest)) this.next = this.sim.after(soonest, () => this.complete());
  }

  // Whole milliseconds: the transfers that had less than a byte left are done.
  private complete(): void {
    this.next = null;
    this.advance();
    const done = [...this.transfers].filter((t) => t.remaining < 1);
    for (const t of done) this.transfers.delete(t);
    this.reschedule();
    for (const t of done) t.onDone();
  }
}
