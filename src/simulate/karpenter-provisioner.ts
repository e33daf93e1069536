// Karpenter's provisioner (kubernetes-sigs/karpenter v1.13 pkg/controllers/provisioning/
// provisioner.go and batcher.go): pods the kube-scheduler found unschedulable open a batch, which
// closes after 1 s without a new one or 10 s in all; the batch's pods, and those of nodes being
// deleted, are solved (models/karpenter/provisioning.ts) onto the active nodes, the NodeClaims
// still launching and new ones, each NodePool's types narrowed to what its limits leave; each new
// NodeClaim launches as its cheapest offering, a node of a node group poolsim keeps per NodePool,
// type, capacity type and zone. Simplified: an existing node is matched by labels, taints and room
// (a pod with a host port, volumes, spread or pod affinity is planned only onto nodes still
// launching, and the kube-scheduler decides once they are Ready: a pod it turns away is batched
// again); the NodeClaim's registration TTL is not modelled.
import type { Taint } from 'kubernetes-types/core/v1.js';
import { nodeAllocatable } from '../models/allocatable.js';
import { instanceSize } from '../models/instance-types.js';
import { batchClosesAt } from '../models/karpenter/batcher.js';
import { karpenterNodeSpec, nodePoolTemplates } from '../models/karpenter/catalog.js';
import { instanceTypeRequirements, LABELS } from '../models/karpenter/instance-type.js';
import { templateRequirements } from '../models/karpenter/node-claim-template.js';
import { podRequirements, toleratesTaints } from '../models/karpenter/pod-requirements.js';
import {
  launch,
  solve,
  type BatchPod,
  type ExistingNode,
  type Launch,
  type Limits,
  type NewNodeClaim,
  type NodeClaimTemplate,
} from '../models/karpenter/provisioning.js';
import {
  addRequirements,
  newRequirement,
  requirementsOf,
  type Requirements,
} from '../models/karpenter/requirements.js';
import type { Simulation } from '../sim/simulation.js';
import type { KarpenterDesign, KarpenterNodePool, Pool } from '../scenario/model.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import type { NodeRecord, Nodes } from './nodes.js';
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
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  readonly launched: (claim: NodeClaim) => void;
}

const UNAVAILABLE_OFFERING_TTL_MS = 3 * 60_000;
const offeringKey = (type: string, zone: string, capacityType: string) => `${type}/${zone}/${capacityType}`;

/**
 * placedByLabelsAndRoom: whether labels, taints and room say all about where the pod fits (no host
 * port, volumes, topology spread or pod affinity, which the solve does not read). Another pod may
 * be planned onto a node still launching only: once the node is Ready the kube-scheduler decides,
 * and a pod it turns away is batched again.
 */
function placedByLabelsAndRoom(pod: Pod): boolean {
  const spec = pod.template?.spec;
  return (
    pod.hostPort === null &&
    pod.volumes === 0 &&
    !pod.spread &&
    (spec?.topologySpreadConstraints ?? []).length === 0 &&
    spec?.affinity?.podAffinity === undefined &&
    spec?.affinity?.podAntiAffinity === undefined
  );
}

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
  private readonly templateOf: ReadonlyMap<string, NodeClaimTemplate>;
  private batch: { openedMs: number; lastMs: number } | null = null;
  private batchCheckQueued = false;
  // Pods already reported as fitting no NodePool, and NodePools reported at their limits.
  private readonly reported = new WeakSet<Pod>();
  private readonly atLimit = new Set<string>();
  // The unavailable-offerings cache: type, zone and capacity type, until when.
  private readonly unavailable = new Map<string, number>();
  private links: ProvisionerLinks = unconnected('KarpenterProvisioner');

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
    private readonly cluster: Cluster,
    private readonly karpenter: KarpenterDesign,
  ) {
    const templates = nodePoolTemplates(karpenter.nodePools, karpenter.zones, karpenter.base, karpenter.spot);
    this.templateOf = new Map(templates.map((t) => [t.nodePool, t]));
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

  /** launching are the NodeClaims launched and not yet initialized (never Ready), as nodes pods may be planned onto. */
  launching(): ExistingNode<NodeRecord>[] {
    const out: ExistingNode<NodeRecord>[] = [];
    for (const c of this.claims.values())
      if (
        !c.deleting &&
        c.record.readyMs === undefined &&
        c.record.failedMs === undefined &&
        c.record.removedMs === undefined
      )
        out.push({ node: c.record, labels: c.labels, free: c.allocatable, taints: c.nodePool.taints, launching: true });
    return out;
  }

  /**
   * activeNodes are the cluster's nodes that take pods now (Ready, untainted, schedulable, not in
   * `excluded`), with their labels, taints and free room, then the NodeClaims still launching.
   */
  activeNodes(excluded: ReadonlySet<ClusterNode> = new Set()): ExistingNode<unknown>[] {
    const out: ExistingNode<unknown>[] = [];
    for (const n of this.cluster.nodes) {
      if (n === undefined || excluded.has(n) || n.unschedulable || n.taints.length > 0) continue;
      out.push({
        node: n,
        labels: this.labelsOfNode(n),
        free: {
          cpuMilli: n.allocatable.cpuMilli - n.requested.cpuMilli,
          memoryBytes: n.allocatable.memoryBytes - n.requested.memoryBytes,
          pods: Math.min(n.allocatable.pods - n.requested.pods, n.allocatable.podIPs - n.requested.podIPs),
        },
        taints: n.object.spec?.taints ?? [],
      });
    }
    return [...out, ...this.launching()];
  }

  // A node's labels as requirements, read once (a node's labels do not change).
  private readonly nodeLabels = new WeakMap<ClusterNode, Requirements>();
  private labelsOfNode(n: ClusterNode): Requirements {
    let r = this.nodeLabels.get(n);
    if (r === undefined) {
      const labels = n.object.metadata?.labels ?? {};
      r = requirementsOf(Object.entries(labels).map(([key, v]) => ({ key, operator: 'In', values: [v] })));
      this.nodeLabels.set(n, r);
    }
    return r;
  }

  /** templates are the NodePools' templates. */
  get templates(): NodeClaimTemplate[] {
    return this.karpenter.nodePools.map((np) => this.templateOf.get(np.name)!);
  }

  /** remaining is what each NodePool's limits leave, its NodeClaims not in `excluded` counted (NodePool status.resources). */
  remaining(excluded: ReadonlySet<NodeClaim> = new Set()): Map<string, Limits> {
    const used = new Map<string, { cpuMilli: number; memoryBytes: number }>();
    for (const c of this.claims.values()) {
      if (excluded.has(c)) continue;
      const u = used.get(c.nodePool.name) ?? { cpuMilli: 0, memoryBytes: 0 };
      const size = instanceSize(c.launch.type);
      u.cpuMilli += size.cpuMilli;
      u.memoryBytes += size.memoryBytes;
      used.set(c.nodePool.name, u);
    }
    const out = new Map<string, Limits>();
    for (const np of this.karpenter.nodePools) {
      const u = used.get(np.name) ?? { cpuMilli: 0, memoryBytes: 0 };
      if (np.limits.cpuMilli === undefined && np.limits.memoryBytes === undefined) continue;
      out.set(np.name, {
        ...(np.limits.cpuMilli === undefined ? {} : { cpuMilli: np.limits.cpuMilli - u.cpuMilli }),
        ...(np.limits.memoryBytes === undefined ? {} : { memoryBytes: np.limits.memoryBytes - u.memoryBytes }),
      });
    }
    return out;
  }

  /** batchPod is a pod as the solver reads it. */
  batchPod(pod: Pod): BatchPod<Pod> {
    const [requirements, ...relaxed] = this.requirementsOf(pod);
    return {
      id: pod,
      cpuMilli: pod.cpuMilli,
      memoryBytes: pod.memoryBytes,
      requirements: requirements!,
      relaxed,
      tolerates: (taints: readonly Taint[]) => toleratesTaints(pod.template, taints),
      ...(placedByLabelsAndRoom(pod) ? {} : { launchingOnly: true }),
    };
  }

  // A template's requirements and relaxations, read once (its pods share them).
  private readonly requirementsByTemplate = new WeakMap<object, Requirements[]>();
  private requirementsOf(pod: Pod): Requirements[] {
    if (pod.template === undefined) return podRequirements(undefined);
    let r = this.requirementsByTemplate.get(pod.template);
    if (r === undefined) {
      r = podRequirements(pod.template);
      this.requirementsByTemplate.set(pod.template, r);
    }
    return r;
  }

  /** unschedulable are the pods the scheduler could not place, which Karpenter provisions for. */
  unschedulable(): readonly Pod[] {
    return this.links.unschedulable();
  }

  // The batch: the unschedulable pods, and those of nodes being deleted (Provisioner.Schedule adds
  // them so that their room is launched before they go), onto the active nodes, the NodeClaims
  // launching, or new ones; pods no NodePool can take are reported once.
  private provision(): void {
    const pods = [...this.links.unschedulable(), ...this.onDeletingNodes()];
    if (pods.length === 0) return;
    const remaining = this.remaining();
    const result = solve(
      pods.map((p) => this.batchPod(p)),
      this.templates,
      this.activeNodes(),
      { remaining },
    );
    for (const claim of result.nodeClaims)
      if (this.create(claim, 'for pending pods') === null)
        this.log.add(
          'NodePool',
          claim.nodePool,
          'LaunchFailed',
          `NodePool ${claim.nodePool} could not launch a node for ${claim.pods.length} pod(s): no offering of the types that hold them is available now (a spot offering interrupted in the last 3 minutes, a dark zone, or the NodePool past its limits)`,
        );
    this.reportLimits(remaining, result.unschedulable.length > 0);
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

  // The pods still running on nodes Karpenter is deleting.
  private onDeletingNodes(): Pod[] {
    const out: Pod[] = [];
    for (const c of this.claims.values())
      if (c.deleting && c.record.node !== undefined)
        for (const p of this.links.podsOn(c.record.node)) if (p.phase !== 'Terminating') out.push(p);
    return out;
  }

  // A NodePool whose limits leave out a type it allows: logged when some pod then goes unplaced,
  // once until it has room for every type again.
  private reportLimits(remaining: ReadonlyMap<string, Limits>, someUnschedulable: boolean): void {
    for (const np of this.karpenter.nodePools) {
      const left = remaining.get(np.name);
      const template = this.templateOf.get(np.name)!;
      const limited =
        left !== undefined &&
        template.options.some((o) => {
          const size = instanceSize(o.type);
          return size.cpuMilli > (left.cpuMilli ?? Infinity) || size.memoryBytes > (left.memoryBytes ?? Infinity);
        });
      if (!limited) {
        this.atLimit.delete(np.name);
        continue;
      }
      if (!someUnschedulable || this.atLimit.has(np.name)) continue;
      this.atLimit.add(np.name);
      const limits = [
        np.limits.cpuMilli === undefined ? null : `cpu ${np.limits.cpuMilli / 1000}`,
        np.limits.memoryBytes === undefined ? null : `memory ${np.limits.memoryBytes / 2 ** 30} GiB`,
      ].filter((x) => x !== null);
      this.log.add(
        'NodePool',
        np.name,
        'NodePoolLimitReached',
        `NodePool ${np.name} has reached its limits (${limits.join(', ')}): no node launched for pods that need more`,
      );
    }
  }

  /** launchSteady makes, before the run, the nodes Karpenter would have launched for `pods` (a steady start): Ready at once. */
  launchSteady(pods: readonly Pod[]): void {
    const result = solve(
      pods.map((p) => this.batchPod(p)),
      this.templates,
      [],
      { remaining: this.remaining() },
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
    const np = this.karpenter.nodePools.find((p) => p.name === claim.nodePool)!;
    // Limits.ExceededBy: a NodePool already past a limit launches nothing.
    const left = this.remaining().get(np.name);
    if (left !== undefined && ((left.cpuMilli ?? 0) < 0 || (left.memoryBytes ?? 0) < 0)) return null;
    // CreateFleet picks among the zones at the lowest price: poolsim, the one with the fewest of the NodePool's nodes.
    const inZone = new Map<string, number>();
    for (const c of this.claims.values())
      if (c.nodePool === np) inZone.set(c.launch.zone, (inZone.get(c.launch.zone) ?? 0) + 1);
    const now = this.sim.now;
    const l = launch(
      narrowed,
      (zone) => inZone.get(zone) ?? 0,
      (type, o) => (this.unavailable.get(offeringKey(type.name, o.zone, o.capacityType)) ?? -Infinity) <= now,
    );
    if (l === null) return null;
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

  /**
   * markUnavailable: a spot interruption makes its offering unavailable for 3 minutes
   * (aws/karpenter-provider-aws pkg/controllers/interruption markUnavailableOfferings,
   * UnavailableOfferingsTTL), so the replacement goes to another type or zone.
   */
  markUnavailable(l: Launch): void {
    this.unavailable.set(offeringKey(l.type.name, l.zone, l.capacityType), this.sim.now + UNAVAILABLE_OFFERING_TTL_MS);
    // Pods left waiting for that offering are provisioned again once it is back.
    this.sim.after(UNAVAILABLE_OFFERING_TTL_MS, () => this.trigger());
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
      node: karpenterNodeSpec(l.type, this.karpenter.base),
      pricePerHour: l.pricePerHour,
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      initial: 0,
    };
  }
}
