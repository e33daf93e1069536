// Requests offered to a workload and requests its ready pods could not serve, integrated over
// time. The capacity (ready pods) is constant between the meter's updates, which come whenever it
// changes; the load is integrated by the midpoint rule in steps of at most a second that also
// break at the profile's breakpoints, so the result is exact for steps, spikes, ramps and traces
// and does not depend on when the updates come.
import { breakpoints, requestRate, servedPerPod } from '../models/load.js';
import type { Workload } from '../scenario/model.js';

const STEP_MS = 1_000;

/** LoadMeter integrates one workload's offered and unserved requests. */
export class LoadMeter {
  offered = 0;
  unserved = 0;
  private lastMs = 0;
  private readyPods = 0;
  private readonly breaks: number[];
  private nextBreak = 0; // index of the first breakpoint after lastMs

  constructor(private readonly w: Workload) {
    this.breaks = w.load === null ? [] : breakpoints(w.load.profile);
  }

  /** servedPerPod is how many requests/second one ready pod serves before its CPU reaches its request. */
  get servedPerPod(): number {
    return this.w.load === null ? Infinity : servedPerPod(this.w.requests.cpuMilli, this.w.load);
  }

  /** advance integrates up to `nowMs` with the ready pods counted so far, then takes the new count. */
  advance(nowMs: number, readyPods: number): void {
    const load = this.w.load;
    if (load !== null && nowMs > this.lastMs) {
      const capacity = this.readyPods * this.servedPerPod;
      for (let t = this.lastMs; t < nowMs;) {
        while (this.nextBreak < this.breaks.length && this.breaks[this.nextBreak]! <= t) this.nextBreak++;
        const end = Math.min(t + STEP_MS, nowMs, this.breaks[this.nextBreak] ?? Infinity);
        const dt = end - t;
        const rps = requestRate(load.profile, t + dt / 2);
        this.offered += (rps * dt) / 1000;
        this.unserved += (Math.max(0, rps - capacity) * dt) / 1000;
        t = end;
      }
    }
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.readyPods = readyPods;
  }
}
