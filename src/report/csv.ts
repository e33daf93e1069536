// The run's CSV files, through csv-file.ts: quoting and headers done right, so pandas, R and spreadsheets read it.
import type { RunEvent } from '../simulate/event-log.js';
import type { ApiRow, NodeRow, PoolRow, TimelineRow } from '../simulate/timeline.js';
import {
  API_COLUMNS,
  COMPARISON_COLUMNS,
  EVENT_COLUMNS,
  NODE_COLUMNS,
  POOL_COLUMNS,
  TIMELINE_COLUMNS,
} from './columns.js';
import { distributionColumns } from './monte-carlo.js';
import type { Summary } from './summary.js';
import { csvText } from './csv-file.js';

// timeline.csv, events.csv, api.csv and pools.csv are written row by row as a run goes (csv-file.ts), or
// whole from kept rows: the same bytes either way.

/** timelineCsv is timeline.csv: one row per sample and workload. */
export const timelineCsv = (rows: readonly TimelineRow[]) =>
  csvText(TIMELINE_COLUMNS, rows as unknown as Array<Record<string, unknown>>);

/** eventRow is an event as a row of events.csv, time in seconds. */
export const eventRow = (e: RunEvent) => ({
  time_s: e.timeMs / 1000,
  kind: e.kind,
  name: e.name,
  reason: e.reason,
  message: e.message,
});

/** eventsCsv is events.csv: one row per event. */
export const eventsCsv = (events: readonly RunEvent[]) => csvText(EVENT_COLUMNS, events.map(eventRow));

/** comparisonCsv is comparison.csv: one row per design, the summary's figures as columns (empty where there is no value). */
export function comparisonCsv(summaries: readonly Summary[]): string {
  // After a Monte Carlo run, each compared metric's distribution follows (metric_p5, …, metric_ci95High).
  const spread = summaries.some((s) => s.distributions !== undefined);
  const columns = spread
    ? [...COMPARISON_COLUMNS, ...Object.keys(distributionColumns(summaries[0]!))]
    : COMPARISON_COLUMNS;
  return csvText(
    columns,
    summaries.map((s) => ({
      ...(spread ? distributionColumns(s) : {}),
      design: s.design,
      nodes_initial: s.nodes.initial,
      nodes_peak: s.nodes.peak,
      nodes_final: s.nodes.final,
      nodes_provisioned: s.nodes.provisioned,
      pods_peak_pending: s.pods.peakPending,
      pending_pod_seconds: s.pods.pendingPodSeconds,
      startup_p50_s: s.pods.startupSeconds.p50,
      startup_p95_s: s.pods.startupSeconds.p95,
      startup_max_s: s.pods.startupSeconds.max,
      unserved_requests: s.load.unservedRequests,
      unserved_fraction: s.load.unservedFraction,
      mean_cpu_requested_fraction: s.capacity.meanCpuRequestedFraction,
      mean_memory_requested_fraction: s.capacity.meanMemoryRequestedFraction,
      reserved_fraction: s.capacity.reservedFraction,
      cost_total_usd: s.cost.total,
      cost_per_pod_hour_usd: s.cost.perPodHour,
      image_pulls: s.images.pulls,
      image_bytes_pulled: s.images.bytesPulled,
      image_bytes_from_registry: s.images.bytesBySource.registry,
      image_bytes_from_mirror: s.images.bytesBySource.mirror,
      image_bytes_from_peers: s.images.bytesBySource.peers,
      image_pull_p95_s: s.images.pullSeconds.p95,
      scale_ups: s.autoscaler.scaleUps,
      scale_downs: s.autoscaler.scaleDowns,
      nodes_added: s.autoscaler.nodesAdded,
      nodes_removed: s.autoscaler.nodesRemoved,
      failed_provisions: s.autoscaler.failedProvisions,
      startup_pending_mean_s: s.pods.startupBreakdownSeconds?.pending,
      startup_provisioning_mean_s: s.pods.startupBreakdownSeconds?.provisioning,
      startup_pulling_mean_s: s.pods.startupBreakdownSeconds?.pulling,
      startup_starting_mean_s: s.pods.startupBreakdownSeconds?.starting,
      startup_readiness_mean_s: s.pods.startupBreakdownSeconds?.readiness,
      startup_reporting_mean_s: s.pods.startupBreakdownSeconds?.reporting,
      api_peak_rps: s.api.peakRps,
      api_mean_rps: s.api.meanRps,
      api_requests: s.api.requests,
      api_throttled_requests: s.api.throttledRequests,
      pod_ready_delay_p50_s: s.api.podReadyDelaySeconds.p50,
      pod_ready_delay_p95_s: s.api.podReadyDelaySeconds.p95,
      kubelet_crashes: s.kubelet.crashes,
      kubelet_restarts: s.kubelet.restarts,
      kubelet_fatal: s.kubelet.fatal,
      kubelet_down_seconds: s.kubelet.downSeconds,
      node_not_ready_seconds: s.kubelet.nodeNotReadySeconds,
      pods_evicted: s.kubelet.podsEvicted,
      max_replicas_on_one_node: s.resilience.maxReplicasOnOneNode,
      min_effective_replication: s.resilience.minEffectiveReplication,
      recovery_s: s.resilience.recoverySeconds,
      never_ready_pods: s.pods.neverReady,
      pending_pods_at_end: s.pods.pendingAtEnd,
      cpu_used_core_seconds: s.cpu.usedCoreSeconds,
      cpu_requested_core_seconds: s.cpu.requestedCoreSeconds,
      cpu_burst_fraction: s.cpu.burstFraction,
      cpu_throttled_core_seconds: s.cpu.throttledSeconds,
      memory_peak_working_set_bytes: s.memory.peakWorkingSetBytes,
      oom_kills: s.memory.oomKills,
      memory_pressure_evictions: s.memory.evictions,
      ...karpenterColumns(s.karpenter ?? null),
    })),
  );
}

// Karpenter's figures, empty for a design without it.
function karpenterColumns(k: Summary['karpenter']) {
  return {
    karpenter_nodeclaims_launched: k?.nodeClaimsLaunched,
    karpenter_consolidated_empty: k?.consolidations.empty,
    karpenter_consolidated_delete: k?.consolidations.delete,
    karpenter_consolidated_replace: k?.consolidations.replace,
    karpenter_consolidated_multi: k?.consolidations.multi,
    karpenter_interruptions: k?.interruptions,
    karpenter_expirations: k?.expirations,
    karpenter_spot_fraction: k?.spotFraction,
    karpenter_cost_on_demand_usd: k?.costOnDemand,
    karpenter_cost_spot_usd: k?.costSpot,
  };
}

/** apiCsv is api.csv: the kubelets' requests per second at the API server, one row per sample and kind of request. */
export const apiCsv = (rows: readonly ApiRow[]) =>
  csvText(API_COLUMNS, rows as unknown as Array<Record<string, unknown>>);

/** poolsCsv is pools.csv: each pool's Ready nodes, one row per sample and pool: the CPU and memory their pods use against their allocatable, and the fullest node. */
export const poolsCsv = (rows: readonly PoolRow[]) =>
  csvText(POOL_COLUMNS, rows as unknown as Array<Record<string, unknown>>);

/** nodesCsv is nodes.csv (--node-timeline): one row per Ready node per sample, what its pods use against its allocatable. */
export const nodesCsv = (rows: readonly NodeRow[]) =>
  csvText(NODE_COLUMNS, rows as unknown as Array<Record<string, unknown>>);
