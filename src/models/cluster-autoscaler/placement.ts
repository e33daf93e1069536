// First-fit placement of pending pods onto nodes' free room, as the cluster autoscaler's scheduler
// simulation does before it estimates: pods that fit existing or upcoming nodes need no new node
// (cluster-autoscaler core/podlistprocessor/filter_out_schedulable.go). Simplified: fit is CPU,
// memory, pod slots, attachable volumes, host ports and the scheduler's hostname spread (max skew
// 1); no taints or affinity.
import { topologySpreadViolated } from '../scheduler/filter.js';

/** Room is what a node still offers pods; ports are host ports already taken. */
export interface Room {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  /** volumes is how many more volumes the node can attach; absent means no limit. */
  volumes?: number;
  readonly ports: Set<number>;
  /** spread counts each spreading workload's pods on the node (PodTopologySpread by hostname). */
  readonly spread?: Map<string, number>;
}

/** PodShape is one pod's request. */
export interface PodShape {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly hostPort?: number | null;
  readonly volumes?: number;
  /** spreadKey is the pod's workload when it spreads over nodes. */
  readonly spreadKey?: string | null;
}

/** emptyRoom is a new node's room: a template's (DaemonSets already placed), with no port taken and no pod counted. */
export function emptyRoom(t: {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly pods: number;
  readonly volumes?: number;
}): Room {
  return {
    cpuMilli: t.cpuMilli,
    memoryBytes: t.memoryBytes,
    pods: t.pods,
    ports: new Set(),
    spread: new Map(),
    ...(t.volumes === undefined ? {} : { volumes: t.volumes }),
  };
}

/** fitsRoom says whether a pod fits a node's free room. */
export function fitsRoom(room: Room, pod: PodShape): boolean {
  return (
    pod.cpuMilli <= room.cpuMilli &&
    pod.memoryBytes <= room.memoryBytes &&
    room.pods >= 1 &&
    (pod.hostPort == null || !room.ports.has(pod.hostPort)) &&
    (pod.volumes ?? 0) <= (room.volumes ?? Infinity)
  );
}

/** take places a pod on a room, which must fit it. */
export function take(room: Room, pod: PodShape): void {
  room.cpuMilli -= pod.cpuMilli;
  room.memoryBytes -= pod.memoryBytes;
  room.pods -= 1;
  if (room.volumes !== undefined) room.volumes -= pod.volumes ?? 0;
  if (pod.hostPort != null) room.ports.add(pod.hostPort);
  if (pod.spreadKey != null && room.spread !== undefined)
    room.spread.set(pod.spreadKey, (room.spread.get(pod.spreadKey) ?? 0) + 1);
}

/** copyRoom is an independent copy of a room, to try placements on. */
export function copyRoom(room: Room): Room {
  return {
    ...room,
    ports: new Set(room.ports),
    ...(room.spread === undefined ? {} : { spread: new Map(room.spread) }),
  };
}

/** untake gives back what `take` took (the pod's host port was free before it). */
export function untake(room: Room, pod: PodShape): void {
  room.cpuMilli += pod.cpuMilli;
  room.memoryBytes += pod.memoryBytes;
  room.pods += 1;
  if (room.volumes !== undefined) room.volumes += pod.volumes ?? 0;
  if (pod.hostPort != null) room.ports.delete(pod.hostPort);
  if (pod.spreadKey != null && room.spread !== undefined)
    room.spread.set(pod.spreadKey, room.spread.get(pod.spreadKey)! - 1);
}

/**
 * placeEach places each pod, in order, on the first room that fits it, using the rooms up, and
 * returns the pods that fit none and where the others went (to undo with `untake`). A spreading pod
 * must also keep its skew over the rooms, and over `floor`, the fewest of its workload's pods on
 * any node that is not a room.
 */
export function placeEach<P extends PodShape>(
  pods: readonly P[],
  rooms: readonly Room[],
  floor: ReadonlyMap<string, number> = new Map(),
): { left: P[]; placed: Array<[Room, P]> } {
  const left: P[] = [];
  const placed: Array<[Room, P]> = [];
  for (const pod of pods) {
    const key = pod.spreadKey;
    let min = Infinity;
    if (key != null) {
      min = floor.get(key) ?? Infinity;
      for (const r of rooms) min = Math.min(min, r.spread?.get(key) ?? 0);
    }
    const room = rooms.find(
      (r) =>
        fitsRoom(r, pod) &&
        (key == null || !topologySpreadViolated(r.spread?.get(key) ?? 0, Number.isFinite(min) ? min : 0)),
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
export function placeFirstFit<P extends PodShape>(
  pods: readonly P[],
  rooms: readonly Room[],
  floor: ReadonlyMap<string, number> = new Map(),
): P[] {
  return placeEach(pods, rooms, floor).left;
}
