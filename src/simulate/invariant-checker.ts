// Runs invariants.ts's checks over a design's run after every batch of events (Simulation.onBatchEnd)
// and stops the run at the first batch that breaks one. A full pass over the live nodes and pods
// each batch: slower (tests and --check only), but nothing incremental to get wrong.
import type { ApiRequestKind } from '../models/kubelet.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import type { Components } from './components.js';
import type { ImageStats } from './image-pulls.js';
import {
  checkApiTotals,
  checkClock,
  checkHpaReplicas,
  checkImageBytes,
  checkNode,
  checkPod,
  holders,
  InvariantViolation,
  type Violation,
} from './invariants.js';
import type { Pod } from './pod.js';

/** CheckedState is what the checks read of a run, each part as it is at the time of the call. */
export interface CheckedState {
  /** nodes are the cluster's slots, undefined where a node is gone. */
  nodes(): ReadonlyArray<ClusterNode | undefined>;
  nodesHolding(): ReadonlyMap<ClusterNode, ReadonlySet<Pod>>;
  livePods(): Iterable<Pod>;
  pending(): readonly Pod[];
  removedMs(node: ClusterNode): number | undefined;
  /** hpas are the workloads with an HPA that has set their replicas, with its bounds. */
  hpas(): Iterable<{
    readonly workload: string;
    readonly replicas: number;
    readonly min: number;
    readonly max: number;
  }>;
  images(): { readonly stats: ImageStats; readonly bytesByNode: Iterable<number> };
  api(): {
    readonly byKind: Readonly<Record<ApiRequestKind, number>>;
    readonly total: number;
    readonly throttled: number;
  };
}

/** checkRun returns every invariant `state` breaks at `nowMs`, after a batch that followed one at `previousMs`. */
export function checkRun(state: CheckedState, previousMs: number, nowMs: number, orphanLimitMs: number): Violation[] {
  const out: Violation[] = [...checkClock(previousMs, nowMs)];
  const onNode = state.nodesHolding();
  for (const node of state.nodes()) if (node !== undefined) out.push(...checkNode(node, onNode.get(node) ?? []));
  const { holder, violations } = holders(onNode);
  out.push(...violations);
  const pending = new Set(state.pending());
  const ctx = {
    nowMs,
    pending,
    removedMs: (n: ClusterNode) => state.removedMs(n),
    orphanLimitMs,
    holder: undefined as ClusterNode | undefined,
  };
  for (const pod of state.livePods()) {
    ctx.holder = holder.get(pod);
    out.push(...checkPod(pod, ctx));
    pending.delete(pod);
  }
  for (const pod of pending)
    out.push({
      object: `pod ${pod.name}`,
      problem: `is in the scheduler's queue but not among its workload's pods (phase ${pod.phase})`,
    });
  for (const h of state.hpas()) out.push(...checkHpaReplicas(h.workload, h.replicas, h.min, h.max));
  const images = state.images();
  out.push(...checkImageBytes(images.stats, images.bytesByNode));
  const api = state.api();
  out.push(...checkApiTotals(api.byKind, api.total, api.throttled));
  return out;
}

/** checkEveryBatch makes `sim` check `state` after each batch of events, throwing InvariantViolation at the first that breaks one. */
export function checkEveryBatch(sim: Simulation, state: CheckedState, design: string, orphanLimitMs: number): void {
  let previous = sim.now;
  sim.onBatchEnd((now) => {
    const violations = checkRun(state, previous, now, orphanLimitMs);
    if (violations.length > 0) throw new InvariantViolation(now, violations, design);
    previous = now;
  });
}

/** componentState is what the checks read of a run's components. */
export function componentState(c: Components): CheckedState {
  const bounds = new Map(c.scenario.workloads.map((w) => [w.name, w.hpa]));
  return {
    nodes: () => c.cluster.nodes,
    nodesHolding: () => c.replicas.nodesHolding,
    livePods: () => c.replicas.allLivePods(),
    pending: () => c.scheduler.pendingPods,
    removedMs: (node) => c.nodes.recordOf(node).removedMs,
    hpas: () =>
      [...c.hpa.decisions].map(([workload, replicas]) => {
        const hpa = bounds.get(workload)!;
        return { workload, replicas, min: hpa.minReplicas, max: hpa.maxReplicas };
      }),
    images: () => ({ stats: c.pulls.stats, bytesByNode: c.pulls.bytesByNode.values() }),
    api: () => ({ byKind: c.traffic.totals, total: c.traffic.requests, throttled: c.traffic.throttled }),
  };
}
