import { describe, expect, it } from 'vitest';
import { compareRuns, judge, judgeDistributions, noiseOf, relativeChange } from '../../src/report/compare.js';
import { formatChange, formatComparison, formatValue } from '../../src/report/compare-format.js';
import { METRICS, metricValue } from '../../src/report/metrics.js';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Summary } from '../../src/report/summary.js';

const { summaries } = runScenario(loadScenario('scenarios/node-size.yaml').scenario!, []);
const doctor = (s: Summary, f: (copy: any) => void): Summary => {
  const copy = structuredClone(s);
  f(copy);
  return copy;
};

describe('judge', () => {
  const lower = { better: 'lower', nullMeans: 'worst' } as const;
  const higher = { better: 'higher', nullMeans: 'worst' } as const;
  const ten = { relative: 0.1 };
  it.each([
    [lower, 100, 111, 'regression'],
    [lower, 100, 110, 'worse'], // exactly the threshold is not beyond it
    [lower, 0.3, 0.33, 'worse'], // nor is it when floating point makes it 10.000000000000002%
    [lower, 100, 90, 'better'],
    [lower, 100, 100, 'unchanged'],
    [higher, 0.5, 0.4, 'regression'], // utilization down 20%
    [higher, 0.5, 0.6, 'better'],
    [lower, 0, 1, 'regression'], // from nothing to something
    [lower, 0, 0, 'unchanged'],
    [higher, 0, 1, 'better'],
  ] as const)('%o: %d → %d with a 10% threshold is %s', (metric, b, c, verdict) => {
    expect(judge(metric, b, c, ten).verdict).toBe(verdict);
  });

  it("takes an absolute threshold in the metric's unit, which a baseline of 0 needs", () => {
    expect(judge(lower, 0, 20, { absolute: 30 }).verdict).toBe('worse');
    expect(judge(lower, 0, 31, { absolute: 30 }).verdict).toBe('regression');
    expect(judge(higher, 5, 3, { absolute: 1 }).verdict).toBe('regression');
  });

  it('judges a figure that appears or disappears by what its absence means', () => {
    // startupP95: no pod Ready at all is the worst.
    expect(judge(lower, 30, null, ten)).toEqual({ change: null, verdict: 'regression' });
    expect(judge(lower, null, 30, ten)).toEqual({ change: null, verdict: 'better' });
    // recoverySeconds: none means nothing was lost, the best.
    const recovery = { better: 'lower', nullMeans: 'best' } as const;
    expect(judge(recovery, null, 456, ten).verdict).toBe('regression');
    expect(judge(recovery, 456, null, ten).verdict).toBe('better');
    expect(judge(recovery, null, null, ten).verdict).toBe('unchanged');
  });

  it('measures change relative to the baseline', () => {
    expect(relativeChange(200, 150)).toBe(-0.25);
    expect(relativeChange(-2, -1)).toBe(0.5);
    expect(relativeChange(0, 5)).toBe(Infinity);
  });
});

describe('compareRuns', () => {
  it('finds nothing between a run and itself', () => {
    const c = compareRuns(summaries, summaries);
    expect(c.regressions).toBe(0);
    expect(c.warnings).toEqual([]);
    expect(c.rows).toHaveLength(2 * METRICS.length);
    expect(c.rows.every((r) => r.verdict === 'unchanged')).toBe(true);
  });

  it('flags a doctored regression per design and metric, with its own threshold', () => {
    const slower = summaries.map((s) =>
      s.design === 'big'
        ? doctor(s, (x) => {
            x.pods.startupSeconds.p95 *= 1.2;
            x.cost.total *= 1.03;
          })
        : s,
    );
    const c = compareRuns(summaries, slower);
    expect(c.rows.filter((r) => r.verdict === 'regression').map((r) => [r.design, r.metric])).toEqual([
      ['big', 'startupP95'],
    ]);
    expect(c.rows.find((r) => r.design === 'big' && r.metric === 'cost')!.verdict).toBe('worse');
    const strict = compareRuns(
      summaries,
      slower,
      new Map([
        ['cost', { relative: 0.02 }],
        ['startupP95', { relative: 0.25 }],
      ]),
    );
    expect(strict.rows.filter((r) => r.verdict === 'regression').map((r) => r.metric)).toEqual(['cost']);
  });

  it('warns of runs of different scenarios, seeds or versions, and of designs only one run has', () => {
    const other = summaries.slice(0, 1).map((s) =>
      doctor(s, (x) => {
        x.seed = 7;
        x.producedBy.scenarioSha256 = 'f'.repeat(64);
        x.producedBy.poolsim = '9.9.9';
      }),
    );
    const c = compareRuns(summaries, other);
    expect(c.missing).toEqual(['small']);
    expect(c.regressions).toBeGreaterThanOrEqual(1); // a design gone is a regression
    expect(c.warnings).toEqual([
      expect.stringMatching(
        /^design big: the runs came from different scenarios \(node-size #[0-9a-f]{8}, node-size #ffffffff\)/,
      ),
      'design big: the runs used different seeds (1, 7)',
      'the runs came from different poolsim versions (0.1.0, 9.9.9)',
    ]);
  });
});

describe('a baseline written before a metric', () => {
  const NEW = ['cpuThrottledSeconds', 'peakWorkingSet', 'oomKills', 'memoryEvictions'];
  const older = summaries.map((s) =>
    doctor(s, (x) => {
      delete x.cpu;
      delete x.memory;
    }),
  );

  it('leaves the metric out, not taken for none (null) or for 0, and says so once', () => {
    const more = summaries.map((s) =>
      doctor(s, (x) => {
        x.memory.oomKills = 5; // from 0 would be a regression, were a missing baseline 0
        x.cpu.throttledSeconds = 100;
      }),
    );
    const c = compareRuns(older, more);
    expect(c.rows).toHaveLength(2 * (METRICS.length - NEW.length));
    expect(c.rows.filter((r) => NEW.includes(r.metric))).toEqual([]);
    expect(c.regressions).toBe(0);
    expect(c.warnings).toEqual([
      `the baseline run's summary.json has no ${NEW.join(', ')} (written by an older poolsim); not compared: run it again with this poolsim to compare them`,
    ]);
  });

  it('and so when the current run lacks it; a metric present as null still counts by what null means', () => {
    expect(compareRuns(summaries, older).warnings).toEqual([
      `the current run's summary.json has no ${NEW.join(', ')} (written by an older poolsim); not compared: run it again with this poolsim to compare them`,
    ]);
    const noRecovery = summaries.map((s) => doctor(s, (x) => (x.resilience.recoverySeconds = 456)));
    const row = compareRuns(summaries, noRecovery).rows.find((r) => r.metric === 'recoverySeconds')!;
    expect([row.baseline, row.verdict]).toEqual([null, 'regression']);
  });

  it('reads a metric under any hostile shape as missing, never throwing', () => {
    const m = METRICS.find((x) => x.key === 'oomKills')!;
    for (const memory of [null, 5, 'x', [], [1, 2], { oomKills: '3' }]) {
      const s = { ...summaries[0]!, memory } as unknown as Summary;
      expect(metricValue(s, m)).toBeNull();
      expect(() => compareRuns([s], summaries)).not.toThrow();
    }
    expect(metricValue({ memory: { oomKills: 3 } }, m)).toBe(3);
    // Only the summary's own keys: nothing inherited stands in for a figure.
    expect(metricValue(Object.create({ memory: { oomKills: 3 } }), m)).toBeNull();
  });
});

describe('compare output', () => {
  it('reads every metric from summary.json, and null where an older summary lacks it', () => {
    for (const m of METRICS)
      expect(metricValue(summaries[0], m) === null || typeof metricValue(summaries[0], m) === 'number').toBe(true);
    expect(metricValue({ pods: {} }, METRICS[0]!)).toBeNull();
  });

  it('prints values with units and changes with signs', () => {
    expect(formatValue(0.0123, 'fraction')).toBe('1.23%');
    expect(formatValue(2e9, 'B')).toBe('2 GB');
    expect(formatValue(0.41, 'USD')).toBe('$0.41');
    expect(formatValue(null, 's')).toBe('—');
    // Sums over nodes or pods say so: two nodes NotReady for 4.25 s are 8.5 node-s.
    expect(formatValue(8.5, 'node-s')).toBe('8.5 node-s');
    expect(formatValue(3600, 'pod-s')).toBe('3600 pod-s');
    expect(formatValue(0.048154, 'USD/pod-h')).toBe('$0.0482/pod-h');
    expect(formatValue(12.3456, 'req/s')).toBe('12.346 req/s');
    // Memory in binary units, as Kubernetes writes it; CPU in core-seconds.
    expect([formatValue(1.5 * 2 ** 30, 'bytes'), formatValue(512 * 2 ** 20, 'bytes'), formatValue(0, 'bytes')]).toEqual(
      ['1.50 GiB', '512 MiB', '0 B'],
    );
    expect([formatValue(2.5, 'core-s'), formatValue(1, 'kills'), formatValue(3, 'kills')]).toEqual([
      '2.5 core-s',
      '1 kill',
      '3 kills',
    ]);
    expect([formatValue(1, 'pods'), formatValue(2, 'replicas'), formatValue(1, 'replicas')]).toEqual([
      '1 pod',
      '2 replicas',
      '1 replica',
    ]);
    expect([formatChange(0.2), formatChange(-0.034), formatChange(0), formatChange(Infinity)]).toEqual([
      '+20%',
      '−3.4%',
      '0%',
      '+∞',
    ]);
  });

  it('renders markdown ready for a pull request, and JSON for scripts', () => {
    const slower = summaries.map((s) =>
      doctor(s, (x) => {
        x.pods.startupSeconds.p95 *= 2;
      }),
    );
    const c = compareRuns(summaries, slower);
    const md = formatComparison(c, 'markdown');
    expect(md.split('\n').slice(0, 4)).toEqual([
      '**poolsim compare**: 2 regressions.',
      '',
      '| design | metric | baseline | current | change | verdict |',
      '| --- | --- | ---: | ---: | ---: | --- |',
    ]);
    expect(md).toContain('| big | startupP95 | 108.986 s | 217.972 s | +100% | **REGRESSION (> 10% worse)** |');
    const json = JSON.parse(formatComparison(c, 'json'));
    expect(json.regressions).toBe(2);
    expect(
      json.rows.find((r: { design: string; metric: string }) => r.design === 'small' && r.metric === 'startupP95'),
    ).toMatchObject({ verdict: 'regression', change: 1, better: 'lower' });
  });
});

describe('comparing distributions over seeds', () => {
  const dist = (mean: number, stdError: number) => ({
    n: 50,
    missing: 0,
    p5: mean,
    p50: mean,
    p95: mean,
    mean,
    stdError,
    ci95Low: mean - 2 * stdError,
    ci95High: mean + 2 * stdError,
  });
  const lower = { better: 'lower', nullMeans: 'worst' } as const;
  const ten = { relative: 0.1 };
  it.each([
    // means 100 → 120 (+20%): noise 1.96 × √(5² + 5²) = 13.86 → outside, a regression
    [dist(100, 5), dist(120, 5), 'regression'],
    // the same shift with standard errors of 10: noise 27.7 → inside, only worse
    [dist(100, 10), dist(120, 10), 'worse'],
    // within the threshold: worse whatever the noise
    [dist(100, 0.1), dist(105, 0.1), 'worse'],
    [dist(100, 5), dist(80, 5), 'better'],
  ])('%j → %j is %s', (b, c, verdict) => {
    expect(judgeDistributions(lower, b, c, ten).verdict).toBe(verdict);
  });

  it('gates on the means when both runs have distributions, and says the noise', () => {
    const withDist = (s: Summary, mean: number, se: number) =>
      doctor(s, (c) => {
        c.distributions = { startupP95: dist(mean, se) };
      });
    const base = summaries.map((s) => withDist(s, 100, 10));
    const noisy = compareRuns(
      base,
      summaries.map((s) => withDist(s, 120, 10)),
    );
    const row = noisy.rows.find((r) => r.design === 'big' && r.metric === 'startupP95')!;
    expect(row).toMatchObject({ baseline: 100, current: 120, verdict: 'worse' });
    expect(row.noise).toBeCloseTo(2.0 * Math.sqrt(200), 9); // Welch: 98 degrees of freedom → t 2.0 (the table's value at 60)
    expect(formatComparison(noisy, 'table')).toContain('worse (within the noise ±28.284 s)');
    const clear = compareRuns(
      base,
      summaries.map((s) => withDist(s, 150, 10)),
    );
    expect(clear.rows.find((r) => r.design === 'big' && r.metric === 'startupP95')!.verdict).toBe('regression');
    expect(formatComparison(clear, 'table')).toContain('REGRESSION (> 10% worse, beyond the noise ±28.284 s)');
    // A metric without a distribution on one side falls back to the first seed's value.
    expect(clear.rows.find((r) => r.design === 'big' && r.metric === 'cost')!.noise).toBeNull();
  });

  it('widens the noise for few seeds (Welch–Satterthwaite)', () => {
    const few = (mean: number) => ({ ...dist(mean, 0.04), n: 3 });
    // 1.00 → 1.15 with standard errors of 0.04 on 3 seeds each: t(4) = 2.776, noise 0.157 > 0.15.
    expect(noiseOf(few(1), few(1.15))).toBeCloseTo(2.776 * Math.sqrt(2 * 0.04 ** 2), 9);
    expect(judgeDistributions(lower, few(1), few(1.15), ten).verdict).toBe('worse');
  });

  it('calls more seeds without a start-up a regression, whatever the mean of the others', () => {
    const b = { ...dist(169, 5), n: 8, missing: 0 };
    const c = { ...dist(150, 5), n: 2, missing: 6 };
    expect(judgeDistributions(lower, b, c, ten).verdict).toBe('regression');
    expect(judgeDistributions({ better: 'lower', nullMeans: 'best' }, b, c, ten).verdict).toBe('better');
  });

  it('warns when only one run has distributions', () => {
    const c = compareRuns(
      summaries,
      summaries.map((s) =>
        doctor(s, (x) => {
          x.distributions = {};
        }),
      ),
    );
    expect(c.warnings.some((w) => w.includes('only the current run has distributions'))).toBe(true);
  });
});
