// The summary's figures that have a better direction, as `compare` gates them: each with its key
// (as --threshold names it), a label for people, where it is in summary.json, its unit, whether
// lower or higher is better, and what a missing value (null) means: the worst (no pod Ready to share
// the cost, never whole) or the best (no pod had to start, nothing lost so no recovery time). docs/glossary.md explains
// each; test/report/glossary.test.ts keeps it complete.

/**
 * Metric is one directed figure of a design's summary. Its unit says what is counted: 's' is
 * seconds of one thing (a pod's start-up), 'pod-s' and 'node-s' are sums over pods or nodes of the
 * seconds each spent so (two nodes NotReady for 10 s are 20 node-s), 'fraction' is a share from 0 to 1.
 */
export interface Metric {
  readonly key: string;
  /** label names the figure for people (tables, the verdict, docs/glossary.md). */
  readonly label: string;
  /** path is where the figure is in summary.json. */
  readonly path: string;
  readonly unit: MetricUnit;
  readonly better: 'lower' | 'higher';
  readonly nullMeans: 'worst' | 'best';
}

/**
 * MetricUnit is what a metric counts; formatValue (compare-format.ts) prints each. 'B' is bytes of
 * images, printed in GB as registries give image sizes; 'bytes' is bytes of memory, printed in
 * binary units (GiB) as Kubernetes' quantities and the nodes' sizes are; 'core-s' is CPU cores ×
 * seconds, summed over pods.
 */
type MetricUnit =
  | 's'
  | 'pod-s'
  | 'node-s'
  | 'core-s'
  | 'pods'
  | 'replicas'
  | 'nodes'
  | 'kills'
  | 'fraction'
  | 'USD'
  | 'USD/pod-h'
  | 'B'
  | 'bytes'
  | 'req/s';

type NullMeans = Metric['nullMeans'];
const lower = (key: string, label: string, path: string, unit: MetricUnit, nullMeans: NullMeans = 'worst'): Metric => ({
  key,
  label,
  path,
  unit,
  better: 'lower',
  nullMeans,
});
const higher = (key: string, label: string, path: string, unit: MetricUnit): Metric => ({
  ...lower(key, label, path, unit),
  better: 'higher',
});

/** METRICS are the figures `compare` looks at, in the order it prints them. */
export const METRICS: readonly Metric[] = [
  // A pod never Ready counts, censored at the run's end: no start-up at all means no pod had to start.
  lower('startupP50', 'start-up p50', 'pods.startupSeconds.p50', 's', 'best'),
  lower('startupP95', 'start-up p95', 'pods.startupSeconds.p95', 's', 'best'),
  lower('pendingPodSeconds', 'pending pod-time', 'pods.pendingPodSeconds', 'pod-s'),
  lower('peakPending', 'peak pending', 'pods.peakPending', 'pods'),
  lower('neverReady', 'never Ready', 'pods.neverReady', 'pods'),
  lower('pendingAtEnd', 'pending at the end', 'pods.pendingAtEnd', 'pods'),
  lower('unservedFraction', 'unserved load', 'load.unservedFraction', 'fraction'),
  lower('cost', 'cost', 'cost.total', 'USD'),
  lower('costPerPodHour', 'cost per pod-hour', 'cost.perPodHour', 'USD/pod-h'),
  higher('cpuUtilization', 'CPU requested', 'capacity.meanCpuRequestedFraction', 'fraction'),
  higher('memoryUtilization', 'memory requested', 'capacity.meanMemoryRequestedFraction', 'fraction'),
  lower('imageBytesPulled', 'image bytes pulled', 'images.bytesPulled', 'B'),
  lower('imagePullP95', 'image pull p95', 'images.pullSeconds.p95', 's', 'best'),
  lower('apiPeakRps', 'API peak', 'api.peakRps', 'req/s'),
  lower('podReadyDelayP95', 'Ready reporting delay p95', 'api.podReadyDelaySeconds.p95', 's', 'best'), // none: no pod became Ready in the run
  lower('kubeletDownSeconds', 'kubelet down', 'kubelet.downSeconds', 'node-s'),
  lower('nodeNotReadySeconds', 'node NotReady', 'kubelet.nodeNotReadySeconds', 'node-s'),
  lower('podsEvicted', 'pods evicted', 'kubelet.podsEvicted', 'pods'),
  lower('maxReplicasOnOneNode', 'max replicas on one node', 'resilience.maxReplicasOnOneNode', 'replicas'),
  higher('minEffectiveReplication', 'min effective replication', 'resilience.minEffectiveReplication', 'nodes'),
  lower('recoverySeconds', 'recovery time', 'resilience.recoverySeconds', 's', 'best'),
  // The pods' CPU and memory, last: seeds.csv's columns and comparison.csv's distribution columns
  // follow this order, and their readers rely on it. cpu.burstFraction is not among them: CPU used
  // beyond requests is the nodes' spare CPU put to work (the more a design has, the more its pods
  // burst), good for the load it serves and a risk only if the spare goes, so no direction judges
  // it; its harm, demand held back, is cpuThrottledSeconds. CPU used and requested in core-seconds
  // follow the load, not the design, and are comparison.csv's alone too.
  lower('cpuThrottledSeconds', 'CPU throttled', 'cpu.throttledSeconds', 'core-s'),
  lower('peakWorkingSet', 'peak working set', 'memory.peakWorkingSetBytes', 'bytes'),
  lower('oomKills', 'OOM kills', 'memory.oomKills', 'kills'),
  lower('memoryEvictions', 'memory-pressure evictions', 'memory.evictions', 'pods'),
];

/** metricValue reads a metric from a summary; null where it has none (or an older summary lacks it). */
export function metricValue(summary: unknown, metric: Pick<Metric, 'path'>): number | null {
  const v = atPath(summary, metric.path);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * hasMetric: whether a summary holds the metric's key at all (its value may be null: a figure with
 * nothing to measure); a summary.json written before poolsim had the metric does not.
 */
export function hasMetric(summary: unknown, metric: Pick<Metric, 'path'>): boolean {
  return atPath(summary, metric.path) !== undefined;
}

// The value at a dotted path of parsed JSON, undefined where any step is missing or not an object.
function atPath(summary: unknown, path: string): unknown {
  let v: unknown = summary;
  for (const key of path.split('.'))
    v =
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, key)
        ? (v as Record<string, unknown>)[key]
        : undefined;
  return v;
}

/** Threshold: how much worse a metric may get, relative to the baseline (0.1 = 10%) or in the metric's unit. */
export type Threshold = { readonly relative: number } | { readonly absolute: number };

/** DEFAULT_THRESHOLD: a change of more than 10% in the worse direction is a regression, for every metric. */
export const DEFAULT_THRESHOLD: Threshold = { relative: 0.1 };

/** rank orders values for "better": a smaller rank is better; null takes its metric's meaning. */
export function rank(metric: Pick<Metric, 'better' | 'nullMeans'>, value: number | null): number {
  if (value === null) return metric.nullMeans === 'best' ? -Infinity : Infinity;
  return metric.better === 'lower' ? value : -value;
}
