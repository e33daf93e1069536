// One scheduling cycle for one pod, as kube-scheduler's schedulePod does it: find up to
// numFeasibleNodesToFind feasible nodes, starting where the last cycle stopped; score them with the
// default profile's score plugins (prioritizeNodes); take the best, breaking ties at random
// (selectHost). With no feasible node, explain why per node.
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { PodRequest } from '../resources.js';
import { describeUnschedulable, filterNode, topologySpreadViolated, type NodeUsage } from './filter.js';
import {
  constraintScores,
  isConstrained,
  prepareConstraintFilters,
  type ClusterEntry,
  type ConstraintFilters,
  type DefaultConstraints,
  type PodsByDomain,
} from './plugins/index.js';
import { imageLocalityPriority, scaledImageScore } from './plugins/image-locality.js';
import { isPlainPod, plainConstraintScores, type PlainCluster } from './plugins/plain-scores.js';
import { SYSTEM_DEFAULT_CONSTRAINTS } from './plugins/pod-topology-spread-score.js';
import type { NodeIndex } from './node-index.js';
import {
  balancedAllocationScore,
  numFeasibleNodesToFind,
  resourceAllocationScore,
  type ScoringStrategy,
} from './score.js';

/** SchedulableNode is a node as the scheduler sees it, with how many of each workload's pods it runs. */
export interface SchedulableNode extends NodeUsage {
  readonly name: string;
  readonly workloadPods: ReadonlyMap<string, number>;
  /** object is the node as a v1 Node (its labels and the pool's taints), for the constraint filters. */
  readonly object?: Node;
  /** templatePods counts the node's pods (terminating ones left out) by the pod template they share. */
  readonly templatePods?: ReadonlyMap<Pod, number>;
  /** entry, where the node's owner keeps it, is `object` with `templatePods` as the plugins read them (saves building it each cycle). */
  readonly entry?: ClusterEntry;
}

/** PendingPod is the pod to place: its request, its workload, and whether the workload spreads. */
export interface PendingPod extends PodRequest {
  readonly workload: string;
  readonly spread: boolean;
  /** template is the pod as a v1 Pod (labels, namespace, nodeSelector, affinity, tolerations, spread), shared by its workload's pods. */
  readonly template?: Pod;
  /** image is the pod's image (one a pod), for ImageLocality. */
  readonly image?: { readonly name: string; readonly sizeBytes: number };
}

/** SchedulingContext is the cluster snapshot and the scheduler's own state between cycles. */
export interface SchedulingContext {
  /** nodes by index; undefined where a node is gone. The NodeIndex mirrors their free resources. */
  readonly nodes: ReadonlyArray<SchedulableNode | undefined>;
  /** liveNodes counts the defined entries of `nodes` (kept by the cluster, so no cycle scans for it). */
  readonly liveNodes: number;
  readonly index: NodeIndex;
  readonly strategy: ScoringStrategy;
  readonly nextStartNodeIndex: number;
  /** random draws in [0, 1) for tie-breaking, from a named stream. */
  readonly random: () => number;
  /** existingAntiAffinity: some bound pod has required anti-affinity, which every pod must respect. */
  readonly existingAntiAffinity?: boolean;
  /** hardTaints: some node has a NoSchedule or NoExecute taint of its pool's, which only pods that tolerate it pass. */
  readonly hardTaints?: boolean;
  /** existingPodAffinity: some bound pod has required pod affinity or preferred pod terms, which weigh in InterPodAffinity's score. */
  readonly existingPodAffinity?: boolean;
  /** podAffinityNodes are the nodes holding such pods, as the plugins read them (default: every node is looked at). */
  readonly podAffinityNodes?: () => readonly ClusterEntry[];
  /** podsByDomain counts a ReplicaSet's pods by domain for the cluster-default spread (default: the nodes are walked). */
  readonly podsByDomain?: PodsByDomain;
  /** images says which images each node holds (by its index) and how many nodes hold one, for ImageLocality (not scored without it). */
  readonly images?: {
    readonly on: (node: number) => ReadonlySet<string> | undefined;
    readonly nodesWith: (image: string) => number;
    /** holders, where kept, flags by node index the nodes holding an image (1: holds it), read in place of `on`. */
    readonly holders?: (image: string) => ArrayLike<number> | undefined;
  };
  /** defaultConstraints are PodTopologySpread's cluster-default constraints (default: System). */
  readonly defaultConstraints?: DefaultConstraints;
  /** resources, where kept, are the nodes' requested and allocatable CPU and memory by index, read in place of each node's objects. */
  readonly resources?: {
    readonly requestedCpu: ArrayLike<number>;
    readonly requestedMemory: ArrayLike<number>;
    readonly allocatableCpu: ArrayLike<number>;
    readonly allocatableMemory: ArrayLike<number>;
  };
  /** plain, with podsByDomain, lets a plain pod's constraint scores be read from counts by node index (plain-scores.ts). */
  readonly plain?: PlainCluster;
  /**
   * explain, where given, words why the pod fits no node from `reasonsOn` (each node's reasons),
   * as describeUnschedulable over every node would: a caller that keeps the reasons of an earlier
   * cycle asks only about the nodes changed since.
   */
  readonly explain?: (reasonsOn: (node: SchedulableNode) => readonly string[]) => string;
}

/**
 * ScheduleResult is the chosen node, or why none would do; and where the next cycle starts. `score`
 * is the chosen node's weighted score (0 when it was the only feasible one: upstream does not score then).
 */
export type ScheduleResult =
  | { readonly node: number; readonly score: number; readonly nextStartNodeIndex: number }
  | { readonly node: null; readonly reason: string; readonly nextStartNodeIndex: number };

/** scheduleOne picks a node for `pod`; it changes nothing. */
export function scheduleOne(pod: PendingPod, ctx: SchedulingContext): ScheduleResult {
  const total = ctx.nodes.length;
  const live = ctx.liveNodes;
  if (live === 0) return { node: null, reason: describeUnschedulable(0, []), nextStartNodeIndex: 0 };
  const spreadMin = pod.spread ? minimumPods(ctx.nodes, pod.workload) : 0;
  const constraints = constraintFiltersFor(pod, ctx);
  const reasonsOn = (node: SchedulableNode) =>
    filterNode(
      pod,
      node,
      pod.spread && topologySpreadViolated(node.workloadPods.get(pod.workload) ?? 0, spreadMin),
      constraints,
    );
  const want = numFeasibleNodesToFind(live);
  const start = ctx.nextStartNodeIndex % total;
  const feasible: number[] = [];
  let last = start - 1;
  // Two passes, [start, total) then [0, start): round-robin over the cluster, as upstream does.
  // The index gives as many nodes with room as are still wanted; those the filters turn down are
  // made up for from one past the last given (the same nodes, in the same order, as one by one).
  const fits = fitsBuffer(want);
  for (const [from, to] of [
    [start, total],
    [0, start],
  ] as const) {
    for (let at = from; feasible.length < want;) {
      const n = ctx.index.collectFits(at, to, pod.cpuMilli, pod.memoryBytes, fits.subarray(0, want - feasible.length));
      for (let k = 0; k < n; k++) {
        const node = ctx.nodes[fits[k]!];
        if (node !== undefined && reasonsOn(node).length === 0) feasible.push(fits[k]!); // (no list is made for a node that passes)
      }
      if (n === 0) break;
      last = fits[n - 1]!;
      at = last + 1;
    }
    if (feasible.length >= want) break;
  }
  const nextStartNodeIndex = (last + 1) % total;
  if (feasible.length === 0) {
    if (ctx.explain !== undefined) return { node: null, reason: ctx.explain(reasonsOn), nextStartNodeIndex };
    const reasons = ctx.nodes.flatMap((node) => (node === undefined ? [] : [reasonsOn(node)]));
    return { node: null, reason: describeUnschedulable(live, reasons), nextStartNodeIndex };
  }
  // One feasible node is taken unscored, as schedulePod does.
  if (feasible.length === 1) return { node: feasible[0]!, score: 0, nextStartNodeIndex };
  return { ...selectHost(pod, feasible, ctx), nextStartNodeIndex };
}

// The buffer scheduleOne reads fits into, grown to the most nodes it has wanted (one a thread).
let fitsBuffered = new Int32Array(0);
function fitsBuffer(want: number): Int32Array {
  if (fitsBuffered.length < want) fitsBuffered = new Int32Array(Math.max(want, 2 * fitsBuffered.length));
  return fitsBuffered;
}

// The highest score wins; among equals each is equally likely (reservoir sampling, as selectHost).
function selectHost(
  pod: PendingPod,
  feasible: readonly number[],
  ctx: SchedulingContext,
): { node: number; score: number } {
  const scores = prioritizeNodes(pod, feasible, ctx);
  let best = -1;
  let bestScore = -1;
  let ties = 0;
  feasible.forEach((i, k) => {
    const score = scores[k]!;
    if (score > bestScore) {
      [best, bestScore, ties] = [i, score, 1];
    } else if (score === bestScore) {
      ties++;
      if (Math.floor(ctx.random() * ties) === 0) best = i;
    }
  });
  return { node: best, score: bestScore };
}

/**
 * prioritizeNodes is each feasible node's weighted score: NodeResourcesFit,
 * NodeResourcesBalancedAllocation and ImageLocality (weight 1 each) worked out here from the
 * nodes' requests and images, the plugins that read labels, taints and other pods
 * (constraintScores) from the pod's template.
 */
function prioritizeNodes(pod: PendingPod, feasible: readonly number[], ctx: SchedulingContext): number[] {
  const balanced = pod.cpuMilli > 0 || pod.memoryBytes > 0;
  const requested = { cpuMilli: 0, memoryBytes: 0 }; // one object for every node: hundreds a pod
  const allocatable = { cpuMilli: 0, memoryBytes: 0 };
  const scores = new Array<number>(feasible.length);
  const r = ctx.resources;
  for (let k = 0; k < feasible.length; k++) {
    const i = feasible[k]!;
    if (r === undefined) {
      const node = ctx.nodes[i]!;
      requested.cpuMilli = node.requested.cpuMilli + pod.cpuMilli;
      requested.memoryBytes = node.requested.memoryBytes + pod.memoryBytes;
      allocatable.cpuMilli = node.allocatable.cpuMilli;
      allocatable.memoryBytes = node.allocatable.memoryBytes;
    } else {
      requested.cpuMilli = r.requestedCpu[i]! + pod.cpuMilli;
      requested.memoryBytes = r.requestedMemory[i]! + pod.memoryBytes;
      allocatable.cpuMilli = r.allocatableCpu[i]!;
      allocatable.memoryBytes = r.allocatableMemory[i]!;
    }
    const fit = resourceAllocationScore(ctx.strategy, requested, allocatable);
    scores[k] = balanced ? fit + balancedAllocationScore(requested, allocatable) : fit;
  }
  addImageLocality(pod, feasible, ctx, scores);
  const template = pod.template;
  if (template === undefined) return scores;
  const plain = plainScores(template, feasible, ctx);
  if (plain !== null) {
    for (let k = 0; k < scores.length; k++) scores[k]! += plain[k]!;
    return scores;
  }
  const filtered = feasible.map((i) => {
    const entry = entryOf(ctx.nodes[i]!);
    // A pod with a template is scored on node objects; a caller that gives one must give the other.
    if (entry === undefined)
      throw new Error(`node ${ctx.nodes[i]!.name} has no object to score pod ${pod.workload} on`);
    return entry;
  });
  const more = constraintScores(template, filtered, () => clusterEntries(ctx.nodes), {
    defaultConstraints: ctx.defaultConstraints ?? 'System',
    existingPodAffinity: ctx.existingPodAffinity === true,
    ...(ctx.podAffinityNodes === undefined ? {} : { affinityCluster: ctx.podAffinityNodes }),
    ...(ctx.podsByDomain === undefined ? {} : { podsByDomain: ctx.podsByDomain }),
  });
  return scores.map((s, k) => s + more[k]!);
}

// The constraint scores of a plain pod from the cluster's counts by node index (null: not plain here).
function plainScores(template: Pod, feasible: readonly number[], ctx: SchedulingContext): number[] | null {
  const { plain, podsByDomain } = ctx;
  if (plain === undefined || podsByDomain === undefined) return null;
  const options = {
    defaults: ctx.defaultConstraints ?? 'System',
    existingPodAffinity: ctx.existingPodAffinity === true,
  };
  if (!isPlainPod(template, plain, options)) return null;
  const zones = podsByDomain(template, SYSTEM_DEFAULT_CONSTRAINTS[1]!.topologyKey);
  return zones === undefined ? null : plainConstraintScores(template, feasible, plain, zones);
}

// ImageLocality: a node holding the pod's image scores its size scaled by the share of nodes that
// hold it. Simplified: one image a pod, so one container's thresholds.
function addImageLocality(
  pod: PendingPod,
  feasible: readonly number[],
  ctx: SchedulingContext,
  scores: number[],
): void {
  const image = pod.image;
  const images = ctx.images;
  if (image === undefined || images === undefined || image.sizeBytes === 0) return;
  const holders = images.nodesWith(image.name);
  if (holders === 0) return; // every node scores imageLocalityPriority(0) = 0
  // Every node holding the image scores the same: the size scaled by the share of nodes holding it.
  const score = imageLocalityPriority(scaledImageScore(image.sizeBytes, holders, ctx.liveNodes), 1);
  if (score === 0) return;
  const flags = images.holders?.(image.name);
  if (flags !== undefined) {
    for (let k = 0; k < feasible.length; k++) if (flags[feasible[k]!] === 1) scores[k]! += score;
    return;
  }
  for (let k = 0; k < feasible.length; k++) if (images.on(feasible[k]!)?.has(image.name) === true) scores[k]! += score;
}

/**
 * constraintFiltersFor prepares the constraint filters when they can reject a node for this pod:
 * it asks something of nodes or other pods, some node has a pool taint, or some pod's
 * anti-affinity may keep it off nodes. Null otherwise: the fit alone decides, as it did before
 * nodes had labels.
 */
function constraintFiltersFor(pod: PendingPod, ctx: SchedulingContext): NodeConstraints | null {
  const template = pod.template;
  if (template === undefined) return null;
  const existing = ctx.existingAntiAffinity === true;
  if (!existing && ctx.hardTaints !== true && !isConstrained(template)) return null;
  return { filters: prepareConstraintFilters(template, () => clusterEntries(ctx.nodes), existing) };
}

/** NodeConstraints are a pod's prepared constraint filters, which filterNode runs around the fit. */
interface NodeConstraints {
  readonly filters: ConstraintFilters;
}

/** clusterEntries is the cluster as the constraint filters read it: each node with its pods, one template per ReplicaSet (or StatefulSet) with a count. */
export function clusterEntries(nodes: ReadonlyArray<SchedulableNode | undefined>): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  for (const n of nodes) {
    const entry = n === undefined ? undefined : entryOf(n);
    if (entry !== undefined) out.push(entry);
  }
  return out;
}

// A node as the plugins read it, with its pods one template per ReplicaSet (or StatefulSet) and a count.
function entryOf(n: SchedulableNode): ClusterEntry | undefined {
  if (n.entry !== undefined) return n.entry;
  if (n.object === undefined) return undefined;
  const templates = n.templatePods ?? new Map<Pod, number>();
  return { node: n.object, pods: [...templates.keys()], counts: [...templates.values()] };
}

// PodTopologySpread compares with the fewest of the workload's pods on any node; tainted nodes
// count too (nodeTaintsPolicy: Ignore, the default).
function minimumPods(nodes: ReadonlyArray<SchedulableNode | undefined>, workload: string): number {
  let min = Infinity;
  for (const node of nodes) {
    if (node === undefined) continue;
    min = Math.min(min, node.workloadPods.get(workload) ?? 0);
  }
  return Number.isFinite(min) ? min : 0;
}
