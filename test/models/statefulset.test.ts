// Upstream's own tests, transcribed: kubernetes/kubernetes (commit 0004b149a571)
// pkg/controller/statefulset/stateful_set_control_test.go, whose scenario functions (CreatesPods,
// ScalesUp, ...) become rows of one sync each, and whose rolling-update tests become runs to a
// settled state; stateful_set_utils_test.go (TestGetStatefulSetMaxUnavailable, TestIsRunningAndReady);
// pkg/apis/apps/validation/validation_test.go (TestValidateStatefulSet, TestValidateStatefulSetUpdate).
// Upstream's fake object manager removes a deleted pod at once; the driven runs below keep it
// terminating for one step, as a kubelet would.
import { describe, expect, it } from 'vitest';
import {
  completeRollingUpdate,
  getStatefulSetMaxUnavailable,
  isRunningAndReady,
  newVersionedStatefulSetPod,
  STATEFULSET_WAIT as W,
  updateStatefulSet,
  updateStatefulSetAfterInvariantEstablished,
  validateStatefulSetSpec,
  validateStatefulSetUpdate,
  type FieldError,
  type PodManagementPolicy,
  type StatefulPod,
  type StatefulSet,
  type StatefulSetUpdateStrategy,
  type StatefulSetWait,
} from '../../src/models/statefulset.js';

const OLD = 'old';
const NEW = 'new';
const sts = (replicas: number, over: Partial<StatefulSet> = {}): StatefulSet => ({
  replicas,
  podManagementPolicy: 'OrderedReady',
  updateStrategy: { type: 'RollingUpdate' },
  currentRevision: OLD,
  updateRevision: OLD,
  ...over,
});
const burst = (set: StatefulSet): StatefulSet => ({ ...set, podManagementPolicy: 'Parallel' });
const partitioned = (partition: number, maxUnavailable?: number | string): StatefulSetUpdateStrategy => ({
  type: 'RollingUpdate',
  rollingUpdate: { partition, ...(maxUnavailable === undefined ? {} : { maxUnavailable }) },
});
const pod = (ordinal: number, over: Partial<StatefulPod> = {}): StatefulPod => ({
  ordinal,
  phase: 'Running',
  ready: true,
  terminating: false,
  revision: OLD,
  ...over,
});
const pending = (ordinal: number, over: Partial<StatefulPod> = {}) =>
  pod(ordinal, { phase: 'Pending', ready: false, ...over });
const ready = (...ordinals: number[]) => ordinals.map((o) => pod(o));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

interface Sync {
  create: number[];
  delete: number[];
  wait?: StatefulSetWait;
}
/** sync runs one sync and keeps the ordinals it creates. */
function sync(set: StatefulSet, pods: readonly StatefulPod[]): Sync {
  const a = updateStatefulSet(set, pods);
  return { create: a.create.map((c) => c.ordinal), delete: [...a.delete], ...(a.wait ? { wait: a.wait } : {}) };
}
const waits = (ordinal: number, message: StatefulSetWait['message']): Sync => ({
  create: [],
  delete: [],
  wait: { ordinal, message },
});

describe('TestStatefulSetControl (stateful_set_control_test.go): one sync', () => {
  const failed = (o: number) => pod(o, { phase: 'Failed', ready: false });
  const succeeded = (o: number) => pod(o, { phase: 'Succeeded', ready: false });
  it.each<[string, StatefulSet, StatefulPod[], Sync]>([
    ['CreatesPods/Monotonic: the lowest missing ordinal, then stop', sts(3), [], { create: [0], delete: [] }],
    ['CreatesPods/Burst: every missing ordinal', burst(sts(3)), [], { create: [0, 1, 2], delete: [] }],
    ['CreatesPods/Monotonic: a Pending pod-0 holds pod-1 back', sts(3), [pending(0)], waits(0, W.runningAndReady)],
    [
      'CreatesPods/Monotonic: Running but not Ready holds too',
      sts(3),
      [pod(0), pod(1, { ready: false })],
      waits(1, W.runningAndReady),
    ],
    ['CreatesPods/Burst: a Pending pod holds nothing', burst(sts(3)), [pending(0)], { create: [1, 2], delete: [] }],
    ['ScalesUp/Monotonic: 3 → 4', sts(4), ready(0, 1, 2), { create: [3], delete: [] }],
    ['ScalesUp/Burst: 3 → 4', burst(sts(4)), ready(0, 1, 2), { create: [3], delete: [] }],
    ['ScalesDown/Monotonic: 3 → 0 deletes the highest only', sts(0), ready(0, 1, 2), { create: [], delete: [2] }],
    ['ScalesDown/Burst: 3 → 0 deletes them all', burst(sts(0)), ready(0, 1, 2), { create: [], delete: [2, 1, 0] }],
    [
      'ScalesDown/Monotonic: waits for pod-2 to terminate',
      sts(0),
      [pod(0), pod(1), pod(2, { terminating: true })],
      waits(2, W.terminateBeforeScaleDown),
    ],
    [
      'ScalesDown/Burst: goes past a terminating pod',
      burst(sts(0)),
      [pod(0), pod(1), pod(2, { terminating: true })],
      { create: [], delete: [1, 0] },
    ],
    [
      'ScalesDown/Monotonic: no scale-down while a replica is not Running and Ready',
      sts(2),
      [pod(0), pending(1), pod(2)],
      waits(1, W.runningAndReady),
    ],
    [
      'ScalesDown/Monotonic: an unready condemned pod waits for the first unready one',
      sts(2),
      [pod(0), pod(1), pending(2), pod(3), pending(4)],
      waits(2, W.runningAndReadyBeforeScaleDown),
    ],
    [
      'ScalesDown/Monotonic: the first unready condemned pod may go',
      sts(2),
      [pod(0), pod(1), pod(2), pod(3), pending(4)],
      { create: [], delete: [4] },
    ],
    [
      'ScalesDown/Monotonic: a Running and Ready highest pod goes even if a lower one is unready',
      sts(2),
      [pod(0), pod(1), pending(2), pod(3), pod(4)],
      { create: [], delete: [4] },
    ],
    ['ReplacesPods/Monotonic: pods 0, 2 and 4 gone', sts(5), ready(1, 3), { create: [0], delete: [] }],
    ['ReplacesPods/Burst: pods 0, 2 and 4 gone', burst(sts(5)), ready(1, 3), { create: [0, 2, 4], delete: [] }],
    // recreatesPod: the first sync created pod-0 (Monotonic) or all three (Burst), now Pending;
    // pod-0 then fails; the next sync deletes it, the one after (it is gone) creates it again.
    ['RecreatesFailedPod/Monotonic: delete', sts(3), [failed(0)], { create: [], delete: [0] }],
    ['RecreatesFailedPod/Monotonic: then create', sts(3), [], { create: [0], delete: [] }],
    [
      'RecreatesFailedPod/Burst: delete',
      burst(sts(3)),
      [failed(0), pending(1), pending(2)],
      { create: [], delete: [0] },
    ],
    ['RecreatesFailedPod/Burst: then create', burst(sts(3)), [pending(1), pending(2)], { create: [0], delete: [] }],
    ['RecreatesSucceededPod/Monotonic: delete', sts(3), [succeeded(0)], { create: [], delete: [0] }],
    [
      'RecreatesSucceededPod/Burst: delete',
      burst(sts(3)),
      [succeeded(0), pending(1), pending(2)],
      { create: [], delete: [0] },
    ],
    [
      'RecreatesFailedPod/Monotonic: a failed pod still terminating is waited for',
      sts(3),
      [pod(0, { phase: 'Failed', ready: false, terminating: true })],
      waits(0, W.terminate),
    ],
    [
      'NewRevisionDeletePodFailure: a new revision deletes the highest pod first',
      sts(3, { updateRevision: NEW }),
      ready(0, 1, 2),
      { create: [], delete: [2] },
    ],
  ])('%s', (_name, set, pods, expected) => {
    expect(sync(set, pods)).toEqual(expected);
  });

  it('ScaleDownDeleteError: a sync is a pure function, so the failed delete is asked for again', () => {
    // Simplified: API calls never fail; the retry after an error is the same sync on the same pods.
    expect(sync(sts(0), ready(0, 1, 2))).toEqual(sync(sts(0), ready(0, 1, 2)));
  });
});

describe('rolling update, one sync', () => {
  const five = (over: Partial<StatefulSet> = {}) =>
    sts(5, { updateRevision: NEW, updateStrategy: partitioned(2), ...over });
  const rolled = [...ready(0, 1, 2, 3), pending(4, { revision: NEW })];
  it.each<[string, StatefulSet, StatefulPod[], Sync]>([
    ['partition 2 of 5: the highest pod first', five(), ready(0, 1, 2, 3, 4), { create: [], delete: [4] }],
    ['Monotonic: waits for the updated pod to be Running and Ready', five(), rolled, waits(4, W.runningAndReady)],
    ['Burst: waits for the updated pod too', burst(five()), rolled, waits(4, W.update)],
    [
      'Monotonic: waits for the deleted pod to go',
      five(),
      [...ready(0, 1, 2, 3), pod(4, { terminating: true })],
      waits(4, W.terminate),
    ],
    [
      'Burst: a terminating pod is unavailable, which uses up maxUnavailable 1',
      burst(five()),
      [...ready(0, 1, 2, 3), pod(4, { terminating: true })],
      waits(4, W.update),
    ],
    ['the recreated pod gets the update revision', five(), ready(0, 1, 2, 3), { create: [4], delete: [] }],
    [
      'the pods below the partition are left alone',
      five(),
      [...ready(0, 1), ...[2, 3, 4].map((o) => pod(o, { revision: NEW }))],
      { create: [], delete: [] },
    ],
    [
      'a partition beyond the replicas updates nothing',
      sts(3, { updateRevision: NEW, updateStrategy: partitioned(5) }),
      ready(0, 1, 2),
      { create: [], delete: [] },
    ],
    [
      'OnDelete deletes nothing for an update',
      sts(3, { updateRevision: NEW, updateStrategy: { type: 'OnDelete' } }),
      ready(0, 1, 2),
      { create: [], delete: [] },
    ],
    [
      'scaling comes first: scale up and update creates pod-3 at the new revision',
      sts(5, { updateRevision: NEW }),
      ready(0, 1, 2),
      { create: [3], delete: [] },
    ],
  ])('%s', (_name, set, pods, expected) => {
    expect(sync(set, pods)).toEqual(expected);
  });

  it('creates below the partition at the current revision and above it at the update revision', () => {
    const set = sts(4, { updateRevision: NEW, updateStrategy: partitioned(2) });
    expect(updateStatefulSet(burst(set), []).create).toEqual([
      { ordinal: 0, revision: OLD },
      { ordinal: 1, revision: OLD },
      { ordinal: 2, revision: NEW },
      { ordinal: 3, revision: NEW },
    ]);
  });
});

describe('newVersionedStatefulSetPod (stateful_set_utils.go)', () => {
  it.each<[string, StatefulSetUpdateStrategy, number, string]>([
    ['RollingUpdate, below the partition', partitioned(2), 1, OLD],
    ['RollingUpdate, at the partition', partitioned(2), 2, NEW],
    ['RollingUpdate, partition defaulted to 0', { type: 'RollingUpdate' }, 0, NEW],
    ['RollingUpdate, partition beyond the replicas', partitioned(5), 2, OLD],
    ['OnDelete: always the update revision', { type: 'OnDelete' }, 0, NEW],
  ])('%s', (_name, updateStrategy, ordinal, revision) => {
    expect(newVersionedStatefulSetPod(sts(3, { updateStrategy, updateRevision: NEW }), ordinal)).toBe(revision);
  });
});

describe('TestStatefulSetControlRollingUpdateWithMaxUnavailableInOrderedModeVerifyInvariant', () => {
  // 6 pods, partition 3, maxUnavailable 2; the listed ordinals are replaced by terminating pods.
  // Upstream checks the count left (6 − max(0, 2 − terminating)); the ordinals follow from it.
  const set = sts(6, { updateRevision: NEW, updateStrategy: partitioned(3, 2) });
  it.each<[number[], number[]]>([
    [[], [5, 4]],
    [[5], [4]],
    [[3], [5]],
    [[4], [5]],
    [[5, 4], []],
    [[5, 3], []],
    [[4, 3], []],
    [[5, 4, 3], []],
    [[2], [5]], // below the partition, and still counted as unavailable
    [[1], [5]],
  ])('terminating %j: deletes %j', (terminating, expected) => {
    const pods = range(6).map((o) => pod(o, { terminating: terminating.includes(o) }));
    expect(updateStatefulSetAfterInvariantEstablished(set, pods).delete).toEqual(expected);
  });
});

describe('TestStatefulSetControlRollingUpdateWithMaxUnavailable', () => {
  // 6 pods, partition 3, maxUnavailable 2; deleted pods are gone by the next sync, as in upstream's fake.
  const six = (policy: PodManagementPolicy) =>
    sts(6, { podManagementPolicy: policy, updateRevision: NEW, updateStrategy: partitioned(3, 2) });
  const updated = (...ordinals: number[]) => ordinals.map((o) => pod(o, { revision: NEW }));

  it('OrderedReady: deletes 5 and 4, recreates them one at a time, then updates 3', () => {
    const set = six('OrderedReady');
    expect(sync(set, ready(...range(6)))).toEqual({ create: [], delete: [5, 4] });
    expect(sync(set, ready(0, 1, 2, 3))).toEqual({ create: [4], delete: [] });
    expect(sync(set, [...ready(0, 1, 2, 3), ...updated(4)])).toEqual({ create: [5], delete: [] });
    expect(sync(set, [...ready(0, 1, 2, 3), ...updated(4, 5)])).toEqual({ create: [], delete: [3] });
    expect(sync(set, [...ready(0, 1, 2), ...updated(4, 5)])).toEqual({ create: [3], delete: [] });
    expect(sync(set, [...ready(0, 1, 2), ...updated(3, 4, 5)])).toEqual({ create: [], delete: [] });
  });

  it('Parallel: recreates 4 and 5 together, and updates 3 once 4 is ready though 5 is not', () => {
    const set = six('Parallel');
    expect(sync(set, ready(...range(6)))).toEqual({ create: [], delete: [5, 4] });
    expect(sync(set, ready(0, 1, 2, 3))).toEqual({
      create: [4, 5],
      delete: [],
      wait: { ordinal: 5, message: W.update },
    });
    const notReady5 = pod(5, { revision: NEW, ready: false });
    expect(sync(set, [...ready(0, 1, 2, 3), ...updated(4), notReady5])).toEqual({ create: [], delete: [3] });
    expect(sync(set, [...ready(0, 1, 2), ...updated(4), notReady5])).toEqual({ create: [3], delete: [] });
    expect(sync(set, [...ready(0, 1, 2), ...updated(3, 4, 5)])).toEqual({ create: [], delete: [] });
  });
});

describe('getStatefulSetMaxUnavailable (TestGetStatefulSetMaxUnavailable, TestStatefulSetMetrics)', () => {
  it.each<[number | string | undefined, number, number]>([
    [undefined, 10, 1],
    [3, 10, 3],
    [3, 0, 3],
    [0, 0, 1], // forbidden by validation, still at least 1
    ['10%', 25, 2], // 2.5 rounds down
    ['100%', 5, 5],
    ['50%', 5, 2],
    ['10%', 5, 1], // 0.5 → 0 → at least 1
    ['1%', 0, 1],
    ['0%', 0, 1],
    // TestStatefulSetMetrics: expectedMaxUnavailableValue
    [2, 5, 2],
    ['20%', 10, 2],
    [3, 6, 3],
    [1, 4, 1],
    ['25%', 8, 2],
    ['80%', 5, 4],
    [1, 2, 1],
    [1, 1, 1],
  ])('%j of %i replicas → %i', (maxUnavailable, replicas, expected) => {
    expect(getStatefulSetMaxUnavailable(maxUnavailable, replicas)).toBe(expected);
  });

  it('refuses a string that is not a percentage, naming it', () => {
    expect(() => getStatefulSetMaxUnavailable('half', 4)).toThrow('maxUnavailable "half"');
  });
});

describe('isRunningAndReady (TestIsRunningAndReady)', () => {
  it.each<[string, StatefulPod, boolean]>([
    ['not yet running', pending(1), false],
    ['Running without the Ready condition', pod(1, { ready: false }), false],
    ['Running and Ready', pod(1), true],
  ])('%s', (_name, p, expected) => {
    expect(isRunningAndReady(p)).toBe(expected);
  });
});

/** step: last step's new pods become Running and Ready and its terminating pods are gone; then one sync, applied. */
function step(set: StatefulSet, pods: readonly StatefulPod[]): { pods: StatefulPod[]; sync: Sync } {
  const now = pods
    .filter((p) => !p.terminating)
    .map((p) => (p.phase === 'Pending' ? { ...p, phase: 'Running' as const, ready: true } : p));
  const actions = updateStatefulSet(set, now);
  const next = now.map((p) => (actions.delete.includes(p.ordinal) ? { ...p, terminating: true } : p));
  for (const c of actions.create) next.push(pending(c.ordinal, { revision: c.revision }));
  next.sort((a, b) => a.ordinal - b.ordinal);
  return { pods: next, sync: { create: actions.create.map((c) => c.ordinal), delete: [...actions.delete] } };
}

/** run steps `n` times, keeping the steps that did something. */
function run(set: StatefulSet, pods: readonly StatefulPod[], n: number, check?: (pods: StatefulPod[]) => void) {
  let current = [...pods];
  const log: Sync[] = [];
  for (let i = 0; i < n; i++) {
    const r = step(set, current);
    current = r.pods;
    check?.(current);
    if (r.sync.create.length > 0 || r.sync.delete.length > 0) log.push(r.sync);
  }
  return { pods: current, log };
}

/** settle steps until a step does nothing and no pod is Pending or terminating. */
function settle(set: StatefulSet, pods: readonly StatefulPod[]): StatefulPod[] {
  let current = [...pods];
  for (let i = 0; i < 100; i++) {
    const r = step(set, current);
    current = r.pods;
    const busy = current.some((p) => p.phase === 'Pending' || p.terminating);
    if (!busy && r.sync.create.length === 0 && r.sync.delete.length === 0) return current;
  }
  throw new Error('the set did not settle in 100 steps');
}
const revisions = (pods: readonly StatefulPod[]) => pods.map((p) => p.revision);

// assertMonotonicInvariants: ordinals have no gaps, and no pod is Running and Ready while its predecessor is not.
function assertMonotonic(pods: StatefulPod[]): void {
  pods.forEach((p, idx) => {
    expect(p.ordinal).toBe(idx);
    if (idx > 0 && isRunningAndReady(p)) expect(isRunningAndReady(pods[idx - 1]!)).toBe(true);
  });
  expect(pods.filter((p) => p.phase === 'Pending').length).toBeLessThanOrEqual(1);
}

describe('driven: each created pod is Running and Ready one step later, a deleted one gone', () => {
  it('OrderedReady 0 → 5: one ordinal per step, in order, never two Pending', () => {
    const { pods, log } = run(sts(5), [], 8, assertMonotonic);
    expect(log).toEqual([0, 1, 2, 3, 4].map((o) => ({ create: [o], delete: [] })));
    expect(pods.map((p) => p.ordinal)).toEqual([0, 1, 2, 3, 4]);
  });

  it('Parallel 0 → 5: all five in the first step', () => {
    const { log } = run(burst(sts(5)), [], 4);
    expect(log).toEqual([{ create: [0, 1, 2, 3, 4], delete: [] }]);
  });

  it('OrderedReady 5 → 2: deletes 4, then 3, then 2', () => {
    const { pods, log } = run(sts(2), ready(...range(5)), 6, assertMonotonic);
    expect(log).toEqual([4, 3, 2].map((o) => ({ create: [], delete: [o] })));
    expect(pods.map((p) => p.ordinal)).toEqual([0, 1]);
  });

  it('Parallel 5 → 2: deletes 4, 3 and 2 at once', () => {
    const { log } = run(burst(sts(2)), ready(...range(5)), 4);
    expect(log).toEqual([{ create: [], delete: [4, 3, 2] }]);
  });

  it.each(['OrderedReady', 'Parallel'] as const)(
    'RollingUpdate partition 2 of 5 (%s): replaces 4, then 3, then 2, and stops',
    (podManagementPolicy) => {
      const set = sts(5, { podManagementPolicy, updateRevision: NEW, updateStrategy: partitioned(2) });
      const { pods, log } = run(set, ready(...range(5)), 12);
      expect(log).toEqual(
        [4, 3, 2].flatMap((o) => [
          { create: [], delete: [o] },
          { create: [o], delete: [] },
        ]),
      );
      expect(revisions(pods)).toEqual([OLD, OLD, NEW, NEW, NEW]);
      expect(completeRollingUpdate(set, pods)).toBe(OLD); // pods 0 and 1 still run the current revision
    },
  );

  it('OnDelete updates nothing until a pod is deleted, which comes back at the update revision', () => {
    const set = sts(3, { updateRevision: NEW, updateStrategy: { type: 'OnDelete' } });
    const quiet = run(set, ready(0, 1, 2), 10);
    expect(quiet.log).toEqual([]);
    const deleted = quiet.pods.map((p) => (p.ordinal === 1 ? { ...p, terminating: true } : p));
    const after = run(set, deleted, 4);
    expect(after.log).toEqual([{ create: [1], delete: [] }]);
    expect(revisions(after.pods)).toEqual([OLD, NEW, OLD]);
  });
});

describe('TestStatefulSetControlRollingUpdate / WithPartition / OnDeleteUpdate: settled revisions', () => {
  const monotonic = (set: StatefulSet) => set;
  it.each([
    ['monotonic', monotonic],
    ['burst', burst],
  ] as const)('%s', (_mode, mode) => {
    const up = (replicas: number, over: Partial<StatefulSet> = {}) =>
      mode(sts(replicas, { updateRevision: NEW, ...over }));
    const start = (replicas: number) => settle(mode(sts(replicas)), []);
    // RollingUpdate: image update; and scale up; and scale down
    expect(revisions(settle(up(3), start(3)))).toEqual([NEW, NEW, NEW]);
    expect(revisions(settle(up(5), start(3)))).toEqual([NEW, NEW, NEW, NEW, NEW]);
    expect(revisions(settle(up(3), start(5)))).toEqual([NEW, NEW, NEW]);
    expect(completeRollingUpdate(up(3), settle(up(3), start(3)))).toBe(NEW);
    // WithPartition 2: image update; and scale up
    const p2 = { updateStrategy: partitioned(2) };
    expect(revisions(settle(up(3, p2), start(3)))).toEqual([OLD, OLD, NEW]);
    expect(revisions(settle(up(5, p2), start(3)))).toEqual([OLD, OLD, NEW, NEW, NEW]);
    // OnDeleteUpdate: image update; and scale up; and scale down; then scaled to 0 and back
    const onDelete = { updateStrategy: { type: 'OnDelete' } as const };
    expect(revisions(settle(up(3, onDelete), start(3)))).toEqual([OLD, OLD, OLD]);
    expect(revisions(settle(up(5, onDelete), start(3)))).toEqual([OLD, OLD, OLD, NEW, NEW]);
    const scaledDown = settle(up(3, onDelete), start(5));
    expect(revisions(scaledDown)).toEqual([OLD, OLD, OLD]);
    const restarted = settle(up(3, onDelete), settle(up(0, onDelete), scaledDown));
    expect(revisions(restarted)).toEqual([NEW, NEW, NEW]);
  });
});

describe('completeRollingUpdate (stateful_set_utils.go)', () => {
  const set = sts(2, { updateRevision: NEW });
  it.each<[string, StatefulSet, StatefulPod[], string]>([
    ['every replica updated and ready', set, [pod(0, { revision: NEW }), pod(1, { revision: NEW })], NEW],
    ['one not ready yet', set, [pod(0, { revision: NEW }), pod(1, { revision: NEW, ready: false })], OLD],
    ['one still old', set, [pod(0), pod(1, { revision: NEW })], OLD],
    ['one missing', set, [pod(0, { revision: NEW })], OLD],
    [
      'OnDelete never completes',
      { ...set, updateStrategy: { type: 'OnDelete' } },
      [pod(0, { revision: NEW }), pod(1, { revision: NEW })],
      OLD,
    ],
  ])('%s', (_name, s, pods, expected) => {
    expect(completeRollingUpdate(s, pods)).toBe(expected);
  });
});

describe('bad input fails at once', () => {
  it('refuses two pods with one ordinal, and a negative replica count', () => {
    expect(() => updateStatefulSet(sts(2), [pod(0), pod(0)])).toThrow('two StatefulSet pods have ordinal 0');
    expect(() => updateStatefulSet(sts(-1), [])).toThrow('replicas -1');
  });
});

type Written = Parameters<typeof validateStatefulSetSpec>[0];
const valid: Written = { replicas: 3, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate' } };
const shown = (errs: FieldError[]) => errs.map((e) => `${e.path.join('.')}: ${e.message}`);

describe('validateStatefulSetSpec (TestValidateStatefulSet)', () => {
  it.each<[string, Partial<Written>, string[]]>([
    ['parallel pod management', { podManagementPolicy: 'Parallel' }, []],
    ['ordered ready pod management', { podManagementPolicy: 'OrderedReady' }, []],
    ['update strategy', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }, []],
    [
      'maxUnavailable with parallel pod management',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: 2 } } },
      [],
    ],
    // not an upstream row: nothing in validation.go compares the partition with the replicas
    [
      'a partition beyond the replicas',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 7 } } },
      [],
    ],
    ['negative_replicas', { replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'invalid update strategy',
      { updateStrategy: { type: 'foo' } },
      [`spec.updateStrategy: Invalid value: "foo": must be 'RollingUpdate' or 'OnDelete'`],
    ],
    ['empty update strategy', { updateStrategy: { type: '' } }, ['spec.updateStrategy: Required value']],
    [
      'invalid rolling update',
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      [
        `spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy 'RollingUpdate'`,
      ],
    ],
    [
      'negative partition',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } },
      ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    ],
    ['empty pod management policy', { podManagementPolicy: '' }, ['spec.podManagementPolicy: Required value']],
    [
      'invalid pod management policy',
      { podManagementPolicy: 'foo' },
      [`spec.podManagementPolicy: Invalid value: "foo": must be 'OrderedReady' or 'Parallel'`],
    ],
    [
      'zero maxUnavailable',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0'],
    ],
    [
      'zero percent maxUnavailable',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%' } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "0%": cannot be 0'],
    ],
    [
      'greater than 100 percent maxUnavailable',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '101%' } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "101%": must not be greater than 100%'],
    ],
    // not upstream rows: a string that is no percentage also reads as 0; Go's int32 holds no fraction
    [
      'maxUnavailable neither a number nor a percentage',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'half' } } },
      [
        `spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%'`,
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "half": cannot be 0',
      ],
    ],
    ['fractional replicas', { replicas: 1.5 }, ['spec.replicas: Invalid value: 1.5: must be an integer']],
  ])('%s', (_name, over, expected) => {
    expect(shown(validateStatefulSetSpec({ ...valid, ...over }))).toEqual(expected);
  });
});

describe('validateStatefulSetUpdate (TestValidateStatefulSetUpdate)', () => {
  const forbidden =
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', " +
    "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
  it.each<[string, Partial<Written>, Partial<Written>, string[]]>([
    ['update replica count', {}, { replicas: 5 }, []],
    ['update update strategy', {}, { updateStrategy: { type: 'OnDelete' } }, []],
    [
      'update pod management policy 1',
      { podManagementPolicy: '' },
      { podManagementPolicy: 'OrderedReady' },
      [forbidden],
    ],
    [
      'update pod management policy 2',
      { podManagementPolicy: 'Parallel' },
      { podManagementPolicy: 'OrderedReady' },
      [forbidden],
    ],
    [
      'update to negative replicas',
      {},
      { replicas: -1 },
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ])('%s', (_name, old, update, expected) => {
    expect(shown(validateStatefulSetUpdate({ ...valid, ...update }, { ...valid, ...old }))).toEqual(expected);
  });
});
