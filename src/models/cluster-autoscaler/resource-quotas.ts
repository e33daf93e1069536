// The cluster autoscaler's resource quotas: the cloud provider's resource limiter (--max-cores-total,
// --max-memory-total) and any custom quotas, each a set of limits on the nodes it applies to.
// kubernetes/autoscaler cluster-autoscaler/resourcequotas/tracker.go (CheckQuota, ConsumeQuota,
// checkQuota), factory.go (NewMaxQuotasTracker: what is left = limit − usage, never below 0),
// usage.go (usage = what the given nodes hold), core/utils GetNodeCoresAndMemory (a node's cores
// are its CPU rounded up to whole cores; memory in bytes).

/** QuotaResource is what a quota limits: cores, bytes of memory, nodes. */
export type QuotaResource = 'cpu' | 'memory' | 'nodes';

/** Quota is one quota: which node groups it applies to ('*': every node, in a group or not) and its limits (cpu in cores, memory in bytes). */
export interface Quota {
  readonly name: string;
  readonly appliesToGroups: '*' | readonly string[];
  readonly limits: Partial<Readonly<Record<QuotaResource, number>>>;
}

/** QuotaNode is a node, or a node group's template, as quotas count it. */
export interface QuotaNode {
  readonly group: string | null;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** QuotaCheck is CheckDeltaResult: how many of the asked nodes fit every quota, and the quotas exceeded. */
export interface QuotaCheck {
  readonly allowedDelta: number;
  readonly exceeded: ReadonlyArray<{ readonly quota: string; readonly resources: readonly QuotaResource[] }>;
}

// deltaForNode: what one node uses of each resource.
function deltaForNode(n: QuotaNode): Record<QuotaResource, number> {
  return { cpu: Math.ceil(n.cpuMilli / 1000), memory: n.memoryBytes, nodes: 1 };
}

const appliesTo = (q: Quota, n: QuotaNode) =>
  q.appliesToGroups === '*' || (n.group !== null && q.appliesToGroups.includes(n.group));

/** QuotaTracker is Tracker: each quota's limits left after the cluster's nodes. */
export class QuotaTracker {
  private readonly left: Array<{ quota: Quota; left: Partial<Record<QuotaResource, number>> }>;

  constructor(quotas: readonly Quota[], nodes: readonly QuotaNode[]) {
    this.left = quotas.map((quota) => {
      const usage: Record<QuotaResource, number> = { cpu: 0, memory: 0, nodes: 0 };
      for (const n of nodes) {
        if (!appliesTo(quota, n)) continue;
        const d = deltaForNode(n);
        for (const r of Object.keys(usage) as QuotaResource[]) usage[r] += d[r];
      }
      const left: Partial<Record<QuotaResource, number>> = {};
      for (const [r, limit] of Object.entries(quota.limits) as Array<[QuotaResource, number]>)
        left[r] = Math.max(0, limit - usage[r]);
      return { quota, left };
    });
  }

  /** check is CheckQuota: how many of `nodeDelta` nodes like `node` every quota that applies to it still allows. */
  check(node: QuotaNode, nodeDelta: number): QuotaCheck {
    // tracker.go: "nodeDelta must be non-negative".
    if (!(nodeDelta >= 0)) throw new RangeError(`nodeDelta must be non-negative, got ${nodeDelta}`);
    const delta = deltaForNode(node);
    let allowedDelta = nodeDelta;
    const exceeded: Array<{ quota: string; resources: QuotaResource[] }> = [];
    for (const { quota, left } of this.left) {
      if (!appliesTo(quota, node)) continue;
      const resources: QuotaResource[] = [];
      for (const r of ['cpu', 'memory', 'nodes'] as const) {
        const l = left[r];
        if (l === undefined || delta[r] <= 0 || l >= delta[r] * nodeDelta) continue;
        allowedDelta = Math.min(allowedDelta, Math.floor(l / delta[r]));
        resources.push(r);
      }
      if (resources.length > 0) exceeded.push({ quota: quota.name, resources });
    }
    return { allowedDelta, exceeded };
  }

  /** consume is ConsumeQuota: the check, and when every asked node fits, their resources taken from the quotas. */
  consume(node: QuotaNode, nodeDelta: number): QuotaCheck {
    const result = this.check(node, nodeDelta);
    if (result.allowedDelta !== nodeDelta) return result;
    const delta = deltaForNode(node);
    for (const { quota, left } of this.left) {
      if (!appliesTo(quota, node)) continue;
      for (const r of Object.keys(left) as QuotaResource[]) left[r] = Math.max(0, left[r]! - delta[r] * nodeDelta);
    }
    return result;
  }
}
