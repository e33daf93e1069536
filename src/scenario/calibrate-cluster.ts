// `poolsim calibrate`: an imported scenario with its delays fitted to the cluster's own events
// (models/calibration.ts): each pool's provisioning and node start-up, each workload's image size
// and container start, and each workload's readiness from its pods' conditions. A fit needs 5
// samples; with fewer the field keeps its default and a note says how many there were.
import { eventDelays, fitLognormal, type Fit, type KubeEvent } from '../models/calibration.js';
import { excerpt } from '../util/text.js';
import { firstByte, type DumpFile, type ScenarioComment } from './import-cluster.js';
import { jsonListItems } from './json-items.js';
import { get, isObject } from './pod-template.js';
import { parseYaml } from './source.js';

type Json = Record<string, unknown>;

/** Calibrated is what calibration did: comments for the fitted fields, notes for the rest. */
export interface Calibrated {
  readonly comments: ScenarioComment[];
  readonly notes: string[];
  readonly problems: string[];
}

const timeOf = (e: unknown): number => {
  for (const key of ['lastTimestamp', 'eventTime', 'firstTimestamp']) {
    const t = get(e, key);
    if (typeof t === 'string') {
      const ms = Date.parse(t);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return NaN;
};

/** readEvents reads `kubectl get events -A -o json` (or -o yaml): the events it can place in time. */
export function readEvents(files: readonly DumpFile[], problems: string[]): KubeEvent[] {
  const out: KubeEvent[] = [];
  for (const f of files) {
    let value: unknown;
    const head = firstByte(f.bytes);
    try {
      const list = head === '{' ? jsonListItems(f.bytes) : null;
      value =
        list !== null
          ? { items: [...list.items] }
          : head === '{' || head === '['
            ? JSON.parse(f.bytes.toString('utf8'))
            : parseYaml(f.file, f.bytes.toString('utf8'), false).docs[0]?.toJS();
    } catch (e) {
      problems.push(
        `${f.file}: is not valid JSON (${excerpt((e as Error).message, 80)}); expected what kubectl get events -A -o json prints`,
      );
      continue;
    }
    if (isObject(value) && 'value' in value && Object.keys(value).length === 1) value = value.value;
    const items = get(value, 'items');
    if (!Array.isArray(items)) {
      problems.push(`${f.file}: holds no list of events; expected what kubectl get events -A -o json prints`);
      continue;
    }
    let unplaced = 0;
    for (const e of items) {
      if (!isObject(e) || typeof e.reason !== 'string') continue;
      const atMs = timeOf(e);
      if (!Number.isFinite(atMs)) {
        unplaced++;
        continue;
      }
      out.push({
        reason: e.reason,
        message: typeof e.message === 'string' ? e.message : '',
        kind: String(get(e, 'involvedObject', 'kind') ?? ''),
        namespace: String(get(e, 'involvedObject', 'namespace') ?? ''),
        name: String(get(e, 'involvedObject', 'name') ?? ''),
        atMs,
      });
    }
    if (unplaced > 0) problems.push(`${f.file}: ${unplaced} event(s) without a timestamp; left out`);
  }
  return out;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10}s`;
const describe = (f: Fit) =>
  'refused' in f ? '' : ` fitted to ${f.samples} samples, ${seconds(f.minMs)} to ${seconds(f.maxMs)}`;
const lognormalOf = (f: Fit) =>
  'refused' in f
    ? null
    : { lognormal: { median: seconds(f.medianMs), p95: seconds(Math.max(f.p95Ms, f.medianMs + 1)) } };

// The pools a scale-up group (an ASG, MIG or VMSS name) is: those of the node group whose name it
// holds between dashes (a node group split per zone is several pools, <group>-<zone>).
function poolsOfGroup(group: string, pools: Readonly<Record<string, Json>>): string[] {
  const tokens = `-${group}-`;
  const baseOf = (name: string) => {
    const zones = pools[name]!.zones;
    const zone = Array.isArray(zones) && zones.length === 1 ? String(zones[0]) : null;
    return zone !== null && name.endsWith(`-${zone}`) ? name.slice(0, -zone.length - 1) : name;
  };
  const bases = [...new Set(Object.keys(pools).map(baseOf))].sort((a, b) => b.length - a.length);
  const base = bases.find((b) => tokens.includes(`-${b}-`));
  return base === undefined ? [] : Object.keys(pools).filter((p) => baseOf(p) === base);
}

// The workload a pod belongs to: its controller in the dump, else its name without the ReplicaSet's
// hash and the pod's suffix (a Deployment's) or its ordinal (a StatefulSet's).
function workloadOfPod(
  ns: string,
  name: string,
  pods: ReadonlyMap<string, Json>,
  workloads: readonly string[],
): string | undefined {
  const key = (n: string) => (ns === '' || ns === 'default' ? n : `${ns}/${n}`);
  const owner = get(pods.get(`${ns}/${name}`), 'metadata', 'ownerReferences', 0, 'name');
  const candidates = [
    typeof owner === 'string' ? owner.replace(/-[a-z0-9]{6,10}$/, '') : '',
    typeof owner === 'string' ? owner : '',
    name.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, ''),
    name.replace(/-\d+$/, ''),
  ];
  return candidates.map(key).find((c) => workloads.includes(c));
}

/** calibrate fits the scenario's delays to the events and the dump's pods, in place. */
export function calibrate(scenario: Json, events: readonly KubeEvent[], pods: readonly Json[]): Calibrated {
  const comments: ScenarioComment[] = [];
  const notes: string[] = [];
  const delays = eventDelays(events);
  const pools = (get(scenario, 'designs', 'current', 'pools') ?? {}) as Record<string, Json>;
  const workloads = (scenario.workloads ?? {}) as Record<string, Json>;
  const set = (path: readonly string[], target: Json, field: string, fit: Fit, what: string) => {
    const value = lognormalOf(fit);
    if (value === null) {
      notes.push(`${what}: ${'refused' in fit ? fit.refused : ''}; kept the default`);
      return;
    }
    target[field] = value;
    comments.push({ path: [...path, field, 'lognormal', 'median'], comment: describe(fit) });
  };
  const byPool = (m: ReadonlyMap<string, number[]>) => {
    const out = new Map<string, number[]>();
    for (const [group, xs] of m) {
      const matched = poolsOfGroup(group, pools);
      if (matched.length === 0)
        notes.push(`scale-up group ${group} is no pool of the dump's nodes; its ${xs.length} sample(s) left out`);
      for (const pool of matched) out.set(pool, [...(out.get(pool) ?? []), ...xs]);
    }
    return out;
  };
  for (const [pool, xs] of byPool(delays.provisioningMs))
    set(
      ['designs', 'current', 'pools', pool],
      pools[pool]!,
      'provisioning',
      fitLognormal(xs),
      `pool ${pool} provisioning`,
    );
  for (const [pool, xs] of byPool(delays.startupMs))
    set(
      ['designs', 'current', 'pools', pool],
      pools[pool]!,
      'nodeStartup',
      fitLognormal(xs),
      `pool ${pool} node start-up`,
    );
  // Image sizes from the kubelet's Pulled messages; pull times as a note (poolsim derives them from size and bandwidth).
  for (const [image, p] of delays.pulls) {
    const fit = fitLognormal(p.ms);
    notes.push(
      `image ${image}: ${'refused' in fit ? `pulls: ${fit.refused}` : `pulls took ${seconds(fit.medianMs)} (median) and ${seconds(fit.p95Ms)} (p95) over ${fit.samples}`}${p.sizeBytes === null ? '' : `, ${p.sizeBytes} bytes`}`,
    );
    if (p.sizeBytes === null) continue;
    for (const [name, w] of Object.entries(workloads))
      if (isObject(w.image) && w.image.name === image) {
        w.image.size = String(p.sizeBytes);
        comments.push({ path: ['workloads', name, 'image', 'size'], comment: " from the kubelet's Pulled event" });
      }
  }
  const podIndex = new Map(
    pods.map((p) => [`${String(get(p, 'metadata', 'namespace') ?? '')}/${String(get(p, 'metadata', 'name'))}`, p]),
  );
  const perWorkload = (m: ReadonlyMap<string, number[]>) => {
    const out = new Map<string, number[]>();
    for (const [pod, xs] of m) {
      const slash = pod.indexOf('/');
      const w = workloadOfPod(pod.slice(0, slash), pod.slice(slash + 1), podIndex, Object.keys(workloads));
      if (w !== undefined) out.set(w, [...(out.get(w) ?? []), ...xs]);
    }
    return out;
  };
  for (const [w, xs] of perWorkload(delays.containerStartMs))
    set(['workloads', w], workloads[w]!, 'containerStart', fitLognormal(xs), `workload ${w} container start`);
  for (const [w, xs] of perWorkload(readinessDelays(pods)))
    set(['workloads', w], workloads[w]!, 'readinessDelay', fitLognormal(xs), `workload ${w} readiness`);
  return { comments, notes, problems: [] };
}

// Each Ready pod's time from its containers running to Ready, from its status.
function readinessDelays(pods: readonly Json[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const p of pods) {
    const ready = ((get(p, 'status', 'conditions') ?? []) as Json[]).find(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    const started = ((get(p, 'status', 'containerStatuses') ?? []) as Json[])
      .map((c) => Date.parse(String(get(c, 'state', 'running', 'startedAt') ?? '')))
      .filter(Number.isFinite);
    const readyAt = Date.parse(String(ready?.lastTransitionTime ?? ''));
    if (!Number.isFinite(readyAt) || started.length === 0) continue;
    const key = `${String(get(p, 'metadata', 'namespace') ?? '')}/${String(get(p, 'metadata', 'name'))}`;
    out.set(key, [Math.max(1, readyAt - Math.max(...started))]);
  }
  return out;
}
