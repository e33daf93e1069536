// A pool's nodes as the cloud labels and taints them, and a pool over several zones as one node
// group per zone, as cloud node groups are (a GKE node pool is a managed instance group per zone;
// an EKS managed node group over several subnets is best run as one group per zone so that the
// cluster autoscaler can add a node in the zone a pod needs).
import type { Taint } from 'kubernetes-types/core/v1.js';
import { suggestion } from '../util/suggest.js';
import type { Located } from './issues.js';
import type { Pool } from './model.js';
import type { Path } from './source.js';

/** WELL_KNOWN are the node labels the kubelet and the cloud set (k8s.io/api/core/v1 well_known_labels.go). */
const WELL_KNOWN = {
  hostname: 'kubernetes.io/hostname',
  zone: 'topology.kubernetes.io/zone',
  instanceType: 'node.kubernetes.io/instance-type',
  arch: 'kubernetes.io/arch',
  os: 'kubernetes.io/os',
} as const;

// Set per node or per zone by poolsim itself: a pool that wrote them would contradict its nodes.
const SET_PER_NODE = [WELL_KNOWN.hostname, WELL_KNOWN.zone, 'failure-domain.beta.kubernetes.io/zone'];

/** PoolPlacement is what a pool writes about its nodes' labels, taints and zones. */
export interface PoolPlacement {
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly taints?: ReadonlyArray<{ key: string; value?: string | undefined; effect: string }> | undefined;
  readonly zones?: readonly string[] | undefined;
  readonly arch: 'amd64' | 'arm64';
}

/** spreadOverZones turns one normalized pool into its node groups: one per zone, or itself when it has none. */
export function spreadOverZones(
  path: Path,
  pool: Pool,
  written: PoolPlacement,
  scenarioZones: readonly string[],
  problems: Located[],
): Pool[] {
  for (const key of Object.keys(written.labels ?? {}))
    if (SET_PER_NODE.includes(key))
      problems.push({
        path: [...path, 'labels', key],
        onKey: true,
        message: `is set on each node by poolsim (its name, its zone); expected it left out${key === WELL_KNOWN.hostname ? '' : ' (give the pool zones instead)'}`,
      });
  (written.zones ?? []).forEach((zone, i) => {
    if (!scenarioZones.includes(zone))
      problems.push({
        path: [...path, 'zones', i],
        message:
          scenarioZones.length === 0
            ? `zone "${zone}" is not one of the scenario's zones, and it names none; expected zones: [${zone}, …] at the top of the scenario`
            : `zone "${zone}" is not one of the scenario's zones${suggestion(zone, scenarioZones)}; expected one of ${scenarioZones.join(', ')}`,
      });
  });
  const labels: Record<string, string> = {
    [WELL_KNOWN.arch]: written.arch,
    [WELL_KNOWN.os]: 'linux',
    ...(pool.instanceType === null ? {} : { [WELL_KNOWN.instanceType]: pool.instanceType }),
    ...written.labels,
  };
  const taints: Taint[] = (written.taints ?? []).map((t) => ({
    key: t.key,
    ...(t.value === undefined ? {} : { value: t.value }),
    effect: t.effect,
  }));
  const zones = written.zones ?? scenarioZones;
  if (zones.length === 0) return [{ ...pool, nodePool: pool.name, zone: null, labels, taints }];
  return [...new Set(zones)].map((zone) => ({
    ...pool,
    name: `${pool.name}-${zone}`,
    nodePool: pool.name,
    zone,
    labels: { ...labels, [WELL_KNOWN.zone]: zone },
    taints,
  }));
}
