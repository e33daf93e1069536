// Column names of the CSV files, shared by the writers and (later) the charts.

export const TIMELINE_COLUMNS = [
  'time_s', 'workload', 'desired_replicas', 'ready_pods', 'pending_pods', 'nodes_ready', 'nodes_provisioning',
  'cpu_requested_fraction', 'memory_requested_fraction', 'unserved_rps',
] as const;

export const EVENT_COLUMNS = ['time_s', 'kind', 'name', 'reason', 'message'] as const;

export const COMPARISON_COLUMNS = [
  'design', 'nodes_initial', 'nodes_peak', 'nodes_final', 'nodes_provisioned', 'pods_peak_pending', 'pending_pod_seconds',
  'startup_p50_s', 'startup_p95_s', 'startup_max_s', 'unserved_requests', 'unserved_fraction',
  'mean_cpu_requested_fraction', 'mean_memory_requested_fraction', 'reserved_fraction', 'cost_total_usd', 'cost_per_pod_hour_usd',
] as const;
