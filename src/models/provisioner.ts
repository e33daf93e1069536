// A node's way from the cloud API to Ready: the VM is created and boots and its kubelet registers
// (the pool's provisioning delay), then CNI and the DaemonSet pods start and the node turns Ready
// (its start-up delay; the kubelet keeps NodeReady false while the runtime network is not ready,
// pkg/kubelet/kubelet.go updateRuntimeUp). Whether the autoscaler waits that long is its own
// affair (cluster-autoscaler/clusterstate.ts: max-node-provision-time).
// Defaults and their sources are in scenario/defaults.ts (DEFAULT_PROVISIONING, DEFAULT_NODE_STARTUP).

/** ProvisionPlan is a requested node's future: when it registers and when it is Ready. */
export interface ProvisionPlan {
  readonly registeredMs: number;
  readonly readyMs: number;
}

/** planProvision decides a node's future from its drawn delays. */
export function planProvision(requestedMs: number, provisioningMs: number, startupMs: number): ProvisionPlan {
  const registeredMs = requestedMs + provisioningMs;
  return { registeredMs, readyMs: registeredMs + startupMs };
}

/** NOT_READY_TAINT is the taint a registered node carries until it is Ready. */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
