// What a sound scenario asks for that may mislead whoever reads its results: an instance type that
// costs nothing, an image never pulled, nodes the autoscaler may take away at once, an HPA with
// nothing to follow, a load no design can serve, pods no node can hold. Each is placed where it was
// written (in an included manifest when it came from one) and says its fix. A warning never stops a run.
import { nodePoolTemplates } from '../models/karpenter/catalog.js';
import { podRequirements, toleratesTaints } from '../models/karpenter/pod-requirements.js';
import { solve } from '../models/karpenter/provisioning.js';
import { nodeAllocatable, podsThatFit, type NodeBreakdown } from '../models/allocatable.js';
import { breakpoints, requestRate, servedPerPod, type LoadComponent } from '../models/load.js';
import { fitsResources, insufficientResources, podRequest, type PodRequest } from '../models/resources.js';
import { nodeAffinity, taintToleration } from '../models/scheduler/plugins/node-filters.js';
import { excerpt } from '../util/text.js';
import { formatDuration } from './duration.js';
import type { Located } from './issues.js';
import type { Design, Pool, Scenario, Workload } from './model.js';
import { formatNumber } from './schema/primitives.js';
import { formatProblem, type Path, type Problem, type SourceDoc } from './source.js';

/** WARNING_CODES lists every kind of warning, as `warning[code]` prints it. */
export const WARNING_CODES = [
  'no-price',
  'image-no-size',
  'initial-above-min',
  'hpa-no-driver',
  'load-beyond-max',
  'requests-fit-no-pool',
  'placement-fits-no-pool',
  'ignored-kind',
] as const;

/** WarningCode names one kind of warning. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** ScenarioWarning is a problem that does not stop a run; `design` is set when it concerns that design only. */
export interface ScenarioWarning extends Problem {
  readonly code: WarningCode;
  readonly design?: string;
}

/** formatWarning prints a warning as `file:line:col: path: warning[code]: message`, on one line. */
export function formatWarning(w: ScenarioWarning): string {
  return formatProblem({ ...w, message: `warning[${w.code}]: ${w.message}` });
}

/** WarningSource is where a scenario was written: the loader's locator, and whether a path was written at all. */
export interface WarningSource {
  readonly locate: (l: Located) => Problem;
  readonly written: (path: Path) => boolean;
}

/** writtenIn says whether `path` is written in `doc` or supplied by an included manifest (an origin at or under it). */
export function writtenIn(doc: SourceDoc, origins: ReadonlyArray<{ readonly path: Path }>): (path: Path) => boolean {
  return (path) =>
    doc.has(path) || origins.some((o) => o.path.length >= path.length && path.every((k, i) => o.path[i] === k));
}

/** Found is a warning before it is placed. */
interface Found extends Located {
  readonly code: WarningCode;
  readonly design?: string;
}

type Written = WarningSource['written'];

/** scenarioWarnings lists what may mislead in a sound scenario, each place and message once. */
export function scenarioWarnings(s: Scenario, source: WarningSource): ScenarioWarning[] {
  const loads = new Map(s.workloads.map((w) => [w, loadOf(s, w)]));
  const found: Found[] = [
    ...s.designs.flatMap((d) => d.pools.flatMap((p) => poolWarnings(d, p, source.written))),
    ...s.workloads.flatMap((w) => [...workloadWarnings(w, source.written), ...replicaWarnings(w, loads.get(w)!)]),
    ...s.designs.flatMap((d) => designWarnings(s, d, loads, source.written)),
  ];
  // A setting in `defaults` or `catalog` warns once, not once for each design that uses it.
  const byPlace = new Map<string, { warning: ScenarioWarning; designs: Set<string | undefined> }>();
  for (const f of found) {
    const placed = source.locate(f);
    const key = `${f.code}\u0000${placed.file}:${placed.line}:${placed.col}\u0000${placed.message}`;
    const seen = byPlace.get(key) ?? { warning: { ...placed, code: f.code }, designs: new Set() };
    seen.designs.add(f.design);
    byPlace.set(key, seen);
  }
  return [...byPlace.values()].map(({ warning, designs }) => {
    const [design] = designs;
    return designs.size === 1 && design !== undefined ? { ...warning, design } : warning;
  });
}

// Where a pool's setting was written: the pool, else `defaults`, else the pool as a whole.
function settingAt(poolAt: Path, key: string, written: Written): Path {
  if (written([...poolAt, key])) return [...poolAt, key];
  return written(['defaults', key]) ? ['defaults', key] : poolAt;
}

function poolWarnings(d: Design, p: Pool, written: Written): Found[] {
  const at: Path = ['designs', d.name, 'pools', p.nodePool];
  const found: Found[] = [];
  const typeAt =
    p.instanceType !== null && written(['catalog', p.instanceType])
      ? ['catalog', p.instanceType]
      : settingAt(at, 'instanceType', written);
  // A price written as 0 is a choice (a machine already paid for); one left out is an oversight.
  const priced = [
    [...at, 'pricePerHour'],
    ['defaults', 'pricePerHour'],
    [...typeAt, 'pricePerHour'],
  ].some(written);
  if (p.pricePerHour === 0 && !priced) {
    const name = p.instanceType ?? `{ cpu: ${cpuText(p.node.cpuMilli)}, memory: ${memoryText(p.node.memoryBytes)} }`;
    found.push({
      code: 'no-price',
      design: d.name,
      path: typeAt,
      message: `instance type ${name} has no pricePerHour, so its nodes cost $0 and win every comparison on cost; give it pricePerHour (on-demand USD per hour), e.g. pricePerHour: 0.19`,
    });
  }
  const a = d.autoscaler;
  if (p.initial > p.min && a.enabled && a.scaleDownEnabled) {
    found.push({
      code: 'initial-above-min',
      design: d.name,
      path: settingAt(at, 'initial', written),
      message: `initial ${p.initial} is above min ${p.min} while the autoscaler's scale-down is on, so it may remove up to ${p.initial - p.min} of these nodes once they are unneeded for ${formatDuration(a.scaleDownUnneededTimeMs)} (scale-down-unneeded-time); set min: ${p.initial} to keep them, or autoscaler: { scaleDownEnabled: false }`,
    });
  }
  return found;
}

function workloadWarnings(w: Workload, written: Written): Found[] {
  const at: Path = ['workloads', w.name];
  const found: Found[] = [];
  // A workload that names no image pulls nothing by design; one that names it without a size is an oversight.
  if (w.image.sizeBytes === 0 && written([...at, 'image'])) {
    found.push({
      code: 'image-no-size',
      path: [...at, 'image'],
      message: `image ${excerpt(w.image.name)} has no size, so fresh nodes start its pods without pulling it, as fast as nodes that have it; restate it in the scenario with its compressed size, e.g. workloads.${w.name}.image: { name: ${excerpt(w.image.name)}, size: 300M }`,
    });
  }
  return [...found, ...undrivenMetrics(w, written)];
}

// An HPA metric nothing moves: CPU without requests to serve, memory without any memory use written.
function undrivenMetrics(w: Workload, written: Written): Found[] {
  const hpa = w.hpa;
  if (hpa === null) return [];
  const at: Path = ['workloads', w.name, 'hpa'];
  const load = w.load;
  if (load === null && hpa.metrics.every((m) => m.resource === 'cpu'))
    return [
      {
        code: 'hpa-no-driver',
        path: at,
        message: `the HPA has no load to follow (there is no load.${w.name}), so the pods' CPU stays 0 and it stays at minReplicas ${hpa.minReplicas}; give load.${w.name}, e.g. { cpuPerRequest: 2m, profile: { constant: 100 } }`,
      },
    ];
  const serves = load !== null && load.profile.length > 0;
  const usesCpu = load !== null && (serves || load.baseCpuMilli > 0);
  const usesMemory =
    load !== null && (load.baseMemoryBytes > 0 || load.leakBytesPerHour > 0 || (serves && load.memoryPerRpsBytes > 0));
  // One warning for each metric that stays 0; it stands at the metric when metrics are written.
  const metricsAt = (i: number): Path => (written([...at, 'metrics']) ? [...at, 'metrics', i] : at);
  return hpa.metrics.flatMap((m, i): Found[] => {
    if (m.resource === 'cpu' ? usesCpu : usesMemory) return [];
    const message =
      m.resource === 'cpu'
        ? `the HPA's cpu metric has no requests to follow (load.${w.name} ${load === null ? 'is not written' : 'has no profile'}), so the pods' CPU stays 0 and this metric never asks for more than minReplicas ${hpa.minReplicas}; give load.${w.name} a profile and cpuPerRequest, e.g. { cpuPerRequest: 2m, profile: { constant: 100 } }`
        : `the HPA's memory metric has no memory use to follow (load.${w.name} ${load === null ? 'is not written' : 'has no baseMemory, memoryPerRps or leak'}), so the pods' memory stays 0 and this metric never asks for more than minReplicas ${hpa.minReplicas}; give load.${w.name} memory use, e.g. baseMemory: 256Mi${serves ? ', memoryPerRps: 2Mi' : ''}`;
    return [{ code: 'hpa-no-driver', path: metricsAt(i), message }];
  });
}

// What the workload's replicas can serve at most, whatever the nodes: its HPA's maxReplicas, else its replica counts.
function replicaWarnings(w: Workload, load: PeakLoad | null): Found[] {
  if (load === null) return [];
  const { peak, perPod } = load;
  const at: Path = ['workloads', w.name];
  if (perPod === 0) {
    return [
      {
        code: 'load-beyond-max',
        path: ['load', w.name, 'baseCpu'],
        message: `baseCpu ${cpuText(w.load!.baseCpuMilli)} is not below the CPU request ${cpuText(w.requests.cpuMilli)}, so a pod serves no request of the ${rate(peak)} req/s at peak; raise the CPU request above baseCpu`,
      },
    ];
  }
  const cap = replicaCap(w);
  if (cap * perPod >= peak) return [];
  const needed = Math.ceil(peak / perPod);
  return [
    {
      code: 'load-beyond-max',
      path: w.hpa === null ? [...at, 'replicas'] : [...at, 'hpa', 'maxReplicas'],
      message:
        w.hpa === null
          ? `the load peaks at ${rate(peak)} req/s, but its ${cap} replicas (it has no HPA) serve at most ${rate(cap * perPod)} (${rate(perPod)} a pod before its CPU reaches its request); give it an HPA with maxReplicas of at least ${needed}, or as many replicas`
          : `the load peaks at ${rate(peak)} req/s, but maxReplicas ${cap} pods serve at most ${rate(cap * perPod)} (${rate(perPod)} a pod before its CPU reaches its request); raise maxReplicas to at least ${needed}`,
    },
  ];
}

// The most replicas a workload can have: its HPA's maximum, else the most it is scaled to.
function replicaCap(w: Workload): number {
  return w.hpa?.maxReplicas ?? w.scale.reduce((n, x) => Math.max(n, x.replicas), w.replicas);
}

/** PeakLoad is a workload's peak request rate (req/s) and what one pod serves of it. */
interface PeakLoad {
  readonly peak: number;
  readonly perPod: number;
}

// A workload's PeakLoad, or null when nothing limits what it serves (no load, or requests that cost no CPU).
function loadOf(s: Scenario, w: Workload): PeakLoad | null {
  if (w.load === null || w.load.cpuPerRequestMilli <= 0) return null;
  // As the simulation's load meters count it: a pod serves until its CPU reaches its request.
  const perPod = servedPerPod(w.requests.cpuMilli, w.load);
  const peak = peakRate(w.load.profile, s.durationMs);
  return peak > 0 ? { peak, perPod } : null;
}

/** PEAK_SAMPLES is how many evenly spaced times peakRate looks at besides the profile's own breakpoints. */
const PEAK_SAMPLES = 1_440;

// Simplified: the rate at the profile's breakpoints, diurnal crests and 1,440 even times; a sum of ramps and waves may peak a little between them.
function peakRate(profile: readonly LoadComponent[], durationMs: number): number {
  const times: number[] = [];
  for (let i = 0; i <= PEAK_SAMPLES; i++) times.push(Math.round((durationMs * i) / PEAK_SAMPLES));
  for (const t of breakpoints(profile)) if (t >= 0 && t <= durationMs) times.push(t);
  for (const c of profile) {
    if (c.kind !== 'diurnal' || durationMs / c.periodMs > PEAK_SAMPLES) continue;
    for (let t = ((c.peakAtMs % c.periodMs) + c.periodMs) % c.periodMs; t <= durationMs; t += c.periodMs) times.push(t);
  }
  let peak = 0;
  for (const t of times) peak = Math.max(peak, requestRate(profile, t));
  return peak;
}

/** Room is one pool of a design as a workload sees it: what a node leaves for pods, and how many nodes it can have. */
interface Room {
  readonly pool: Pool;
  readonly node: NodeBreakdown;
  readonly nodes: number;
}

/** DesignView is one design with its rooms, as the per-workload checks read it. */
interface DesignView {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly rooms: readonly Room[];
  readonly loads: ReadonlyMap<Workload, PeakLoad | null>;
  readonly written: Written;
}

function designWarnings(scenario: Scenario, design: Design, loads: DesignView['loads'], written: Written): Found[] {
  const rooms: Room[] = design.pools.map((pool) => ({
    pool,
    node: nodeAllocatable(pool.node),
    // Without the autoscaler a pool keeps its initial nodes.
    nodes: design.autoscaler.enabled ? pool.max : pool.initial,
  }));
  const view: DesignView = { scenario, design, rooms, loads, written };
  const karpenter = karpenterTakes(design);
  return scenario.workloads.flatMap((w) => {
    const pod = podRequest({ ...w.requests, volumes: w.volumesPerReplica, hostPort: w.hostPort });
    // Karpenter launches what a pod needs: the pools' limits say nothing then.
    if (karpenter(w)) return [];
    if (rooms.length === 0)
      return [
        {
          code: 'requests-fit-no-pool',
          design: design.name,
          path: ['workloads', w.name, 'requests'],
          message: `no NodePool of design ${design.name} can launch a node for a pod of ${w.name} (${cpuText(w.requests.cpuMilli)} CPU, ${memoryText(w.requests.memoryBytes)}): no type its requirements allow holds it, or the pod does not tolerate its taints or match its labels; so its pods stay pending; widen the NodePool's requirements or change the pod`,
        },
      ];
    if (!rooms.some((r) => fitsResources(pod, { ...r.node.forWorkloads }))) return [fitsNoPool(view, w, pod)];
    const placement = placedNowhere(design, w);
    if (placement !== null) return [placement];
    return loadBeyondNodes(view, w, pod);
  });
}

// Whether one of a workload's pods is one some NodePool of the design can launch a node for.
function karpenterTakes(design: Design): (w: Workload) => boolean {
  const k = design.karpenter;
  if (k === null) return () => false;
  const templates = nodePoolTemplates(k.nodePools, k.zones, k.base, k.spot);
  return (w) => {
    const [requirements, ...relaxed] = podRequirements(w.template);
    return (
      solve(
        [
          {
            id: w.name,
            cpuMilli: w.requests.cpuMilli,
            memoryBytes: w.requests.memoryBytes,
            requirements: requirements!,
            relaxed,
            tolerates: (taints) => toleratesTaints(w.template, taints),
          },
        ],
        templates,
      ).unschedulable.length === 0
    );
  };
}

// A workload whose pods no pool's nodes take, by their labels and taints (TaintToleration and
// NodeAffinity on each node group's template): named by what rejects them in each pool.
function placedNowhere(design: Design, w: Workload): Found | null {
  const why = new Map<string, string>();
  for (const pool of design.pools) {
    const node = { metadata: { labels: { ...pool.labels } }, spec: { taints: [...pool.taints] } };
    const taint = taintToleration(w.template, node);
    const affinity = nodeAffinity(w.template, node);
    if (taint.code === 'Success' && affinity.code === 'Success') return null;
    why.set(
      pool.nodePool,
      taint.code !== 'Success'
        ? untolerated(w, pool)
        : "its labels do not match the pods' nodeSelector or node affinity",
    );
  }
  const spec = w.template.spec ?? { containers: [] };
  const field =
    spec.nodeSelector !== undefined
      ? 'nodeSelector'
      : spec.affinity?.nodeAffinity !== undefined
        ? 'affinity'
        : 'requests';
  return {
    code: 'placement-fits-no-pool',
    design: design.name,
    path: ['workloads', w.name, field],
    message: `no pool of design ${design.name} can ever run ${w.name}'s pods (${[...why].map(([p, reason]) => `${p}: ${reason}`).join('; ')}), so they stay pending; give the design a pool they may use, or change the constraint`,
  };
}

// The pool's taints the workload does not tolerate, as key=value:effect.
function untolerated(w: Workload, pool: Pool): string {
  const taints = pool.taints
    .filter((t) => taintToleration(w.template, { spec: { taints: [t] } }).code !== 'Success')
    .map((t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`);
  return `taint ${taints.join(', ')} not tolerated`;
}

function fitsNoPool({ design, rooms }: DesignView, w: Workload, pod: PodRequest): Found {
  const pools = rooms.map((r) => {
    const room = r.node.forWorkloads;
    const short = insufficientResources(pod, { ...room }).join(', ');
    return `${r.pool.name} leaves ${cpuText(room.cpuMilli)} CPU and ${memoryText(room.memoryBytes)} after DaemonSets, short of ${short}`;
  });
  return {
    code: 'requests-fit-no-pool',
    design: design.name,
    path: ['workloads', w.name, 'requests'],
    message: `a pod of ${w.name} (${cpuText(w.requests.cpuMilli)} CPU, ${memoryText(w.requests.memoryBytes)}) fits no node of design ${design.name} (${pools.join('; ')}), so its pods stay pending; use a larger instance type or smaller requests`,
  };
}

function loadBeyondNodes({ design, rooms, loads, written }: DesignView, w: Workload, pod: PodRequest): Found[] {
  const load = loads.get(w)!;
  if (load === null || load.perPod === 0) return [];
  // Simplified: the workload alone on the design's nodes (an upper bound of what it can run there).
  const perNode = rooms.map((r) =>
    Math.min(podsThatFit(r.node.forWorkloads, pod).pods, w.hostPort === null ? Infinity : 1),
  );
  const total = rooms.reduce((n, r, i) => n + r.nodes * perNode[i]!, 0);
  const a = design.autoscaler;
  const pods = a.enabled && a.maxNodesTotal > 0 ? Math.min(total, a.maxNodesTotal * Math.max(...perNode)) : total;
  // Beyond the replica cap, the replicas bind (workloadWarnings), not the nodes.
  if (pods >= replicaCap(w) || pods * load.perPod >= load.peak) return [];
  const poolsAt = ['designs', design.name, 'pools'];
  return [
    {
      code: 'load-beyond-max',
      design: design.name,
      path:
        rooms.length === 1
          ? settingAt([...poolsAt, rooms[0]!.pool.nodePool], a.enabled ? 'max' : 'initial', written)
          : poolsAt,
      message: `${w.name}'s load peaks at ${rate(load.peak)} req/s, but design ${design.name}'s pools at ${a.enabled ? 'max' : 'initial (no autoscaler)'} hold at most ${pods} of its pods even with no other workload, which serve ${rate(pods * load.perPod)}; ${a.enabled ? 'raise max or use larger nodes' : 'enable the autoscaler or raise initial'}`,
    },
  ];
}

function rate(rps: number): string {
  return formatNumber(rps >= 100 ? Math.round(rps) : Math.round(rps * 10) / 10);
}

function cpuText(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function memoryText(bytes: number): string {
  for (const [unit, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
  ] as const)
    if (bytes >= size) return `${formatNumber(Math.round((bytes / size) * 100) / 100)}${unit}`;
  return String(bytes);
}
