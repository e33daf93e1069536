// Builders that keep the tables short: node(4, 16).gke() is a 4 vCPU / 16 GiB node on GKE's profile.
import type { DaemonSetPod, NodeSpec } from '../../src/models/allocatable.js';
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
