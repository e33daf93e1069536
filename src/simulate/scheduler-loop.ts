// The scheduler's loop around scheduleOne: pending pods are tried in creation order whenever the
// cluster changes (a node added, a pod gone) once their backoff has passed, and every 5 minutes
// regardless (flushUnschedulablePodsLeftover), higher priority first (PrioritySort); a pod that
// fits nowhere may preempt lower-priority pods (DefaultPreemption, models/scheduler/preemption.ts).
// Labels, taints and pod (anti-)affinity are the constraint filters' (scheduleOne). Simplified: the
// victims are chosen by the fit, with the pod's spread and pod affinity judged as if they stayed
// (they are of lower priority, rarely the pod's own kind); a nominated pod's hold on its node keeps
// every other pod off the room, whatever its priority (upstream: lower and equal priorities only).
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
import { UnfitReasons } from './unfit-reasons.js';
import type { TrackedBudget } from '../models/disruption.js';
import { addPod, fitsResources, freeResources } from '../models/resources.js';
import { prepareConstraintFilters, type PodsByDomain } from '../models/scheduler/plugins/index.js';
import {
  filterPodsWithPdbViolation,
  pickOneNodeForPreemption,
  selectVictimsOnNode,
  type Victims,
} from '../models/scheduler/preemption.js';
import { clusterEntries, type PendingPod } from '../models/scheduler/schedule-one.js';

// GetPodStartTime: when the kubelet took the pod up (its binding, here).
const startOf = (p: Pod) => p.scheduledMs ?? p.createdMs;

// Whether `pod` fits `node` once the pods in `removed` are gone: its resources and its host port.
function fitsWithout(pod: Pod, node: ClusterNode, removed: ReadonlySet<Pod>): boolean {
  const free = freeResources(node);
  for (const p of removed) addPod(free, p, 1);
  if (!fitsResources(pod, free)) return false;
  return (
    pod.hostPort === null || !node.hostPorts.has(pod.hostPort) || [...removed].some((p) => p.hostPort === pod.hostPort)
  );
}

/** SchedulerOptions are what the scheduler is built from: the run's engine, cluster and log, its random stream, its scoring strategy. */
export interface SchedulerOptions {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly log: EventLog;
  /** random breaks ties between equally scored nodes (selectHost). */
  readonly random: RandomStream;
  readonly strategy: ScoringStrategy;
}

/** SchedulerLinks: the scheduler tells who binds a pod's start-up once it has bound the pod to its node; for preemption it reads a node's pods and the disruption budgets, and has victims deleted. */
export interface SchedulerLinks {
  /** unschedulable: a pass left pods that fit no node and wait for no preemption (Karpenter batches on it). */
  readonly unschedulable: () => void;
  readonly bound: (pod: Pod, node: ClusterNode) => void;
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  readonly budgets: () => ReadonlyArray<TrackedBudget<PendingPod>>;
  readonly preempt: (victim: Pod, by: Pod, node: ClusterNode) => void;
  /** imagesAt (by the node's index) and nodesWithImage: what each node's status reports of its images, for ImageLocality. */
  readonly imagesAt: (index: number) => ReadonlySet<string> | undefined;
  /** imageHolders flags, by node index, the nodes holding an image. */
  readonly imageHolders: (image: string) => ArrayLike<number> | undefined;
  readonly nodesWithImage: (image: string) => number;
}

/** SchedulerLoop binds pending pods to nodes. */
export class SchedulerLoop {
  // The pods waiting, in the order they came (a Set: a bound or deleted pod leaves in O(1), where a
  // list's indexOf and splice made a pass over thousands of pending pods quadratic), and as a list
  // for those who read it, made again only after a change.
  private readonly pending = new Set<Pod>();
  private pendingList: Pod[] | null = null;
  private passQueued = false;
  private nextStartNodeIndex = 0;
  // Pod shapes that found no node at the cluster's current version, and why: a pod of the same
  // shape cannot fit either until something changes, so it is not evaluated again.
  private readonly unfit = new Map<string, string>();
  // Whether any pod has a priority other than 0: only then is the queue sorted.
  private priorities = false;
  private unfitVersion = -1;
  // Why each plain pod shape fitted no node, kept across versions and brought up to date.
  private readonly unfitReasons: UnfitReasons;
  private readonly sim: Simulation;
  private readonly cluster: Cluster;
  private readonly log: EventLog;
  private links: SchedulerLinks = unconnected('SchedulerLoop');

  constructor(private readonly o: SchedulerOptions) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.log = o.log;
    this.unfitReasons = new UnfitReasons(o.cluster);
  }

  // What scoring reads of the cluster and the nodes' images, made once rather than every cycle.
  private readonly podAffinityNodes = () => this.cluster.podAffinityEntries();
  private readonly images = {
    on: (i: number) => this.links.imagesAt(i),
    holders: (image: string) => this.links.imageHolders(image),
    nodesWith: (image: string) => this.links.nodesWithImage(image),
  };
  private readonly podsByDomain: PodsByDomain = (template, key) =>
    key === 'topology.kubernetes.io/zone' ? this.cluster.podsByZone(template) : undefined;

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
    return (this.pendingList ??= [...this.pending]);
  }

  /** add queues a new pod and asks for a pass. */
  add(pod: Pod): void {
    this.pending.add(pod);
    this.pendingList = null;
    if (pod.priority !== 0) this.priorities = true;
    this.kick();
  }

  /** remove drops a pod that was deleted while pending. */
  remove(pod: Pod): void {
    if (this.pending.delete(pod)) this.pendingList = null;
    this.unnominate(pod);
  }

  // A nominated pod's request is held on its node while its victims go, so that no other pod takes
  // the room it preempted for (upstream adds nominated pods to the node for lower-priority pods'
  // filters). It lets go of the hold for its own attempt.
  private nominate(pod: Pod, node: ClusterNode): void {
    this.unnominate(pod);
    pod.nominatedNode = node;
    this.cluster.hold(pod, node, 1);
  }

  private unnominate(pod: Pod): void {
    const node = pod.nominatedNode;
    if (node === null) return;
    pod.nominatedNode = null;
    this.cluster.hold(pod, node, -1);
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
    let unplaced = false;
    // PrioritySort: higher priority first, then the order they came (a stable sort).
    const queue = this.priorities ? [...this.pending].sort((a, b) => b.priority - a.priority) : [...this.pending];
    // (A snapshot: pods created during the pass, as preemption's evictions make, wait for the next.)
    for (const pod of queue) {
      if (pod.retryAtMs > now) {
        earliestRetry = Math.min(earliestRetry, pod.retryAtMs);
        continue;
      }
      const result = this.tryOne(pod);
      if (result.node !== null) continue;
      pod.attempts++;
      pod.retryAtMs = now + calculateBackoffDuration(pod.attempts);
      if (pod.nominatedNode === null) unplaced = true;
    }
    if (unplaced) this.links.unschedulable();
    // A pod still in its backoff when the cluster changed is tried when the backoff ends (backoffQ).
    if (Number.isFinite(earliestRetry)) this.sim.at(earliestRetry, () => this.kick());
  }

  private tryOne(pod: Pod, tell = true): ScheduleResult {
    const nominated = pod.nominatedNode;
    this.unnominate(pod);
    const result = this.attempt(pod, tell, nominated);
    // Still waiting for its victims: the hold stays (a node removed meanwhile holds nothing).
    if (result.node === null && pod.nominatedNode === null && nominated !== null && this.waitingFor(pod, nominated))
      this.nominate(pod, nominated);
    return result;
  }

  // Whether the pod's nominated node, still there, has lower-priority pods terminating for it.
  private waitingFor(pod: Pod, node: ClusterNode): boolean {
    return (
      this.cluster.nodes[node.index] === node &&
      this.links.podsOn(node).some((p) => p.phase === 'Terminating' && p.priority < pod.priority)
    );
  }

  private attempt(pod: Pod, tell: boolean, nominated: ClusterNode | null): ScheduleResult {
    if (this.unfitVersion !== this.cluster.version) {
      this.unfit.clear();
      this.unfitVersion = this.cluster.version;
    }
    // Constraints make a pod's fit its workload's own (its template's labels and terms).
    const own = pod.spread || this.cluster.existingAntiAffinity || this.cluster.hardTaints || pod.constrained;
    const shape = `${pod.cpuMilli}/${pod.memoryBytes}/${pod.volumes}/${pod.hostPort}/${pod.hostNetwork}/${pod.priority}/${own ? `${pod.workload}#${pod.revision}` : ''}`;
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
      existingPodAffinity: this.cluster.existingPodAffinity,
      podAffinityNodes: this.podAffinityNodes,
      images: this.images,
      podsByDomain: this.podsByDomain,
      plain: this.cluster,
      resources: this.cluster.resources,
      // A plain pod's reasons on a node are the node's alone: kept by shape between cycles.
      ...(own ? {} : { explain: (reasonsOn) => this.unfitReasons.explain(shape, reasonsOn) }),
    });
    this.nextStartNodeIndex = result.nextStartNodeIndex;
    if (result.node === null) {
      if (tell && this.preempt(pod, nominated)) return this.failed(pod, result);
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

  // PostFilter (DefaultPreemption): evict the fewest, least important lower-priority pods on the
  // best node for the pod, which then waits for them to go; true when it did.
  private preempt(pod: Pod, nominated: ClusterNode | null): boolean {
    // PodEligibleToPreemptOthers: not while lower-priority pods on its nominated node still terminate.
    if (nominated !== null && this.waitingFor(pod, nominated)) return false;
    if (pod.template?.spec?.preemptionPolicy === 'Never' || !this.cluster.lowerPriorityBound(pod.priority))
      return false;
    const budgets = this.links.budgets();
    // The pod's constraints, the victims still counted (they are of lower priority, rarely the pod's own kind).
    const constraints =
      pod.template === undefined
        ? null
        : prepareConstraintFilters(
            pod.template,
            () => clusterEntries(this.cluster.nodes),
            this.cluster.existingAntiAffinity,
          );
    const nodes: ClusterNode[] = [];
    const candidates: Array<Victims<Pod>> = [];
    for (const node of this.cluster.nodes) {
      if (node === undefined || node.unschedulable || node.taints.length > 0) continue;
      if (
        constraints !== null &&
        (constraints.nodeLocal(node.object).code !== 'Success' ||
          constraints.clusterWide(node.object).code !== 'Success')
      )
        continue;
      const bound = this.links.podsOn(node).filter((p) => p.phase !== 'Terminating');
      const victims = selectVictimsOnNode(
        pod.priority,
        bound,
        (removed) => fitsWithout(pod, node, removed),
        (sorted) => filterPodsWithPdbViolation(sorted, budgets),
        startOf,
      );
      if (victims === null) continue;
      nodes.push(node);
      candidates.push(victims);
    }
    const chosen = pickOneNodeForPreemption(candidates, startOf);
    if (chosen < 0) return false;
    const node = nodes[chosen]!;
    for (const victim of candidates[chosen]!.pods) this.links.preempt(victim, pod, node);
    this.nominate(pod, node);
    return true;
  }

  private failed(pod: Pod, result: Extract<ScheduleResult, { node: null }>): ScheduleResult {
    if (pod.reason !== result.reason) this.log.add('Pod', pod.name, 'FailedScheduling', result.reason);
    pod.reason = result.reason;
    return result;
  }
}
