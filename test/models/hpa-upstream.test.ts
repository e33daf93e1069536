// Upstream's own HPA test tables (kubernetes/kubernetes pkg/controller/podautoscaler
// replica_calculator_test.go and horizontal_test.go), with their fixture conventions:
// every pod has two containers (pod request and usage are twice the listed per-container values);
// start and Ready transition default to Go's zero time (long ago); metric timestamps are zero time
// with a 1-minute window; "hot" pods started now, "cool" ones 3 minutes ago; the tests use a
// 2-minute CPU initialization period and a 10 s initial readiness delay.
import { describe, expect, it } from 'vitest';
import {
  hpaAverageValueReplicas,
  hpaBehaviorReplicas,
  hpaLegacyReplicas,
  hpaResourceReplicas,
  hpaStabilize,
  hpaStabilizeLegacy,
  type HpaPod,
  type HpaRules,
} from '../../src/models/hpa.js';

const NOW = 1e9; // seconds; "zero time" is 0, a very long time before
const ZERO = 0;
type Row = {
  cur: number;
  req: readonly number[]; // per-container cores, one per pod
  lv: readonly number[]; //  per-container usage (milli); pods past the list have no metric
  tgt: number;
  rd?: string; // per-pod readiness, e.g. 'FTT'
  ph?: string; // per-pod phase: R, P, F
  st?: string; // per-pod start: h(ot), c(ool), z(ero, the default)
  del?: string; // per-pod deletion: T/F
};

function pods(r: Row): HpaPod[] {
  return r.req.map((cores, i) => ({
    phase: ({ R: 'Running', P: 'Pending', F: 'Failed' } as const)[(r.ph?.[i] ?? 'R') as 'R' | 'P' | 'F'],
    ready: (r.rd?.[i] ?? 'T') === 'T',
    deleted: r.del?.[i] === 'T',
    startTime: { h: NOW, c: NOW - 180, z: ZERO }[(r.st?.[i] ?? 'z') as 'h' | 'c' | 'z'],
    readyTransitionTime: ZERO,
    metricTime: ZERO,
    metricWindowSeconds: 60,
    requestMilli: 2 * Math.round(cores * 1000),
    ...(i < r.lv.length ? { usageMilli: 2 * r.lv[i]! } : {}),
  }));
}

const calc = (r: Row, tolerance?: { scaleUp: number; scaleDown: number }) =>
  hpaResourceReplicas({
    now: NOW,
    currentReplicas: r.cur,
    targetUtilization: r.tgt,
    pods: pods(r),
    cpuInitializationPeriodSeconds: 120,
    initialReadinessDelaySeconds: 10,
    ...(tolerance ? { tolerance } : {}),
  });

const ones = (n: number) => Array.from({ length: n }, () => 1);

describe('TestReplicaCalc* (replica_calculator_test.go)', () => {
  it.each<[string, Row, number, number, number]>([
    ['ScaleUp', { cur: 3, req: ones(3), lv: [300, 500, 700], tgt: 30 }, 5, 50, 1000],
    ['ScaleUpUnreadyLessScale', { cur: 3, req: ones(3), lv: [300, 500, 700], tgt: 30, rd: 'FTT' }, 4, 60, 1200],
    ['ScaleUpHotCpuLessScale', { cur: 3, req: ones(3), lv: [300, 500, 700], tgt: 30, st: 'hcc' }, 4, 60, 1200],
    [
      'ScaleUpUnreadyNoScale (the direction would flip)',
      { cur: 3, req: ones(3), lv: [400, 500, 700], tgt: 30, rd: 'TFF' },
      3,
      40,
      800,
    ],
    ['ScaleHotCpuNoScale', { cur: 3, req: ones(3), lv: [400, 500, 700], tgt: 30, rd: 'TFF', st: 'chh' }, 3, 40, 800],
    [
      'ScaleUpIgnoresFailedPods',
      { cur: 2, req: ones(4), lv: [500, 700], tgt: 30, rd: 'TTFF', ph: 'RRFF' },
      4,
      60,
      1200,
    ],
    [
      'ScaleUpIgnoresDeletionPods',
      { cur: 2, req: ones(4), lv: [500, 700], tgt: 30, rd: 'TTFF', del: 'FFTT' },
      4,
      60,
      1200,
    ],
    ['ScaleDown', { cur: 5, req: ones(5), lv: [100, 300, 500, 250, 250], tgt: 50 }, 3, 28, 560],
    [
      'ScaleDownExcludeUnreadyPods',
      { cur: 5, req: ones(5), lv: [100, 300, 500, 250, 250], tgt: 50, rd: 'TTTFF' },
      2,
      30,
      600,
    ],
    [
      'ScaleDownExcludeUnscheduledPods',
      { cur: 5, req: ones(5), lv: [100], tgt: 50, rd: 'TFFFF', ph: 'RPPPP' },
      1,
      10,
      200,
    ],
    [
      'ScaleDownIgnoreHotCpuPods',
      { cur: 5, req: ones(5), lv: [100, 300, 500, 250, 250], tgt: 50, st: 'ccchh' },
      2,
      30,
      600,
    ],
    [
      'ScaleDownIgnoresFailedPods',
      { cur: 5, req: ones(7), lv: [100, 300, 500, 250, 250], tgt: 50, rd: 'TTTTTFF', ph: 'RRRRRFF' },
      3,
      28,
      560,
    ],
    [
      'ScaleDownIgnoresDeletionPods',
      { cur: 5, req: ones(7), lv: [100, 300, 500, 250, 250], tgt: 50, rd: 'TTTTTFF', del: 'FFFFFTT' },
      3,
      28,
      560,
    ],
    ['Tolerance', { cur: 3, req: [0.9, 1.0, 1.1], lv: [1010, 1030, 1020], tgt: 100 }, 3, 102, 2040],
    ['MissingMetrics', { cur: 4, req: ones(4), lv: [400, 95], tgt: 100 }, 3, 24, 495],
    ['MissingMetricsNoChangeEq', { cur: 2, req: ones(2), lv: [1000], tgt: 100 }, 2, 100, 2000],
    ['MissingMetricsNoChangeGt', { cur: 2, req: ones(2), lv: [1900], tgt: 100 }, 2, 190, 3800],
    ['MissingMetricsNoChangeLt', { cur: 2, req: ones(2), lv: [600], tgt: 100 }, 2, 60, 1200],
    ['MissingMetricsUnreadyChange', { cur: 3, req: ones(3), lv: [100, 450], tgt: 50, rd: 'FTT' }, 3, 45, 900],
    ['MissingMetricsHotCpuNoChange', { cur: 3, req: ones(3), lv: [100, 450], tgt: 50, st: 'hcc' }, 3, 45, 900],
    ['MissingMetricsUnreadyScaleUp', { cur: 3, req: ones(3), lv: [100, 2000], tgt: 50, rd: 'FTT' }, 4, 200, 4000],
    [
      'MissingMetricsHotCpuScaleUp',
      { cur: 3, req: ones(3), lv: [100, 2000], tgt: 50, rd: 'FTT', st: 'hcc' },
      4,
      200,
      4000,
    ],
    ['MissingMetricsUnreadyScaleDown', { cur: 4, req: ones(4), lv: [100, 100, 100], tgt: 50, rd: 'FTTT' }, 3, 10, 200],
    [
      'MissingMetricsScaleDownTargetOver100',
      { cur: 4, req: [1, 1, 2, 2], lv: [200, 100, 100], tgt: 300, rd: 'FTTT' },
      2,
      6,
      200,
    ],
    ['DuringRollingUpdateWithMaxSurge', { cur: 2, req: ones(3), lv: [100, 100], tgt: 50 }, 2, 10, 200],
  ])('%s', (_name, row, replicas, utilizationPercent, rawAverageValueMilli) => {
    expect(calc(row)).toEqual({ replicas, utilizationPercent, rawAverageValueMilli });
  });

  it('ComputedToleranceAlgImplementation: just outside and just inside the 10% tolerance', () => {
    const deltas = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0];
    const row = (tgt: number): Row => ({
      cur: 10,
      req: deltas.map((d) => (300 + d) / 1000),
      lv: deltas.map(() => 150),
      tgt,
    });
    expect(calc(row(Math.trunc((1 / (2 * 0.9) + 0.01) * 100))).replicas).toBe(9); //  target 56: ratio 0.893
    expect(calc(row(Math.trunc((1 / (2 * 0.9) + 0.004) * 100))).replicas).toBe(10); // target 55: ratio 0.909
  });

  it('EmptyCPURequest / DisjointResourcesMetrics: errors keep the current count', () => {
    expect(calc({ cur: 1, req: [0], lv: [200], tgt: 100 })).toMatchObject({
      replicas: 1,
      error: 'no metrics returned matched known pods',
    });
  });
});

describe('TestReplicaCalcConfigurableTolerance (KEP-4951)', () => {
  it.each<[string, { scaleUp: number; scaleDown: number }, Row, number, number]>([
    [
      'Outside of a 0% tolerance',
      { scaleDown: 0, scaleUp: 0 },
      { cur: 3, req: [0.9, 1.0, 1.1], lv: [909, 1010, 1111], tgt: 100 },
      4,
      101,
    ],
    [
      'Within a 200% scale-up tolerance',
      { scaleDown: 0.1, scaleUp: 2.0 },
      { cur: 3, req: [0.9, 1.0, 1.1], lv: [1890, 1910, 1900], tgt: 100 },
      3,
      190,
    ],
    [
      'Outside 8% scale-up tolerance',
      { scaleDown: 2.0, scaleUp: 0.08 },
      { cur: 3, req: [0.9, 1.0, 1.1], lv: [1100, 1080, 1090], tgt: 100 },
      4,
      109,
    ],
    [
      'Within a 36% scale-down tolerance',
      { scaleDown: 0.36, scaleUp: 0.1 },
      { cur: 3, req: [0.9, 1.0, 1.1], lv: [660, 640, 650], tgt: 100 },
      3,
      65,
    ],
  ])('%s', (_name, tolerance, row, replicas, utilizationPercent) => {
    expect(calc(row, tolerance)).toMatchObject({ replicas, utilizationPercent });
  });
});

describe('TestConvertDesiredReplicasWithRules (no behavior)', () => {
  it.each([
    [5, 7, 3, 8, 7, 'DesiredWithinRange'],
    [3, 1, 2, 8, 2, 'TooFewReplicas'],
    [1, 0, 0, 10, 0, 'DesiredWithinRange'],
    [20, 1000, 1, 10, 10, 'TooManyReplicas'],
    [3, 1000, 1, 2000, 6, 'ScaleUpLimit'], // max(2 × 3, 4)
  ] as const)(
    'current %i, desired %i, min %i, max %i → %i %s',
    (currentReplicas, desiredReplicas, minReplicas, maxReplicas, replicas, condition) => {
      expect(hpaLegacyReplicas({ currentReplicas, desiredReplicas, minReplicas, maxReplicas })).toEqual({
        replicas,
        condition,
      });
    },
  );
});

const MIN = 60;
const recs = (...pairs: Array<[number, number]>) => pairs.map(([replicas, ageSeconds]) => ({ replicas, ageSeconds }));

describe('TestNormalizeDesiredReplicas (stabilizeRecommendation, no behavior, 5 min window)', () => {
  it.each([
    ['empty log', [], 5, 5, [5]],
    ['stabilize', recs([4, 2 * MIN], [5, MIN]), 3, 5, [4, 5, 3]],
    ['no stabilize', recs([1, 2 * MIN], [2, MIN]), 3, 3, [1, 2, 3]],
    ['no stabilize - old recommendations', recs([10, 10 * MIN], [9, 9 * MIN]), 3, 3, [10, 3]],
    [
      'stabilize - old recommendations',
      recs([10, 10 * MIN], [4, MIN], [5, 2 * MIN], [9, 9 * MIN]),
      3,
      5,
      [10, 4, 5, 3],
    ],
  ] as const)('%s', (_name, recommendations, desiredReplicas, replicas, stored) => {
    const r = hpaStabilizeLegacy({ recommendations, desiredReplicas });
    expect(r.replicas).toBe(replicas);
    expect(r.recommendations.map((x) => x.replicas)).toEqual(stored);
  });
});

describe('TestNormalizeDesiredReplicasWithBehavior (stabilizeRecommendationWithBehaviors)', () => {
  it.each([
    ['empty recommendations for scaling down', [], 100, 5, 0, 0, 5, [5]],
    ['simple scale down stabilization', recs([4, 2 * MIN], [5, MIN]), 100, 3, 0, 180, 5, [4, 5, 3]],
    ['simple scale up stabilization', recs([4, 2 * MIN], [5, MIN]), 1, 7, 300, 0, 4, [4, 5, 7]],
    ['no scale down stabilization', recs([1, 2 * MIN], [2, MIN]), 100, 3, 300, 0, 3, [1, 2, 3]],
    ['no scale up stabilization', recs([4, 2 * MIN], [5, MIN]), 1, 3, 0, 300, 3, [4, 5, 3]],
    [
      'no scale down stabilization, reuse recommendation element',
      recs([10, 10 * MIN], [9, 9 * MIN]),
      100,
      3,
      0,
      0,
      3,
      [10, 3],
    ],
    [
      'no scale up stabilization, reuse recommendation element',
      recs([10, 10 * MIN], [9, 9 * MIN]),
      1,
      100,
      0,
      0,
      100,
      [10, 100],
    ],
    [
      'scale down stabilization, reuse one of obsolete recommendation element',
      recs([10, 10 * MIN], [4, MIN], [5, 2 * MIN], [9, 9 * MIN]),
      100,
      3,
      0,
      180,
      5,
      [10, 4, 5, 3],
    ],
    [
      'scale up stabilization, reuse one of obsolete recommendation element',
      recs([10, 100 * MIN], [6, MIN], [5, 2 * MIN], [9, 3 * MIN]),
      1,
      100,
      300,
      0,
      5,
      [100, 6, 5, 9],
    ],
    ['do not scale up when prenormalized rec goes down', recs([2, 100 * MIN], [3, 3 * MIN]), 2, 1, 300, 300, 2, null],
    ['do not scale down when prenormalized rec goes up', recs([2, 100 * MIN], [1, 3 * MIN]), 2, 3, 300, 300, 2, null],
  ] as const)(
    '%s',
    (
      _name,
      recommendations,
      currentReplicas,
      desiredReplicas,
      scaleUpWindowSeconds,
      scaleDownWindowSeconds,
      replicas,
      stored,
    ) => {
      const r = hpaStabilize({
        recommendations,
        currentReplicas,
        desiredReplicas,
        scaleUpWindowSeconds,
        scaleDownWindowSeconds,
      });
      expect(r.replicas).toBe(replicas);
      if (stored !== null) expect(r.recommendations.map((x) => x.replicas)).toEqual(stored);
    },
  );
});

// generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow), SelectPolicy Max.
function g(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  stabilizationWindowSeconds: number,
): HpaRules {
  const policies = [
    ...(pods !== 0 ? [{ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod }] : []),
    ...(percent !== 0 ? [{ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod }] : []),
  ];
  return { stabilizationWindowSeconds, selectPolicy: 'Max', ...(policies.length > 0 ? { policies } : {}) };
}

// generateEventsUniformDistribution(events, 120): events spread over the last 120 s, whole seconds.
function E(changes: readonly number[], periodSeconds = 120) {
  const segment = periodSeconds / changes.length;
  return changes.map((replicaChange, i) => ({
    replicaChange,
    ageSeconds: Math.trunc(periodSeconds - segment * (i + 1) + segment / 2),
  }));
}

describe('TestScalingWithRules (convertDesiredReplicasWithBehaviorRate)', () => {
  type Case = [
    string,
    number,
    number,
    number,
    number,
    HpaRules | undefined,
    HpaRules | undefined,
    ReturnType<typeof E>,
    ReturnType<typeof E>,
    number,
    string,
  ];
  it.each<Case>([
    ['prenormalized desired replicas within range', 5, 7, 3, 8, undefined, undefined, [], [], 7, 'DesiredWithinRange'],
    ['prenormalized desired replicas < minReplicas', 3, 1, 2, 8, undefined, undefined, [], [], 2, 'TooFewReplicas'],
    [
      'desired replicas within range when minReplicas is 0',
      1,
      0,
      0,
      10,
      undefined,
      undefined,
      [],
      [],
      0,
      'DesiredWithinRange',
    ],
    [
      'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      20,
      1000,
      1,
      10,
      undefined,
      undefined,
      [],
      [],
      10,
      'TooManyReplicas',
    ],
    [
      'desired replica count is more than the maximum replica count',
      100,
      1000,
      100,
      150,
      undefined,
      undefined,
      [],
      [],
      150,
      'TooManyReplicas',
    ],
    [
      'scaleUpLimit is the limit with user policies',
      3,
      1000,
      1,
      2000,
      g(0, 0, 1, 60, 0),
      undefined,
      [],
      [],
      4,
      'ScaleUpLimit',
    ],
    [
      'scaleDownLimit is the limit with user defined policies',
      1000,
      3,
      3,
      2000,
      undefined,
      g(20, 60, 0, 0, 0),
      [],
      [],
      980,
      'ScaleDownLimit',
    ],
    ['scaleUp with default behavior', 10, 50, 1, 1000, undefined, undefined, [], [], 20, 'ScaleUpLimit'],
    [
      'scaleUp with pods policy larger than percent policy',
      10,
      500,
      1,
      1000,
      g(100, 60, 100, 60, 0),
      undefined,
      [],
      [],
      110,
      'ScaleUpLimit',
    ],
    [
      'scaleUp with percent policy larger than pods policy',
      10,
      500,
      1,
      1000,
      g(2, 60, 100, 60, 0),
      undefined,
      [],
      [],
      20,
      'ScaleUpLimit',
    ],
    [
      'scaleUp with spec MaxReplicas limitation with large pod policy',
      10,
      50,
      1,
      1000,
      g(100, 60, 0, 0, 0),
      undefined,
      [],
      [],
      50,
      'DesiredWithinRange',
    ],
    ['scaleUp with pod policy limitation', 10, 50, 1, 1000, g(30, 60, 0, 0, 0), undefined, [], [], 40, 'ScaleUpLimit'],
    [
      'scaleUp with percent policy limitation',
      10,
      50,
      1,
      1000,
      g(0, 0, 200, 60, 0),
      undefined,
      [],
      [],
      30,
      'ScaleUpLimit',
    ],
    [
      'scaleDown with percent policy larger than pod policy',
      100,
      2,
      1,
      1000,
      undefined,
      g(20, 60, 1, 60, 300),
      [],
      [],
      80,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with pod policy larger than percent policy',
      100,
      2,
      1,
      1000,
      undefined,
      g(2, 60, 1, 60, 300),
      [],
      [],
      98,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with spec MinReplicas limitation with large pod policy',
      10,
      0,
      1,
      1000,
      undefined,
      g(100, 60, 0, 0, 300),
      [],
      [],
      1,
      'TooFewReplicas',
    ],
    [
      'scaleDown with spec MinReplicas limitation with large percent policy',
      10,
      2,
      5,
      1000,
      undefined,
      g(0, 0, 100, 60, 300),
      [],
      [],
      5,
      'TooFewReplicas',
    ],
    [
      'scaleDown with pod policy limitation',
      10,
      2,
      1,
      1000,
      undefined,
      g(5, 60, 0, 0, 300),
      [],
      [],
      5,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with percent policy limitation',
      10,
      5,
      1,
      1000,
      undefined,
      g(0, 0, 50, 60, 300),
      [],
      [],
      5,
      'DesiredWithinRange',
    ],
    [
      'scaleUp with MaxReplicas limitation, large pod policy and events',
      100,
      500,
      1,
      200,
      g(300, 60, 0, 0, 0),
      undefined,
      E([1, 5, 9]),
      [],
      200,
      'TooManyReplicas',
    ],
    [
      'scaleUp with currentReplicas limitation with a lot of recent scale up events',
      100,
      500,
      1,
      1000,
      g(5, 120, 0, 0, 0),
      undefined,
      E([1, 5, 9]),
      [],
      100,
      'ScaleUpLimit',
    ],
    [
      'scaleUp with pod policy and previous scale up events',
      100,
      500,
      1,
      1000,
      g(150, 120, 0, 0, 0),
      undefined,
      E([1, 5, 9]),
      [],
      235,
      'ScaleUpLimit',
    ],
    [
      'scaleUp with percent policy and previous scale up events',
      100,
      500,
      1,
      1000,
      g(0, 0, 200, 120, 0),
      undefined,
      E([1, 5, 9]),
      [],
      255,
      'ScaleUpLimit',
    ],
    [
      'scaleUp with percent policy and previous scale up and down events',
      6,
      24,
      1,
      1000,
      g(0, 0, 300, 300, 0),
      undefined,
      E([4]),
      E([2]),
      16,
      'ScaleUpLimit',
    ],
    [
      'scaleDown with default policy and previous events',
      10,
      5,
      1,
      1000,
      undefined,
      undefined,
      [],
      E([1, 5, 9]),
      5,
      'DesiredWithinRange',
    ],
    [
      'scaleDown with MinReplicas limitation, large pod policy and previous events',
      100,
      0,
      1,
      1000,
      undefined,
      g(115, 120, 0, 0, 300),
      [],
      E([1, 5, 9]),
      1,
      'TooFewReplicas',
    ],
    [
      'scaleDown with pod policy limitation and previous events',
      100,
      2,
      1,
      1000,
      undefined,
      g(5, 120, 0, 0, 300),
      [],
      E([1, 5, 9]),
      100,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with percent policy limitation and previous events',
      100,
      0,
      1,
      1000,
      undefined,
      g(0, 0, 50, 120, 300),
      [],
      E([2, 4, 6]),
      56,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with percent policy and previous scale up and down events',
      10,
      1,
      1,
      1000,
      undefined,
      g(0, 0, 50, 180, 0),
      E([2]),
      E([4]),
      6,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with previous events preventing further scale down',
      100,
      0,
      1,
      1000,
      undefined,
      g(0, 0, 10, 120, 300),
      [],
      E([10, 10, 10]),
      100,
      'ScaleDownLimit',
    ],
    [
      'scaleDown with previous events still allowing more scale down',
      10,
      5,
      1,
      1000,
      undefined,
      g(0, 0, 1000, 120, 300),
      [],
      E([10, 10, 10]),
      5,
      'DesiredWithinRange',
    ],
    [
      "events marked 'outdated' for two policies, up",
      100,
      200,
      1,
      1000,
      g(1000, 30, 100, 60, 0),
      undefined,
      E([8, 12, 9, 11]),
      [],
      200,
      'DesiredWithinRange',
    ],
    [
      "events marked 'outdated' for two policies, down",
      100,
      5,
      1,
      1000,
      undefined,
      g(1000, 30, 100, 60, 300),
      [],
      E([8, 12, 9, 11]),
      5,
      'DesiredWithinRange',
    ],
  ])(
    '%s',
    (
      _name,
      currentReplicas,
      desiredReplicas,
      minReplicas,
      maxReplicas,
      scaleUp,
      scaleDown,
      scaleUpEvents,
      scaleDownEvents,
      replicas,
      condition,
    ) => {
      expect(
        hpaBehaviorReplicas({
          currentReplicas,
          desiredReplicas,
          minReplicas,
          maxReplicas,
          scaleUp,
          scaleDown,
          scaleUpEvents,
          scaleDownEvents,
        }),
      ).toEqual({ replicas, condition });
    },
  );

  it('SelectPolicy Min picks the smallest change (TestCalculateScale{Up,Down}Limit...)', () => {
    const min: HpaRules = {
      selectPolicy: 'Min',
      policies: [
        { type: 'Pods', value: 2, periodSeconds: 60 },
        { type: 'Percent', value: 50, periodSeconds: 60 },
      ],
    };
    expect(
      hpaBehaviorReplicas({
        currentReplicas: 1,
        desiredReplicas: 100,
        minReplicas: 1,
        maxReplicas: 100,
        scaleUp: min,
        scaleUpEvents: [],
        scaleDownEvents: [],
      }),
    ).toEqual({ replicas: 2, condition: 'ScaleUpLimit' });
    expect(
      hpaBehaviorReplicas({
        currentReplicas: 5,
        desiredReplicas: 1,
        minReplicas: 1,
        maxReplicas: 100,
        scaleDown: min,
        scaleUpEvents: [],
        scaleDownEvents: [],
      }),
    ).toEqual({ replicas: 3, condition: 'ScaleDownLimit' });
  });

  it('SelectPolicy Disabled holds the count', () => {
    expect(
      hpaBehaviorReplicas({
        currentReplicas: 5,
        desiredReplicas: 9,
        minReplicas: 1,
        maxReplicas: 100,
        scaleUp: { selectPolicy: 'Disabled' },
        scaleUpEvents: [],
        scaleDownEvents: [],
      }),
    ).toEqual({ replicas: 5, condition: 'ScaleUpLimit' });
  });
});

// §3c: the plain/AverageValue path (calcPlainMetricReplicas), custom per-pod metrics: levels are
// per pod, readiness is not checked, and a missing pod on scale-down counts as using the target.
describe('TestReplicaCalc*CM (calcPlainMetricReplicas)', () => {
  const plain = (
    cur: number,
    pods: number,
    levels: readonly number[],
    target: number,
    tolerance?: { scaleUp: number; scaleDown: number },
    rd = '',
  ) =>
    hpaAverageValueReplicas({
      now: NOW,
      currentReplicas: cur,
      targetAverageValueMilli: target,
      resource: '',
      ...(tolerance ? { tolerance } : {}),
      pods: Array.from({ length: pods }, (_, i) => ({
        phase: 'Running' as const,
        ready: (rd[i] ?? 'T') === 'T',
        startTime: ZERO,
        readyTransitionTime: ZERO,
        requestMilli: 1000,
        ...(i < levels.length ? { usageMilli: levels[i]!, metricTime: ZERO, metricWindowSeconds: 60 } : {}),
      })),
    });
  it.each<
    [
      string,
      number,
      number,
      number[],
      number,
      number,
      number,
      ({ scaleUp: number; scaleDown: number } | undefined)?,
      string?,
    ]
  >([
    ['ScaleUpCM', 3, 3, [20000, 10000, 30000], 15000, 4, 20000],
    ['ScaleUpCMUnreadyHotCpuNoLessScale', 3, 3, [50000, 10000, 30000], 15000, 6, 30000, undefined, 'TTF'],
    ['ScaleUpCMUnreadyHotCpuScaleWouldScaleDown', 3, 3, [50000, 15000, 30000], 15000, 7, 31666, undefined, 'FTF'],
    ['ScaleDownCM', 5, 5, [12000, 12000, 12000, 12000, 12000], 20000, 3, 12000],
    ['ToleranceCM', 3, 3, [20000, 21000, 21000], 20000, 3, 20666],
    ['ConfigurableToleranceCM', 3, 3, [20000, 21000, 21000], 20000, 4, 20666, { scaleDown: 0.1, scaleUp: 0.01 }],
    ['PlainMetricMissingMetricsNoChangeEq', 5, 5, [20000, 19000, 21000], 20000, 5, 20000],
    ['DuringRollingUpdateWithMaxSurgeCM', 2, 3, [10000, 10000], 17000, 2, 10000],
  ])('%s', (_name, cur, podCount, levels, target, replicas, usage, tolerance, rd) => {
    expect(plain(cur, podCount, levels, target, tolerance, rd)).toMatchObject({
      replicas,
      rawAverageValueMilli: usage,
    });
  });
});
