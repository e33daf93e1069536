// Karpenter's disruption (kubernetes-sigs/karpenter pkg/controllers/disruption/controller.go, every
// 10 s, one action a pass, in its order: emptiness, multi-node then single-node consolidation),
// expiration (pkg/controllers/nodeclaim/expiration: forceful, outside the budgets) and spot
// interruption (aws/karpenter-provider-aws pkg/controllers/interruption: the node cordoned and
// drained on the 2-minute notice, the instance reclaimed after it). A node may be consolidated once
// no pod has come to it or left it for its NodePool's consolidateAfter, within the NodePool's
// budgets for the reason, unless a pod on it has karpenter.sh/do-not-disrupt or a
// PodDisruptionBudget would be overdrawn by evicting its pods. Replacements are launched first, and
// the old nodes drained only once the replacement is Ready. Simplified: pod arrivals are watched at
// the 10 s pass (consolidateAfter counts from the pass that saw the last change); where the pods
// would go is the provisioner's solve by labels, taints and room (models/karpenter/provisioning.ts);
// a drain retries every 5 s and finds the node empty at its next try.
import { disruptionsLeft, type DisruptionReason } from '../models/karpenter/budgets.js';
import {
  consolidationCommand,
  firstNConsolidationOption,
  lifetimeRemaining,
  podEvictionCost,
  type Candidate,
  type Command,
} from '../models/karpenter/consolidation.js';
import { solve } from '../models/karpenter/provisioning.js';
import {
  interruptionBand,
  interruptionDelayMs,
  monthlyInterruptionFraction,
  SPOT_INTERRUPTION_NOTICE_MS,
} from '../models/karpenter/spot.js';
import { DO_NOT_DISRUPT } from '../models/karpenter/pod-requirements.js';
import { RemainingPdbTracker, type TrackedBudget } from '../models/disruption.js';
import type { PendingPod } from '../models/scheduler/schedule-one.js';
import type { RandomStream } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { KarpenterDesign } from '../scenario/model.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import type { KarpenterProvisioner, NodeClaim } from './karpenter-provisioner.js';
import { unconnected } from './links.js';
import { isNodeReady, type Nodes } from './nodes.js';
import type { Pod } from './pod.js';
import { AFTER_DRAIN } from './priorities.js';

const DISRUPTION_POLL_MS = 10_000;
// How often a drain tries again to evict what the PodDisruptionBudgets held back, and to find the node empty.
const EVICTION_RETRY_MS = 5_000;
// How long a consolidation waits for its replacement to initialize before it gives up (the
// orchestration queue's retries end after 10 minutes at least: queue.go minRetryDuration).
const REPLACEMENT_TIMEOUT_MS = 10 * 60_000;
/** DISRUPTED_TAINT keeps pods off a node Karpenter is disrupting (karpenter.sh/disrupted:NoSchedule). */
const DISRUPTED_TAINT = 'karpenter.sh/disrupted:NoSchedule';

/** DisruptionLinks: the nodes, the provisioner's NodeClaims and launches, pods on nodes, eviction and the PodDisruptionBudgets. */
export interface DisruptionLinks {
  readonly nodes: Nodes;
  readonly provisioner: KarpenterProvisioner;
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  readonly evict: (pod: Pod) => void;
  readonly budgets: () => ReadonlyArray<TrackedBudget<PendingPod>>;
}

/** DisruptionOptions: the run's engine, log and cluster, the design's Karpenter, the spot interruptions' stream, and the run's end (nothing is drawn beyond it). */
export interface DisruptionOptions {
  readonly sim: Simulation;
  readonly log: EventLog;
  readonly cluster: Cluster;
  readonly karpenter: KarpenterDesign;
  readonly spotStream: RandomStream;
  readonly untilMs: number;
}

type Method = 'empty' | 'delete' | 'replace' | 'multi';

/** KarpenterDisruption removes and replaces Karpenter's nodes. */
export class KarpenterDisruption {
  // Each node's pod-change count at the last pass, and when it last changed.
  private readonly lastChange = new Map<ClusterNode, { count: number; sinceMs: number }>();
  // Replacements being launched, with the nodes they replace (drained once the replacement is Ready).
  private pendingReplacements: Array<{ replacement: NodeClaim; old: NodeClaim[]; method: Method }> = [];
  // The cluster's version and the candidates when consolidation last found nothing: unchanged, it would find nothing again.
  private consolidatedKey = '';
  private readonly drained = new WeakSet<NodeClaim>();
  private links: DisruptionLinks = unconnected('KarpenterDisruption');

  private readonly sim: Simulation;
  private readonly log: EventLog;
  private readonly cluster: Cluster;
  private readonly karpenter: KarpenterDesign;
  private readonly spotStream: RandomStream;
  private readonly untilMs: number;

  constructor(o: DisruptionOptions) {
    this.sim = o.sim;
    this.log = o.log;
    this.cluster = o.cluster;
    this.karpenter = o.karpenter;
    this.spotStream = o.spotStream;
    this.untilMs = o.untilMs;
  }

  /** connect gives the controller its links. */
  connect(links: DisruptionLinks): void {
    this.links = links;
  }

  /** start begins the disruption passes, every 10 s. */
  start(): void {
    this.sim.every(DISRUPTION_POLL_MS, () => this.pass(), { start: DISRUPTION_POLL_MS });
  }

  /** launched: a new NodeClaim's expiry and, for spot, its interruption are drawn now. */
  launched(claim: NodeClaim): void {
    const expireAfter = claim.nodePool.expireAfterMs;
    if (expireAfter !== null && this.sim.now + expireAfter < this.untilMs)
      this.sim.after(expireAfter, () => this.expire(claim));
    if (claim.launch.capacityType !== 'spot') return;
    const band = interruptionBand(claim.launch.type.name, this.karpenter.spot);
    const delay = Math.round(interruptionDelayMs(monthlyInterruptionFraction(band), this.spotStream.next()));
    if (this.sim.now + delay < this.untilMs) this.sim.after(delay, () => this.interrupt(claim));
  }

  private live(claim: NodeClaim): boolean {
    return claim.record.removedMs === undefined && claim.record.failedMs === undefined;
  }

  private expire(claim: NodeClaim): void {
    if (!this.live(claim) || this.drained.has(claim)) return;
    this.links.provisioner.stats.expirations++;
    this.terminate(claim, `has lived its NodePool's expireAfter (${claim.nodePool.expireAfterMs! / 3_600_000} h)`);
  }

  // The spot interruption notice: cordon and drain now, the instance gone 2 minutes later.
  private interrupt(claim: NodeClaim): void {
    if (!this.live(claim)) return;
    this.links.provisioner.stats.interruptions++;
    this.links.provisioner.markUnavailable(claim.launch);
    const record = claim.record;
    if (record.node === undefined) {
      this.links.nodes.giveUp(
        record,
        `Spot capacity for ${record.name} was reclaimed before it registered; its pods are provisioned again`,
      );
      this.links.provisioner.forget(record);
      this.links.provisioner.trigger();
      return;
    }
    this.log.add(
      'Node',
      record.name,
      'SpotInterrupted',
      `Node ${record.name} (${claim.launch.type.name}, spot) received a spot interruption notice: cordoned and drained; the instance is reclaimed in ${SPOT_INTERRUPTION_NOTICE_MS / 1000} s`,
    );
    this.drain(claim, 'Interrupted');
    const node = record.node;
    this.sim.after(SPOT_INTERRUPTION_NOTICE_MS, () => {
      if (this.links.nodes.isGone(node)) return;
      this.remove(claim, 'reclaimed by EC2 (spot interruption)');
    });
    this.links.provisioner.trigger();
  }

  // A forceful termination (expiry): drained, then deleted; its pods are provisioned again.
  private terminate(claim: NodeClaim, why: string): void {
    const record = claim.record;
    if (record.node === undefined) {
      this.links.nodes.giveUp(record, `NodeClaim ${record.name} ${why} before it registered; deleted`);
      this.links.provisioner.forget(record);
      return;
    }
    this.log.add('Node', record.name, 'Expired', `Node ${record.name} ${why}: draining and deleting it`);
    this.drain(claim, 'Expired');
  }

  private pass(): void {
    const now = this.sim.now;
    for (const c of this.links.provisioner.claims.values()) {
      const node = c.record.node;
      if (node === undefined) continue;
      const seen = this.lastChange.get(node);
      if (seen === undefined || seen.count !== node.podChanges)
        this.lastChange.set(node, {
          count: node.podChanges,
          sinceMs: seen === undefined ? (c.record.readyMs ?? now) : now,
        });
    }
    this.finishReplacements();
    if (this.emptiness()) return;
    this.consolidate();
  }

  // A replacement Ready: the nodes it replaces drain now; one that failed leaves them as they were.
  private finishReplacements(): void {
    const still: typeof this.pendingReplacements = [];
    for (const r of this.pendingReplacements) {
      const rec = r.replacement.record;
      if (rec.failedMs !== undefined || rec.removedMs !== undefined) {
        for (const old of r.old) this.undelete(old);
        continue;
      }
      if (!isNodeReady(rec)) {
        // The command gives up on a replacement not initialized in time; the old nodes stay.
        if (this.sim.now - (rec.requestedMs ?? 0) >= REPLACEMENT_TIMEOUT_MS)
          for (const old of r.old) this.undelete(old);
        else still.push(r);
        continue;
      }
      for (const old of r.old) if (this.live(old)) this.drain(old, 'Underutilized');
    }
    this.pendingReplacements = still;
  }

  // The NodeClaims that may be disrupted now: Ready, not being deleted, quiet for consolidateAfter, no do-not-disrupt pod.
  private candidates(policy: 'any' | 'WhenEmptyOrUnderutilized'): NodeClaim[] {
    const now = this.sim.now;
    const out: NodeClaim[] = [];
    for (const c of this.links.provisioner.claims.values()) {
      const node = c.record.node;
      const after = c.nodePool.consolidateAfterMs;
      if (node === undefined || c.deleting || !isNodeReady(c.record) || after === null) continue;
      if (policy !== 'any' && c.nodePool.consolidationPolicy !== policy) continue;
      if (now - (this.lastChange.get(node)?.sinceMs ?? now) < after) continue;
      const pods = this.links.podsOn(node);
      if (pods.some((p) => p.phase === 'Terminating' || p.template?.metadata?.annotations?.[DO_NOT_DISRUPT] === 'true'))
        continue;
      out.push(c);
    }
    return out;
  }

  // What each NodePool's budgets leave for a reason: allowed less the nodes being disrupted.
  private budgetsLeft(reason: DisruptionReason): Map<string, number> {
    const counts = new Map<string, { total: number; disrupting: number }>();
    // BuildDisruptionBudgetMapping: initialized nodes only; those being deleted or NotReady are disrupting.
    for (const c of this.links.provisioner.claims.values()) {
      if (c.record.readyMs === undefined) continue;
      const n = counts.get(c.nodePool.name) ?? { total: 0, disrupting: 0 };
      n.total++;
      if (c.deleting || c.record.unknownSinceMs !== undefined) n.disrupting++;
      counts.set(c.nodePool.name, n);
    }
    return new Map(
      this.karpenter.nodePools.map((np) => [
        np.name,
        disruptionsLeft(np.budgets, this.sim.now, counts.get(np.name) ?? { total: 0, disrupting: 0 }, reason),
      ]),
    );
  }

  // Emptiness: every quiet empty node, within the budgets for Empty.
  private emptiness(): boolean {
    const left = this.budgetsLeft('Empty');
    const empty = this.candidates('any').filter((c) => this.links.podsOn(c.record.node!).length === 0);
    let done = false;
    for (const c of empty) {
      const n = left.get(c.nodePool.name) ?? 0;
      if (n <= 0) continue;
      left.set(c.nodePool.name, n - 1);
      this.log.add(
        'Node',
        c.record.name,
        'DisruptionTerminating',
        `Disrupting node ${c.record.name}: Empty (no pods for ${c.nodePool.consolidateAfterMs! / 1000} s); deleting it`,
      );
      this.links.provisioner.stats.consolidations.empty++;
      this.markDeleting(c);
      this.remove(c, 'deleted by Karpenter (empty)');
      done = true;
    }
    return done;
  }

  // Consolidation: the largest batch of cheapest-to-disrupt nodes whose pods fit elsewhere (with
  // at most one cheaper replacement), else the first single node that can go or be replaced.
  private consolidate(): boolean {
    const left = this.budgetsLeft('Underutilized');
    const tracker = new RemainingPdbTracker(this.links.budgets());
    const now = this.sim.now;
    const byNode = new Map<ClusterNode, NodeClaim>();
    const candidates: Array<Candidate<NodeClaim>> = [];
    for (const c of this.candidates('WhenEmptyOrUnderutilized')) {
      const pods = this.links.podsOn(c.record.node!);
      // pdb.CanEvictPods: no pod of it may be covered by a budget that allows no disruption now.
      if (pods.some((p) => tracker.blockingBudget([p]) !== null)) continue;
      const cost =
        pods.reduce((t, p) => t + podEvictionCost(p.priority), 0) *
        lifetimeRemaining(now - (c.record.requestedMs ?? 0), c.nodePool.expireAfterMs);
      byNode.set(c.record.node!, c);
      candidates.push({
        node: c,
        instanceType: c.launch.type.name,
        capacityType: c.launch.capacityType,
        pricePerHour: c.launch.pricePerHour,
        disruptionCost: cost,
      });
    }
    candidates.sort((a, b) => a.disruptionCost - b.disruptionCost);
    // Within the budgets: each NodePool's first candidates, as many as it may disrupt.
    const taken = new Map<string, number>();
    const allowed = candidates.filter((c) => {
      const np = c.node.nodePool.name;
      const n = taken.get(np) ?? 0;
      if (n >= (left.get(np) ?? 0)) return false;
      taken.set(np, n + 1);
      return true;
    });
    if (allowed.length === 0) return false;
    const key = `${this.cluster.version}|${candidates.map((c) => c.node.record.name).join(',')}|${[...left.values()].join(',')}`;
    if (key === this.consolidatedKey) return false;
    const compute = (prefix: readonly Candidate<NodeClaim>[]): Command<Pod> =>
      consolidationCommand(prefix, this.simulate(prefix.map((c) => c.node)));
    const multi = firstNConsolidationOption(allowed, compute);
    if (multi !== null) {
      this.execute(
        multi.candidates.map((c) => c.node),
        multi.command,
        'multi',
      );
      return true;
    }
    // SingleNodeConsolidation: every candidate whose NodePool's budget is not spent, in order.
    for (const c of candidates) {
      if ((left.get(c.node.nodePool.name) ?? 0) <= 0) continue;
      const command = compute([c]);
      if (command.decision === 'none') continue;
      this.execute([c.node], command, command.decision);
      return true;
    }
    this.consolidatedKey = key;
    return false;
  }

  // SimulateScheduling: the pending pods and the candidates' pods together onto the other active
  // nodes, the NodeClaims launching and new ones (those for pending pods count too). Every
  // candidate pod must be placed, and none onto a node not yet initialized
  // (UninitializedNodeError: no consolidation then).
  private simulate(removed: readonly NodeClaim[]) {
    const gone = new Set(removed.map((c) => c.record.node!));
    const pods = removed.flatMap((c) => this.links.podsOn(c.record.node!).filter((p) => p.phase !== 'Terminating'));
    const own = new Set(pods);
    const nodes = this.links.provisioner.activeNodes(gone);
    const result = solve(
      [...this.links.provisioner.unschedulable(), ...pods].map((p) => this.links.provisioner.batchPod(p)),
      this.links.provisioner.templates,
      nodes,
      { remaining: this.links.provisioner.remaining(new Set(removed)) },
    );
    const launching = new Set(nodes.filter((n) => n.launching === true).map((n) => n.node));
    const ontoLaunching = [...result.onExisting].some(
      ([node, placed]) => launching.has(node) && placed.some((p) => own.has(p)),
    );
    return {
      allScheduled: !ontoLaunching && !result.unschedulable.some((p) => own.has(p)),
      newNodeClaims: result.nodeClaims,
    };
  }

  private execute(claims: readonly NodeClaim[], command: Command<Pod>, method: Method): void {
    const names = claims.map((c) => c.record.name).join(', ');
    for (const c of claims) this.markDeleting(c);
    if (command.decision === 'replace') {
      const replacement = this.links.provisioner.create(command.replacement, `to replace ${names}`);
      if (replacement === null) {
        for (const c of claims) this.undelete(c);
        return;
      }
      this.links.provisioner.stats.consolidations[method] += claims.length;
      this.log.add(
        'Node',
        claims[0]!.record.name,
        'DisruptionLaunching',
        `Disrupting ${names}: Underutilized, replacing with ${replacement.launch.type.name} (${replacement.launch.capacityType}) at $${replacement.launch.pricePerHour.toFixed(4)}/h; draining once it is Ready`,
      );
      this.pendingReplacements.push({ replacement, old: [...claims], method });
      return;
    }
    this.log.add(
      'Node',
      claims[0]!.record.name,
      'DisruptionTerminating',
      `Disrupting ${names}: Underutilized, deleting (their pods fit on other nodes)`,
    );
    this.links.provisioner.stats.consolidations[method] += claims.length;
    for (const c of claims) this.drain(c, 'Underutilized');
  }

  private markDeleting(c: NodeClaim): void {
    c.deleting = true;
    const node = c.record.node;
    if (node === undefined || node.taints.includes(DISRUPTED_TAINT)) return;
    node.taints.push(DISRUPTED_TAINT);
    this.cluster.refresh(node);
  }

  private undelete(c: NodeClaim): void {
    if (this.drained.has(c)) return; // drained meanwhile (expired, interrupted): it goes anyway
    c.deleting = false;
    const node = c.record.node;
    if (node !== undefined && this.live(c)) this.links.nodes.untaint(node, DISRUPTED_TAINT);
  }

  // Drain (the termination controller): the pods evicted as the PodDisruptionBudgets allow, again
  // every few seconds until none is left; then the node is deleted.
  private drain(c: NodeClaim, reason: string): void {
    if (this.drained.has(c)) return;
    this.drained.add(c);
    this.markDeleting(c);
    // The provisioner launches room for the pods of a node being deleted before they go.
    this.links.provisioner.trigger();
    this.evictStep(c, reason);
  }

  private evictStep(c: NodeClaim, reason: string): void {
    const node = c.record.node!;
    if (this.links.nodes.isGone(node)) return;
    const pods = this.links.podsOn(node);
    if (pods.length === 0) {
      this.remove(c, `deleted by Karpenter (${reason})`);
      return;
    }
    const tracker = new RemainingPdbTracker(this.links.budgets());
    for (const p of pods) {
      // Terminator.Drain: a karpenter.sh/do-not-disrupt pod is not evicted; the node waits for it.
      if (p.phase === 'Terminating' || p.template?.metadata?.annotations?.[DO_NOT_DISRUPT] === 'true') continue;
      if (tracker.blockingBudget([p]) !== null) continue;
      tracker.removePods([p]);
      this.log.add('Pod', p.name, 'Evicted', `Evicted by Karpenter: node ${node.name} is disrupted (${reason})`);
      this.links.evict(p);
    }
    this.sim.after(EVICTION_RETRY_MS, () => this.evictStep(c, reason), AFTER_DRAIN);
  }

  private remove(c: NodeClaim, why: string): void {
    const node = c.record.node;
    this.links.provisioner.forget(c.record);
    if (node === undefined || this.links.nodes.isGone(node)) return;
    this.lastChange.delete(node);
    this.links.provisioner.stats.nodesRemoved++;
    this.links.nodes.remove(node, why);
  }
}
