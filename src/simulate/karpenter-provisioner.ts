// Karpenter's provisioner (kubernetes-sigs/karpenter pkg/controllers/provisioning/provisioner.go
// and batcher.go): pods the kube-scheduler found unschedulable open a batch, which closes after 1 s
// without a new one or 10 s in all; the batch's pods are solved onto the NodeClaims still on their
// way (in flight) and new ones (models/karpenter/provisioning.ts), each NodePool's types narrowed to
// what its limits leave; each new NodeClaim launches as its cheapest offering, a node of a node
// group poolsim keeps per NodePool, type, capacity type and zone. Simplified: an in-flight
// NodeClaim is matched by labels, taints and room (not pod affinity or spread, which the
// kube-scheduler then enforces: a pod that does not fit after all is unschedulable again, and
// batched again); the NodeClaim's registration TTL is not modelled.
import type { Taint } from 'kubernetes-types/core/v1.js';
import { nodeAllocatable } from '../models/allocatable.js';
import { instanceSize } from '../models/instance-types.js';
import { batchClosesAt } from '../models/karpenter/batcher.js';
import { ec2Catalog, karpenterNodeSpec } from '../models/karpenter/catalog.js';
import { instanceTypeRequirements, LABELS } from '../models/karpenter/instance-type.js';
import { nodeClaimTemplate, templateRequirements, withinLimits } from '../models/karpenter/node-claim-template.js';
import { podRequirements, toleratesTaints } from '../models/karpenter/pod-requirements.js';
import {
  launch,
  solve,
  type BatchPod,
  type ExistingNode,
  type Launch,
  type NewNodeClaim,
  type NodeClaimTemplate,
} from '../models/karpenter/provisioning.js';
import { addRequirements, newRequirement, type Requirements } from '../models/karpenter/requirements.js';
import type { Simulation } from '../sim/simulation.js';
import type { KarpenterDesign, KarpenterNodePool, Pool } from '../scenario/model.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import { isNodeReady, type NodeRecord, type Nodes } from './nodes.js';
import type { Pod } from './pod.js';

/** KarpenterStats are summary.json's `karpenter` counts. */
export interface KarpenterStats {
  nodeClaimsLaunched: number;
  instanceTypes: Record<string, number>;
  consolidations: { empty: number; delete: number; replace: number; multi: number };
  interruptions: number;
  expirations: number;
  nodesRemoved: number;
}

/** NodeClaim is a node Karpenter launched: its NodePool, launch, and what it offers pods. */
export interface NodeClaim {
  readonly record: NodeRecord;
  readonly nodePool: KarpenterNodePool;
  readonly launch: Launch;
  /** labels are the node's labels as requirements (for pods' node selectors). */
  readonly labels: Requirements;
  /** allocatable is what its pods may use (DaemonSets taken off). */
  readonly allocatable: { readonly cpuMilli: number; readonly memoryBytes: number; readonly pods: number };
  /** deleting: disruption has marked it for deletion (tainted; no new pod is planned onto it). */
  deleting: boolean;
}

/** ProvisionerLinks: the nodes it launches, the pods it batches, and who hears of each launch. */
export interface ProvisionerLinks {
  readonly nodes: Nodes;
  /** unschedulable are the pods the kube-scheduler has tried and failed to place. */
  readonly unschedulable: () => readonly Pod[];
  readonly launched: (claim: NodeClaim) => void;
}

const ZERO = { cpuMilli: 0, memoryBytes: 0, pods: 0 };

/** labelsOf are a node's labels from requirements of one value each. */
function labelsOf(r: Requirements): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, req] of r) if (!req.complement && req.values.size === 1) out[key] = [...req.values][0]!;
  return out;
}

/** KarpenterProvisioner launches NodeClaims for unschedulable pods. */
export class KarpenterProvisioner {
  readonly stats: KarpenterStats = {
    nodeClaimsLaunched: 0,
    instanceTypes: {},
    consolidations: { empty: 0, delete: 0, replace: 0, multi: 0 },
    interruptions: 0,
    expirations: 0,
    nodesRemoved: 0,
  };
  /** claims are the live NodeClaims (launched, neither removed nor given up on), in launch order. */
  readonly claims = new Map<NodeRecord, NodeClaim>();
  private readonly templates: ReadonlyMap<string, NodeClaimTemplate>;
  private batch: { openedMs: number; lastMs: number } | null = null;
  private batchCheckQueued = false;
  // Pods already reported as fitting no NodePool, and NodePools reported at their limits.
  private readonly reported = new WeakSet<Pod>();
  private readonly atLimit = new Set<string>();
  private links: ProvisionerLinks = unconnected('KarpenterProvisioner');

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
    private readonly karpenter: KarpenterDesign,
  ) {
    const only = new Set(karpenter.nodePools.flatMap((np) => np.instanceTypes));
    const catalog = ec2Catalog(karpenter.zones, this.base, karpenter.spot, only);
    this.templates = new Map(
      karpenter.nodePools.map((np) => [
        np.name,
        { ...nodeClaimTemplate(np, catalog, ZERO), ...(np.taints.length > 0 ? { taints: np.taints } : {}) },
      ]),
    );
  }

  private get base() {
    const node = this.karpenter.nodes.node;
    return { reservation: node.reservation, daemonSets: node.daemonSets, maxPods: this.karpenter.maxPods };
  }

  /** connect gives the provisioner its links. */
  connect(links: ProvisionerLinks): void {
    this.links = links;
  }

  /** trigger: a pod was found unschedulable; it joins the open batch, or opens one. */
  trigger(): void {
    const now = this.sim.now;
    if (this.batch === null) this.batch = { openedMs: now, lastMs: now };
    else this.batch.lastMs = now;
    this.queueBatchCheck();
  }

  private queueBatchCheck(): void {
    if (this.batchCheckQueued || this.batch === null) return;
    this.batchCheckQueued = true;
    this.sim.at(batchClosesAt(this.batch.openedMs, this.batch.lastMs), () => {
      this.batchCheckQueued = false;
      const b = this.batch;
      if (b === null) return;
      if (this.sim.now < batchClosesAt(b.openedMs, b.lastMs)) return this.queueBatchCheck();
      this.batch = null;
      this.provision();
    });
  }

  /** inFlight are the NodeClaims launched and not yet Ready, as nodes the batch's pods may be planned onto. */
  inFlight(): ExistingNode<NodeRecord>[] {
    const out: ExistingNode<NodeRecord>[] = [];
    for (const c of this.claims.values())
      if (!c.deleting && !isNodeReady(c.record) && c.record.failedMs === undefined && c.record.removedMs === undefined)
        out.push({ node: c.record, labels: c.labels, free: c.allocatable, taints: c.nodePool.taints });
    return out;
  }

  /** templatesNow are the NodePools' templates, each narrowed to what its limits leave. */
  templatesNow(): NodeClaimTemplate[] {
    return this.karpenter.nodePools.map((np) => withinLimits(this.templates.get(np.name)!, this.remaining(np)));
  }

  // What a NodePool's limits leave: its limits less the capacity of its NodeClaims (NodePool status.resources).
  private remaining(np: KarpenterNodePool): { cpuMilli?: number; memoryBytes?: number } {
    const used = { cpuMilli: 0, memoryBytes: 0 };
    for (const c of this.claims.values()) {
      if (c.nodePool !== np) continue;
      const size = instanceSize(c.launch.type);
      used.cpuMilli += size.cpuMilli;
      used.memoryBytes += size.memoryBytes;
    }
    return {
      ...(np.limits.cpuMilli === undefined ? {} : { cpuMilli: np.limits.cpuMilli - used.cpuMilli }),
      ...(np.limits.memoryBytes === undefined ? {} : { memoryBytes: np.limits.memoryBytes - used.memoryBytes }),
    };
  }

  /** batchPod is a pod as the solver reads it. */
  batchPod(pod: Pod): BatchPod<Pod> {
    return {
      id: pod,
      cpuMilli: pod.cpuMilli,
      memoryBytes: pod.memoryBytes,
      requirements: podRequirements(pod.template),
      tolerates: (taints: readonly Taint[]) => toleratesTaints(pod.template, taints),
    };
  }

  /** unschedulable are the pods the scheduler could not place, which Karpenter provisions for. */
  unschedulable(): readonly Pod[] {
    return this.links.unschedulable();
  }

  // The batch: its pods onto in-flight NodeClaims or new ones; those no NodePool can take are reported once.
  private provision(): void {
    const pods = this.links.unschedulable();
    if (pods.length === 0) return;
    const templates = this.templatesNow();
    const result = solve(
      pods.map((p) => this.batchPod(p)),
      templates,
      this.inFlight(),
    );
    for (const claim of result.nodeClaims) this.create(claim, 'for pending pods');
    this.reportLimits(templates, result.unschedulable.length > 0);
    for (const pod of result.unschedulable) {
      if (this.reported.has(pod)) continue;
      this.reported.add(pod);
      this.log.add(
        'Pod',
        pod.name,
        'FailedScheduling',
        `Karpenter: no NodePool can launch a node for the pod (its requests, node selector, tolerations, or the NodePools' limits)`,
      );
    }
  }

  // A NodePool whose limits left out types it allows: logged when it reaches them, and again when it has room after being below them.
  private reportLimits(templates: readonly NodeClaimTemplate[], someUnschedulable: boolean): void {
    for (const t of templates) {
      const limited = t.options.length < this.templates.get(t.nodePool)!.options.length;
      if (limited && someUnschedulable && !this.atLimit.has(t.nodePool)) {
        this.atLimit.add(t.nodePool);
        const np = this.karpenter.nodePools.find((p) => p.name === t.nodePool)!;
        const limits = [
          np.limits.cpuMilli === undefined ? null : `cpu ${np.limits.cpuMilli / 1000}`,
          np.limits.memoryBytes === undefined ? null : `memory ${np.limits.memoryBytes / 2 ** 30} GiB`,
        ].filter((x) => x !== null);
        this.log.add(
          'NodePool',
          t.nodePool,
          'NodePoolLimitReached',
          `NodePool ${t.nodePool} has reached its limits (${limits.join(', ')}): no node launched for pods that need more`,
        );
      } else if (!limited) this.atLimit.delete(t.nodePool);
    }
  }

  /** launchSteady makes, before the run, the nodes Karpenter would have launched for `pods` (a steady start): Ready at once. */
  launchSteady(pods: readonly Pod[]): void {
    const result = solve(
      pods.map((p) => this.batchPod(p)),
      this.templatesNow(),
    );
    for (const claim of result.nodeClaims) this.create(claim, 'before the run', true);
  }

  /**
   * create launches a NodeClaim as its cheapest offering (in a zone the cloud can create in), within
   * its NodePool's limits; null when it cannot.
   */
  create(claim: NewNodeClaim<unknown>, why: string, steady = false): NodeClaim | null {
    const dark = this.links.nodes.darkZones();
    const narrowed =
      dark.length === 0
        ? claim
        : { ...claim, requirements: addRequirements(claim.requirements, newRequirement(LABELS.zone, 'NotIn', dark)) };
    const l = launch(narrowed);
    if (l === null) return null;
    const np = this.karpenter.nodePools.find((p) => p.name === claim.nodePool)!;
    const left = this.remaining(np);
    const size = instanceSize(l.type);
    if ((left.cpuMilli ?? Infinity) < size.cpuMilli || (left.memoryBytes ?? Infinity) < size.memoryBytes) return null;
    const pool = this.poolFor(np, l);
    this.links.nodes.addPool(pool);
    const record = steady ? this.links.nodes.startNode(pool.name) : this.links.nodes.request(pool.name);
    const forWorkloads = nodeAllocatable(pool.node).forWorkloads;
    const nodeClaim: NodeClaim = {
      record,
      nodePool: np,
      launch: l,
      labels: addRequirements(
        instanceTypeRequirements(l.type, [l.zone], [l.capacityType]),
        ...templateRequirements(np).values(),
      ),
      allocatable: { cpuMilli: forWorkloads.cpuMilli, memoryBytes: forWorkloads.memoryBytes, pods: forWorkloads.pods },
      deleting: false,
    };
    this.claims.set(record, nodeClaim);
    this.links.launched(nodeClaim);
    if (steady) return nodeClaim;
    this.stats.nodeClaimsLaunched++;
    this.stats.instanceTypes[l.type.name] = (this.stats.instanceTypes[l.type.name] ?? 0) + 1;
    this.log.add(
      'NodeClaim',
      record.name,
      'Launched',
      `Launched NodeClaim ${record.name} of NodePool ${np.name} ${why}: ${l.type.name}, ${l.capacityType}${l.zone === '' ? '' : ` in ${l.zone}`}, $${l.pricePerHour.toFixed(4)}/h, ${claim.pods.length} pod(s) planned`,
    );
    return nodeClaim;
  }

  /** forget drops a NodeClaim whose node is gone. */
  forget(record: NodeRecord): void {
    this.claims.delete(record);
  }

  // The node group of a launch: its nodes' size, price, labels and taints.
  private poolFor(np: KarpenterNodePool, l: Launch): Pool {
    const name = `${np.name}-${l.type.name}-${l.capacityType}${l.zone === '' ? '' : `-${l.zone}`}`;
    const labels = labelsOf(
      addRequirements(
        instanceTypeRequirements(l.type, [l.zone], [l.capacityType]),
        ...templateRequirements(np).values(),
      ),
    );
    if (l.zone === '') delete labels[LABELS.zone];
    return {
      ...this.karpenter.nodes,
      name,
      nodePool: np.name,
      zone: l.zone === '' ? null : l.zone,
      labels,
      taints: np.taints,
      instanceType: l.type.name,
      capacityType: l.capacityType,
      karpenter: np.name,
      node: karpenterNodeSpec(l.type, this.base),
      pricePerHour: l.pricePerHour,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      initial: 0,
    };
  }
}
