// What must hold between any two moments of a run, whatever the scenario: each check is a pure
// function of the state it reads and returns what is wrong (empty when all holds). `--check` (and
// every test) runs them after each batch of events that share a millisecond; a broken one stops
// the run with the simulated time and the offending object, because a wrong number is worse than
// no number.
import type { ApiRequestKind } from '../models/kubelet.js';
import type { ClusterNode } from './cluster.js';
import type { ImageStats } from './image-pulls.js';
import { cpuUsedOf, type Pod } from './pod.js';

/** CHECK_ENV turns the checks on for every run of the process when set to 1 (the tests set it). */
export const CHECK_ENV = 'POOLSIM_CHECK';

/** checkByDefault says whether runs check their invariants when not told. */
export const checkByDefault = (): boolean => process.env[CHECK_ENV] === '1';

/** Violation is one broken invariant: the object it concerns (a node, a pod, a workload) and what is wrong. */
export interface Violation {
  readonly object: string;
  readonly problem: string;
}

/** InvariantViolation stops a run whose state broke an invariant: a bug in poolsim, not in the scenario. */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';

  constructor(
    readonly atMs: number,
    readonly violations: readonly Violation[],
    readonly design: string,
  ) {
    const first = violations[0]!;
    const more =
      violations.length > 1
        ? ` (and ${violations.length - 1} more: ${violations
            .slice(1, 4)
            .map((v) => v.object)
            .join(', ')}${violations.length > 4 ? ', …' : ''})`
        : '';
    super(`invariant broken at t=${atMs / 1000} s in design ${design}: ${first.object}: ${first.problem}${more}`);
  }
}

const RESOURCES = [
  ['cpuMilli', 'CPU', (x: number) => `${x}m`],
  ['memoryBytes', 'memory', (x: number) => `${x} B`],
  ['pods', 'pods', (x: number) => `${x}`],
  ['podIPs', 'pod IPs', (x: number) => `${x}`],
  ['volumes', 'volumes', (x: number) => `${x}`],
] as const;

/**
 * checkNode: a live node holds no more than its allocatable (pod IPs no more than its usable IPs),
 * its pods use no more CPU than it has for them, each no more than its limit,
 * and what it counts as requested is its DaemonSet pods plus the pods bound to it and not gone,
 * terminating ones included (they hold their resources until gone), plus what nominated pods hold
 * there; its spread counts and host
 * ports are those of its pods.
 */
export function checkNode(node: ClusterNode, pods: Iterable<Pod>): Violation[] {
  const object = `node ${node.name}`;
  const out: Violation[] = [];
  // Pods nominated to the node hold their requests there while their victims go.
  const sum = {
    cpuMilli: node.daemonsets.cpuMilli + node.held.cpuMilli,
    memoryBytes: node.daemonsets.memoryBytes + node.held.memoryBytes,
    pods: node.daemonsets.pods + node.held.pods,
    podIPs: node.daemonsets.podIPs + node.held.podIPs,
    volumes: node.daemonsets.volumes + node.held.volumes,
  };
  const counted = new Map<string, number>();
  const ports = new Set<number>();
  let used = 0;
  for (const p of pods) {
    const podUsed = cpuUsedOf(p);
    used += podUsed;
    const limit = p.spec.limits.cpuMilli;
    if (limit !== null && podUsed > limit + 1e-6)
      out.push({ object: `pod ${p.name}`, problem: `uses ${podUsed}m of CPU, above its limit ${limit}m` });
    sum.cpuMilli += p.cpuMilli;
    sum.memoryBytes += p.memoryBytes;
    sum.pods += 1;
    if (!p.hostNetwork) sum.podIPs += 1;
    sum.volumes += p.volumes;
    if (p.hostPort !== null) ports.add(p.hostPort);
    if (p.phase !== 'Terminating') counted.set(p.workload, (counted.get(p.workload) ?? 0) + 1);
  }
  // CFS shares out what the DaemonSets leave of allocatable (resource-usage.ts), never more.
  const forPods = node.allocatable.cpuMilli - node.daemonsets.cpuMilli;
  if (used > Math.max(0, forPods) + 1e-6)
    out.push({ object, problem: `its pods use ${used}m of CPU, above the ${forPods}m its DaemonSets leave` });
  for (const [key, what, show] of RESOURCES) {
    const requested = node.requested[key];
    // A nominated pod's hold may sit over allocatable while its victims terminate, as upstream
    // counts a nominated pod on its node beside the pods still going.
    if (requested - node.held[key] > node.allocatable[key])
      out.push({
        object,
        problem: `${what} requested ${show(requested)} exceeds allocatable ${show(node.allocatable[key])}`,
      });
    if (requested !== sum[key])
      out.push({
        object,
        problem: `${what} requested ${show(requested)} but its DaemonSets and bound pods request ${show(sum[key])}`,
      });
  }
  for (const [workload, n] of node.workloadPods) {
    if (counted.get(workload) !== n)
      out.push({
        object,
        problem: `counts ${n} pods of ${workload} for topology spread but holds ${counted.get(workload) ?? 0}`,
      });
  }
  for (const [workload, n] of counted) {
    if (!node.workloadPods.has(workload))
      out.push({ object, problem: `holds ${n} pods of ${workload} that topology spread does not count` });
  }
  if (ports.size !== node.hostPorts.size || [...ports].some((p) => !node.hostPorts.has(p))) {
    out.push({
      object,
      problem: `host ports in use [${[...node.hostPorts].join(', ')}] are not those of its pods [${[...ports].join(', ')}]`,
    });
  }
  return out;
}

/** PodContext is what a pod's checks read besides the pod. */
export interface PodContext {
  readonly nowMs: number;
  /** pending: the scheduler's queue. */
  readonly pending: ReadonlySet<Pod>;
  /** holder: the node whose bound pods list the pod, if any. */
  readonly holder: ClusterNode | undefined;
  /** removedMs: when a node was deleted, undefined while it is in the cluster. */
  readonly removedMs: (node: ClusterNode) => number | undefined;
  /** orphanLimitMs: how long after its node is deleted a pod may still be bound to it (pod GC's quarantine and period). */
  readonly orphanLimitMs: number;
}

/**
 * checkPod: a pod that is not gone is in exactly one lifecycle state, and its fields say the same:
 * Pending ⇔ queued in the scheduler and bound to no node; ContainerCreating, Running and
 * Terminating are bound; only Running pods are ready. A bound pod is listed on its node and no
 * other, was bound while the node existed, and outlives a deleted node only until pod GC.
 */
export function checkPod(pod: Pod, ctx: PodContext): Violation[] {
  const object = `pod ${pod.name}`;
  const out: Violation[] = [];
  const problem = (text: string) =>
    out.push({ object, problem: `${text} (phase ${pod.phase}, node ${pod.node?.name ?? 'none'})` });
  const queued = ctx.pending.has(pod);
  if (pod.phase === 'Gone') problem("is gone but still listed among its workload's pods");
  if (pod.phase === 'Pending') {
    if (pod.node !== null) problem('is Pending yet bound to a node');
    if (!queued) problem("is Pending but not in the scheduler's queue");
    if (pod.deletedMs !== undefined) problem('was deleted but is still Pending');
  } else {
    if (queued) problem("is in the scheduler's queue but not Pending");
    if (pod.node === null) problem('is past Pending but bound to no node');
    if (pod.scheduledMs === undefined) problem('is past Pending but has no time of scheduling');
  }
  if (pod.phase === 'Running' && pod.runningMs === undefined) problem('is Running with no time it started running');
  if (pod.phase === 'Terminating' && pod.deletedMs === undefined) problem('is Terminating but was never deleted');
  if (pod.ready && pod.phase !== 'Running') problem('is ready but not Running');
  if (pod.node !== null) {
    if (ctx.holder !== pod.node)
      problem(
        ctx.holder === undefined
          ? 'is bound to a node that does not list it'
          : `is listed on node ${ctx.holder.name} too`,
      );
    const removed = ctx.removedMs(pod.node);
    if (removed !== undefined) {
      if (pod.scheduledMs !== undefined && pod.scheduledMs > removed)
        problem(`was bound at ${pod.scheduledMs / 1000} s to a node deleted at ${removed / 1000} s`);
      if (pod.ready) problem(`is ready on a node deleted at ${removed / 1000} s`);
      if (ctx.nowMs > removed + ctx.orphanLimitMs)
        problem(`is still bound to a node deleted at ${removed / 1000} s, past pod GC's ${ctx.orphanLimitMs / 1000} s`);
    }
  } else if (ctx.holder !== undefined) problem(`is bound to no node but listed on node ${ctx.holder.name}`);
  return out;
}

/** holders maps each pod to the node that lists it, and reports a pod listed on two nodes. */
export function holders(onNode: ReadonlyMap<ClusterNode, ReadonlySet<Pod>>): {
  holder: Map<Pod, ClusterNode>;
  violations: Violation[];
} {
  const holder = new Map<Pod, ClusterNode>();
  const violations: Violation[] = [];
  for (const [node, pods] of onNode) {
    for (const p of pods) {
      const other = holder.get(p);
      if (other !== undefined)
        violations.push({ object: `pod ${p.name}`, problem: `is bound to two nodes, ${other.name} and ${node.name}` });
      else holder.set(p, node);
      if (p.phase === 'Gone')
        violations.push({ object: `pod ${p.name}`, problem: `is gone but still listed on node ${node.name}` });
    }
  }
  return { holder, violations };
}

/** checkHpaReplicas: what an HPA last set its workload to is within its minReplicas and maxReplicas. */
export function checkHpaReplicas(
  workload: string,
  replicas: number,
  minReplicas: number,
  maxReplicas: number,
): Violation[] {
  if (Number.isInteger(replicas) && replicas >= minReplicas && replicas <= maxReplicas) return [];
  return [
    {
      object: `HorizontalPodAutoscaler ${workload}`,
      problem: `set ${replicas} replicas, outside its minReplicas ${minReplicas} and maxReplicas ${maxReplicas}`,
    },
  ];
}

/** checkImageBytes: the bytes pulled are the sum of the bytes by source, and the sum of the bytes each node received. */
export function checkImageBytes(stats: ImageStats, bytesByNode: Iterable<number>): Violation[] {
  const object = 'image pulls';
  const out: Violation[] = [];
  const { registry, mirror, peers } = stats.bytesBySource;
  if (stats.bytesPulled !== registry + mirror + peers) {
    out.push({
      object,
      problem: `${stats.bytesPulled} bytes pulled but ${registry + mirror + peers} by source (registry ${registry}, mirror ${mirror}, peers ${peers})`,
    });
  }
  let received = 0;
  for (const b of bytesByNode) received += b;
  if (stats.bytesPulled !== received)
    out.push({ object, problem: `${stats.bytesPulled} bytes pulled but the nodes received ${received}` });
  if (stats.pulls !== stats.pullMs.length)
    out.push({ object, problem: `${stats.pulls} pulls completed but ${stats.pullMs.length} durations kept` });
  return out;
}

/** checkApiTotals: the kubelets' request total is the sum of its kinds; none is negative; no more waited than were sent. */
export function checkApiTotals(
  byKind: Readonly<Record<ApiRequestKind, number>>,
  total: number,
  throttled: number,
): Violation[] {
  const object = 'API requests';
  const out: Violation[] = [];
  let sum = 0;
  for (const [kind, n] of Object.entries(byKind)) {
    sum += n;
    if (n < 0) out.push({ object, problem: `${n} ${kind} requests` });
  }
  if (sum !== total) out.push({ object, problem: `${total} requests in all but ${sum} by kind` });
  if (throttled < 0 || throttled > total)
    out.push({ object, problem: `${throttled} requests waited for a token, of ${total}` });
  return out;
}

/** checkClock: simulated time never goes back between batches. */
export function checkClock(previousMs: number, nowMs: number): Violation[] {
  return nowMs >= previousMs ? [] : [{ object: 'clock', problem: `went back from ${previousMs} ms to ${nowMs} ms` }];
}
