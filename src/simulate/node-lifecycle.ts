// The node lifecycle controller and the taint eviction controller at work (decisions in
// models/node-lifecycle.ts): a node whose kubelet went silent is marked Ready=Unknown at the pass
// its grace period runs out, tainted unreachable (NoSchedule at once, NoExecute through its zone's
// rate-limited queue), its pods marked not ready, and deleted when their toleration of the NoExecute
// taint runs out (300 s by default).
// A kubelet back in time makes the node Ready, the taints come off and nothing moves.
import {
  NODE_EVICTION_PERIOD_MS,
  computeZoneState,
  type ZoneState,
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
  private readonly evictions = new Map<ClusterNode, EventHandle[]>();
  // One NoExecute tainting queue per zone, each with its own rate limiter (zoneNoExecuteTainter).
  private readonly tainters = new Map<string, ZoneTainter>();
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
    this.dequeue(node);
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
      this.evictions.delete(node);
      // Only deletions still to come are cancelled (a handle that ran cancels nothing).
      if (!pending.map((handle) => this.sim.cancel(handle)).includes(true)) return;
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
    for (const handle of this.evictions.get(node) ?? []) this.cancel(handle);
    this.evictions.delete(node);
    this.dequeue(node);
  }

  private tainterOf(zone: string): ZoneTainter {
    let t = this.tainters.get(zone);
    if (t === undefined) this.tainters.set(zone, (t = { queue: [], bucket: fullBucket(1), retry: null }));
    return t;
  }

  private dequeue(node: ClusterNode): void {
    const queue = this.tainterOf(node.zone ?? '').queue;
    const i = queue.indexOf(node);
    if (i >= 0) queue.splice(i, 1);
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
    const zone = node.zone ?? '';
    const t = this.tainterOf(zone);
    t.queue.push(node);
    // The zone's state counts every node this pass marks: the queue is worked after them.
    if (t.retry === null) {
      t.retry = this.sim.after(
        0,
        () => {
          t.retry = null;
          this.workQueue(zone);
        },
        Priority.late,
      );
    }
  }

  // ComputeZoneState for every zone (nodes without a zone label are zone ""), from the registered nodes.
  private zoneStates(): Map<string, { state: ZoneState; size: number }> {
    const counts = new Map<string, { ready: number; notReady: number }>();
    for (const r of this.links.nodes.records) {
      if (r.node === undefined || r.removedMs !== undefined) continue;
      const zone = r.node.zone ?? '';
      const c = counts.get(zone) ?? { ready: 0, notReady: 0 };
      if (isNodeReady(r)) c.ready++;
      else c.notReady++;
      counts.set(zone, c);
    }
    return new Map(
      [...counts].map(([zone, c]) => [
        zone,
        { state: computeZoneState(c.ready, c.notReady), size: c.ready + c.notReady },
      ]),
    );
  }

  // A zone's NoExecute tainting queue, at the zone's rate (handleDisruption, setLimiterInZone).
  private workQueue(zone: string): void {
    const t = this.tainterOf(zone);
    if (t.retry !== null || t.queue.length === 0) return;
    const now = this.sim.now;
    const states = this.zoneStates();
    const allFull = [...states.values()].every((z) => z.state === 'FullDisruption');
    if (allFull) this.enterFullDisruption();
    else if (this.fullDisruption) {
      this.fullDisruption = false;
      this.log.add(
        'Node',
        '(cluster)',
        'NodeControllerEviction',
        'Controller detected that some Nodes are Ready. Exiting master disruption mode.',
      );
    }
    const mine = states.get(zone) ?? { state: 'Normal' as const, size: 0 };
    const rate = taintingRate(mine.state, mine.size, allFull);
    let waitMs = this.settings.nodeMonitorPeriodMs; // no tainting now: the state is looked at again next pass
    if (rate > 0) {
      const r = tryAccept(t.bucket, now, rate, 1);
      t.bucket = r.bucket;
      if (r.accepted) {
        this.taint(t.queue.shift()!);
        waitMs = NODE_EVICTION_PERIOD_MS;
      } else {
        waitMs = Math.max(
          NODE_EVICTION_PERIOD_MS,
          Math.ceil((((1 - r.bucket.tokens) / rate) * 1000) / NODE_EVICTION_PERIOD_MS) * NODE_EVICTION_PERIOD_MS,
        );
      }
    }
    if (t.queue.length > 0 && t.retry === null) {
      t.retry = this.sim.after(waitMs, () => {
        t.retry = null;
        this.workQueue(zone);
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
    for (const handles of this.evictions.values()) for (const handle of handles) this.cancel(handle);
    this.evictions.clear();
    for (const r of this.links.nodes.records) {
      const node = r.node;
      if (node === undefined || r.removedMs !== undefined || !node.taints.includes(NO_EXECUTE)) continue;
      this.links.nodes.untaint(node, NO_EXECUTE);
      this.tainterOf(node.zone ?? '').queue.push(node);
    }
    // Each zone's queue looks at its state again at the next pass.
    for (const [zone, t] of this.tainters)
      if (t.queue.length > 0 && t.retry === null)
        t.retry = this.sim.after(this.settings.nodeMonitorPeriodMs, () => {
          t.retry = null;
          this.workQueue(zone);
        });
  }

  // The taint eviction controller: each pod is deleted when its toleration of the NoExecute taint
  // runs out (its least tolerationSeconds: 300 s unless its spec says otherwise; never for a pod
  // that tolerates it for ever).
  private taint(node: ClusterNode): void {
    node.taints.push(NO_EXECUTE);
    const delays = [...new Set(this.links.podsOn(node).map((p) => p.spec.unreachableTolerationMs))]
      .filter((ms): ms is number => ms !== null)
      .sort((a, b) => a - b);
    const shown = delays.length === 0 ? [this.settings.notReadyTolerationMs] : delays;
    this.log.add(
      'Node',
      node.name,
      'TaintManagerEviction',
      `Tainted ${NO_EXECUTE}; pods tolerate it for ${shown.map((ms) => ms / 1000).join(' or ')} s`,
    );
    const handles = delays.map((tolerationMs) =>
      this.sim.after(tolerationMs, () => {
        for (const p of this.links.podsOn(node)) {
          if (p.phase === 'Terminating' || p.phase === 'Gone' || p.spec.unreachableTolerationMs !== tolerationMs)
            continue;
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
    this.evictions.set(node, handles);
  }
}

/** ZoneTainter is one zone's queue of nodes to taint NoExecute, its rate limiter, and its next turn. */
interface ZoneTainter {
  readonly queue: ClusterNode[];
  bucket: TokenBucket;
  retry: EventHandle | null;
}
