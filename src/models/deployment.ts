// The deployment controller's shared rules, as upstream has them: kubernetes/kubernetes
// pkg/controller/deployment/util/deployment_util.go (surge and unavailability, the new ReplicaSet's
// size, a rollout's progress and deadline), k8s.io/apimachinery's intstr, pkg/api/v1/pod's
// availability and pkg/apis/apps/validation. The rollouts themselves are deployment-rollout.ts.
// Pure functions over plain data: a decision (ScaleDecision) is the new replicas of the ReplicaSets
// the controller would update in one sync. Counts are pods; times are ms.
// Simplified: no podReplacementPolicy (the DeploymentPodReplacementPolicy gate: TerminationComplete,
// partial scaling), no pausing, rollbacks, revision history, conditions' bookkeeping or generations.

import { getScaledValueFromIntOrPercent, type IntOrString } from './intstr.js';

export type { IntOrString } from './intstr.js';

/** DEPLOYMENT_DEFAULTS are the API's defaults (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment). */
export const DEPLOYMENT_DEFAULTS = { maxSurge: '25%', maxUnavailable: '25%', progressDeadlineSeconds: 600 } as const;

/**
 * DeploymentState is what the decisions read of a Deployment. maxSurge and maxUnavailable absent
 * count as 0, as in ResolveFenceposts: apply DEPLOYMENT_DEFAULTS first.
 */
export interface DeploymentState {
  readonly replicas: number;
  /** strategy: default RollingUpdate. */
  readonly strategy?: 'RollingUpdate' | 'Recreate';
  readonly maxSurge?: IntOrString;
  readonly maxUnavailable?: IntOrString;
  /** statusReplicas is status.replicas: the proportion base for a set without a max-replicas annotation (default 0). */
  readonly statusReplicas?: number;
}

/** ReplicaSetState is what the decisions read of one of the deployment's ReplicaSets. */
export interface ReplicaSetState {
  readonly name: string;
  /** created (ms) orders the sets oldest first, ties by name (ReplicaSetsByCreationTimestamp). */
  readonly created: number;
  /** replicas is spec.replicas. */
  readonly replicas: number;
  /**
   * availableReplicas counts available pods not being deleted (the ReplicaSet controller leaves
   * those out), so it is at most replicas once the set has synced.
   */
  readonly availableReplicas: number;
  /** statusReplicas is status.replicas, its pods not being deleted; default replicas. */
  readonly statusReplicas?: number;
  /** desiredReplicas and maxReplicas are the deployment.kubernetes.io/desired- and max-replicas annotations. */
  readonly desiredReplicas?: number;
  readonly maxReplicas?: number;
}

/**
 * ScaleDecision maps each set the controller updates in one sync to its new replicas (absent:
 * untouched); each set it updates is also stamped with replicasAnnotations.
 */
export type ScaleDecision = Readonly<Record<string, number>>;

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' " +
  "(e.g. '1%', or '93%', regex used for validation is '[0-9]+%')";

// pkg/controller/deployment/util/deployment_util.go
/**
 * resolveFenceposts is ResolveFenceposts: surge rounds up, unavailable down; when both come to 0,
 * unavailable is 1 (surge might be refused, e.g. by quota).
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  const unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/** isRollingUpdate: the strategy is RollingUpdate (the default). */
export const isRollingUpdate = (d: DeploymentState) => (d.strategy ?? 'RollingUpdate') === 'RollingUpdate';
/** isActive: a ReplicaSet that wants pods. */
export const isActive = (rs: ReplicaSetState | null): rs is ReplicaSetState => rs !== null && rs.replicas > 0;
/** sum adds a figure over ReplicaSets. */
export const sum = (rss: readonly ReplicaSetState[], of: (rs: ReplicaSetState) => number) =>
  rss.reduce((n, rs) => n + of(rs), 0);

/** maxSurge is MaxSurge: the pods a rolling deployment may run above its replicas (0 for Recreate). */
export function maxSurge(d: DeploymentState): number {
  return isRollingUpdate(d) ? resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).surge : 0;
}

/** maxUnavailable is MaxUnavailable: the pods a rolling deployment may miss, at most its replicas (0 for Recreate). */
export function maxUnavailable(d: DeploymentState): number {
  if (!isRollingUpdate(d) || d.replicas === 0) return 0;
  return Math.min(resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).unavailable, d.replicas);
}

/** minAvailable is MinAvailable: replicas − maxUnavailable (0 for Recreate). */
export function minAvailable(d: DeploymentState): number {
  return isRollingUpdate(d) ? d.replicas - maxUnavailable(d) : 0;
}

/**
 * newRSNewReplicas is NewRSNewReplicas: rolling, the new set grows within replicas + maxSurge pods
 * in all, never past replicas; Recreate, straight to replicas.
 */
export function newRSNewReplicas(
  d: DeploymentState,
  allRSs: readonly ReplicaSetState[],
  newRS: ReplicaSetState,
): number {
  if (d.replicas === 0) return 0;
  if (!isRollingUpdate(d)) return d.replicas;
  // The raw maxSurge, not ResolveFenceposts's: as upstream.
  const maxTotalPods = d.replicas + getScaledValueFromIntOrPercent(d.maxSurge ?? 0, d.replicas, true);
  const current = sum(allRSs, (rs) => rs.replicas);
  if (current >= maxTotalPods) return newRS.replicas;
  return newRS.replicas + Math.min(maxTotalPods - current, d.replicas - newRS.replicas);
}

export interface DeploymentStatus {
  readonly replicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
}

// pkg/controller/deployment/util/deployment_util.go
/**
 * deploymentComplete is DeploymentComplete: all replicas updated and available, and no old pods.
 * Simplified: generations are not compared.
 */
export function deploymentComplete(replicas: number, status: DeploymentStatus): boolean {
  return status.updatedReplicas === replicas && status.replicas === replicas && status.availableReplicas === replicas;
}

/** deploymentProgressing is DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  return (
    next.updatedReplicas > old.updatedReplicas ||
    next.replicas - next.updatedReplicas < old.replicas - old.updatedReplicas ||
    next.readyReplicas > old.readyReplicas ||
    next.availableReplicas > old.availableReplicas
  );
}

/** DeploymentReasons are the Progressing condition's reasons deploymentTimedOut reads. */
export const DeploymentReasons = {
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
} as const;

/**
 * deploymentTimedOut is DeploymentTimedOut: no progress for progressDeadlineSeconds since the
 * Progressing condition's last update (a deadline absent or 2³¹−1: never).
 */
export function deploymentTimedOut(
  progressDeadlineSeconds: number | undefined,
  progressing: { readonly reason: string; readonly lastUpdateMs: number } | undefined,
  nowMs: number,
): boolean {
  if (progressDeadlineSeconds === undefined || progressDeadlineSeconds === 2 ** 31 - 1) return false;
  if (progressing === undefined || progressing.reason === DeploymentReasons.NewRSAvailable) return false;
  if (progressing.reason === DeploymentReasons.TimedOut) return true;
  return progressing.lastUpdateMs + progressDeadlineSeconds * 1000 < nowMs;
}

// pkg/api/v1/pod/util.go
/** isPodAvailable is IsPodAvailable: Ready (readySinceMs set) for at least minReadySeconds. */
export function isPodAvailable(
  readySinceMs: number | null | undefined,
  minReadySeconds: number,
  nowMs: number,
): boolean {
  if (readySinceMs === null || readySinceMs === undefined) return false;
  return minReadySeconds === 0 || readySinceMs + minReadySeconds * 1000 <= nowMs;
}

/** RollingUpdateError is one refusal of validateRollingUpdate, at its field. */
export interface RollingUpdateError {
  readonly path: readonly ['maxSurge' | 'maxUnavailable'];
  readonly message: string;
}

// pkg/apis/apps/validation/validation.go
/**
 * validateRollingUpdate is ValidateRollingUpdateDeployment, every error: each value a count ≥ 0 or
 * a percentage, not both 0, and maxUnavailable at most 100% (upstream does not cap maxSurge).
 */
export function validateRollingUpdate(maxSurge: IntOrString, maxUnavailable: IntOrString): RollingUpdateError[] {
  const errors: RollingUpdateError[] = [];
  for (const [field, v] of [
    ['maxUnavailable', maxUnavailable],
    ['maxSurge', maxSurge],
  ] as const) {
    const bad =
      typeof v === 'string' ? !PERCENT.test(v) && PERCENT_MESSAGE : v < 0 && 'must be greater than or equal to 0';
    if (bad !== false) errors.push({ path: [field], message: bad });
  }
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0)
    errors.push({ path: ['maxUnavailable'], message: 'may not be 0 when `maxSurge` is 0' });
  if (typeof maxUnavailable === 'string' && PERCENT.test(maxUnavailable) && intOrPercentValue(maxUnavailable) > 100)
    errors.push({ path: ['maxUnavailable'], message: 'must not be greater than 100%' });
  return errors;
}

// getIntOrPercentValue: a valid percentage's number, else the value as an integer (a string that is
// not one, 0).
function intOrPercentValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  const digits = PERCENT.test(v) ? v.slice(0, -1) : v;
  return /^[+-]?\d+$/.test(digits) ? Number(digits) : 0;
}

/** POD_TEMPLATE_HASH is the label the deployment controller puts on each ReplicaSet's pods (apps/v1 DefaultDeploymentUniqueLabelKey). */
const POD_TEMPLATE_HASH = 'pod-template-hash';

/**
 * replicaSetPodTemplate is the pod template of a Deployment's ReplicaSet for `revision`: the
 * Deployment's, labelled with its pod-template-hash and owned by the ReplicaSet, so that what
 * counts a ReplicaSet's pods (the default topology spread, matchLabelKeys) tells revisions apart.
 * Simplified: the hash is the revision ("r0", "r1", ...), not a hash of the template.
 */
export function replicaSetPodTemplate<
  T extends {
    metadata?: {
      labels?: Record<string, string>;
      ownerReferences?: ReadonlyArray<{
        apiVersion: string;
        kind: string;
        name: string;
        uid: string;
        controller?: boolean;
      }>;
      namespace?: string;
    };
  },
>(template: T, deployment: string, revision: number): T {
  const hash = `r${revision}`;
  const name = `${deployment}-${hash}`;
  const namespace = template.metadata?.namespace ?? 'default';
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `${namespace}/${name}`, controller: true },
      ],
    },
  };
}
