// summary.json: one design's run in the figures a capacity review compares.
import { createHash } from 'node:crypto';
import { POOLSIM_VERSION } from '../util/version.js';
import type { Design, Scenario } from '../scenario/model.js';
import type { DesignRunResult } from '../simulate/design-run.js';
import type { ClusterNode } from '../simulate/cluster.js';
import { startupBreakdown, type PodStartup, type StartupBreakdown } from '../simulate/startup-breakdown.js';
import type { ApiRequestKind } from '../models/kubelet.js';
import type { Distribution } from './distribution.js';

/** Summary is summary.json; its keys are a public contract (`poolsim compare` reads them). */
export interface Summary {
  readonly scenario: string;
  /** producedBy: the poolsim version and the scenario's content (SHA-256 of the loaded scenario, its seed and designs left out), so that `compare` can tell runs of different scenarios apart. */
  readonly producedBy: { readonly poolsim: string; readonly scenarioSha256: string };
  readonly design: string;
  readonly seed: number;
  readonly simulatedSeconds: number;
  /** events counts the rows of events.csv; simulationEvents the engine's events (a measure of the work done). */
  readonly events: number;
  readonly simulationEvents: number;
  /** nodes counts registered nodes (Ready or not): at the start, at most at once, at the end, and added by the autoscaler. */
  readonly nodes: {
    readonly initial: number;
    readonly peak: number;
    readonly final: number;
    readonly provisioned: number;
  };
  readonly pods: {
    readonly peakPending: number;
    readonly pendingPodSeconds: number;
    /** startupSeconds: from pod creation to Ready, over the pods that became Ready; null when none did. */
    readonly startupSeconds: Percentiles;
    /** startupBreakdownSeconds: the mean of the Ready pods' start-up, step by step (null when none was Ready). */
    readonly startupBreakdownSeconds: StartupBreakdown | null;
  };
  readonly load: { readonly unservedRequests: number; readonly unservedFraction: number };
  readonly capacity: {
    readonly meanCpuRequestedFraction: number;
    readonly meanMemoryRequestedFraction: number;
    readonly reservedFraction: number;
  };
  readonly cost: { readonly total: number; readonly perPodHour: number | null };
  /** images: completed pulls, the bytes they moved (and from where), and how long they took. */
  readonly images: {
    readonly pulls: number;
    readonly bytesPulled: number;
    readonly bytesBySource: { readonly registry: number; readonly mirror: number; readonly peers: number };
    readonly failedPulls: number;
    readonly pullSeconds: Percentiles;
  };
  readonly autoscaler: {
    readonly scaleUps: number;
    readonly scaleDowns: number;
    readonly nodesAdded: number;
    readonly nodesRemoved: number;
    readonly failedProvisions: number;
  };
  /**
   * api: the kubelets' requests to the API server: the busiest and the mean requests/second (the
   * busiest over one timeline sample), the requests that waited on a kubelet's QPS limit, how long a
   * Ready pod waited for the control plane to see it (podReadyDelaySeconds), every request by kind,
   * and the longest latency a status update saw at the API server.
   */
  readonly api: {
    readonly peakRps: number;
    readonly meanRps: number;
    readonly throttledRequests: number;
    readonly podReadyDelaySeconds: { readonly p50: number | null; readonly p95: number | null };
    readonly requests: number;
    readonly requestsByKind: Readonly<Record<ApiRequestKind, number>>;
    readonly peakLatencyMs: number;
  };
  /** kubelet: crashes (exits of a running kubelet), restarts, supervisors that gave up, node-seconds NotReady, pods evicted from unreachable nodes, and node-seconds without a serving kubelet (downSeconds). */
  readonly kubelet: {
    readonly crashes: number;
    readonly restarts: number;
    readonly fatal: number;
    readonly nodeNotReadySeconds: number;
    readonly podsEvicted: number;
    readonly downSeconds: number;
  };
  /** resilience: over all workloads, the most ready replicas of one on one node, the fewest nodes one sat on while whole, and the longest time to be whole again after losing replicas with a node (each workload's figures are in events.csv). */
  readonly resilience: {
    readonly maxReplicasOnOneNode: number;
    readonly minEffectiveReplication: number | null;
    readonly recoverySeconds: number | null;
  };
  /** seeds: with `run --seeds N`, the seeds run (first, first + 1, …); the figures above are the first seed's. */
  readonly seeds?: { readonly first: number; readonly count: number };
  /** distributions: with `run --seeds N`, each compared metric (by its --threshold key) over all the seeds. */
  readonly distributions?: Readonly<Record<string, Distribution>>;
}

/** Percentiles are nearest-rank percentiles and the maximum, null without data. */
interface Percentiles {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

const percentiles = (sorted: readonly number[]): Percentiles => ({
  p50: percentile(sorted, 0.5),
  p95: percentile(sorted, 0.95),
  max: sorted.at(-1) ?? null,
});

/** percentile is the nearest-rank percentile (the smallest value with at least p of the data at or below it). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** summarize computes a design's summary from its run. */
export function summarize(scenario: Scenario, design: Design, run: DesignRunResult): Summary {
  const end = scenario.durationMs;
  const byTime = groupByTime(run);
  const startups = run.pods
    .filter((p) => p.readyMs !== undefined)
    .map((p) => (p.readyMs! - p.createdMs) / 1000)
    .sort((a, b) => a - b);
  const pendingMs = run.pods.reduce((ms, p) => ms + ((p.scheduledMs ?? p.goneMs ?? end) - p.createdMs), 0);
  const readyMs = run.pods.reduce((ms, p) => ms + (p.readyMs === undefined ? 0 : (p.deletedMs ?? end) - p.readyMs), 0);
  const priceOf = new Map(design.pools.map((p) => [p.name, p.pricePerHour]));
  // A node is paid for from the cloud request (the run's start for initial nodes) until it is removed or given up on.
  const cost = run.nodes.reduce(
    (usd, n) =>
      usd + (priceOf.get(n.pool) ?? 0) * (((n.removedMs ?? n.failedMs ?? end) - (n.requestedMs ?? 0)) / 3_600_000),
    0,
  );
  const initial = run.nodes.filter((n) => n.requestedMs === null).length;
  const final = run.nodes.filter((n) => n.registeredMs !== undefined && n.removedMs === undefined).length;
  // Peak registered nodes: a sweep over their lives (removals first at equal times), not the samples.
  const changes = run.nodes.flatMap((n) =>
    n.registeredMs === undefined
      ? []
      : ([[n.registeredMs, 1], ...(n.removedMs === undefined ? [] : [[n.removedMs, -1]])] as Array<[number, number]>),
  );
  let peak = 0;
  let count = 0;
  for (const [, delta] of changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])) peak = Math.max(peak, (count += delta));
  const { offered, unserved } = run.load;
  const mean = (f: (r: (typeof byTime)[number]) => number) =>
    byTime.length === 0 ? 0 : byTime.reduce((s, r) => s + f(r), 0) / byTime.length;
  return {
    scenario: scenario.name,
    producedBy: { poolsim: POOLSIM_VERSION, scenarioSha256: scenarioHash(scenario) },
    design: design.name,
    seed: scenario.seed,
    simulatedSeconds: end / 1000,
    events: run.eventCount,
    simulationEvents: run.eventsProcessed,
    nodes: {
      initial,
      peak,
      final,
      provisioned: run.nodes.filter((n) => n.requestedMs !== null && n.registeredMs !== undefined).length,
    },
    pods: {
      peakPending: maxOf(byTime, (r) => r.pending),
      pendingPodSeconds: round(pendingMs / 1000),
      startupSeconds: percentiles(startups),
      startupBreakdownSeconds: meanBreakdown(run),
    },
    load: { unservedRequests: round(unserved), unservedFraction: offered > 0 ? round(unserved / offered) : 0 },
    capacity: {
      meanCpuRequestedFraction: round(mean((r) => r.cpu)),
      meanMemoryRequestedFraction: round(mean((r) => r.memory)),
      reservedFraction: round(reservedFraction(run)),
    },
    cost: { total: round(cost), perPodHour: readyMs > 0 ? round(cost / (readyMs / 3_600_000)) : null },
    images: {
      pulls: run.images.pulls,
      bytesPulled: run.images.bytesPulled,
      bytesBySource: { ...run.images.bytesBySource },
      failedPulls: run.images.failedPulls,
      pullSeconds: percentiles(run.images.pullMs.map((ms) => ms / 1000).sort((a, b) => a - b)),
    },
    autoscaler: { ...run.autoscaler },
    api: apiFigures(run, end),
    kubelet: {
      crashes: run.kubelet.crashes,
      restarts: run.kubelet.restarts,
      fatal: run.kubelet.fatal,
      podsEvicted: run.kubelet.podsEvicted,
      downSeconds: round(run.kubelet.downMs / 1000),
      nodeNotReadySeconds: round(
        run.nodes.reduce(
          (ms, n) => ms + n.notReadyMs + (n.unknownSinceMs === undefined ? 0 : (n.removedMs ?? end) - n.unknownSinceMs),
          0,
        ) / 1000,
      ),
    },
    resilience: { ...run.resilience },
  };
}

function apiFigures(run: DesignRunResult, end: number): Summary['api'] {
  const requests = Object.values(run.api.requests).reduce((a, b) => a + b, 0);
  const delays = run.pods
    .filter((p) => p.readyMs !== undefined)
    .map((p) => (p.readyMs! - p.kubeletReadyMs!) / 1000)
    .sort((a, b) => a - b);
  return {
    peakRps: maxOf(run.samples, (r) => r.api_rps),
    meanRps: round(end > 0 ? requests / (end / 1000) : 0),
    throttledRequests: run.api.throttled,
    podReadyDelaySeconds: { p50: percentile(delays, 0.5), p95: percentile(delays, 0.95) },
    requests,
    requestsByKind: { ...run.api.requests },
    peakLatencyMs: round(run.api.peakLatencyMs),
  };
}

/** scenarioHash identifies what a loaded scenario asks of its designs (workloads, load, faults, durations, versions), whatever its seed and its designs. */
function scenarioHash(scenario: Scenario): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...scenario, seed: 0, designs: [] }))
    .digest('hex');
}

/** podStartups are the Ready pods' start-ups, step by step, in order of creation. */
export function podStartups(run: DesignRunResult): PodStartup[] {
  const recordOf = new Map<ClusterNode, (typeof run.nodes)[number]>();
  for (const r of run.nodes) if (r.node !== undefined) recordOf.set(r.node, r);
  return run.pods
    .filter((p) => p.readyMs !== undefined)
    .map((p) => {
      const r = recordOf.get(p.node!)!;
      const dates = {
        createdMs: p.createdMs,
        scheduledMs: p.scheduledMs!,
        pulledMs: p.pulledMs!,
        runningMs: p.runningMs!,
        kubeletReadyMs: p.kubeletReadyMs!,
        readyMs: p.readyMs!,
      };
      return {
        pod: p.name,
        createdS: p.createdMs / 1000,
        ...startupBreakdown(dates, { requestedMs: r.requestedMs, readyMs: r.readyMs! }),
      };
    });
}

// The mean start-up of the pods that became Ready, step by step.
function meanBreakdown(run: DesignRunResult): StartupBreakdown | null {
  const all = podStartups(run);
  if (all.length === 0) return null;
  const mean = (f: (b: StartupBreakdown) => number) => round(all.reduce((s, b) => s + f(b), 0) / all.length);
  return {
    pending: mean((b) => b.pending),
    provisioning: mean((b) => b.provisioning),
    pulling: mean((b) => b.pulling),
    starting: mean((b) => b.starting),
    readiness: mean((b) => b.readiness),
    reporting: mean((b) => b.reporting),
  };
}

// Each sample's pending pods over all workloads and the share of CPU and memory requested.
function groupByTime(run: DesignRunResult) {
  return run.samples.map((s) => ({
    pending: s.pending_pods,
    cpu: s.cpu_requested_fraction,
    memory: s.memory_requested_fraction,
  }));
}

// The share of the nodes' CPU and memory held back by reservations and eviction thresholds.
function reservedFraction(run: DesignRunResult): number {
  let held = 0;
  let capacity = 0;
  for (const r of run.nodes) {
    const n = r.node;
    if (n === undefined) continue;
    held +=
      (n.capacity.cpuMilli - n.allocatable.cpuMilli) / n.capacity.cpuMilli +
      (n.capacity.memoryBytes - n.allocatable.memoryBytes) / n.capacity.memoryBytes;
    capacity += 2;
  }
  return capacity === 0 ? 0 : held / capacity;
}

function round(x: number) {
  return Math.round(x * 1e6) / 1e6;
}

// A loop, not Math.max(...xs): a month of 10 s samples overflows the call stack.
function maxOf<T>(rows: readonly T[], f: (row: T) => number): number {
  let max = 0;
  for (const row of rows) max = Math.max(max, f(row));
  return max;
}
