// The binpacking estimate when pods ask something of nodes (labels, zone, taints, topology spread,
// pod affinity): each placement is held to the scheduler's constraint filters, counting the
// cluster's nodes beside the new ones, as binpacking_estimator.go runs the scheduler framework on
// its forked snapshot; a hostname-spread pod that the last node refuses is tried on any other node
// (tryToScheduleOnNewNodes, kubernetes/autoscaler#8181).
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { podRequest, type NodeResources, type PodAsk } from '../resources.js';
import { hasRequiredAntiAffinity, type ClusterEntry } from '../scheduler/plugins/index.js';
import type { PendingPod } from '../scheduler/schedule-one.js';
import { constraintFilters, copyRoom, emptyRoom, fitsRoom, take, type ConstraintGate, type Room } from './placement.js';

// One of the group's pods, as the scheduler simulation sees it (the estimator does not spread by
// the workload's legacy flag; a template's constraints are the filters').
/** PodGroup is a set of equivalent pending pods: one pod's request (two with the same host port never share a node), its template where it has one, and how many. */
export type PodGroup = PodAsk & { readonly name?: string; readonly count: number; readonly template?: Pod };

/** Binpacking is an estimate with how many pods of each group (by input index) it placed. */
export interface Binpacking {
  readonly nodeCount: number;
  readonly scheduledPods: number;
  readonly scheduledPerGroup: readonly number[];
}

/** ConstrainedInput is what the constrained estimate reads: the pod groups, and the snapshot (rooms that take pods, and nodes that only count). */
interface ConstrainedInput {
  readonly podGroups: readonly PodGroup[];
  readonly snapshot?: readonly Room[];
  readonly counted?: readonly ClusterEntry[];
}

export function asPod(g: PodGroup): PendingPod {
  return {
    ...podRequest(g),
    workload: g.name ?? '',
    spread: false,
    ...(g.template === undefined ? {} : { template: g.template }),
  };
}

const SPREAD_REASON = "node(s) didn't match pod topology spread constraints";
const HOSTNAME = 'kubernetes.io/hostname';

// isPodUsingHostNameTopologyKey.
const usesHostnameSpread = (pod: PendingPod) =>
  (pod.template?.spec?.topologySpreadConstraints ?? []).some((c) => c.topologyKey === HOSTNAME);

/** ConstrainedBinpacking is the estimate when some pod asks something of nodes: each placement checked by the constraint filters on the whole snapshot. */
export class ConstrainedBinpacking {
  private readonly nodes: Room[] = [];
  private readonly withPods = new Set<Room>();
  private readonly snapshot: readonly Room[];
  private readonly counted: readonly ClusterEntry[];
  private scheduled = 0;

  constructor(
    private readonly input: ConstrainedInput,
    private readonly templateNode: Node,
    private readonly template: NodeResources,
    private readonly limit: number,
    private readonly gate: ConstraintGate,
  ) {
    // The estimate works on a copy of the snapshot, as upstream forks it and reverts.
    this.snapshot = (input.snapshot ?? []).map(copyRoom);
    this.counted = input.counted ?? [];
  }

  run(order: ReadonlyArray<{ g: PodGroup; i: number }>): Binpacking {
    const scheduledPerGroup = this.input.podGroups.map(() => 0);
    for (const { g, i } of order) {
      const pod = asPod(g);
      let left = g.count;
      // tryToScheduleOnExistingNodes: the nodes added so far, until a pod passes none.
      while (left > 0 && this.placeOnAny(pod, this.nodes)) left--;
      // tryToScheduleOnNewNodes.
      for (; left > 0; left--) if (!this.placeOnNew(pod)) break;
      scheduledPerGroup[i] = g.count - left;
    }
    return { nodeCount: this.withPods.size, scheduledPods: this.scheduled, scheduledPerGroup };
  }

  // The last node, else (a hostname spread it broke there) any other node, else a new node.
  private placeOnNew(pod: PendingPod): boolean {
    const last = this.nodes[this.nodes.length - 1];
    if (last !== undefined) {
      const why = this.check(pod, last);
      if (why === null) return this.place(pod, last);
      if (why === SPREAD_REASON && usesHostnameSpread(pod)) {
        const others = [...this.snapshot, ...this.nodes].filter((r) => r !== last);
        if (this.placeOnAny(pod, others)) return true;
      }
      // An empty last node that cannot take the pod means no new node could either.
      if (!this.withPods.has(last)) return false;
    }
    if (this.nodes.length >= this.limit) return false;
    const name = `${this.templateNode.metadata?.name ?? 'template'}-e-${this.nodes.length}`;
    const fresh = emptyRoom(this.template, {
      ...this.templateNode,
      metadata: {
        ...this.templateNode.metadata,
        name,
        labels: { ...this.templateNode.metadata?.labels, [HOSTNAME]: name },
      },
    });
    this.nodes.push(fresh);
    return this.check(pod, fresh) === null && this.place(pod, fresh);
  }

  private placeOnAny(pod: PendingPod, rooms: readonly Room[]): boolean {
    const filters = this.filters(pod);
    const room = rooms.find((r) => this.check(pod, r, filters) === null);
    return room !== undefined && this.place(pod, room);
  }

  // Why the pod cannot go to the room (null: it can), in the filters' order.
  private check(pod: PendingPod, room: Room, filters = this.filters(pod)): string | null {
    const object = room.object!;
    const local = filters?.nodeLocal(object);
    if (local !== undefined && local.code !== 'Success') return local.reasons[0] ?? local.code;
    if (!fitsRoom(room, pod)) return 'fit';
    const wide = filters?.clusterWide(object);
    if (wide !== undefined && wide.code !== 'Success') return wide.reasons[0] ?? wide.code;
    return null;
  }

  private filters(pod: PendingPod) {
    return constraintFilters(pod, [...this.snapshot, ...this.nodes], this.counted, this.gate);
  }

  private place(pod: PendingPod, room: Room): true {
    // A pod with required anti-affinity now keeps others off: every later pod is held to it.
    if (pod.template !== undefined && hasRequiredAntiAffinity(pod.template)) this.gate.antiAffinity = true;
    take(room, pod);
    this.withPods.add(room);
    this.scheduled++;
    return true;
  }
}
