// The ReplicaSet controller: keeps each workload at its desired count, creating pods when short
// and deleting the pods getPodsToDelete ranks first when over. A deleted pod holds its node's
// resources (and its IP) for its termination grace period, then is gone; on a node whose kubelet is
// down it stays Terminating until the kubelet is back, or until its node is deleted and pod GC
// removes it. Simplified: creations are not batched (upstream's slowStartBatch) and every pod uses
// its whole grace period.
import { getPodsToDelete, type RankedPod } from '../models/replicaset.js';
import { completeRollingUpdate, updateStatefulSet } from '../models/statefulset.js';
import type { Simulation } from '../sim/simulation.js';
import type { Workload } from '../scenario/model.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import { isActive, newPod, podRecord, type Pod, type PodRecord } from './pod.js';
import type { PodReadiness } from './pod-readiness.js';

/** ReplicaControllerOptions are what the controller is built from: the run's engine, cluster and log. */
export interface ReplicaControllerOptions {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly log: EventLog;
}

/**
 * Templates are a Deployment's pod templates once it has rolled out, one a revision (its
 * ReplicaSet): each one's spec and desired count, which the deployment controller sets.
 */
export interface Templates {
  readonly specs: Workload[];
  readonly desired: number[];
  /** current: a StatefulSet's current revision (status.currentRevision), which pods below its partition keep. */
  current: number;
}

/** ReplicaLinks are whom the controller tells of its pods, and whether a node's kubelet can stop a deleted pod now. */
export interface ReplicaLinks {
  /** made: every new pod, steady ones too (the usage sample lists it). */
  readonly made: (pod: Pod) => void;
  /** created: a new pod waits for the scheduler; deletedPending: a pod deleted before it was bound leaves its queue. */
  readonly created: (pod: Pod) => void;
  readonly deletedPending: (pod: Pod) => void;
  /** gone: a pod's resources are free on its node (or it never had one). */
  readonly gone: (pod: Pod) => void;
  readonly kubeletServing: (node: ClusterNode) => boolean;
  /** terminating: the node's kubelet stops the pod's containers. */
  readonly terminating: (pod: Pod, node: ClusterNode) => void;
  readonly readiness: PodReadiness;
  /** deploymentChanged: a rolled-out Deployment's desired count changed; its controller decides the ReplicaSets'. */
  readonly deploymentChanged: (workload: string) => void;
}

/** ReplicaController owns the pods of every workload. */
export class ReplicaController {
  /** pods is every pod the run created, for the reports: the pod while it lives, its record once gone (by id − 1). */
  readonly pods: Array<Pod | PodRecord> = [];
  // Each workload's pods that are not gone yet: what the controllers look at, kept small.
  private readonly live = new Map<string, Pod[]>();
  // Each workload's place in `live` (the order its first pod was created), and the bound pods of
  // each node not gone yet: podsOn reads a node's pods without a pass over every pod.
  private readonly rank = new Map<string, number>();
  private readonly onNode = new Map<ClusterNode, Set<Pod>>();
  private readonly desired = new Map<string, number>();
  private readonly templates = new Map<string, Templates>();
  // StatefulSets with a sync already due at this instant.
  private readonly syncQueued = new Set<string>();
  // Deleted pods waiting for their node's kubelet to come back and stop them.
  private readonly stuck = new Map<ClusterNode, Pod[]>();
  private nextId = 1;
  private readonly sim: Simulation;
  private readonly cluster: Cluster;
  private readonly log: EventLog;
  private links: ReplicaLinks = unconnected('ReplicaController');

  constructor(o: ReplicaControllerOptions) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.log = o.log;
  }

  /** connect gives the controller its links. */
  connect(links: ReplicaLinks): void {
    this.links = links;
  }

  /** desiredReplicas is a workload's desired count. */
  desiredReplicas(workload: string): number {
    return this.desired.get(workload) ?? 0;
  }

  /**
   * setReplicas changes a workload's desired count and reconciles at once (a rolled-out
   * Deployment's controller decides how its ReplicaSets share it); then its load is measured
   * (deleting pods may have unreadied some).
   */
  setReplicas(spec: Workload, replicas: number): void {
    this.desired.set(spec.name, replicas);
    if (this.templates.has(spec.name)) this.links.deploymentChanged(spec.name);
    else this.reconcile(spec);
    this.links.readiness.measure(spec.name);
  }

  /** templatesOf is a rolled-out Deployment's templates (undefined before its first rollout). */
  templatesOf(workload: string): Templates | undefined {
    return this.templates.get(workload);
  }

  /** addRevision gives a Deployment a new template, wanting no pod yet; the first also becomes revision 0 for the pods it has. Returns its revision. */
  addRevision(base: Workload, spec: Workload): number {
    let t = this.templates.get(base.name);
    if (t === undefined) {
      t = { specs: [base], desired: [this.desiredReplicas(base.name)], current: 0 };
      this.templates.set(base.name, t);
    }
    t.specs.push(spec);
    t.desired.push(0);
    return t.specs.length - 1;
  }

  /** scaleRevision sets a ReplicaSet's desired count and reconciles it. */
  scaleRevision(workload: string, revision: number, replicas: number): void {
    const t = this.templates.get(workload)!;
    t.desired[revision] = replicas;
    this.reconcile(t.specs[0]!);
    this.links.readiness.measure(workload);
  }

  /** setSteadyReplicas sets a workload's desired count for the run's steady start, creating nothing (warm-start.ts creates its pods). */
  setSteadyReplicas(spec: Workload, replicas: number): void {
    this.desired.set(spec.name, replicas);
  }

  /** createSteady creates replica `i` of a workload without queueing it: the run's steady start places it. */
  createSteady(spec: Workload, i: number): Pod {
    return this.create(spec, 0, spec.kind === 'StatefulSet' ? i : -1);
  }

  /** podChanged: a pod's Ready condition changed; an OrderedReady StatefulSet may now take its next step. */
  podChanged(pod: Pod): void {
    // OrderedReady waits for each pod to be Ready; a rolling update, for each updated pod.
    if (pod.spec.podManagementPolicy === 'OrderedReady' || this.templates.has(pod.workload))
      this.syncStatefulSetSoon(pod.spec);
  }

  /** syncStatefulSet is a StatefulSet controller's sync now (after a rollout gave it a new template). */
  syncStatefulSet(spec: Workload): void {
    this.reconcile(spec);
  }

  // A StatefulSet's next sync, after this instant's other changes (once, however many there are).
  private syncStatefulSetSoon(spec: Workload): void {
    if (spec.kind !== 'StatefulSet' || this.syncQueued.has(spec.name)) return;
    this.syncQueued.add(spec.name);
    this.sim.after(0, () => {
      this.syncQueued.delete(spec.name);
      this.reconcile(spec);
    });
  }

  /** livePods are a workload's pods that are not gone (terminating ones included). */
  livePods(workload: string): readonly Pod[] {
    return this.live.get(workload) ?? [];
  }

  /** activePods are a workload's pods that count toward its replicas. */
  activePods(workload: string): Pod[] {
    return this.livePods(workload).filter(isActive);
  }

  /** readyPods counts a workload's ready pods. */
  readyPods(workload: string): number {
    let n = 0;
    for (const p of this.livePods(workload)) if (p.ready) n++;
    return n;
  }

  /** evict deletes a pod for a node's drain (the Eviction API) and recreates it, as its controller would. */
  evict(pod: Pod): void {
    this.delete(pod);
    this.reconcile(pod.spec);
    this.links.readiness.measure(pod.workload);
  }

  /**
   * evictedByKubelet: the kubelet evicted a pod under node pressure. It fails (phase Failed) and its
   * containers are killed at once (a hard threshold gives no grace period), so its controller, which
   * counts only active pods, replaces it now; the replacement goes Pending.
   */
  evictedByKubelet(pod: Pod, message: string): void {
    this.log.add('Pod', pod.name, 'Evicted', message);
    this.delete(pod, { graceMs: 0, byController: false });
    this.reconcile(pod.spec);
    this.links.readiness.measure(pod.workload);
  }

  /** kubeletBack: a node's kubelet is serving again and stops the pods deleted while it was down. */
  kubeletBack(node: ClusterNode): void {
    const pods = this.stuck.get(node) ?? [];
    this.stuck.delete(node);
    for (const p of pods) this.terminate(p, node);
  }

  /** nodeDeleted: pod GC removes the pods of a deleted node at once (they were deleted, or are now), and their controllers replace them. */
  nodeDeleted(node: ClusterNode, reason: string): void {
    this.stuck.delete(node);
    const workloads = new Set<Workload>();
    // Its own pods, in the order of a pass over every workload's (not a pass over 150,000 pods a node).
    for (const p of this.podsOn(node)) {
      if (p.phase !== 'Terminating') {
        this.log.add(p.spec.kind, p.spec.name, 'SuccessfulDelete', `Deleted pod: ${p.name} (${reason})`);
        p.deletedMs = this.sim.now;
      }
      this.gone(p);
      this.links.readiness.withdraw(p);
      this.links.gone(p);
      workloads.add(p.spec);
    }
    for (const w of workloads) this.reconcile(w);
  }

  /** bound: the scheduler has bound a pod to its node. */
  bound(pod: Pod): void {
    const node = pod.node!;
    const on = this.onNode.get(node);
    if (on === undefined) this.onNode.set(node, new Set([pod]));
    else on.add(pod);
  }

  /** nodesHolding maps each node to its bound pods not gone yet (for the invariant checks). */
  get nodesHolding(): ReadonlyMap<ClusterNode, ReadonlySet<Pod>> {
    return this.onNode;
  }

  /** allLivePods are every workload's pods not gone yet. */
  *allLivePods(): Iterable<Pod> {
    for (const list of this.live.values()) yield* list;
  }

  /** podsOn are the pods bound to `node` and not gone, by workload (in the order their first pods were created), then by creation. */
  podsOn(node: ClusterNode): Pod[] {
    const on = this.onNode.get(node);
    if (on === undefined) return [];
    // The order of a pass over `live`: a workload's pods are in creation order, which is id order.
    return [...on].sort((a, b) => this.rank.get(a.workload)! - this.rank.get(b.workload)! || a.id - b.id);
  }

  private reconcile(spec: Workload): void {
    if (spec.kind === 'StatefulSet') return this.reconcileStatefulSet(spec);
    const t = this.templates.get(spec.name);
    if (t !== undefined) {
      t.specs.forEach((template, revision) => this.reconcileRevision(template, revision, t.desired[revision]!));
      return;
    }
    const active = this.activePods(spec.name);
    const diff = this.desiredReplicas(spec.name) - active.length;
    if (diff > 0) {
      for (let i = 0; i < diff; i++) this.links.created(this.create(spec));
    } else if (active.length > this.desiredReplicas(spec.name)) {
      for (const victim of this.victims(active, active.length - this.desiredReplicas(spec.name))) this.delete(victim);
    }
  }

  // One sync of the StatefulSet controller (models/statefulset.ts): which ordinals to create, which
  // to delete. A pod keeps its identity until it is gone: its replacement waits (on an unreachable
  // node, until the node is deleted or its kubelet returns).
  private reconcileStatefulSet(spec: Workload): void {
    const base = this.templates.get(spec.name);
    const latest = (base?.specs.length ?? 1) - 1;
    const set = {
      replicas: this.desiredReplicas(spec.name),
      podManagementPolicy: spec.podManagementPolicy,
      updateStrategy: spec.updateStrategy,
      currentRevision: `r${base?.current ?? 0}`,
      updateRevision: `r${latest}`,
    };
    const live = this.livePods(spec.name);
    const pods = live.map((p) => ({
      ordinal: p.ordinal,
      phase: p.phase === 'Running' ? ('Running' as const) : ('Pending' as const),
      ready: p.ready,
      terminating: !isActive(p),
      revision: `r${p.revision}`,
    }));
    // status.currentRevision moves on once every replica runs the update revision, Running and Ready.
    if (base !== undefined) base.current = Number(completeRollingUpdate(set, pods).slice(1));
    const actions = updateStatefulSet(set, pods);
    for (const c of actions.create) {
      const revision = Number(c.revision.slice(1));
      this.links.created(this.create(base?.specs[revision] ?? spec, revision, c.ordinal));
    }
    for (const ordinal of actions.delete) {
      const pod = live.find((p) => p.ordinal === ordinal && isActive(p));
      if (pod !== undefined) this.delete(pod);
    }
  }

  // One ReplicaSet of a rolled-out Deployment, as the ReplicaSet controller keeps it at its count.
  private reconcileRevision(spec: Workload, revision: number, desired: number): void {
    const active = this.activePods(spec.name).filter((p) => p.revision === revision);
    if (desired > active.length) {
      for (let i = active.length; i < desired; i++) this.links.created(this.create(spec, revision));
      return;
    }
    if (active.length > desired)
      for (const victim of this.victims(active, active.length - desired)) this.delete(victim);
  }

  // The pods getPodsToDelete ranks first among `active` (ActivePodsWithRanks).
  private victims(active: readonly Pod[], excess: number): Pod[] {
    const ranked: Array<RankedPod & { pod: Pod }> = active.map((pod) => ({
      pod,
      name: pod.name,
      node: pod.node?.name ?? null,
      phase: pod.phase === 'Running' ? 'Running' : 'Pending',
      ready: pod.ready,
      created: pod.createdMs,
      ...(pod.readySinceMs === undefined ? {} : { readySince: pod.readySinceMs }),
    }));
    return (getPodsToDelete(ranked, excess, this.sim.now) as Array<RankedPod & { pod: Pod }>).map((r) => r.pod);
  }

  private create(spec: Workload, revision = 0, ordinal = -1): Pod {
    const pod = newPod(this.nextId++, spec, this.sim.now, { revision, ordinal });
    this.pods.push(pod);
    this.links.made(pod);
    const list = this.live.get(spec.name);
    if (list === undefined) {
      this.rank.set(spec.name, this.live.size);
      this.live.set(spec.name, [pod]);
    } else list.push(pod);
    this.log.add(spec.kind, spec.name, 'SuccessfulCreate', `Created pod: ${pod.name}`);
    return pod;
  }

  // A pod deleted by its controller (logged as such), or failed by its kubelet (`byController`
  // false: the kubelet's own event says why), gone after `graceMs`.
  private delete(pod: Pod, { graceMs = pod.spec.terminationGracePeriodMs, byController = true } = {}): void {
    if (byController) this.log.add(pod.spec.kind, pod.spec.name, 'SuccessfulDelete', `Deleted pod: ${pod.name}`);
    pod.deletedMs = this.sim.now;
    if (pod.node === null) {
      this.gone(pod);
      this.links.deletedPending(pod);
      this.syncStatefulSetSoon(pod.spec); // its identity is free at once: the next step may follow
      return;
    }
    pod.phase = 'Terminating';
    pod.kubeletReady = false;
    this.cluster.markTerminating(pod, pod.node);
    this.links.readiness.withdraw(pod);
    if (this.links.kubeletServing(pod.node)) this.terminate(pod, pod.node, graceMs);
    else {
      const list = this.stuck.get(pod.node);
      if (list === undefined) this.stuck.set(pod.node, [pod]);
      else list.push(pod);
    }
  }

  // The kubelet stops the pod's containers; it is gone after its grace period.
  private terminate(pod: Pod, node: ClusterNode, graceMs = pod.spec.terminationGracePeriodMs): void {
    this.links.terminating(pod, node);
    this.sim.after(graceMs, () => {
      if (pod.phase === 'Gone') return; // its node was deleted meanwhile
      this.gone(pod);
      this.cluster.release(pod, node, false);
      this.links.gone(pod);
      if (pod.spec.kind === 'StatefulSet') this.reconcile(pod.spec); // its identity is free again
    });
  }

  private gone(pod: Pod): void {
    pod.phase = 'Gone';
    pod.goneMs = this.sim.now;
    this.pods[pod.id - 1] = podRecord(pod);
    const list = this.live.get(pod.workload)!;
    list.splice(list.indexOf(pod), 1);
    if (pod.node === null) return;
    const on = this.onNode.get(pod.node)!;
    on.delete(pod);
    if (on.size === 0) this.onNode.delete(pod.node);
  }
}
