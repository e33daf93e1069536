// Random valid scenarios for the property tests. A case is a plain spec (what to write), turned into
// YAML text and loaded through loadScenarioText, so every case also goes through the parser, the
// schema and the normalizer. Specs rather than Scenario objects, so that the metamorphic tests can
// change one thing (node sizes, provisioning delays, a mirror) and load the variant the same way.
//
// Sizes are kept small (≤ 4 workloads of ≤ 11 replicas, ≤ 3 designs of ≤ 2 pools of ≤ 8 nodes,
// 10–60 min) so that a case runs in well under a second with the invariant checks on.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { nodeAllocatable } from '../../src/models/allocatable.js';
import type { NodeResources } from '../../src/models/resources.js';
import { findInstanceType } from '../../src/models/instance-types.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';

const MiB = 2 ** 20;

/** DistSpec is a written duration distribution, in seconds. */
type DistSpec =
  | { readonly constant: number }
  | { readonly uniform: readonly [number, number] }
  | { readonly lognormal: { readonly median: number; readonly p95: number } };

type InstanceSpec =
  | { readonly catalog: string }
  | {
      readonly inline: {
        readonly cpuMilli: number;
        readonly memoryMiB: number;
        readonly pricePerHour: number;
        readonly provider?: 'gke' | 'eks' | 'aks';
        readonly maxPods?: number;
        readonly podIPs?: number;
        readonly attachableVolumes?: number;
      };
    };

interface MirrorSpec {
  readonly latencyMs: number;
  readonly bandwidthMBs: number;
}

interface PoolSpec {
  readonly name: string;
  readonly instance: InstanceSpec;
  readonly reservation: 'gke' | 'eks' | 'aks' | 'none' | null;
  readonly min: number;
  readonly initial: number;
  readonly max: number;
  readonly provisioning: DistSpec;
  readonly nodeStartup: DistSpec | null;
  readonly daemonSets: ReadonlyArray<{
    readonly cpuMilli: number;
    readonly memoryMiB: number;
    readonly hostNetwork: boolean;
  }>;
  readonly imagePull: {
    readonly mirror: MirrorSpec | null;
    readonly peerToPeer: boolean;
    readonly serialize: boolean | null;
    readonly bandwidthMBs: number | null;
    readonly registry: MirrorSpec | null;
  };
  readonly supervisor: string | null;
}

interface DesignSpec {
  readonly name: string;
  readonly pools: readonly PoolSpec[];
  readonly autoscaler: {
    readonly expander: string | null;
    readonly scaleDownEnabled: boolean | null;
    readonly scaleDownUnneededTimeS: number | null;
    readonly maxNodesTotal: number | null;
  };
  readonly scoringStrategy: 'LeastAllocated' | 'MostAllocated' | null;
}

type ProfileSpec =
  | { readonly constant: number }
  | { readonly step: { readonly atS: number; readonly rps: number } }
  | { readonly ramp: { readonly startS: number; readonly endS: number; readonly to: number } }
  | { readonly spike: { readonly atS: number; readonly durationS: number; readonly rps: number } }
  | { readonly diurnal: { readonly mean: number; readonly amplitude: number; readonly periodS: number } };

export interface WorkloadSpec {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  /** parallel: a StatefulSet's podManagementPolicy is Parallel (else the default, OrderedReady). */
  readonly parallel?: boolean;
  /** cpuMilli and memoryMiB are absolute requests (chosen to fit every pool of every design). */
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly replicas: number;
  readonly image: { readonly name: string; readonly layersMB: readonly number[] } | null;
  readonly containerStart: DistSpec | null;
  readonly readinessDelay: DistSpec | null;
  readonly volumesPerReplica: number;
  readonly spread: boolean;
  readonly hostPort: number | null;
  readonly scale: ReadonlyArray<{ readonly atS: number; readonly replicas: number }>;
  readonly hpa: {
    readonly min: number;
    readonly max: number;
    readonly targetUtilization: number | null;
    readonly behavior: boolean;
  } | null;
  readonly load: {
    readonly cpuPerRequestMilli: number;
    readonly baseCpuMilli: number;
    readonly profile: readonly ProfileSpec[];
  } | null;
}

type FaultSpec =
  | {
      readonly kubeletCrash: {
        readonly atS?: number;
        readonly intervalS?: number;
        readonly nodes?: number;
        readonly fraction?: number;
        readonly pool?: string;
        readonly overload?: { readonly apiQueue?: number; readonly podChurn?: number };
      };
    }
  | {
      readonly nodeLoss: {
        readonly atS?: number;
        readonly intervalS?: number;
        readonly nodes?: number;
        readonly fraction?: number;
        readonly pool?: string;
      };
    };

export interface ScenarioSpec {
  readonly durationS: number;
  readonly seed: number;
  readonly kubernetesVersion: string;
  readonly workloads: readonly WorkloadSpec[];
  readonly designs: readonly DesignSpec[];
  readonly faults: readonly FaultSpec[];
}

/** GenOptions narrow the generator for properties that need it. */
export interface GenOptions {
  /** faults: none; kubelet crashes at a time or at random intervals; those and node losses (no crash under load); or any. */
  readonly faults: 'none' | 'timedCrashes' | 'timed' | 'any';
  /** settleS: every change (scale step, load change) happens at least this long before the end; no diurnal load. */
  readonly settleS: number;
  /** delays: provisioning and node start-up from any distribution, or from bounded ones (constant or uniform: no long tail). */
  readonly delays: 'any' | 'bounded';
  /** placementFree: no topology spread and no host ports (each pod fits any node with room). */
  readonly placementFree: boolean;
  /** hpa: whether workloads may have an HPA. */
  readonly hpa: boolean;
  /** scaleDown: whether the cluster autoscaler may remove nodes (else scaleDownEnabled: false in every design). */
  readonly scaleDown: boolean;
}

export const ANY: GenOptions = {
  faults: 'any',
  settleS: 0,
  delays: 'any',
  placementFree: false,
  hpa: true,
  scaleDown: true,
};

// Small catalog types of each provider: EKS ones bring small maxPods and pod-IP limits.
const CATALOG = [
  'e2-medium',
  'e2-standard-2',
  'e2-standard-4',
  'e2-highmem-2',
  'e2-highcpu-4',
  'n2-standard-2',
  't3.medium',
  't3.large',
  'm5.large',
  'm5.xlarge',
  'c5.large',
  'r5.large',
  'Standard_D2s_v5',
  'Standard_D4_v5',
] as const;

// A duration distribution in seconds: constant or uniform within [lo, hi], or a lognormal of median
// within it and p95 1–3 times the median (unbounded).
const dist = (lo: number, hi: number, kind: GenOptions['delays']): fc.Arbitrary<DistSpec> => {
  const s = fc.integer({ min: lo, max: hi });
  const constant = s.map((x) => ({ constant: x }));
  const uniform = fc.tuple(s, s).map(([a, b]) => ({ uniform: [Math.min(a, b), Math.max(a, b)] as const }));
  const lognormal = fc
    .tuple(fc.integer({ min: Math.max(1, lo), max: hi }), fc.integer({ min: 100, max: 300 }))
    .map(([m, f]) => ({ lognormal: { median: m, p95: Math.round((m * f) / 100) } }));
  return kind === 'bounded' ? fc.oneof(constant, uniform) : fc.oneof(constant, uniform, lognormal);
};

// `arb` one time in `of`, else null.
const sometimes = <T>(arb: fc.Arbitrary<T>, of: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: of - 1 }, { arbitrary: arb, weight: 1 });

const instance: fc.Arbitrary<InstanceSpec> = fc.oneof(
  fc.constantFrom(...CATALOG).map((catalog) => ({ catalog })),
  fc
    .record({
      cpuMilli: fc.constantFrom(1000, 2000, 3000, 4000, 8000),
      memoryMiB: fc.constantFrom(2048, 4096, 8192, 16384, 32768),
      pricePerHour: fc.integer({ min: 1, max: 500 }).map((c) => c / 1000),
    })
    .map((inline) => ({ inline })),
);

const mirror: fc.Arbitrary<MirrorSpec> = fc.record({
  latencyMs: fc.integer({ min: 1, max: 200 }),
  bandwidthMBs: fc.integer({ min: 20, max: 2500 }),
});

const pool = (name: string, o: GenOptions): fc.Arbitrary<PoolSpec> =>
  fc
    .record({
      instance,
      reservation: fc.option(
        fc.constantFrom('gke', 'eks', 'aks', 'none') as fc.Arbitrary<'gke' | 'eks' | 'aks' | 'none'>,
        { nil: null },
      ),
      // Often no node at the start, so that the autoscaler has to act.
      sizes: fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })),
        fc.integer({ min: 0, max: 5 }),
      ),
      provisioning: dist(20, 240, o.delays),
      nodeStartup: fc.option(dist(1, 40, o.delays), { nil: null }),
      daemonSets: fc.array(
        fc.record({
          cpuMilli: fc.integer({ min: 10, max: 200 }),
          memoryMiB: fc.integer({ min: 16, max: 256 }),
          hostNetwork: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      imagePull: fc.record({
        mirror: sometimes(mirror, 4),
        peerToPeer: fc.boolean(),
        serialize: fc.option(fc.boolean(), { nil: null }),
        bandwidthMBs: fc.option(fc.integer({ min: 20, max: 500 }), { nil: null }),
        registry: fc.option(mirror, { nil: null }),
      }),
      supervisor: fc.option(fc.constantFrom('supervisord', 'systemd', 'kubeadm', 'eks-al2', 'eks-al2023', 'none'), {
        nil: null,
      }),
    })
    .map(({ sizes: [a, initial, c], ...rest }) => ({
      name,
      ...rest,
      min: Math.min(a, initial),
      initial,
      max: Math.max(1, initial + c),
    })); // min ≤ initial ≤ max, max ≥ 1

const design = (name: string, o: GenOptions): fc.Arbitrary<DesignSpec> =>
  fc
    .record({
      pools: fc.oneof(fc.tuple(pool('a', o)), fc.tuple(pool('a', o), pool('b', o))),
      autoscaler: fc.record({
        expander: fc.option(fc.constantFrom('least-waste', 'most-pods', 'random', 'price'), { nil: null }),
        scaleDownEnabled: o.scaleDown ? fc.option(fc.boolean(), { nil: null }) : fc.constant(false),
        scaleDownUnneededTimeS: fc.option(fc.integer({ min: 60, max: 900 }), { nil: null }),
        maxNodesTotal: o.settleS > 0 ? fc.constant(null) : sometimes(fc.integer({ min: 1, max: 10 }), 5),
      }),
      scoringStrategy: fc.option(
        fc.constantFrom('LeastAllocated', 'MostAllocated') as fc.Arbitrary<'LeastAllocated' | 'MostAllocated'>,
        { nil: null },
      ),
    })
    .map((d) => ({ name, ...d }));

// Load components in "pods' worth" of CPU at the HPA's target, turned into requests a second once the
// request is known; times as fractions of the window in which changes may happen.
type RawProfile =
  | { constant: number }
  | { step: { at: number; rps: number } }
  | { ramp: { start: number; end: number; to: number } }
  | { spike: { at: number; duration: number; rps: number } }
  | { diurnal: { mean: number; amplitude: number; period: number } };

const rawProfile = (o: GenOptions): fc.Arbitrary<RawProfile[]> => {
  const frac = fc.double({ min: 0, max: 1, noNaN: true });
  const pods = fc.double({ min: 0, max: 8, noNaN: true });
  const extra: Array<fc.Arbitrary<RawProfile>> = [
    fc.record({ at: frac, rps: fc.double({ min: -4, max: 6, noNaN: true }) }).map((step) => ({ step })),
    fc
      .record({ start: frac, end: frac, to: pods })
      .map(({ start, end, to }) => ({ ramp: { start: Math.min(start, end), end: Math.max(start, end), to } })),
    fc.record({ at: frac, duration: frac, rps: pods }).map((spike) => ({ spike })),
  ];
  if (o.settleS === 0)
    extra.push(
      fc
        .record({ mean: pods, amplitude: pods, period: fc.integer({ min: 600, max: 7200 }) })
        .map((diurnal) => ({ diurnal })),
    );
  return fc
    .tuple(
      pods.map((constant) => ({ constant }) as RawProfile),
      fc.array(fc.oneof(...extra), { maxLength: 2 }),
    )
    .map(([c, rest]) => [c, ...rest]);
};

interface RawWorkload {
  kind: 'Deployment' | 'StatefulSet';
  cpuFrac: number;
  memFrac: number;
  replicas: number;
  image: { shared: boolean; layersMB: number[] } | null;
  containerStart: DistSpec | null;
  readinessDelay: DistSpec | null;
  volumesPerReplica: number;
  spread: boolean;
  scale: Array<{ at: number; replicas: number }>;
  hpa: {
    min: number;
    extra: number;
    targetUtilization: number | null;
    behavior: boolean;
    cpuPerRequestMilli: number;
    baseCpuMilli: number;
    profile: RawProfile[];
  } | null;
}

const rawWorkload = (o: GenOptions): fc.Arbitrary<RawWorkload> =>
  fc.record({
    kind: fc.constantFrom('Deployment', 'Deployment', 'StatefulSet') as fc.Arbitrary<'Deployment' | 'StatefulSet'>,
    cpuFrac: fc.double({ min: 0.01, max: 0.7, noNaN: true }),
    memFrac: fc.double({ min: 0.01, max: 0.7, noNaN: true }),
    replicas: fc.integer({ min: 0, max: 8 }),
    image: fc.option(
      fc.record({
        shared: fc.boolean(),
        layersMB: fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 1, maxLength: 3 }),
      }),
      { nil: null },
    ),
    containerStart: fc.option(dist(0, 10, 'any'), { nil: null }),
    readinessDelay: fc.option(dist(0, 20, 'any'), { nil: null }),
    volumesPerReplica: fc.integer({ min: 0, max: 2 }),
    spread: o.placementFree ? fc.constant(false) : fc.boolean(),
    scale: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), replicas: fc.integer({ min: 0, max: 10 }) }),
      { maxLength: 2 },
    ),
    hpa: o.hpa
      ? fc.option(
          fc.record({
            min: fc.integer({ min: 1, max: 3 }),
            extra: fc.integer({ min: 0, max: 8 }),
            targetUtilization: fc.option(fc.integer({ min: 30, max: 95 }), { nil: null }),
            behavior: fc.boolean(),
            cpuPerRequestMilli: fc.integer({ min: 1, max: 5 }),
            baseCpuMilli: fc.integer({ min: 0, max: 20 }),
            profile: rawProfile(o),
          }),
          { nil: null },
        )
      : fc.constant(null),
  });

const faults = (durationS: number, which: GenOptions['faults']): fc.Arbitrary<FaultSpec[]> => {
  if (which === 'none') return fc.constant([]);
  const at = fc.integer({ min: 0, max: durationS });
  const target = fc.oneof(
    fc.integer({ min: 1, max: 3 }).map((nodes) => ({ nodes })),
    fc.double({ min: 0.05, max: 1, noNaN: true }).map((fraction) => ({ fraction: Math.round(fraction * 100) / 100 })),
  );
  const when = fc.oneof(
    at.map((atS) => ({ atS })),
    fc.integer({ min: 300, max: 3600 }).map((intervalS) => ({ intervalS })),
  );
  const pool = fc.option(fc.constant('a'), { nil: undefined });
  const timedCrash: fc.Arbitrary<FaultSpec> = fc
    .tuple(when, target, pool)
    .map(([w, t, p]) => ({ kubeletCrash: { ...w, ...t, ...(p === undefined ? {} : { pool: p }) } }));
  const crash: fc.Arbitrary<FaultSpec> = fc.oneof(
    timedCrash,
    fc
      .oneof(
        fc.integer({ min: 1, max: 50 }).map((apiQueue) => ({ apiQueue })),
        fc.integer({ min: 2, max: 20 }).map((podChurn) => ({ podChurn })),
      )
      .map((overload) => ({ kubeletCrash: { overload } })),
  );
  const loss: fc.Arbitrary<FaultSpec> = fc
    .tuple(when, target, pool)
    .map(([w, t, p]) => ({ nodeLoss: { ...w, ...t, ...(p === undefined ? {} : { pool: p }) } }));
  return fc.array(
    which === 'timedCrashes' ? timedCrash : which === 'timed' ? fc.oneof(timedCrash, loss) : fc.oneof(crash, loss),
    { maxLength: 2 },
  );
};

/** scenarioSpec generates a random valid scenario spec. */
export function scenarioSpec(o: GenOptions = ANY): fc.Arbitrary<ScenarioSpec> {
  const durationMin = o.settleS > 0 ? Math.ceil(o.settleS / 60) + 10 : 10;
  return fc.integer({ min: durationMin, max: Math.max(durationMin, 60) }).chain((minutes) => {
    const durationS = minutes * 60;
    return (
      fc
        .record({
          durationS: fc.constant(durationS),
          seed: fc.nat({ max: 1_000_000 }),
          kubernetesVersion: fc.constantFrom('1.26', '1.30', '1.34'),
          workloads: fc.array(rawWorkload(o), { minLength: 1, maxLength: 4 }),
          // Host ports are rare: every replica of such a workload needs a node of its own.
          hostPorts: fc.array(
            fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
            { minLength: 4, maxLength: 4 },
          ),
          designs: fc
            .integer({ min: 1, max: 3 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => design(`d${i}`, o)))),
          faults: faults(durationS, o.faults),
        })
        // Designs whose nodes the loader refuses (DaemonSets beyond allocatable, reservations beyond
        // capacity) or that leave a pod almost no room are not generated: they are rare, and a case
        // must load.
        .map((raw) => ({ raw, room: smallestRoom({ ...raw, workloads: [], faults: [] }) }))
        .filter(
          ({ room }) =>
            room !== null &&
            room.cpuMilli >= 20 &&
            room.memoryBytes >= 64 * MiB &&
            Math.min(room.pods, room.podIPs) >= 1,
        )
        .map(({ raw, room }) => finish(raw, room!, o))
    );
  });
}

// Absolute requests from the fractions: each fraction of the smallest room any pool of any design
// leaves for workload pods (after reservations and DaemonSets), so every replica fits every pool.
function finish(
  raw: {
    durationS: number;
    seed: number;
    kubernetesVersion: string;
    workloads: RawWorkload[];
    hostPorts: boolean[];
    designs: DesignSpec[];
    faults: FaultSpec[];
  },
  room: Readonly<NodeResources>,
  o: GenOptions,
): ScenarioSpec {
  const window = raw.durationS - o.settleS; // changes happen within [0, window]
  const at = (f: number) => Math.floor(f * window);
  const workloads = raw.workloads.map((w, i): WorkloadSpec => {
    const cpuMilli = Math.max(1, Math.floor(w.cpuFrac * room.cpuMilli));
    const memoryMiB = Math.max(1, Math.floor((w.memFrac * room.memoryBytes) / MiB));
    const hpa =
      w.hpa === null
        ? null
        : {
            min: w.hpa.min,
            max: w.hpa.min + w.hpa.extra,
            targetUtilization: w.hpa.targetUtilization,
            behavior: w.hpa.behavior,
          };
    // One pod's worth of load: the requests a second that bring a pod to its target.
    const podRps = hpa === null ? 0 : (cpuMilli * (hpa.targetUtilization ?? 80)) / 100 / w.hpa!.cpuPerRequestMilli;
    const rps = (pods: number) => Math.round(pods * podRps * 100) / 100;
    const profile =
      w.hpa === null
        ? null
        : w.hpa.profile.map((p): ProfileSpec => {
            if ('constant' in p) return { constant: rps(p.constant) };
            if ('step' in p) return { step: { atS: at(p.step.at), rps: rps(p.step.rps) } };
            if ('ramp' in p) return { ramp: { startS: at(p.ramp.start), endS: at(p.ramp.end), to: rps(p.ramp.to) } };
            if ('spike' in p) {
              const start = at(p.spike.at);
              return {
                spike: {
                  atS: start,
                  durationS: Math.max(1, Math.floor(p.spike.duration * (window - start))),
                  rps: rps(p.spike.rps),
                },
              };
            }
            return {
              diurnal: { mean: rps(p.diurnal.mean), amplitude: rps(p.diurnal.amplitude), periodS: p.diurnal.period },
            };
          });
    return {
      name: `w${i}`,
      kind: w.kind,
      cpuMilli,
      memoryMiB,
      replicas: w.replicas,
      image:
        w.image === null
          ? null
          : {
              name: w.image.shared ? 'registry.example.com/shared:1' : `registry.example.com/w${i}:1`,
              layersMB: w.image.shared ? [300, 120] : w.image.layersMB,
            },
      containerStart: w.containerStart,
      readinessDelay: w.readinessDelay,
      volumesPerReplica: w.kind === 'StatefulSet' ? w.volumesPerReplica : 0,
      spread: w.spread,
      hostPort: !o.placementFree && raw.hostPorts[i] === true && !w.spread ? 8080 + i : null,
      scale: w.scale.map((s) => ({ atS: at(s.at), replicas: s.replicas })),
      hpa,
      load:
        profile === null
          ? null
          : { cpuPerRequestMilli: w.hpa!.cpuPerRequestMilli, baseCpuMilli: w.hpa!.baseCpuMilli, profile },
    };
  });
  return {
    durationS: raw.durationS,
    seed: raw.seed,
    kubernetesVersion: raw.kubernetesVersion,
    workloads,
    designs: raw.designs,
    faults: raw.faults,
  };
}

// A workload of no replicas, for the loader to place the pools' nodes without pods.
const PROBE_WORKLOAD: WorkloadSpec = {
  name: 'probe',
  kind: 'Deployment',
  cpuMilli: 1,
  memoryMiB: 1,
  replicas: 0,
  image: null,
  containerStart: null,
  readinessDelay: null,
  volumesPerReplica: 0,
  spread: false,
  hostPort: null,
  scale: [],
  hpa: null,
  load: null,
};

/** smallestRoom is the least room for workload pods any pool of the spec's designs leaves a node (from the loaded scenario), null when the loader refuses the designs. */
function smallestRoom(spec: ScenarioSpec): Readonly<NodeResources> | null {
  const probe: ScenarioSpec = { ...spec, workloads: [{ ...PROBE_WORKLOAD }], faults: [] };
  const scenario = loadScenarioText('property.yaml', toYaml(probe), () => '').scenario;
  if (scenario === null) return null;
  const rooms = scenario.designs.flatMap((d) => d.pools.map((p) => nodeAllocatable(p.node).forWorkloads));
  return rooms.reduce((a, b) => ({
    cpuMilli: Math.min(a.cpuMilli, b.cpuMilli),
    memoryBytes: Math.min(a.memoryBytes, b.memoryBytes),
    pods: Math.min(a.pods, b.pods),
    podIPs: Math.min(a.podIPs, b.podIPs),
    volumes: Math.min(a.volumes, b.volumes),
  }));
}

const seconds = (s: number) => `${s}s`;
const writeDist = (d: DistSpec) =>
  'constant' in d
    ? { constant: seconds(d.constant) }
    : 'uniform' in d
      ? { uniform: d.uniform.map(seconds) }
      : { lognormal: { median: seconds(d.lognormal.median), p95: seconds(d.lognormal.p95) } };

/** toDocument is the scenario file the spec describes, as a plain object. */
function toDocument(spec: ScenarioSpec): Record<string, unknown> {
  const workloads: Record<string, unknown> = {};
  const load: Record<string, unknown> = {};
  for (const w of spec.workloads) {
    workloads[w.name] = {
      ...(w.kind === 'StatefulSet' ? { kind: w.kind } : {}),
      ...(w.kind === 'StatefulSet' && w.parallel === true ? { podManagementPolicy: 'Parallel' } : {}),
      replicas: w.replicas,
      requests: { cpu: `${w.cpuMilli}m`, memory: `${w.memoryMiB}Mi` },
      ...(w.image === null
        ? {}
        : {
            image: {
              name: w.image.name,
              size: `${w.image.layersMB.reduce((a, b) => a + b, 0)}M`,
              layers: w.image.layersMB.map((m) => `${m}M`),
            },
          }),
      ...(w.containerStart === null ? {} : { containerStart: writeDist(w.containerStart) }),
      ...(w.readinessDelay === null ? {} : { readinessDelay: writeDist(w.readinessDelay) }),
      ...(w.volumesPerReplica > 0 ? { volumesPerReplica: w.volumesPerReplica } : {}),
      ...(w.spread ? { spread: true } : {}),
      ...(w.hostPort === null ? {} : { hostPort: w.hostPort }),
      ...(w.scale.length === 0 ? {} : { scale: w.scale.map((s) => ({ at: seconds(s.atS), replicas: s.replicas })) }),
      ...(w.hpa === null
        ? {}
        : {
            hpa: {
              minReplicas: w.hpa.min,
              maxReplicas: w.hpa.max,
              ...(w.hpa.targetUtilization === null
                ? {}
                : { metrics: [{ resource: 'cpu', targetUtilization: w.hpa.targetUtilization }] }),
              ...(w.hpa.behavior
                ? {
                    behavior: {
                      scaleUp: { stabilizationWindow: '0s' },
                      scaleDown: {
                        stabilizationWindow: '60s',
                        policies: [{ type: 'Percent', value: 50, period: '30s' }],
                      },
                    },
                  }
                : {}),
            },
          }),
    };
    if (w.load !== null) {
      load[w.name] = {
        cpuPerRequest: `${w.load.cpuPerRequestMilli}m`,
        baseCpu: `${w.load.baseCpuMilli}m`,
        profile: w.load.profile.map((p) =>
          'constant' in p
            ? p
            : 'step' in p
              ? { step: { at: seconds(p.step.atS), rps: p.step.rps } }
              : 'ramp' in p
                ? { ramp: { start: seconds(p.ramp.startS), end: seconds(p.ramp.endS), to: p.ramp.to } }
                : 'spike' in p
                  ? { spike: { at: seconds(p.spike.atS), duration: seconds(p.spike.durationS), rps: p.spike.rps } }
                  : {
                      diurnal: {
                        mean: p.diurnal.mean,
                        amplitude: p.diurnal.amplitude,
                        period: seconds(p.diurnal.periodS),
                      },
                    },
        ),
      };
    }
  }
  const designs: Record<string, unknown> = {};
  for (const d of spec.designs) {
    const pools: Record<string, unknown> = {};
    for (const p of d.pools) pools[p.name] = writePool(p);
    const a = d.autoscaler;
    const autoscaler = {
      ...(a.expander === null ? {} : { expander: a.expander }),
      ...(a.scaleDownEnabled === null ? {} : { scaleDownEnabled: a.scaleDownEnabled }),
      ...(a.scaleDownUnneededTimeS === null ? {} : { scaleDownUnneededTime: seconds(a.scaleDownUnneededTimeS) }),
      ...(a.maxNodesTotal === null ? {} : { maxNodesTotal: a.maxNodesTotal }),
    };
    designs[d.name] = {
      pools,
      ...(Object.keys(autoscaler).length === 0 ? {} : { autoscaler }),
      ...(d.scoringStrategy === null ? {} : { scheduler: { scoringStrategy: d.scoringStrategy } }),
    };
  }
  const faults = spec.faults.map((f) => {
    const [kind, body] =
      'kubeletCrash' in f ? (['kubeletCrash', f.kubeletCrash] as const) : (['nodeLoss', f.nodeLoss] as const);
    const { atS, intervalS, ...rest } = body;
    return {
      [kind]: {
        ...rest,
        ...(atS === undefined ? {} : { at: seconds(atS) }),
        ...(intervalS === undefined ? {} : { interval: { exponential: { mean: seconds(intervalS) } } }),
      },
    };
  });
  return {
    name: 'property',
    duration: seconds(spec.durationS),
    seed: spec.seed,
    kubernetesVersion: spec.kubernetesVersion,
    workloads,
    ...(Object.keys(load).length === 0 ? {} : { load }),
    designs,
    ...(faults.length === 0 ? {} : { faults }),
  };
}

function writePool(p: PoolSpec): Record<string, unknown> {
  const i = p.instance;
  const instanceType =
    'catalog' in i
      ? i.catalog
      : {
          ...(i.inline.provider === undefined ? {} : { provider: i.inline.provider }),
          cpu: `${i.inline.cpuMilli}m`,
          memory: `${i.inline.memoryMiB}Mi`,
          pricePerHour: i.inline.pricePerHour,
          ...(i.inline.maxPods === undefined ? {} : { maxPods: i.inline.maxPods }),
          ...(i.inline.podIPs === undefined ? {} : { podIPs: i.inline.podIPs }),
          ...(i.inline.attachableVolumes === undefined ? {} : { attachableVolumes: i.inline.attachableVolumes }),
        };
  const ip = p.imagePull;
  const mirror = (m: MirrorSpec) => ({ latency: `${m.latencyMs}ms`, bandwidth: `${m.bandwidthMBs}M/s` });
  const imagePull = {
    ...(ip.mirror === null ? {} : { mirror: mirror(ip.mirror) }),
    ...(ip.peerToPeer ? { peerToPeer: true } : {}),
    ...(ip.serialize === null ? {} : { serialize: ip.serialize }),
    ...(ip.bandwidthMBs === null ? {} : { bandwidth: `${ip.bandwidthMBs}M/s` }),
    ...(ip.registry === null ? {} : { registry: mirror(ip.registry) }),
  };
  return {
    instanceType,
    ...(p.reservation === null ? {} : { reservation: p.reservation }),
    min: p.min,
    initial: p.initial,
    max: p.max,
    provisioning: writeDist(p.provisioning),
    ...(p.nodeStartup === null ? {} : { nodeStartup: writeDist(p.nodeStartup) }),
    ...(p.daemonSets.length === 0
      ? {}
      : {
          daemonSets: p.daemonSets.map((d, i) => ({
            name: `ds${i}`,
            cpu: `${d.cpuMilli}m`,
            memory: `${d.memoryMiB}Mi`,
            ...(d.hostNetwork ? { hostNetwork: true } : {}),
          })),
        }),
    ...(Object.keys(imagePull).length === 0 ? {} : { imagePull }),
    ...(p.supervisor === null ? {} : { supervisor: p.supervisor }),
  };
}

/** toYaml is the spec as scenario YAML text. */
export function toYaml(spec: ScenarioSpec): string {
  return stringify(toDocument(spec));
}

/** load turns a spec into YAML and loads it; a spec the loader refuses is a bug in the generator, and throws. */
export function load(spec: ScenarioSpec): Scenario {
  const text = toYaml(spec);
  const r = loadScenarioText('property.yaml', text, () => {
    throw new Error('property scenarios include no files');
  });
  if (r.scenario === null)
    throw new Error(
      `generated scenario refused:\n${r.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`).join('\n')}\n${text}`,
    );
  return r.scenario;
}

/** catalogAsInline writes a catalog type out inline, every figure the same (so that only what a test changes differs). */
function catalogAsInline(name: string): Extract<InstanceSpec, { inline: unknown }>['inline'] {
  const t = findInstanceType(name)!;
  return {
    provider: t.provider,
    cpuMilli: t.vcpu * 1000,
    memoryMiB: t.memoryGiB * 1024,
    pricePerHour: t.pricePerHourUSD,
    maxPods: t.maxPods,
    podIPs: t.podIPs,
    attachableVolumes: t.attachableVolumes,
  };
}

// ---------------------------------------------------------------------------------------------
// Transforms of a spec: the metamorphic variants, and the narrowings some properties need.

const mapPools = (spec: ScenarioSpec, f: (p: PoolSpec) => PoolSpec): ScenarioSpec => ({
  ...spec,
  designs: spec.designs.map((d) => ({ ...d, pools: d.pools.map(f) })),
});

/** doubled gives every pool's machine twice the CPU and memory, every other figure (max pods, pod IPs, volumes, provider, price) the same. */
export function doubled(spec: ScenarioSpec): ScenarioSpec {
  return mapPools(spec, (p) => {
    const i = 'catalog' in p.instance ? catalogAsInline(p.instance.catalog) : p.instance.inline;
    return { ...p, instance: { inline: { ...i, cpuMilli: 2 * i.cpuMilli, memoryMiB: 2 * i.memoryMiB } } };
  });
}

/**
 * slower makes every draw of every pool's provisioning delay `by` seconds longer or more: constant and
 * uniform shift by `by`; a lognormal's median and p95 scale by 1 + by / median, which multiplies each
 * draw by it (sampling is by inversion, one draw each: the n-th node asked of a pool gets the n-th
 * uniform number of its stream in both runs).
 */
export function slower(spec: ScenarioSpec, by: number): ScenarioSpec {
  const later = (d: DistSpec): DistSpec =>
    'constant' in d
      ? { constant: d.constant + by }
      : 'uniform' in d
        ? { uniform: [d.uniform[0] + by, d.uniform[1] + by] }
        : {
            lognormal: {
              median: d.lognormal.median + by,
              p95: Math.round(d.lognormal.p95 * (1 + by / d.lognormal.median)),
            },
          };
  return mapPools(spec, (p) => ({ ...p, provisioning: later(p.provisioning) }));
}

/** DEFAULT_REGISTRY is the registry a pool pulls from when it names none (src/scenario/defaults.ts). */
const DEFAULT_REGISTRY: MirrorSpec = { latencyMs: 100, bandwidthMBs: 1250 };

/**
 * mirrored gives the pools that `pick` selects, among those without one, a mirror at least as fast as
 * their registry: `faster.latency` (0–1) of its latency, `faster.bandwidth` (≥ 1) times its bandwidth.
 */
export function mirrored(
  spec: ScenarioSpec,
  pick: readonly boolean[],
  faster: { latency: number; bandwidth: number },
): ScenarioSpec {
  let i = 0;
  return mapPools(spec, (p) => {
    if (pick[i++ % pick.length] !== true || p.imagePull.mirror !== null) return p;
    const r = p.imagePull.registry ?? DEFAULT_REGISTRY;
    const mirror = {
      latencyMs: Math.floor(r.latencyMs * faster.latency),
      bandwidthMBs: Math.ceil(r.bandwidthMBs * faster.bandwidth),
    };
    return { ...p, imagePull: { ...p.imagePull, mirror } };
  });
}

/** fixedSize fixes every pool's size: min = initial = max (at least 1), so the autoscaler neither adds nor removes a node. */
export const fixedSize = (spec: ScenarioSpec): ScenarioSpec =>
  mapPools(spec, (p) => {
    const n = Math.max(1, p.initial);
    return { ...p, min: n, initial: n, max: n };
  });

/** growing drops the HPAs and makes every workload's scale steps never lower its count: pods are created at the same times whatever else happens, and none is deleted. */
export const growing = (spec: ScenarioSpec): ScenarioSpec => ({
  ...spec,
  workloads: spec.workloads.map((w) => {
    let n = w.replicas;
    const scale = [...w.scale]
      .sort((a, b) => a.atS - b.atS)
      .map((s) => ({ ...s, replicas: (n = Math.max(n, s.replicas)) }));
    return { ...w, hpa: null, load: null, scale };
  }),
});

/** parallelPods makes every StatefulSet Parallel: OrderedReady creates a pod only once the one before is Ready, so pods are no longer created on a fixed schedule. */
export const parallelPods = (spec: ScenarioSpec): ScenarioSpec => ({
  ...spec,
  workloads: spec.workloads.map((w) => (w.kind === 'StatefulSet' ? { ...w, parallel: true } : w)),
});

/** oneShape gives every workload the first one's requests, kind and volumes, and no topology spread or host port: every pod fits wherever any other does. */
export const oneShape = (spec: ScenarioSpec): ScenarioSpec => {
  const first = spec.workloads[0]!;
  return {
    ...spec,
    workloads: spec.workloads.map((w) => ({
      ...w,
      cpuMilli: first.cpuMilli,
      memoryMiB: first.memoryMiB,
      kind: first.kind,
      volumesPerReplica: first.volumesPerReplica,
      spread: false,
      hostPort: null,
    })),
  };
};

/** unsharedPulls: no peer-to-peer, and registry and mirror egress of 100 GB/s (more than every node downloading at once): a pull takes as long whenever it starts. */
export const unsharedPulls = (spec: ScenarioSpec): ScenarioSpec =>
  mapPools(spec, (p) => {
    const ample = (m: MirrorSpec | null): MirrorSpec => ({
      latencyMs: (m ?? DEFAULT_REGISTRY).latencyMs,
      bandwidthMBs: 100_000,
    });
    return {
      ...p,
      imagePull: {
        ...p.imagePull,
        peerToPeer: false,
        registry: ample(p.imagePull.registry),
        mirror: p.imagePull.mirror === null ? null : ample(p.imagePull.mirror),
      },
    };
  });

/** poolCount is how many pools the spec's designs have together. */
export const poolCount = (spec: ScenarioSpec): number => spec.designs.reduce((n, d) => n + d.pools.length, 0);
