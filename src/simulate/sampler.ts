// The run's timeline: every sample interval, after the state changes of that millisecond, one row
// per workload with the cluster's state, the API traffic by kind, and the sample's cluster-wide
// figures (kept for the summary even when the rows go to a sink).
import { API_REQUEST_KINDS } from '../models/kubelet.js';
import type { Workload } from '../scenario/model.js';
import { Priority, type Simulation } from '../sim/simulation.js';
import type { ApiTraffic } from './api-traffic.js';
import type { ClusterNode } from './cluster.js';
import type { ImagePulls } from './image-pulls.js';
import { unconnected } from './links.js';
import type { Nodes } from './nodes.js';
import type { PodReadiness } from './pod-readiness.js';
import type { ReplicaController } from './replica-controller.js';
import type { SchedulerLoop } from './scheduler-loop.js';
import { clusterSample, keepWorkloads, type ClusterSample, type RunSink } from './timeline.js';
import { isActive, type Pod, type UsageCohort } from './pod.js';
import type { ResourceUsage } from './resource-usage.js';
import { nodeRows, poolRows, WorkloadUsage } from './usage-rows.js';

/** SamplerOptions: the run's engine and API traffic, the workloads, how often to sample, and where the rows go. */
export interface SamplerOptions {
  readonly sim: Simulation;
  readonly traffic: ApiTraffic;
  readonly workloads: readonly Workload[];
  readonly intervalMs: number;
  /** warmupMs: samples at or before it are marked as the warm-up's. */
  readonly warmupMs: number;
  readonly sink: RunSink;
  /** timelineWorkloads: the workloads whose rows the sink takes as they are, the others summed (null: every workload's). */
  readonly timelineWorkloads?: ReadonlySet<string> | null;
}

/** SamplerLinks are what a sample reads. */
export interface SamplerLinks {
  readonly nodes: Nodes;
  readonly replicas: ReplicaController;
  readonly scheduler: SchedulerLoop;
  readonly pulls: ImagePulls;
  readonly readiness: PodReadiness;
  /** usage: each workload's pods in no cohort, and its cohorts of settled pods (usage-cohorts.ts). */
  readonly usage: ResourceUsage;
}

// The nodes of a sample by state, and what the design's nodes have cost so far.
interface NodeCounts {
  readonly live: ClusterNode[];
  readonly provisioning: number;
  readonly notReady: number;
  readonly cost: number;
}

/** TimelineSampler samples the run. */
export class TimelineSampler {
  /** samples are each sample's cluster-wide figures. */
  readonly samples: ClusterSample[] = [];
  private links: SamplerLinks = unconnected('TimelineSampler');

  constructor(private readonly o: SamplerOptions) {}

  /** connect gives the sampler its links. */
  connect(links: SamplerLinks): void {
    this.links = links;
  }

  /** start samples now and every interval, after the other events of each sample's millisecond. */
  start(): void {
    const { sim, traffic, sink, intervalMs } = this.o;
    sim.every(
      intervalMs,
      (now) => {
        const window = traffic.sample(now);
        sink.api(
          API_REQUEST_KINDS.map((kind) => ({ time_s: now / 1000, kind, requests_per_second: window.byKind[kind] })),
        );
        const counts = this.nodeCounts(now);
        const rows = this.rows(now, window, counts);
        const kept = this.o.timelineWorkloads ?? null;
        sink.timeline(kept === null ? rows : keepWorkloads(rows, kept));
        sink.pools(poolRows(now / 1000, this.links.nodes.allPools, counts.live));
        sink.nodes?.(nodeRows(now / 1000, counts.live));
        const whole = clusterSample(rows);
        if (whole !== null) this.samples.push(whole);
      },
      { priority: Priority.late },
    );
  }

  private nodeCounts(now: number): NodeCounts {
    const { nodes } = this.links;
    const live: ClusterNode[] = [];
    let provisioning = 0;
    let notReady = 0;
    let cost = 0;
    for (const r of nodes.records) {
      cost +=
        nodes.pool(r.pool).pricePerHour *
        ((Math.min(now, r.removedMs ?? r.failedMs ?? now) - (r.requestedMs ?? 0)) / 3_600_000);
      if (r.removedMs !== undefined || r.failedMs !== undefined) continue;
      if (r.readyMs === undefined) provisioning++;
      else if (r.unknownSinceMs !== undefined) notReady++;
      else live.push(r.node!);
    }
    return { live, provisioning, notReady, cost };
  }

  private rows(now: number, api: { readonly rps: number; readonly throttledRps: number }, counts: NodeCounts) {
    const { replicas, scheduler, pulls, readiness } = this.links;
    const { live, provisioning, notReady, cost } = counts;
    const sum = (f: (n: ClusterNode) => number) => live.reduce((total, n) => total + f(n), 0);
    const cpu =
      sum((n) => n.requested.cpuMilli) /
      Math.max(
        1,
        sum((n) => n.allocatable.cpuMilli),
      );
    const memory =
      sum((n) => n.requested.memoryBytes) /
      Math.max(
        1,
        sum((n) => n.allocatable.memoryBytes),
      );
    // One pass over the pending pods for every workload, not one per workload.
    const pendingOf = new Map<string, number>();
    const pullsInFlight = pulls.inFlight; // a pass over the nodes: once a sample, not once a workload
    for (const p of scheduler.pendingPods) pendingOf.set(p.workload, (pendingOf.get(p.workload) ?? 0) + 1);
    return this.o.workloads.map((w) => {
      const latest = (replicas.templatesOf(w.name)?.specs.length ?? 1) - 1;
      const { ready, creating, updated, available, usage } = podFigures(
        this.links.usage.individualsOf(w.name),
        this.links.usage.cohortsOf(w.name),
        { w, latest, now },
      );
      const desired = replicas.desiredReplicas(w.name);
      return {
        time_s: now / 1000,
        workload: w.name,
        desired_replicas: desired,
        ready_pods: ready,
        pending_pods: pendingOf.get(w.name) ?? 0,
        nodes_ready: live.length,
        nodes_provisioning: provisioning,
        nodes_not_ready: notReady,
        container_creating_pods: creating,
        image_pulls_in_flight: pullsInFlight,
        cpu_requested_fraction: round(cpu),
        memory_requested_fraction: round(memory),
        unserved_rps: round(readiness.unservedRate(w.name)),
        api_rps: api.rps,
        api_throttled_rps: api.throttledRps,
        cost_usd: round(cost),
        warmup: now <= this.o.warmupMs && this.o.warmupMs > 0 ? 1 : 0,
        updated_pods: updated,
        unavailable_pods: Math.max(0, desired - available),
        ...usage,
      };
    });
  }
}

// A workload's pods in one pass over those in no cohort: ready, starting, of the latest template,
// available (Ready for minReadySeconds), and what the running ones use and request. A cohort's
// members are Ready, Running and available (they joined so), and have its figures.
function podFigures(
  pods: readonly Pod[],
  cohorts: readonly UsageCohort[],
  { w, latest, now }: { w: Workload; latest: number; now: number },
) {
  let [ready, creating, updated, available] = [0, 0, 0, 0];
  const usage = new WorkloadUsage();
  for (const p of pods) {
    if (p.ready) ready++;
    if (p.phase === 'ContainerCreating') creating++;
    if (isActive(p) && p.revision === latest) updated++;
    if (p.ready && (w.minReadyMs === 0 || (p.readySinceMs ?? now) + w.minReadyMs <= now)) available++;
    usage.add(p);
  }
  for (const c of cohorts) {
    ready += c.members;
    available += c.members;
    if (c.revision === latest) updated += c.members;
    usage.addCohort(c);
  }
  return { ready, creating, updated, available, usage: usage.row() };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
