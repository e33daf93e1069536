// The scheduler's loop around scheduleOne: pending pods are tried in creation order whenever the
// cluster changes (a node added, a pod gone) once their backoff has passed, and every 5 minutes
// regardless (flushUnschedulablePodsLeftover). Simplified: one queue, no priorities or preemption.
// Labels, taints and pod (anti-)affinity are the constraint filters' (scheduleOne).
import type { Simulation } from '../sim/simulation.js';
import type { RandomStream } from '../sim/random.js';
import { scheduleOne, type ScheduleResult } from '../models/scheduler/schedule-one.js';
import { calculateBackoffDuration, POD_MAX_IN_UNSCHEDULABLE_PODS_MS } from '../models/scheduler/queue.js';
import type { ScoringStrategy } from '../models/scheduler/score.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';
import { SCHEDULING_PASS } from './priorities.js';

/** SchedulerOptions are what the scheduler is built from: the run's engine, cluster and log, its random stream, its scoring strategy. */
export interface SchedulerOptions {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly log: EventLog;
  /** random breaks ties between equally scored nodes (selectHost). */
  readonly random: RandomStream;
  readonly strategy: ScoringStrategy;
}

/** SchedulerLinks: the scheduler tells who binds a pod's start-up once it has bound the pod to its node. */
export interface SchedulerLinks {
  readonly bound: (pod: Pod, node: ClusterNode) => void;
}

/** SchedulerLoop binds pending pods to nodes. */
export class SchedulerLoop {
  private readonly pending: Pod[] = [];
  private passQueued = false;
  private nextStartNodeIndex = 0;
  // Pod shapes that found no node at the cluster's current version, and why: a pod of the same
  // shape cannot fit either until something changes, so it is not evaluated again.
  private readonly unfit = new Map<string, string>();
  private unfitVersion = -1;
  private readonly sim: Simulation;
  private readonly cluster: Cluster;
  private readonly log: EventLog;
  private links: SchedulerLinks = unconnected('SchedulerLoop');

  constructor(private readonly o: SchedulerOptions) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.log = o.log;
  }

  /** connect gives the scheduler its links. */
  connect(links: SchedulerLinks): void {
    this.links = links;
  }

  /** start begins the flushes of unschedulable pods, every 5 minutes. */
  start(): void {
    this.sim.every(POD_MAX_IN_UNSCHEDULABLE_PODS_MS, () => this.kick(), { start: POD_MAX_IN_UNSCHEDULABLE_PODS_MS });
  }

  /** pendingPods are the pods waiting for a node. */
  get pendingPods(): readonly Pod[] {
    return this.pending;
  }

  /** add queues a new pod and asks for a pass. */
  add(pod: Pod): void {
    this.pending.push(pod);
    this.kick();
  }

  /** remove drops a pod that was deleted while pending. */
  remove(pod: Pod): void {
    const i = this.pending.indexOf(pod);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** bindNow binds a pod at once, outside the queue, without telling who starts it (the run's steady start); false when no node fits it. */
  bindNow(pod: Pod): boolean {
    return this.tryOne(pod, false).node !== null;
  }

  /** kick asks for a scheduling pass now (once, however many changes happen at this time). */
  kick(): void {
    if (this.passQueued) return;
    this.passQueued = true;
    // After the other changes of this millisecond, as the scheduler sees them through its informers.
    this.sim.after(0, () => this.pass(), SCHEDULING_PASS);
  }

  private pass(): void {
    this.passQueued = false;
    const now = this.sim.now;
    let earliestRetry = Infinity;
    for (const pod of [...this.pending]) {
      if (pod.retryAtMs > now) {
        earliestRetry = Math.min(earliestRetry, pod.retryAtMs);
        continue;
      }
      const result = this.tryOne(pod);
      if (result.node !== null) continue;
      pod.attempts++;
      pod.retryAtMs = now + calculateBackoffDuration(pod.attempts);
    }
    // A pod still in its backoff when the cluster changed is tried when the backoff ends (backoffQ).
    if (Number.isFinite(earliestRetry)) this.sim.at(earliestRetry, () => this.kick());
  }

  private tryOne(pod: Pod, tell = true): ScheduleResult {
    if (this.unfitVersion !== this.cluster.version) {
      this.unfit.clear();
      this.unfitVersion = this.cluster.version;
    }
    // Constraints make a pod's fit its workload's own (its template's labels and terms).
    const own = pod.spread || this.cluster.existingAntiAffinity || this.cluster.hardTaints || pod.constrained;
    const shape = `${pod.cpuMilli}/${pod.memoryBytes}/${pod.volumes}/${pod.hostPort}/${pod.hostNetwork}/${own ? `${pod.workload}#${pod.revision}` : ''}`;
    const known = this.unfit.get(shape);
    if (known !== undefined)
      return this.failed(pod, { node: null, reason: known, nextStartNodeIndex: this.nextStartNodeIndex });
    const result = scheduleOne(pod, {
      nodes: this.cluster.nodes,
      liveNodes: this.cluster.liveNodes,
      index: this.cluster.index,
      strategy: this.o.strategy,
      nextStartNodeIndex: this.nextStartNodeIndex,
      random: () => this.o.random.next(),
      existingAntiAffinity: this.cluster.existingAntiAffinity,
      hardTaints: this.cluster.hardTaints,
    });
    this.nextStartNodeIndex = result.nextStartNodeIndex;
    if (result.node === null) {
      this.unfit.set(shape, result.reason);
      return this.failed(pod, result);
    }
    const node = this.cluster.nodes[result.node]!;
    this.remove(pod);
    this.cluster.bind(pod, node);
    pod.node = node;
    pod.scheduledMs = this.sim.now;
    this.log.add('Pod', pod.name, 'Scheduled', `Successfully assigned ${pod.name} to ${node.name}`);
    if (tell) this.links.bound(pod, node);
    return result;
  }

  private failed(pod: Pod, result: Extract<ScheduleResult, { node: null }>): ScheduleResult {
    if (pod.reason !== result.reason) this.log.add('Pod', pod.name, 'FailedScheduling', result.reason);
    pod.reason = result.reason;
    return result;
  }
}
