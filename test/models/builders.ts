// Builders that keep the tables short: node(4, 16).gke() is a 4 vCPU / 16 GiB node on GKE's profile.
import type { DaemonSetPod, NodeSpec } from '../../src/models/allocatable.js';
import type { Room } from '../../src/models/cluster-autoscaler/placement.js';
import type { NodeResources } from '../../src/models/resources.js';
import type { PendingPod } from '../../src/models/scheduler/schedule-one.js';
import type { ReservationProfile } from '../../src/models/reservation.js';
import { GiB } from '../../src/models/units.js';

export function node(vcpu: number, memoryGiB: number, maxPods = 110) {
  const base = {
    cpuMilli: vcpu * 1000,
    memoryBytes: memoryGiB * GiB,
    maxPods,
    podIPs: 254,
    attachableVolumes: Infinity,
    daemonSets: [] as DaemonSetPod[],
  };
  const on = (reservation: ReservationProfile): NodeSpec => ({ ...base, reservation });
  return {
    gke: () => on({ name: 'gke' }),
    eks: () => on({ name: 'eks' }),
    aks: () => on({ name: 'aks' }),
    aksLegacy: () => on({ name: 'aks-legacy' }),
    none: () => on({ name: 'none' }),
    with: (reservation: ReservationProfile) => on(reservation),
  };
}

export const inGiB = (bytes: number) => bytes / GiB;

/** pending is a pending pod of `workload` asking cpu/memory (and more with `over`), no spread unless asked. */
export function pending(cpuMilli: number, memoryBytes: number, over: Partial<PendingPod> = {}): PendingPod {
  return {
    cpuMilli,
    memoryBytes,
    volumes: 0,
    hostPort: null,
    hostNetwork: false,
    workload: 'app',
    spread: false,
    ...over,
  };
}

/** free is a node's free room, limits left out unlimited but for 10 pod slots. */
export function free(cpuMilli: number, memoryBytes: number, over: Partial<NodeResources> = {}): NodeResources {
  return { cpuMilli, memoryBytes, pods: 10, podIPs: Infinity, volumes: Infinity, ...over };
}

/** room is a placement room: free resources, taken host ports, spread counts. */
export function room(resources: NodeResources, ports: number[] = [], spread: Array<[string, number]> = []): Room {
  return { free: resources, ports: new Set(ports), spread: new Map(spread) };
}
