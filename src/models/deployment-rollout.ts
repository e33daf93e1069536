// One sync of the deployment controller, as upstream makes it: kubernetes/kubernetes
// pkg/controller/deployment rolling.go (RollingUpdate), recreate.go (Recreate) and sync.go
// (proportional scaling when the desired replicas change mid-rollout). The shared rules are in
// deployment.ts. Pure: each returns the ReplicaSets' new replicas (a ScaleDecision).
import {
  isActive,
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  sum,
  type DeploymentState,
  type ReplicaSetState,
  type ScaleDecision,
} from './deployment.js';

const CLEANUP_ERROR = 'when cleaning up unhealthy replicas, got invalid request to scale down';

// pkg/controller/deployment/rolling.go
/** reconcileNewReplicaSet is reconcileNewReplicaSet: above replicas the new set shrinks, below it grows. */
export function reconcileNewReplicaSet(
  d: DeploymentState,
  allRSs: readonly ReplicaSetState[],
  newRS: ReplicaSetState,
): ScaleDecision {
  if (newRS.replicas === d.replicas) return {};
  const replicas = newRS.replicas > d.replicas ? d.replicas : newRSNewReplicas(d, allRSs, newRS);
  return replicas === newRS.replicas ? {} : { [newRS.name]: replicas };
}

/** CleanupResult is the old sets after cleanupUnhealthyReplicas, oldest first; an error ends the sync. */
export interface CleanupResult {
  readonly oldRSs: readonly ReplicaSetState[];
  readonly cleanupCount: number;
  readonly error?: string;
}

/**
 * cleanupUnhealthyReplicas is cleanupUnhealthyReplicas: oldest set first, drop the old sets'
 * unavailable pods, at most maxCleanupCount in all; that costs no availability.
 */
export function cleanupUnhealthyReplicas(oldRSs: readonly ReplicaSetState[], maxCleanupCount: number): CleanupResult {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length && total < maxCleanupCount; i++) {
    const rs = sorted[i]!;
    if (rs.replicas === 0 || rs.replicas === rs.availableReplicas) continue;
    const count = Math.min(maxCleanupCount - total, rs.replicas - rs.availableReplicas);
    if (count < 0) {
      const request = `${rs.name} ${rs.replicas} -> ${rs.replicas - count}`;
      return { oldRSs: sorted, cleanupCount: total, error: `${CLEANUP_ERROR} ${request}` };
    }
    sorted[i] = { ...rs, replicas: rs.replicas - count };
    total += count;
  }
  return { oldRSs: sorted, cleanupCount: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate is scaleDownOldReplicaSetsForRollingUpdate: oldest set
 * first, remove as many pods as are available above minAvailable.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  d: DeploymentState,
  allRSs: readonly ReplicaSetState[],
  oldRSs: readonly ReplicaSetState[],
): { oldRSs: readonly ReplicaSetState[]; scaledDown: number } {
  const available = sum(allRSs, (rs) => rs.availableReplicas);
  const target = available - (d.replicas - maxUnavailable(d));
  if (target <= 0) return { oldRSs, scaledDown: 0 };
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length && total < target; i++) {
    const rs = sorted[i]!;
    const count = Math.min(rs.replicas, target - total);
    sorted[i] = { ...rs, replicas: rs.replicas - count };
    total += count;
  }
  return { oldRSs: sorted, scaledDown: total };
}

/**
 * reconcileOldReplicaSets is reconcileOldReplicaSets: scale old sets down by at most
 * all pods − minAvailable − the new set's unavailable pods, unhealthy pods first.
 */
export function reconcileOldReplicaSets(
  d: DeploymentState,
  allRSs: readonly ReplicaSetState[],
  oldRSs: readonly ReplicaSetState[],
  newRS: ReplicaSetState,
): ScaleDecision {
  if (sum(oldRSs, (rs) => rs.replicas) === 0) return {};
  // The new set's unavailable pods count against the budget: a crash-looping new set must not
  // drain the old one.
  const newRSUnavailable = newRS.replicas - newRS.availableReplicas;
  const maxScaledDown = sum(allRSs, (rs) => rs.replicas) - (d.replicas - maxUnavailable(d)) - newRSUnavailable;
  if (maxScaledDown <= 0) return {};
  const cleaned = cleanupUnhealthyReplicas(oldRSs, maxScaledDown);
  // On upstream's error the sync ends; the sets already scaled stay scaled.
  if (cleaned.error !== undefined) return resized(oldRSs, cleaned.oldRSs);
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(d, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return resized(oldRSs, scaled.oldRSs);
}

/** rolloutRolling is rolloutRolling's scaling in one sync: grow the new set if it may, else shrink the old ones. */
export function rolloutRolling(
  d: DeploymentState,
  newRS: ReplicaSetState,
  oldRSs: readonly ReplicaSetState[],
): ScaleDecision {
  const allRSs = [...oldRSs, newRS];
  const up = reconcileNewReplicaSet(d, allRSs, newRS);
  if (Object.keys(up).length > 0) return up;
  return reconcileOldReplicaSets(d, allRSs, oldRSs.filter(isActive), newRS);
}

/** OldPod is a pod of one of the deployment's sets as oldPodsRunning reads it; pods being deleted included. */
export interface OldPod {
  readonly replicaSet: string;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
}

// pkg/controller/deployment/recreate.go
/**
 * oldPodsRunning is oldPodsRunning: an old set reports pods, or a pod outside the new set is not
 * Succeeded or Failed (Unknown counts).
 */
export function oldPodsRunning(
  newRS: ReplicaSetState | null,
  oldRSs: readonly ReplicaSetState[],
  pods: readonly OldPod[],
): boolean {
  if (sum(oldRSs, (rs) => rs.statusReplicas ?? rs.replicas) > 0) return true;
  return pods.some((p) => p.replicaSet !== newRS?.name && p.phase !== 'Succeeded' && p.phase !== 'Failed');
}

/**
 * rolloutRecreate is rolloutRecreate's scaling in one sync: every old set to 0 first; the new set
 * to replicas only once no old pod runs. Simplified: the new set exists already (upstream creates it
 * at that point).
 */
export function rolloutRecreate(
  d: DeploymentState,
  newRS: ReplicaSetState,
  oldRSs: readonly ReplicaSetState[],
  pods: readonly OldPod[],
): ScaleDecision {
  const active = oldRSs.filter(isActive);
  if (active.length > 0) return Object.fromEntries(active.map((rs) => [rs.name, 0]));
  if (oldPodsRunning(newRS, oldRSs, pods)) return {};
  return newRS.replicas === d.replicas ? {} : { [newRS.name]: d.replicas };
}

// pkg/controller/deployment/sync.go (scale, scaleReplicaSet) and util/deployment_util.go
/** replicasAnnotations is what SetReplicasAnnotations stamps on every set the controller scales. */
export function replicasAnnotations(d: DeploymentState): { desiredReplicas: number; maxReplicas: number } {
  return { desiredReplicas: d.replicas, maxReplicas: d.replicas + maxSurge(d) };
}

/**
 * isScalingEvent is isScalingEvent: an active set's desired-replicas annotation differs from
 * replicas, so the controller runs scale instead of the rollout.
 */
export function isScalingEvent(d: DeploymentState, allRSs: readonly ReplicaSetState[]): boolean {
  return allRSs.some((rs) => isActive(rs) && rs.desiredReplicas !== undefined && rs.desiredReplicas !== d.replicas);
}

/** isSaturated is IsSaturated: the new set has, wants and makes available all the replicas. */
function isSaturated(d: DeploymentState, rs: ReplicaSetState | null): boolean {
  if (rs === null || rs.desiredReplicas === undefined) return false;
  return rs.replicas === d.replicas && rs.desiredReplicas === d.replicas && rs.availableReplicas === d.replicas;
}

/** findActiveOrLatest is FindActiveOrLatest: the one active set, the newest if none is active, null if several are. */
function findActiveOrLatest(newRS: ReplicaSetState | null, oldRSs: readonly ReplicaSetState[]): ReplicaSetState | null {
  const newestFirst = [...oldRSs].sort(byCreationTimestamp).reverse();
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0] ?? null;
  return active.length === 1 ? active[0]! : null;
}

/**
 * scale is sync.go's scale, on a change of replicas: one active set takes them all; a saturated new
 * set empties the old ones; else (rolling) every active set grows or shrinks in proportion, the
 * leftover to the largest (newest on growth, oldest on shrink).
 */
export function scale(
  d: DeploymentState,
  newRS: ReplicaSetState | null,
  oldRSs: readonly ReplicaSetState[],
): ScaleDecision {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== null)
    return activeOrLatest.replicas === d.replicas ? {} : { [activeOrLatest.name]: d.replicas };
  if (isSaturated(d, newRS)) return Object.fromEntries(oldRSs.filter(isActive).map((rs) => [rs.name, 0]));
  if (!isRollingUpdate(d)) return {};
  const allActive = [newRS, ...oldRSs].filter(isActive);
  const allowedSize = d.replicas > 0 ? d.replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - sum(allActive, (rs) => rs.replicas);
  allActive.sort(toAdd >= 0 ? replicaSetsBySizeNewer : replicaSetsBySizeOlder);
  return prepareProportionalScalePlan(d, allActive, toAdd);
}

/** prepareProportionalScalePlan is PrepareProportionalScalePlan: shares of toAdd in order, leftover to the first. */
export function prepareProportionalScalePlan(
  d: DeploymentState,
  allActiveRSs: readonly ReplicaSetState[],
  deploymentReplicasToAdd: number,
): ScaleDecision {
  const plan: Record<string, number> = {};
  let added = 0;
  for (const rs of allActiveRSs) {
    const proportion =
      deploymentReplicasToAdd === 0 ? 0 : getReplicaSetProportion(d, rs, deploymentReplicasToAdd, added);
    plan[rs.name] = rs.replicas + proportion;
    added += proportion;
  }
  const first = allActiveRSs[0];
  const leftover = deploymentReplicasToAdd - added;
  if (first !== undefined && leftover !== 0) plan[first.name] = Math.max(0, plan[first.name]! + leftover);
  return plan;
}

/** getReplicaSetProportion is getReplicaSetProportion: the set's fraction, within what is left to add (or remove). */
export function getReplicaSetProportion(
  d: DeploymentState,
  rs: ReplicaSetState,
  deploymentReplicasToAdd: number,
  deploymentReplicasAdded: number,
): number {
  if (rs.replicas === 0 || deploymentReplicasToAdd === 0 || deploymentReplicasToAdd === deploymentReplicasAdded)
    return 0;
  const fraction = getReplicaSetFraction(d, rs);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  return deploymentReplicasToAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** getReplicaSetFraction is getReplicaSetFraction: round(rs × (replicas + maxSurge) / max-replicas) − rs. */
export function getReplicaSetFraction(d: DeploymentState, rs: ReplicaSetState): number {
  if (d.replicas === 0) return -rs.replicas;
  // Without the annotation, status.replicas; with neither (pods failing to be created), no change.
  const before = rs.maxReplicas || d.statusReplicas || 0;
  if (before === 0) return 0;
  return roundHalfAwayFromZero((rs.replicas * (d.replicas + maxSurge(d))) / before) - rs.replicas;
}

/** DeploymentStatus is the part of a Deployment's status the progress checks compare. */
// Resized: the sets whose replicas differ between before and after.
function resized(before: readonly ReplicaSetState[], after: readonly ReplicaSetState[]): ScaleDecision {
  const was = new Map(before.map((rs) => [rs.name, rs.replicas]));
  return Object.fromEntries(after.filter((rs) => was.get(rs.name) !== rs.replicas).map((rs) => [rs.name, rs.replicas]));
}

// pkg/controller/controller_utils.go ReplicaSetsByCreationTimestamp, ReplicaSetsBySizeOlder/Newer.
function byCreationTimestamp(a: ReplicaSetState, b: ReplicaSetState): number {
  if (a.created !== b.created) return a.created - b.created;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
function replicaSetsBySizeOlder(a: ReplicaSetState, b: ReplicaSetState): number {
  return b.replicas - a.replicas || byCreationTimestamp(a, b);
}
function replicaSetsBySizeNewer(a: ReplicaSetState, b: ReplicaSetState): number {
  return b.replicas - a.replicas || byCreationTimestamp(b, a);
}

// Go's math.Round (integer.RoundToInt32): halves away from zero; Math.round takes −2.5 to −2.
function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
