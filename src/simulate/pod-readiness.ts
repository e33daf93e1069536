// The pods' Ready condition as the control plane sees it, with one owner: a kubelet's status update
// landing, a node going unreachable, a VM lost and a pod deleted all change it here, so that the
// blast-radius tally (Resilience) and the load meters hear of every change. A workload's ready pods
// are the endpoints its load is spread over: the meters integrate what they serve and what they
// cannot.
import type { Workload } from '../scenario/model.js';
import type { Clock } from '../sim/recorder.js';
import { unconnected } from './links.js';
import { LoadMeter } from './load-meter.js';
import type { Pod } from './pod.js';
import type { Resilience } from './resilience.js';
import type { CeilingList } from './usage-ceilings.js';

/** ReadinessLinks: how many of a workload's pods are ready now, and the tally of ready replicas over nodes. */
export interface ReadinessLinks {
  readonly readyPods: (workload: string) => number;
  readonly resilience: Resilience;
  /** changed: a pod's Ready condition changed (its Deployment's controller syncs). */
  readonly changed: (pod: Pod) => void;
  /** unsettle: a pod's Ready condition is about to change (the usage sample takes it out of its cohort). */
  readonly unsettle: (pod: Pod) => void;
}

/** PodReadiness changes pods' Ready condition and measures the load their workloads serve. */
export class PodReadiness {
  private readonly meters: ReadonlyMap<string, LoadMeter>;
  private links: ReadinessLinks = unconnected('PodReadiness');

  constructor(
    private readonly clock: Clock,
    workloads: readonly Workload[],
  ) {
    this.meters = new Map(workloads.map((w) => [w.name, new LoadMeter(w)]));
  }

  /** connect gives the owner its links. */
  connect(links: ReadinessLinks): void {
    this.links = links;
  }

  /** reported: a kubelet's status update landed, and the control plane sees `pod` Ready (from now) or not. */
  reported(pod: Pod, ready: boolean): void {
    if (pod.ready !== ready) this.links.unsettle(pod);
    pod.ready = ready;
    if (ready) pod.readySinceMs = this.clock.now;
    this.changed(pod);
  }

  /** markNotReady is MarkPodsNotReady: those of `pods` that are Ready are Ready no more (their node unreachable, or its VM gone). */
  markNotReady(pods: Iterable<Pod>): void {
    for (const p of pods) {
      if (!p.ready) continue;
      this.links.unsettle(p);
      p.ready = false;
      this.changed(p);
    }
  }

  /** withdraw: a deleted pod is Ready no more; its workload is measured once its controller has reconciled (`measure`). */
  withdraw(pod: Pod): void {
    if (pod.ready) this.links.unsettle(pod);
    pod.ready = false;
    this.links.resilience.observe(pod);
  }

  /**
   * measure closes a span of a workload's load meter after a change of its ready pods or desired
   * replicas: the meter keeps the count of the span, so one call after each change suffices.
   */
  measure(workload: string): void {
    this.meters.get(workload)!.advance(this.clock.now, this.links.readyPods(workload));
    this.links.resilience.check(workload);
  }

  /** setCeilings gives a workload's meter the requests a second its ready pods can serve, from a usage sample. */
  setCeilings(workload: string, ceilings: CeilingList): void {
    this.meters.get(workload)!.setCeilings(this.clock.now, ceilings);
  }

  /** unservedRate is the requests a second `workload` leaves unserved now. */
  unservedRate(workload: string): number {
    return this.meters.get(workload)!.unservedRate(this.clock.now);
  }

  /** load is the requests offered and left unserved so far, all workloads together. */
  get load(): { offered: number; unserved: number } {
    const load = { offered: 0, unserved: 0 };
    for (const m of this.meters.values())
      [load.offered, load.unserved] = [load.offered + m.offered, load.unserved + m.unserved];
    return load;
  }

  private changed(pod: Pod): void {
    this.links.resilience.observe(pod);
    this.measure(pod.workload);
    this.links.changed(pod);
  }
}
