// The deployment controller's decisions against upstream's own tables (kubernetes/kubernetes
// pkg/controller/deployment: util/deployment_util_test.go, rolling_test.go, recreate_test.go,
// sync_test.go; pkg/api/v1/pod/util_test.go; pkg/apis/apps/validation/validation_test.go), rows
// transcribed as upstream writes them, from master-branch versions that carry the
// DeploymentPodReplacementPolicy gate (IsPodAvailable already at "<= now"). Upstream's fixtures:
// newDeployment defaults maxSurge and maxUnavailable to 0, rs() has no status (0 available),
// noTimestamp is creation time 0. Rows with the gate on, or failing API calls, are left out.
import { describe, expect, it } from 'vitest';
import {
  DEPLOYMENT_DEFAULTS,
  DeploymentReasons,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  isPodAvailable,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  resolveFenceposts,
  validateRollingUpdate,
  type DeploymentState,
  type DeploymentStatus,
  type IntOrString,
  type ReplicaSetState,
  type ScaleDecision,
} from '../../src/models/deployment.js';
import {
  cleanupUnhealthyReplicas,
  getReplicaSetFraction,
  getReplicaSetProportion,
  isScalingEvent,
  oldPodsRunning,
  prepareProportionalScalePlan,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  replicasAnnotations,
  rolloutRecreate,
  rolloutRolling,
  scale,
  scaleDownOldReplicaSetsForRollingUpdate,
  type OldPod,
} from '../../src/models/deployment-rollout.js';

const rs = (name: string, replicas: number, over: Partial<ReplicaSetState> = {}): ReplicaSetState => ({
  name,
  created: 0,
  replicas,
  availableReplicas: 0,
  ...over,
});
const dep = (replicas: number, over: Partial<DeploymentState> = {}): DeploymentState => ({
  replicas,
  maxSurge: 0,
  maxUnavailable: 0,
  ...over,
});
// apply: the sets after a decision; pods being deleted stop counting as available at once.
const apply = (sets: readonly ReplicaSetState[], decision: ScaleDecision) =>
  sets.map((s) => {
    const replicas = decision[s.name] ?? s.replicas;
    return { ...s, replicas, availableReplicas: Math.min(s.availableReplicas, replicas) };
  });

describe('TestResolveFenceposts (util/deployment_util_test.go)', () => {
  it.each<[IntOrString | undefined, IntOrString | undefined, number, number, number]>([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ])('maxSurge %s, maxUnavailable %s of %i → %i:%i', (maxSurge, maxUnavailable, desired, surge, unavailable) => {
    expect(resolveFenceposts(maxSurge, maxUnavailable, desired)).toEqual({ surge, unavailable });
  });

  it.each([
    ['oops', '39%'],
    ['55%', 'urg'],
  ])('refuses %s / %s, naming the value', (maxSurge, maxUnavailable) => {
    expect(() => resolveFenceposts(maxSurge, maxUnavailable, 10)).toThrow(/is not a percentage; expected a count/);
  });
});

describe('TestMaxUnavailable / TestMinAvailable (util/deployment_util_test.go)', () => {
  // deployment(replicas, maxUnavailable) with maxSurge 1; upstream's Recreate row has no replicas.
  it.each<[string, DeploymentState, number, number]>([
    ['less than replicas', dep(10, { maxSurge: 1, maxUnavailable: 5 }), 5, 5],
    ['equal replicas', dep(10, { maxSurge: 1, maxUnavailable: 10 }), 10, 0],
    ['greater than replicas', dep(5, { maxSurge: 1, maxUnavailable: 10 }), 5, 0],
    ['replicas is 0', dep(0, { maxSurge: 1, maxUnavailable: 10 }), 0, 0],
    ['Recreate', dep(10, { strategy: 'Recreate' }), 0, 0],
    ['less than replicas with percents', dep(10, { maxSurge: 1, maxUnavailable: '50%' }), 5, 5],
    ['equal replicas with percents', dep(10, { maxSurge: 1, maxUnavailable: '100%' }), 10, 0],
    ['greater than replicas with percents', dep(5, { maxSurge: 1, maxUnavailable: '100%' }), 5, 0],
  ])('%s', (_name, d, unavailable, available) => {
    expect(maxUnavailable(d)).toBe(unavailable);
    expect(minAvailable(d)).toBe(available);
  });

  it('TestMinAvailable "replicas greater than maxUnavailable with percents": 10 − floor(60% × 10) = 4', () => {
    expect(minAvailable(dep(10, { maxSurge: 1, maxUnavailable: '60%' }))).toBe(4);
  });
});

describe('TestNewRSNewReplicas (util/deployment_util_test.go)', () => {
  // The new set is the first of the list.
  it.each<[string, DeploymentState, number[], number]>([
    ['empty deployment does not scale', dep(0), [5], 0],
    ['rolling update can not scale up: too many pods in the old set', dep(9, { maxSurge: 1 }), [5, 5], 5],
    ['rolling update can partially scale up: 7 + 2 ≤ 6 + 3', dep(6, { maxSurge: 3 }), [2, 5], 4],
    ['rolling update can scale up: enough room in maxSurge', dep(6, { maxSurge: 10 }), [2, 5], 6],
    ['recreate scales fully (old pods are gone by then)', dep(3, { strategy: 'Recreate' }), [1, 5], 3],
  ])('%s', (_name, d, sizes, expected) => {
    const sets = sizes.map((n, i) => rs(`rs-${i}`, n));
    expect(newRSNewReplicas(d, sets, sets[0]!)).toBe(expected);
  });
});

describe('TestDeploymentController_reconcileNewReplicaSet (rolling_test.go)', () => {
  // deploymentReplicas, maxSurge, oldReplicas, newReplicas → new replicas (null: no scaling); maxUnavailable 0.
  it.each<[number, number, number, number, number | null]>([
    [10, 0, 10, 0, null],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, null],
    [10, 2, 2, 11, 10], // scale down
  ])('%i replicas, surge %i, old %i, new %i → %s', (replicas, maxSurge, oldReplicas, newReplicas, expected) => {
    const newRS = rs('foo-v2', newReplicas);
    const d = dep(replicas, { maxSurge });
    expect(reconcileNewReplicaSet(d, [newRS, rs('foo-v1', oldReplicas)], newRS)).toEqual(
      expected === null ? {} : { 'foo-v2': expected },
    );
  });
});

describe('TestDeploymentController_reconcileOldReplicaSets (rolling_test.go)', () => {
  // replicas, maxUnavailable, old, new, old available, new available → old replicas (null: no scaling);
  // maxSurge 0. Upstream asserts only whether it scaled; the sizes are its expectedOldReplicas.
  it.each<[string, number, number, number, number, number, number, number | null]>([
    ['maxUnavailable 0 resolves to 1', 10, 0, 10, 0, 10, 0, 9],
    ['two may go', 10, 2, 10, 0, 10, 0, 8],
    ['unhealthy old replicas are cleaned up', 10, 2, 10, 0, 8, 0, 8],
    ['one unhealthy cleaned up, one ready scaled down', 10, 2, 10, 0, 9, 0, 8],
    ['the new set\u2019s unavailable pods keep the old ones', 10, 2, 8, 2, 8, 0, null],
  ])('%s', (_name, replicas, unavailable, oldReplicas, newReplicas, oldAvailable, newAvailable, expected) => {
    const newRS = rs('foo-new', newReplicas, { availableReplicas: newAvailable });
    const oldRS = rs('foo-old', oldReplicas, { availableReplicas: oldAvailable });
    const d = dep(replicas, { maxUnavailable: unavailable });
    expect(reconcileOldReplicaSets(d, [oldRS, newRS], [oldRS], newRS)).toEqual(
      expected === null ? {} : { 'foo-old': expected },
    );
  });
});

describe('reconcileOldReplicaSets: the worked example in rolling.go\u2019s comment', () => {
  // 10 replicas, maxUnavailable 2, maxSurge 3; the new pods crash-loop and a node failure makes one
  // old pod unavailable.
  const d = dep(10, { maxSurge: 3, maxUnavailable: 2 });
  const good = rs('good', 8, { availableReplicas: 7 });
  const crashing = rs('crashing', 5, { created: 1 });

  it('13 − 8 − 5 = 0: the old set is not scaled down', () => {
    expect(reconcileOldReplicaSets(d, [good, crashing], [good], crashing)).toEqual({});
  });

  it('case 1, rolled back: 13 − 8 − 1 = 4 crash-looping pods go', () => {
    expect(reconcileOldReplicaSets(d, [crashing, good], [crashing], good)).toEqual({ crashing: 1 });
  });

  it('case 2, rolled over to a third template: 13 − 8 − 0 = 5 unhealthy pods go, oldest set first', () => {
    const third = rs('third', 0, { created: 2 });
    expect(reconcileOldReplicaSets(d, [good, crashing, third], [good, crashing], third)).toEqual({
      good: 7,
      crashing: 1,
    });
  });
});

describe('TestDeploymentController_cleanupUnhealthyReplicas (rolling_test.go)', () => {
  // oldReplicas, readyPods, maxCleanupCount → cleanupCount.
  it.each([
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ])('%i replicas, %i ready, at most %i → %i', (replicas, ready, max, expected) => {
    const result = cleanupUnhealthyReplicas([rs('foo-v2', replicas, { availableReplicas: ready })], max);
    expect(result.cleanupCount).toBe(expected);
    expect(result.oldRSs[0]!.replicas).toBe(replicas - expected);
  });

  it('stops with upstream\u2019s error when a set reports more available pods than it wants', () => {
    const result = cleanupUnhealthyReplicas([rs('a', 3, { availableReplicas: 5 })], 4);
    expect(result.error).toBe('when cleaning up unhealthy replicas, got invalid request to scale down a 3 -> 5');
  });
});

describe('TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (rolling_test.go)', () => {
  // replicas, maxUnavailable, readyPods, oldReplicas → old replicas (null: no scaling); maxSurge 0.
  it.each<[number, number, number, number, number | null]>([
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, null],
    [10, 2, 10, 0, null],
    [10, 2, 1, 10, null],
  ])('%i replicas, maxUnavailable %i, %i ready of %i → %s', (replicas, unavailable, ready, oldReplicas, expected) => {
    const oldRS = rs('foo-v2', oldReplicas, { availableReplicas: ready });
    const result = scaleDownOldReplicaSetsForRollingUpdate(
      dep(replicas, { maxUnavailable: unavailable }),
      [oldRS],
      [oldRS],
    );
    expect(result.scaledDown).toBe(expected === null ? 0 : oldReplicas - expected);
    expect(result.oldRSs[0]!.replicas).toBe(expected ?? oldReplicas);
  });
});

describe('TestScaleDownOldReplicaSets / TestOldPodsRunning (recreate_test.go)', () => {
  it('scales every old set to 0 first', () => {
    const d = dep(3, { strategy: 'Recreate' });
    expect(rolloutRecreate(d, rs('foo-new', 0), [rs('foo-0', 3)], [])).toEqual({ 'foo-0': 0 });
  });

  const pods = (...phases: OldPod['phase'][]) => phases.map((phase) => ({ replicaSet: 'uid-1', phase }));
  // Upstream's "supposedly a pod" has no phase, which counts as running: written Running here.
  it.each<[string, ReplicaSetState[], OldPod[], boolean]>([
    ['no old RSs', [], [], false],
    [
      'old RSs with running pods',
      [rs('foo-some-uid', 0, { statusReplicas: 0 }), rs('foo-other-uid', 0, { statusReplicas: 0 })],
      ['foo-some-uid', 'foo-some-uid', 'foo-other-uid', 'foo-other-uid'].map((replicaSet) => ({
        replicaSet,
        phase: 'Running' as const,
      })),
      true,
    ],
    ['old RSs without pods but with non-zero status replicas', [rs('rs-1', 0, { statusReplicas: 1 })], [], true],
    ['old RSs without pods or non-zero status replicas', [rs('rs-1', 0, { statusReplicas: 0 })], [], false],
    ['zero status replicas, pods in terminal state', [rs('rs-1', 0)], pods('Failed', 'Succeeded'), false],
    ['zero status replicas, pod in unknown phase', [rs('rs-1', 0)], pods('Unknown'), true],
    ['zero status replicas, pending pod', [rs('rs-1', 0)], pods('Pending'), true],
    ['zero status replicas, running pod', [rs('rs-1', 0)], pods('Running'), true],
    [
      'zero status replicas, pods in terminal state and pending',
      [rs('rs-1', 0)],
      [...pods('Failed', 'Succeeded'), { replicaSet: 'uid-3', phase: 'Pending' }],
      true,
    ],
  ])('%s', (_name, oldRSs, podList, expected) => {
    expect(oldPodsRunning(null, oldRSs, podList)).toBe(expected);
  });

  it('ignores the new set\u2019s own pods', () => {
    expect(oldPodsRunning(rs('new', 1), [rs('old', 0)], [{ replicaSet: 'new', phase: 'Running' }])).toBe(false);
  });
});

describe('TestScale (sync_test.go): proportional scaling', () => {
  // Sets are [name, replicas, created]: new 2, old 1, older 0 (upstream's 2016-05-20 02:00, 01:00,
  // 00:00). Annotations as the test sets them: desired = the old deployment's replicas (or the
  // row's override), max = that + MaxSurge(old deployment).
  type Set = readonly [string, number, number];
  type Row = [
    string,
    DeploymentState,
    DeploymentState,
    Set | null,
    Set[],
    Record<string, number>,
    Record<string, number>?,
  ];
  it.each<Row>([
    ['normal scaling event: 10 -> 12', dep(12), dep(10), ['foo-v1', 10, 2], [], { 'foo-v1': 12 }],
    ['normal scaling event: 10 -> 5', dep(5), dep(10), ['foo-v1', 10, 2], [], { 'foo-v1': 5 }],
    [
      'proportional scaling: 5 -> 10',
      dep(10),
      dep(5),
      ['foo-v2', 2, 2],
      [['foo-v1', 3, 1]],
      { 'foo-v2': 4, 'foo-v1': 6 },
    ],
    [
      'proportional scaling: 5 -> 3',
      dep(3),
      dep(5),
      ['foo-v2', 2, 2],
      [['foo-v1', 3, 1]],
      { 'foo-v2': 1, 'foo-v1': 2 },
    ],
    [
      'proportional scaling: 9 -> 4',
      dep(4),
      dep(9),
      ['foo-v2', 8, 2],
      [['foo-v1', 1, 1]],
      { 'foo-v2': 4, 'foo-v1': 0 },
    ],
    [
      'proportional scaling: 7 -> 10',
      dep(10),
      dep(7),
      ['foo-v3', 2, 2],
      [
        ['foo-v2', 3, 1],
        ['foo-v1', 2, 0],
      ],
      { 'foo-v3': 3, 'foo-v2': 4, 'foo-v1': 3 },
    ],
    [
      'proportional scaling: 13 -> 8',
      dep(8),
      dep(13),
      ['foo-v3', 2, 2],
      [
        ['foo-v2', 8, 1],
        ['foo-v1', 3, 0],
      ],
      { 'foo-v3': 1, 'foo-v2': 5, 'foo-v1': 2 },
    ],
    [
      'leftover distribution: 3 -> 4 (to the newest)',
      dep(4),
      dep(3),
      ['foo-v3', 1, 2],
      [
        ['foo-v2', 1, 1],
        ['foo-v1', 1, 0],
      ],
      { 'foo-v3': 2, 'foo-v2': 1, 'foo-v1': 1 },
    ],
    [
      'leftover distribution: 3 -> 2 (from the oldest)',
      dep(2),
      dep(3),
      ['foo-v3', 1, 2],
      [
        ['foo-v2', 1, 1],
        ['foo-v1', 1, 0],
      ],
      { 'foo-v3': 1, 'foo-v2': 1, 'foo-v1': 0 },
    ],
    [
      'proportional scaling (no new rs): 4 -> 5',
      dep(5),
      dep(4),
      null,
      [
        ['foo-v2', 2, 1],
        ['foo-v1', 2, 0],
      ],
      { 'foo-v2': 3, 'foo-v1': 2 },
    ],
    [
      'proportional scaling: 6 -> 0',
      dep(0),
      dep(6),
      ['foo-v3', 3, 2],
      [
        ['foo-v2', 2, 1],
        ['foo-v1', 1, 0],
      ],
      { 'foo-v3': 0, 'foo-v2': 0, 'foo-v1': 0 },
    ],
    [
      'proportional scaling: 0 -> 6',
      dep(6),
      dep(6),
      ['foo-v3', 0, 2],
      [
        ['foo-v2', 0, 1],
        ['foo-v1', 0, 0],
      ],
      { 'foo-v3': 6, 'foo-v2': 0, 'foo-v1': 0 },
    ],
    [
      'failed rs update (foo-v2 still annotated with 3 desired)',
      dep(5),
      dep(5),
      ['foo-v3', 2, 2],
      [
        ['foo-v2', 1, 1],
        ['foo-v1', 1, 0],
      ],
      { 'foo-v3': 2, 'foo-v2': 2, 'foo-v1': 1 },
      { 'foo-v2': 3 },
    ],
    [
      'deployment with surge pods',
      dep(20, { maxSurge: 2 }),
      dep(10, { maxSurge: 2 }),
      ['foo-v2', 6, 2],
      [['foo-v1', 6, 1]],
      { 'foo-v2': 11, 'foo-v1': 11 },
    ],
    [
      'change both surge and size',
      dep(50, { maxSurge: 6 }),
      dep(10, { maxSurge: 3 }),
      ['foo-v2', 5, 2],
      [['foo-v1', 8, 1]],
      { 'foo-v2': 22, 'foo-v1': 34 },
    ],
    [
      'change both size and template',
      dep(14),
      dep(10),
      null,
      [
        ['foo-v2', 7, 2],
        ['foo-v1', 3, 1],
      ],
      { 'foo-v2': 10, 'foo-v1': 4 },
    ],
    [
      'saturated but broken new replica set does not affect old pods',
      dep(2, { maxSurge: 1, maxUnavailable: 1 }),
      dep(2, { maxSurge: 1, maxUnavailable: 1 }),
      ['foo-v2', 2, 2],
      [['foo-v1', 1, 1]],
      { 'foo-v2': 2, 'foo-v1': 1 },
    ],
  ])('%s', (_name, d, old, newSet, oldSets, expected, desiredOverride = {}) => {
    const build = ([name, replicas, created]: Set): ReplicaSetState => {
      const desired = desiredOverride[name] ?? old.replicas;
      const annotations = replicasAnnotations({ ...old, replicas: desired });
      return rs(name, replicas, { created, ...annotations });
    };
    const newRS = newSet === null ? null : build(newSet);
    const oldRSs = oldSets.map(build);
    const after = apply([...(newRS ? [newRS] : []), ...oldRSs], scale(d, newRS, oldRSs));
    expect(Object.fromEntries(after.map((s) => [s.name, s.replicas]))).toEqual(expected);
  });

  it('a saturated new set empties the old ones', () => {
    const newRS = rs('new', 3, { availableReplicas: 3, desiredReplicas: 3 });
    expect(scale(dep(3, { maxSurge: 1 }), newRS, [rs('old', 1)])).toEqual({ old: 0 });
  });
});

describe('TestGetReplicaSetFraction (util/deployment_util_test.go, the gate off)', () => {
  // replicas, status.replicas, maxSurge, rs replicas, max-replicas annotation → fraction; maxUnavailable 1.
  it.each<[string, number, number, number, number, number | undefined, number]>([
    ['empty deployment always scales to 0', 0, 0, 0, 10, undefined, -10],
    ['unsynced deployment does not scale when max-replicas annotation is missing', 10, 0, 0, 5, undefined, 0],
    ['scale up by 1/5 when max-replicas annotation is missing', 120, 100, 0, 50, undefined, 10],
    ['scale up by 1/5', 120, 0, 0, 50, 100, 10],
    ['scale up with maxSurge by 1/5: round(50 × 130 / 110) − 50', 120, 0, 10, 50, 110, 9],
    ['scale down by 1/6', 10, 0, 0, 6, 12, -1],
    ['scale down with maxSurge by 1/6: round(50 × 110 / 130) − 50', 100, 0, 10, 50, 130, -8],
    ['scale up by 1/5 even with replicaset-replicas-before-scale present', 120, 0, 0, 55, 100, 11],
  ])('%s', (_name, replicas, statusReplicas, maxSurge, rsReplicas, maxReplicas, expected) => {
    const d = dep(replicas, { statusReplicas, maxSurge, maxUnavailable: 1 });
    expect(getReplicaSetFraction(d, rs('rs', rsReplicas, { maxReplicas }))).toBe(expected);
  });
});

describe('TestGetReplicaSetProportion (util/deployment_util_test.go)', () => {
  // replicas, rs replicas, max-replicas annotation, toAdd, added → proportion.
  it.each([
    ['empty RS always scales to 0', 10, 0, 5, 0, 0, 0],
    ['replicasToAdd=0 always scales to 0', 10, 5, 5, 0, 0, 0],
    ['replicasToAdd=replicasAdded always scales to 0', 10, 5, 5, 5, 5, 0],
    ['scale up by 1/5: fully, enough left to add', 120, 50, 100, 20, 5, 10],
    ['scale up by 1/5: partially, 7 left to add', 120, 50, 100, 20, 13, 7],
    ['scale down by 1/6: fully', 100, 60, 120, -20, -10, -10],
    ['scale down by 1/6: partially, 1 left to remove', 100, 60, 120, -20, -19, -1],
  ])('%s', (_name, replicas, rsReplicas, maxReplicas, toAdd, added, expected) => {
    expect(getReplicaSetProportion(dep(replicas), rs('rs', rsReplicas, { maxReplicas }), toAdd, added)).toBe(expected);
  });
});

describe('TestPrepareProportionalScalePlan (util/deployment_util_test.go, the gate off)', () => {
  // replicas → new replicas, maxSurge, sizes of rs-3, rs-2, rs-1 (rs-N created N minutes in) → plan.
  // max-replicas annotations = old replicas + maxSurge; sorted as the test sorts them.
  it.each<[string, number, number, number, number[], number[]]>([
    ['scale up proportionally', 100, 120, 0, [50, 30, 20], [60, 36, 24]],
    ['scale down proportionally', 120, 100, 0, [60, 36, 24], [50, 30, 20]],
    ['the largest rs-2 takes the leftover when scaling up', 100, 111, 0, [30, 40, 30], [33, 45, 33]],
    ['the newest and largest rs-3 takes the leftover when scaling up', 100, 111, 0, [40, 40, 20], [45, 44, 22]],
    ['the oldest of the largest gives the leftover when scaling down', 111, 100, 0, [44, 44, 23], [40, 39, 21]],
    ['scale up proportionally with maxSurge', 100, 120, 10, [60, 30, 20], [71, 35, 24]],
    ['scale up proportionally with maxSurge: second iteration', 120, 130, 10, [71, 35, 24], [76, 38, 26]],
    ['scale down proportionally with maxSurge', 120, 100, 10, [71, 35, 24], [60, 30, 20]],
  ])('%s', (_name, before, after, maxSurge, sizes, expected) => {
    const d = dep(after, { maxSurge, maxUnavailable: 1 });
    const sets = sizes.map((n, i) => rs(`rs-${3 - i}`, n, { created: 3 - i, maxReplicas: before + maxSurge }));
    const toAdd = after + maxSurge - sizes.reduce((a, b) => a + b, 0);
    const byName = (a: ReplicaSetState, b: ReplicaSetState) => (a.name < b.name ? -1 : 1);
    // ReplicaSetsBySizeNewer / BySizeOlder: larger first, then newer (scale up) or older (scale down).
    const sorted = [...sets].sort((a, b) => b.replicas - a.replicas || (toAdd >= 0 ? byName(b, a) : byName(a, b)));
    expect(prepareProportionalScalePlan(d, sorted, toAdd)).toEqual(
      Object.fromEntries(expected.map((n, i) => [`rs-${3 - i}`, n])),
    );
  });
});

describe('TestAnnotationUtils / TestComputeAndSetReplicaSetScaleAnnotations (util/deployment_util_test.go)', () => {
  it.each([
    [10, 1, 2, 10, 11],
    [13, 11, 2, 13, 24],
  ])(
    '%i replicas, maxSurge %i → desired %i, max %i',
    (replicas, maxSurge, unavailable, desiredReplicas, maxReplicas) => {
      expect(replicasAnnotations(dep(replicas, { maxSurge, maxUnavailable: unavailable }))).toEqual({
        desiredReplicas,
        maxReplicas,
      });
    },
  );

  it('isScalingEvent: an active set annotated with other desired replicas', () => {
    expect(isScalingEvent(dep(5), [rs('a', 3, { desiredReplicas: 3 }), rs('b', 0, { desiredReplicas: 9 })])).toBe(true);
    expect(isScalingEvent(dep(5), [rs('a', 3, { desiredReplicas: 5 }), rs('b', 0, { desiredReplicas: 9 })])).toBe(
      false,
    );
    expect(isScalingEvent(dep(5), [rs('a', 3)])).toBe(false);
  });
});

describe('TestDeploymentComplete, TestDeploymentProgressing, TestDeploymentTimedOut (deployment_util_test.go)', () => {
  const status = (replicas: number, updated: number, ready: number, available: number): DeploymentStatus => ({
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
  });

  // desired, current, updated, available (maxUnavailable and maxSurge play no part).
  it.each([
    ['not complete: min but not all pods become available', 5, 5, 5, 4, false],
    ['not complete: min availability is not honored', 5, 5, 5, 3, false],
    ['complete', 5, 5, 5, 5, true],
    ['not complete: all pods are available but not updated', 5, 5, 4, 5, false],
    ['not complete: still running old pods', 1, 2, 1, 1, false],
    ['not complete: one replica deployment never comes up', 1, 1, 1, 0, false],
  ])('%s', (_name, desired, current, updated, available, expected) => {
    expect(deploymentComplete(desired, status(current, updated, 0, available))).toBe(expected);
  });

  // old and new status: current, updated, ready, available.
  it.each<[string, DeploymentStatus, DeploymentStatus, boolean]>([
    ['progressing: updated pods', status(10, 4, 4, 4), status(10, 6, 4, 4), true],
    ['not progressing', status(10, 4, 4, 4), status(10, 4, 4, 4), false],
    ['progressing: old pods removed', status(10, 4, 6, 6), status(8, 4, 6, 6), true],
    ['not progressing: less new pods', status(10, 7, 3, 3), status(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', status(10, 4, 7, 7), status(8, 8, 5, 5), true],
    ['progressing: more ready pods', status(10, 10, 9, 8), status(10, 10, 10, 8), true],
    ['progressing: more available pods', status(10, 10, 10, 9), status(10, 10, 10, 10), true],
  ])('%s', (_name, old, next, expected) => {
    expect(deploymentProgressing(old, next)).toBe(expected);
  });

  // timeFn(min, sec) is 2016-01-01 00:min:sec; here ms from 00:00:00.
  const at = (min: number, sec: number) => (min * 60 + sec) * 1000;
  it.each<[string, number | undefined, string, number, number, boolean]>([
    ['nil progressDeadlineSeconds specified - no timeout', undefined, '', at(1, 9), at(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', 2 ** 31 - 1, '', at(1, 9), at(1, 20), false],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', 10, '', at(1, 9), at(1, 20), true],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', 10, '', at(1, 11), at(1, 20), false],
    ['previous status was a complete deployment', undefined, 'NewReplicaSetAvailable', 0, 0, false],
  ])('%s', (_name, deadline, reason, lastUpdateMs, now, expected) => {
    expect(deploymentTimedOut(deadline, { reason, lastUpdateMs }, now)).toBe(expected);
  });

  it('a deadline once exceeded stays exceeded; without a Progressing condition, none', () => {
    expect(deploymentTimedOut(600, { reason: 'ProgressDeadlineExceeded', lastUpdateMs: 0 }, 1)).toBe(true);
    expect(deploymentTimedOut(600, undefined, 1e9)).toBe(false);
  });
});

describe('TestIsPodAvailable (pkg/api/v1/pod/util_test.go)', () => {
  // newPod(now, ready, beforeSec): Ready since beforeSec seconds. Upstream's row with a zero
  // LastTransitionTime has no equivalent here.
  const NOW = 1_000_000;
  it.each<[boolean, number, number, boolean]>([
    [false, 0, 0, false],
    [true, 0, 1, false],
    [true, 0, 0, true],
    [true, 51, 50, true],
    [true, 51, 51, true],
    [true, 51, 52, false],
  ])('ready %s for %is, minReadySeconds %i → %s', (ready, beforeSec, minReadySeconds, expected) => {
    expect(isPodAvailable(ready ? NOW - beforeSec * 1000 : null, minReadySeconds, NOW)).toBe(expected);
  });
});

describe('validateRollingUpdate (ValidateRollingUpdateDeployment; validation_test.go TestValidateDeployment)', () => {
  it.each<[string, IntOrString, IntOrString, string[]]>([
    [
      'MaxSurge should be in the form of 20%',
      '20Percent',
      0,
      ['maxSurge: a valid percent string must be', 'maxUnavailable: may not be 0'],
    ],
    ['MaxSurge and MaxUnavailable cannot both be zero', '0%', 0, ['maxUnavailable: may not be 0 when `maxSurge` is 0']],
    ['MaxUnavailable should not be more than 100%', '25%', '110%', ['maxUnavailable: must not be greater than 100%']],
    ['the issue: maxSurge 0 / maxUnavailable 0', 0, 0, ['maxUnavailable: may not be 0 when `maxSurge` is 0']],
    ['a negative count', -1, '25%', ['maxSurge: must be greater than or equal to 0']],
    ['the defaults', '25%', '25%', []],
    ['maxSurge over 100% is allowed (upstream caps maxUnavailable only)', '200%', 0, []],
  ])('%s', (_name, maxSurge, unavailable, expected) => {
    const errors = validateRollingUpdate(maxSurge, unavailable).map((e) => `${e.path.join('.')}: ${e.message}`);
    expect(errors).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(errors[i]).toContain(prefix));
  });
});

describe('a rolling update of 10 replicas, maxSurge 25%, maxUnavailable 25% (issue 19)', () => {
  // surge ceil(2.5) = 3, unavailable floor(2.5) = 2: at most 13 pods, at least 8 available. New pods
  // become available one step after they are created; removed old pods stop counting at once.
  const d = dep(10, { maxSurge: '25%', maxUnavailable: '25%' });
  const start = () => [rs('old', 10, { availableReplicas: 10 }), rs('new', 0, { created: 1 })] as const;
  type Step = [old: number, next: number, available: number, peakPods: number];
  const row = (old: ReplicaSetState, next: ReplicaSetState, peak: number): Step => [
    old.replicas,
    next.replicas,
    old.availableReplicas + next.availableReplicas,
    peak,
  ];

  it('each step: newRSNewReplicas, then reconcileOldReplicaSets', () => {
    let [old, next] = start();
    const steps: Step[] = [row(old, next, 10)];
    while (old.replicas > 0 || next.availableReplicas < d.replicas) {
      next = { ...next, availableReplicas: next.replicas };
      next = { ...next, replicas: newRSNewReplicas(d, [old, next], next) };
      const peak = old.replicas + next.replicas;
      old = apply([old], reconcileOldReplicaSets(d, [old, next], [old], next))[0]!;
      steps.push(row(old, next, peak));
    }
    expect(steps).toEqual([
      [10, 0, 10, 10],
      [8, 3, 8, 13],
      [5, 5, 8, 13],
      [3, 8, 8, 13],
      [0, 10, 8, 13],
      [0, 10, 10, 10],
    ]);
    expect(Math.min(...steps.map((s) => s[2]))).toBe(8);
    expect(Math.max(...steps.map((s) => s[3]))).toBe(13);
  });

  it('each step: rolloutRolling synced until it has nothing to do (the controller reacts to every RS update)', () => {
    let sets: ReplicaSetState[] = [...start()];
    const steps: Step[] = [row(sets[0]!, sets[1]!, 10)];
    for (let step = 0; step < 10 && (sets[0]!.replicas > 0 || sets[1]!.availableReplicas < 10); step++) {
      sets = [sets[0]!, { ...sets[1]!, availableReplicas: sets[1]!.replicas }];
      let peak = 0;
      for (let decision = rolloutRolling(d, sets[1]!, [sets[0]!]); Object.keys(decision).length > 0;) {
        sets = apply(sets, decision);
        peak = Math.max(peak, sets[0]!.replicas + sets[1]!.replicas);
        decision = rolloutRolling(d, sets[1]!, [sets[0]!]);
      }
      steps.push(row(sets[0]!, sets[1]!, peak || sets[0]!.replicas + sets[1]!.replicas));
    }
    // After the old set shrinks, the next sync grows the new one again at once.
    expect(steps).toEqual([
      [10, 0, 10, 10],
      [8, 5, 8, 13],
      [3, 10, 8, 13],
      [0, 10, 10, 10],
    ]);
  });
});

describe('Recreate', () => {
  it('has a step with no pod available: old sets to 0, then wait for their pods, then the new set', () => {
    const d = dep(3, { strategy: 'Recreate' });
    const running = (n: number): OldPod[] => Array.from({ length: n }, () => ({ replicaSet: 'old', phase: 'Running' }));
    // [old, new, old pods still present (terminating ones included), decision]
    const syncs: [ReplicaSetState, ReplicaSetState, OldPod[], ScaleDecision][] = [
      [rs('old', 3, { availableReplicas: 3 }), rs('new', 0), running(3), { old: 0 }],
      [rs('old', 0, { statusReplicas: 0 }), rs('new', 0), running(3), {}], // terminating: wait
      [rs('old', 0, { statusReplicas: 0 }), rs('new', 0), [], { new: 3 }],
      [rs('old', 0), rs('new', 3, { availableReplicas: 3 }), [], {}],
    ];
    const available = syncs.map(([old, next, pods, decision]) => {
      expect(rolloutRecreate(d, next, [old], pods)).toEqual(decision);
      return old.availableReplicas + next.availableReplicas;
    });
    expect(available).toEqual([3, 0, 0, 3]);
  });
});

describe('the API defaults and condition reasons (pkg/apis/apps/v1/defaults.go, util/deployment_util.go)', () => {
  it('defaults a RollingUpdate to 25% surge, 25% unavailable and a 600 s progress deadline', () => {
    expect(DEPLOYMENT_DEFAULTS).toEqual({ maxSurge: '25%', maxUnavailable: '25%', progressDeadlineSeconds: 600 });
    // 25% of 10: surge rounds up to 3, unavailable down to 2.
    expect(resolveFenceposts(DEPLOYMENT_DEFAULTS.maxSurge, DEPLOYMENT_DEFAULTS.maxUnavailable, 10)).toEqual({
      surge: 3,
      unavailable: 2,
    });
  });

  it('names a timed-out rollout ProgressDeadlineExceeded and a finished one NewReplicaSetAvailable', () => {
    expect(DeploymentReasons).toEqual({
      NewRSAvailable: 'NewReplicaSetAvailable',
      TimedOut: 'ProgressDeadlineExceeded',
    });
  });
});
