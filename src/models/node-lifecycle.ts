// kube-controller-manager's node lifecycle controller (kubernetes/kubernetes
// pkg/controller/nodelifecycle/node_lifecycle_controller.go) and the taint eviction controller
// (pkg/controller/tainteviction/taint_eviction.go), as pure functions.
// - monitorNodeHealth runs every node monitor period (5 s). It notes a renewed lease at the pass
//   that sees it (probeTimestamp = the controller's now) and marks Ready Unknown at the first pass
//   with now after probeTimestamp + grace period (tryUpdateNodeHealth); MarkPodsNotReady follows.
// - The unreachable NoExecute taint goes on through a rate-limited queue per zone
//   (--node-eviction-rate 0.1 nodes/s, burst 1), slowed or stopped when much of the zone is down
//   (ComputeZoneState, ReducedQPSFunc); pods are deleted 300 s after the taint is seen
//   (tolerationSeconds from DefaultTolerationSeconds), and a taint removed in time cancels that.
// Simplified: one zone (the whole cluster).

/** UNREACHABLE_TAINT: the key of the taints (NoSchedule, NoExecute) on a node whose Ready is Unknown. */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** NODE_EVICTION_RATE: --node-eviction-rate, nodes tainted per second in a healthy zone. */
const NODE_EVICTION_RATE = 0.1;
/** SECONDARY_NODE_EVICTION_RATE: --secondary-node-eviction-rate, in a partly disrupted large zone. */
const SECONDARY_NODE_EVICTION_RATE = 0.01;
/** UNHEALTHY_ZONE_THRESHOLD: --unhealthy-zone-threshold, the not-ready share that makes a zone partly disrupted. */
const UNHEALTHY_ZONE_THRESHOLD = 0.55;
/** LARGE_CLUSTER_SIZE_THRESHOLD: --large-cluster-size-threshold; a partly disrupted smaller zone taints nothing. */
const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
/** NODE_EVICTION_PERIOD_MS: how often the tainting queue is worked (nodeEvictionPeriod). */
export const NODE_EVICTION_PERIOD_MS = 100;

/** passAtOrAfter is the first monitor pass at or after `tMs`; passes fall at phaseMs + k × periodMs. */
export function passAtOrAfter(tMs: number, periodMs: number, phaseMs: number): number {
  return phaseMs + Math.ceil((tMs - phaseMs) / periodMs) * periodMs;
}

/** passAfter is the first monitor pass strictly after `tMs`. */
export function passAfter(tMs: number, periodMs: number, phaseMs: number): number {
  return phaseMs + (Math.floor((tMs - phaseMs) / periodMs) + 1) * periodMs;
}

/** ReadyUnknownInput: the node's last lease renewal and the controller's timing. */
export interface ReadyUnknownInput {
  readonly lastRenewMs: number;
  readonly periodMs: number;
  readonly phaseMs: number;
  /** graceMs: the node monitor grace period, or the node startup grace period for a node that never posted Ready. */
  readonly graceMs: number;
}

/** readyUnknownAtMs is tryUpdateNodeHealth's verdict: the pass that marks a silent node's Ready condition Unknown. */
export function readyUnknownAtMs(input: ReadyUnknownInput): number {
  const probe = passAtOrAfter(input.lastRenewMs, input.periodMs, input.phaseMs);
  return passAfter(probe + input.graceMs, input.periodMs, input.phaseMs);
}

/** ZoneState is ComputeZoneState's answer. */
export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** computeZoneState: fully disrupted with no Ready node; partly with more than 2 not ready and at least 55% of the zone. */
export function computeZoneState(ready: number, notReady: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

/**
 * taintingRate is the zone's NoExecute tainting rate (nodes/s; 0 stops it): the eviction rate when
 * normal; when partly disrupted the secondary rate in a large zone and none in a small one; when
 * fully disrupted the eviction rate again (enterFullDisruptionFunc is HealthyQPSFunc), unless every
 * zone is, when the controller stops and lifts the taints (handleDisruption), so none.
 */
export function taintingRate(state: ZoneState, zoneSize: number, allZonesFullyDisrupted = true): number {
  if (state === 'Normal') return NODE_EVICTION_RATE;
  if (state === 'PartialDisruption') return zoneSize > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0;
  return allZonesFullyDisrupted ? 0 : NODE_EVICTION_RATE;
}
