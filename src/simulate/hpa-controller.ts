// The HPA controller's sync loop around the pure decisions of models/hpa.ts: every 15 s, per HPA,
// compute the replicas each metric asks for (the largest wins), stabilize, apply the rate limits,
// and scale. Upstream: pkg/controller/podautoscaler/horizontal.go (reconcileAutoscaler).
import {
  hpaAverageValueReplicas,
  hpaBehaviorReplicas,
  hpaLegacyReplicas,
  hpaResourceReplicas,
  hpaStabilizeAt,
  hpaStabilizeLegacyAt,
  computeReplicasForMetrics,
  type HpaPod,
  type HpaRecommendation,
  type HpaResourceResult,
} from '../models/hpa.js';
import type { Simulation } from '../sim/simulation.js';
import type { Hpa, Workload } from '../scenario/model.js';
import type { EventLog } from './event-log.js';
import type { MetricsServer } from './metrics-server.js';
import { unconnected } from './links.js';
import type { Pod, UsageCohort } from './pod.js';
import { CPU_INITIALIZATION_PERIOD_MS } from './usage-cohorts.js';

type Resource = 'cpu' | 'memory';

/** HPA_SYNC_PERIOD_MS is --horizontal-pod-autoscaler-sync-period, 15 s. */
const HPA_SYNC_PERIOD_MS = 15_000;

/** HpaControllerOptions are what the controller is built from: the run's engine and log, and the workloads. */
export interface HpaControllerOptions {
  readonly sim: Simulation;
  readonly log: EventLog;
  readonly workloads: readonly Workload[];
}

/** HpaLinks are what the controller reads (metrics-server, a workload's replicas and pods) and scales. */
export interface HpaLinks {
  readonly metrics: MetricsServer;
  desiredReplicas(workload: string): number;
  setReplicas(spec: Workload, replicas: number): void;
  /** podsOf: a workload's live pods in no cohort; cohortsOf: its cohorts of settled pods (usage-cohorts.ts), which stand for the rest. */
  podsOf(workload: string): readonly Pod[];
  cohortsOf(workload: string): readonly UsageCohort[];
}

// A stored recommendation: its time, and its age as of the latest sync (updated in place, not
// copied, before the stabilization reads it: 1.7 M syncs a day for the 5,000-node fleet). The new
// one takes the place of the one the stabilization says is past its window(s), in place too.
interface StoredRecommendation extends HpaRecommendation {
  replicas: number;
  ageSeconds: number;
  timeMs: number;
}

// A scale event kept: its time, and its age as of the latest sync (updated in place likewise).
interface StoredScaleEvent {
  readonly replicaChange: number;
  readonly timeMs: number;
  ageSeconds: number;
}

interface History {
  recommendations: StoredRecommendation[];
  scaleUps: StoredScaleEvent[];
  scaleDowns: StoredScaleEvent[];
}

// One HPA's sync: its workload and rules, and its history of recommendations and scale events.
interface Sync {
  readonly w: Workload;
  readonly hpa: Hpa;
  readonly history: History;
}

/** HpaController syncs every workload's HPA every 15 s. */
export class HpaController {
  /** decisions are the replicas each HPA last set its workload to, by workload (for the invariant checks). */
  readonly decisions = new Map<string, number>();
  private links: HpaLinks = unconnected('HpaController');

  constructor(private readonly o: HpaControllerOptions) {}

  /** connect gives the controller its links. */
  connect(links: HpaLinks): void {
    this.links = links;
  }

  /** start begins each HPA's syncs. */
  start(): void {
    const { sim } = this.o;
    for (const w of this.o.workloads) {
      if (w.hpa === null) continue;
      const one: Sync = { w, hpa: w.hpa, history: { recommendations: [], scaleUps: [], scaleDowns: [] } };
      sim.every(HPA_SYNC_PERIOD_MS, (now) => this.sync(now, one), { start: HPA_SYNC_PERIOD_MS });
    }
  }

  private setReplicas(w: Workload, replicas: number): void {
    this.decisions.set(w.name, replicas);
    this.links.setReplicas(w, replicas);
  }

  private sync(now: number, { w, hpa, history }: Sync): void {
    const { log } = this.o;
    const target = this.links;
    const current = target.desiredReplicas(w.name);
    if (current === 0) return; // scaling to and from 0 is off (HPAScaleToZero is alpha)
    // Outside min/max, upstream first brings the count inside, without reading metrics.
    const clamped = Math.min(hpa.maxReplicas, Math.max(hpa.minReplicas, current));
    if (clamped !== current) {
      const why =
        current > hpa.maxReplicas
          ? 'Current number of replicas above Spec.MaxReplicas'
          : 'Current number of replicas below Spec.MinReplicas';
      log.add('HorizontalPodAutoscaler', w.name, 'SuccessfulRescale', `New size: ${clamped}; reason: ${why}`);
      this.setReplicas(w, clamped);
      return;
    }
    const pods = target.podsOf(w.name);
    const cohorts = target.cohortsOf(w.name);
    const proposal = propose(now, current, hpa, hpaPodsOf(pods, cohorts, target.metrics, now));
    if (proposal === null) return;
    const desired =
      hpa.behavior === null
        ? legacy(now, proposal.replicas, current, hpa, history)
        : withBehavior(now, proposal.replicas, current, hpa, history);
    // Upstream keeps scale events no longer than the longest policy period, at most 30 min.
    const cutoff = now - 30 * 60_000;
    dropUntil(history.scaleUps, cutoff);
    dropUntil(history.scaleDowns, cutoff);
    if (desired === current) return;
    const change = desired - current;
    (change > 0 ? history.scaleUps : history.scaleDowns).push({
      replicaChange: Math.abs(change),
      timeMs: now,
      ageSeconds: 0,
    });
    const reason = reasonOf(hpa, proposal);
    log.add('HorizontalPodAutoscaler', w.name, 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
    this.setReplicas(w, desired);
  }
}

// The winning metric's proposal: its index in the HPA's metrics and what it computed.
interface Proposal {
  readonly replicas: number;
  readonly metric: number;
  readonly result: HpaResourceResult;
}

// Each metric's proposal (hpaResourceReplicas, hpaAverageValueReplicas), and the one that wins
// (computeReplicasForMetrics); null when the HPA does not scale this time.
function propose(now: number, current: number, hpa: Hpa, podsOf: (resource: Resource) => HpaPod[]): Proposal | null {
  const results = hpa.metrics.map((m) =>
    m.target.type === 'Utilization'
      ? hpaResourceReplicas({
          now: now / 1000,
          currentReplicas: current,
          tolerance: hpa.tolerance,
          pods: podsOf(m.resource),
          targetUtilization: m.target.averageUtilization,
          resource: m.resource,
        })
      : hpaAverageValueReplicas({
          now: now / 1000,
          currentReplicas: current,
          tolerance: hpa.tolerance,
          pods: podsOf(m.resource),
          targetAverageValueMilli: m.target.averageValue,
          resource: m.resource,
        }),
  );
  const outcome = computeReplicasForMetrics(results, current);
  if ('error' in outcome) return null;
  return { replicas: outcome.replicas, metric: outcome.metric, result: results[outcome.metric]! };
}

// The event's reason: the winning metric against its target (written only when the HPA scales).
function reasonOf(hpa: Hpa, { metric, result: r }: Proposal): string {
  const m = hpa.metrics[metric]!;
  const unit = m.resource === 'cpu' ? 'm' : ' bytes';
  return m.target.type === 'Utilization'
    ? `${m.resource} resource utilization (percentage of request) ${r.utilizationPercent}% against a target of ${m.target.averageUtilization}%`
    : `${m.resource} resource ${r.rawAverageValueMilli}${unit} a pod against a target of ${m.target.averageValue}${unit}`;
}

function legacy(now: number, proposal: number, current: number, hpa: Hpa, h: History): number {
  const stabilized = hpaStabilizeLegacyAt(aged(h.recommendations, now), proposal);
  store(h.recommendations, stabilized.oldIndex, proposal, now);
  return hpaLegacyReplicas({
    currentReplicas: current,
    desiredReplicas: stabilized.replicas,
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
  }).replicas;
}

function withBehavior(now: number, proposal: number, current: number, hpa: Hpa, h: History): number {
  const up = hpa.behavior?.scaleUp ?? undefined;
  const down = hpa.behavior?.scaleDown ?? undefined;
  const stabilized = hpaStabilizeAt({
    recommendations: aged(h.recommendations, now),
    currentReplicas: current,
    desiredReplicas: proposal,
    scaleUpWindowSeconds: up?.stabilizationWindowSeconds ?? 0,
    scaleDownWindowSeconds: down?.stabilizationWindowSeconds ?? 300,
  });
  store(h.recommendations, stabilized.oldIndex, proposal, now);
  return hpaBehaviorReplicas({
    currentReplicas: current,
    desiredReplicas: stabilized.replicas,
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
    ...(up ? { scaleUp: up } : {}),
    ...(down ? { scaleDown: down } : {}),
    scaleUpEvents: aged(h.scaleUps, now),
    scaleDownEvents: aged(h.scaleDowns, now),
  }).replicas;
}

// Drops the events at or before `cutoff` (the oldest come first: they are appended as made).
function dropUntil(events: History['scaleUps'], cutoff: number): void {
  let old = 0;
  while (old < events.length && events[old]!.timeMs <= cutoff) old++;
  if (old > 0) events.splice(0, old);
}

// The stored recommendations or scale events with their ages now.
function aged<T extends { readonly timeMs: number; ageSeconds: number }>(list: T[], now: number): T[] {
  for (const r of list) r.ageSeconds = (now - r.timeMs) / 1000;
  return list;
}

// The stabilization's new recommendation (of age 0), stored as upstream's replace-or-append does:
// over the entry at `oldIndex`, or appended (-1).
function store(list: StoredRecommendation[], oldIndex: number, replicas: number, now: number): void {
  if (oldIndex < 0) {
    list.push({ replicas, ageSeconds: 0, timeMs: now });
    return;
  }
  const r = list[oldIndex]!;
  r.replicas = replicas;
  r.ageSeconds = 0;
  r.timeMs = now;
}

// The pods as the replica calculator reads them. Settled pods (Running, Ready, started more than
// the CPU initialization period ago, with a sample) are alike to it but for their usage and
// request, so each such kind is one entry with a count: no object per pod every 15 s. A cohort's
// members are settled pods with the cohort's figures: an entry each, without a pass over them.
function hpaPodsOf(
  pods: readonly Pod[],
  cohorts: readonly UsageCohort[],
  metrics: MetricsServer,
  now: number,
): (resource: Resource) => HpaPod[] {
  const lists = new Map<Resource, HpaPod[]>();
  return (resource) => {
    let list = lists.get(resource);
    if (list === undefined) {
      list = hpaPods(pods, metrics, now, resource);
      for (const c of cohorts) if (c.members > 0) list.push(cohortEntry(c, metrics, resource));
      lists.set(resource, list);
    }
    return list;
  };
}

// A cohort's members as one entry: Running, Ready, long started, with the cohort's metric at the
// latest scrape (none when the cohort has not been sampled at it).
function cohortEntry(c: UsageCohort, metrics: MetricsServer, resource: Resource): HpaPod {
  const sampled = c.metricMs === metrics.scrapedMs;
  // (One object of one shape, the absent figures undefined: no spread of a temporary a sync.)
  return {
    phase: 'Running',
    ready: true,
    deleted: false,
    startTime: -Infinity,
    readyTransitionTime: -Infinity,
    usageMilli: sampled ? (resource === 'cpu' ? c.metricCpuMilli : c.workingSetBytes) : undefined,
    metricTime: sampled ? c.metricMs / 1000 : undefined,
    metricWindowSeconds: sampled ? c.metricWindowMs / 1000 : undefined,
    requestMilli: resource === 'cpu' ? c.spec.requests.cpuMilli : c.spec.requests.memoryBytes,
    count: c.members,
  };
}

function hpaPods(pods: readonly Pod[], metrics: MetricsServer, now: number, resource: Resource): HpaPod[] {
  const out: HpaPod[] = [];
  // A handful of kinds at most (one usage per scrape and readiness, one request per workload): a list beats a keyed map.
  const settled: Array<{ usage: number; request: number; pod: Pod; count: number }> = [];
  const initEnd = now - CPU_INITIALIZATION_PERIOD_MS;
  for (const p of pods) {
    const usage =
      p.ready && p.phase === 'Running' && p.scheduledMs !== undefined && p.scheduledMs <= initEnd
        ? resource === 'cpu'
          ? metrics.usage(p)
          : metrics.memory(p)
        : undefined;
    const request = resource === 'cpu' ? p.cpuMilli : p.memoryBytes;
    if (usage === undefined) {
      out.push(hpaPod(p, metrics, resource));
      continue;
    }
    const kind = settled.find((k) => k.usage === usage && k.request === request);
    if (kind === undefined) settled.push({ usage, request, pod: p, count: 1 });
    else kind.count++;
  }
  for (const { pod, count } of settled) out.push(hpaPod(pod, metrics, resource, count));
  return out;
}

// The pod as the replica calculator reads it. ContainerCreating pods are Pending to Kubernetes.
// (`count`: this many pods alike, as one entry.)
function hpaPod(p: Pod, metrics: MetricsServer, resource: Resource, count?: number): HpaPod {
  const metric = metrics.metric(p, resource);
  const transition = p.readyMs ?? p.runningMs;
  return {
    phase: p.phase === 'Running' ? 'Running' : 'Pending',
    ready: p.ready,
    deleted: p.phase === 'Terminating' || p.phase === 'Gone',
    startTime: p.scheduledMs === undefined ? undefined : p.scheduledMs / 1000,
    readyTransitionTime: transition === undefined ? undefined : transition / 1000,
    usageMilli: metric?.usageMilli,
    metricTime: metric === undefined ? undefined : metric.timeMs / 1000,
    metricWindowSeconds: metric === undefined ? undefined : metric.windowMs / 1000,
    requestMilli: resource === 'cpu' ? p.cpuMilli : p.memoryBytes,
    count,
  };
}
