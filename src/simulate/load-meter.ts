// Requests offered to a workload and requests its ready pods could not serve, integrated over
// time. The load is spread evenly over the ready pods (the Service's endpoints); a pod serves what
// its CPU allows (its ceiling, resource-usage.ts) and the rest of its share is lost, so the unserved
// rate is Σ max(0, rps / ready − ceiling). The ceilings are constant between the meter's updates,
// which come at every usage sample and whenever the ready pods change; the load is integrated by the
// midpoint rule in steps of at most a second that also break at the profile's breakpoints, so the
// result is exact for steps, spikes, ramps and traces and does not depend on when the updates come.
import { breakpoints, requestRate, servedPerPod } from '../models/load.js';
import type { Workload } from '../scenario/model.js';
import type { CeilingList } from './usage-ceilings.js';

const STEP_MS = 1_000;

// No sample yet: no ceilings.
const NONE = { ceilings: new Float64Array(0), counts: new Float64Array(0) };
const NO_CEILINGS: CeilingList = { pods: 0, lowest: Infinity, entries: () => NONE };

/** LoadMeter integrates one workload's offered and unserved requests. */
export class LoadMeter {
  offered = 0;
  unserved = 0;
  private lastMs = 0;
  private readyPods = 0;
  // The ready pods' ceilings (requests/second) at the latest usage sample.
  private ceilings: CeilingList = NO_CEILINGS;
  private readonly breaks: number[];
  private nextBreak = 0; // index of the first breakpoint after lastMs

  constructor(private readonly w: Workload) {
    this.breaks = w.load === null ? [] : breakpoints(w.load.profile);
    this.servedPerPod = w.load === null ? Infinity : servedPerPod(w.requests.cpuMilli, w.load);
  }

  /** servedPerPod is how many requests/second one ready pod serves with its request's CPU: a pod's ceiling until a usage sample says more. */
  readonly servedPerPod: number;

  /** advance integrates up to `nowMs` with the ready pods counted so far, then takes the new count. */
  advance(nowMs: number, readyPods: number): void {
    const load = this.w.load;
    if (load !== null && nowMs > this.lastMs) {
      for (let t = this.lastMs; t < nowMs;) {
        while (this.nextBreak < this.breaks.length && this.breaks[this.nextBreak]! <= t) this.nextBreak++;
        const end = Math.min(t + STEP_MS, nowMs, this.breaks[this.nextBreak] ?? Infinity);
        const dt = end - t;
        const rps = requestRate(load.profile, t + dt / 2);
        this.offered += (rps * dt) / 1000;
        this.unserved += (this.unservedAt(rps) * dt) / 1000;
        t = end;
      }
    }
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.readyPods = readyPods;
  }

  /** setCeilings integrates up to `nowMs`, then takes the ready pods' ceilings of a usage sample (requests/second; read one by one only when the load per pod passes the lowest). */
  setCeilings(nowMs: number, ceilings: CeilingList): void {
    this.advance(nowMs, ceilings.pods);
    this.ceilings = ceilings;
  }

  /** unservedRate is the requests/second left unserved at `nowMs` with the pods as they are now. */
  unservedRate(nowMs: number): number {
    return this.w.load === null ? 0 : this.unservedAt(requestRate(this.w.load.profile, nowMs));
  }

  // Σ max(0, share − ceiling) over the ready pods. Pods ready since the latest sample take the
  // request's ceiling; if fewer are ready than it measured, each of its ceilings counts for that
  // fraction of a pod.
  private unservedAt(rps: number): number {
    const n = this.readyPods;
    if (n === 0) return rps;
    const share = rps / n;
    const known = this.ceilings.pods;
    const extra = Math.max(0, n - known) * Math.max(0, share - this.servedPerPod);
    return this.shortfall(share) * (n < known ? n / known : 1) + extra;
  }

  // Σ max(0, share − ceiling) over the sample's ceilings: none while the share is below the lowest
  // (most of the time), else a pass over them.
  private shortfall(share: number): number {
    if (share <= this.ceilings.lowest) return 0;
    const { ceilings, counts } = this.ceilings.entries();
    let total = 0;
    for (let i = 0; i < ceilings.length; i++) if (share > ceilings[i]!) total += counts[i]! * (share - ceilings[i]!);
    return total;
  }
}
