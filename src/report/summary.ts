// summary.json: one design's run in the figures a capacity review compares.
import { createHash } from 'node:crypto';
import { POOLSIM_VERSION } from '../util/version.js';
import type { Design, Pool, Scenario } from '../scenario/model.js';
import type { DesignRunResult } from '../simulate/design-run.js';
import type { ClusterNode } from '../simulate/cluster.js';
import { startupBreakdown, type PodStartup, type StartupBreakdown } from '../simulate/startup-breakdown.js';
import type { ApiRequestKind } from '../models/kubelet.js';
import type { Distribution } from './distribution.js';
import { inWindow, isNeverReady, nodeFigures, overlapMs, podMs, startupsSeconds, type Window } from './measured.js';

/** Summary is summary.json; its keys are a public contract (`poolsim compare` reads them). */
export interface Summary {
  readonly scenario: string;
  /** producedBy: the poolsim version and the scenario's content (SHA-256 of the loaded scenario, its seed and designs left out), so that `compare` can tell runs of different scenarios apart. */
  readonly producedBy: { readonly poolsim: string; readonly scenarioSha256: string };
  readonly design: string;
  readonly seed: number;
  readonly simulatedSeconds: number;
  /** start: how the run began (steady: the initial replicas Running and Ready; cold: nothing running). */
  readonly start: 'steady' | 'cold';
  /** warmupSeconds: the first part of the run, left out of every figure below (0: none). */
  readonly warmupSeconds: number;
  /** events counts the events the run logged (the rows of events.csv, unless a big run left out the per-pod ones); simulationEvents the engine's events (a measure of the work done). */
  readonly events: number;
  readonly simulationEvents: number;
  /** nodes counts registered nodes (Ready or not): at the start (of the measured part), at most at once, at the end, and added by the autoscaler. */
  readonly nodes: {
    readonly initial: number;
    readonly peak: number;
    readonly final: number;
    readonly provisioned: number;
  };
  readonly pods: {
    readonly peakPending: number;
    /** pendingPodSeconds: pod-seconds spent Pending (created, not yet bound), all pods together. */
    readonly pendingPodSeconds: number;
    /**
     * startupSeconds: from pod creation to Ready; a pod never Ready counts as censored at the end of
     * the run (its start-up is at least the time it waited), so p95 and max cannot hide it. Null
     * when no pod started in the run.
     */
    readonly startupSeconds: Percentiles;
    /** neverReady: pods their controller still wants at the end that were never Ready. */
    readonly neverReady: number;
    /** pendingAtEnd: pods still Pending (not bound to a node) at the end. */
    readonly pendingAtEnd: number;
    /** startupBreakdownSeconds: the mean of the Ready pods' start-up, step by step (null when none was Ready). */
    readonly startupBreakdownSeconds: StartupBreakdown | null;
  };
  readonly load: { readonly unservedRequests: number; readonly unservedFraction: number };
  readonly capacity: {
    readonly meanCpuRequestedFraction: number;
    readonly meanMemoryRequestedFraction: number;
    readonly reservedFraction: number;
  };
  /**
   * cpu: what the pods used of the CPU, in core-seconds (a core for a second), and what the running
   * pods requested meanwhile; burstFraction: the share of the CPU used that was beyond the pods'
   * requests (CPU the nodes had spare, which nobody reserved for them; 0 when none was used);
   * throttledSeconds: core-seconds of demand the pods' CPU limits held back.
   */
  readonly cpu: {
    readonly usedCoreSeconds: number;
    readonly requestedCoreSeconds: number;
    readonly burstFraction: number;
    readonly throttledSeconds: number;
  };
  /** memory: the most the pods' working sets took at once (all nodes together), containers OOM-killed past their memory limit, and pods evicted under node memory pressure. */
  readonly memory: {
    readonly peakWorkingSetBytes: number;
    readonly oomKills: number;
    readonly evictions: number;
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
    /** nodesBlockedByPdb: nodes found unneeded that PodDisruptionBudgets kept from removal (each once; events.csv says when). */
    readonly nodesBlockedByPdb: number;
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
  /**
   * zones: over the scenario's zone outages (null without one): the largest share of the cluster's
   * allocatable CPU a dark zone held, the replacement pods bound outside it before recovery, the
   * most pods pending at once, and the longest time until every workload had as many pods Ready
   * outside dark zones as when the zone went dark, or as it wanted if fewer (null if one never did).
   */
  readonly zones: {
    readonly outageCapacityLostFraction: number;
    readonly podsRescheduled: number;
    readonly podsPendingPeak: number;
    readonly recoverySeconds: number | null;
  } | null;
  /**
   * karpenter: in a design with Karpenter (null otherwise), over the measured part: NodeClaims
   * launched and their instance types, nodes disrupted by each consolidation method (empty nodes
   * deleted; single nodes deleted or replaced; nodes removed by multi-node consolidation), spot
   * interruptions, nodes expired, nodes Karpenter removed (for any of those reasons), the share of Karpenter's node-hours on spot, and what its nodes
   * cost on-demand and on spot (USD).
   */
  readonly karpenter: {
    readonly nodeClaimsLaunched: number;
    readonly instanceTypes: Readonly<Record<string, number>>;
    readonly consolidations: {
      readonly empty: number;
      readonly delete: number;
      readonly replace: number;
      readonly multi: number;
    };
    readonly interruptions: number;
    readonly expirations: number;
    readonly nodesRemoved: number;
    readonly spotFraction: number;
    readonly costOnDemand: number;
    readonly costSpot: number;
  } | null;
  /**
   * rollouts: each Deployment rollout begun in the measured part: when (s), when it completed (null
   * if it never did), how long it took (to the run's end if it never completed), the most desired
   * replicas unavailable and the most pods above the desired count at once, and the bytes of its
   * image pulled from its start.
   */
  readonly rollouts: readonly RolloutSummary[];
  /** warnings: what makes these figures doubtful, each with its code, where it comes from in the scenario (null when from the run), and the fix. */
  readonly warnings: readonly SummaryWarning[];
  /** seeds: with `run --seeds N`, the seeds run (first, first + 1, …); the figures above are the first seed's. */
  readonly seeds?: { readonly first: number; readonly count: number };
  /** distributions: with `run --seeds N`, each compared metric (by its --threshold key) over all the seeds. */
  readonly distributions?: Readonly<Record<string, Distribution>>;
}

/** RolloutSummary is one rollout in summary.json. */
interface RolloutSummary {
  readonly workload: string;
  readonly at: number;
  readonly completedAt: number | null;
  readonly seconds: number;
  readonly peakUnavailable: number;
  readonly peakSurge: number;
  readonly bytesPulled: number;
}

/** SummaryWarning is one warning of summary.json: a code, `file:line:col` in the scenario (null for the run's own), a sentence with the fix. */
export interface SummaryWarning {
  readonly code: string;
  readonly location: string | null;
  readonly message: string;
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

/** summarize computes a design's summary from its run: its measured part, after the warm-up. */
export function summarize(scenario: Scenario, design: Design, run: DesignRunResult): Summary {
  const w: Window = { fromMs: run.warmup?.atMs ?? 0, endMs: scenario.durationMs };
  const before = run.warmup;
  const samples = run.samples.filter((r) => inWindow(w, r.time_s));
  const pods = podMs(run, w);
  const poolOf = new Map(run.pools.map((p) => [p.name, p]));
  // A node is paid for from the cloud request (the run's start for initial nodes) until it is removed or given up on.
  const hoursOf = (n: (typeof run.nodes)[number]) =>
    overlapMs(w, n.requestedMs ?? 0, n.removedMs ?? n.failedMs ?? w.endMs) / 3_600_000;
  const cost = run.nodes.reduce((usd, n) => usd + (poolOf.get(n.pool)?.pricePerHour ?? 0) * hoursOf(n), 0);
  const offered = run.load.offered - (before?.load.offered ?? 0);
  const unserved = run.load.unserved - (before?.load.unserved ?? 0);
  const mean = (f: (r: (typeof samples)[number]) => number) =>
    samples.length === 0 ? 0 : samples.reduce((sum, r) => sum + f(r), 0) / samples.length;
  const neverReady = run.pods.filter(isNeverReady).length;
  const pendingAtEnd = run.pods.filter((p) => p.phase === 'Pending').length;
  return {
    scenario: scenario.name,
    producedBy: { poolsim: POOLSIM_VERSION, scenarioSha256: scenarioHash(scenario) },
    design: design.name,
    seed: scenario.seed,
    simulatedSeconds: w.endMs / 1000,
    start: scenario.start,
    warmupSeconds: w.fromMs / 1000,
    events: run.eventCount,
    simulationEvents: run.eventsProcessed,
    nodes: nodeFigures(run, w),
    pods: {
      peakPending: maxOf(samples, (r) => r.pending_pods),
      pendingPodSeconds: round(pods.pending / 1000),
      startupSeconds: percentiles(startupsSeconds(run, w)),
      startupBreakdownSeconds: meanBreakdown(run, w),
      neverReady,
      pendingAtEnd,
    },
    load: { unservedRequests: round(unserved), unservedFraction: offered > 0 ? round(unserved / offered) : 0 },
    capacity: {
      meanCpuRequestedFraction: round(mean((r) => r.cpu_requested_fraction)),
      meanMemoryRequestedFraction: round(mean((r) => r.memory_requested_fraction)),
      reservedFraction: round(reservedFraction(run)),
    },
    ...usageFigures(run),
    cost: { total: round(cost), perPodHour: pods.ready > 0 ? round(cost / (pods.ready / 3_600_000)) : null },
    images: imageFigures(run),
    autoscaler: minus(run.autoscaler, before?.autoscaler),
    karpenter: karpenterFigures(run, poolOf, hoursOf),
    api: apiFigures(run, w, samples),
    kubelet: kubeletFigures(run, w),
    resilience: { ...run.resilience },
    zones: run.zones === null ? null : { ...run.zones },
    rollouts: run.rollouts
      .filter((r) => r.atMs >= w.fromMs)
      .map((r) => ({
        workload: r.workload,
        at: r.atMs / 1000,
        completedAt: r.completedMs === null ? null : r.completedMs / 1000,
        seconds: ((r.completedMs ?? w.endMs) - r.atMs) / 1000,
        peakUnavailable: r.peakUnavailable,
        peakSurge: r.peakSurge,
        bytesPulled: r.bytesPulled,
      })),
    warnings: runWarnings(run, pendingAtEnd, neverReady),
  };
}

// Karpenter's counts less the warm-up's, and its nodes' hours and cost by capacity type.
function karpenterFigures(
  run: DesignRunResult,
  poolOf: ReadonlyMap<string, Pool>,
  hoursOf: (n: DesignRunResult['nodes'][number]) => number,
): Summary['karpenter'] {
  const k = run.karpenter;
  if (k === null) return null;
  const then = run.warmup?.karpenter ?? null;
  const hours = { 'on-demand': 0, spot: 0 };
  const usd = { 'on-demand': 0, spot: 0 };
  for (const n of run.nodes) {
    const pool = poolOf.get(n.pool);
    if (pool?.karpenter == null) continue;
    const h = hoursOf(n);
    hours[pool.capacityType] += h;
    usd[pool.capacityType] += h * pool.pricePerHour;
  }
  const instanceTypes: Record<string, number> = {};
  for (const type of Object.keys(k.instanceTypes).sort()) {
    const n = k.instanceTypes[type]! - (then?.instanceTypes[type] ?? 0);
    if (n > 0) instanceTypes[type] = n;
  }
  const total = hours['on-demand'] + hours.spot;
  return {
    nodeClaimsLaunched: k.nodeClaimsLaunched - (then?.nodeClaimsLaunched ?? 0),
    instanceTypes,
    consolidations: minus(k.consolidations, then?.consolidations),
    interruptions: k.interruptions - (then?.interruptions ?? 0),
    expirations: k.expirations - (then?.expirations ?? 0),
    nodesRemoved: k.nodesRemoved - (then?.nodesRemoved ?? 0),
    spotFraction: total > 0 ? round(hours.spot / total) : 0,
    costOnDemand: round(usd['on-demand']),
    costSpot: round(usd.spot),
  };
}

// The figures that only grow, less what they were at the end of the warm-up.
function minus<T extends { readonly [K in keyof T]: number }>(now: T, then: T | undefined): T {
  if (then === undefined) return { ...now };
  const out = { ...now } as Record<keyof T, number>;
  for (const k of Object.keys(now) as Array<keyof T>) out[k] = now[k] - then[k];
  return out as T;
}

// CPU and memory after the warm-up: the counters less what they were at its end; the working set's
// peak restarted at the warm-up's end, so the run's is the measured part's.
function usageFigures(run: DesignRunResult): Pick<Summary, 'cpu' | 'memory'> {
  const now = run.usage;
  const then = run.warmup?.usage;
  const used = round(now.usedCoreSeconds - (then?.usedCoreSeconds ?? 0));
  const burst = round(now.burstCoreSeconds - (then?.burstCoreSeconds ?? 0));
  return {
    cpu: {
      usedCoreSeconds: used,
      requestedCoreSeconds: round(now.requestedCoreSeconds - (then?.requestedCoreSeconds ?? 0)),
      burstFraction: used > 0 ? round(burst / used) : 0,
      throttledSeconds: round(now.throttledCoreSeconds - (then?.throttledCoreSeconds ?? 0)),
    },
    memory: {
      peakWorkingSetBytes: now.peakWorkingSetBytes,
      oomKills: now.oomKills - (then?.oomKills ?? 0),
      evictions: now.evictions - (then?.evictions ?? 0),
    },
  };
}

function imageFigures(run: DesignRunResult): Summary['images'] {
  const i = run.images;
  const then = run.warmup?.images;
  return {
    pulls: i.pulls - (then?.pulls ?? 0),
    bytesPulled: i.bytesPulled - (then?.bytesPulled ?? 0),
    bytesBySource: minus(i.bytesBySource, then?.bytesBySource),
    failedPulls: i.failedPulls - (then?.failedPulls ?? 0),
    pullSeconds: percentiles(
      i.pullMs
        .slice(then?.pullCount ?? 0)
        .map((ms) => ms / 1000)
        .sort((a, b) => a - b),
    ),
  };
}

function kubeletFigures(run: DesignRunResult, w: Window): Summary['kubelet'] {
  const then = run.warmup;
  const notReadyMs = run.nodes.reduce(
    (ms, n) => ms + n.notReadyMs + (n.unknownSinceMs === undefined ? 0 : (n.removedMs ?? w.endMs) - n.unknownSinceMs),
    0,
  );
  return {
    crashes: run.kubelet.crashes - (then?.kubelet.crashes ?? 0),
    restarts: run.kubelet.restarts - (then?.kubelet.restarts ?? 0),
    fatal: run.kubelet.fatal - (then?.kubelet.fatal ?? 0),
    podsEvicted: run.kubelet.podsEvicted - (then?.kubelet.podsEvicted ?? 0),
    downSeconds: round((run.kubelet.downMs - (then?.kubelet.downMs ?? 0)) / 1000),
    nodeNotReadySeconds: round((notReadyMs - (then?.notReadyMs ?? 0)) / 1000),
  };
}

// What the run itself says of its figures: pods it never placed or never started.
function runWarnings(run: DesignRunResult, pendingAtEnd: number, neverReady: number): SummaryWarning[] {
  const warnings: SummaryWarning[] = [];
  if (pendingAtEnd > 0) {
    const why = run.pods.find((p) => p.phase === 'Pending' && p.reason !== undefined)?.reason?.replace(/\.$/, '');
    warnings.push({
      code: 'never-settles',
      location: null,
      message: `${pendingAtEnd} pod(s) still Pending at the end of the run${why === undefined ? '' : ` (${why})`}: the design never settles; raise its pools' max, or give it an instance type that fits the pods`,
    });
  }
  if (neverReady > pendingAtEnd)
    warnings.push({
      code: 'never-ready',
      location: null,
      message: `${neverReady - pendingAtEnd} pod(s) bound to a node were never Ready by the end of the run (counted in start-up at the run's end); a longer run, or a design that starts them sooner, shows their start-up`,
    });
  return warnings;
}

function apiFigures(run: DesignRunResult, w: Window, samples: DesignRunResult['samples']): Summary['api'] {
  const byKind = minus(run.api.requests, run.warmup?.api.requests);
  const requests = Object.values(byKind).reduce((a, b) => a + b, 0);
  const delays = run.pods
    .filter((p) => p.readyMs !== undefined && !p.steady && p.readyMs >= w.fromMs)
    .map((p) => (p.readyMs! - p.kubeletReadyMs!) / 1000)
    .sort((a, b) => a - b);
  const seconds = (w.endMs - w.fromMs) / 1000;
  return {
    peakRps: maxOf(samples, (r) => r.api_rps),
    meanRps: round(seconds > 0 ? requests / seconds : 0),
    throttledRequests: run.api.throttled - (run.warmup?.api.throttled ?? 0),
    podReadyDelaySeconds: { p50: percentile(delays, 0.5), p95: percentile(delays, 0.95) },
    requests,
    requestsByKind: byKind,
    peakLatencyMs: round(run.api.peakLatencyMs),
  };
}

/** scenarioHash identifies what a loaded scenario asks of its designs (workloads, load, faults, durations, versions), whatever its seed and its designs. */
function scenarioHash(scenario: Scenario): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...scenario, seed: 0, designs: [] }))
    .digest('hex');
}

/** podStartups are the start-ups, step by step, in order of creation, of the pods that became Ready in the run (created from `fromMs`). */
export function podStartups(run: DesignRunResult, fromMs = 0): PodStartup[] {
  const recordOf = new Map<ClusterNode, (typeof run.nodes)[number]>();
  for (const r of run.nodes) if (r.node !== undefined) recordOf.set(r.node, r);
  return run.pods
    .filter((p) => p.readyMs !== undefined && !p.steady && p.createdMs >= fromMs)
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
function meanBreakdown(run: DesignRunResult, w: Window): StartupBreakdown | null {
  const all = podStartups(run, w.fromMs);
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
