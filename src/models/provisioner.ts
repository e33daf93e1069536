// A node's way from the cloud API to Ready: the VM is created and boots and its kubelet registers
// (the pool's provisioning delay), then CNI and the DaemonSet pods start and the node turns Ready
// (its start-up delay; the kubelet keeps NodeReady false while the runtime network is not ready,
// pkg/kubelet/kubelet.go updateRuntimeUp). The cluster autoscaler gives up on a node that has not
// registered within --max-node-provision-time (clusterstate.go, scale-up request timeout).
// Defaults and their sources are in scenario/defaults.ts (DEFAULT_PROVISIONING, DEFAULT_NODE_STARTUP).

/** ProvisionPlan is a requested node's future: registered then Ready, or given up on. */
export type ProvisionPlan =
  | { readonly outcome: 'registers'; readonly registeredMs: number; readonly readyMs: number }
  | { readonly outcome: 'times-out'; readonly failedMs: number };

/** planProvision decides a node's future from its drawn delays. */
export function planProvision(requestedMs: number, provisioningMs: number, startupMs: number, maxNodeProvisionTimeMs: number): ProvisionPlan {
  if (provisioningMs > maxNodeProvisionTimeMs) return { outcome: 'times-out', failedMs: requestedMs + maxNodeProvisionTimeMs };
  const registeredMs = requestedMs + provisioningMs;
  return { outcome: 'registers', registeredMs, readyMs: registeredMs + startupMs };
}

/** NOT_READY_TAINT is the taint a registered node carries until it is Ready. */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
/** TO_BE_DELETED_TAINT is the cluster autoscaler's taint on a node it is removing. */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
