// Pod GC (pkg/controller/podgc gc_controller.go) force-deletes the pods of a deleted node after a
// 40 s quarantine, on its passes every 20 s; their controllers then replace them.
import { passAfter } from '../models/node-lifecycle.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import { unconnected } from './links.js';

/** POD_GC_QUARANTINE_MS is how long a deleted node's pods wait before pod GC deletes them. */
export const POD_GC_QUARANTINE_MS = 40_000;

/** POD_GC_PERIOD_MS is the time between pod GC's passes. */
export const POD_GC_PERIOD_MS = 20_000;

/** PodGcLinks: who deletes a deleted node's pods, with the reason. */
export interface PodGcLinks {
  readonly deletePodsOf: (node: ClusterNode, reason: string) => void;
}

/** PodGc deletes the pods of deleted nodes. */
export class PodGc {
  private readonly phaseMs: number;
  private links: PodGcLinks = unconnected('PodGc');

  /** `phase` in [0, 1) places pod GC's passes within its period (drawn by the run). */
  constructor(
    private readonly sim: Simulation,
    phase: number,
  ) {
    this.phaseMs = Math.floor(phase * POD_GC_PERIOD_MS);
  }

  /** connect gives pod GC its links. */
  connect(links: PodGcLinks): void {
    this.links = links;
  }

  /** nodeDeleted: the node's pods are deleted at the first pass after its quarantine. */
  nodeDeleted(node: ClusterNode): void {
    this.sim.at(passAfter(this.sim.now + POD_GC_QUARANTINE_MS, POD_GC_PERIOD_MS, this.phaseMs), () =>
      this.links.deletePodsOf(node, 'pod GC: its node is gone'),
    );
  }
}
