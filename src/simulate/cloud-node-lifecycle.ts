// The VMs behind the nodes, as the cloud node lifecycle controller sees them
// (k8s.io/cloud-provider controllers/nodelifecycle): a node whose VM is gone is deleted on the
// controller's next pass once the node is NotReady (its pods are left to pod GC). Its node group (a
// managed instance group, an auto-scaling group) keeps its target size: it recreates the instance
// once it notices it gone (INSTANCE_REPAIR_DELAY_MS), and the new VM provisions as any other.
// Simplified: one fixed detection delay for every provider.
import { passAfter } from '../models/node-lifecycle.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import { unconnected } from './links.js';
import type { Nodes } from './nodes.js';

/**
 * INSTANCE_REPAIR_DELAY_MS: how long a node group takes to notice a lost instance and ask for its
 * replacement, 60 s: EC2 Auto Scaling learns of it from the instance status checks, which run every
 * minute (Amazon EC2 docs, "Status checks for Amazon EC2 instances"); a GCE managed instance group
 * recreates an instance that stopped or was deleted outside it on its next pass.
 */
export const INSTANCE_REPAIR_DELAY_MS = 60_000;

/** CLOUD_NODE_MONITOR_PERIOD_MS: the controller's passes, every 5 s. */
const CLOUD_NODE_MONITOR_PERIOD_MS = 5_000;

/** CloudNodeLifecycleLinks: the nodes it deletes. */
export interface CloudNodeLifecycleLinks {
  readonly nodes: Nodes;
}

/** CloudNodeLifecycle knows which nodes' VMs are gone and deletes those nodes once NotReady. */
export class CloudNodeLifecycle {
  private readonly lost = new Set<ClusterNode>();
  private readonly phaseMs: number;
  private links: CloudNodeLifecycleLinks = unconnected('CloudNodeLifecycle');

  /** `phase` in [0, 1) places the controller's passes within its period (drawn by the run). */
  constructor(
    private readonly sim: Simulation,
    phase: number,
  ) {
    this.phaseMs = Math.floor(phase * CLOUD_NODE_MONITOR_PERIOD_MS);
  }

  /** connect gives the controller its links. */
  connect(links: CloudNodeLifecycleLinks): void {
    this.links = links;
  }

  /** lose: the node's VM is gone, and its kubelet and container runtime with it; its group recreates the instance. */
  lose(node: ClusterNode): void {
    this.lost.add(node);
    this.sim.after(INSTANCE_REPAIR_DELAY_MS, () => this.links.nodes.recreateLost(node));
  }

  /** isLost says whether the node's VM is gone. */
  isLost(node: ClusterNode): boolean {
    return this.lost.has(node);
  }

  /** deleteOnNextPass deletes a NotReady node whose VM is gone, at the controller's next pass. */
  deleteOnNextPass(node: ClusterNode): void {
    this.sim.at(passAfter(this.sim.now, CLOUD_NODE_MONITOR_PERIOD_MS, this.phaseMs), () => {
      if (!this.links.nodes.isGone(node))
        this.links.nodes.remove(node, 'deleted by the cloud node lifecycle controller: its VM no longer exists', true);
    });
  }
}
