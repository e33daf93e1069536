// The scenario's faults: kubelet crashes and lost VMs, at a time or again and again at random
// intervals, on some nodes (a count or a fraction, of a pool or of all); and kubelet crashes
// triggered by the kubelet's own load (its API queue, or the pods starting and stopping on its
// node within a minute, beyond the scenario's threshold) — the avalanche in which the kubelet is
// the first thing on a node to fall.
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStream, RandomStreams } from '../sim/random.js';
import { Priority, type Simulation } from '../sim/simulation.js';
import type { ProcessEnd } from '../models/supervisor.js';
import type { Fault } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';

const CHURN_WINDOW_MS = 60_000;

/** FaultTargets: the nodes a fault may hit, and what it does to one. */
export interface FaultTargets {
  /** candidates are the registered nodes (of `pool`, or all) whose kubelet runs (crash) or whose VM is there (loss). */
  readonly candidates: (kind: Fault['kind'], pool: string | null) => ClusterNode[];
  readonly crash: (node: ClusterNode, end: ProcessEnd, why: string) => void;
  readonly lose: (node: ClusterNode) => void;
}

/** FaultsOptions are what the faults are built from: the run's engine, random streams and log, and the scenario's faults. */
export interface FaultsOptions {
  readonly sim: Simulation;
  readonly faults: readonly Fault[];
  readonly streams: RandomStreams;
  readonly log: EventLog;
}

/** Faults fires the scenario's faults for one run. */
export class Faults {
  private readonly churn = new Map<ClusterNode, number[]>();
  // Overload crashes wait for the work in hand to finish (the same millisecond): one per node.
  private readonly crashing = new Set<ClusterNode>();
  private readonly overload: Array<{
    readonly fault: Fault;
    readonly apiQueue: number | null;
    readonly podChurn: number | null;
  }> = [];

  private readonly sim: Simulation;
  private readonly faults: readonly Fault[];
  private readonly streams: RandomStreams;
  private readonly log: EventLog;
  private targets: FaultTargets = unconnected('Faults');

  constructor(o: FaultsOptions) {
    this.sim = o.sim;
    this.faults = o.faults;
    this.streams = o.streams;
    this.log = o.log;
    for (const f of o.faults) {
      const when = f.when;
      if ('overload' in when)
        this.overload.push({ fault: f, apiQueue: when.overload.apiQueue, podChurn: when.overload.podChurnPerMinute });
    }
  }

  /** connect gives the faults their targets. */
  connect(targets: FaultTargets): void {
    this.targets = targets;
  }

  /** start schedules the faults that come at a time or at random intervals. */
  start(): void {
    this.faults.forEach((f, i) => {
      const random = this.streams.stream(`faults/${i}`);
      const when = f.when;
      if ('atMs' in when) this.sim.at(when.atMs, () => this.fire(f, random));
      else if ('interval' in when) {
        const next = () =>
          this.sim.after(sampleMilliseconds(when.interval, random), () => {
            this.fire(f, random);
            next();
          });
        next();
      }
    });
  }

  /** apiQueue hears a kubelet's API queue length: past a threshold, that kubelet crashes. */
  apiQueue(node: ClusterNode, waiting: number): void {
    for (const o of this.overload) {
      if (o.apiQueue !== null && waiting > o.apiQueue && this.applies(o.fault, node)) {
        this.crashSoon(node, o.fault.end, `${waiting} API requests waiting for its QPS limit, more than ${o.apiQueue}`);
        return;
      }
    }
  }

  /** podChurn hears a pod start or stop on a node: past a threshold in a minute, its kubelet crashes. */
  podChurn(node: ClusterNode): void {
    if (!this.overload.some((o) => o.podChurn !== null)) return;
    const now = this.sim.now;
    const times = (this.churn.get(node) ?? []).filter((t) => t > now - CHURN_WINDOW_MS);
    times.push(now);
    this.churn.set(node, times);
    for (const o of this.overload) {
      if (o.podChurn !== null && times.length > o.podChurn && this.applies(o.fault, node)) {
        this.crashSoon(
          node,
          o.fault.end,
          `${times.length} pods started or stopped on it within a minute, more than ${o.podChurn}`,
        );
        return;
      }
    }
  }

  /** forget drops a removed node. */
  forget(node: ClusterNode): void {
    this.churn.delete(node);
  }

  private crashSoon(node: ClusterNode, end: ProcessEnd, why: string): void {
    if (this.crashing.has(node)) return;
    this.crashing.add(node);
    this.sim.after(
      0,
      () => {
        this.crashing.delete(node);
        this.targets.crash(node, end, why);
      },
      Priority.urgent,
    );
  }

  private applies(f: Fault, node: ClusterNode): boolean {
    return f.pool === null || f.pool === node.nodePool;
  }

  private fire(f: Fault, random: RandomStream): void {
    const candidates = this.targets.candidates(f.kind, f.pool);
    const target = f.target;
    // A fraction is rounded, and hits at least one node when there is one.
    const n = Math.min(
      candidates.length,
      'nodes' in target
        ? target.nodes
        : Math.max(target.fraction > 0 ? 1 : 0, Math.round(target.fraction * candidates.length)),
    );
    // A partial Fisher–Yates shuffle: n distinct nodes, each as likely.
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random.next() * (candidates.length - i));
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
    const hit = candidates.slice(0, n);
    const what = f.kind === 'kubeletCrash' ? 'kubelet crash' : 'VM loss';
    this.log.add(
      'Node',
      f.pool ?? '(all pools)',
      'FaultInjected',
      hit.length === 0
        ? `${what}: no node to hit`
        : `${what} on ${hit.length} node(s): ${hit.map((node) => node.name).join(', ')}`,
    );
    for (const node of hit) {
      if (f.kind === 'kubeletCrash') this.targets.crash(node, f.end, 'fault injected');
      else this.targets.lose(node);
    }
  }
}
