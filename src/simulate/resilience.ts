// Blast radius: how many of a workload's ready replicas sit on one node, on how few nodes it is
// whole, and, when nodes are lost (a VM gone, or a node unreachable), the ready replicas lost at
// once and the time until the workload is whole again. Ready means as the control plane sees it.
import type { ClusterNode } from './cluster.js';
import type { Clock } from '../sim/recorder.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

interface Spread {
  readonly onNode: Map<ClusterNode, number>;
  ready: number;
  maxOnOneNode: number;
  /** minNodes: the fewest distinct nodes holding its ready replicas while it was whole; null if never whole. */
  minNodes: number | null;
}

interface Loss {
  readonly workload: string;
  readonly atMs: number;
  readonly lost: number;
  readonly target: number;
  readonly where: string;
  recoveredMs?: number;
}

/** ResilienceStats are summary.json's `resilience` block. */
export interface ResilienceStats {
  readonly maxReplicasOnOneNode: number;
  readonly minEffectiveReplication: number | null;
  readonly recoverySeconds: number | null;
}

/** ResilienceOptions are what the tally is built from: the run's log and clock, and each workload's kind. */
export interface ResilienceOptions {
  readonly log: EventLog;
  readonly clock: Clock;
  readonly kindOf: (workload: string) => 'Deployment' | 'StatefulSet';
}

/** ResilienceLinks: a workload's desired replicas, which it must have ready to be whole. */
export interface ResilienceLinks {
  readonly desired: (workload: string) => number;
}

/** Resilience follows every workload's ready replicas over nodes. */
export class Resilience {
  private readonly spreads = new Map<string, Spread>();
  private readonly counted = new Map<Pod, ClusterNode>();
  private readonly losses: Loss[] = [];
  // The figures count from here (a warm-up's end): losses before it, and the spread before it, are not the run's.
  private measuredFromMs = 0;

  private readonly log: EventLog;
  private readonly clock: Clock;
  private readonly kindOf: (workload: string) => 'Deployment' | 'StatefulSet';
  private links: ResilienceLinks = unconnected('Resilience');

  constructor(o: ResilienceOptions) {
    this.log = o.log;
    this.clock = o.clock;
    this.kindOf = o.kindOf;
  }

  /** connect gives the tally its links. */
  connect(links: ResilienceLinks): void {
    this.links = links;
  }

  /** observe takes a pod's readiness (and node) as it is now. */
  observe(pod: Pod): void {
    const was = this.counted.get(pod);
    const is = pod.ready && pod.phase !== 'Gone' && pod.node !== null ? pod.node : undefined;
    if (was === is) return this.check(pod.workload);
    const s = this.spread(pod.workload);
    if (was !== undefined) {
      const n = s.onNode.get(was)! - 1;
      if (n === 0) s.onNode.delete(was);
      else s.onNode.set(was, n);
      s.ready--;
      this.counted.delete(pod);
    }
    if (is !== undefined) {
      const n = (s.onNode.get(is) ?? 0) + 1;
      s.onNode.set(is, n);
      s.maxOnOneNode = Math.max(s.maxOnOneNode, n);
      s.ready++;
      this.counted.set(pod, is);
    }
    this.check(pod.workload);
  }

  /** check looks at a workload after a change of its ready or desired replicas. */
  check(workload: string): void {
    const s = this.spread(workload);
    const desired = this.links.desired(workload);
    if (desired > 0 && s.ready >= desired) s.minNodes = Math.min(s.minNodes ?? Infinity, s.onNode.size);
    for (const loss of this.losses) {
      if (loss.workload !== workload || loss.recoveredMs !== undefined || s.ready < Math.min(loss.target, desired))
        continue;
      loss.recoveredMs = this.clock.now;
      this.log.add(
        this.kindOf(workload),
        workload,
        'ReplicasRecovered',
        `${workload} is whole again ${(loss.recoveredMs - loss.atMs) / 1000} s after losing ${loss.lost} ready replica(s) with ${loss.where}`,
      );
    }
  }

  /** lose notes the ready replicas on `nodes` as lost now (call before they stop counting as ready). */
  lose(nodes: readonly ClusterNode[], why: string): void {
    const where = `${why} ${nodes.map((n) => n.name).join(', ')}`;
    for (const [workload, s] of this.spreads) {
      const lost = nodes.reduce((sum, n) => sum + (s.onNode.get(n) ?? 0), 0);
      if (lost === 0) continue;
      this.losses.push({ workload, atMs: this.clock.now, lost, target: s.ready, where });
      this.log.add(
        this.kindOf(workload),
        workload,
        'ReplicasLost',
        `${lost} of ${s.ready} ready replica(s) of ${workload} lost at once with ${where}`,
      );
    }
  }

  /** measureFromNow starts the figures afresh (a warm-up is over): each workload's spread as it is now, and only losses from now. */
  measureFromNow(): void {
    this.measuredFromMs = this.clock.now;
    for (const [workload, s] of this.spreads) {
      s.maxOnOneNode = 0;
      for (const n of s.onNode.values()) s.maxOnOneNode = Math.max(s.maxOnOneNode, n);
      const desired = this.links.desired(workload);
      s.minNodes = desired > 0 && s.ready >= desired ? s.onNode.size : null;
    }
  }

  /** finish logs each workload's spread and returns the summary's figures. */
  finish(): ResilienceStats {
    const end = this.clock.now;
    let maxOn = 0;
    let minNodes: number | null = null;
    for (const [workload, s] of [...this.spreads].sort(([a], [b]) => a.localeCompare(b))) {
      maxOn = Math.max(maxOn, s.maxOnOneNode);
      if (s.minNodes !== null) minNodes = Math.min(minNodes ?? Infinity, s.minNodes);
      this.log.add(
        this.kindOf(workload),
        workload,
        'BlastRadius',
        `at most ${s.maxOnOneNode} ready replica(s) on one node; ` +
          (s.minNodes === null
            ? 'never whole'
            : `effective replication ${s.minNodes} (the fewest nodes holding it while whole)`),
      );
    }
    let recovery: number | null = null;
    for (const loss of this.losses) {
      if (loss.recoveredMs === undefined)
        this.log.add(
          this.kindOf(loss.workload),
          loss.workload,
          'ReplicasNotRecovered',
          `not whole again by the end of the run, ${(end - loss.atMs) / 1000} s after ${loss.where}`,
        );
      if (loss.atMs >= this.measuredFromMs)
        recovery = Math.max(recovery ?? 0, ((loss.recoveredMs ?? end) - loss.atMs) / 1000);
    }
    return { maxReplicasOnOneNode: maxOn, minEffectiveReplication: minNodes, recoverySeconds: recovery };
  }

  private spread(workload: string): Spread {
    let s = this.spreads.get(workload);
    if (s === undefined)
      this.spreads.set(workload, (s = { onNode: new Map(), ready: 0, maxOnOneNode: 0, minNodes: null }));
    return s;
  }
}
