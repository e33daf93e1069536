// Workloads, their HPAs and their load, from what was written to the model, with checks.
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import { constant } from '../sim/distributions.js';
import { suggestion } from '../util/suggest.js';
import { DEFAULT_CONTAINER_START, DEFAULT_TERMINATION_GRACE_MS } from './defaults.js';
import { formatDuration } from './duration.js';
import { normalizeRollouts } from './normalize-rollouts.js';
import type { Located } from './issues.js';
import type { Hpa, HpaMetric, HpaRules, Image, Limits, Load, LoadComponent, Workload } from './model.js';
import type { Tolerance } from '../models/hpa.js';
import { normalizeImage } from './image.js';
import {
  checkPriorityClasses,
  podPriority,
  podTemplate,
  unreachableTolerationMs,
  unsimulatedTolerations,
} from './pod-placement.js';
import { cpuQuantity, memoryQuantity } from './quantity-text.js';
import { formatNumber, MAX_RPS } from './schema/primitives.js';
import type { ScenarioFileOutput } from './schema/scenario.js';
import type { Path } from './source.js';

type WrittenWorkload = NonNullable<ScenarioFileOutput['workloads']>[string];
type WrittenHpa = NonNullable<WrittenWorkload['hpa']>;
type WrittenLoad = NonNullable<ScenarioFileOutput['load']>[string];
type WrittenRules = NonNullable<NonNullable<WrittenHpa['behavior']>['scaleUp']>;
type WrittenRequests = WrittenWorkload['requests'];

/** TracePoints holds the rows of every trace file the load profiles name, read by the loader. */
export type TracePoints = ReadonlyMap<string, ReadonlyArray<{ atMs: number; rps: number }>>;

/** normalizeWorkloads resolves every workload, attaching its load; problems go to `problems`. */
export function normalizeWorkloads(file: ScenarioFileOutput, traces: TracePoints, problems: Located[]): Workload[] {
  const written = file.workloads ?? {};
  const loads = file.load ?? {};
  for (const name of Object.keys(loads)) {
    if (written[name] === undefined)
      problems.push({
        path: ['load', name],
        onKey: true,
        message: `no workload is called "${name}"${suggestion(name, Object.keys(written))}; expected one of the workloads' names`,
      });
  }
  for (const [name, w] of Object.entries(written)) {
    (w.scale ?? []).forEach((s, i) => afterEnd(['workloads', name, 'scale', i, 'at'], s.at, file.duration, problems));
  }
  checkPriorityClasses(file.priorityClasses ?? {}, problems);
  return Object.entries(written).map(([name, w]) =>
    normalizeWorkload(
      name,
      w,
      {
        load: Object.hasOwn(loads, name) ? loads[name] : undefined,
        traces,
        durationMs: file.duration,
        classes: file.priorityClasses ?? {},
      },
      problems,
    ),
  );
}

/** afterEnd reports an event set after the run ends: it would never happen. */
export function afterEnd(path: Path, atMs: number, durationMs: number, problems: Located[]): void {
  if (atMs > durationMs)
    problems.push({
      path,
      message: `${formatDuration(atMs)} is after the end of the run (${formatDuration(durationMs)}), so it never happens; expected a time within duration`,
    });
}

function normalizeWorkload(
  name: string,
  w: WrittenWorkload,
  context: {
    load: WrittenLoad | undefined;
    traces: TracePoints;
    durationMs: number;
    classes: NonNullable<ScenarioFileOutput['priorityClasses']>;
  },
  problems: Located[],
): Workload {
  const { load, traces } = context;
  const path: Path = ['workloads', name];
  const kind = w.kind ?? 'Deployment';
  const requests = requestsOf(w);
  const limits = limitsOf(path, w, requests, problems);
  const hpa = w.hpa === undefined ? null : normalizeHpa([...path, 'hpa'], w.hpa, requests, problems);
  const replicas = w.replicas ?? hpa?.minReplicas ?? 1;
  const missing = (['cpu', 'memory'] as const).filter((r) => requests[r] === undefined);
  if (missing.length > 0) {
    problems.push({
      path: [...path, 'requests'],
      message: `no ${missing.join(' or ')} request; expected requests: { cpu: 300m, memory: 2Gi } here or in an included manifest`,
    });
  }
  const volumesPerReplica = w.volumesPerReplica ?? 0;
  if (volumesPerReplica > 0 && kind !== 'StatefulSet') {
    problems.push({
      path: [...path, 'volumesPerReplica'],
      message: 'only a StatefulSet has volumes per replica; expected kind: StatefulSet',
    });
  }
  const own = image(path, name, w.image, problems);
  const priority = podPriority(name, w.priorityClassName, context.classes, problems);
  const template = podTemplate(name, w, priority, kind);
  for (const r of unsimulatedTolerations(w)) problems.push({ path: [...path, ...r.path], message: r.message });
  return {
    name,
    kind,
    replicas,
    requests: { cpuMilli: requests.cpu ?? 0, memoryBytes: requests.memory ?? 0 },
    limits,
    image: own,
    containerStart: w.containerStart ?? DEFAULT_CONTAINER_START,
    readinessDelay: w.readinessDelay ?? constant(0),
    terminationGracePeriodMs: w.terminationGracePeriod ?? DEFAULT_TERMINATION_GRACE_MS,
    volumesPerReplica,
    hostPort: w.hostPort ?? null,
    spread: w.spread ?? false,
    template,
    priority: priority.value,
    unreachableTolerationMs: unreachableTolerationMs(template.spec?.tolerations ?? []),
    scale: [...(w.scale ?? [])].map((s) => ({ atMs: s.at, replicas: s.replicas })).sort((a, b) => a.atMs - b.atMs),
    hpa,
    load: load === undefined ? null : normalizeLoad(['load', name], load, traces, problems),
    ...normalizeRollouts(path, w, { kind, image: own, durationMs: context.durationMs }, problems),
  };
}

// A request not written defaults to the limit, as the API server defaults a container's.
function requestsOf(w: WrittenWorkload): NonNullable<WrittenRequests> {
  return { cpu: w.requests?.cpu ?? w.limits?.cpu, memory: w.requests?.memory ?? w.limits?.memory };
}

// The limits written, each at or above its request (the API server refuses one below).
function limitsOf(path: Path, w: WrittenWorkload, requests: NonNullable<WrittenRequests>, problems: Located[]): Limits {
  const text = { cpu: cpuQuantity, memory: memoryQuantity };
  for (const r of ['cpu', 'memory'] as const) {
    const [limit, request] = [w.limits?.[r], requests[r]];
    if (limit === undefined) continue;
    const at = [...path, 'limits', r];
    // The kubelet sets no CFS quota and no memory limit for a limit of 0: it would mean none.
    if (limit === 0)
      problems.push({
        path: at,
        message: `a ${r} limit of 0 is no limit to the kubelet (it sets none); expected a limit above 0, or none`,
      });
    else if (request !== undefined && limit < request)
      problems.push({
        path: at,
        message: `limit ${text[r](limit)} is below the request ${text[r](request)}; expected a limit at or above the request (the API server refuses it)`,
      });
  }
  return { cpuMilli: w.limits?.cpu ?? null, memoryBytes: w.limits?.memory ?? null };
}

function image(path: Path, workload: string, w: WrittenWorkload['image'], problems: Located[]): Image {
  if (w === undefined) return { name: workload, sizeBytes: 0, layerBytes: [], layerIds: [] }; // nothing to pull
  return normalizeImage([...path, 'image'], w, problems);
}

function normalizeHpa(path: Path, w: WrittenHpa, requests: WrittenRequests, problems: Located[]): Hpa {
  const minReplicas = w.minReplicas ?? 1;
  if (minReplicas > w.maxReplicas)
    problems.push({
      path: [...path, 'maxReplicas'],
      message: `maxReplicas ${w.maxReplicas} is below minReplicas ${minReplicas}; expected minReplicas ≤ maxReplicas`,
    });
  // Without metrics, upstream targets 80% CPU utilization.
  const written = w.metrics ?? [{ resource: 'cpu' as const, targetUtilization: 80 }];
  const metrics = written.flatMap((m, i) => normalizeMetric([...path, 'metrics', i], m, requests, problems));
  const rules = (direction: 'scaleUp' | 'scaleDown'): HpaRules | null => {
    const r = w.behavior?.[direction];
    return r === undefined ? null : toRules([...path, 'behavior', direction], r, problems);
  };
  return {
    minReplicas,
    maxReplicas: w.maxReplicas,
    tolerance: toleranceOf(w),
    metrics,
    behavior: w.behavior === undefined ? null : { scaleUp: rules('scaleUp'), scaleDown: rules('scaleDown') },
  };
}

// One tolerance, or one a direction where behavior sets either (each defaulting to the HPA's).
function toleranceOf(w: WrittenHpa): Tolerance {
  const both = w.tolerance ?? 0.1;
  const [up, down] = [w.behavior?.scaleUp?.tolerance, w.behavior?.scaleDown?.tolerance];
  return up === undefined && down === undefined ? both : { scaleUp: up ?? both, scaleDown: down ?? both };
}

type WrittenMetric = {
  resource: 'cpu' | 'memory';
  targetUtilization?: number | undefined;
  targetAverageValue?: string | number | undefined;
};

function normalizeMetric(path: Path, m: WrittenMetric, requests: WrittenRequests, problems: Located[]): HpaMetric[] {
  if ((m.targetUtilization === undefined) === (m.targetAverageValue === undefined)) {
    problems.push({
      path,
      message: 'give exactly one of targetUtilization (percent of request) and targetAverageValue (a quantity per pod)',
    });
    return [];
  }
  if (m.targetUtilization !== undefined) {
    if (requests?.[m.resource] === 0) {
      problems.push({
        path: [...path, 'targetUtilization'],
        message: `utilization needs a ${m.resource} request above 0 (the HPA divides by it); expected a request, or targetAverageValue`,
      });
    }
    return [{ resource: m.resource, target: { type: 'Utilization', averageUtilization: m.targetUtilization } }];
  }
  try {
    const value = m.resource === 'cpu' ? parseCpuMilli(m.targetAverageValue!) : parseMemoryBytes(m.targetAverageValue!);
    return [{ resource: m.resource, target: { type: 'AverageValue', averageValue: value } }];
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    problems.push({ path: [...path, 'targetAverageValue'], message: e.message });
    return [];
  }
}

function toRules(path: Path, r: WrittenRules, problems: Located[]): HpaRules {
  r.policies?.forEach((p, i) => {
    if (p.period <= 0)
      problems.push({
        path: [...path, 'policies', i, 'period'],
        message: 'must be above 0; expected e.g. 15s (periodSeconds ≥ 1)',
      });
  });
  return {
    ...(r.stabilizationWindow === undefined ? {} : { stabilizationWindowSeconds: r.stabilizationWindow / 1000 }),
    ...(r.selectPolicy === undefined ? {} : { selectPolicy: r.selectPolicy }),
    ...(r.policies === undefined
      ? {}
      : { policies: r.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.period / 1000 })) }),
  };
}

function normalizeLoad(path: Path, w: WrittenLoad, traces: TracePoints, problems: Located[]): Load {
  loadFieldProblems(path, w, problems);
  const parts = w.profile === undefined ? [] : Array.isArray(w.profile) ? w.profile : [w.profile];
  const profile = parts.map((p) => loadComponent(p, traces));
  profile.forEach((c, i) => {
    const at = [...path, 'profile', ...(Array.isArray(w.profile) ? [i] : [])];
    if (c.kind === 'diurnal' && c.periodMs <= 0)
      problems.push({ path: [...at, 'diurnal', 'period'], message: 'must be above 0; expected e.g. 24h' });
    if (c.kind === 'trace') {
      // The trace's rows are checked as they are read; scaled, they must stay a real request rate.
      const peak = c.points.reduce((m, pt) => Math.max(m, Math.abs(pt.rps)), 0);
      const written = parts[i] as { trace: { scale?: number } };
      if (!(peak <= MAX_RPS))
        problems.push({
          path: [...at, 'trace', written.trace.scale === undefined ? 'file' : 'scale'],
          message: `the trace reaches ${formatNumber(peak)} requests per second${written.trace.scale === undefined ? '' : ` scaled by ${formatNumber(written.trace.scale)}`}; expected at most ${formatNumber(MAX_RPS)} (a billion is more than any service serves)`,
        });
    }
    if (c.kind === 'ramp' && c.endMs < c.startMs)
      problems.push({
        path: [...at, 'ramp', 'end'],
        message: 'comes before start; expected a ramp that ends after it starts',
      });
  });
  return {
    cpuPerRequestMilli: w.cpuPerRequest ?? 0,
    baseCpuMilli: w.baseCpu ?? 0,
    profile,
    baseMemoryBytes: w.baseMemory ?? 0,
    memoryPerRpsBytes: w.memoryPerRps ?? 0,
    leakBytesPerHour: w.leak ?? 0,
  };
}

// What goes with what: a profile's requests cost CPU (cpuPerRequest), and the fields that count
// requests mean nothing without a profile. A pod's base use (baseCpu, baseMemory, leak) needs neither:
// a running pod uses it whatever it serves.
function loadFieldProblems(path: Path, w: WrittenLoad, problems: Located[]): void {
  if (w.profile !== undefined) {
    if (w.cpuPerRequest === undefined)
      problems.push({ path, message: 'a profile needs cpuPerRequest; expected e.g. cpuPerRequest: 2m' });
    return;
  }
  const needProfile: ReadonlyArray<readonly [keyof WrittenLoad, string]> = [
    ['cpuPerRequest', 'without requests it never costs anything'],
    ['memoryPerRps', 'without requests it never adds anything'],
  ];
  for (const [field, why] of needProfile)
    if (w[field] !== undefined)
      problems.push({
        path: [...path, field],
        message: `${field} needs a load profile (${why}); expected profile: { constant: 100 } beside it`,
      });
  if (Object.keys(w).length === 0)
    problems.push({
      path,
      message:
        'the load says nothing; expected a profile with cpuPerRequest (e.g. { cpuPerRequest: 2m, profile: { constant: 100 } }), or memory use such as baseMemory: 256Mi',
    });
}

type WrittenProfile = Extract<
  WrittenLoad['profile'],
  | { constant: unknown }
  | { step: unknown }
  | { ramp: unknown }
  | { spike: unknown }
  | { diurnal: unknown }
  | { trace: unknown }
>;

function loadComponent(p: WrittenProfile, traces: TracePoints): LoadComponent {
  if ('constant' in p) return { kind: 'constant', rps: p.constant };
  if ('step' in p) return { kind: 'step', atMs: p.step.at, rps: p.step.rps };
  if ('ramp' in p)
    return { kind: 'ramp', startMs: p.ramp.start, endMs: p.ramp.end, from: p.ramp.from ?? 0, to: p.ramp.to };
  if ('spike' in p) return { kind: 'spike', atMs: p.spike.at, durationMs: p.spike.duration, rps: p.spike.rps };
  if ('diurnal' in p) {
    const d = p.diurnal;
    return {
      kind: 'diurnal',
      mean: d.mean,
      amplitude: d.amplitude,
      periodMs: d.period ?? 86_400_000,
      peakAtMs: d.peakAt ?? 14 * 3_600_000,
    };
  }
  const scale = p.trace.scale ?? 1;
  const points = (traces.get(p.trace.file) ?? []).map((pt) => ({ atMs: pt.atMs, rps: pt.rps * scale }));
  return { kind: 'trace', file: p.trace.file, points };
}
