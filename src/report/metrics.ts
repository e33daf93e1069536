// The summary's figures that have a better direction, as `compare` gates them: each with its key
// (as --threshold names it), where it is in summary.json, its unit, whether lower or higher is
// better, and what a missing value (null) means: the worst (no pod became Ready, so no start-up) or
// the best (nothing was lost, so no recovery time).

/** Metric is one directed figure of a design's summary. */
export interface Metric {
  readonly key: string;
  /** path is where the figure is in summary.json. */
  readonly path: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly nullMeans: 'worst' | 'best';
}

const lower = (key: string, path: string, unit: string, nullMeans: Metric['nullMeans'] = 'worst'): Metric => ({
  key,
  path,
  unit,
  better: 'lower',
  nullMeans,
});
const higher = (key: string, path: string, unit: string, nullMeans: Metric['nullMeans'] = 'worst'): Metric => ({
  key,
  path,
  unit,
  better: 'higher',
  nullMeans,
});

/** METRICS are the figures `compare` looks at, in the order it prints them. */
export const METRICS: readonly Metric[] = [
  lower('startupP50', 'pods.startupSeconds.p50', 's'),
  lower('startupP95', 'pods.startupSeconds.p95', 's'),
  lower('pendingPodSeconds', 'pods.pendingPodSeconds', 's'),
  lower('peakPending', 'pods.peakPending', 'pods'),
  lower('unservedFraction', 'load.unservedFraction', 'fraction'),
  lower('cost', 'cost.total', 'USD'),
  lower('costPerPodHour', 'cost.perPodHour', 'USD'),
  higher('cpuUtilization', 'capacity.meanCpuRequestedFraction', 'fraction'),
  higher('memoryUtilization', 'capacity.meanMemoryRequestedFraction', 'fraction'),
  lower('imageBytesPulled', 'images.bytesPulled', 'B'),
  lower('imagePullP95', 'images.pullSeconds.p95', 's', 'best'),
  lower('apiPeakRps', 'api.peakRps', 'req/s'),
  lower('podReadyDelayP95', 'api.podReadyDelaySeconds.p95', 's'),
  lower('nodeNotReadySeconds', 'kubelet.nodeNotReadySeconds', 's'),
  lower('podsEvicted', 'kubelet.podsEvicted', 'pods'),
  lower('maxReplicasOnOneNode', 'resilience.maxReplicasOnOneNode', 'pods'),
  higher('minEffectiveReplication', 'resilience.minEffectiveReplication', 'nodes'),
  lower('recoverySeconds', 'resilience.recoverySeconds', 's', 'best'),
];

/** metricValue reads a metric from a summary; null where it has none (or an older summary lacks it). */
export function metricValue(summary: unknown, metric: Metric): number | null {
  let v: unknown = summary;
  for (const key of metric.path.split('.'))
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Threshold: how much worse a metric may get, relative to the baseline (0.1 = 10%) or in the metric's unit. */
export type Threshold = { readonly relative: number } | { readonly absolute: number };

/** DEFAULT_THRESHOLD: a change of more than 10% in the worse direction is a regression, for every metric. */
export const DEFAULT_THRESHOLD: Threshold = { relative: 0.1 };

/** rank orders values for "better": a smaller rank is better; null takes its metric's meaning. */
export function rank(metric: Metric, value: number | null): number {
  if (value === null) return metric.nullMeans === 'best' ? -Infinity : Infinity;
  return metric.better === 'lower' ? value : -value;
}
