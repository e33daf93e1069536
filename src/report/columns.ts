// Column names of the CSV files, shared by the writers and the charts. New columns go at the end:
// readers of the files find columns by position as well as by name.
import type { NodeRow, PoolRow, TimelineRow } from '../simulate/timeline.js';

export const TIMELINE_COLUMNS = [
  'time_s',
  'workload',
  'desired_replicas',
  'ready_pods',
  'pending_pods',
  'container_creating_pods',
  'nodes_ready',
  'nodes_provisioning',
  'image_pulls_in_flight',
  'cpu_requested_fraction',
  'memory_requested_fraction',
  'unserved_rps',
  'nodes_not_ready',
  'api_rps',
  'api_throttled_rps',
  'cost_usd',
  'warmup',
  'updated_pods',
  'unavailable_pods',
  'cpu_used_cores',
  'cpu_requested_cores',
  'memory_working_set_bytes',
] as const satisfies ReadonlyArray<keyof TimelineRow>;

export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];
export type ApiColumn = (typeof API_COLUMNS)[number];

export const API_COLUMNS = ['time_s', 'kind', 'requests_per_second'] as const;

/** POOL_COLUMNS are pools.csv's: one row per pool per sample, PoolRow's fields in its order. */
export const POOL_COLUMNS = [
  'time_s',
  'pool',
  'nodes',
  'cpu_used_cores',
  'cpu_allocatable_cores',
  'memory_working_set_bytes',
  'memory_allocatable_bytes',
  'fullest_node',
  'fullest_node_memory_fraction',
  'memory_pressure_nodes',
] as const satisfies ReadonlyArray<keyof PoolRow>;
export type PoolColumn = (typeof POOL_COLUMNS)[number];

/** NODE_COLUMNS are nodes.csv's (--node-timeline): one row per Ready node per sample, NodeRow's fields in its order. */
export const NODE_COLUMNS = [
  'time_s',
  'node',
  'pool',
  'cpu_used_cores',
  'cpu_allocatable_cores',
  'memory_working_set_bytes',
  'memory_allocatable_bytes',
  'memory_pressure',
] as const satisfies ReadonlyArray<keyof NodeRow>;

export const EVENT_COLUMNS = ['time_s', 'kind', 'name', 'reason', 'message'] as const;

export const COMPARISON_COLUMNS = [
  'design',
  'nodes_initial',
  'nodes_peak',
  'nodes_final',
  'nodes_provisioned',
  'pods_peak_pending',
  'pending_pod_seconds',
  'startup_p50_s',
  'startup_p95_s',
  'startup_max_s',
  'unserved_requests',
  'unserved_fraction',
  'mean_cpu_requested_fraction',
  'mean_memory_requested_fraction',
  'reserved_fraction',
  'cost_total_usd',
  'cost_per_pod_hour_usd',
  'image_pulls',
  'image_bytes_pulled',
  'image_bytes_from_registry',
  'image_bytes_from_mirror',
  'image_bytes_from_peers',
  'image_pull_p95_s',
  'scale_ups',
  'scale_downs',
  'nodes_added',
  'nodes_removed',
  'failed_provisions',
  'startup_pending_mean_s',
  'startup_provisioning_mean_s',
  'startup_pulling_mean_s',
  'startup_starting_mean_s',
  'startup_readiness_mean_s',
  'startup_reporting_mean_s',
  'api_peak_rps',
  'api_mean_rps',
  'api_requests',
  'api_throttled_requests',
  'pod_ready_delay_p50_s',
  'pod_ready_delay_p95_s',
  'kubelet_crashes',
  'kubelet_restarts',
  'kubelet_fatal',
  'kubelet_down_seconds',
  'node_not_ready_seconds',
  'pods_evicted',
  'max_replicas_on_one_node',
  'min_effective_replication',
  'recovery_s',
  'never_ready_pods',
  'pending_pods_at_end',
  'cpu_used_core_seconds',
  'cpu_requested_core_seconds',
  'cpu_burst_fraction',
  'cpu_throttled_core_seconds',
  'memory_peak_working_set_bytes',
  'oom_kills',
  'memory_pressure_evictions',
] as const;
