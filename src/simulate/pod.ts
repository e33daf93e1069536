// A pod as the simulation tracks it, from creation to gone, with the time of each step so that
// its start-up can be broken down.
import { cpuSharesToCPUWeight, milliCPUToShares } from '../models/cpu-share.js';
import type { Workload } from '../scenario/model.js';
import type { PendingPod } from '../models/scheduler/schedule-one.js';
import { isConstrained } from '../models/scheduler/plugins/index.js';
import type { ClusterNode } from './cluster.js';

/** PodPhase is where a pod is: the kubelet's phases, with ContainerCreating and Terminating split out. */
type PodPhase = 'Pending' | 'ContainerCreating' | 'Running' | 'Terminating' | 'Gone';

/**
 * UsageCohort is the settled pods of one template (usage-cohorts.ts): how many, and the figures
 * each has as of the latest usage sample, which stand for theirs while they are members.
 */
export interface UsageCohort {
  readonly spec: Workload;
  /** slot: its workload's place in the scenario; index: the cohort's own (in the order they were made); cpuWeight: each member's cgroup cpu.weight. */
  readonly slot: number;
  readonly index: number;
  /** revision: its members' template revision (their ReplicaSet's). */
  readonly revision: number;
  readonly cpuWeight: number;
  members: number;
  /** lastMs: the sample its figures are of; cumulative: CPU a member used from the cohort's start to then (millicore-ms). */
  lastMs: number;
  cumulative: number;
  /** What each member wants, uses (held until the next sample), serves and holds in memory. */
  demandMilli: number;
  usedMilli: number;
  servedRps: number;
  workingSetBytes: number;
  /** metrics-server's metric of each member at its latest scrape (metricMs): the rate over the window before it. */
  metricMs: number;
  metricCpuMilli: number;
  metricWindowMs: number;
}

/** Pod is one replica. Times are simulated ms, set when the step happens. */
export interface Pod extends PendingPod {
  readonly id: number;
  readonly name: string;
  /** spec is the pod template it was made from: its workload's, or a rollout's (another image). */
  readonly spec: Workload;
  /** revision numbers its workload's template: 0 the first, k after the k-th rollout (its ReplicaSet). */
  readonly revision: number;
  /** constrained: its template asks something of nodes' labels or of other pods (isConstrained). */
  readonly constrained: boolean;
  /** priority is its PriorityClass's value (0 without one). */
  readonly priority: number;
  /** nominatedNode is where it preempted pods and waits for them to go (nominatedNodeName). */
  nominatedNode: ClusterNode | null;
  /** ordinal is a StatefulSet pod's identity (name-0, name-1, …); -1 for a Deployment's. */
  readonly ordinal: number;
  phase: PodPhase;
  ready: boolean;
  node: ClusterNode | null;
  /** steady: the pod was Running and Ready before the run began (`start: steady`); it had no start-up in the run. */
  steady: boolean;
  /** createdMs is when the pod was created (for a steady pod, STEADY_SINCE_MS: long before the run). */
  createdMs: number;
  scheduledMs?: number;
  /** pulledMs is when its image was on the node (at once when cached). */
  pulledMs?: number;
  runningMs?: number;
  /** kubeletReady: the kubelet sees the pod Ready; `ready` is what the control plane sees (its status update landed). */
  kubeletReady: boolean;
  kubeletReadyMs?: number;
  /** readyMs is when the control plane first saw it Ready; readySinceMs when it last became Ready. */
  readyMs?: number;
  readySinceMs?: number;
  /** deletedMs is when the pod was deleted; goneMs when it was gone (its grace period over). */
  deletedMs?: number;
  goneMs?: number;
  /** attempts counts failed scheduling attempts, for the backoff; retryAtMs is when it ends. */
  attempts: number;
  retryAtMs: number;
  /** reason is the last FailedScheduling message, scaleUpReason the last NotTriggerScaleUp one: only changes are logged. */
  reason?: string;
  scaleUpReason?: string | undefined;
  /** cpuCumulative: CPU used since its container started (millicore-ms), as the kubelet's counter, up to cumulativeAtMs. */
  cpuCumulative: number;
  cumulativeAtMs: number;
  /** pointMs, pointCumulative: metrics-server's last point of it (-1: none). */
  pointMs: number;
  pointCumulative: number;
  /** metricMs: the scrape whose metrics it has (-1: none), and its CPU rate over metricWindowMs (its memory is its working set). */
  metricMs: number;
  metricCpuMilli: number;
  metricWindowMs: number;
  /** usageSlot: its workload's place in the scenario, for the usage sample's per-workload tallies. */
  usageSlot: number;
  /** cpuMilli wanted and used, and memory working set, at the latest usage sample (resource-usage.ts); 0 when not running. */
  cpuDemandMilli: number;
  cpuUsedMilli: number;
  workingSetBytes: number;
  /** servedRps: the requests a second it served at that sample; servedCapRps: the most it could serve until the next (Infinity when a request costs no CPU). */
  servedRps: number;
  servedCapRps: number;
  /**
   * cohort: the cohort of settled pods it is in (null: none), whose figures then stand for its
   * usage fields above and its metrics, and the cohort's CPU counter when it joined.
   */
  cohort: UsageCohort | null;
  cohortJoinCumulative: number;
  /** usageIndex: its place in its workload's list of pods in no cohort (-1: not listed). */
  usageIndex: number;
  /** cpuWeight is its cgroup's cpu.weight, from its CPU request (models/cpu-share.ts). */
  readonly cpuWeight: number;
  /** containerStartedMs: when its container last started (a leak grows from there); undefined while it is not running. */
  containerStartedMs?: number;
  /** restarts counts its container's restarts; backoffMs is the kubelet's CrashLoopBackOff entry (null: none yet). */
  restarts: number;
  backoffMs: number | null;
}

/** newPod creates a pending replica of `spec`. */
export function newPod(id: number, spec: Workload, nowMs: number, identity = { revision: 0, ordinal: -1 }): Pod {
  return {
    id,
    // A StatefulSet's pod is named by its ordinal, as upstream names it; a Deployment's by a counter.
    name: identity.ordinal >= 0 ? `${spec.name}-${identity.ordinal}` : `${spec.name}-${id}`,
    spec,
    revision: identity.revision,
    ordinal: identity.ordinal,
    workload: spec.name,
    spread: spec.spread,
    template: spec.template,
    image: spec.image,
    constrained: isConstrained(spec.template),
    priority: spec.priority,
    nominatedNode: null,
    cpuMilli: spec.requests.cpuMilli,
    memoryBytes: spec.requests.memoryBytes,
    volumes: spec.volumesPerReplica,
    hostPort: spec.hostPort,
    hostNetwork: false,
    phase: 'Pending',
    ready: false,
    kubeletReady: false,
    node: null,
    steady: false,
    createdMs: nowMs,
    attempts: 0,
    retryAtMs: nowMs,
    // Every field a pod will ever have, from the start: pods then share one hidden class in V8, and
    // the loops over 100,000s of them (HPA syncs, scrapes) read monomorphic fields, several times faster.
    scheduledMs: undefined,
    pulledMs: undefined,
    runningMs: undefined,
    kubeletReadyMs: undefined,
    readyMs: undefined,
    readySinceMs: undefined,
    deletedMs: undefined,
    goneMs: undefined,
    reason: undefined,
    scaleUpReason: undefined,
    cpuCumulative: 0,
    cumulativeAtMs: -1,
    pointMs: -1,
    pointCumulative: 0,
    metricMs: -1,
    metricCpuMilli: 0,
    metricWindowMs: 0,
    usageSlot: -1,
    cpuDemandMilli: 0,
    cpuUsedMilli: 0,
    workingSetBytes: 0,
    servedRps: 0,
    servedCapRps: 0,
    cohort: null,
    cohortJoinCumulative: 0,
    usageIndex: -1,
    cpuWeight: cpuSharesToCPUWeight(milliCPUToShares(spec.requests.cpuMilli)),
    containerStartedMs: undefined,
    restarts: 0,
    backoffMs: null,
  };
}

/**
 * PodRecord is what the run keeps of a pod once it is gone, for the summary and the charts: its
 * identity and the times of its steps. A gone pod's record replaces it (a fleet's day makes
 * 400,000 pods; the record is about a third of a pod's size).
 */
export type PodRecord = Pick<
  Pod,
  | 'id'
  | 'name'
  | 'workload'
  | 'spec'
  | 'template'
  | 'revision'
  | 'ordinal'
  | 'phase'
  | 'ready'
  | 'node'
  | 'steady'
  | 'createdMs'
  | 'scheduledMs'
  | 'pulledMs'
  | 'runningMs'
  | 'kubeletReadyMs'
  | 'readyMs'
  | 'readySinceMs'
  | 'deletedMs'
  | 'goneMs'
  | 'restarts'
  | 'reason'
  | 'cohort'
>;

/** podRecord is what the run keeps of a gone pod. */
export function podRecord(p: Pod): PodRecord {
  return {
    id: p.id,
    name: p.name,
    workload: p.workload,
    spec: p.spec,
    template: p.template,
    revision: p.revision,
    ordinal: p.ordinal,
    phase: p.phase,
    ready: p.ready,
    node: p.node,
    steady: p.steady,
    createdMs: p.createdMs,
    scheduledMs: p.scheduledMs,
    pulledMs: p.pulledMs,
    runningMs: p.runningMs,
    kubeletReadyMs: p.kubeletReadyMs,
    readyMs: p.readyMs,
    readySinceMs: p.readySinceMs,
    deletedMs: p.deletedMs,
    goneMs: p.goneMs,
    restarts: p.restarts,
    reason: p.reason,
    cohort: null,
  };
}

/** cpuUsedOf is a pod's CPU at the latest usage sample (millicores), its cohort's when it is in one. */
export const cpuUsedOf = (p: Pod): number => (p.cohort === null ? p.cpuUsedMilli : p.cohort.usedMilli);

/** isActive says whether a pod counts toward its workload's replicas (not terminating, not gone). */
export const isActive = (p: Pick<Pod, 'phase'>) => p.phase !== 'Terminating' && p.phase !== 'Gone';
