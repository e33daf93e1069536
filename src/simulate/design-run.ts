// One design through one scenario: the nodes of its pools, the workloads' pods, and the loops
// that move them (ReplicaSet controller, scheduler, kubelets), sampled into a timeline.
// The cluster autoscaler grows and shrinks the pools between their min and max; kubelets talk to
// the API server, crash and are restarted by their supervisors; the node lifecycle controller
// marks silent nodes NotReady and evicts their pods.
import type { ApiRequestKind } from '../models/kubelet.js';
import type { Design, Pool, Scenario } from '../scenario/model.js';
import type { KarpenterStats } from './karpenter-provisioner.js';
import type { AutoscalerStats } from './autoscaler.js';
import type { ZoneFigures } from './zone-outages.js';
import { buildComponents, type Components } from './components.js';
import { connectComponents } from './connect.js';
import type { RunEvent } from './event-log.js';
import type { ImageStats } from './image-pulls.js';
import { checkEveryBatch, componentState } from './invariant-checker.js';
import { checkByDefault } from './invariants.js';
import type { KubeletStats } from './kubelet-process.js';
import type { NodeRecord } from './nodes.js';
import type { Pod, PodRecord } from './pod.js';
import { POD_GC_PERIOD_MS, POD_GC_QUARANTINE_MS } from './pod-gc.js';
import type { ResilienceStats } from './resilience.js';
import type { RolloutStats } from './deployment-controller.js';
import type { UsageStats } from './resource-usage.js';
import { startSteady } from './warm-start.js';
import { endWarmupAt, type WarmupEnd } from './warmup.js';
import type { ApiRow, ClusterSample, NodeRow, PoolRow, RunSink, TimelineRow } from './timeline.js';

/** DesignRunResult is everything a design's run leaves for the reports; the timeline, API rows and events are empty when a sink took them. */
export interface DesignRunResult {
  readonly design: string;
  readonly timeline: readonly TimelineRow[];
  readonly apiTimeline: readonly ApiRow[];
  /** poolTimeline: each sample's rows per pool (what its nodes' pods use), empty when a sink took them. */
  readonly poolTimeline: readonly PoolRow[];
  /** nodeTimeline: each sample's rows per Ready node, kept only when asked for (`nodeTimeline`) and no sink took them. */
  readonly nodeTimeline: readonly NodeRow[];
  readonly events: readonly RunEvent[];
  /** samples are each sample's cluster-wide figures (kept even when a sink takes the rows). */
  readonly samples: readonly ClusterSample[];
  readonly eventCount: number;
  /** pods: every pod the run made, in order of creation (a record of those gone). */
  readonly pods: ReadonlyArray<Pod | PodRecord>;
  readonly nodes: readonly NodeRecord[];
  readonly autoscaler: AutoscalerStats;
  /** karpenter: its launches, consolidations, interruptions and expiries (null: no Karpenter in the design). */
  readonly karpenter: KarpenterStats | null;
  /** pools are the design's pools and the node groups Karpenter added, as the pool timeline orders them. */
  readonly pools: readonly Pool[];
  /** zones: the zone outages' figures (null: none began). */
  readonly zones: ZoneFigures | null;
  readonly images: ImageStats;
  /** api: the kubelets' requests by kind, those that waited on a kubelet's limit, the longest status-update latency. */
  readonly api: {
    readonly requests: Readonly<Record<ApiRequestKind, number>>;
    readonly throttled: number;
    readonly peakLatencyMs: number;
  };
  readonly kubelet: KubeletStats & { readonly podsEvicted: number; readonly downMs: number };
  readonly resilience: ResilienceStats;
  readonly eventsProcessed: number;
  /** load is the requests offered and left unserved over the run, all workloads together. */
  readonly load: { readonly offered: number; readonly unserved: number };
  /** warmup: the counters at the end of the scenario's warm-up (null without one); the summary counts from there. */
  readonly warmup: WarmupEnd | null;
  /** usage: the pods' CPU and memory over the run, OOM kills, and pods evicted under memory pressure. */
  readonly usage: UsageStats & { readonly evictions: number };
  /** rollouts: each Deployment rollout's figures, with the bytes of its image pulled from its start. */
  readonly rollouts: ReadonlyArray<RolloutStats & { readonly bytesPulled: number }>;
}

/** RunDesignOptions: `check` verifies the invariants after every batch of events (default: POOLSIM_CHECK=1); `sink` takes the rows and events instead of the result. */
export interface RunDesignOptions {
  readonly check?: boolean;
  readonly sink?: RunSink;
  /** nodeTimeline keeps a row per Ready node per sample (when no sink takes the rows). */
  readonly nodeTimeline?: boolean;
  /** onSample hears, at each timeline sample, the simulated time (ms) and the engine's events so far (progress). */
  readonly onSample?: (nowMs: number, events: number) => void;
  /** usageCohorts: settled pods are sampled as cohorts (the default); false samples each pod on its own, the reference the cohorts are tested against. */
  readonly usageCohorts?: boolean;
  /** timelineWorkloads: the workloads whose timeline rows are kept as they are, the others summed into one "(other)" row (default: all kept). */
  readonly timelineWorkloads?: readonly string[] | null;
}

// A pod of a deleted node is gone by pod GC's first pass after its quarantine.
const ORPHAN_LIMIT_MS = POD_GC_QUARANTINE_MS + POD_GC_PERIOD_MS;

/**
 * runDesign simulates `design` for the scenario's duration. Every design draws from the same
 * seeded streams. Its components are built (components.ts), connected (connect.ts), started, and
 * run; what they leave is the result.
 */
export function runDesign(scenario: Scenario, design: Design, options: RunDesignOptions = {}): DesignRunResult {
  const kept = { timeline: [] as TimelineRow[], api: [] as ApiRow[], pools: [] as PoolRow[], nodes: [] as NodeRow[] };
  const sink: RunSink = options.sink ?? {
    timeline: (rows) => kept.timeline.push(...rows),
    api: (rows) => kept.api.push(...rows),
    pools: (rows) => kept.pools.push(...rows),
    ...(options.nodeTimeline === true ? { nodes: (rows: readonly NodeRow[]) => void kept.nodes.push(...rows) } : {}),
    event: () => {}, // the log keeps the events itself
  };
  // Progress rides on the timeline's samples: an event of its own would change the run's order.
  const engine: { sim: Components['sim'] | null } = { sim: null };
  const onSample = options.onSample;
  const heard: RunSink =
    onSample === undefined
      ? sink
      : {
          ...sink,
          timeline: (rows) => {
            sink.timeline(rows);
            onSample(engine.sim!.now, engine.sim!.eventsProcessed);
          },
        };
  const timelineWorkloads = options.timelineWorkloads ?? null;
  const c = buildComponents(scenario, design, heard, options.sink === undefined, {
    usageCohorts: options.usageCohorts ?? true,
    timelineWorkloads: timelineWorkloads === null ? null : new Set(timelineWorkloads),
  });
  engine.sim = c.sim;
  connectComponents(c);
  start(c);
  let warmup: WarmupEnd | null = null;
  if (scenario.warmupMs > 0) endWarmupAt(c, scenario.warmupMs, (end) => (warmup = end));
  if (options.check ?? checkByDefault()) checkEveryBatch(c.sim, componentState(c), design.name, ORPHAN_LIMIT_MS);
  c.sim.run({ until: scenario.durationMs });
  return { ...finish(c, kept), warmup };
}

// Starting the components. Events due at the same millisecond run in the order they were
// scheduled, so this order is part of what a seed gives: change it and outputs change.
function start(c: Components): void {
  c.faults.start();
  c.zones.start();
  c.nodes.start();
  c.scheduler.start();
  c.autoscaler.start();
  c.karpenter?.disruption.start();
  if (c.scenario.start === 'steady') startSteady(c);
  for (const w of c.scenario.workloads) {
    if (c.scenario.start === 'cold') c.sim.at(0, () => c.replicas.setReplicas(w, w.replicas));
    for (const s of w.scale) c.sim.at(s.atMs, () => c.replicas.setReplicas(w, s.replicas));
  }
  c.deployments.start();
  // What the pods use from the first moment (the timeline's first row), not only from the first scrape.
  c.sim.at(0, () => c.usage.sample());
  c.metrics.start();
  c.hpa.start();
  c.sampler.start();
}

// The run's end: the last spans measured and counted, each workload's blast radius logged (before
// the events are taken), and what the reports need.
function finish(
  c: Components,
  kept: { timeline: TimelineRow[]; api: ApiRow[]; pools: PoolRow[]; nodes: NodeRow[] },
): Omit<DesignRunResult, 'warmup'> {
  for (const w of c.scenario.workloads) c.readiness.measure(w.name);
  c.api.finish();
  c.zones.finish();
  c.usage.integrate(c.scenario.durationMs);
  const resilience = c.resilience.finish();
  return {
    design: c.design.name,
    timeline: kept.timeline,
    apiTimeline: kept.api,
    poolTimeline: kept.pools,
    nodeTimeline: kept.nodes,
    events: c.log.events,
    samples: c.sampler.samples,
    eventCount: c.log.count,
    pods: c.replicas.pods,
    nodes: c.nodes.records,
    autoscaler: c.autoscaler.stats,
    karpenter: c.karpenter === null ? null : c.karpenter.provisioner.stats,
    pools: c.nodes.allPools,
    zones: c.zones.stats,
    images: c.pulls.stats,
    api: { requests: { ...c.traffic.totals }, throttled: c.traffic.throttled, peakLatencyMs: c.traffic.peakLatencyMs },
    kubelet: { ...c.processes.stats, podsEvicted: c.lifecycle.podsEvicted, downMs: c.api.downMs },
    resilience,
    eventsProcessed: c.sim.eventsProcessed,
    load: c.readiness.load,
    usage: { ...c.usage.stats, evictions: c.eviction.evictions },
    rollouts: c.deployments.rollouts.map((r) => ({
      ...r,
      bytesPulled: c.pulls.bytesOfImage(r.image) - r.imageBytesBefore,
    })),
  };
}
