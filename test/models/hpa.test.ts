import { describe, expect, it } from 'vitest';
import {
  computeReplicasForMetrics,
  hpaLegacyReplicas,
  hpaResourceReplicas,
  type HpaPod,
} from '../../src/models/hpa.js';

// Upstream's replica_calculator_test.go gives each pod two containers (numContainersPerPod = 2),
// each with the listed request and usage level; here a pod's request and usage are the sums.
const C = 2;
const NOW = 10_000; // seconds; pods started long ago unless a case says otherwise
const running = (requestCores: number, level: number | undefined, over: Partial<HpaPod> = {}): HpaPod => ({
  phase: 'Running',
  ready: true,
  startTime: 0,
  readyTransitionTime: 0,
  metricTime: NOW,
  metricWindowSeconds: 60,
  requestMilli: C * requestCores * 1000,
  ...(level === undefined ? {} : { usageMilli: C * level }),
  ...over,
});

describe('hpaResourceReplicas (replica_calculator_test.go)', () => {
  it.each([
    // TestReplicaCalcScaleUp: 2 × (300 + 500 + 700) / 2 × 3000 = 50%; 50 / 30 × 3 → 5
    ['ScaleUp', 3, 30, [running(1, 300), running(1, 500), running(1, 700)], 5, 50, C * 500],
    // TestReplicaCalcScaleDown: 2 × 1400 / 10000 = 28%; 0.56 × 5 → 3
    [
      'ScaleDown',
      5,
      50,
      [running(1, 100), running(1, 300), running(1, 500), running(1, 250), running(1, 250)],
      3,
      28,
      C * 280,
    ],
    // TestReplicaCalcTolerance: 2 × 3060 / 2 × 3000 = 102%: within 10% of 100, keep 3
    ['Tolerance', 3, 100, [running(0.9, 1010), running(1, 1030), running(1.1, 1020)], 3, 102, C * 1020],
    // TestReplicaCalcScaleUpUnreadyLessScale: the never-ready pod is left out of the first estimate (60%),
    // then counted at 0 for the scale-up: (0 + 1000 + 1400) / 6000 = 40%; 40 / 30 × 3 → 4
    [
      'ScaleUpUnreadyLessScale',
      3,
      30,
      [running(1, 300, { ready: false }), running(1, 500), running(1, 700)],
      4,
      60,
      C * 600,
    ],
    // TestReplicaCalcMissingMetricsNoChangeEq: 100% on the pod with a metric; the missing one changes nothing
    ['MissingMetricsNoChangeEq', 2, 100, [running(1, 1000), running(1, undefined)], 2, 100, C * 1000],
  ] as const)('%s', (_name, currentReplicas, targetUtilization, pods, replicas, utilization, raw) => {
    expect(hpaResourceReplicas({ now: NOW, currentReplicas, targetUtilization, pods })).toEqual({
      replicas,
      utilizationPercent: utilization,
      rawAverageValueMilli: raw,
    });
  });

  it('ignores deleted and failed pods, and counts pending ones as unready', () => {
    const pods = [
      running(1, 1000),
      running(1, 1000),
      running(1, 100, { deleted: true }),
      running(1, 100, { phase: 'Failed' }),
      running(1, undefined, { phase: 'Pending' }),
    ];
    // Ready: 2000 / 2000 per pod = 100% against 50% → a scale-up, with the pending pod counted at 0:
    // (4000 + 0) / 6000 = 66%, 66 / 50 × 3 = 3.96 → 4
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 3, targetUtilization: 50, pods })).toEqual({
      replicas: 4,
      utilizationPercent: 100,
      rawAverageValueMilli: 2000,
    });
    // With 80% on the ready pods the re-count is 53%, within tolerance of 50%: keep the count.
    const cooler = [running(1, 800), running(1, 800), running(1, undefined, { phase: 'Pending' })];
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 3, targetUtilization: 50, pods: cooler }).replicas).toBe(3);
  });

  it('ignores Succeeded pods as it does Failed ones, rather than count them as missing (upstream groupPods)', () => {
    // 2 Running pods at 60% against 30%, 2 Succeeded: 60 / 30 × 2 → 4. Counted as missing (at 0 in
    // a scale-up) they would bring it to 30%, within tolerance, and the count would stay at 2.
    const pods = [
      running(1, 600),
      running(1, 600),
      running(1, undefined, { phase: 'Succeeded', ready: false }),
      running(1, undefined, { phase: 'Succeeded', ready: false }),
    ];
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 2, targetUtilization: 30, pods })).toMatchObject({
      replicas: 4,
      utilizationPercent: 60,
    });
  });

  it('keeps the current count when counting unready pods at 0 flips the direction', () => {
    // 110% on the ready pod; with three unready pods at 0 it is 27%: a scale-down, so keep 4.
    const pods = [running(1, 1100), ...[1, 2, 3].map(() => running(1, 0, { ready: false }))];
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 4, targetUtilization: 100, pods }).replicas).toBe(4);
  });

  it('does not trust a CPU sample taken before a whole metric window passed since readiness (cpuInitializationPeriod)', () => {
    // Started 60 s ago and ready 30 s ago: the 60 s window reaches back before readiness → unready.
    const fresh = running(1, 2000, { startTime: NOW - 60, readyTransitionTime: NOW - 30 });
    const pods = [fresh, running(1, 500), running(1, 500)];
    const r = hpaResourceReplicas({ now: NOW, currentReplicas: 3, targetUtilization: 50, pods });
    expect(r.utilizationPercent).toBe(50); // the hot fresh pod is left out
    expect(r.replicas).toBe(3);
    // For memory the sample counts.
    expect(
      hpaResourceReplicas({ now: NOW, currentReplicas: 3, targetUtilization: 50, pods, resource: 'memory' })
        .utilizationPercent,
    ).toBe(100);
  });

  it('takes separate tolerances up and down', () => {
    const pods = [running(1, 1150), running(1, 1150)]; // 115%
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 2, targetUtilization: 100, pods }).replicas).toBe(3);
    expect(
      hpaResourceReplicas({
        now: NOW,
        currentReplicas: 2,
        targetUtilization: 100,
        pods,
        tolerance: { scaleUp: 0.2, scaleDown: 0.05 },
      }).replicas,
    ).toBe(2);
  });

  it('returns an error, and the current count, when it cannot compute', () => {
    expect(hpaResourceReplicas({ now: NOW, currentReplicas: 3, targetUtilization: 50, pods: [] })).toMatchObject({
      replicas: 3,
      error: 'no pods returned by selector while calculating replica count',
    });
    expect(
      hpaResourceReplicas({
        now: NOW,
        currentReplicas: 3,
        targetUtilization: 50,
        pods: [running(1, undefined, { phase: 'Pending' })],
      }).error,
    ).toBe('did not receive metrics for targeted pods (pods might be unready)');
  });
});

describe('hpaLegacyReplicas (convertDesiredReplicasWithRules, no behavior)', () => {
  it.each([
    [3, 10, 1, 20, 6, 'ScaleUpLimit'], //     max(2 × 3, 4) = 6
    [1, 10, 1, 20, 4, 'ScaleUpLimit'], //     max(2 × 1, 4) = 4
    [10, 25, 1, 15, 15, 'TooManyReplicas'], // max(20, 4) = 20 > 15: the max binds
    [5, 1, 2, 10, 2, 'TooFewReplicas'],
    [5, 7, 2, 10, 7, 'DesiredWithinRange'],
  ] as const)(
    'current %i, desired %i, min %i, max %i → %i (%s)',
    (currentReplicas, desiredReplicas, minReplicas, maxReplicas, replicas, condition) => {
      expect(hpaLegacyReplicas({ currentReplicas, desiredReplicas, minReplicas, maxReplicas })).toEqual({
        replicas,
        condition,
      });
    },
  );
});

describe('computeReplicasForMetrics: several metrics', () => {
  it.each([
    ['the largest valid proposal wins', [{ replicas: 3 }, { replicas: 5 }], 4, { replicas: 5, metric: 1 }],
    [
      'an invalid metric is passed over when the others scale up',
      [{ replicas: 6 }, { replicas: 4, error: 'x' }],
      4,
      { replicas: 6, metric: 0 },
    ],
    ['but not when the rest would scale down', [{ replicas: 2 }, { replicas: 4, error: 'x' }], 4, null],
    ['all invalid: no scaling', [{ replicas: 4, error: 'x' }], 4, null],
  ])('%s', (_name, proposals, spec, expected) => {
    const got = computeReplicasForMetrics(proposals, spec);
    if (expected === null)
      expect(got).toMatchObject({ error: expect.stringMatching(/^invalid metrics \(1 invalid out of/) });
    else expect(got).toEqual(expected);
  });
});
