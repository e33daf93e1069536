// First-fit placement of pending pods onto nodes' free room, as the cluster autoscaler's scheduler
// simulation does before it estimates: pods that fit existing or upcoming nodes need no new node
// (cluster-autoscaler core/podlistprocessor/filter_out_schedulable.go). Fit is the fit rule of
// models/resources.ts, host ports and the scheduler's hostname spread (max skew 1).
// Simplified: no taints or affinity.
import { addPod, copyResources, fitsResources, type NodeResources } from '../resources.js';
import { topologySpreadViolated } from '../scheduler/filter.js';
import type { PendingPod } from '../scheduler/schedule-one.js';

/** Room is a node as placement sees it: its free resources, the host ports taken, and each spreading workload's pods on it. */
export interface Room {
  readonly free: NodeResources;
  readonly ports: Set<number>;
  /** spread counts each spreading workload's pods on the node (PodTopologySpread by hostname). */
  readonly spread: Map<string, number>;
}

/** emptyRoom is a new node's room: a template's (DaemonSets already placed), with no port taken and no pod counted. */
export function emptyRoom(template: Readonly<NodeResources>): Room {
  return { free: copyResources(template), ports: new Set(), spread: new Map() };
}

/** fitsRoom says whether a pod fits a node's room: the fit rule, and its host port free. */
export function fitsRoom(room: Room, pod: PendingPod): boolean {
  return fitsResources(pod, room.free) && (pod.hostPort === null || !room.ports.has(pod.hostPort));
}

/** take places a pod on a room, which must fit it. */
export function take(room: Room, pod: PendingPod): void {
  addPod(room.free, pod, -1);
  if (pod.hostPort !== null) room.ports.add(pod.hostPort);
  if (pod.spread) room.spread.set(pod.workload, (room.spread.get(pod.workload) ?? 0) + 1);
}

/** copyRoom is an independent copy of a room, to try placements on. */
export function copyRoom(room: Room): Room {
  return { free: copyResources(room.free), ports: new Set(room.ports), spread: new Map(room.spread) };
}

/** untake gives back what `take` took (the pod's host port was free before it). */
export function untake(room: Room, pod: PendingPod): void {
  addPod(room.free, pod, 1);
  if (pod.hostPort !== null) room.ports.delete(pod.hostPort);
  if (pod.spread) room.spread.set(pod.workload, room.spread.get(pod.workload)! - 1);
}

/**
 * placeEach places each pod, in order, on the first room that fits it, using the rooms up, and
 * returns the pods that fit none and where the others went (to undo with `untake`). A spreading pod
 * must also keep its skew over the rooms, and over `floor`, the fewest of its workload's pods on
 * any node that is not a room.
 */
export function placeEach<P extends PendingPod>(
  pods: readonly P[],
  rooms: readonly Room[],
  floor: ReadonlyMap<string, number> = new Map(),
): { left: P[]; placed: Array<[Room, P]> } {
  const left: P[] = [];
  const placed: Array<[Room, P]> = [];
  for (const pod of pods) {
    let min = Infinity;
    if (pod.spread) {
      min = floor.get(pod.workload) ?? Infinity;
      for (const r of rooms) min = Math.min(min, r.spread.get(pod.workload) ?? 0);
    }
    const room = rooms.find(
      (r) =>
        fitsRoom(r, pod) &&
        (!pod.spread || !topologySpreadViolated(r.spread.get(pod.workload) ?? 0, Number.isFinite(min) ? min : 0)),
    );
    if (room === undefined) left.push(pod);
    else {
      take(room, pod);
      placed.push([room, pod]);
    }
  }
  return { left, placed };
}

/** placeFirstFit is placeEach's pods that fit no room. */
export function placeFirstFit<P extends PendingPod>(
  pods: readonly P[],
  rooms: readonly Room[],
  floor: ReadonlyMap<string, number> = new Map(),
): P[] {
  return placeEach(pods, rooms, floor).left;
}
