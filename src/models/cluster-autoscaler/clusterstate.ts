// The autoscaler's record of a node group's scale-up in flight. kubernetes/autoscaler
// cluster-autoscaler/clusterstate/clusterstate.go (RegisterScaleUp, updateScaleRequests): one
// request per group; a further scale-up of the group adds to it and moves its deadline to now +
// max-node-provision-time; the request is done once no node of the group is still unregistered, and
// times out (one failure, one backoff for the group) if nodes are still unregistered at the deadline.

/**
 * isClusterHealthy is IsClusterHealthy: unhealthy when more nodes are unready than
 * --ok-total-unready-count and than --max-total-unready-percentage of all nodes; the autoscaler
 * then does nothing at all that loop. Unready nodes younger than 15 min count as not started, not unready.
 */
export function isClusterHealthy(
  unready: number,
  total: number,
  okTotalUnreadyCount: number,
  maxTotalUnreadyPercentage: number,
): boolean {
  return !(unready > okTotalUnreadyCount && unready > (maxTotalUnreadyPercentage / 100) * total);
}

/** ScaleUpRequest is a group's scale-up in flight. */
export interface ScaleUpRequest {
  readonly increase: number;
  readonly startMs: number;
  readonly expectedAddMs: number;
}

/** registerScaleUp is RegisterScaleUp for a positive delta. */
export function registerScaleUp(
  previous: ScaleUpRequest | undefined,
  delta: number,
  nowMs: number,
  maxNodeProvisionTimeMs: number,
): ScaleUpRequest {
  return { increase: (previous?.increase ?? 0) + delta, startMs: nowMs, expectedAddMs: nowMs + maxNodeProvisionTimeMs };
}

/** scaleUpRequestState is updateScaleRequests for one group, given how many of its nodes are still unregistered. */
export function scaleUpRequestState(
  request: ScaleUpRequest,
  unregistered: number,
  nowMs: number,
): 'fulfilled' | 'timed-out' | 'waiting' {
  if (unregistered <= 0) return 'fulfilled';
  return request.expectedAddMs < nowMs ? 'timed-out' : 'waiting';
}
