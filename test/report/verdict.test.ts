import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/report/distribution.js';
import type { Summary } from '../../src/report/summary.js';
import { verdict, verdictHtml, verdictText, type CriterionVerdict } from '../../src/report/verdict.js';

// A full summary.json (node-size's small design) to start from: every key of the contract is there.
const GOLDEN: Summary = JSON.parse(readFileSync('test/golden/node-size/small/summary.json', 'utf8'));

/** Figures is what a table row sets of a design; the rest is the golden summary's. */
interface Figures {
  cost?: number;
  startupP95?: number | null;
  unserved?: number;
  pending?: number;
  apiPeak?: number;
  onOneNode?: number;
  neverReady?: number;
  distributions?: Record<string, Distribution>;
}

// makeSummary: design `name` with `f`'s figures, every pod Ready and all load served unless told otherwise.
function makeSummary(name: string, f: Figures = {}): Summary {
  const s: any = structuredClone(GOLDEN);
  s.design = name;
  s.cost.total = f.cost ?? 5;
  s.pods.startupSeconds.p95 = f.startupP95 === undefined ? 60 : f.startupP95;
  s.load.unservedFraction = f.unserved ?? 0;
  s.pods.pendingPodSeconds = f.pending ?? 500;
  s.api.peakRps = f.apiPeak ?? 20;
  s.resilience.maxReplicasOnOneNode = f.onOneNode ?? 2;
  s.pods.neverReady = f.neverReady ?? 0;
  s.pods.pendingAtEnd = 0;
  if (f.distributions !== undefined) {
    s.seeds = { first: 1, count: 20 };
    s.distributions = f.distributions;
  }
  return s;
}

const line = (lines: ReturnType<typeof verdict>, metric: string) =>
  lines.find((l): l is CriterionVerdict => l.outcome !== 'alone' && l.metric === metric)!;
const textOf = (summaries: Summary[], metric: string) =>
  verdictText(verdict(summaries))
    .split('\n')
    .find((l) => l.startsWith(`  ${line(verdict(summaries), metric).criterion}:`))!
    .trim();

describe('verdict: the best design per criterion, and by how much', () => {
  it.each([
    // 6.60 − 5.40 = 1.20, 1.20 / 6.60 = 18%
    [
      'cost',
      [{ cost: 6.6 }, { cost: 5.4 }, { cost: 7 }],
      'b',
      'a',
      1.2,
      'cost: b is best at $5.40, $1.20 (18%) cheaper than a',
    ],
    // 120 − 45 = 75 s, 75 / 120 = 63%
    [
      'startupP95',
      [{ startupP95: 120 }, { startupP95: 180 }, { startupP95: 45 }],
      'c',
      'a',
      75,
      'start-up p95: c is best at 45 s, 75 s (63%) faster than a',
    ],
    // 0.05 − 0.02 = 3 points, 3 / 5 = 60%
    [
      'unservedFraction',
      [{ unserved: 0.05 }, { unserved: 0.02 }, { unserved: 0.1 }],
      'b',
      'a',
      0.03,
      'unserved load: b is best at 2%, 3 percentage points (60%) less than a',
    ],
    // 5400 − 3600 = 1800 pod-s, 1800 / 5400 = 33%
    [
      'pendingPodSeconds',
      [{ pending: 3600 }, { pending: 5400 }, { pending: 9000 }],
      'a',
      'b',
      1800,
      'pending pod-time: a is best at 3600 pod-s, 1800 pod-s (33%) less than b',
    ],
    // 40 − 38 = 2 req/s, 2 / 40 = 5%
    [
      'apiPeakRps',
      [{ apiPeak: 40 }, { apiPeak: 38 }, { apiPeak: 50 }],
      'b',
      'a',
      2,
      'API peak: b is best at 38 req/s, 2 req/s (5%) lower than a',
    ],
    // 6 − 3 = 3 replicas, 3 / 6 = 50%
    [
      'maxReplicasOnOneNode',
      [{ onOneNode: 6 }, { onOneNode: 12 }, { onOneNode: 3 }],
      'c',
      'a',
      3,
      'blast radius (replicas on one node): c is best at 3 replicas, 3 replicas (50%) fewer than a',
    ],
  ] as const)('%s', (metric, figures, best, runnerUp, margin, text) => {
    const summaries = figures.map((f, i) => makeSummary('abc'[i]!, f));
    const l = line(verdict(summaries), metric);
    expect(l).toMatchObject({ outcome: 'best', best: [best], runnerUp, passedOver: [] });
    expect(l.margin).toBeCloseTo(margin, 9);
    expect(textOf(summaries, metric)).toBe(text);
  });

  it('answers every criterion, in order, for the same designs', () => {
    const lines = verdict([makeSummary('a'), makeSummary('b', { cost: 4 })]);
    expect(lines.map((l) => (l.outcome === 'alone' ? l.outcome : l.metric))).toEqual([
      'cost',
      'startupP95',
      'unservedFraction',
      'pendingPodSeconds',
      'apiPeakRps',
      'maxReplicasOnOneNode',
    ]);
  });

  it('asks about OOM kills and memory evictions only when some design has any', () => {
    const withMemory = (name: string, oomKills: number, evictions: number): Summary => {
      const s: any = makeSummary(name);
      s.memory = { peakWorkingSetBytes: 2 ** 30, oomKills, evictions };
      return s;
    };
    const lines = verdict([withMemory('a', 8, 0), withMemory('b', 20, 0)]);
    expect(lines.map((l) => (l.outcome === 'alone' ? l.outcome : l.metric)).slice(6)).toEqual(['oomKills']);
    expect(line(lines, 'oomKills')).toMatchObject({ outcome: 'best', best: ['a'], runnerUp: 'b' });
    expect(verdict([withMemory('a', 0, 0), withMemory('b', 0, 0)])).toHaveLength(6);
  });

  it('ranks a design without a start-up first: every pod counts, censored, so no value means no pod had to start', () => {
    const l = line(
      verdict([makeSummary('none', { startupP95: null }), makeSummary('some', { startupP95: 90 })]),
      'startupP95',
    );
    expect(l).toMatchObject({ outcome: 'best', best: ['none'], runnerUp: 'some', margin: null, relative: null });
    expect(
      textOf([makeSummary('none', { startupP95: null }), makeSummary('some', { startupP95: 90 })], 'startupP95'),
    ).toBe('start-up p95: none is best with no pod to start in the run, against 90 s for some');
  });
});

describe('verdict: ties', () => {
  it.each([
    ['all alike', [5, 5, 5], 'tied', ['a', 'b', 'c'], null, 'cost: a, b and c are tied at $5.00'],
    // 6 − 5 = $1, 1 / 6 = 17%
    [
      'two alike, ahead',
      [5, 6, 5],
      'tied',
      ['a', 'c'],
      'b',
      'cost: a and c are tied for best at $5.00, $1.00 (17%) cheaper than b',
    ],
    // $5.001 and $5.004 print as $5.00: no win of "$0.00" is claimed.
    ['alike as printed', [5.001, 5.004], 'tied', ['a', 'b'], null, 'cost: a and b are tied at $5.00'],
  ] as const)('%s', (_, costs, outcome, best, runnerUp, text) => {
    const summaries = costs.map((cost, i) => makeSummary('abc'[i]!, { cost }));
    expect(line(verdict(summaries), 'cost')).toMatchObject({ outcome, best, runnerUp });
    expect(textOf(summaries, 'cost')).toBe(text);
  });
});

describe('verdict: over seeds', () => {
  // A distribution over 20 seeds whose 95% CI of the mean is mean ± half.
  const dist = (mean: number, half: number): Distribution => ({
    n: 20,
    missing: 0,
    p5: mean - 2 * half,
    p50: mean,
    p95: mean + 2 * half,
    mean,
    stdError: half / 2.093,
    ci95Low: mean - half,
    ci95High: mean + half,
  });
  const seeded = (name: string, cost: number, mean: number, half: number) =>
    makeSummary(name, { cost, distributions: { cost: dist(mean, half), unservedFraction: dist(0, 0) } });

  it('says the best and the runner-up are inside the noise when their CIs overlap', () => {
    // [5.0, 6.0] and [5.8, 6.6] overlap
    const summaries = [seeded('a', 9, 5.5, 0.5), seeded('b', 1, 6.2, 0.4)];
    expect(line(verdict(summaries), 'cost')).toMatchObject({ outcome: 'noise', best: ['a'], runnerUp: 'b', seeds: 20 });
    expect(textOf(summaries, 'cost')).toBe(
      'cost: a and b are inside the noise over 20 seeds (mean $5.50 against $6.20; their 95% CIs overlap)',
    );
  });

  it('names a winner on the means when the CIs are apart, whatever the first seed said', () => {
    // [5.3, 5.7] and [6.0, 6.4] are apart: 6.2 − 5.5 = 0.70, 0.7 / 6.2 = 11%
    const summaries = [seeded('a', 9, 5.5, 0.2), seeded('b', 1, 6.2, 0.2)];
    const l = line(verdict(summaries), 'cost');
    expect(l).toMatchObject({ outcome: 'best', best: ['a'], runnerUp: 'b', bestValue: 5.5, runnerUpValue: 6.2 });
    expect(textOf(summaries, 'cost')).toBe(
      'cost: a is best at $5.50, $0.70 (11%) cheaper than b (means over 20 seeds)',
    );
  });

  it("takes a run's own figures for a metric not every design has a distribution of", () => {
    const summaries = [seeded('a', 9, 5.5, 0.2), seeded('b', 1, 6.2, 0.2)];
    expect(line(verdict(summaries), 'startupP95')).toMatchObject({ outcome: 'tied', seeds: null });
  });
});

describe('verdict: a design that does not serve everything cannot be best on cost or start-up', () => {
  const designs = [
    makeSummary('big-nodes', { cost: 4, startupP95: 30, neverReady: 2 }),
    makeSummary('small-nodes', { cost: 5.4, startupP95: 50 }),
    makeSummary('medium-nodes', { cost: 6.6, startupP95: 40, unserved: 0.015 }),
  ];

  it('passes over the cheapest, and says why', () => {
    const l = line(verdict(designs), 'cost');
    expect(l).toMatchObject({
      outcome: 'best',
      best: ['small-nodes'],
      runnerUp: 'medium-nodes', // it ranks behind: being runner-up claims nothing for it
      passedOver: [{ design: 'big-nodes', neverReady: 2, unservedFraction: 0 }],
    });
    // 6.60 − 5.40 = 1.20, 1.20 / 6.60 = 18%
    expect(textOf(designs, 'cost')).toBe(
      'cost: big-nodes is cheapest but leaves 2 pods never Ready; among designs that serve everything, small-nodes is best at $5.40, $1.20 (18%) cheaper than medium-nodes',
    );
  });

  it('passes over every design ahead of the best that leaves something undone', () => {
    expect(textOf(designs, 'startupP95')).toBe(
      'start-up p95: big-nodes is fastest but leaves 2 pods never Ready; medium-nodes, also faster, leaves 1.5% of the load unserved; among designs that serve everything, small-nodes is best at 50 s, the only design that serves everything',
    );
  });

  it('still lets it be best on the other criteria', () => {
    const apart = [
      makeSummary('big-nodes', { pending: 100, neverReady: 2 }),
      makeSummary('small-nodes', { pending: 200 }),
    ];
    expect(line(verdict(apart), 'pendingPodSeconds')).toMatchObject({
      outcome: 'best',
      best: ['big-nodes'],
      passedOver: [],
    });
  });

  it('says so when no design serves everything, then ranks them all', () => {
    const none = [makeSummary('a', { neverReady: 1 }), makeSummary('b', { cost: 3, unserved: 0.2, neverReady: 3 })];
    expect(line(verdict(none), 'cost')).toMatchObject({
      outcome: 'best',
      noneServes: true,
      best: ['b'],
      runnerUp: 'a',
      passedOver: [
        { design: 'b', neverReady: 3, unservedFraction: 0.2 },
        { design: 'a', neverReady: 1, unservedFraction: 0 },
      ],
    });
    // 5 − 3 = 2, 2 / 5 = 40%
    expect(textOf(none, 'cost')).toBe(
      'cost: no design serves everything (b leaves 3 pods never Ready and 20% of the load unserved; a leaves 1 pod never Ready); of them all, b is best at $3.00, $2.00 (40%) cheaper than a',
    );
  });
});

describe('verdict: text and HTML', () => {
  it('has nothing to compare with one design, or none', () => {
    expect(verdict([makeSummary('only')])).toEqual([{ outcome: 'alone', design: 'only' }]);
    expect(verdictText(verdict([makeSummary('only')]))).toBe('Verdict\n  Only only: nothing to compare.');
    expect(verdictText(verdict([]))).toBe('Verdict\n  No design: nothing to compare.');
  });

  it('prints one line per criterion under a heading', () => {
    const text = verdictText(
      verdict([
        makeSummary('big-nodes', { cost: 4, neverReady: 2, startupP95: 95, apiPeak: 12, onOneNode: 8 }),
        makeSummary('small-nodes', { cost: 5.4, startupP95: 41.5, pending: 320, apiPeak: 31.25, onOneNode: 2 }),
        makeSummary('medium-nodes', { cost: 6.6, startupP95: 58, pending: 410, apiPeak: 22, onOneNode: 4 }),
      ]),
    );
    expect(text.split('\n')).toEqual([
      'Verdict',
      '  cost: big-nodes is cheapest but leaves 2 pods never Ready; among designs that serve everything, small-nodes is best at $5.40, $1.20 (18%) cheaper than medium-nodes',
      '  start-up p95: small-nodes is best at 41.5 s, 16.5 s (28%) faster than medium-nodes',
      '  unserved load: big-nodes, small-nodes and medium-nodes are tied at 0%',
      '  pending pod-time: small-nodes is best at 320 pod-s, 90 pod-s (22%) less than medium-nodes',
      '  API peak: big-nodes is best at 12 req/s, 10 req/s (45%) lower than medium-nodes',
      '  blast radius (replicas on one node): small-nodes is best at 2 replicas, 2 replicas (50%) fewer than medium-nodes',
    ]);
  });

  it('escapes every name in HTML, and strips control characters for the terminal', () => {
    const evil = makeSummary('<img src=x onerror="alert(1)">&\u001b[31m', { cost: 1 });
    const lines = verdict([evil, makeSummary('plain', { cost: 2 })]);
    const html = verdictHtml(lines);
    expect(html).toMatch(/^<section class="verdict"><h2>Verdict<\/h2><ul><li><strong>cost<\/strong>: /);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;[31m is best at $1.00');
    expect(html).not.toContain('<img');
    expect(html.match(/<li>/g)).toHaveLength(6);
    expect(verdictText(lines)).not.toContain('\u001b');
    expect(verdictHtml(verdict([evil]))).toBe(
      '<section class="verdict"><h2>Verdict</h2><ul><li>Only &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;[31m: nothing to compare.</li></ul></section>',
    );
  });
});
