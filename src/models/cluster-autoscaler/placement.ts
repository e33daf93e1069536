// First-fit placement of pending pods onto nodes' free room, as the cluster autoscaler's scheduler
// simulation does before it estimates: pods that fit existing or upcoming nodes need no new node
// (cluster-autoscaler core/podlistprocessor/filter_out_schedulable.go). Simplified: fit is CPU,
// memory, pod slots, attachable volumes and host ports (no taints or topology spread).

/** Room is what a node still offers pods; ports are host ports already taken. */
export interface Room {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  /** volumes is how many more volumes the node can attach; absent means no limit. */
  volumes?: number;
  readonly ports: Set<number>;
}

/** PodShape is one pod's request. */
export interface PodShape {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly hostPort?: number | null;
  readonly volumes?: number;
}

/** fitsRoom says whether a pod fits a node's free room. */
export function fitsRoom(room: Room, pod: PodShape): boolean {
  return pod.cpuMilli <= room.cpuMilli && pod.memoryBytes <= room.memoryBytes && room.pods >= 1 && (pod.hostPort == null || !room.ports.has(pod.hostPort)) &&
    (pod.volumes ?? 0) <= (room.volumes ?? Infinity);
}

/** take places a pod on a room, which must fit it. */
export function take(room: Room, pod: PodShape): void {
  room.cpuMilli -= pod.cpuMilli;
  room.memoryBytes -= pod.memoryBytes;
  room.pods -= 1;
  if (room.volumes !== undefined) room.volumes -= pod.volumes ?? 0;
  if (pod.hostPort != null) room.ports.add(pod.hostPort);
}

/** placeFirstFit places each pod, in order, on the first room that fits it; it returns the pods that fit none. Rooms are used up. */
export function placeFirstFit<P extends PodShape>(pods: readonly P[], rooms: readonly Room[]): P[] {
  const left: P[] = [];
  for (const pod of pods) {
    const room = rooms.find((r) => fitsRoom(r, pod));
    if (room === undefined) left.push(pod);
    else take(room, pod);
  }
  return left;
}
