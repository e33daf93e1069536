// Zone outages: a zone's network goes dark for a while. Its kubelets cannot reach the control plane
// (their leases lapse, the nodes go NotReady, their pods are evicted once their toleration runs
// out), its pods serve nothing, and the cloud creates no node there; when the zone comes back its
// kubelets report again and the nodes provisioned meanwhile register. Simplified: the VMs and their
// pods survive (a partition, not a power loss), and pods evicted meanwhile are stopped when their
// kubelet is back, as after any partition.
import type { Simulation } from '../sim/simulation.js';
import type { ZoneOutage } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** How often, while a zone is out, the figures are looked at: pending pods and whether the workloads are whole. */
const WATCH_PERIOD_MS = 1_000;

/** ZoneFigures are summary.json's `zones` block: over the run's outages, the largest share of allocatable CPU lost, the pods that moved, the most pods pending, and the longest recovery. */
export interface ZoneFigures {
  /** outageCapacityLostFraction: the share of the cluster's allocatable CPU in the zone when it went dark (the largest, over outages). */
  outageCapacityLostFraction: number;
  /** podsRescheduled: replacement pods bound outside the dark zone before recovery, at most as many as the zone ran (summed over outages). */
  podsRescheduled: number;
  /** podsPendingPeak: the most pods pending at once from an outage's start to its recovery. */
  podsPendingPeak: number;
  /** recoverySeconds: from an outage's start until every workload again had as many pods Ready outside dark zones as when it began (or as it wants, if fewer): the longest; null if one never recovered in the run. */
  recoverySeconds: number | null;
}

/** ZoneLinks are what an outage reads and does: the nodes, the workloads' wanted and ready pods, and cutting a node off or letting it back. */
export interface ZoneLinks {
  readonly liveNodes: () => readonly ClusterNode[];
  readonly workloads: () => readonly string[];
  readonly desiredReplicas: (workload: string) => number;
  readonly livePods: (workload: string) => readonly Pod[];
  readonly pendingPods: () => number;
  readonly setZoneDark: (zone: string, dark: boolean) => void;
  /** cutOff: the zone's nodes, all at once, lose the control plane. */
  readonly cutOff: (nodes: readonly ClusterNode[], zone: string) => void;
  readonly reconnect: (node: ClusterNode) => void;
}

// One outage being watched until its workloads are whole again: each workload's Ready pods when
// it began.
interface Watch {
  readonly outage: ZoneOutage;
  readonly readyBefore: ReadonlyMap<string, number>;
  podsHeld: number;
  rescheduled: number;
}

/** ZoneOutages runs the scenario's zone outages for one run and measures them. */
export class ZoneOutages {
  private readonly dark = new Set<string>();
  private readonly watching: Watch[] = [];
  private figures: ZoneFigures | null = null;
  private links: ZoneLinks = unconnected('ZoneOutages');

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
    private readonly outages: readonly ZoneOutage[],
  ) {}

  /** connect gives the outages their links. */
  connect(links: ZoneLinks): void {
    this.links = links;
  }

  /** stats are the summary's figures (null: no outage began). */
  get stats(): ZoneFigures | null {
    return this.figures === null ? null : { ...this.figures };
  }

  /** isDark says whether a node's zone is out now. */
  isDark(node: ClusterNode): boolean {
    return node.zone !== null && this.dark.has(node.zone);
  }

  /** start schedules each outage and its end. */
  start(): void {
    for (const o of this.outages) {
      this.sim.at(o.atMs, () => this.begin(o));
      this.sim.at(o.atMs + o.durationMs, () => this.end(o));
    }
  }

  /** bound hears a pod bound: outside a dark zone, during a watch, it is a replacement. */
  bound(node: ClusterNode): void {
    for (const w of this.watching)
      if (node.zone !== w.outage.zone && w.rescheduled < w.podsHeld) {
        w.rescheduled++;
        this.figures!.podsRescheduled++;
      }
  }

  private begin(o: ZoneOutage): void {
    const nodes = this.links.liveNodes();
    const inZone = nodes.filter((n) => n.zone === o.zone);
    const cpu = (list: readonly ClusterNode[]) => list.reduce((t, n) => t + n.allocatable.cpuMilli, 0);
    const total = cpu(nodes);
    const lost = total > 0 ? cpu(inZone) / total : 0;
    const held = inZone.reduce((t, n) => t + [...n.workloadPods.values()].reduce((a, b) => a + b, 0), 0);
    const readyBefore = new Map(
      this.links.workloads().map((w) => [w, this.links.livePods(w).filter((p) => p.ready).length]),
    );
    this.figures ??= { outageCapacityLostFraction: 0, podsRescheduled: 0, podsPendingPeak: 0, recoverySeconds: 0 };
    this.figures.outageCapacityLostFraction = Math.max(this.figures.outageCapacityLostFraction, round(lost));
    this.dark.add(o.zone);
    this.links.setZoneDark(o.zone, true);
    this.log.add(
      'Node',
      o.zone,
      'ZoneOutage',
      `Zone ${o.zone} is dark for ${o.durationMs / 1000} s: ${inZone.length} node(s), ${Math.round(lost * 100)}% of the allocatable CPU, ${held} pod(s) cut off`,
    );
    if (inZone.length > 0) this.links.cutOff(inZone, o.zone);
    this.watching.push({ outage: o, readyBefore, podsHeld: held, rescheduled: 0 });
    if (this.watching.length === 1) this.watch();
  }

  private end(o: ZoneOutage): void {
    if (
      this.outages.some(
        (x) => x !== o && x.zone === o.zone && x.atMs <= this.sim.now && x.atMs + x.durationMs > this.sim.now,
      )
    )
      return; // another outage of the zone goes on
    this.dark.delete(o.zone);
    this.links.setZoneDark(o.zone, false);
    const back = this.links.liveNodes().filter((n) => n.zone === o.zone);
    this.log.add('Node', o.zone, 'ZoneRecovered', `Zone ${o.zone} is back: ${back.length} node(s) reconnect`);
    for (const n of back) this.links.reconnect(n);
  }

  // Every second while an outage is watched: the pending peak, and whether its workloads are whole.
  private watch(): void {
    const f = this.figures!;
    f.podsPendingPeak = Math.max(f.podsPendingPeak, this.links.pendingPods());
    for (const w of [...this.watching])
      if (this.sim.now > w.outage.atMs && this.whole(w)) {
        const seconds = (this.sim.now - w.outage.atMs) / 1000;
        if (f.recoverySeconds !== null) f.recoverySeconds = Math.max(f.recoverySeconds, seconds);
        this.watching.splice(this.watching.indexOf(w), 1);
        this.log.add(
          'Node',
          w.outage.zone,
          'ZoneOutageRecovered',
          `Every workload has its Ready replicas back, ${seconds} s after zone ${w.outage.zone} went dark`,
        );
      }
    if (this.watching.length > 0) this.sim.after(WATCH_PERIOD_MS, () => this.watch());
  }

  /** finish ends the watches at the end of the run: an outage not recovered has no recovery time. */
  finish(): void {
    if (this.watching.length > 0 && this.figures !== null) this.figures.recoverySeconds = null;
  }

  // Every workload has as many pods Ready outside dark zones as it had Ready when the zone went
  // dark (or as it wants now, if fewer).
  private whole(w: Watch): boolean {
    for (const name of this.links.workloads()) {
      let ready = 0;
      for (const p of this.links.livePods(name)) if (p.ready && p.node !== null && !this.isDark(p.node)) ready++;
      if (ready < Math.min(w.readyBefore.get(name) ?? 0, this.links.desiredReplicas(name))) return false;
    }
    return true;
  }
}
