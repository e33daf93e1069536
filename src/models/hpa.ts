// The HPA's replica calculation for a resource metric, as upstream computes it:
// kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas,
// GetRawResourceReplicas/calcPlainMetricReplicas, groupPods) and metrics/utilization.go
// (GetResourceUtilizationRatio, GetMetricUsageRatio). Times are seconds on one
// clock; CPU in millicores (or bytes for memory, in the same "milli" fields).
export {
  hpaBehaviorReplicas,
  hpaLegacyReplicas,
  hpaStabilize,
  hpaStabilizeAt,
  hpaStabilizeLegacy,
  hpaStabilizeLegacyAt,
} from './hpa-behavior.js';
export type { HpaRules, HpaScaleEvent, HpaRecommendation, HpaCondition } from './hpa-behavior.js';

/** HpaPod is what the replica calculator reads of one pod. */
export interface HpaPod {
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** ready is the pod's Ready condition (absent condition: treat as not started, see startTime). */
  readonly ready: boolean;
  readonly deleted?: boolean;
  /** startTime is when the kubelet started the pod; absent counts as unready for CPU. */
  readonly startTime?: number;
  readonly readyTransitionTime?: number;
  /** metricTime and metricWindowSeconds describe the metrics-server sample. */
  readonly metricTime?: number;
  readonly metricWindowSeconds?: number;
  readonly requestMilli: number;
  /** usageMilli absent means no metric for this pod. */
  readonly usageMilli?: number;
  /** count: this many identical pods (default 1), so that a workload's settled pods are one entry, not hundreds. */
  readonly count?: number;
}

/** Tolerance is one tolerance, or separate ones up and down (KEP-4951). */
export type Tolerance = number | { readonly scaleUp: number; readonly scaleDown: number };

/** HpaResourceInput is GetResourceReplicas's input. */
export interface HpaResourceInput {
  readonly now: number;
  readonly currentReplicas: number;
  /** targetUtilization is the target average utilization, percent of request. */
  readonly targetUtilization: number;
  readonly tolerance?: Tolerance;
  readonly cpuInitializationPeriodSeconds?: number;
  readonly initialReadinessDelaySeconds?: number;
  readonly resource?: 'cpu' | 'memory';
  readonly pods: readonly HpaPod[];
}

/** HpaResourceResult is the recommendation; `error` is set when upstream would return an error (and not scale). */
export interface HpaResourceResult {
  readonly replicas: number;
  readonly utilizationPercent: number;
  readonly rawAverageValueMilli: number;
  readonly error?: string;
}

const DEFAULTS = { tolerance: 0.1, cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 } as const;

/** hpaResourceReplicas is GetResourceReplicas: the replicas a resource utilization target asks for. */
export function hpaResourceReplicas(input: HpaResourceInput): HpaResourceResult {
  const { targetUtilization, pods } = input;
  return replicasFor(input, {
    ratio: (metrics) => utilizationRatio(metrics, pods, targetUtilization),
    // Scaling down, a pod without a metric counts as using its request (or the target, if higher).
    missingOnScaleDown: (i) => Math.trunc((pods[i]!.requestMilli * Math.max(100, targetUtilization)) / 100),
    noMatch: 'no metrics returned matched known pods',
  });
}

/** HpaAverageValueInput is GetRawResourceReplicas's input: a target average per pod, in milli-units. */
export interface HpaAverageValueInput extends Omit<HpaResourceInput, 'targetUtilization' | 'resource'> {
  readonly targetAverageValueMilli: number;
  /** resource: cpu (readiness rules apply), memory, or '' for a plain per-pod metric (no readiness rules). */
  readonly resource?: 'cpu' | 'memory' | '';
}

/** hpaAverageValueReplicas is GetRawResourceReplicas / calcPlainMetricReplicas: the replicas an average-value target asks for. */
export function hpaAverageValueReplicas(input: HpaAverageValueInput): HpaResourceResult {
  const target = input.targetAverageValueMilli;
  return replicasFor(
    {
      ...input,
      targetUtilization: 0,
      resource: input.resource === '' ? undefined : input.resource,
      plain: input.resource === '',
    },
    {
      // GetMetricUsageRatio: the average is truncated, and the ratio taken from it.
      ratio: (metrics) => {
        let total = 0;
        let n = 0;
        for (const [i, v] of metrics) {
          const w = weight(input.pods[i]!);
          total += v * w;
          n += w;
        }
        const average = Math.trunc(total / n);
        return { ratio: average / target, utilization: 0, rawAverage: average };
      },
      // Scaling down, a pod without a metric counts as using exactly the target.
      missingOnScaleDown: () => target,
      noMatch: 'no metrics for the targeted pods',
    },
  );
}

interface Ratio {
  ratio: number;
  utilization: number;
  rawAverage: number;
}

interface Strategy {
  ratio(metrics: ReadonlyMap<number, number>): Ratio | null;
  missingOnScaleDown(i: number): number;
  noMatch: string;
}

// The algorithm both paths share (GetResourceReplicas and calcPlainMetricReplicas): estimate from
// ready pods; if pods are missing metrics, or unready while scaling up, re-count them pessimistically
// and keep the current count when that lands within tolerance or flips the direction.
function replicasFor(input: HpaResourceInput & { plain?: boolean }, how: Strategy): HpaResourceResult {
  const { currentReplicas, pods } = input;
  const keep = (error: string): HpaResourceResult => ({
    replicas: currentReplicas,
    utilizationPercent: 0,
    rawAverageValueMilli: 0,
    error,
  });
  if (pods.length === 0) return keep('no pods returned by selector while calculating replica count');
  const groups = groupPods(input);
  // Metrics of ignored and unready pods are dropped before the first estimate.
  const metrics = new Map<number, number>();
  for (const i of groups.ready) metrics.set(i, pods[i]!.usageMilli!);
  if (metrics.size === 0) return keep('did not receive metrics for targeted pods (pods might be unready)');
  const first = how.ratio(metrics);
  if (first === null) return keep(how.noMatch);
  const within = tolerated(input.tolerance ?? DEFAULTS.tolerance);
  const result = (replicas: number): HpaResourceResult => ({
    replicas,
    utilizationPercent: first.utilization,
    rawAverageValueMilli: first.rawAverage,
  });
  const scaleUpWithUnready = groups.unready.length > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (within(first.ratio)) return result(currentReplicas);
    return result(Math.ceil(first.ratio * podCount(pods, groups.ready)));
  }
  // Scaling up, missing and unready pods count as using nothing.
  for (const i of groups.missing) {
    if (first.ratio < 1) metrics.set(i, how.missingOnScaleDown(i));
    else if (first.ratio > 1) metrics.set(i, 0);
  }
  if (scaleUpWithUnready) for (const i of groups.unready) metrics.set(i, 0);
  const second = how.ratio(metrics)!; // the same pods, now with more entries: not zero
  // Keep the current count if the re-count lands within tolerance or flips the direction.
  if (within(second.ratio) || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1))
    return result(currentReplicas);
  const replicas = Math.ceil(second.ratio * podCount(pods, metrics.keys()));
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas))
    return result(currentReplicas);
  return result(replicas);
}

function weight(p: HpaPod) {
  return p.count ?? 1;
}
// podCount counts the pods of some entries, each entry `count` pods.
function podCount(pods: readonly HpaPod[], entries: Iterable<number>): number {
  let n = 0;
  for (const i of entries) n += weight(pods[i]!);
  return n;
}

// isWithin: (1 − scaleDown) ≤ ratio ≤ (1 + scaleUp).
function tolerated(t: Tolerance): (ratio: number) => boolean {
  const { scaleUp, scaleDown } = typeof t === 'number' ? { scaleUp: t, scaleDown: t } : t;
  return (ratio) => 1 - scaleDown <= ratio && ratio <= 1 + scaleUp;
}

// GetResourceUtilizationRatio: the utilization is an integer percentage, and the ratio is taken from it.
function utilizationRatio(
  metrics: ReadonlyMap<number, number>,
  pods: readonly HpaPod[],
  target: number,
): { ratio: number; utilization: number; rawAverage: number } | null {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [i, value] of metrics) {
    const w = weight(pods[i]!);
    metricsTotal += value * w;
    requestsTotal += pods[i]!.requestMilli * w;
    n += w;
  }
  if (requestsTotal === 0) return null;
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

// groupPods: ready pods count; pending and (for CPU) not-yet-trustworthy pods are unready; pods
// without a metric are missing; deleted pods and pods that have finished (Failed or Succeeded) are
// ignored (kubernetes/kubernetes PR #141302, issue #141298: before it, a Succeeded pod counted as
// missing and damped scaling).
function groupPods(input: HpaResourceInput & { plain?: boolean }): {
  ready: number[];
  unready: number[];
  missing: number[];
} {
  const ready: number[] = [];
  const unready: number[] = [];
  const missing: number[] = [];
  const init = input.cpuInitializationPeriodSeconds ?? DEFAULTS.cpuInitializationPeriodSeconds;
  const delay = input.initialReadinessDelaySeconds ?? DEFAULTS.initialReadinessDelaySeconds;
  input.pods.forEach((pod, i) => {
    if (pod.deleted === true || pod.phase === 'Failed' || pod.phase === 'Succeeded') return;
    if (pod.phase === 'Pending') return void unready.push(i);
    if (pod.usageMilli === undefined) return void missing.push(i);
    // Readiness is checked for CPU only; memory and plain per-pod metrics count as they come.
    if (input.plain !== true && (input.resource ?? 'cpu') === 'cpu' && cpuSampleUntrusted(pod, input.now, init, delay))
      return void unready.push(i);
    ready.push(i);
  });
  return { ready, unready, missing };
}

function cpuSampleUntrusted(pod: HpaPod, now: number, init: number, delay: number): boolean {
  if (pod.startTime === undefined || pod.readyTransitionTime === undefined) return true;
  if (pod.startTime + init > now) {
    // Still initialising: unready, or no full metric window since it became ready.
    const window = pod.metricWindowSeconds ?? 0;
    return !pod.ready || (pod.metricTime ?? now) < pod.readyTransitionTime + window;
  }
  // Past initialisation: ignore only a pod that is unready and has never been ready.
  return !pod.ready && pod.startTime + delay > pod.readyTransitionTime;
}

/** MetricsOutcome is computeReplicasForMetrics' answer: the largest proposal and whose it is, or why the HPA does not scale. */
export type MetricsOutcome = { readonly replicas: number; readonly metric: number } | { readonly error: string };

/**
 * computeReplicasForMetrics is horizontal.go's computeReplicasForMetrics: the largest valid proposal
 * wins; if every metric is invalid, or some are and the largest valid one would scale down, the HPA
 * does not scale (the error of the first invalid metric).
 */
export function computeReplicasForMetrics(
  proposals: ReadonlyArray<Pick<HpaResourceResult, 'replicas' | 'error'>>,
  specReplicas: number,
): MetricsOutcome {
  let replicas = 0;
  let metric = -1;
  let invalid = 0;
  let firstError = '';
  proposals.forEach((p, i) => {
    if (p.error !== undefined) {
      if (invalid === 0) firstError = p.error;
      invalid++;
    } else if (replicas === 0 || p.replicas > replicas) {
      replicas = p.replicas;
      metric = i;
    }
  });
  if (invalid >= proposals.length || (invalid > 0 && replicas < specReplicas))
    return {
      error: `invalid metrics (${invalid} invalid out of ${proposals.length}), first error is: ${firstError}`,
    };
  return { replicas, metric };
}
