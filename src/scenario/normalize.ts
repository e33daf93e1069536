// The validated file → the model: defaults applied, references resolved, cross-field checks made.
import type { NodePoolSpec } from './karpenter-node-pool.js';
import type { DaemonSetPod } from '../models/allocatable.js';
import { DEFAULT_API_SERVER } from '../models/apiserver.js';
import {
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_SAMPLE_INTERVAL_MS,
  DEFAULT_SEED,
  nodeMonitorGracePeriodMs,
} from './defaults.js';
import { formatDuration } from './duration.js';
import type { Located } from './issues.js';
import type { KubernetesVersion, Scenario } from './model.js';
import { normalizeBudgets } from './normalize-budgets.js';
import { normalizeFaults, normalizeZoneOutages } from './normalize-faults.js';
import { normalizeDesigns } from './normalize-pools.js';
import { normalizeWorkloads, type TracePoints } from './normalize-workloads.js';
import type { ScenarioFileOutput } from './schema/scenario.js';
import type { Path } from './source.js';

/** MAX_DURATION_MS bounds a run: a month of simulated time. */
const MAX_DURATION_MS = 31 * 86_400_000;

/**
 * MIN_SAMPLE_INTERVAL_MS: a sample is a timeline row per workload (and one per API request kind),
 * so a finer grid multiplies the outputs without showing anything an autoscaler does in less than
 * a second (1ms made 60,000 rows a simulated minute a workload).
 */
const MIN_SAMPLE_INTERVAL_MS = 1_000;

/**
 * MAX_OUTPUT_NAME names the longest scenario or design name: each becomes a folder, out/<name>/ and
 * out/<name>/<design>/, and the scenario's has siblings such as out/<name>-sweep-shard-99999-of-100000
 * and its .lock-PID-RAND and .tmp-PID-RAND (up to 50 more bytes). A name is ASCII, so 100 characters
 * keep every path component well inside the 255 bytes file systems allow.
 */
export const MAX_OUTPUT_NAME = 100;

// What a run writes beside its designs' folders: a design of that name would mix with it.
const RUN_FILES: readonly string[] = ['charts', 'comparison.csv', 'report.html'];

/** normalizeScenario builds the model; every problem found is pushed to `problems`, and the result is only sound when none is. */
export function normalizeScenario(
  file: ScenarioFileOutput,
  extra: {
    traces: TracePoints;
    includedDaemonSets: readonly DaemonSetPod[];
    nodePools?: Readonly<Record<string, NodePoolSpec>>;
  },
  problems: Located[],
): Scenario {
  const kubernetesVersion = parseVersion(file.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  if (file.duration <= 0) problems.push({ path: ['duration'], message: 'must be above 0; expected e.g. 1h' });
  if (file.duration > MAX_DURATION_MS)
    problems.push({ path: ['duration'], message: 'is longer than 31 days; expected a shorter run (a day is 24h)' });
  const sampleIntervalMs = file.sampleInterval ?? DEFAULT_SAMPLE_INTERVAL_MS;
  if (sampleIntervalMs < MIN_SAMPLE_INTERVAL_MS)
    problems.push({
      path: ['sampleInterval'],
      message: `${formatDuration(sampleIntervalMs)} is shorter than 1s; expected at least 1s, e.g. 10s (each sample is a row per workload: a finer grid makes outputs too large to use)`,
    });
  const warmupMs = file.warmup ?? 0;
  if (warmupMs >= file.duration && file.duration > 0)
    problems.push({
      path: ['warmup'],
      message: `${formatDuration(warmupMs)} is not shorter than the run (duration ${formatDuration(file.duration)}), so no time would be measured; expected a warm-up shorter than duration, e.g. 10m`,
    });
  const siblings = 'the name becomes the output folder out/<name>/ and its siblings (out/<name>-sweep-shard-K-of-N, …)';
  checkOutputName(['name'], file.name, siblings, problems);
  for (const design of Object.keys(file.designs)) {
    checkOutputName(['designs', design], design, 'a design becomes the folder out/<scenario>/<design>/', problems);
    if (RUN_FILES.includes(design))
      problems.push({
        path: ['designs', design],
        onKey: true,
        message: `is the name of a file every run writes beside the designs' folders (${RUN_FILES.join(', ')}); expected another name`,
      });
  }
  const workloads = normalizeWorkloads(file, extra.traces, problems);
  const designs = normalizeDesigns(file, {
    version: kubernetesVersion,
    defaults: file.defaults ?? {},
    catalog: file.catalog ?? {},
    includedDaemonSets: extra.includedDaemonSets,
    zones: file.zones ?? [],
    nodePools: extra.nodePools ?? {},
    problems,
  });
  return {
    name: file.name,
    description: file.description ?? '',
    durationMs: file.duration,
    seed: file.seed ?? DEFAULT_SEED,
    kubernetesVersion,
    sampleIntervalMs,
    start: file.start ?? 'steady',
    warmupMs,
    nodeLifecycle: {
      nodeMonitorPeriodMs: 5_000,
      nodeMonitorGracePeriodMs: nodeMonitorGracePeriodMs(kubernetesVersion),
      nodeStartupGracePeriodMs: 60_000,
      notReadyTolerationMs: 300_000,
    },
    apiServer: {
      maxRequestsInflight: file.apiServer?.maxRequestsInflight ?? DEFAULT_API_SERVER.maxRequestsInflight,
      maxMutatingRequestsInflight:
        file.apiServer?.maxMutatingRequestsInflight ?? DEFAULT_API_SERVER.maxMutatingRequestsInflight,
      readServiceMs: file.apiServer?.readServiceTime ?? DEFAULT_API_SERVER.readServiceMs,
      writeServiceMs: file.apiServer?.writeServiceTime ?? DEFAULT_API_SERVER.writeServiceMs,
    },
    workloads,
    designs,
    faults: normalizeFaults(file.faults ?? [], designs, file.duration, problems),
    zones: [...new Set(file.zones ?? [])],
    zoneOutages: normalizeZoneOutages(file.faults ?? [], file.zones ?? [], file.duration, problems),
    budgets: normalizeBudgets(file, workloads, problems),
  };
}

// A name that becomes a folder must leave room for poolsim's suffixes within 255 bytes.
function checkOutputName(path: Path, name: string, why: string, problems: Located[]): void {
  if (name.length > MAX_OUTPUT_NAME)
    problems.push({
      path,
      onKey: path.length > 1,
      message: `is ${name.length} characters long; expected at most ${MAX_OUTPUT_NAME} characters: ${why}, whose names must fit in 255 bytes`,
    });
}

/** parseVersion reads "1.31" or "v1.31.2" (the schema has checked the form). */
function parseVersion(text: string): KubernetesVersion {
  const [major, minor] = text.replace(/^v/, '').split('.').map(Number);
  return { major: major!, minor: minor! };
}
