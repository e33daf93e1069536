// The design's nodes over their lives: the initial ones, and those the autoscaler asks for, from
// the cloud request through registration (NotReady, tainted) to Ready, and their removal. Each
// node's dates are kept for the cost and the start-up breakdown.
import type { Node as NodeObject } from 'kubernetes-types/core/v1.js';
import { nodeAllocatable } from '../models/allocatable.js';
import type { NodeResources, Resources } from '../models/resources.js';
import { NOT_READY_TAINT, planProvision } from '../models/provisioner.js';
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStreams } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { Design, Pool } from '../scenario/model.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';

/** NodeRecord is one node's life; `requestedMs` is null for the design's initial nodes. */
export interface NodeRecord {
  readonly name: string;
  readonly pool: string;
  readonly requestedMs: number | null;
  registeredMs?: number;
  readyMs?: number;
  /** removedMs is when the node was deleted; failedMs when the autoscaler gave up on it unregistered. */
  removedMs?: number;
  failedMs?: number;
  /** readyDue: its start-up was over while its kubelet was down; it goes Ready when the kubelet is back. */
  readyDue?: boolean;
  /** unknownSinceMs: the node lifecycle controller has marked its Ready condition Unknown since then; notReadyMs sums the past spans. */
  unknownSinceMs?: number;
  notReadyMs: number;
  node?: ClusterNode;
  /** keptSlot: the node was deleted for its lost VM, and its node group keeps the slot for the instance it recreates. */
  keptSlot?: boolean;
}

// Every field a record will ever have, from the start, so that records share one hidden class in V8
// (the loops over every record stay monomorphic).
const newRecord = (name: string, pool: string, requestedMs: number | null): NodeRecord => ({
  name,
  pool,
  requestedMs,
  registeredMs: undefined,
  readyMs: undefined,
  removedMs: undefined,
  failedMs: undefined,
  readyDue: undefined,
  unknownSinceMs: undefined,
  notReadyMs: 0,
  node: undefined,
  keptSlot: undefined,
});

/** NodesOptions are what the nodes are built from: the run's engine, cluster, log and random streams, and the design's pools. */
export interface NodesOptions {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly log: EventLog;
  readonly streams: RandomStreams;
  readonly design: Design;
}

/** NodeLinks are what others need to hear of (a node registered, Ready: room for pods, removed), and whether a node's kubelet serves. */
export interface NodeLinks {
  readonly registered: (node: ClusterNode) => void;
  readonly ready: (node: ClusterNode) => void;
  readonly removed: (node: ClusterNode) => void;
  /** kubeletUp says whether the node's kubelet serves: a node whose kubelet is down (or VM gone) cannot report Ready. */
  readonly kubeletUp: (node: ClusterNode) => boolean;
}

/** isNodeReady says whether a registered node's record is Ready (and not since marked Unknown). */
export const isNodeReady = (r: NodeRecord): boolean => r.readyMs !== undefined && r.unknownSinceMs === undefined;

/** Nodes creates and removes the design's nodes. */
export class Nodes {
  readonly records: NodeRecord[] = [];
  private readonly byNode = new Map<ClusterNode, NodeRecord>();
  private readonly counters = new Map<string, number>();
  // Kept as records change, so that the autoscaler's every loop need not pass over every record
  // ever made: the records asked for and not yet Ready (in the order asked for), and each pool's
  // records neither removed nor given up on.
  private readonly starting = new Set<NodeRecord>();
  private readonly present = new Set<NodeRecord>(); // registered and not removed, in the order they registered
  private readonly sizes = new Map<string, number>();
  // The design's pools, then Karpenter's node groups (one per NodePool, type, capacity type and
  // zone) as it first launches each: a Map keeps that order.
  private readonly pools: Map<string, Pool>;
  // Zones gone dark, and the nodes provisioned there meanwhile: they register when the zone is back.
  private readonly darkZoneSet = new Set<string>();
  private waitingForZone: Array<{ readonly record: NodeRecord; readonly readyAfterMs: number }> = [];
  private readonly sim: Simulation;
  private readonly cluster: Cluster;
  private readonly log: EventLog;
  private readonly streams: RandomStreams;
  private readonly design: Design;
  private links: NodeLinks = unconnected('Nodes');

  constructor(o: NodesOptions) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.log = o.log;
    this.streams = o.streams;
    this.design = o.design;
    this.pools = new Map(o.design.pools.map((p) => [p.name, p]));
  }

  /** connect gives the nodes their links. */
  connect(links: NodeLinks): void {
    this.links = links;
  }

  /** start registers the design's initial nodes, Ready at once. */
  start(): void {
    for (const pool of this.design.pools) for (let i = 0; i < pool.initial; i++) this.startNode(pool.name);
  }

  /** startNode registers one initial node of `pool`, Ready at once (it was there before the run). */
  startNode(pool: string): NodeRecord {
    const record: NodeRecord = { ...newRecord(this.nextName(pool), pool, null), registeredMs: 0, readyMs: 0 };
    this.records.push(record);
    this.grow(pool, 1);
    this.register(record, true);
    this.log.add('Node', record.name, 'RegisteredNode', `Node ${record.name} of pool ${pool} is Ready`);
    return record;
  }

  /** allPools are the design's pools, in its order, then the node groups Karpenter added, in the order it added them. */
  get allPools(): Pool[] {
    return [...this.pools.values()];
  }

  /** addPool adds a node group of Karpenter's (once: a name already there is kept). */
  addPool(pool: Pool): void {
    if (!this.pools.has(pool.name)) this.pools.set(pool.name, pool);
  }

  /** pool is a pool by name. */
  pool(name: string): Pool {
    return this.pools.get(name)!;
  }

  /** recordOf is a registered node's record. */
  recordOf(node: ClusterNode): NodeRecord {
    return this.byNode.get(node)!;
  }

  /** registered are the records of the nodes registered and not removed, in the order they registered. */
  get registered(): ReadonlySet<NodeRecord> {
    return this.present;
  }

  /** upcoming are the nodes asked for and not yet Ready (provisioning, or registered and starting). */
  get upcoming(): NodeRecord[] {
    return [...this.starting];
  }

  /** size counts a pool's nodes neither removed nor given up on (those on their way in included): its target size. */
  size(pool: string): number {
    return this.sizes.get(pool) ?? 0;
  }

  /** request asks the cloud for one node of `pool`; its delays are drawn now, from the pool's streams. */
  request(poolName: string, grows = true): NodeRecord {
    const pool = this.pool(poolName);
    const now = this.sim.now;
    const record = newRecord(this.nextName(poolName), poolName, now);
    this.records.push(record);
    this.starting.add(record);
    if (grows) this.grow(poolName, 1);
    // Karpenter's node groups come and go with its choices: its launches share one stream, so that
    // two Karpenter designs draw the same delays in the order they launch, whatever the types.
    const streamOf = pool.karpenter === null ? poolName : 'karpenter';
    const provisioning = sampleMilliseconds(pool.provisioning, this.streams.stream(`provisioning/${streamOf}`));
    const startup = sampleMilliseconds(pool.nodeStartup, this.streams.stream(`node-startup/${streamOf}`));
    const plan = planProvision(now, provisioning, startup);
    this.sim.at(plan.registeredMs, () => {
      if (record.failedMs !== undefined) return; // given up on
      if (this.canCreateIn(poolName)) this.registerProvisioned(record);
      else this.waitingForZone.push({ record, readyAfterMs: plan.readyMs - plan.registeredMs });
    });
    this.sim.at(plan.readyMs, () => this.startedUp(record));
    return record;
  }

  // A provisioned node registers; one that waited for its zone is Ready `readyAfterMs` later.
  private registerProvisioned(record: NodeRecord, readyAfterMs?: number): void {
    this.register(record, false);
    this.log.add(
      'Node',
      record.name,
      'RegisteredNode',
      `Node ${record.name} registered after ${(this.sim.now - record.requestedMs!) / 1000} s of provisioning; NotReady until CNI and DaemonSets start`,
    );
    if (readyAfterMs !== undefined) this.sim.after(readyAfterMs, () => this.startedUp(record));
  }

  // Its start-up over, a registered node is Ready unless its kubelet is down then.
  private startedUp(record: NodeRecord): void {
    if (record.failedMs !== undefined || record.removedMs !== undefined || record.node === undefined) return;
    if (record.readyMs !== undefined) return; // Ready already (it waited for its zone, which came back early)
    if (this.links.kubeletUp(record.node)) this.becomeReady(record);
    else record.readyDue = true;
  }

  /** kubeletBack: a node whose start-up ended while its kubelet was down goes Ready now. */
  kubeletBack(node: ClusterNode): void {
    const record = this.recordOf(node);
    if (record.readyDue === true && record.removedMs === undefined) this.becomeReady(record);
  }

  private becomeReady(record: NodeRecord): void {
    const node = record.node!;
    record.readyDue = false;
    record.readyMs = this.sim.now;
    this.starting.delete(record);
    node.taints = node.taints.filter((t) => t !== NOT_READY_TAINT);
    this.cluster.refresh(node);
    this.log.add(
      'Node',
      record.name,
      'NodeReady',
      `Node ${record.name} is Ready, ${(this.sim.now - record.requestedMs!) / 1000} s after it was requested`,
    );
    this.links.ready(node);
  }

  /** giveUp drops a node that has not registered: the autoscaler stopped waiting for it (or `why`). */
  giveUp(record: NodeRecord, why?: string): void {
    if (record.failedMs === undefined && record.removedMs === undefined) this.grow(record.pool, -1);
    this.starting.delete(record);
    record.failedMs = this.sim.now;
    this.log.add(
      'Node',
      record.name,
      'FailedToProvision',
      why ??
        `Node ${record.name} did not register in ${(this.sim.now - record.requestedMs!) / 1000} s; the autoscaler gives up on it`,
    );
  }

  /**
   * remove deletes a node (its pods gone, or left to pod GC). `keepSlot`: its VM was lost, and its
   * node group keeps its target size, recreating the instance (recreateLost).
   */
  remove(node: ClusterNode, why = 'removed from the cluster', keepSlot = false): void {
    const record = this.recordOf(node);
    if (record.removedMs !== undefined) return;
    this.closeNotReady(record);
    record.removedMs = this.sim.now;
    this.starting.delete(record);
    this.present.delete(record);
    if (keepSlot) record.keptSlot = true;
    else if (record.failedMs === undefined) this.grow(record.pool, -1);
    this.cluster.removeNode(node);
    this.log.add('Node', node.name, 'RemovingNode', `Node ${node.name} ${why}`);
    this.links.removed(node);
  }

  /**
   * recreateLost: the node group sees that a lost VM's instance is gone and, to keep its target size,
   * recreates it: a new node of the same pool, asked for now, in the lost one's slot. Nothing is
   * recreated for a node the autoscaler removed meanwhile (its group's target went down with it).
   */
  recreateLost(node: ClusterNode): void {
    const record = this.recordOf(node);
    if (record.removedMs !== undefined && record.keptSlot !== true) return;
    record.keptSlot = true; // if still listed (NotReady, not yet deleted), it no longer counts when it goes
    const replacement = this.request(record.pool, false);
    this.log.add(
      'Node',
      replacement.name,
      'InstanceRecreated',
      `The node group recreates the lost VM of ${node.name} as ${replacement.name}, keeping its target size`,
    );
  }

  /** isReady says whether a registered node is Ready (and not since marked Unknown). */
  isReady(node: ClusterNode): boolean {
    return isNodeReady(this.recordOf(node));
  }

  /** live are the registered nodes not removed (of `pool`, a node group or a pool as written, or of every pool), in the order they were asked for. */
  live(pool: string | null): ClusterNode[] {
    const out: ClusterNode[] = [];
    for (const r of this.records)
      if (
        r.node !== undefined &&
        r.removedMs === undefined &&
        (pool === null || r.pool === pool || r.node.nodePool === pool)
      )
        out.push(r.node);
    return out;
  }

  /** canCreateIn says whether the cloud can create a node of the group now (its zone is not dark). */
  canCreateIn(pool: string): boolean {
    const zone = this.pool(pool).zone;
    return zone === null || !this.darkZoneSet.has(zone);
  }

  /** darkZones are the zones gone dark now. */
  darkZones(): string[] {
    return [...this.darkZoneSet];
  }

  /** setZoneDark: a zone goes dark (no node there registers) or comes back (those waiting register now). */
  setZoneDark(zone: string, dark: boolean): void {
    if (dark) {
      this.darkZoneSet.add(zone);
      return;
    }
    this.darkZoneSet.delete(zone);
    const waiting = this.waitingForZone.filter((w) => this.pool(w.record.pool).zone === zone);
    this.waitingForZone = this.waitingForZone.filter((w) => !waiting.includes(w));
    for (const w of waiting) if (w.record.failedMs === undefined) this.registerProvisioned(w.record, w.readyAfterMs);
  }

  /** isGone says whether a node was removed. */
  isGone(node: ClusterNode): boolean {
    return this.recordOf(node).removedMs !== undefined;
  }

  /** markUnknown: the node lifecycle controller lost the node's heartbeat; `taint` goes on (NoSchedule). */
  markUnknown(node: ClusterNode, taint: string): void {
    const r = this.recordOf(node);
    if (r.unknownSinceMs !== undefined) return;
    r.unknownSinceMs = this.sim.now;
    if (!node.taints.includes(taint)) node.taints.push(taint);
    this.cluster.refresh(node);
  }

  /** markReachable: the kubelet posted Ready again; the taint comes off. */
  markReachable(node: ClusterNode, taint: string): void {
    const r = this.recordOf(node);
    this.closeNotReady(r);
    this.untaint(node, taint);
  }

  /** untaint takes a taint off a node. */
  untaint(node: ClusterNode, taint: string): void {
    node.taints = node.taints.filter((t) => t !== taint);
    this.cluster.refresh(node);
  }

  private closeNotReady(r: NodeRecord): void {
    if (r.unknownSinceMs === undefined) return;
    r.notReadyMs += this.sim.now - r.unknownSinceMs;
    r.unknownSinceMs = undefined;
  }

  private register(record: NodeRecord, ready: boolean): void {
    record.registeredMs = this.sim.now;
    const pool = this.pool(record.pool);
    const node = this.cluster.addNode(record.name, pool.name, pool.node, pool);
    if (!ready) {
      node.taints.push(NOT_READY_TAINT);
      this.cluster.refresh(node);
    }
    record.node = node;
    this.byNode.set(node, record);
    this.present.add(record);
    this.links.registered(node);
  }

  private grow(pool: string, by: 1 | -1): void {
    this.sizes.set(pool, this.size(pool) + by);
  }

  private nextName(pool: string): string {
    const n = this.counters.get(pool) ?? 0;
    this.counters.set(pool, n + 1);
    return `${pool}-${n}`;
  }
}

/** PoolTemplate is what a new node of a pool offers workload pods, its machine capacity, and the node object the autoscaler simulates (template-node-for-<group>). */
export interface PoolTemplate {
  readonly template: Readonly<NodeResources>;
  readonly capacity: Resources;
  readonly node: NodeObject;
}

/** templateOf is what a new node of `pool` offers workload pods, its machine capacity and its node object. */
export function templateOf(pool: Pool): PoolTemplate {
  const b = nodeAllocatable(pool.node);
  const name = `template-node-for-${pool.name}`;
  return {
    template: { ...b.forWorkloads },
    capacity: { cpuMilli: pool.node.cpuMilli, memoryBytes: pool.node.memoryBytes },
    node: namedNode(
      { metadata: { labels: { ...pool.labels } }, spec: pool.taints.length > 0 ? { taints: [...pool.taints] } : {} },
      name,
    ),
  };
}

/** namedNode is a copy of a template node under another name, its hostname label that name (as SanitizedNodeInfo makes it). */
export function namedNode(template: NodeObject, name: string): NodeObject {
  return {
    ...template,
    metadata: { ...template.metadata, name, labels: { ...template.metadata?.labels, 'kubernetes.io/hostname': name } },
  };
}
