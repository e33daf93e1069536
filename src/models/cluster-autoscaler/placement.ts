// First-fit placement of pending pods onto nodes' free room, as the cluster autoscaler's scheduler
// simulation does before it estimates: pods that fit existing or upcoming nodes need no new node
// (cluster-autoscaler core/podlistprocessor/filter_out_schedulable.go). Fit is the fit rule of
// models/resources.ts, host ports, the scheduler's hostname spread (max skew 1) and, for pods with
// a template, the scheduler's constraint filters (labels, taints, topology spread, pod affinity)
// against the rooms and the nodes that only count.
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { addPod, copyResources, fitsResources, type NodeResources } from '../resources.js';
import { topologySpreadViolated } from '../scheduler/filter.js';
import {
  hasHardTaints,
  hasRequiredAntiAffinity,
  isConstrained,
  prepareConstraintFilters,
  type ClusterEntry,
  type ConstraintFilters,
} from '../scheduler/plugins/index.js';
import { NodeIndex } from '../scheduler/node-index.js';
import type { PendingPod } from '../scheduler/schedule-one.js';

/** Room is a node as placement sees it: its free resources, the host ports taken, and each spreading workload's pods on it. */
export interface Room {
  readonly free: NodeResources;
  readonly ports: Set<number>;
  /** spread counts each spreading workload's pods on the node (PodTopologySpread by hostname). */
  readonly spread: Map<string, number>;
  /** object is the node as a v1 Node, for the constraint filters; templates counts its pods by template. */
  readonly object?: Node;
  readonly templates?: Map<Pod, number>;
}

/** ConstraintGate says what may make the constraint filters reject a pod that asks nothing itself. */
export interface ConstraintGate {
  hardTaints: boolean;
  antiAffinity: boolean;
}

/** constraintGate looks over the rooms and the nodes that only count for pool taints and pods with required anti-affinity. */
export function constraintGate(rooms: readonly Room[], others: readonly ClusterEntry[] = []): ConstraintGate {
  const gate = { hardTaints: false, antiAffinity: false };
  for (const r of rooms) {
    // A room without its node object (no constraints in play) has nothing to say.
    if (r.object === undefined) continue;
    if (hasHardTaints(r.object)) gate.hardTaints = true;
    if (r.templates !== undefined)
      for (const t of r.templates.keys()) if (hasRequiredAntiAffinity(t)) gate.antiAffinity = true;
  }
  for (const e of others) for (const t of e.pods) if (hasRequiredAntiAffinity(t)) gate.antiAffinity = true;
  return gate;
}

/** roomEntries are the rooms with a node object as the constraint filters count them. */
function roomEntries(rooms: readonly Room[]): ClusterEntry[] {
  return rooms.flatMap((r) =>
    r.object === undefined
      ? []
      : [{ node: r.object, pods: [...(r.templates?.keys() ?? [])], counts: [...(r.templates?.values() ?? [])] }],
  );
}

/** constraintFilters prepares a pod's constraint filters against the rooms as they are now and `others`; null when none can reject it. */
export function constraintFilters(
  pod: PendingPod,
  rooms: readonly Room[],
  others: readonly ClusterEntry[],
  gate: ConstraintGate,
): ConstraintFilters | null {
  if (!needsConstraintFilters(pod, gate)) return null;
  return prepareConstraintFilters(pod.template!, () => [...others, ...roomEntries(rooms)], gate.antiAffinity);
}

// Whether the constraint filters may reject `pod` anywhere: it has a template, and some room has a
// hard taint, some pod required anti-affinity, or the pod terms of its own.
function needsConstraintFilters(pod: PendingPod, gate: ConstraintGate): boolean {
  const t = pod.template;
  return t !== undefined && (gate.hardTaints || gate.antiAffinity || isConstrained(t));
}

/** passesConstraints runs prepared constraint filters on a room (a room without a node object passes). */
export function passesConstraints(filters: ConstraintFilters | null, room: Room): boolean {
  if (filters === null || room.object === undefined) return true;
  return filters.nodeLocal(room.object).code === 'Success' && filters.clusterWide(room.object).code === 'Success';
}

/** emptyRoom is a new node's room: a template's (DaemonSets already placed), with no port taken and no pod counted. */
export function emptyRoom(template: Readonly<NodeResources>, object?: Node): Room {
  return {
    free: copyResources(template),
    ports: new Set(),
    spread: new Map(),
    ...(object === undefined ? {} : { object, templates: new Map() }),
  };
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
  if (pod.template !== undefined && room.templates !== undefined)
    room.templates.set(pod.template, (room.templates.get(pod.template) ?? 0) + 1);
}

/** copyRoom is an independent copy of a room, to try placements on. */
export function copyRoom(room: Room): Room {
  return {
    free: copyResources(room.free),
    ports: new Set(room.ports),
    spread: new Map(room.spread),
    ...(room.object === undefined ? {} : { object: room.object, templates: new Map(room.templates) }),
  };
}

/** untake gives back what `take` took (the pod's host port was free before it). */
export function untake(room: Room, pod: PendingPod): void {
  addPod(room.free, pod, 1);
  if (pod.hostPort !== null) room.ports.delete(pod.hostPort);
  if (pod.spread) room.spread.set(pod.workload, room.spread.get(pod.workload)! - 1);
  const t = pod.template;
  if (t !== undefined && room.templates !== undefined) {
    const left = room.templates.get(t)! - 1;
    if (left === 0) room.templates.delete(t);
    else room.templates.set(t, left);
  }
}

// The index of the last search released, for the next to fill again instead of making one: the
// autoscaler makes a search over every node in most loops. (Only its arrays are shared: a search
// takes it, and nothing else holds it.)
let spareIndex: NodeIndex | null = null;

/**
 * RoomSearch finds the first room, in order, with room for a pod, through a segment tree over the
 * rooms' free CPU, memory and pod slots (the node index), so that placing P pods on N rooms costs
 * about P log N instead of P × N; rooms may be left out (a node going away) and brought back.
 */
export class RoomSearch {
  private readonly index: NodeIndex;
  private readonly left: Uint8Array;
  private kept: Room[] | null = null;

  constructor(readonly rooms: readonly Room[]) {
    this.left = new Uint8Array(rooms.length);
    const n = rooms.length;
    const [cpu, memory, slots] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    for (let i = 0; i < n; i++) {
      const free = rooms[i]!.free;
      cpu[i] = free.cpuMilli;
      memory[i] = free.memoryBytes;
      slots[i] = free.pods;
    }
    this.index = NodeIndex.refilled(spareIndex, n, cpu, memory, slots);
    spareIndex = null;
  }

  /** release hands the search's index on to the next search made (this one must not be used again). */
  release(): void {
    spareIndex = this.index;
  }

  /** leaveOut takes room `i` out of the search (until bringBack). */
  leaveOut(i: number): void {
    this.left[i] = 1;
    this.kept = null;
    this.index.set(i, -1, -1, -1);
  }

  /** bringBack puts room `i` back. */
  bringBack(i: number): void {
    this.left[i] = 0;
    this.kept = null;
    this.update(i);
  }

  /** update re-reads room `i`'s free resources (after a pod was taken or given back). */
  update(i: number): void {
    if (this.left[i] === 1) return;
    const free = this.rooms[i]!.free;
    this.index.set(i, free.cpuMilli, free.memoryBytes, free.pods);
  }

  /** usable are the rooms not left out, in order. */
  usable(): Room[] {
    return (this.kept ??= this.rooms.filter((_, i) => this.left[i] === 0));
  }

  /** first is the first room not left out, from room `from` on, with room for `pod` that `accepts` too (-1: none). */
  first(pod: PendingPod, accepts: (room: Room) => boolean, from = 0): number {
    let found = -1;
    // A request of zero fits even a room with less than nothing free (the fit rule): no bound then.
    const cpu = pod.cpuMilli > 0 ? pod.cpuMilli : -Infinity;
    const memory = pod.memoryBytes > 0 ? pod.memoryBytes : -Infinity;
    this.index.forEachFit(from, this.rooms.length, cpu, memory, (i) => {
      if (this.left[i] === 1) return true;
      const room = this.rooms[i]!;
      if (!fitsRoom(room, pod) || !accepts(room)) return true;
      found = i;
      return false;
    });
    return found;
  }
}

// Below this many rooms a scan is as quick as building the index.
const SEARCH_ROOMS = 64;

/** PlaceOptions: the rooms' constraintGate, when the caller knows it, and whether to stop at the first pod that fits nowhere. */
export interface PlaceOptions {
  readonly knownGate?: ConstraintGate;
  readonly stopAtFirstLeft?: boolean;
}

/**
 * placeEach places each pod, in order, on the first room that fits it, using the rooms up, and
 * returns the pods that fit none and where the others went (to undo with `untake`). A spreading pod
 * must also keep its skew over the rooms, and over `floor`, the fewest of its workload's pods on
 * any node that is not a room; a pod with a template must pass the constraint filters, which count
 * `others` (nodes that take no pod here) beside the rooms. `knownGate`, when given, is the rooms'
 * constraintGate (it only ever widens as pods are placed). With `stopAtFirstLeft`, it stops at
 * the first pod that fits nowhere (`left` holds just that one), as the scale-down simulation gives
 * up on a node at its first pod without a place (simulator/cluster.go findPlaceFor calls
 * TrySchedulePods with breakOnFailure).
 */
export function placeEach<P extends PendingPod>(
  pods: readonly P[],
  roomsOrSearch: readonly Room[] | RoomSearch,
  floor: ReadonlyMap<string, number> = new Map(),
  others: readonly ClusterEntry[] = [],
  { knownGate, stopAtFirstLeft = false }: PlaceOptions = {},
): { left: P[]; placed: Array<[Room, P]> } {
  const left: P[] = [];
  const placed: Array<[Room, P]> = [];
  // A search given (rooms left out of it), or one made for many rooms and pods; else a scan.
  let search = roomsOrSearch instanceof RoomSearch ? roomsOrSearch : null;
  const all = search === null ? (roomsOrSearch as readonly Room[]) : search.rooms;
  const own = search === null && all.length >= SEARCH_ROOMS && pods.length > 1;
  if (own) search = new RoomSearch(all);
  // The rooms not left out, listed only when a pod needs them all (a spread or constraints): a
  // search's list is made again after every leaveOut, which the scale-down pass does per candidate.
  let listed: readonly Room[] | null = search === null ? all : null;
  const usable = (): readonly Room[] => (listed ??= search!.usable());
  // A caller placing on the same rooms again and again passes the gate it found once.
  const gate = knownGate ?? constraintGate(usable(), others);
  // Where plain pods' requests first fit (all.length: nowhere). Rooms only fill up here, so no room
  // before that fits a plain pod asking at least as much of everything, and its search starts
  // there: a packed cluster's pending pods would each walk most of the index to the first room
  // with space (most of a 5,000-node fleet's autoscaler time), most of them of a few shapes.
  const firstFits: Array<{ readonly pod: PendingPod; at: number }> = [];
  for (const pod of pods) {
    const filters = needsConstraintFilters(pod, gate) ? constraintFilters(pod, usable(), others, gate) : null;
    const plain = !pod.spread && filters === null;
    let from = 0;
    let kind: (typeof firstFits)[number] | undefined; // the entry of its own shape
    if (plain)
      for (const f of firstFits) {
        if (!asksAtLeast(pod, f.pod)) continue;
        if (f.at > from) from = f.at;
        if (asksAtLeast(f.pod, pod)) kind = f;
      }
    if (from >= all.length) {
      left.push(pod);
      continue; // (never with stopAtFirstLeft: the first pod left stopped it)
    }
    // A spreading pod keeps its skew over the rooms not left out and the floor.
    let min = 0;
    if (pod.spread) {
      let least = floor.get(pod.workload) ?? Infinity;
      for (const r of usable()) least = Math.min(least, r.spread.get(pod.workload) ?? 0);
      min = Number.isFinite(least) ? least : 0;
    }
    const accepts = (r: Room) =>
      (!pod.spread || !topologySpreadViolated(r.spread.get(pod.workload) ?? 0, min)) && passesConstraints(filters, r);
    // The first room with room for it (the index finds those) that it accepts.
    const at = search !== null ? search.first(pod, accepts, from) : firstAccepted(all, from, pod, accepts);
    if (plain && pod.hostPort === null) {
      if (kind === undefined) firstFits.push({ pod, at: at < 0 ? all.length : at });
      else kind.at = at < 0 ? all.length : at;
    }
    if (at < 0) {
      left.push(pod);
      if (stopAtFirstLeft) break;
      continue;
    }
    const room = all[at]!;
    take(room, pod);
    search?.update(at);
    placed.push([room, pod]);
    if (pod.template !== undefined && hasRequiredAntiAffinity(pod.template)) gate.antiAffinity = true;
  }
  if (own) search!.release();
  return { left, placed };
}

// The first room from `from` on that fits `pod` and `accepts` it (-1: none).
function firstAccepted(
  rooms: readonly Room[],
  from: number,
  pod: PendingPod,
  accepts: (room: Room) => boolean,
): number {
  for (let i = from; i < rooms.length; i++) if (fitsRoom(rooms[i]!, pod) && accepts(rooms[i]!)) return i;
  return -1;
}

// Whether `pod` asks at least as much as `other` of everything the fit rule reads (fitsRoom):
// wherever `other` does not fit, `pod` does not either.
function asksAtLeast(pod: PendingPod, other: PendingPod): boolean {
  return (
    pod.cpuMilli >= other.cpuMilli &&
    pod.memoryBytes >= other.memoryBytes &&
    pod.volumes >= other.volumes &&
    (other.hostNetwork || !pod.hostNetwork)
  );
}

/** placeFirstFit is placeEach's pods that fit no room. */
export function placeFirstFit<P extends PendingPod>(
  pods: readonly P[],
  rooms: readonly Room[],
  floor: ReadonlyMap<string, number> = new Map(),
  others: readonly ClusterEntry[] = [],
): P[] {
  return placeEach(pods, rooms, floor, others).left;
}
