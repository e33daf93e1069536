// The cluster autoscaler's loop (kubernetes/autoscaler cluster-autoscaler/core/static_autoscaler.go
// RunOnce), every scan interval: scale up for unschedulable pods, else look for unneeded nodes and
// remove those unneeded long enough. The decisions are the pure functions of
// models/cluster-autoscaler; this file gathers their inputs and carries out their answers.
import {
  backoff,
  BACKOFF_RESET_TIMEOUT_MS,
  isBackedOff,
  type BackoffInfo,
} from '../models/cluster-autoscaler/backoff.js';
import {
  isClusterHealthy,
  registerScaleUp,
  scaleUpRequestState,
  type ScaleUpRequest,
} from '../models/cluster-autoscaler/clusterstate.js';
import { emptyRoom, placeFirstFit, type Room } from '../models/cluster-autoscaler/placement.js';
import { freeResources, freeResourcesInto } from '../models/resources.js';
import {
  nodesToRemove,
  TO_BE_DELETED_TAINT,
  trackUnneeded,
  unneededNodesUsingUp,
  unneededNodesLimit,
  utilization,
  type Candidate,
  type PdbCheck,
} from '../models/cluster-autoscaler/scale-down.js';
import { expanderConfigFor } from '../models/cluster-autoscaler/expander.js';
import {
  orchestrateScaleUp,
  type OrchestratorInput,
  type OrchestratorNodeGroup,
} from '../models/cluster-autoscaler/orchestrator.js';
import { isExpendable, whyNoScaleUp } from '../models/cluster-autoscaler/scale-up.js';
import type { RandomStream } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { AutoscalerSettings, Design } from '../scenario/model.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import { isNodeReady, namedNode, templateOf, type Nodes } from './nodes.js';
import { hasHardTaints, type ClusterEntry } from '../models/scheduler/plugins/index.js';
import type { PendingPod } from '../models/scheduler/schedule-one.js';
import { RemainingPdbTracker, type TrackedBudget } from '../models/disruption.js';
import { AFTER_DRAIN } from './priorities.js';
import type { Pod } from './pod.js';

const MAX_DRAIN_PARALLELISM = 1; // --max-drain-parallelism
const MAX_SCALE_DOWN_PARALLELISM = 10; // --max-scale-down-parallelism (bounds the unneeded nodes a loop looks for)
const MAX_NODE_STARTUP_TIME_MS = 15 * 60_000; // an unready node younger than this has not started (clusterstate)

/** AutoscalerStats are summary.json's `autoscaler` block. */
export interface AutoscalerStats {
  scaleUps: number;
  scaleDowns: number;
  nodesAdded: number;
  nodesRemoved: number;
  failedProvisions: number;
  /** nodesBlockedByPdb counts the nodes found unneeded that PodDisruptionBudgets kept (each once). */
  nodesBlockedByPdb: number;
}

/** AutoscalerOptions are what the autoscaler is built from: the run's engine, cluster and log, the design, and the expander's random stream. */
export interface AutoscalerOptions {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly log: EventLog;
  readonly design: Design;
  readonly random: RandomStream;
}

/** AutoscalerLinks are the nodes the autoscaler grows and shrinks, and what it reads and does to pods. */
export interface AutoscalerLinks {
  readonly nodes: Nodes;
  /** unschedulable are the pods the scheduler has tried and failed to place. */
  readonly unschedulable: () => readonly Pod[];
  /** podsOn are the pods bound to a node and not gone. */
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  /** evict deletes a pod for a drain; its controller recreates it. */
  readonly evict: (pod: Pod) => void;
  /** budgets are the PodDisruptionBudgets with their disruptions allowed now. */
  readonly budgets: () => ReadonlyArray<TrackedBudget<PendingPod>>;
}

/** ClusterAutoscaler runs the loop for one design. */
export class ClusterAutoscaler {
  readonly stats: AutoscalerStats = {
    scaleUps: 0,
    scaleDowns: 0,
    nodesAdded: 0,
    nodesRemoved: 0,
    failedProvisions: 0,
    nodesBlockedByPdb: 0,
  };
  private readonly settings: AutoscalerSettings;
  private readonly backoffs = new Map<string, BackoffInfo>();
  private readonly requests = new Map<string, ScaleUpRequest>();
  private unneededSince = new Map<string, number>();
  private readonly draining = new Set<ClusterNode>();
  // Nodes the budgets blocked at the last loop (with the budget), and every node they ever blocked.
  private pdbBlocked = new Map<string, string>();
  private readonly everPdbBlocked = new Set<string>();
  private lastScaleUpMs = -Infinity;
  private lastDeleteMs = -Infinity;
  private unhealthy = false;
  private readonly groups: ReadonlyArray<{
    readonly pool: Design['pools'][number];
    readonly template: ReturnType<typeof templateOf>;
  }>;
  // Each pool's template by name, for the nodes on their way.
  private readonly templateOf: ReadonlyMap<string, ReturnType<typeof templateOf>>;

  private readonly sim: Simulation;
  private readonly cluster: Cluster;
  private readonly log: EventLog;
  private readonly random: RandomStream;
  private links: AutoscalerLinks = unconnected('ClusterAutoscaler');
  private readonly rooms = new WeakMap<ClusterNode, Room>();

  constructor(o: AutoscalerOptions) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.log = o.log;
    this.random = o.random;
    this.settings = o.design.autoscaler;
    this.groups = o.design.pools.map((pool) => ({ pool, template: templateOf(pool) }));
    this.templateOf = new Map(this.groups.map((g) => [g.pool.name, g.template]));
  }

  /** connect gives the autoscaler its links. */
  connect(links: AutoscalerLinks): void {
    this.links = links;
  }

  /** start begins the loop, every scan interval, when the autoscaler is on. */
  start(): void {
    if (this.settings.enabled && this.groups.length > 0)
      this.sim.every(this.settings.scanIntervalMs, () => this.runOnce(), { start: this.settings.scanIntervalMs });
  }

  // RegisterFailedScaleUp: the group backs off, longer each time it fails again.
  private backOff(group: string): BackoffInfo {
    const b = backoff(this.backoffs.get(group), this.sim.now, {
      initialMs: this.settings.initialNodeGroupBackoffMs,
      maxMs: this.settings.maxNodeGroupBackoffMs,
      resetMs: BACKOFF_RESET_TIMEOUT_MS,
    });
    this.backoffs.set(group, b);
    return b;
  }

  // The cloud cannot create nodes in a dark zone: the increase fails at once, and the group backs
  // off as after any failed scale-up (RegisterFailedScaleUp), so the next loops try other groups.
  private cloudRefused(group: string, delta: number): void {
    const b = this.backOff(group);
    this.log.add(
      'Node',
      group,
      'FailedToScaleUpGroup',
      `Scale-up of group ${group} by ${delta} failed: the cloud creates no node in its zone now; the group backs off for ${b.durationMs / 1000} s`,
    );
    this.stats.failedProvisions += delta;
  }

  // updateScaleRequests: a group whose nodes are still unregistered at its request's deadline has
  // failed to scale up; the autoscaler gives up on those nodes and backs the group off.
  private updateScaleRequests(): void {
    const now = this.sim.now;
    for (const [group, request] of this.requests) {
      const unregistered = this.links.nodes.upcoming.filter((r) => r.pool === group && r.registeredMs === undefined);
      const state = scaleUpRequestState(request, unregistered.length, now);
      if (state === 'waiting') continue;
      this.requests.delete(group);
      if (state === 'fulfilled') continue;
      const b = this.backOff(group);
      this.log.add(
        'Node',
        group,
        'ScaleUpTimedOut',
        `Nodes added to group ${group} failed to register within ${this.settings.maxNodeProvisionTimeMs / 1000} s; ${unregistered.length} node(s) given up; the group backs off for ${b.durationMs / 1000} s`,
      );
      for (const r of unregistered) this.links.nodes.giveUp(r);
      this.stats.failedProvisions += unregistered.length;
    }
  }

  private runOnce(): void {
    const now = this.sim.now;
    this.updateScaleRequests();
    if (!this.clusterHealthy()) return;
    const unschedulable = this.links.unschedulable();
    let scaleDownForbidden = false;
    if (unschedulable.length > 0) {
      // allPodsAreNew (unschedulablePodTimeBuffer, 2 s): when every unschedulable pod is that young,
      // the loop waits for more rather than scale up for the first few, and removes nothing.
      const oldest = unschedulable.reduce((t, p) => Math.min(t, p.createdMs), Infinity);
      if (oldest + this.settings.newPodScaleUpDelayMs > now) scaleDownForbidden = true;
      else if (this.tryScaleUp(unschedulable)) return; // a successful scale-up ends the loop
    }
    if (this.settings.scaleDownEnabled) this.scaleDown(scaleDownForbidden, unschedulable);
  }

  // IsClusterHealthy: too many unready nodes and the loop does nothing (logged when it starts and ends).
  private clusterHealthy(): boolean {
    let unready = 0;
    let total = 0;
    for (const r of this.links.nodes.records) {
      if (r.node === undefined || r.removedMs !== undefined) continue;
      total++;
      const started = r.readyMs !== undefined || this.sim.now - (r.registeredMs ?? 0) >= MAX_NODE_STARTUP_TIME_MS;
      if (started && !isNodeReady(r)) unready++;
    }
    const healthy = isClusterHealthy(
      unready,
      total,
      this.settings.okTotalUnreadyCount,
      this.settings.maxTotalUnreadyPercentage,
    );
    if (healthy === this.unhealthy) {
      this.log.add(
        'Node',
        '(cluster)',
        healthy ? 'ClusterHealthy' : 'ClusterUnhealthy',
        healthy
          ? 'Cluster is healthy again; the autoscaler resumes'
          : `Cluster is unhealthy: ${unready} of ${total} nodes unready (more than ${this.settings.okTotalUnreadyCount} and ${this.settings.maxTotalUnreadyPercentage}%); the autoscaler does nothing until it recovers`,
      );
      this.unhealthy = !healthy;
    }
    return healthy;
  }

  private targetSize(pool: string): number {
    return this.links.nodes.size(pool);
  }

  private tryScaleUp(unschedulable: readonly Pod[]): boolean {
    const { needy, snapshot, counted } = this.needingNodes(unschedulable);
    if (needy.length === 0) return false;
    const input = { ...this.orchestratorInput(needy), snapshot, counted };
    const decision = orchestrateScaleUp(input);
    const s = this.settings;
    if (decision.noScaleUp) {
      for (const p of needy) {
        const why = whyNoScaleUp(p, input.nodeGroups, decision.skipped, input.nodes.length, s.maxNodesTotal);
        if (p.scaleUpReason !== why) this.log.add('Pod', p.name, 'NotTriggerScaleUp', why);
        p.scaleUpReason = why;
      }
      return false;
    }
    const now = this.sim.now;
    const groupNamed = new Map(input.nodeGroups.map((g) => [g.name, g]));
    const sizes = decision.scaleUps
      .map(({ group, delta }) => {
        const g = groupNamed.get(group)!;
        return `{${group} ${g.targetSize}->${g.targetSize + delta} (max: ${g.max})}`;
      })
      .join(' ');
    for (const { group, delta } of decision.scaleUps) {
      const g = groupNamed.get(group)!;
      if (!this.links.nodes.canCreateIn(group)) {
        // executeScaleUp stops at the first increase that fails, and the loop ends with it.
        this.cloudRefused(group, delta);
        return true;
      }
      this.log.add(
        'Node',
        group,
        'ScaledUpGroup',
        `Scale-up: setting group ${group} size to ${g.targetSize + delta} instead of ${g.targetSize} (max: ${g.max}) for ${decision.podsTriggeredScaleUp.length} pending pod(s)`,
      );
      for (let i = 0; i < delta; i++) this.links.nodes.request(group);
      this.requests.set(group, registerScaleUp(this.requests.get(group), delta, now, s.maxNodeProvisionTimeMs));
      this.stats.nodesAdded += delta;
    }
    // TriggeredScaleUp on the pods the new nodes are for.
    for (const name of decision.podsTriggeredScaleUp)
      this.log.add('Pod', name, 'TriggeredScaleUp', `pod triggered scale-up: [${sizes}]`);
    for (const p of needy) p.scaleUpReason = undefined;
    this.stats.scaleUps++;
    this.lastScaleUpMs = now;
    return true;
  }

  // How much of the constraint filters' view the snapshot's rooms need: every node object and its
  // pods when some pod asks something of nodes or other pods ('full'); only the tainted nodes'
  // objects when pool taints are all there is ('taints': TaintToleration alone can reject a pod);
  // nothing otherwise.
  private constraintsInPlay(pods: readonly Pod[], bound = false): Detail {
    if (
      this.cluster.existingAntiAffinity ||
      (bound && this.cluster.constrainedPods > 0) ||
      pods.some((p) => p.constrained)
    )
      return 'full';
    return this.cluster.hardTaints ? 'taints' : 'none';
  }

  // The unschedulable pods that need a new node: those that fit existing nodes are left to the
  // scheduler, those that fit upcoming nodes wait for them (filter_out_schedulable.go). With
  // constraints in play, the snapshot (rooms with those pods placed, and the nodes that only count)
  // goes on to the estimator.
  private needingNodes(unschedulable: readonly Pod[]): { needy: Pod[]; snapshot: Room[]; counted: ClusterEntry[] } {
    const rooms: Room[] = [];
    const counted: ClusterEntry[] = [];
    const floor = new Map<string, number>();
    const detail = this.constraintsInPlay(unschedulable);
    const objects = detail === 'full';
    const shared = !objects && !unschedulable.some(takesSets);
    for (const n of this.cluster.nodes) {
      if (n === undefined) continue;
      if (n.taints.length === 0 && !n.unschedulable) rooms.push(this.roomOf(n, shared, detail));
      // A tainted node still counts for topology spread (nodeTaintsPolicy Ignore), unready ones
      // included; nodes still starting are replaced by templates, as upcoming nodes.
      else if (this.links.nodes.recordOf(n).readyMs !== undefined) {
        for (const [w, count] of n.workloadPods) floor.set(w, Math.min(floor.get(w) ?? Infinity, count));
        if (objects) counted.push(n.entry);
      }
    }
    for (const r of this.links.nodes.upcoming) {
      // Nodes Karpenter launches are no node group's: the autoscaler knows of them once they register.
      const t = this.templateOf.get(r.pool);
      if (t === undefined) continue;
      const withObject = objects || (detail === 'taints' && hasHardTaints(t.node));
      rooms.push(emptyRoom(t.template, withObject ? namedNode(t.node, r.name) : undefined));
    }
    const needy = placeFirstFit(unschedulable, rooms, floor, counted);
    return { needy, snapshot: objects ? rooms : [], counted };
  }

  // What upstream's orchestrator is given: the pools as node groups, the snapshot's nodes, the
  // pods needing nodes and the autoscaler's settings.
  private orchestratorInput(needy: readonly Pod[]): OrchestratorInput {
    const now = this.sim.now;
    const upcoming = new Map<string, number>();
    for (const r of this.links.nodes.upcoming)
      if (this.templateOf.has(r.pool)) upcoming.set(r.pool, (upcoming.get(r.pool) ?? 0) + 1);
    const nodeGroups: OrchestratorNodeGroup[] = this.groups.map(({ pool, template }) => ({
      name: pool.name,
      min: pool.min,
      max: pool.max,
      targetSize: this.targetSize(pool.name),
      exists: true,
      zeroOrMaxNodeScaling: false,
      template: template.template,
      capacity: template.capacity,
      backedOff: isBackedOff(this.backoffs.get(pool.name), now),
      upcoming: upcoming.get(pool.name) ?? 0,
      node: template.node,
    }));
    // The nodes of the autoscaler's snapshot: the registered ones and, as template nodes, those on
    // their way (static_autoscaler.go RunOnce passes every node of the snapshot, upcoming included).
    // (The orchestrator only counts and sums them: their order is the order they registered.)
    const nodes: Array<OrchestratorInput['nodes'][number]> = [];
    for (const r of this.links.nodes.registered)
      nodes.push({ name: r.name, group: r.pool, ...r.node!.capacity, ready: isNodeReady(r) });
    for (const r of this.links.nodes.upcoming)
      if (r.node === undefined && this.templateOf.has(r.pool))
        nodes.push({
          name: r.name,
          group: r.pool,
          ...this.templateOf.get(r.pool)!.capacity,
          ready: false,
          upcoming: true,
        });
    const s = this.settings;
    const pools = this.groups.map(({ pool }) => ({
      name: pool.name,
      pricePerHour: pool.pricePerHour,
      priority: s.priorities[pool.nodePool] ?? s.priorities[pool.name] ?? -Infinity,
    }));
    return {
      nodeGroups,
      nodes,
      pods: [],
      pending: needy,
      limits: {
        maxNodesTotal: s.maxNodesTotal,
        maxCoresTotal: s.maxCoresTotal,
        maxMemoryTotalBytes: s.maxMemoryTotalBytes,
      },
      quotas: [],
      balanceSimilarNodeGroups: s.balanceSimilarNodeGroups,
      allOrNothing: false,
      expander: s.expander,
      expansionOptionToChoose: null,
      expanderConfig: expanderConfigFor(s.expander, pools, needy, nodes.length),
      random: () => this.random.next(),
      estimationLimits: true,
      okTotalUnreadyCount: s.okTotalUnreadyCount,
      maxTotalUnreadyPercentage: s.maxTotalUnreadyPercentage,
    };
  }

  private scaleDown(forbidden: boolean, unschedulable: readonly Pod[]): void {
    const now = this.sim.now;
    const threshold = this.settings.scaleDownUtilizationThreshold;
    const candidates: Candidate[] = [];
    // The nodes pods may move to; their rooms are made only if some pod is to be placed.
    const open: ClusterNode[] = [];
    // Only nodes of a group above its minimum size are candidates; the others are destinations only
    // (processors/nodes/pre_filtering_processor.go, GetScaleDownCandidates). A node of no node group
    // of the autoscaler's (Karpenter's) is never one either.
    const shrinkable = new Set(
      this.groups.filter(({ pool }) => this.targetSize(pool.name) > pool.min).map(({ pool }) => pool.name),
    );
    for (const n of this.cluster.nodes) {
      if (n === undefined || this.draining.has(n)) continue;
      const record = this.links.nodes.recordOf(n);
      // An unready node (it was Ready) may go after scale-down-unready-time; its deleted pods wait
      // for a kubelet that is not there, so only the others need room elsewhere.
      // Its utilization leaves them out too (utilization.Calculate skips long-terminating pods).
      if (record.readyMs !== undefined && record.unknownSinceMs !== undefined && shrinkable.has(n.pool)) {
        const pods = this.links.podsOn(n);
        const stuck = pods.filter((p) => p.phase === 'Terminating');
        const requested = {
          cpuMilli: n.requested.cpuMilli - stuck.reduce((t, p) => t + p.cpuMilli, 0),
          memoryBytes: n.requested.memoryBytes - stuck.reduce((t, p) => t + p.memoryBytes, 0),
        };
        candidates.push({
          name: n.name,
          group: n.pool,
          allocatable: n.allocatable,
          requested,
          pods: pods.filter((p) => p.phase !== 'Terminating'),
          unready: true,
        });
        continue;
      }
      if (!isNodeReady(record)) continue;
      if (n.taints.length === 0 && !n.unschedulable) open.push(n);
      if (!shrinkable.has(n.pool)) continue;
      // A node at or above the threshold is never unneeded (unneededNodes skips it, so nothing
      // else looks at it): its pods are not gathered.
      if (utilization(n) >= threshold) continue;
      // Expendable pods go with the node: they need no room elsewhere.
      const pods = this.links.podsOn(n).filter((p) => !isExpendable(p));
      // A node with pods still terminating is left for a later loop.
      if (pods.some((p) => p.phase === 'Terminating')) continue;
      candidates.push({
        name: n.name,
        group: n.pool,
        allocatable: n.allocatable,
        requested: n.requested,
        pods,
      });
    }
    // Most loops have no candidate: then no pod is placed, pending or not, and no room is needed.
    const destinations = candidates.length > 0 ? this.roomsOn(open, unschedulable) : [];
    const eligible = this.notReceiving(candidates, destinations, unschedulable);
    const pdbs = this.pdbCheck();
    // Unneeded nodes are tracked even while removal is in cooldown (planner.UpdateClusterState).
    const s = this.settings;
    // (Its rooms are this loop's: the placements may use them up.)
    const found = unneededNodesUsingUp(eligible, destinations, threshold, pdbs, this.unneededLimit());
    this.unneededSince = trackUnneeded(this.unneededSince, found, now);
    // isScaleDownInCooldown; scale-down-delay-after-delete is 0, so one loop. Drains never fail here,
    // so scale-down-delay-after-failure never applies.
    const cooldown =
      forbidden || this.lastScaleUpMs + s.scaleDownDelayAfterAddMs > now || this.lastDeleteMs + s.scanIntervalMs > now;
    if (cooldown || this.unneededSince.size === 0) return;
    // verifyMinSize: a group keeps its minimum, counting nodes on their way in and not those on their way out.
    const removable = new Map(
      this.groups.map(({ pool }) => [
        pool.name,
        this.targetSize(pool.name) - [...this.draining].filter((n) => n.pool === pool.name).length - pool.min,
      ]),
    );
    const chosen = nodesToRemove(
      eligible,
      this.unneededSince,
      now,
      {
        unneededTimeMs: s.scaleDownUnneededTimeMs,
        unreadyTimeMs: s.scaleDownUnreadyTimeMs,
        maxEmptyBulkDelete: s.maxEmptyBulkDelete,
        drainSlots: MAX_DRAIN_PARALLELISM - this.draining.size,
        removable,
      },
      pdbs?.tracker,
    );
    if (chosen.empty.length + chosen.drain.length === 0) return;
    const nodeNamed = new Map<string, ClusterNode>();
    for (const n of this.cluster.nodes) if (n !== undefined) nodeNamed.set(n.name, n);
    const byName = new Map(eligible.map((c) => [c.name, c]));
    for (const name of chosen.empty) this.removeEmpty(nodeNamed.get(name)!, byName.get(name)!);
    for (const name of chosen.drain) this.drain(nodeNamed.get(name)!, this.links.podsOn(nodeNamed.get(name)!));
    this.stats.scaleDowns++;
    this.lastDeleteMs = now;
  }

  // The rooms on `nodes` for the scale-down's placements. The pending pods placed there only touch
  // a room's ports and spread counts if they have a host port or spread: otherwise the rooms may
  // share the nodes' own (unneededNodesUsingUp copies them when a candidate's pod would add to
  // them). With constraints in play, the rooms carry their node objects and pods.
  private roomsOn(nodes: readonly ClusterNode[], unschedulable: readonly Pod[]): Array<{ name: string; room: Room }> {
    const detail = this.constraintsInPlay(unschedulable, true);
    const shared = detail !== 'full' && !unschedulable.some(takesSets);
    return nodes.map((n) => ({ name: n.name, room: this.roomOf(n, shared, detail) }));
  }

  // A node's room as placements see it now. The common one (no constraints in play, the node's own
  // ports and spread counts) is made once a node and its free resources brought up to date at each
  // use: the autoscaler asks for every node's room once or twice a loop, and the placements that
  // use it up last one loop at most.
  private roomOf(n: ClusterNode, shared: boolean, detail: Detail): Room {
    if (!isPlainRoom(n, shared, detail)) return roomOf(n, shared, detail);
    const room = this.rooms.get(n);
    if (room === undefined) {
      const made = roomOf(n, true);
      this.rooms.set(n, made);
      return made;
    }
    freeResourcesInto(room.free, n);
    return room;
  }

  // How many unneeded nodes this loop looks for (planner.go unneededNodesLimit).
  private unneededLimit(): number {
    return unneededNodesLimit({
      maxScaleDownParallelism: MAX_SCALE_DOWN_PARALLELISM,
      unneededCount: this.unneededSince.size,
      unneededTimeMs: this.settings.scaleDownUnneededTimeMs,
      loopIntervalMs: this.settings.scanIntervalMs,
    });
  }

  // The loop's PodDisruptionBudgets (none: no check); a node they block is logged when it becomes
  // blocked, and counted once.
  private pdbCheck(): PdbCheck | undefined {
    const budgets = this.links.budgets();
    if (budgets.length === 0) return undefined;
    const before = this.pdbBlocked;
    const blockedNow = new Map<string, string>();
    const check: PdbCheck = {
      tracker: new RemainingPdbTracker(budgets),
      blocked: (node, budget) => {
        blockedNow.set(node, budget);
        if (before.get(node) === budget) return;
        if (!this.everPdbBlocked.has(node)) this.stats.nodesBlockedByPdb++;
        this.everPdbBlocked.add(node);
        this.log.add(
          'Node',
          node,
          'ScaleDownBlockedByPdb',
          `Node ${node} is unneeded but not removed: not enough pod disruption budget to move its pods (PodDisruptionBudget ${budget})`,
        );
      },
    };
    this.pdbBlocked = blockedNow;
    return check;
  }

  // Pending pods that fit somewhere will land there (filter_out_schedulable puts them in the
  // snapshot): their room is taken, and a node about to receive one is not a candidate.
  private notReceiving(
    candidates: Candidate[],
    destinations: ReadonlyArray<{ name: string; room: Room }>,
    unschedulable: readonly Pod[],
  ): Candidate[] {
    if (candidates.length === 0 || unschedulable.length === 0) return candidates;
    const before = destinations.map((d) => d.room.free.pods);
    placeFirstFit(
      unschedulable,
      destinations.map((d) => d.room),
    );
    const receiving = new Set<string>();
    destinations.forEach((d, i) => {
      if (d.room.free.pods !== before[i]) receiving.add(d.name);
    });
    return receiving.size === 0 ? candidates : candidates.filter((c) => !receiving.has(c.name));
  }

  private taint(node: ClusterNode): void {
    node.taints.push(TO_BE_DELETED_TAINT);
    this.cluster.refresh(node);
    this.unneededSince.delete(node.name);
  }

  private removeEmpty(node: ClusterNode, c: Candidate): void {
    this.taint(node);
    this.log.add(
      'Node',
      node.name,
      'ScaleDownEmpty',
      `Scale-down: removing empty node ${node.name} (utilization ${pct(c)})`,
    );
    this.stats.nodesRemoved++;
    this.links.nodes.remove(node);
  }

  private drain(node: ClusterNode, pods: readonly Pod[]): void {
    this.taint(node);
    this.draining.add(node);
    this.log.add(
      'Node',
      node.name,
      'ScaleDown',
      `Scale-down: draining node ${node.name}: evicting ${pods.length} pod(s)`,
    );
    let grace = 0;
    for (const p of pods) {
      if (p.phase === 'Terminating') continue; // deleted already (an unready node's)
      grace = Math.max(grace, p.spec.terminationGracePeriodMs);
      this.log.add('Pod', p.name, 'ScaleDown', `deleting pod for node scale down`);
      this.links.evict(p);
    }
    // The node goes once its pods are gone: after the longest grace period, after they have gone.
    this.sim.after(
      grace,
      () => {
        this.draining.delete(node);
        if (this.links.nodes.isGone(node)) return; // deleted meanwhile (its VM lost)
        this.stats.nodesRemoved++;
        this.links.nodes.remove(node);
      },
      AFTER_DRAIN,
    );
  }
}

// takesSets: placing the pod adds to a room's ports or spread counts.
function takesSets(p: Pod): boolean {
  return p.hostPort !== null || p.spread;
}

/** Detail is how much of the nodes the constraint filters need (constraintsInPlay). */
type Detail = 'full' | 'taints' | 'none';

/** roomOf is a node's free room; `shared`: its ports and spread counts are the node's own, for placements that never change them; `detail`: its node object and pods for the constraint filters ('full'), its object alone if it has a pool taint ('taints'), or neither. */
function roomOf(n: ClusterNode, shared: boolean, detail: Detail = 'none'): Room {
  const room = {
    free: freeResources(n),
    ports: shared ? n.hostPorts : new Set(n.hostPorts),
    spread: shared ? n.workloadPods : new Map(n.workloadPods),
  };
  if (detail === 'full') return { ...room, object: n.object, templates: new Map(n.templatePods) };
  if (carriesObject(n, detail)) return { ...room, object: n.object };
  return room;
}

// Whether a node's room carries its node object, for the constraint filters: all do with every
// constraint in play ('full'), a hard-tainted node's with only taints in play.
function carriesObject(n: ClusterNode, detail: Detail): boolean {
  return detail === 'full' || (detail === 'taints' && hasHardTaints(n.object));
}

// Whether a node's room is the plain one: its free resources, and the node's own ports and spread counts.
function isPlainRoom(n: ClusterNode, shared: boolean, detail: Detail): boolean {
  return shared && !carriesObject(n, detail);
}

function pct(c: Candidate) {
  return `${Math.round(utilization(c) * 100)}%`;
}
