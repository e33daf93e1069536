// The timeline's view of the usage samples (resource-usage.ts): per workload, the CPU its pods use
// and request and their working sets; per pool, its Ready nodes' use against their allocatable
// and its fullest node. Values are those of the latest usage sample (every 15 s).
import type { Pool } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import { MEMORY_PRESSURE_TAINT } from './eviction-manager.js';
import type { Pod, UsageCohort } from './pod.js';
import type { NodeRow, PoolRow } from './timeline.js';

/** WorkloadUsage sums a workload's running pods, added one by one: the CPU (cores) they use and request, their working sets (bytes). */
export class WorkloadUsage {
  private used = 0;
  private requested = 0;
  private memory = 0;

  /** add counts a pod, if it is running. */
  add(p: Pod): void {
    if (p.phase !== 'Running') return;
    this.used += p.cpuUsedMilli;
    this.requested += p.cpuMilli;
    this.memory += p.workingSetBytes;
  }

  /** addCohort counts a cohort's members (Running, each with the cohort's figures). */
  addCohort(c: UsageCohort): void {
    this.used += c.members * c.usedMilli;
    this.requested += c.members * c.spec.requests.cpuMilli;
    this.memory += c.members * c.workingSetBytes;
  }

  /** row is the sums as the timeline's columns. */
  row(): { cpu_used_cores: number; cpu_requested_cores: number; memory_working_set_bytes: number } {
    return {
      cpu_used_cores: round(this.used / 1000),
      cpu_requested_cores: round(this.requested / 1000),
      memory_working_set_bytes: this.memory,
    };
  }
}

// A Ready node's CPU (millicores) and memory (bytes) in use: its pods' at the latest usage sample,
// and its DaemonSet pods' requests.
const inUse = (n: ClusterNode) => ({
  cpuMilli: n.cpuUsedMilli + n.daemonsets.cpuMilli,
  memoryBytes: n.workingSetBytes + n.daemonsets.memoryBytes,
});

/** poolRows are one sample's rows, one per pool in `pools` order (Karpenter's node groups after the design's pools), over the Ready nodes `live`. */
export function poolRows(timeS: number, pools: readonly Pool[], live: readonly ClusterNode[]): PoolRow[] {
  return pools.map(({ name: pool, instanceType, capacityType }) => {
    const row = {
      nodes: 0,
      cpu: 0,
      cpuAllocatable: 0,
      memory: 0,
      memoryAllocatable: 0,
      fullest: '',
      fullestFraction: 0,
      pressure: 0,
    };
    for (const n of live) {
      if (n.pool !== pool) continue;
      const use = inUse(n);
      const memory = use.memoryBytes;
      const fraction = memory / Math.max(1, n.allocatable.memoryBytes);
      row.nodes++;
      row.cpu += use.cpuMilli;
      row.cpuAllocatable += n.allocatable.cpuMilli;
      row.memory += memory;
      row.memoryAllocatable += n.allocatable.memoryBytes;
      if (row.fullest === '' || fraction > row.fullestFraction) {
        row.fullest = n.name;
        row.fullestFraction = fraction;
      }
      if (n.taints.includes(MEMORY_PRESSURE_TAINT)) row.pressure++;
    }
    return {
      time_s: timeS,
      pool,
      instance_type: instanceType ?? '',
      capacity_type: capacityType,
      nodes: row.nodes,
      cpu_used_cores: round(row.cpu / 1000),
      cpu_allocatable_cores: round(row.cpuAllocatable / 1000),
      memory_working_set_bytes: row.memory,
      memory_allocatable_bytes: row.memoryAllocatable,
      fullest_node: row.fullest,
      fullest_node_memory_fraction: round(row.fullestFraction),
      memory_pressure_nodes: row.pressure,
    };
  });
}

/** nodeRows are one sample's rows, one per Ready node of `live`, in their order. */
export function nodeRows(timeS: number, live: readonly ClusterNode[]): NodeRow[] {
  return live.map((n) => ({
    time_s: timeS,
    node: n.name,
    pool: n.pool,
    cpu_used_cores: round(inUse(n).cpuMilli / 1000),
    cpu_allocatable_cores: round(n.allocatable.cpuMilli / 1000),
    memory_working_set_bytes: inUse(n).memoryBytes,
    memory_allocatable_bytes: n.allocatable.memoryBytes,
    memory_pressure: n.taints.includes(MEMORY_PRESSURE_TAINT) ? 1 : 0,
  }));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
