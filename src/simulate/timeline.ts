// What a run produces as it goes: a timeline row per workload per sample, the API traffic by
// kind per sample, and the cluster-wide figures of each sample; and the sink that takes the rows
// and events as they come, so that a long run need not hold them (poolsim run streams them to disk).
import type { ApiRequestKind } from '../models/kubelet.js';
import type { RunEvent } from './event-log.js';

/** TimelineRow is one sample of one workload, with the cluster's state at that time. */
export interface TimelineRow {
  readonly time_s: number;
  readonly workload: string;
  readonly desired_replicas: number;
  readonly ready_pods: number;
  readonly pending_pods: number;
  readonly nodes_ready: number;
  readonly nodes_provisioning: number;
  readonly nodes_not_ready: number;
  readonly container_creating_pods: number;
  readonly image_pulls_in_flight: number;
  readonly cpu_requested_fraction: number;
  readonly memory_requested_fraction: number;
  readonly unserved_rps: number;
  readonly api_rps: number;
  readonly api_throttled_rps: number;
  /** cost_usd is what the design's nodes have cost so far, each from its request to its removal. */
  readonly cost_usd: number;
  /** warmup is 1 for a sample within the scenario's warm-up (left out of the summary), else 0. */
  readonly warmup: number;
  /** updated_pods: pods of the workload's latest template (all of them before any rollout); unavailable_pods: desired replicas not available (Ready for minReadySeconds). */
  readonly updated_pods: number;
  readonly unavailable_pods: number;
  /** cpu_used_cores: CPU the workload's pods used at the latest usage sample; cpu_requested_cores: what its running pods request. */
  readonly cpu_used_cores: number;
  readonly cpu_requested_cores: number;
  /** memory_working_set_bytes: its pods' working sets at the latest usage sample. */
  readonly memory_working_set_bytes: number;
}

/** PoolRow is one sample of one pool's Ready nodes: what their pods use against what they can hold, and the fullest node. */
export interface PoolRow {
  readonly time_s: number;
  readonly pool: string;
  /** instance_type is the pool's (empty for an inline type); capacity_type on-demand or spot (Karpenter's spot node groups). */
  readonly instance_type: string;
  readonly capacity_type: 'on-demand' | 'spot';
  readonly nodes: number;
  readonly cpu_used_cores: number;
  readonly cpu_allocatable_cores: number;
  /** memory_working_set_bytes: the pods' working sets and the DaemonSets' requests, all the pool's nodes together. */
  readonly memory_working_set_bytes: number;
  readonly memory_allocatable_bytes: number;
  /** fullest_node: the node whose memory is most used (of its allocatable), and that fraction. */
  readonly fullest_node: string;
  readonly fullest_node_memory_fraction: number;
  /** memory_pressure_nodes: nodes tainted for MemoryPressure. */
  readonly memory_pressure_nodes: number;
}

/** ApiRow is one sample of the API server's traffic from the kubelets, by kind of request. */
export interface ApiRow {
  readonly time_s: number;
  readonly kind: ApiRequestKind;
  readonly requests_per_second: number;
}

/** ClusterSample is one sample's cluster-wide figures: the workloads' rows summed, or the figures every row repeats. */
export interface ClusterSample {
  readonly time_s: number;
  readonly ready_pods: number;
  readonly pending_pods: number;
  readonly unserved_rps: number;
  readonly nodes_ready: number;
  readonly cost_usd: number;
  readonly cpu_requested_fraction: number;
  readonly memory_requested_fraction: number;
  readonly api_rps: number;
}

/** clusterSample sums one sample's rows (in workload order) into its cluster-wide figures; null without rows. */
export function clusterSample(rows: readonly TimelineRow[]): ClusterSample | null {
  const first = rows[0];
  if (first === undefined) return null;
  let ready = 0;
  let pending = 0;
  let unserved = 0;
  for (const r of rows) {
    ready += r.ready_pods;
    pending += r.pending_pods;
    unserved += r.unserved_rps;
  }
  return {
    time_s: first.time_s,
    ready_pods: ready,
    pending_pods: pending,
    unserved_rps: unserved,
    nodes_ready: first.nodes_ready,
    cost_usd: first.cost_usd,
    cpu_requested_fraction: first.cpu_requested_fraction,
    memory_requested_fraction: first.memory_requested_fraction,
    api_rps: first.api_rps,
  };
}

/** OTHER_WORKLOADS names the timeline row that sums the workloads a sized-down timeline leaves out. */
export const OTHER_WORKLOADS = '(other)';

// Whose each column is: a workload's own (summed into the "(other)" row) or the cluster's (the same
// on every row of a sample). Every column of TimelineRow is named here, so a new one cannot be
// copied into "(other)" from one left-out workload by being forgotten.
const SCOPE = {
  desired_replicas: 'workload',
  ready_pods: 'workload',
  pending_pods: 'workload',
  container_creating_pods: 'workload',
  unserved_rps: 'workload',
  updated_pods: 'workload',
  unavailable_pods: 'workload',
  cpu_used_cores: 'workload',
  cpu_requested_cores: 'workload',
  memory_working_set_bytes: 'workload',
  nodes_ready: 'cluster',
  nodes_provisioning: 'cluster',
  nodes_not_ready: 'cluster',
  image_pulls_in_flight: 'cluster',
  cpu_requested_fraction: 'cluster',
  memory_requested_fraction: 'cluster',
  api_rps: 'cluster',
  api_throttled_rps: 'cluster',
  cost_usd: 'cluster',
  warmup: 'cluster',
} as const satisfies Record<Exclude<keyof TimelineRow, 'time_s' | 'workload'>, 'workload' | 'cluster'>;

const PER_WORKLOAD = (Object.keys(SCOPE) as Array<keyof typeof SCOPE>).filter((c) => SCOPE[c] === 'workload');

/**
 * keepWorkloads is one sample's rows with those of `kept` workloads as they are and the others
 * summed into one row named OTHER_WORKLOADS, last (none when every workload is kept); the sums of
 * every column over the rows are those of the rows given, up to rounding.
 */
export function keepWorkloads(rows: readonly TimelineRow[], kept: ReadonlySet<string>): TimelineRow[] {
  const out: TimelineRow[] = [];
  let other: Record<string, number | string> | null = null;
  for (const r of rows) {
    if (kept.has(r.workload)) {
      out.push(r);
      continue;
    }
    if (other === null) other = { ...r, workload: OTHER_WORKLOADS };
    else for (const column of PER_WORKLOAD) (other[column] as number) += r[column] as number;
  }
  if (other !== null) {
    for (const column of ['unserved_rps', 'cpu_used_cores', 'cpu_requested_cores'] as const)
      other[column] = Math.round((other[column] as number) * 1e6) / 1e6;
    out.push(other as unknown as TimelineRow);
  }
  return out;
}

/** NodeRow is one sample of one Ready node (written with --node-timeline): what its pods use against its allocatable. */
export interface NodeRow {
  readonly time_s: number;
  readonly node: string;
  readonly pool: string;
  readonly cpu_used_cores: number;
  readonly cpu_allocatable_cores: number;
  /** memory_working_set_bytes: its pods' working sets and its DaemonSets' requests. */
  readonly memory_working_set_bytes: number;
  readonly memory_allocatable_bytes: number;
  /** memory_pressure: 1 while the node is tainted for MemoryPressure. */
  readonly memory_pressure: number;
}

/** RunSink takes a run's rows and events as they are made, instead of the run keeping them. */
export interface RunSink {
  timeline(rows: readonly TimelineRow[]): void;
  api(rows: readonly ApiRow[]): void;
  pools(rows: readonly PoolRow[]): void;
  /** nodes takes a row per Ready node per sample, when the run keeps them (--node-timeline). */
  nodes?(rows: readonly NodeRow[]): void;
  event(event: RunEvent): void;
}
