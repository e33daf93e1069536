// The StatefulSet controller's decisions for one sync, as pure functions over plain data:
// kubernetes/kubernetes pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet,
// processReplica, processCondemned, runForAll, updateStatefulSetAfterInvariantEstablished) and
// stateful_set_utils.go (isRunningAndReady, isHealthy, newVersionedStatefulSetPod,
// getStatefulSetMaxUnavailable, completeRollingUpdate) at commit 0004b149a571, with
// MaxUnavailableStatefulSet on (beta and on by default since 1.35); the API's own rules from
// pkg/apis/apps/validation/validation.go (ValidateStatefulSetSpec, ValidateStatefulSetUpdate).
// One call is one sync: the caller applies the creates and deletes, lets time pass, and calls again.
// Simplified: ordinals start at 0 (spec.ordinals is not modelled).
// Simplified: minReadySeconds is 0, so a pod is available as soon as it is Running and Ready.
// Simplified: no PersistentVolumeClaims (creation, stale claims, retention) and no in-place identity repair.
// Simplified: API calls never fail, so a Parallel sync issues every create and delete (slowStartBatch stops at an error).
// Simplified: revisions are names the caller gives (no ControllerRevision history, hashing or rollback).

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';

/** RollingUpdateStatefulSetStrategy: partition defaults to 0 and maxUnavailable to 1 (SetDefaults_StatefulSet). */
interface RollingUpdateStatefulSetStrategy {
  readonly partition?: number;
  /** maxUnavailable is a count, or a percentage of replicas such as '25%' (rounded down, at least 1). */
  readonly maxUnavailable?: number | string;
}

/** StatefulSetUpdateStrategy: RollingUpdate replaces pods from the highest ordinal down; OnDelete waits for someone to delete them. */
export type StatefulSetUpdateStrategy =
  | { readonly type: 'RollingUpdate'; readonly rollingUpdate?: RollingUpdateStatefulSetStrategy }
  | { readonly type: 'OnDelete' };

/** StatefulSetSpec is the part of the spec the controller reads. */
interface StatefulSetSpec {
  readonly replicas: number;
  readonly podManagementPolicy: PodManagementPolicy;
  readonly updateStrategy: StatefulSetUpdateStrategy;
}

/** StatefulSet is the spec with the two revisions of its status. */
export interface StatefulSet extends StatefulSetSpec {
  /** currentRevision is status.currentRevision: pods below the partition are made from it. */
  readonly currentRevision: string;
  /** updateRevision is status.updateRevision: the revision of the current pod template. */
  readonly updateRevision: string;
}

/** StatefulPod is what the controller reads of one of the set's pods; a pod not in the list does not exist. */
export interface StatefulPod {
  readonly ordinal: number;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** ready is the pod's Ready condition. */
  readonly ready: boolean;
  /** terminating: the pod has a deletionTimestamp and is shutting down. */
  readonly terminating: boolean;
  /** revision is the pod's controller-revision-hash label. */
  readonly revision: string;
}

/** STATEFULSET_WAIT holds upstream's log lines for a sync that stops short. */
export const STATEFULSET_WAIT = {
  terminate: 'StatefulSet is waiting for Pod to Terminate',
  runningAndReady: 'StatefulSet is waiting for Pod to be Running and Ready',
  terminateBeforeScaleDown: 'StatefulSet is waiting for Pod to Terminate prior to scale down',
  runningAndReadyBeforeScaleDown: 'StatefulSet is waiting for Pod to be Running and Ready prior to scale down',
  update: 'StatefulSet is waiting for Pod to update',
} as const;

/** StatefulSetWait is where a sync stopped short: the pod it waits for, and why. */
export interface StatefulSetWait {
  readonly ordinal: number;
  readonly message: (typeof STATEFULSET_WAIT)[keyof typeof STATEFULSET_WAIT];
}

/** StatefulSetActions is what one sync does: pods to create (with their revision), ordinals to delete, and any wait. */
export interface StatefulSetActions {
  readonly create: ReadonlyArray<{ readonly ordinal: number; readonly revision: string }>;
  readonly delete: readonly number[];
  readonly wait?: StatefulSetWait;
}

type Slot = StatefulPod | undefined;
interface Step {
  readonly create?: boolean;
  readonly delete?: boolean;
  /** exit: in OrderedReady, nothing more happens in this sync. */
  readonly exit: boolean;
  readonly wait?: StatefulSetWait;
}

/** isRunningAndReady: phase Running and the Ready condition true (stateful_set_utils.go). */
export function isRunningAndReady(pod: StatefulPod): boolean {
  return pod.phase === 'Running' && pod.ready;
}

// isHealthy is Running, Ready and not terminating; with minReadySeconds 0 it is also !isUnavailable.
// A missing pod (upstream's not-yet-created placeholder) is unhealthy.
const isHealthy = (pod: Slot): boolean => pod !== undefined && isRunningAndReady(pod) && !pod.terminating;

/**
 * newVersionedStatefulSetPod gives the revision of a pod created at `ordinal`: the current revision
 * below a RollingUpdate partition, the update revision otherwise (always under OnDelete).
 */
export function newVersionedStatefulSetPod(set: StatefulSet, ordinal: number): string {
  const s = set.updateStrategy;
  return s.type === 'RollingUpdate' && ordinal < (s.rollingUpdate?.partition ?? 0)
    ? set.currentRevision
    : set.updateRevision;
}

/**
 * getStatefulSetMaxUnavailable turns maxUnavailable into a count: a number as is, a percentage of
 * `replicaCount` rounded down; 1 when absent, and never below 1.
 */
export function getStatefulSetMaxUnavailable(
  maxUnavailable: number | string | undefined,
  replicaCount: number,
): number {
  const value = maxUnavailable ?? 1;
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const m = /^(\d+)%$/.exec(value);
    if (!m) throw new Error(`maxUnavailable "${value}" is not a number or a percentage; expected e.g. 2 or '25%'`);
    n = Math.floor((Number(m[1]) * replicaCount) / 100);
  }
  return Math.max(n, 1);
}

// replicasAndCondemned splits the pods as updateStatefulSet does: replicas[i] is the pod with
// ordinal i < spec.replicas (or undefined), the condemned are the rest, highest ordinal first.
function replicasAndCondemned(set: StatefulSetSpec, pods: readonly StatefulPod[]) {
  if (!Number.isInteger(set.replicas) || set.replicas < 0) {
    throw new Error(`StatefulSet replicas ${set.replicas} is not a whole number ≥ 0`);
  }
  const replicas: Slot[] = Array.from({ length: set.replicas }, () => undefined);
  const condemned: StatefulPod[] = [];
  const seen = new Set<number>();
  for (const pod of pods) {
    if (!Number.isInteger(pod.ordinal) || pod.ordinal < 0) {
      throw new Error(`StatefulSet pod ordinal ${pod.ordinal} is not a whole number ≥ 0`);
    }
    if (seen.has(pod.ordinal)) throw new Error(`two StatefulSet pods have ordinal ${pod.ordinal}; expected one each`);
    seen.add(pod.ordinal);
    if (pod.ordinal < set.replicas) replicas[pod.ordinal] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => b.ordinal - a.ordinal);
  return { replicas, condemned };
}

// processReplica: recreate a Failed or Succeeded pod (delete now, create once it is gone), create
// a missing one, and in OrderedReady stop at the first pod that is terminating or not Running and Ready.
function processReplica(pod: Slot, ordinal: number, monotonic: boolean): Step {
  if (pod && (pod.phase === 'Failed' || pod.phase === 'Succeeded')) {
    // Upstream returns without a log line here; the set does wait for the pod to go.
    return pod.terminating
      ? { exit: true, wait: { ordinal, message: STATEFULSET_WAIT.terminate } }
      : { delete: true, exit: true };
  }
  if (!pod) return { create: true, exit: monotonic };
  if (pod.terminating && monotonic) return { exit: true, wait: { ordinal, message: STATEFULSET_WAIT.terminate } };
  if (!isRunningAndReady(pod) && monotonic) {
    return { exit: true, wait: { ordinal, message: STATEFULSET_WAIT.runningAndReady } };
  }
  return { exit: false };
}

// processCondemned: wait for a terminating pod, and in OrderedReady delete an unhealthy pod only
// when it is the first unhealthy one; a condemned pod that is Running and Ready is always deleted.
function processCondemned(pod: StatefulPod, firstUnhealthy: number, monotonic: boolean): Step {
  if (pod.terminating) {
    return monotonic
      ? { exit: true, wait: { ordinal: pod.ordinal, message: STATEFULSET_WAIT.terminateBeforeScaleDown } }
      : { exit: false };
  }
  if (!isRunningAndReady(pod) && monotonic && pod.ordinal !== firstUnhealthy) {
    return { exit: true, wait: { ordinal: firstUnhealthy, message: STATEFULSET_WAIT.runningAndReadyBeforeScaleDown } };
  }
  return { delete: true, exit: true };
}

// firstUnhealthyOrdinal: the lowest unhealthy replica (missing ones count), else the lowest unhealthy condemned pod.
function firstUnhealthyOrdinal(replicas: readonly Slot[], condemned: readonly StatefulPod[]): number {
  const i = replicas.findIndex((p) => !isHealthy(p));
  if (i >= 0) return i;
  const unhealthy = condemned.filter((p) => !isHealthy(p));
  return unhealthy.length > 0 ? unhealthy[unhealthy.length - 1]!.ordinal : -1;
}

// rollingUpdate is updateStatefulSetAfterInvariantEstablished over replicas indexed by ordinal.
function rollingUpdate(set: StatefulSet, replicas: readonly Slot[]): { delete: number[]; wait?: StatefulSetWait } {
  const ru = set.updateStrategy.type === 'RollingUpdate' ? set.updateStrategy.rollingUpdate : undefined;
  const updateMin = ru?.partition ?? 0;
  const maxUnavailable = getStatefulSetMaxUnavailable(ru?.maxUnavailable, set.replicas);
  // Every replica counts, below the partition too; a missing one is unavailable.
  const unavailable = replicas.filter((p) => !isHealthy(p)).length;
  const podsToDelete = Math.max(0, maxUnavailable - unavailable);
  const outdated = (p: Slot): p is StatefulPod =>
    p !== undefined && p.revision !== set.updateRevision && !p.terminating;
  const deleted: number[] = [];
  for (let target = replicas.length - 1; target >= updateMin && deleted.length < podsToDelete; target--) {
    if (outdated(replicas[target])) deleted.push(target);
  }
  const pending = replicas.some((p, target) => target >= updateMin && outdated(p));
  if (deleted.length > 0 || !pending) return { delete: deleted };
  let ordinal = replicas.length - 1;
  while (ordinal > 0 && isHealthy(replicas[ordinal])) ordinal--;
  return { delete: deleted, wait: { ordinal, message: STATEFULSET_WAIT.update } };
}

/**
 * updateStatefulSetAfterInvariantEstablished picks the pods a RollingUpdate deletes: from the highest
 * ordinal down to the partition, those not at the update revision and not terminating, no more than
 * maxUnavailable minus the replicas already unavailable. It returns nothing to delete under OnDelete.
 */
export function updateStatefulSetAfterInvariantEstablished(
  set: StatefulSet,
  pods: readonly StatefulPod[],
): { readonly delete: readonly number[]; readonly wait?: StatefulSetWait } {
  const { replicas } = replicasAndCondemned(set, pods);
  return set.updateStrategy.type === 'OnDelete' ? { delete: [] } : rollingUpdate(set, replicas);
}

/**
 * updateStatefulSet is one sync of the controller. OrderedReady (monotonic): create the lowest
 * missing ordinal and stop, stop at the first replica not Running and Ready, then delete the highest
 * condemned pod and stop; only when every replica is healthy and nothing is condemned does a rolling
 * update delete pods. Parallel: create every missing ordinal and delete every condemned pod at once,
 * then roll. Failed and Succeeded pods are deleted, to be recreated once gone.
 */
export function updateStatefulSet(set: StatefulSet, pods: readonly StatefulPod[]): StatefulSetActions {
  const { replicas, condemned } = replicasAndCondemned(set, pods);
  const monotonic = set.podManagementPolicy !== 'Parallel';
  const create: Array<{ ordinal: number; revision: string }> = [];
  const deleted: number[] = [];
  const done = (wait?: StatefulSetWait): StatefulSetActions =>
    wait ? { create, delete: deleted, wait } : { create, delete: deleted };
  for (const [ordinal, pod] of replicas.entries()) {
    const step = processReplica(pod, ordinal, monotonic);
    if (step.create) create.push({ ordinal, revision: newVersionedStatefulSetPod(set, ordinal) });
    if (step.delete) deleted.push(ordinal);
    if (monotonic && step.exit) return done(step.wait);
  }
  const firstUnhealthy = firstUnhealthyOrdinal(replicas, condemned);
  for (const pod of condemned) {
    const step = processCondemned(pod, firstUnhealthy, monotonic);
    if (step.delete) deleted.push(pod.ordinal);
    if (monotonic && step.exit) return done(step.wait);
  }
  // Scaling comes before updates; OnDelete never deletes for an update.
  if (set.updateStrategy.type === 'OnDelete') return done();
  const update = rollingUpdate(set, replicas);
  // In Parallel a Failed pod deleted above may be picked again; upstream deletes it twice, harmlessly.
  for (const ordinal of update.delete) if (!deleted.includes(ordinal)) deleted.push(ordinal);
  return done(update.wait);
}

/**
 * completeRollingUpdate gives status.currentRevision after a sync: under RollingUpdate, the update
 * revision once spec.replicas pods exist and all are Running, Ready and at the update revision.
 */
export function completeRollingUpdate(set: StatefulSet, pods: readonly StatefulPod[]): string {
  const updated = pods.filter((p) => !p.terminating && p.revision === set.updateRevision).length;
  const ready = pods.filter(isRunningAndReady).length;
  const complete = updated === set.replicas && ready === set.replicas && pods.length === set.replicas;
  return set.updateStrategy.type === 'RollingUpdate' && complete ? set.updateRevision : set.currentRevision;
}

/** FieldError is one thing wrong with a StatefulSet: the path in the object, and upstream's message. */
export interface FieldError {
  readonly path: readonly string[];
  readonly message: string;
}

/** WrittenSpec is a spec as written, before validation has narrowed its strings. */
interface WrittenSpec {
  readonly replicas: number;
  readonly podManagementPolicy: string;
  readonly updateStrategy: { readonly type: string; readonly rollingUpdate?: RollingUpdateStatefulSetStrategy };
}

const required = (path: string[]): FieldError => ({ path, message: 'Required value' });
const invalid = (path: string[], value: unknown, detail: string): FieldError => ({
  path,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});
// Go's int32 fields cannot hold a fraction: the API refuses it when it decodes the object.
function nonNegative(path: string[], value: number): FieldError[] {
  if (!Number.isInteger(value)) return [invalid(path, value, 'must be an integer')];
  return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

// validateMaxUnavailable: an int ≥ 0 or a valid percentage, neither 0 nor above 100%.
function validateMaxUnavailable(path: string[], value: number | string): FieldError[] {
  const errs: FieldError[] = [];
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (typeof value === 'number') errs.push(...nonNegative(path, value));
  else if (!percent)
    errs.push(invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%'"));
  // getIntOrPercentValue: a string that is not a percentage reads as an integer (Atoi), 0 when it is none.
  const n =
    typeof value === 'number' ? value : percent ? Number(percent[1]) : /^[+-]?\d+$/.test(value) ? Number(value) : 0;
  if (n === 0) errs.push(invalid(path, value, 'cannot be 0'));
  if (percent && n > 100) errs.push(invalid(path, value, 'must not be greater than 100%'));
  return errs;
}

function validateUpdateStrategy(strategy: WrittenSpec['updateStrategy']): FieldError[] {
  const path = ['spec', 'updateStrategy'];
  const ru = strategy.rollingUpdate;
  switch (strategy.type) {
    case '':
      return [required(path)];
    case 'OnDelete':
      return ru ? [invalid([...path, 'rollingUpdate'], ru, "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      if (!ru) return [];
      const errs = nonNegative([...path, 'rollingUpdate', 'partition'], ru.partition ?? 0);
      if (ru.maxUnavailable === undefined) return errs;
      return [...errs, ...validateMaxUnavailable([...path, 'rollingUpdate', 'maxUnavailable'], ru.maxUnavailable)];
    }
    default:
      return [invalid(path, strategy.type, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

/**
 * validateStatefulSetSpec collects what the API server refuses in a defaulted spec (empty strings
 * are missing fields). A partition above the replicas is valid: no pod is then updated.
 */
export function validateStatefulSetSpec(spec: WrittenSpec): FieldError[] {
  const errs: FieldError[] = [];
  const policy = ['spec', 'podManagementPolicy'];
  if (spec.podManagementPolicy === '') errs.push(required(policy));
  else if (spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') {
    errs.push(invalid(policy, spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...nonNegative(['spec', 'replicas'], spec.replicas));
  return errs;
}

/**
 * validateStatefulSetUpdate validates the new spec and refuses changes to fields other than
 * replicas, template, updateStrategy, ordinals, minReadySeconds and the PVC retention policy: here,
 * the podManagementPolicy.
 */
export function validateStatefulSetUpdate(update: WrittenSpec, old: WrittenSpec): FieldError[] {
  const errs = validateStatefulSetSpec(update);
  if (update.podManagementPolicy !== old.podManagementPolicy) {
    errs.push({
      path: ['spec'],
      message:
        "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', " +
        "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    });
  }
  return errs;
}
