// The node lifecycle controller and the taint eviction controller at work (decisions in
// models/node-lifecycle.ts): a node whose kubelet went silent is marked Ready=Unknown at the pass
// its grace period runs out, tainted unreachable (NoSchedule at once, NoExecute through the
// rate-limited queue), its pods marked not ready, and deleted 300 s after the NoExecute taint.
// A kubelet back in time makes the node Ready, the taints come off and nothing moves.
import {
  NODE_EVICTION_PERIOD_MS,
  computeZoneState,
  passAfter,
  readyUnknownAtMs,
  taintingRate,
  UNREACHABLE_TAINT,
} from '../models/node-lifecycle.js';
import { fullBucket, tryAccept, type TokenBucket } from '../models/token-bucket.js';
import { Priority, type EventHandle, type Simulation } from '../sim/simulation.js';
import type { NodeLifecycleSettings } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { isNodeReady, type Nodes } from './nodes.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

// The NoExecute taint is a second taint with the same key; poolsim's nodes keep taints by name.
const NO_EXECUTE = `${UNREACHABLE_TAINT}:NoExecute`;
const NO_SCHEDULE = `${UNREACHABLE_TAINT}:NoSchedule`;

/** NodeLifecycleOptions are what the controller is built from: the run's engine and log, its settings, and where its passes fall. */
export interface NodeLifecycleOptions {
  readonly sim: Simulation;
  readonly log: EventLog;
  readonly settings: NodeLifecycleSettings;
  /** phaseMs places its passes (every nodeMonitorPeriod) against the kubelets' heartbeats. */
  readonly phaseMs: number;
}

/** LifecycleLinks are the nodes the controller watches and what it does to their pods. */
export interface LifecycleLinks {
  readonly nodes: Nodes;
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  /** markPodsNotReady is MarkPodsNotReady: the pods' Ready condition turns false. */
  readonly markPodsNotReady: (node: ClusterNode, pods: readonly Pod[]) => void;
  /** evict deletes a pod for the taint eviction controller; its controller recreates it. */
  readonly evict: (pod: Pod) => void;
}

/** NodeLifecycleController watches the kubelets' heartbeats for one run. */
export class NodeLifecycleController {
  podsEvicted = 0;
  // A check per silent node, cancelled when it speaks again.
  private readonly checks = new Map<ClusterNode, EventHandle>();
  private readonly evictions = new Map<ClusterNode, EventHandle>();
  private readonly queue: ClusterNode[] = [];
  private bucket: TokenBucket = fullBucket(1);
  private retry: EventHandle | null = null;
  private fullDisruption = false;

  private readonly sim: Simulation;
  private readonly log: EventLog;
  private readonly settings: NodeLifecycleSettings;
  private readonly phaseMs: number;
  private links: LifecycleLinks = unconnected('NodeLifecycleController');

  constructor(o: NodeLifecycleOptions) {
    this.sim = o.sim;
    this.log = o.log;
    this.settings = o.settings;
    this.phaseMs = o.phaseMs;
  }

  /** connect gives the controller its links. */
  connect(links: LifecycleLinks): void {
    this.links = links;
  }

  /**
   * kubeletSilent: the node's kubelet stopped renewing its lease after `lastRenewMs`. (The node
   * startup grace period never applies: it is for a node with no Ready condition at all, and a
   * kubelet posts Ready=False as it registers.)
   */
  kubeletSilent(node: ClusterNode, lastRenewMs: number): void {
    this.cancel(this.checks.get(node));
    const at = readyUnknownAtMs({
      lastRenewMs,
      periodMs: this.settings.nodeMonitorPeriodMs,
      phaseMs: this.phaseMs,
      graceMs: this.settings.nodeMonitorGracePeriodMs,
    });
    this.checks.set(
      node,
      this.sim.at(Math.max(at, this.sim.now), () => this.markUnknown(node, lastRenewMs)),
    );
  }

  /** kubeletBack: the kubelet renews its lease and posts Ready again. */
  kubeletBack(node: ClusterNode): void {
    this.cancel(this.checks.get(node));
    this.checks.delete(node);
    if (this.links.nodes.recordOf(node).unknownSinceMs === undefined) return;
    this.links.nodes.markReachable(node, NO_SCHEDULE);
    this.log.add('Node', node.name, 'NodeReady', `Node ${node.name} status is now: NodeReady (its kubelet is back)`);
    const i = this.queue.indexOf(node);
    if (i >= 0) this.queue.splice(i, 1);
    // markNodeAsReachable lifts the NoExecute taint at the next pass; that cancels the evictions.
    const pass = passAfter(this.sim.now, this.settings.nodeMonitorPeriodMs, this.phaseMs);
    this.sim.at(pass, () => {
      if (
        this.links.nodes.isGone(node) ||
        this.links.nodes.recordOf(node).unknownSinceMs !== undefined ||
        !node.taints.includes(NO_EXECUTE)
      )
        return;
      this.links.nodes.untaint(node, NO_EXECUTE);
      const pending = this.evictions.get(node);
      if (pending === undefined) return;
      this.cancel(pending);
      this.evictions.delete(node);
      this.log.add(
        'Node',
        node.name,
        'TaintManagerEviction',
        `Cancelling deletion of the pods on ${node.name}: the unreachable taint was removed`,
      );
    });
  }

  /** forget drops a removed node. */
  forget(node: ClusterNode): void {
    this.cancel(this.checks.get(node));
    this.checks.delete(node);
    this.cancel(this.evictions.get(node));
    this.evictions.delete(node);
    const i = this.queue.indexOf(node);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private cancel(handle: EventHandle | undefined): void {
    if (handle !== undefined) this.sim.cancel(handle);
  }

  private markUnknown(node: ClusterNode, lastRenewMs: number): void {
    this.checks.delete(node);
    if (this.links.nodes.isGone(node)) return;
    this.links.nodes.markUnknown(node, NO_SCHEDULE);
    this.log.add(
      'Node',
      node.name,
      'NodeNotReady',
      `Node ${node.name} status is now: NodeNotReady (Ready=Unknown: no lease renewal for ${(this.sim.now - lastRenewMs) / 1000} s); tainted ${NO_SCHEDULE}`,
    );
    this.links.markPodsNotReady(node, this.links.podsOn(node));
    this.queue.push(node);
    // The zone's state counts every node this pass marks: the queue is worked after them.
    if (this.retry === null) {
      this.retry = this.sim.after(
        0,
        () => {
          this.retry = null;
          this.workQueue();
        },
        Priority.late,
      );
    }
  }

  // The NoExecute tainting queue, at the zone's rate (one zone: the cluster's registered nodes).
  private workQueue(): void {
    if (this.retry !== null || this.queue.length === 0) return;
    const now = this.sim.now;
    let ready = 0;
    let notReady = 0;
    for (const r of this.links.nodes.records) {
      if (r.node === undefined || r.removedMs !== undefined) continue;
      if (isNodeReady(r)) ready++;
      else notReady++;
    }
    const state = computeZoneState(ready, notReady);
    if (state === 'FullDisruption') this.enterFullDisruption();
    else if (this.fullDisruption) {
      this.fullDisruption = false;
      this.log.add(
        'Node',
        '(cluster)',
        'NodeControllerEviction',
        'Controller detected that some Nodes are Ready. Exiting master disruption mode.',
      );
    }
    const rate = taintingRate(state, ready + notReady);
    let waitMs = this.settings.nodeMonitorPeriodMs; // no tainting now: the state is looked at again next pass
    if (rate > 0) {
      const r = tryAccept(this.bucket, now, rate, 1);
      this.bucket = r.bucket;
      if (r.accepted) {
        this.taint(this.queue.shift()!);
        waitMs = NODE_EVICTION_PERIOD_MS;
      } else {
        waitMs = Math.max(
          NODE_EVICTION_PERIOD_MS,
          Math.ceil((((1 - r.bucket.tokens) / rate) * 1000) / NODE_EVICTION_PERIOD_MS) * NODE_EVICTION_PERIOD_MS,
        );
      }
    }
    if (this.queue.length > 0) {
      this.retry = this.sim.after(waitMs, () => {
        this.retry = null;
        this.workQueue();
      });
    }
  }

  // handleDisruption: with every node not ready, the controller trusts none of it: it lifts the
  // NoExecute taints (markNodeAsReachable), evicts nothing, and taints again only once some node is
  // Ready. Simplified: the lifted nodes queue again at once (upstream also restarts their grace period).
  private enterFullDisruption(): void {
    if (this.fullDisruption) return;
    this.fullDisruption = true;
    this.log.add(
      'Node',
      '(cluster)',
      'NodeControllerEviction',
      'Controller detected that all Nodes are not-Ready. Entering master disruption mode.',
    );
    for (const handle of this.evictions.values()) this.cancel(handle);
    this.evictions.clear();
    for (const r of this.links.nodes.records) {
      const node = r.node;
      if (node === undefined || r.removedMs !== undefined || !node.taints.includes(NO_EXECUTE)) continue;
      this.links.nodes.untaint(node, NO_EXECUTE);
      this.queue.push(node);
    }
  }

  private taint(node: ClusterNode): void {
    node.taints.push(NO_EXECUTE);
    const tolerationMs = this.settings.notReadyTolerationMs;
    this.log.add(
      'Node',
      node.name,
      'TaintManagerEviction',
      `Tainted ${NO_EXECUTE}; pods tolerate it for ${tolerationMs / 1000} s`,
    );
    this.evictions.set(
      node,
      this.sim.after(tolerationMs, () => {
        this.evictions.delete(node);
        for (const p of this.links.podsOn(node)) {
          if (p.phase === 'Terminating' || p.phase === 'Gone') continue;
          this.log.add(
            'Pod',
            p.name,
            'TaintManagerEviction',
            `Marking for deletion Pod ${p.name}: node ${node.name} unreachable for ${tolerationMs / 1000} s`,
          );
          this.podsEvicted++;
          this.links.evict(p);
        }
      }),
    );
  }
}
