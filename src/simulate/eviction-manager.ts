// The kubelets' eviction managers for memory (kubernetes/kubernetes pkg/kubelet/eviction/
// eviction_manager.go, synchronize): when a node's memory.available falls below its hard
// threshold, the node reports MemoryPressure (tainted node.kubernetes.io/memory-pressure:NoSchedule,
// so no new pod lands there) and the kubelet evicts one pod, the first in rankMemoryPressure's order
// (models/eviction.ts), then waits for the next pass. The condition stays for
// evictionPressureTransitionPeriod (5 min) after the threshold was last met.
// Simplified: memory.available is the node's capacity less kube- and system-reserved (used in
// full), its DaemonSet pods' requests and its pods' working sets; passes come at the usage samples
// (15 s) where upstream's come every 10 s; the taint comes with the condition (the node lifecycle
// controller's TaintNodesByCondition, without its delay); every pod's priority is 0.
import { rankMemoryPressure, thresholdMet, type EvictionPod } from '../models/eviction.js';
import type { Clock } from '../sim/recorder.js';
import type { Cluster, ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

/** MEMORY_PRESSURE_TAINT is the NoSchedule taint of a node whose MemoryPressure condition is True. */
export const MEMORY_PRESSURE_TAINT = 'node.kubernetes.io/memory-pressure';

/** PRESSURE_TRANSITION_PERIOD_MS is the kubelet's evictionPressureTransitionPeriod default, 5 min. */
const PRESSURE_TRANSITION_PERIOD_MS = 300_000;

const MiB = 1024 * 1024;

// A container waiting to restart after an OOM kill holds no memory.
const evictionPod = (p: Pod): EvictionPod => ({
  name: p.name,
  priority: 0,
  memoryRequestBytes: p.memoryBytes,
  memoryUsageBytes: p.containerStartedMs === undefined ? 0 : p.workingSetBytes,
});

const mib = (bytes: number): string => `${Math.round(bytes / MiB)}Mi`;

/** EvictionLinks: how an evicted pod leaves (its controller replaces it), and whether a node's kubelet runs. */
export interface EvictionLinks {
  readonly evict: (pod: Pod, message: string) => void;
  readonly kubeletServing: (node: ClusterNode) => boolean;
}

/** EvictionManager watches the nodes' memory and evicts under pressure. */
export class EvictionManager {
  /** evictions counts the pods evicted for memory. */
  evictions = 0;
  // When each node under pressure last met its threshold.
  private readonly lastMet = new Map<ClusterNode, number>();
  private links: EvictionLinks = unconnected('EvictionManager');

  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
    private readonly cluster: Cluster,
  ) {}

  /** connect gives the manager its links. */
  connect(links: EvictionLinks): void {
    this.links = links;
  }

  /** synchronize is one pass on `node`, whose pods with load are `podsWithLoad(node)` (asked for only under pressure); the usage sample set their working sets, and the node's. */
  synchronize(node: ClusterNode, podsWithLoad: (node: ClusterNode) => readonly Pod[]): void {
    if (!this.links.kubeletServing(node)) return; // the eviction manager is part of the kubelet
    const workingSet = node.daemonsets.memoryBytes + node.workingSetBytes;
    const threshold = node.evictionThresholdBytes;
    const available = node.allocatable.memoryBytes + threshold - workingSet;
    const met =
      threshold > 0 &&
      thresholdMet(
        { signal: 'memory.available', value: { quantityBytes: threshold } },
        { availableBytes: available, capacityBytes: node.capacity.memoryBytes },
      );
    if (!met) return;
    this.lastMet.set(node, this.clock.now);
    if (!node.taints.includes(MEMORY_PRESSURE_TAINT)) {
      node.taints.push(MEMORY_PRESSURE_TAINT);
      this.cluster.refresh(node);
      this.log.add('Node', node.name, 'NodeHasInsufficientMemory', `Node ${node.name} status is now: MemoryPressure`);
    }
    const pods = podsWithLoad(node);
    const ranked = rankMemoryPressure(pods.map(evictionPod));
    const victim = pods.find((p) => p.name === ranked[0]?.name);
    if (victim === undefined) return;
    this.evictions++;
    const message = `The node was low on resource: memory. Threshold quantity: ${mib(threshold)}, available: ${mib(available)}. Container was using ${mib(victim.workingSetBytes)}, request is ${mib(victim.memoryBytes)}.`;
    this.links.evict(victim, message);
  }

  /** settle clears MemoryPressure from the nodes that have not met their threshold for the transition period. */
  settle(): void {
    for (const [node, at] of this.lastMet) {
      if (this.clock.now - at < PRESSURE_TRANSITION_PERIOD_MS) continue;
      this.lastMet.delete(node);
      node.taints = node.taints.filter((t) => t !== MEMORY_PRESSURE_TAINT);
      this.cluster.refresh(node);
      this.log.add('Node', node.name, 'NodeHasSufficientMemory', `Node ${node.name} status is now: NoMemoryPressure`);
    }
  }
}
