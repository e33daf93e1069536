// Calibration from a cluster's own history: a lognormal fitted to measured delays (the median and
// the 95th percentile of the lognormal whose log-mean and log-deviation are the samples'), and the
// delays read from Kubernetes events: provisioning (the cluster autoscaler's TriggeredScaleUp to
// the node's RegisteredNode), node start-up (RegisteredNode to NodeReady), image pulls (the
// kubelet's Pulled message: its duration and the image's size) and container start (Pulled or
// Created to Started). Simplified: a scale-up is paired with the next node to register after it,
// first come first served, as the events name no node group for a node.

/** MIN_SAMPLES: fewer samples than this give no fit (a lognormal from 3 points says little). */
const MIN_SAMPLES = 5;

const Z95 = 1.6448536269514722;

/** Fit is a lognormal's median and 95th percentile (ms), from `samples` delays, or why there is none. */
export type Fit =
  | {
      readonly samples: number;
      readonly medianMs: number;
      readonly p95Ms: number;
      readonly minMs: number;
      readonly maxMs: number;
    }
  | { readonly samples: number; readonly refused: string };

/** fitLognormal fits a lognormal to delays in ms (all above 0), or refuses with fewer than MIN_SAMPLES. */
export function fitLognormal(samplesMs: readonly number[]): Fit {
  const xs = samplesMs.filter((x) => x > 0 && Number.isFinite(x));
  if (xs.length < MIN_SAMPLES)
    return { samples: xs.length, refused: `${xs.length} sample(s); a fit needs at least ${MIN_SAMPLES}` };
  const logs = xs.map(Math.log);
  const mu = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sigma = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / (logs.length - 1));
  return {
    samples: xs.length,
    medianMs: Math.round(Math.exp(mu)),
    p95Ms: Math.round(Math.exp(mu + Z95 * sigma)),
    minMs: Math.min(...xs),
    maxMs: Math.max(...xs),
  };
}

/** KubeEvent is what calibration reads of a v1 Event. */
export interface KubeEvent {
  readonly reason: string;
  readonly message: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** atMs: when it happened (lastTimestamp, else eventTime, else firstTimestamp). */
  readonly atMs: number;
}

/** Delays are what the events measure: per node group, per image and per pod. */
export interface Delays {
  /** provisioningMs and startupMs per scale-up group as the autoscaler names it (an ASG, a MIG, a VMSS). */
  readonly provisioningMs: ReadonlyMap<string, number[]>;
  readonly startupMs: ReadonlyMap<string, number[]>;
  /** pulls per image: each pull's duration, and the image's size when the kubelet gave it. */
  readonly pulls: ReadonlyMap<string, { readonly ms: number[]; sizeBytes: number | null }>;
  /** containerStartMs per pod (namespace/name): Pulled or Created to Started. */
  readonly containerStartMs: ReadonlyMap<string, number[]>;
}

const SAME_SCALE_UP_MS = 60_000;
const SCALE_UP = /pod triggered scale-up: \[(.*)\]/;
const GROUP = /\{([^\s{}]+) (\d+)->(\d+)/g;
const PULLED = /^Successfully pulled image "([^"]+)" in ([0-9.]+)(ms|s|m)\b.*?(?:Image size: (\d+) bytes)?\.?$/;
const DURATION_UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/** eventDelays reads the delays the events measure (events in any order). */
export function eventDelays(events: readonly KubeEvent[]): Delays {
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  const provisioningMs = new Map<string, number[]>();
  const startupMs = new Map<string, number[]>();
  const pulls = new Map<string, { ms: number[]; sizeBytes: number | null }>();
  const containerStartMs = new Map<string, number[]>();
  const push = <K>(m: Map<K, number[]>, k: K, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  // Scale-ups waiting for nodes (one entry a node asked for), first come first served; the same
  // scale-up named by several pods' events counts once.
  const waiting: Array<{ group: string; atMs: number }> = [];
  // One scale-up names a group's sizes once: events naming the same within a minute are its other pods'.
  const seenScaleUps = new Map<string, number>();
  const registered = new Map<string, { group: string; atMs: number }>();
  const lastPulled = new Map<string, number>();
  for (const e of sorted) {
    const pod = `${e.namespace}/${e.name}`;
    if (e.reason === 'TriggeredScaleUp') {
      const groups = SCALE_UP.exec(e.message)?.[1] ?? '';
      for (const m of groups.matchAll(GROUP)) {
        const key = `${m[1]} ${m[2]}->${m[3]}`;
        const seen = seenScaleUps.get(key);
        if (seen !== undefined && e.atMs - seen < SAME_SCALE_UP_MS) continue;
        seenScaleUps.set(key, e.atMs);
        for (let i = Number(m[2]); i < Number(m[3]); i++) waiting.push({ group: m[1]!, atMs: e.atMs });
      }
    } else if (e.reason === 'RegisteredNode' && e.kind === 'Node') {
      const at = waiting.findIndex((w) => w.atMs <= e.atMs);
      if (at < 0 || registered.has(e.name)) continue;
      const [w] = waiting.splice(at, 1);
      push(provisioningMs, w!.group, e.atMs - w!.atMs);
      registered.set(e.name, { group: w!.group, atMs: e.atMs });
    } else if (e.reason === 'NodeReady' && e.kind === 'Node') {
      const r = registered.get(e.name);
      if (r === undefined) continue;
      registered.delete(e.name);
      push(startupMs, r.group, e.atMs - r.atMs);
    } else if (e.reason === 'Pulled') {
      const m = PULLED.exec(e.message.trim());
      if (m !== null) {
        const p = pulls.get(m[1]!) ?? { ms: [], sizeBytes: null };
        p.ms.push(Number(m[2]) * DURATION_UNIT[m[3]!]!);
        if (m[4] !== undefined) p.sizeBytes = Number(m[4]);
        pulls.set(m[1]!, p);
      }
      lastPulled.set(pod, e.atMs);
    } else if (e.reason === 'Started') {
      const from = lastPulled.get(pod);
      if (from !== undefined) push(containerStartMs, pod, e.atMs - from);
      lastPulled.delete(pod);
    }
  }
  return { provisioningMs, startupMs, pulls, containerStartMs };
}
