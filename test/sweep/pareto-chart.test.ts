// The Pareto chart of a sweep: its points named by their varied values, its axes from zero.
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { drawChart } from '../../src/report/chart-worker.js';
import { paretoChartSpec, type SweepRow, variantLabel } from '../../src/sweep/outputs.js';
import type { SweepPlan } from '../../src/sweep/shard.js';
import { variants } from '../../src/sweep/plan.js';

const vary = [
  { path: 'pools.main.instanceType', values: ['e2-standard-2', 'e2-standard-8', 'e2-highmem-4'] },
  { path: 'pools.main.max', values: [4, 8] },
];
const plan: SweepPlan = {
  scenario: 'node-size',
  design: 'big',
  seeds: 1,
  firstSeed: 1,
  vary,
  variants: variants(vary),
  scenarioSha256: '0'.repeat(64),
};
// v1 e2-standard-2 max 4 … v6 e2-highmem-4 max 8: cost, p95 start-up, unserved fraction and whether on the front.
const figures: Array<[number, number | null, number, boolean]> = [
  [0.27, 231, 0, true],
  [0.3, 240, 0, false],
  [0.51, 107, 0, false],
  [0.6, 120, 0, false],
  [0.35, 100, 0, true], // e2-highmem-4 at max 4 and 8: one point
  [0.35, 100, 0, true],
];
const rows = (unserved = 0): SweepRow[] =>
  plan.variants.map((v, i) => {
    const [costUsd, startupP95S, unservedFraction, pareto] = figures[i]!;
    const nothing = { pendingPodSeconds: 0, peakPending: 0, nodesPeak: 1, neverReady: 0 };
    return {
      variant: v.name,
      values: v.values,
      costUsd,
      startupP95S,
      unservedFraction: unservedFraction + unserved * i,
      pareto,
      ...nothing,
    };
  });
type Point = Record<string, unknown>;
const points = (r = rows()) => (paretoChartSpec(plan, r) as { data: { values: Point[] } }).data.values;
const layer = (r: SweepRow[], k: number) => (paretoChartSpec(plan, r) as any).layer[k];

describe('variantLabel', () => {
  it.each<[unknown[][], string]>([
    [[['e2-standard-8', 8]], 'e2-standard-8, max 8'],
    [[[{ cpu: 4, memory: '32Gi' }, 8]], 'instanceType {"cpu":4,"memory":"32Gi"}, max 8'],
    // Every combination of their values: one label.
    [
      [
        ['e2-highmem-4', 4],
        ['e2-highmem-4', 8],
      ],
      'e2-highmem-4, max 4/8',
    ],
    [
      [
        ['a', 4],
        ['b', 4],
        ['a', 8],
        ['b', 8],
      ],
      'a/b, max 4/8',
    ],
    // Not every combination: each in turn.
    [
      [
        ['a', 4],
        ['b', 8],
      ],
      'a, max 4; b, max 8',
    ],
  ])('%j is %s', (values, label) => {
    expect(variantLabel(vary, values)).toBe(label);
  });
});

describe('paretoChartSpec', () => {
  it('labels every point with its varied values, variants at one point (and on the same side of the front) once', () => {
    expect(points().map((p) => [p.variant, p.label])).toEqual([
      ['v1', 'e2-standard-2, max 4'],
      ['v2', 'e2-standard-2, max 8'],
      ['v3', 'e2-standard-8, max 4'],
      ['v4', 'e2-standard-8, max 8'],
      ['v5', 'e2-highmem-4, max 4/8'],
      ['v6', ''],
    ]);
    expect(layer(rows(), 3)).toMatchObject({ mark: { type: 'text' }, encoding: { text: { field: 'label' } } });
  });

  it('marks a variant that leaves pods never Ready apart from the dominated ones', () => {
    const short = rows().map((r, i) => (i === 1 ? { ...r, neverReady: 2 } : r));
    expect(points(short).map((p) => p.front)).toEqual([
      'Pareto front',
      'never Ready pods',
      'dominated',
      'dominated',
      'Pareto front',
      'Pareto front',
    ]);
  });

  it('leaves out variants with no start-up, and labels what is left', () => {
    const some = rows().map((r, i) => (i === 0 ? { ...r, startupP95S: null } : r));
    expect(points(some).map((p) => p.variant)).toEqual(['v2', 'v3', 'v4', 'v5', 'v6']);
    expect(points(some).filter((p) => p.label !== '')).toHaveLength(4);
  });

  it('starts both axes at zero and ends them at a round number', () => {
    for (const k of [0, 1, 2, 3]) {
      const { x, y } = layer(rows(), k).encoding;
      expect([x.scale, y.scale], `layer ${k}`).toEqual([
        { domain: [0, 0.6], nice: false },
        { domain: [0, 250], nice: false },
      ]);
    }
  });

  it('sizes points by unserved load only when there is some, with short legend labels', () => {
    expect(layer(rows(), 1).encoding.size).toBeUndefined();
    expect(layer(rows(0.001), 1).encoding.size).toMatchObject({ field: 'unserved_percent', legend: { format: ',~r' } });
  });

  it('draws the labels, and no 0.000000', async () => {
    const spec = paretoChartSpec(plan, rows());
    expect(compile(spec).spec.marks!.length).toBeGreaterThan(0);
    const { svg } = await drawChart(spec);
    const texts = [...svg.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['e2-standard-2, max 4', 'e2-highmem-4, max 4/8', '0']));
    expect(texts.filter((t) => t!.includes('0.000000'))).toEqual([]);
  });
});
