// The cluster autoscaler's scale-up for one loop, as upstream's orchestrator decides it:
// kubernetes/autoscaler cluster-autoscaler/core/scaleup/orchestrator/orchestrator.go (ScaleUp,
// filterValidScaleUpNodeGroups, SchedulablePodGroups, ComputeExpansionOption, GetCappedNewNodeCount,
// applyLimits, balanceScaleUps, capScaleUpsByQuota, GetRemainingPods, GetPodsAwaitingEvaluation),
// clusterstate/clusterstate.go (IsNodeGroupHealthy), estimator/binpacking_estimator.go with the
// threshold limiter (estimator/sng_capacity_threshold.go, cluster_capacity_threshold.go,
// static_threshold.go). Tested against orchestrator_test.go's tables. A group with a template node
// object is held to the scheduler's constraint filters (labels, zone, taints, spread, affinity).
// Simplified: pods are grouped by equal requests and template rather than by owner; groups are
// never created (a group that does not exist is scaled as if it did); no GPUs.
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { fitsResources, podRequest, type PodAsk } from '../resources.js';
import type { ClusterEntry } from '../scheduler/plugins/index.js';
import { binpack, templateResources, type NodeTemplate } from './estimator.js';
import {
  expanderBestOptions,
  type ExpanderConfig,
  type ExpanderName,
  type ExpanderOption,
} from './expander-filters.js';
import { balanceScaleUpBetweenGroups, isNodeInfoSimilar, type SimilarityTemplate } from './node-group-set.js';
import { constraintFilters, constraintGate, emptyRoom, passesConstraints, type Room } from './placement.js';
import { QuotaTracker, type Quota } from './resource-quotas.js';

/** OrchestratorNodeGroup is a node group: its bounds, size, options and template node. */
export interface OrchestratorNodeGroup {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** targetSize counts the group's nodes, registered or on their way. */
  readonly targetSize: number;
  /** exists: false for a group auto-provisioning would create. */
  readonly exists: boolean;
  /** zeroOrMaxNodeScaling: the group only goes from zero to its maximum (atomic scaling). */
  readonly zeroOrMaxNodeScaling: boolean;
  /** template is what a new node offers pods (DaemonSets already placed). */
  readonly template: NodeTemplate;
  /** capacity is a new node's machine capacity, as limits count it and the expanders score it (default: the template). */
  readonly capacity?: { readonly cpuMilli: number; readonly memoryBytes: number };
  /** backedOff: the group is in backoff after a failed scale-up. */
  readonly backedOff?: boolean;
  /** upcoming counts nodes of a scale-up in flight: not Ready yet, and not held against the group's health. */
  readonly upcoming?: number;
  /** node is the template node as a v1 Node (labels, zone, taints), for the scheduler's constraint filters. */
  readonly node?: Node;
}

/** OrchestratorInput is one loop's view of the cluster and the autoscaler's options. */
export interface OrchestratorInput {
  readonly nodeGroups: readonly OrchestratorNodeGroup[];
  /** nodes are the registered nodes (group null: a node no group manages) and, marked `upcoming`, template nodes for those on their way. */
  readonly nodes: ReadonlyArray<{
    readonly name: string;
    readonly group: string | null;
    readonly cpuMilli: number;
    readonly memoryBytes: number;
    readonly ready: boolean;
    /** upcoming: a node still on its way, which counts for limits but not for the group's readiness. */
    readonly upcoming?: boolean;
  }>;
  /** pods are those bound to nodes: a template node keeps none of them, so they weigh on nothing here. */
  readonly pods: ReadonlyArray<{ readonly name: string; readonly node: string } & PodAsk>;
  /** pending are the unschedulable pods, in the order the autoscaler lists them. */
  readonly pending: ReadonlyArray<{ readonly name: string; readonly template?: Pod } & PodAsk>;
  /** snapshot are the nodes that take pods, as rooms with their node objects; counted, the nodes that only count for spread and affinity. */
  readonly snapshot?: readonly Room[];
  readonly counted?: readonly ClusterEntry[];
  /** limits: maxNodesTotal 0 is none; cores and bytes null are none. */
  readonly limits: {
    readonly maxNodesTotal: number;
    readonly maxCoresTotal: number | null;
    readonly maxMemoryTotalBytes: number | null;
  };
  readonly quotas: readonly Quota[];
  readonly balanceSimilarNodeGroups: boolean;
  readonly allOrNothing: boolean;
  /** expander: one of --expander's, or mock-choose (the option named by expansionOptionToChoose, as upstream's tests inject). */
  readonly expander: ExpanderName | 'mock-choose';
  readonly expansionOptionToChoose: { readonly group: string; readonly nodeCount: number } | null;
  /** expanderConfig is what price and priority read (expanderBestOptions). */
  readonly expanderConfig?: ExpanderConfig;
  /** random picks among the options the expander ties (a uniform draw in [0, 1)); default the first. */
  readonly random?: () => number;
  /**
   * estimationLimits: the estimate stops at --max-nodes-per-scaleup, the groups' room and the
   * cluster's room, as the autoscaler's main builds it; upstream's tests build it without (default false).
   */
  readonly estimationLimits?: boolean;
  /** --ok-total-unready-count and --max-total-unready-percentage for a group's health (upstream's tests: 0, 0). */
  readonly okTotalUnreadyCount?: number;
  readonly maxTotalUnreadyPercentage?: number;
}

/** OrchestratorOption is an expansion option offered to the expander: the group, its node count and the pods it places. */
export interface OrchestratorOption {
  readonly group: string;
  readonly nodeCount: number;
  readonly pods: readonly string[];
}

/** OrchestratorResult is the loop's scale-up status. */
export interface OrchestratorResult {
  readonly noScaleUp: boolean;
  readonly scaleUps: ReadonlyArray<{ readonly group: string; readonly delta: number }>;
  readonly options: readonly OrchestratorOption[];
  readonly podsTriggeredScaleUp: readonly string[];
  readonly podsRemainUnschedulable: readonly string[];
  readonly podsAwaitEvaluation: readonly string[];
  /** skipped are the groups left out before estimating, with upstream's reason (skippedreasons.go). */
  readonly skipped: ReadonlyArray<{ readonly group: string; readonly reason: string }>;
}

// The cloud provider's resource limiter, as a quota on every node.
const CLUSTER_WIDE = 'cluster-wide';

/** MAX_NODES_PER_SCALE_UP is --max-nodes-per-scaleup's default. */
export const MAX_NODES_PER_SCALE_UP = 1000;

// An equivalence group: pods of equal requests and template, which groups can take them and which cannot.
interface EquivalenceGroup {
  readonly exemplar: PodAsk & { readonly template?: Pod };
  readonly pods: string[];
  schedulable: boolean;
  readonly schedulableGroups: string[];
  readonly errors: Set<string>;
}

function buildPodGroups(pending: OrchestratorInput['pending']): EquivalenceGroup[] {
  const byKey = new Map<string, EquivalenceGroup>();
  // Pods of one controller share their template (groupPodsBySchedulingProperties).
  const templates = new Map<Pod | undefined, number>();
  for (const p of pending) {
    const r = podRequest(p);
    if (!templates.has(p.template)) templates.set(p.template, templates.size);
    const key = `${r.cpuMilli}/${r.memoryBytes}/${r.hostPort ?? ''}/${r.volumes}/${r.hostNetwork}/${templates.get(p.template)}`;
    const g = byKey.get(key);
    if (g !== undefined) g.pods.push(p.name);
    else byKey.set(key, { exemplar: p, pods: [p.name], schedulable: false, schedulableGroups: [], errors: new Set() });
  }
  return [...byKey.values()];
}

const capacityOf = (g: OrchestratorNodeGroup) => g.capacity ?? g.template;

// IsNodeGroupHealthy: more of the group's nodes missing from Ready than the scale-up in flight
// explains, beyond --ok-total-unready-count and --max-total-unready-percentage of its nodes.
function isNodeGroupHealthy(g: OrchestratorNodeGroup, input: OrchestratorInput): boolean {
  // The readiness clusterstate counts: registered nodes only.
  const own = input.nodes.filter((n) => n.group === g.name && n.upcoming !== true);
  const ready = own.filter((n) => n.ready).length;
  const minNodes = g.targetSize - (g.upcoming ?? 0);
  const unjustified = Math.max(0, minNodes - ready);
  return !(
    unjustified > (input.okTotalUnreadyCount ?? 0) &&
    unjustified > ((input.maxTotalUnreadyPercentage ?? 0) / 100) * own.length
  );
}

const quotaNode = (g: OrchestratorNodeGroup) => ({ group: g.name, ...capacityOf(g) });

type Option = OrchestratorOption & { readonly nodeGroup: OrchestratorNodeGroup };

// One loop's ScaleUp, its steps named as upstream's methods.
class ScaleUpOrchestrator {
  private readonly currentNodeCount: number;
  private readonly tracker: QuotaTracker;
  private readonly podGroups: EquivalenceGroup[];
  private readonly skipped: Array<{ group: string; reason: string }> = [];
  private readonly schedulable = new Map<string, EquivalenceGroup[]>();
  private readonly health = new Map<string, boolean>();
  private offered: OrchestratorOption[] = [];

  constructor(private readonly input: OrchestratorInput) {
    const { limits } = input;
    this.currentNodeCount = input.nodes.length;
    const limiter: Quota = {
      name: CLUSTER_WIDE,
      appliesToGroups: '*',
      limits: {
        ...(limits.maxCoresTotal !== null && { cpu: limits.maxCoresTotal }),
        ...(limits.maxMemoryTotalBytes !== null && { memory: limits.maxMemoryTotalBytes }),
      },
    };
    this.tracker = new QuotaTracker([limiter, ...input.quotas], input.nodes);
    this.podGroups = buildPodGroups(input.pending);
  }

  scaleUp(): OrchestratorResult {
    const { input, tracker } = this;
    const valid = this.filterValidScaleUpNodeGroups();
    for (const g of valid) this.schedulablePodGroups(g);
    const options: Option[] = [];
    for (const g of valid) {
      const o = this.computeExpansionOption(g);
      if (o !== null) options.push(o);
    }
    this.offered = options.map(({ group, nodeCount, pods }) => ({ group, nodeCount, pods }));
    if (options.length === 0) return this.noScaleUp();
    const best = chooseOption(options, input);
    if (best === null || best.nodeCount <= 0) return this.nothingHelped();

    // GetCappedNewNodeCount: the cluster's node limit.
    let newNodes = best.nodeCount;
    const { maxNodesTotal } = input.limits;
    if (maxNodesTotal > 0 && newNodes + this.currentNodeCount > maxNodesTotal) {
      newNodes = maxNodesTotal - this.currentNodeCount;
      if (newNodes < 1) return this.noScaleUp(best.pods);
    }
    // applyLimits: the quotas.
    newNodes = tracker.check(quotaNode(best.nodeGroup), newNodes).allowedDelta;
    if (newNodes < best.nodeCount && input.allOrNothing) return this.nothingHelped();
    if (!best.nodeGroup.exists && input.allOrNothing && best.nodeGroup.max < newNodes) return this.nothingHelped();

    const scaleUps = this.balanceScaleUps(best.nodeGroup, newNodes);
    const totalCapacity = scaleUps.reduce((n, s) => n + s.delta, 0);
    if (totalCapacity < newNodes && input.allOrNothing) return this.nothingHelped();
    return {
      noScaleUp: false,
      scaleUps,
      options: this.offered,
      podsTriggeredScaleUp: best.pods,
      podsRemainUnschedulable: this.remaining(),
      // GetPodsAwaitingEvaluation: pods another group could take, but not the one grown.
      podsAwaitEvaluation: this.podGroups
        .filter((eg) => eg.schedulable && eg.errors.has(best.group))
        .flatMap((eg) => eg.pods),
      skipped: this.skipped,
    };
  }

  // IsNodeGroupHealthy, once a group a loop.
  private healthy(g: OrchestratorNodeGroup): boolean {
    let h = this.health.get(g.name);
    if (h === undefined) this.health.set(g.name, (h = isNodeGroupHealthy(g, this.input)));
    return h;
  }

  private safeToScale(g: OrchestratorNodeGroup): boolean {
    return !g.exists || (!g.backedOff && this.healthy(g));
  }

  private filterValidScaleUpNodeGroups(): OrchestratorNodeGroup[] {
    return this.input.nodeGroups.filter((g) => {
      const reason = this.skipReason(g);
      if (reason !== null) this.skipped.push({ group: g.name, reason });
      return reason === null;
    });
  }

  private skipReason(g: OrchestratorNodeGroup): string | null {
    const { maxNodesTotal } = this.input.limits;
    // IsNodeGroupReadyToScaleUp: health first, then backoff.
    if (g.exists && !this.healthy(g)) return 'not ready for scale-up';
    if (g.exists && g.backedOff) return 'in backoff after failed scale-up';
    if (g.targetSize >= g.max) return 'max node group size reached';
    const numNodes = g.zeroOrMaxNodeScaling ? g.max - g.targetSize : 1;
    if (g.zeroOrMaxNodeScaling && maxNodesTotal !== 0 && this.currentNodeCount + numNodes > maxNodesTotal)
      return 'atomic scale-up exceeds cluster node count limit';
    const exceeded = this.tracker.check(quotaNode(g), numNodes).exceeded;
    if (exceeded.length === 0) return null;
    // NewMaxResourceLimitReached's message for the cluster-wide limits; a quota named for the others.
    return exceeded
      .map((e) =>
        e.quota === CLUSTER_WIDE
          ? `max cluster ${e.resources.join(', ')} limit reached`
          : `quota ${e.quota} reached: ${e.resources.join(', ')}`,
      )
      .join('; ');
  }

  // SchedulablePodGroups: the pod groups whose exemplar passes the filters on an empty node of the
  // group, added to the snapshot (CheckPredicates on the template node).
  private schedulablePodGroups(g: OrchestratorNodeGroup): void {
    const room = templateResources(g.template);
    const fitting: EquivalenceGroup[] = [];
    const { snapshot = [], counted = [] } = this.input;
    const templateRoom = g.node === undefined ? null : emptyRoom(room, g.node);
    const rooms = templateRoom === null ? [] : [...snapshot, templateRoom];
    const gate = constraintGate(rooms, counted);
    for (const eg of this.podGroups) {
      const pod = { ...podRequest(eg.exemplar), workload: '', spread: false, template: eg.exemplar.template };
      const filters = templateRoom === null ? null : constraintFilters(pod, rooms, counted, gate);
      if (
        fitsResources(podRequest(eg.exemplar), room) &&
        (templateRoom === null || passesConstraints(filters, templateRoom))
      ) {
        fitting.push(eg);
        eg.schedulable = true;
        eg.schedulableGroups.push(g.name);
      } else eg.errors.add(g.name);
    }
    this.schedulable.set(g.name, fitting);
  }

  // ComputeSimilarNodeGroups: valid groups of the same machines that take the same pods.
  private computeSimilarNodeGroups(g: OrchestratorNodeGroup): OrchestratorNodeGroup[] {
    const mine = this.schedulable.get(g.name);
    if (!this.input.balanceSimilarNodeGroups || g.zeroOrMaxNodeScaling || mine === undefined || mine.length === 0)
      return [];
    const template = similarityTemplate(g);
    return this.input.nodeGroups.filter((ng) => {
      if (ng === g || !isNodeInfoSimilar(template, similarityTemplate(ng))) return false;
      const theirs = this.schedulable.get(ng.name);
      return this.safeToScale(ng) && theirs !== undefined && mine.every((eg) => theirs.includes(eg));
    });
  }

  private computeExpansionOption(g: OrchestratorNodeGroup): Option | null {
    const { input } = this;
    const fitting = this.schedulable.get(g.name)!;
    if (fitting.length === 0) return null;
    const maxNodes = input.estimationLimits
      ? estimateLimit(g, this.computeSimilarNodeGroups(g), input.limits.maxNodesTotal, this.currentNodeCount)
      : 0;
    if (maxNodes < 0) return null;
    const estimate = binpack({
      template: g.template,
      podGroups: fitting.map((eg) => ({ ...eg.exemplar, count: eg.pods.length })),
      maxNodes,
      ...(g.node === undefined
        ? {}
        : { templateNode: g.node, snapshot: input.snapshot ?? [], counted: input.counted ?? [] }),
    });
    let nodeCount = estimate.nodeCount;
    let pods = fitting.flatMap((eg, i) => eg.pods.slice(0, estimate.scheduledPerGroup[i]));
    if (g.zeroOrMaxNodeScaling) {
      // The only valid count is the group's maximum; all-or-nothing will not cap the estimate to it.
      if (input.allOrNothing && nodeCount > g.max) {
        pods = [];
        nodeCount = 0;
      }
      if (nodeCount > 0) nodeCount = g.max;
    }
    if (pods.length === 0 || nodeCount === 0) return null;
    if (input.allOrNothing && pods.length < input.pending.length) return null;
    return { group: g.name, nodeCount, pods, nodeGroup: g };
  }

  // balanceScaleUps: split among similar groups that still have quota, then capScaleUpsByQuota.
  private balanceScaleUps(group: OrchestratorNodeGroup, newNodes: number): Array<{ group: string; delta: number }> {
    const { tracker } = this;
    const targets = [
      group,
      ...this.computeSimilarNodeGroups(group).filter((ng) => tracker.check(quotaNode(ng), 1).exceeded.length === 0),
    ];
    const byName = new Map(targets.map((g) => [g.name, g]));
    const infos = balanceScaleUpBetweenGroups(
      targets.map((g) => ({ name: g.name, targetSize: g.targetSize, maxSize: g.max })),
      newNodes,
    );
    for (const info of infos) {
      const delta = info.newSize - info.currentSize;
      const node = quotaNode(byName.get(info.group)!);
      const allowed = tracker.check(node, delta).allowedDelta;
      if (allowed < delta) info.newSize = info.currentSize + allowed;
      if (allowed > 0) tracker.consume(node, allowed);
    }
    return infos
      .filter((i) => i.newSize !== i.currentSize)
      .map((i) => ({ group: i.group, delta: i.newSize - i.currentSize }));
  }

  // GetRemainingPods: the pods no valid group can take.
  private remaining(): string[] {
    return this.podGroups.filter((eg) => !eg.schedulable).flatMap((eg) => eg.pods);
  }

  private noScaleUp(podsTriggeredScaleUp: readonly string[] = []): OrchestratorResult {
    return {
      noScaleUp: true,
      scaleUps: [],
      options: this.offered,
      podsTriggeredScaleUp,
      podsRemainUnschedulable: this.remaining(),
      podsAwaitEvaluation: [],
      skipped: this.skipped,
    };
  }

  // markAllGroupsAsUnschedulable: nothing is helped this loop.
  private nothingHelped(): OrchestratorResult {
    for (const eg of this.podGroups) {
      if (!eg.schedulable) continue;
      for (const name of eg.schedulableGroups) eg.errors.add(name);
      eg.schedulable = false;
    }
    return this.noScaleUp();
  }
}

/** orchestrateScaleUp is ScaleUp for one loop. */
export function orchestrateScaleUp(input: OrchestratorInput): OrchestratorResult {
  return new ScaleUpOrchestrator(input).scaleUp();
}

function similarityTemplate(g: OrchestratorNodeGroup): SimilarityTemplate {
  const c = capacityOf(g);
  return {
    capacity: { cpuMilli: c.cpuMilli, memoryBytes: c.memoryBytes, pods: g.template.pods },
    // The template is what pods may use: allocatable and free alike (DaemonSets already taken out).
    allocatable: { cpuMilli: g.template.cpuMilli, memoryBytes: g.template.memoryBytes, pods: g.template.pods },
    free: { cpuMilli: g.template.cpuMilli, memoryBytes: g.template.memoryBytes, pods: g.template.pods },
    labels: g.node?.metadata?.labels ?? {},
  };
}

// The threshold-based estimation limiter: the smallest of --max-nodes-per-scaleup, the room left in
// the group and its similar groups, and the cluster's room (−1: no room at all).
function estimateLimit(
  g: OrchestratorNodeGroup,
  similar: readonly OrchestratorNodeGroup[],
  maxNodesTotal: number,
  currentNodeCount: number,
): number {
  const groupRoom = [g, ...similar].reduce((n, x) => n + Math.max(0, x.max - x.targetSize), 0);
  const clusterRoom = maxNodesTotal > 0 ? maxNodesTotal - currentNodeCount : Infinity;
  if (groupRoom <= 0 || clusterRoom <= 0) return -1;
  return Math.min(MAX_NODES_PER_SCALE_UP, groupRoom, clusterRoom);
}

// A pod as the expanders that never read its requests see it.
const UNSIZED = Object.freeze({ name: '', cpuMilli: 0, memoryBytes: 0 });

// The expander's BestOption: the mock's choice, or the filters' best with ties broken at random.
function chooseOption<T extends OrchestratorOption & { readonly nodeGroup: OrchestratorNodeGroup }>(
  options: readonly T[],
  input: OrchestratorInput,
): T | null {
  if (input.expander === 'mock-choose') {
    const want = input.expansionOptionToChoose;
    const o = want === null ? undefined : options.find((x) => x.group === want.group);
    return o === undefined ? null : { ...o, nodeCount: want!.nodeCount };
  }
  // Only least-waste and price read what the pods request; the others read how many there are.
  const sized = input.expander === 'least-waste' || input.expander === 'price';
  const named = new Map(sized ? input.pending.map((p) => [p.name, p]) : []);
  const podOf = (name: string) => {
    const p = named.get(name);
    return p === undefined ? UNSIZED : { name, cpuMilli: p.cpuMilli, memoryBytes: p.memoryBytes };
  };
  const upstream: ExpanderOption[] = options.map((o) => {
    const c = capacityOf(o.nodeGroup);
    return {
      group: o.group,
      nodeCount: o.nodeCount,
      exists: o.nodeGroup.exists,
      nodeTemplate: { cpuMilli: c.cpuMilli, memoryBytes: c.memoryBytes, pods: o.nodeGroup.template.pods },
      pods: o.pods.map(podOf),
    };
  });
  const best = new Set(
    expanderBestOptions({ expander: input.expander, options: upstream, config: input.expanderConfig ?? {} }),
  );
  const kept = options.filter((o) => best.has(o.group));
  if (kept.length === 0) return null;
  // The random fallback: rand.Intn(len(options)); with one option left no draw is needed.
  if (kept.length === 1 || input.random === undefined) return kept[0]!;
  return kept[Math.floor(input.random() * kept.length)]!;
}
