// Designs and their pools, from what was written (design over defaults) to the model, with checks.
import {
  DEFAULT_MAX_PODS,
  DEFAULT_POD_CIDR_PREFIX,
  nodeAllocatable,
  podIPsForCidr,
  type DaemonSetPod,
  type NodeSpec,
} from '../models/allocatable.js';
import { findInstanceType, instanceSize, INSTANCE_TYPES, type Provider } from '../models/instance-types.js';
import { DEFAULT_EVICTION_BYTES, type ReservationProfile } from '../models/reservation.js';
import { ZERO } from '../models/resources.js';
import { constant } from '../sim/distributions.js';
import { suggestion } from '../util/suggest.js';
import {
  atLeast,
  autoscalerDefaults,
  DEFAULT_IMAGE_PULL,
  DEFAULT_KUBELET_STARTUP,
  DEFAULT_NODE_STARTUP,
  DEFAULT_PROVISIONING,
  defaultSupervisor,
  kubeletApiLimits,
  SUPERVISOR_PRESETS,
} from './defaults.js';
import type { Located } from './issues.js';
import type { AutoscalerSettings, Design, ImagePullSettings, KubernetesVersion, Pool } from './model.js';
import type { SupervisorSpec } from '../models/supervisor.js';
import type { AutoscalerOutput, PoolOutput, ScenarioFileOutput } from './schema/scenario.js';
import { spreadOverZones } from './normalize-zones.js';
import { normalizeKarpenter } from './normalize-karpenter.js';
import type { NodePoolSpec } from './karpenter-node-pool.js';
import type { Path } from './source.js';

/** MAX_NODES_PER_POOL bounds what a pool may ask for: Kubernetes is designed for 5,000 nodes (GKE has run 15,000). */
const MAX_NODES_PER_POOL = 100_000;

type CatalogEntry = NonNullable<ScenarioFileOutput['catalog']>[string];

/** Instance is an instance type resolved from the catalogs or written inline. */
interface Instance {
  readonly name: string | null;
  readonly provider?: Provider;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly pricePerHour: number;
  readonly maxPods?: number;
  readonly podIPs?: number;
  readonly attachableVolumes?: number;
  readonly arch?: 'amd64' | 'arm64';
}

/** PoolContext is what every pool needs besides its own settings. */
export interface PoolContext {
  readonly version: KubernetesVersion;
  readonly defaults: PoolOutput;
  readonly catalog: Readonly<Record<string, CatalogEntry>>;
  readonly includedDaemonSets: readonly DaemonSetPod[];
  /** zones are the scenario's zones, which pools span by default. */
  readonly zones: readonly string[];
  /** nodePools are the included manifests' Karpenter NodePools, by name. */
  readonly nodePools: Readonly<Record<string, NodePoolSpec>>;
  readonly problems: Located[];
}

/** normalizeDesigns resolves every design's pools and autoscaler settings. */
export function normalizeDesigns(file: ScenarioFileOutput, ctx: PoolContext): Design[] {
  const designs = Object.entries(file.designs);
  if (designs.length === 0)
    ctx.problems.push({
      path: ['designs'],
      message:
        'no designs; expected at least one, e.g. designs: { big: { pools: { main: { instanceType: e2-standard-8, max: 5 } } } }',
    });
  const result = designs.map(([name, design]) => {
    const pools = Object.entries(design.pools ?? {});
    if (pools.length === 0 && design.karpenter === undefined)
      ctx.problems.push({
        path: design.pools === undefined ? ['designs', name] : ['designs', name, 'pools'],
        message:
          design.pools === undefined
            ? 'no pools; expected at least one, e.g. pools: { main: { instanceType: e2-standard-4, max: 10 } }, or karpenter: { nodePools: [default] }'
            : 'no pools; expected at least one, e.g. main: { instanceType: e2-standard-4, max: 10 } (or karpenter: { nodePools: [default] } beside pools)',
      });
    const normalized = pools.flatMap(([poolName, pool]) =>
      normalizePool(['designs', name, 'pools', poolName], poolName, pool, ctx),
    );
    checkGroupNames(['designs', name, 'pools'], normalized, ctx);
    const autoscaler = mergeAutoscaler(ctx.version, file.autoscaler, design.autoscaler);
    const total = normalized.reduce((n, p) => n + p.max, 0);
    if (total > MAX_NODES_PER_POOL)
      ctx.problems.push({
        path: ['designs', name],
        message: `its pools reach ${total.toLocaleString('en')} nodes together; expected at most ${MAX_NODES_PER_POOL.toLocaleString('en')} in a design`,
      });
    checkAutoscaler(
      autoscaler,
      [...new Set(normalized.map((p) => p.nodePool))],
      design.autoscaler?.priorities === undefined ? null : ['designs', name, 'autoscaler'],
      ctx,
    );
    if (design.autoscaler?.priorities !== undefined && autoscaler.expander !== 'priority')
      ctx.problems.push({
        path: ['designs', name, 'autoscaler', 'priorities'],
        message: `apply only to the priority expander, and this design's expander is ${autoscaler.expander}; expected expander: priority with them`,
      });
    const scoringStrategy = design.scheduler?.scoringStrategy ?? file.scheduler?.scoringStrategy ?? 'LeastAllocated';
    const karpenter =
      design.karpenter === undefined
        ? null
        : normalizeKarpenter(
            ['designs', name, 'karpenter'],
            design.karpenter,
            ctx,
            (path, written) => normalizePool(path, 'karpenter', written, ctx)[0]!,
          );
    return { name, description: design.description ?? '', pools: normalized, autoscaler, scoringStrategy, karpenter };
  });
  refuseUnsimulated(file, result, ctx.problems);
  // The scenario-wide priorities need only name a pool some design has (the expander ignores the rest).
  if (file.autoscaler?.priorities !== undefined) {
    const all = [...new Set(result.flatMap((d) => d.pools.map((p) => p.nodePool)))];
    for (const pool of Object.keys(file.autoscaler.priorities)) {
      if (!all.includes(pool))
        ctx.problems.push({
          path: ['autoscaler', 'priorities', pool],
          onKey: true,
          message: `no design has a pool "${pool}"${suggestion(pool, all)}; expected one of ${all.join(', ')}`,
        });
    }
  }
  return result;
}

// A zone's node group is named pool-zone: it must not be another pool's name too.
function checkGroupNames(path: Path, groups: readonly Pool[], ctx: PoolContext): void {
  const seen = new Map<string, Pool>();
  for (const g of groups) {
    const other = seen.get(g.name);
    if (other !== undefined && other.nodePool !== g.nodePool)
      ctx.problems.push({
        path: [...path, g.zone === null ? g.name : g.nodePool],
        onKey: true,
        message: `its node group ${g.name} has the name of pool ${other.zone === null ? other.name : other.nodePool}'s; expected pool names that do not end in another pool's zone`,
      });
    seen.set(g.name, g);
  }
}

function normalizePool(path: Path, name: string, written: PoolOutput, ctx: PoolContext): Pool[] {
  const d = ctx.defaults;
  // A design overrides only what it writes, nested settings included.
  const pulls = { ...d.imagePull, ...written.imagePull };
  const nested = (key: 'registry' | 'mirror') =>
    d.imagePull?.[key] === undefined && written.imagePull?.[key] === undefined
      ? {}
      : { [key]: { ...d.imagePull?.[key], ...written.imagePull?.[key] } };
  const p: PoolOutput = {
    ...d,
    ...written,
    imagePull: { ...pulls, ...nested('registry'), ...nested('mirror') },
    kubelet: { ...d.kubelet, ...written.kubelet },
  };
  const from = (key: keyof PoolOutput): Path => (written[key] !== undefined ? [...path, key] : ['defaults', key]);
  const instance = resolveInstance(p.instanceType, from('instanceType'), path, ctx);
  const min = p.min ?? 0;
  const initial = p.initial ?? min;
  const max = p.max ?? Math.max(min, initial);
  checkSizes(path, { min, initial, max }, written, ctx);
  const provider = instance?.provider;
  const node = nodeSpec(p, instance, from, ctx);
  if (instance !== undefined && node.cpuMilli > 0 && node.memoryBytes > 0) checkNode(path, node, ctx);
  const pool: Pool = {
    name,
    nodePool: name,
    zone: null,
    labels: {},
    taints: [],
    instanceType: instance?.name ?? null,
    capacityType: 'on-demand',
    karpenter: null,
    node,
    pricePerHour: p.pricePerHour ?? instance?.pricePerHour ?? 0,
    min,
    max,
    initial,
    provisioning: p.provisioning ?? DEFAULT_PROVISIONING,
    nodeStartup: p.nodeStartup ?? DEFAULT_NODE_STARTUP,
    imagePull: imagePull(
      p.imagePull ?? {},
      provider,
      written.imagePull?.maxParallel !== undefined ? [...path, 'imagePull'] : ['defaults', 'imagePull'],
      ctx.problems,
    ),
    supervisor: supervisor(p.supervisor, provider),
    kubelet: {
      apiQPS: p.kubelet?.apiQPS ?? kubeletApiLimits(ctx.version).apiQPS,
      apiBurst: p.kubelet?.apiBurst ?? kubeletApiLimits(ctx.version).apiBurst,
      eventQPS: p.kubelet?.eventQPS ?? kubeletApiLimits(ctx.version).eventQPS,
      eventBurst: p.kubelet?.eventBurst ?? kubeletApiLimits(ctx.version).eventBurst,
      startup: p.kubelet?.startup ?? DEFAULT_KUBELET_STARTUP,
    },
  };
  const placement = { labels: p.labels, taints: p.taints, zones: p.zones, arch: instance?.arch ?? 'amd64' } as const;
  return spreadOverZones(path, pool, placement, ctx.zones, ctx.problems);
}

function resolveInstance(
  written: PoolOutput['instanceType'],
  at: Path,
  poolPath: Path,
  ctx: PoolContext,
): Instance | undefined {
  if (written === undefined) {
    ctx.problems.push({
      path: poolPath,
      message:
        'no instanceType; expected one here or in defaults, e.g. instanceType: e2-standard-4 or instanceType: { cpu: 4, memory: 16Gi }',
    });
    return undefined;
  }
  if (typeof written !== 'string') return checkInstance(at, fromInline(null, written), ctx);
  const own = Object.hasOwn(ctx.catalog, written) ? ctx.catalog[written] : undefined;
  if (own !== undefined) return checkInstance(['catalog', written], fromInline(written, own), ctx);
  const builtIn = findInstanceType(written);
  if (builtIn === undefined) {
    const names = [...INSTANCE_TYPES.map((t) => t.name), ...Object.keys(ctx.catalog)];
    ctx.problems.push({
      path: at,
      message: `unknown instance type "${written}"${suggestion(written, names)}; expected a built-in type (see \`poolsim instances\`) or one defined under catalog`,
    });
    return undefined;
  }
  return {
    name: builtIn.name,
    provider: builtIn.provider,
    ...instanceSize(builtIn),
    pricePerHour: builtIn.pricePerHourUSD,
    maxPods: builtIn.maxPods,
    podIPs: builtIn.podIPs,
    attachableVolumes: builtIn.attachableVolumes,
    arch: builtIn.arch,
  };
}

function fromInline(name: string | null, w: CatalogEntry): Instance {
  // The schema guarantees the fields; sizes of 0 are reported by checkInstance.
  return {
    name,
    cpuMilli: w.cpu,
    memoryBytes: w.memory,
    pricePerHour: w.pricePerHour ?? 0,
    ...(w.provider === undefined ? {} : { provider: w.provider }),
    ...(w.maxPods === undefined ? {} : { maxPods: w.maxPods }),
    ...(w.podIPs === undefined ? {} : { podIPs: w.podIPs }),
    ...(w.attachableVolumes === undefined ? {} : { attachableVolumes: w.attachableVolumes }),
    ...(w.arch === undefined ? {} : { arch: w.arch }),
  };
}

// An instance with no CPU or memory can run nothing; beyond 1,024 cores or 64 TiB it is a typo.
function checkInstance(at: Path, i: Instance, ctx: PoolContext): Instance {
  if (i.cpuMilli <= 0 || i.memoryBytes <= 0)
    ctx.problems.push({ path: at, message: 'has no CPU or no memory; expected e.g. { cpu: 4, memory: 16Gi }' });
  if (i.cpuMilli > 1024 * 1000 || i.memoryBytes > 64 * 2 ** 40)
    ctx.problems.push({ path: at, message: 'is larger than any machine (1,024 cores, 64 TiB); expected a real size' });
  return i;
}

function checkSizes(
  path: Path,
  n: { min: number; initial: number; max: number },
  written: PoolOutput,
  ctx: PoolContext,
): void {
  // A value from `defaults` is reported there, once, rather than at every pool that inherits it.
  const where = (key: 'min' | 'max' | 'initial'): Path =>
    written[key] !== undefined ? [...path, key] : ctx.defaults[key] !== undefined ? ['defaults', key] : path;
  if (n.max > MAX_NODES_PER_POOL)
    ctx.problems.push({
      path: where('max'),
      message: `${n.max} nodes is beyond ${MAX_NODES_PER_POOL.toLocaleString('en')}; Kubernetes is designed for up to 5,000 nodes a cluster`,
    });
  if (n.min > n.max)
    ctx.problems.push({ path: where('max'), message: `max ${n.max} is below min ${n.min}; expected min ≤ max` });
  else if (n.initial < n.min || n.initial > n.max)
    ctx.problems.push({
      path: where('initial'),
      message: `initial ${n.initial} is outside min ${n.min} … max ${n.max}; expected min ≤ initial ≤ max`,
    });
}

// A node the kubelet would refuse to start, or whose DaemonSet pods cannot all run on it, cannot be
// simulated as written: every simulated node is Ready and runs every DaemonSet pod, and would hold
// more than its allocatable (`poolsim capacity` refuses the first too, and warns of the second).
function checkNode(path: Path, node: NodeSpec, ctx: PoolContext): void {
  const b = nodeAllocatable(node);
  for (const r of b.refused)
    ctx.problems.push({ path, message: `${r}; expected a larger instance type or smaller reservations` });
  for (const w of b.warnings) {
    ctx.problems.push({
      path,
      message: `${w}, which poolsim does not simulate (every node runs every DaemonSet pod); expected fewer or smaller DaemonSets, or a larger instance type`,
    });
  }
}

function nodeSpec(
  p: PoolOutput,
  instance: Instance | undefined,
  from: (key: keyof PoolOutput) => Path,
  ctx: PoolContext,
): NodeSpec {
  let podIPs = instance?.podIPs ?? podIPsForCidr(DEFAULT_POD_CIDR_PREFIX);
  if (p.podCidr !== undefined) {
    const prefix = Number(String(p.podCidr).replace(/^\//, ''));
    if (prefix >= 8 && prefix <= 30) podIPs = podIPsForCidr(prefix);
    else
      ctx.problems.push({
        path: from('podCidr'),
        message: `/${prefix} is not a usable pod CIDR; expected a prefix length from 8 to 30 (24 gives 254 pod IPs)`,
      });
  }
  return {
    cpuMilli: instance?.cpuMilli ?? 0,
    memoryBytes: instance?.memoryBytes ?? 0,
    maxPods: p.maxPods ?? instance?.maxPods ?? DEFAULT_MAX_PODS,
    podIPs,
    attachableVolumes: p.attachableVolumes ?? instance?.attachableVolumes ?? Infinity,
    reservation: reservation(p.reservation, instance?.provider, ctx.version),
    // A DaemonSet the pool lists by name wins over an included manifest of the same name.
    daemonSets: [
      ...(p.daemonSets ?? []).map((d) => ({
        name: d.name,
        cpuMilli: d.cpu,
        memoryBytes: d.memory,
        ...(d.hostNetwork ? { hostNetwork: true } : {}),
      })),
      ...ctx.includedDaemonSets.filter((d) => !(p.daemonSets ?? []).some((own) => own.name === d.name)),
    ],
  };
}

function reservation(
  written: PoolOutput['reservation'],
  provider: Provider | undefined,
  version: KubernetesVersion,
): ReservationProfile {
  if (written === undefined) {
    // AKS changed its formula in 1.29 (Microsoft Learn, "node resource reservations").
    if (provider === 'aks' && !atLeast(version, 1, 29)) return { name: 'aks-legacy' };
    return { name: provider ?? 'gke' };
  }
  if (typeof written === 'string') return { name: written };
  const c = written.custom;
  return {
    name: 'custom',
    kubeReserved: toResources(c.kubeReserved),
    systemReserved: toResources(c.systemReserved),
    evictionMemoryBytes: c.evictionHard ?? DEFAULT_EVICTION_BYTES,
  };
}

function toResources(w: { cpu: number; memory: number } | undefined) {
  return w === undefined ? ZERO : { cpuMilli: w.cpu, memoryBytes: w.memory };
}

function imagePull(
  w: NonNullable<PoolOutput['imagePull']>,
  provider: Provider | undefined,
  at: Path,
  problems: Located[],
): ImagePullSettings {
  // EKS AMIs set serializeImagePulls: false; the kubelet's default is true.
  const serialize = w.serialize ?? provider !== 'eks';
  if (serialize && w.maxParallel !== undefined && w.maxParallel > 1) {
    problems.push({
      path: [...at, 'maxParallel'],
      message: 'applies only to parallel pulls; expected serialize: false with it',
    });
  }
  const registry = {
    latencyMs: w.registry?.latency ?? DEFAULT_IMAGE_PULL.registry.latencyMs,
    bandwidth: w.registry?.bandwidth ?? DEFAULT_IMAGE_PULL.registry.bandwidth,
  };
  return {
    nodeBandwidth: w.bandwidth ?? DEFAULT_IMAGE_PULL.nodeBandwidth,
    unpackRate: w.unpackRate ?? DEFAULT_IMAGE_PULL.unpackRate,
    serialize,
    maxParallel: serialize ? 1 : (w.maxParallel ?? Infinity),
    registry,
    mirror:
      w.mirror === undefined
        ? null
        : {
            latencyMs: w.mirror.latency ?? DEFAULT_IMAGE_PULL.mirrorLatencyMs,
            bandwidth: w.mirror.bandwidth ?? registry.bandwidth,
          },
    peerToPeer: w.peerToPeer ?? false,
    prePulled: w.prePulled ?? [],
    registryQPS: w.registryQPS ?? DEFAULT_IMAGE_PULL.registryQPS,
    registryBurst: w.registryBurst ?? DEFAULT_IMAGE_PULL.registryBurst,
  };
}

function supervisor(w: PoolOutput['supervisor'], provider: Provider | undefined): SupervisorSpec {
  if (w === undefined) return SUPERVISOR_PRESETS[defaultSupervisor(provider)]!;
  if (typeof w === 'string') return SUPERVISOR_PRESETS[w]!;
  if ('supervisord' in w) {
    const base = SUPERVISOR_PRESETS.supervisord as Extract<SupervisorSpec, { kind: 'supervisord' }>;
    const s = w.supervisord;
    return {
      ...base,
      startsecsMs: s.startsecs ?? base.startsecsMs,
      startretries: s.startretries ?? base.startretries,
      autorestart: s.autorestart ?? base.autorestart,
      exitcodes: s.exitcodes ?? base.exitcodes,
      chatty: s.chatty ?? true,
      shellWrapper: s.shellWrapper ?? false,
    };
  }
  if ('systemd' in w) {
    const base = SUPERVISOR_PRESETS.systemd as Extract<SupervisorSpec, { kind: 'systemd' }>;
    const s = w.systemd;
    return {
      ...base,
      restart: s.restart ?? base.restart,
      restartSecMs: s.restartSec ?? base.restartSecMs,
      startLimitBurst: s.startLimitBurst ?? base.startLimitBurst,
      startLimitIntervalMs: s.startLimitInterval ?? base.startLimitIntervalMs,
      restartSteps: s.restartSteps ?? 0,
      restartMaxDelayMs: s.restartMaxDelay ?? 0,
    };
  }
  return { kind: 'none', humanResponse: w.none.humanResponse ?? constant(0) };
}

// Autoscaler settings written for what the run does not do: refused, the defaults stay.
function refuseUnsimulated(file: ScenarioFileOutput, designs: readonly Design[], problems: Located[]): void {
  const layers: Array<[Path, AutoscalerOutput | undefined]> = [
    [['autoscaler'], file.autoscaler],
    ...Object.entries(file.designs).map(([name, d]): [Path, AutoscalerOutput | undefined] => [
      ['designs', name, 'autoscaler'],
      d.autoscaler,
    ]),
  ];
  for (const [at, written] of layers) {
    if (written?.scaleDownDelayAfterFailure !== undefined)
      problems.push({
        path: [...at, 'scaleDownDelayAfterFailure'],
        message:
          'scale-down failures are not modelled (drains never fail), so it would change nothing; expected it left out',
      });
  }
  // The scenario's priorities reach a design whose expander is priority and that writes none of its own.
  if (file.autoscaler?.priorities === undefined || designs.length === 0) return;
  const reached = designs.filter(
    (d) => d.autoscaler.expander === 'priority' && file.designs[d.name]?.autoscaler?.priorities === undefined,
  );
  if (reached.length > 0) return;
  const byPriority = designs.filter((d) => d.autoscaler.expander === 'priority').map((d) => d.name);
  const expanders = [...new Set(designs.map((d) => d.autoscaler.expander))].join(', ');
  problems.push({
    path: ['autoscaler', 'priorities'],
    message:
      byPriority.length === 0
        ? `apply only to the priority expander, and no design's expander is priority (${expanders}); expected expander: priority with them`
        : `are replaced by the priorities every design with the priority expander writes (${byPriority.join(', ')}), so no design uses them; expected them left out`,
  });
}

// A design's own priorities must name its pools; `at` is null when they come from the scenario's.
function checkAutoscaler(a: AutoscalerSettings, pools: readonly string[], at: Path | null, ctx: PoolContext): void {
  if (a.scanIntervalMs <= 0)
    ctx.problems.push({
      path: [...(at ?? ['autoscaler']), 'scanInterval'],
      message: 'must be above 0; expected e.g. 10s',
    });
  if (at === null) return;
  for (const pool of Object.keys(a.priorities)) {
    if (!pools.includes(pool))
      ctx.problems.push({
        path: [...at, 'priorities', pool],
        onKey: true,
        message: `design ${String(at[1])} has no pool "${pool}"${suggestion(pool, pools)}; expected one of ${pools.join(', ')}`,
      });
  }
}

function mergeAutoscaler(
  version: KubernetesVersion,
  ...layers: Array<AutoscalerOutput | undefined>
): AutoscalerSettings {
  const written = Object.assign({}, ...layers.filter((l) => l !== undefined)) as AutoscalerOutput;
  const d = autoscalerDefaults(version);
  return {
    enabled: written.enabled ?? d.enabled,
    scanIntervalMs: written.scanInterval ?? d.scanIntervalMs,
    expander: written.expander ?? d.expander,
    priorities: written.priorities ?? d.priorities,
    maxNodesTotal: written.maxNodesTotal ?? d.maxNodesTotal,
    maxCoresTotal: written.maxCoresTotal ?? d.maxCoresTotal,
    maxMemoryTotalBytes: written.maxMemoryTotal ?? d.maxMemoryTotalBytes,
    balanceSimilarNodeGroups: written.balanceSimilarNodeGroups ?? d.balanceSimilarNodeGroups,
    maxNodeProvisionTimeMs: written.maxNodeProvisionTime ?? d.maxNodeProvisionTimeMs,
    scaleDownEnabled: written.scaleDownEnabled ?? d.scaleDownEnabled,
    scaleDownUtilizationThreshold: written.scaleDownUtilizationThreshold ?? d.scaleDownUtilizationThreshold,
    scaleDownUnneededTimeMs: written.scaleDownUnneededTime ?? d.scaleDownUnneededTimeMs,
    scaleDownDelayAfterAddMs: written.scaleDownDelayAfterAdd ?? d.scaleDownDelayAfterAddMs,
    scaleDownDelayAfterFailureMs: written.scaleDownDelayAfterFailure ?? d.scaleDownDelayAfterFailureMs,
    maxEmptyBulkDelete: written.maxEmptyBulkDelete ?? d.maxEmptyBulkDelete,
    newPodScaleUpDelayMs: written.newPodScaleUpDelay ?? d.newPodScaleUpDelayMs,
    initialNodeGroupBackoffMs: written.initialNodeGroupBackoff ?? d.initialNodeGroupBackoffMs,
    maxNodeGroupBackoffMs: written.maxNodeGroupBackoff ?? d.maxNodeGroupBackoffMs,
    scaleDownUnreadyTimeMs: written.scaleDownUnreadyTime ?? d.scaleDownUnreadyTimeMs,
    okTotalUnreadyCount: written.okTotalUnreadyCount ?? d.okTotalUnreadyCount,
    maxTotalUnreadyPercentage: written.maxTotalUnreadyPercentage ?? d.maxTotalUnreadyPercentage,
  };
}
