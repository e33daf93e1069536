// The cluster's nodes as the scheduler and the controllers share them: what each node can hold,
// what is requested of it, and an index of free room kept in step with every change.
import type { Node, Pod as PodObject, Taint } from 'kubernetes-types/core/v1.js';
import { nodeAllocatable, type NodeSpec } from '../models/allocatable.js';
import {
  type ClusterEntry,
  hasHardTaints,
  hasPodAffinityScoring,
  hasRequiredAntiAffinity,
  isConstrained,
} from '../models/scheduler/plugins/index.js';
import { NodeIndex } from '../models/scheduler/node-index.js';
import { addPod, type NodeResources, type PodRequest } from '../models/resources.js';
import type { SchedulableNode } from '../models/scheduler/schedule-one.js';

/** ClusterNode is one node's state; `requested` counts DaemonSet pods and pods still terminating. */
export interface ClusterNode extends SchedulableNode {
  readonly index: number;
  /** pool is the node group; nodePool the pool as written (one per zone it spans); zone null without zones. */
  readonly pool: string;
  readonly nodePool: string;
  readonly zone: string | null;
  /** capacity is the machine's CPU and memory, before reservations. */
  readonly capacity: { readonly cpuMilli: number; readonly memoryBytes: number };
  readonly allocatable: Readonly<NodeResources>;
  /** evictionThresholdBytes is the kubelet's hard eviction threshold, memory.available (held out of allocatable). */
  readonly evictionThresholdBytes: number;
  /** daemonsets is what the node's DaemonSet pods request: `requested` with no other pod on it. */
  readonly daemonsets: Readonly<NodeResources>;
  readonly requested: NodeResources;
  /** held is what pods nominated to the node hold of `requested` while their victims go (preemption). */
  readonly held: NodeResources;
  unschedulable: boolean;
  taints: string[];
  readonly hostPorts: Set<number>;
  readonly workloadPods: Map<string, number>;
  readonly object: Node;
  readonly templatePods: Map<PodObject, number>;
  /** entry is the node with its templatePods as the plugins read them, rebuilt when those change. */
  entry: ClusterEntry;
  /** cpuUsedMilli and workingSetBytes: what its pods used at the latest usage sample (resource-usage.ts). */
  cpuUsedMilli: number;
  workingSetBytes: number;
  /** podChanges counts the pods bound to it and gone from it (Karpenter's consolidateAfter watches it). */
  podChanges: number;
}

/** BoundPod is what binding needs to know of a pod. */
export interface BoundPod extends PodRequest {
  readonly workload: string;
  readonly template?: PodObject;
}

/** NodePlacement is what a node carries for the scheduler's constraint filters: its pool's labels (kubernetes.io/hostname is added) and taints. */
export interface NodePlacement {
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly zone?: string | null;
  readonly nodePool?: string;
}

const NO_PLACEMENT: NodePlacement = { labels: {}, taints: [] };
const NO_PODS: ReadonlyMap<string, number> = new Map();
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** NodeResourceArrays: nodes' requested and allocatable CPU (millicores) and memory (bytes), by node index. */
export interface NodeResourceArrays {
  requestedCpu: Float64Array;
  requestedMemory: Float64Array;
  allocatableCpu: Float64Array;
  allocatableMemory: Float64Array;
}

// Arrays for `size` nodes, with what `from` held.
function resourceArrays(size: number, from?: NodeResourceArrays): NodeResourceArrays {
  const make = (old?: Float64Array) => {
    const a = new Float64Array(size);
    if (old !== undefined) a.set(old);
    return a;
  };
  return {
    requestedCpu: make(from?.requestedCpu),
    requestedMemory: make(from?.requestedMemory),
    allocatableCpu: make(from?.allocatableCpu),
    allocatableMemory: make(from?.allocatableMemory),
  };
}

// Whether a node object has a PreferNoSchedule taint, which TaintToleration scores.
const hasPreferNoSchedule = (node: Node): boolean =>
  (node.spec?.taints ?? []).some((t) => t.effect === 'PreferNoSchedule');

// How many of the latest changes the cluster remembers the nodes of (changedSince).
const CHANGE_LOG = 8192;

/** Cluster holds the nodes; slots of removed nodes are reused only by index growth, never renumbered. */
export class Cluster {
  private readonly slots: Array<ClusterNode | undefined> = [];
  private tree = new NodeIndex(64);
  private live = 0;
  private changes = 0;
  private antiAffinityPods = 0;
  private podAffinityScoring = 0;
  // The nodes holding a pod whose terms weigh in others' InterPodAffinity score, in the order they got one.
  private readonly affinityNodes = new Set<ClusterNode>();
  // Each pod object's pods (terminating ones left out) by their node's zone label ("" for none).
  private readonly zonePods = new Map<PodObject, Map<string, number>>();
  // Each pod object's pods (terminating ones left out) on each node, by node index; each node's
  // zone label by index; and how many nodes have a PreferNoSchedule taint: what a plain pod's
  // scoring reads (schedule-one.ts PlainScoring), without a Map or a label lookup a node.
  private readonly onNodes = new Map<PodObject, Int32Array>();
  private readonly zoneLabels: Array<string | undefined> = [];
  private preferNoSchedule = 0;
  // Each node's requested and allocatable CPU and memory by index, for the scheduler's resource
  // scores over hundreds of nodes a pod (arrays read in place of each node's objects).
  private byIndex: NodeResourceArrays = resourceArrays(64);
  private constrained = 0;
  // How many bound pods (terminating ones left out) have each priority, by their template.
  private readonly priorities = new Map<number, number>();

  /** lowerPriorityBound says whether some bound pod, not terminating, has a priority below `priority`. */
  lowerPriorityBound(priority: number): boolean {
    for (const p of this.priorities.keys()) if (p < priority) return true;
    return false;
  }
  private taintedNodes = 0;

  /** constrainedPods counts the bound pods that ask something of nodes' labels or of other pods. */
  get constrainedPods(): number {
    return this.constrained;
  }

  /** existingPodAffinity says whether some bound pod has terms that weigh in other pods' InterPodAffinity score. */
  get existingPodAffinity(): boolean {
    return this.podAffinityScoring > 0;
  }

  /** resources are each node's requested and allocatable CPU and memory, by node index (kept as they change). */
  get resources(): Readonly<NodeResourceArrays> {
    return this.byIndex;
  }

  /** countsOf counts a pod object's pods (terminating ones left out) on each node, by its index (undefined: none anywhere yet). */
  countsOf(template: PodObject): Int32Array | undefined {
    return this.onNodes.get(template);
  }

  /** zoneAt is the topology.kubernetes.io/zone label of the node of index `index` (undefined: none). */
  zoneAt(index: number): string | undefined {
    return this.zoneLabels[index];
  }

  /** preferNoScheduleTaints says whether some node has a PreferNoSchedule taint (TaintToleration's score then tells nodes apart). */
  get preferNoScheduleTaints(): boolean {
    return this.preferNoSchedule > 0;
  }

  /** podsByZone counts a pod object's pods (a ReplicaSet's or StatefulSet's) by their node's topology.kubernetes.io/zone ("" for none). */
  podsByZone(template: PodObject): ReadonlyMap<string, number> {
    return this.zonePods.get(template) ?? NO_PODS;
  }

  /** podAffinityEntries are the nodes holding such pods, as the score plugins read them (upstream's HavePodsWithAffinityList). */
  podAffinityEntries(): ClusterEntry[] {
    // Kept until a node's entry or the set changes (a pass asks for each pod it scores).
    this.affinityEntries ??= [...this.affinityNodes].map((n) => n.entry);
    return this.affinityEntries;
  }
  private affinityEntries: ClusterEntry[] | null = null;

  /** existingAntiAffinity says whether some bound pod has required pod anti-affinity. */
  get existingAntiAffinity(): boolean {
    return this.antiAffinityPods > 0;
  }

  /** hardTaints says whether some node has a NoSchedule or NoExecute taint of its pool's. */
  get hardTaints(): boolean {
    return this.taintedNodes > 0;
  }

  /** version changes whenever a node or what is requested of it changes: a scheduling result holds until then. */
  get version(): number {
    return this.changes;
  }

  /** changedSince lists the indices of the nodes changed since `version` (repeats possible; null: more changes than are kept). */
  changedSince(version: number): Int32Array | null {
    const n = this.changes - version;
    if (n < 0 || n > CHANGE_LOG) return null;
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = this.changeLog[(version + k) % CHANGE_LOG]!;
    return out;
  }

  // Each change's node index, by change number (the version it moved from), the latest CHANGE_LOG kept.
  private readonly changeLog = new Int32Array(CHANGE_LOG);

  // A change to node `index`: the version moves on.
  private changed(index: number): void {
    this.changeLog[this.changes % CHANGE_LOG] = index;
    this.changes++;
  }

  /** liveNodes counts the nodes that are not gone. */
  get liveNodes(): number {
    return this.live;
  }

  /** nodes is every slot, undefined where a node is gone: the scheduler's view. */
  get nodes(): ReadonlyArray<ClusterNode | undefined> {
    return this.slots;
  }

  /** index is the free-room index over `nodes`. */
  get index(): NodeIndex {
    return this.tree;
  }

  /** addNode creates a node of `pool` from its spec, its DaemonSet pods already placed. */
  addNode(name: string, pool: string, spec: NodeSpec, placement: NodePlacement = NO_PLACEMENT): ClusterNode {
    const b = nodeAllocatable(spec);
    const object: Node = {
      metadata: { name, labels: { ...placement.labels, 'kubernetes.io/hostname': name } },
      spec: placement.taints.length > 0 ? { taints: [...placement.taints] } : {},
    };
    const templatePods = new Map<PodObject, number>();
    const node: ClusterNode = {
      name,
      pool,
      nodePool: placement.nodePool ?? pool,
      zone: placement.zone ?? null,
      index: this.slots.length,
      capacity: { cpuMilli: spec.cpuMilli, memoryBytes: spec.memoryBytes },
      allocatable: {
        cpuMilli: b.allocatable.cpuMilli,
        memoryBytes: b.allocatable.memoryBytes,
        pods: spec.maxPods,
        podIPs: spec.podIPs,
        volumes: spec.attachableVolumes,
      },
      evictionThresholdBytes: b.eviction.memoryBytes,
      daemonsets: {
        cpuMilli: b.daemonsets.cpuMilli,
        memoryBytes: b.daemonsets.memoryBytes,
        pods: b.daemonsets.pods,
        podIPs: b.daemonsets.podIPs,
        volumes: 0,
      },
      requested: {
        cpuMilli: b.daemonsets.cpuMilli,
        memoryBytes: b.daemonsets.memoryBytes,
        pods: b.daemonsets.pods,
        podIPs: b.daemonsets.podIPs,
        volumes: 0,
      },
      held: { cpuMilli: 0, memoryBytes: 0, pods: 0, podIPs: 0, volumes: 0 },
      unschedulable: false,
      taints: [],
      hostPorts: new Set(),
      workloadPods: new Map(),
      object,
      templatePods,
      entry: { node: object, pods: [], counts: [], byPod: templatePods },
      cpuUsedMilli: 0,
      workingSetBytes: 0,
      podChanges: 0,
    };
    this.slots.push(node);
    this.live++;
    if (hasHardTaints(object)) this.taintedNodes++;
    if (hasPreferNoSchedule(object)) this.preferNoSchedule++;
    const labels = object.metadata!.labels!;
    this.zoneLabels[node.index] = Object.hasOwn(labels, ZONE_LABEL) ? labels[ZONE_LABEL] : undefined;
    if (this.slots.length > this.tree.capacity) this.rebuildIndex(this.tree.capacity * 2);
    this.refresh(node);
    return node;
  }

  /** removeNode takes a node out; its pods must have been released first. */
  removeNode(node: ClusterNode): void {
    this.slots[node.index] = undefined;
    this.live--;
    if (hasHardTaints(node.object)) this.taintedNodes--;
    if (hasPreferNoSchedule(node.object)) this.preferNoSchedule--;
    // Pods deleted with their node (pod GC) are never released one by one: their counts go now.
    for (const [t, n] of node.templatePods) {
      this.tallyTemplate(t, -n);
      this.tallyZone(t, node, -n);
      this.onNodes.get(t)![node.index] = 0;
    }
    node.templatePods.clear();
    node.entry = { node: node.object, pods: [], counts: [], byPod: node.templatePods };
    this.affinityEntries = null;
    this.affinityNodes.delete(node);
    this.changed(node.index);
    this.tree.set(node.index, -1, -1, -1);
  }

  /** bind places a pod's requests on a node. */
  bind(pod: BoundPod, node: ClusterNode): void {
    this.change(pod, node, 1);
  }

  /** release takes a pod's requests off its node (when it is gone, not when it starts terminating). */
  release(pod: BoundPod, node: ClusterNode, stillCounted = true): void {
    this.change(pod, node, -1, stillCounted);
  }

  /** hold adds (1) or takes back (-1) a nominated pod's request on the node it preempted for, counted as requested but not as a pod of the node. */
  hold(pod: BoundPod, node: ClusterNode, sign: 1 | -1): void {
    addPod(node.requested, pod, sign);
    addPod(node.held, pod, sign);
    this.refresh(node);
  }

  /** markTerminating stops counting a deleted pod for its workload's spread, though it still holds its resources. */
  markTerminating(pod: BoundPod, node: ClusterNode): void {
    this.count(pod, node, -1);
  }

  /** refresh re-indexes a node after its taints or schedulability changed. */
  refresh(node: ClusterNode): void {
    if (this.slots[node.index] !== node) return; // removed: it stays out of the index
    this.changed(node.index);
    const { allocatable: a, requested: r } = node;
    if (node.index >= this.byIndex.requestedCpu.length)
      this.byIndex = resourceArrays(2 * this.slots.length, this.byIndex);
    this.byIndex.requestedCpu[node.index] = r.cpuMilli;
    this.byIndex.requestedMemory[node.index] = r.memoryBytes;
    this.byIndex.allocatableCpu[node.index] = a.cpuMilli;
    this.byIndex.allocatableMemory[node.index] = a.memoryBytes;
    // A cordoned or tainted node takes no pod: index it as full so searches skip it. The index only
    // narrows the search (its slots are the fewer of free pod slots and pod IPs, which every workload
    // pod takes); filterNode applies the whole fit rule to each node it yields.
    if (node.unschedulable || node.taints.length > 0) this.tree.set(node.index, -1, -1, -1);
    else
      this.tree.set(
        node.index,
        a.cpuMilli - r.cpuMilli,
        a.memoryBytes - r.memoryBytes,
        Math.min(a.pods - r.pods, a.podIPs - r.podIPs),
      );
  }

  private change(pod: BoundPod, node: ClusterNode, sign: 1 | -1, counted = true): void {
    addPod(node.requested, pod, sign);
    node.podChanges++;
    if (pod.hostPort !== null) {
      if (sign > 0) node.hostPorts.add(pod.hostPort);
      else node.hostPorts.delete(pod.hostPort);
    }
    if (counted) this.count(pod, node, sign);
    this.refresh(node);
  }

  // PodTopologySpread counts a workload's pods on a node, terminating ones excluded; the
  // constraint filters count them by template.
  private count(pod: BoundPod, node: ClusterNode, sign: 1 | -1): void {
    tally(node.workloadPods, pod.workload, sign);
    const t = pod.template;
    if (t === undefined) return;
    tally(node.templatePods, t, sign);
    this.tallyZone(t, node, sign);
    this.tallyOnNode(t, node.index, sign);
    node.entry = {
      node: node.object,
      pods: [...node.templatePods.keys()],
      counts: [...node.templatePods.values()],
      byPod: node.templatePods,
    };
    this.affinityEntries = null;
    if (hasPodAffinityScoring(t)) {
      if ([...node.templatePods.keys()].some(hasPodAffinityScoring)) this.affinityNodes.add(node);
      else this.affinityNodes.delete(node);
    }
    this.tallyTemplate(t, sign);
  }

  // A template's pods by zone, for the cluster-default spread's zone constraint.
  private tallyZone(t: PodObject, node: ClusterNode, by: number): void {
    let zones = this.zonePods.get(t);
    if (zones === undefined) this.zonePods.set(t, (zones = new Map()));
    tally(zones, node.object.metadata?.labels?.[ZONE_LABEL] ?? '', by);
    if (zones.size === 0) this.zonePods.delete(t);
  }

  // A template's pods on the node of index `at`, in an array as long as the nodes so far.
  private tallyOnNode(t: PodObject, at: number, by: number): void {
    let counts = this.onNodes.get(t);
    if (counts === undefined || at >= counts.length) {
      const longer = new Int32Array(Math.max(64, this.slots.length * 2, at + 1));
      if (counts !== undefined) longer.set(counts);
      this.onNodes.set(t, (counts = longer));
    }
    counts[at]! += by;
  }

  // The cluster-wide counts a template's pods add to: anti-affinity, constrained, by priority.
  private tallyTemplate(t: PodObject, by: number): void {
    if (hasRequiredAntiAffinity(t)) this.antiAffinityPods += by;
    if (hasPodAffinityScoring(t)) this.podAffinityScoring += by;
    if (isConstrained(t)) this.constrained += by;
    tally(this.priorities, t.spec?.priority ?? 0, by);
  }

  private rebuildIndex(capacity: number): void {
    this.tree = new NodeIndex(capacity);
    for (const node of this.slots) if (node !== undefined) this.refresh(node);
  }
}

// Adds `by` to a key's count, dropping the key at 0.
function tally<K>(counts: Map<K, number>, key: K, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count === 0) counts.delete(key);
  else counts.set(key, count);
}
