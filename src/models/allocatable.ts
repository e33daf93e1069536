// What a node can run: capacity, minus reservations and the eviction threshold (= the node's
// allocatable, as the kubelet reports it), minus the DaemonSet pods every node runs (= what is
// left for workload pods). Integer units throughout: millicores and bytes.
import { reservationFor, type ReservationProfile } from './reservation.js';
import { addResources, subtractResources, type NodeResources, type PodAsk, type Resources, ZERO } from './resources.js';

/** DaemonSetPod is one DaemonSet's pod on every node: a fixed cost per node whatever its size. */
export interface DaemonSetPod extends Resources {
  readonly name: string;
  /** hostNetwork pods (kube-proxy, most CNI agents) use the node's IP, not one of its pod IPs. */
  readonly hostNetwork?: boolean;
}

/** NodeSpec is one node of a pool: its size, its per-node limits and what runs on it besides workloads. */
export interface NodeSpec extends Resources {
  /** maxPods is the kubelet's maxPods: pods of every kind, DaemonSets included. */
  readonly maxPods: number;
  /** podIPs is how many pod IPs the node can hand out (e.g. 254 for a /24 pod CIDR). */
  readonly podIPs: number;
  /** attachableVolumes is how many data volumes the node can attach; Infinity when unlimited. */
  readonly attachableVolumes: number;
  readonly reservation: ReservationProfile;
  readonly daemonSets: readonly DaemonSetPod[];
}

/** NodeBreakdown is the capacity chain of the capacity articles, one step a field. */
export interface NodeBreakdown {
  readonly capacity: Resources;
  /** reserved is kube-reserved + system-reserved. */
  readonly reserved: Resources;
  /** eviction is the hard eviction threshold (memory.available), held back like a reservation. */
  readonly eviction: Resources;
  /** allocatable is the node's allocatable as the kubelet reports it: capacity − reserved − eviction. */
  readonly allocatable: Resources & { readonly pods: number };
  /** daemonsets is what the DaemonSet pods request, and the pod slots and IPs they take. */
  readonly daemonsets: Resources & { readonly count: number; readonly pods: number; readonly podIPs: number };
  /** forWorkloads is what is left for workload pods once the DaemonSets run. */
  readonly forWorkloads: Readonly<NodeResources>;
  /** refused says why the kubelet would refuse this configuration (reservations beyond capacity), if it would. */
  readonly refused: readonly string[];
  /** warnings says where some pods could not run: DaemonSets that do not fit. */
  readonly warnings: readonly string[];
}

/** DEFAULT_MAX_PODS is the kubelet's maxPods default. */
export const DEFAULT_MAX_PODS = 110;

/** DEFAULT_POD_CIDR_PREFIX is the per-node pod range of a self-managed or GKE node at 110 pods: a /24. */
export const DEFAULT_POD_CIDR_PREFIX = 24;

/** podIPsForCidr is how many pod IPs a node's pod CIDR of prefix length `prefix` gives (/24 → 254). */
export function podIPsForCidr(prefix: number): number {
  if (!Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
    throw new RangeError(
      `Pod CIDR /${prefix} is not usable; expected a prefix length from /8 to /30 (e.g. /24 gives 254 pod IPs)`,
    );
  }
  return 2 ** (32 - prefix) - 2; // minus the network and broadcast addresses
}

/** nodeAllocatable computes a node's breakdown from capacity down to what workload pods can use. */
export function nodeAllocatable(node: NodeSpec): NodeBreakdown {
  const capacity: Resources = { cpuMilli: node.cpuMilli, memoryBytes: node.memoryBytes };
  const r = reservationFor(node.reservation, node);
  const reserved = addResources(r.kubeReserved, r.systemReserved);
  const eviction: Resources = { cpuMilli: 0, memoryBytes: r.evictionMemoryBytes };
  // The kubelet clamps a negative allocatable to 0 (pkg/kubelet/cm: GetNodeAllocatableAbsolute).
  const allocatable = subtractResources(subtractResources(capacity, reserved), eviction);
  const ds = node.daemonSets.reduce(addResources, ZERO);
  const dsPodIPs = node.daemonSets.filter((d) => d.hostNetwork !== true).length;
  const left = subtractResources(allocatable, ds);
  return {
    ...breakdownWarnings(capacity, addResources(reserved, eviction), allocatable, ds, node),
    capacity,
    reserved,
    eviction,
    allocatable: { ...allocatable, pods: node.maxPods },
    daemonsets: { ...ds, count: node.daemonSets.length, pods: node.daemonSets.length, podIPs: dsPodIPs },
    forWorkloads: {
      ...left,
      pods: Math.max(0, node.maxPods - node.daemonSets.length),
      podIPs: Math.max(0, node.podIPs - dsPodIPs),
      volumes: node.attachableVolumes,
    },
  };
}

function breakdownWarnings(
  capacity: Resources,
  heldBack: Resources,
  allocatable: Resources,
  ds: Resources,
  node: NodeSpec,
) {
  const refused: string[] = [];
  const warnings: string[] = [];
  // The kubelet refuses to start when reservations exceed capacity (validateNodeAllocatable).
  for (const [what, need, have] of [
    ['CPU', heldBack.cpuMilli, capacity.cpuMilli],
    ['memory', heldBack.memoryBytes, capacity.memoryBytes],
  ] as const) {
    if (need > have)
      refused.push(
        `kube/system reserved plus the eviction threshold exceed the node's ${what}; the kubelet would refuse to start`,
      );
  }
  const dsPodIPs = node.daemonSets.filter((d) => d.hostNetwork !== true).length;
  for (const [what, need, have] of [
    ['CPU', ds.cpuMilli, allocatable.cpuMilli],
    ['memory', ds.memoryBytes, allocatable.memoryBytes],
    ['pods', node.daemonSets.length, node.maxPods],
    ['pod IPs', dsPodIPs, node.podIPs],
  ] as const) {
    if (need > have)
      warnings.push(`the DaemonSets need more ${what} than is allocatable; some DaemonSet pods would stay pending`);
  }
  return { refused, warnings };
}

/** FIT_LIMITS lists what can bind, in the order ties are reported. */
export const FIT_LIMITS = ['cpu', 'memory', 'pods', 'podIPs', 'volumes'] as const;
export type FitLimit = (typeof FIT_LIMITS)[number];

/** Fit says how many replicas of one shape fit in a room, which limit binds, and what is stranded. */
export interface Fit {
  readonly pods: number;
  readonly bindingResource: FitLimit;
  /** byLimit is how many would fit if only that limit counted; Infinity when the pod asks none of it. */
  readonly byLimit: Readonly<Record<FitLimit, number>>;
  /** stranded is what is left of each limit once no further replica of this shape fits. */
  readonly stranded: Readonly<NodeResources>;
}

/** podsThatFit packs identical replicas of `pod` into `room`. */
export function podsThatFit(room: Readonly<NodeResources>, pod: PodAsk): Fit {
  const per = (have: number, need: number) => (need > 0 ? Math.floor(have / need) : Infinity);
  const byLimit: Record<FitLimit, number> = {
    cpu: per(room.cpuMilli, pod.cpuMilli),
    memory: per(room.memoryBytes, pod.memoryBytes),
    pods: room.pods,
    podIPs: pod.hostNetwork === true ? Infinity : room.podIPs,
    volumes: per(room.volumes, pod.volumes ?? 0),
  };
  let bindingResource: FitLimit = FIT_LIMITS[0];
  for (const limit of FIT_LIMITS) if (byLimit[limit] < byLimit[bindingResource]) bindingResource = limit;
  const pods = byLimit[bindingResource];
  // A pod that asks none of a limit uses none of it; with no finite limit at all, nothing is used up
  // either (Infinity − Infinity would be NaN).
  const left = (have: number, need: number) => (need > 0 && Number.isFinite(pods) ? have - pods * need : have);
  return {
    pods,
    bindingResource,
    byLimit,
    stranded: {
      cpuMilli: left(room.cpuMilli, pod.cpuMilli),
      memoryBytes: left(room.memoryBytes, pod.memoryBytes),
      pods: left(room.pods, 1),
      podIPs: left(room.podIPs, pod.hostNetwork === true ? 0 : 1),
      volumes: left(room.volumes, pod.volumes ?? 0),
    },
  };
}
