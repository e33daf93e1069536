import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { runScenario } from '../../src/run/outputs.js';
import { BAND_SERIES, type BandRow } from '../../src/report/bands.js';
import { drawChart } from '../../src/report/chart-worker.js';
import { bandChartSpec, CHART_NAMES, CHART_POINTS, chartSpecs, type ChartInput } from '../../src/report/charts.js';
import { API_COLUMNS, TIMELINE_COLUMNS } from '../../src/report/columns.js';
import { ChartNotDrawn, renderChart } from '../../src/report/render-charts.js';
import { loadScenario } from '../../src/scenario/load.js';

const { charts } = runScenario(loadScenario('scenarios/node-size.yaml').scenario!, []);

describe('chart specs', () => {
  it('cover every chart, per design and overlaid, and compile to Vega', () => {
    for (const set of [[charts[0]!], charts]) {
      const specs = chartSpecs(set);
      expect(Object.keys(specs)).toEqual([...CHART_NAMES]);
      for (const name of CHART_NAMES) expect(compile(specs[name]).spec.marks!.length).toBeGreaterThan(0);
    }
  });

  it('read the CSV columns by their shared names', () => {
    const fields = JSON.stringify(chartSpecs(charts))
      .match(/"field":"[a-z_]+"/g)!
      .map((f) => f.slice(9, -1));
    const known = new Set<string>([
      ...TIMELINE_COLUMNS,
      ...API_COLUMNS,
      'design',
      'series',
      'pods',
      'state',
      'nodes',
      'step',
      'seconds',
      'source',
      'gigabytes',
      'pod',
      'created_s',
      'stepIndex',
    ]);
    expect(fields.filter((f) => !known.has(f))).toEqual([]);
  });

  it('show each design in the overlays, and one design alone otherwise', () => {
    const overlay = JSON.stringify(chartSpecs(charts).cost);
    expect(overlay).toContain('"design":"big"');
    expect(overlay).toContain('"design":"small"');
    expect(JSON.stringify(chartSpecs([charts[1]!]).cost)).not.toContain('"design":"big"');
  });
});

describe('rendered charts', () => {
  it('are SVG with their text, and PNG of twice the size with the bundled font', async () => {
    const { svg, png } = await renderChart(chartSpecs(charts).nodes);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Nodes by state (by design)');
    expect(svg).toContain('font-family="DejaVu Sans');
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(Buffer.from(png).readUInt32BE(16)).toBe(2 * width); // the IHDR width
  });

  it('are the same bytes every time, on a worker thread as in this one', async () => {
    const [a, b] = [await renderChart(chartSpecs(charts).startup), await renderChart(chartSpecs(charts).startup)];
    const here = await drawChart(chartSpecs(charts).startup);
    for (const other of [b, here]) {
      expect(other.svg).toBe(a.svg);
      expect(Buffer.from(other.png).equals(Buffer.from(a.png))).toBe(true);
    }
  });

  it('say so when a chart has nothing to draw (no size), apart from a failing worker', async () => {
    const empty: ChartInput = { ...charts[0]!, timeline: [], api: [], startups: [] };
    await expect(renderChart(chartSpecs([empty]).replicas)).rejects.toBeInstanceOf(ChartNotDrawn);
  });
});

// A month at 10 s is 268k samples a series; the charts draw at most CHART_POINTS of them.
describe('chart data of a long run', () => {
  const N = 300_000;
  let seed = 17;
  const noise = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) - (n >> 1);
  // One design's samples: waves and noise, each series with a lone spike and dip at odd places;
  // the cluster-wide columns repeat on every workload's row, as in a run.
  const input = (design: string, samples: number, workloads: readonly string[]): ChartInput => {
    const timeline: Array<Record<string, number | string>> = [];
    const api: Array<Record<string, number | string>> = [];
    let cost = 0;
    for (let i = 0; i < samples; i++) {
      const at = (k: number, spike: number, dip: number, v: number) =>
        i === Math.floor(samples * k) ? spike : i === Math.floor(samples * (1 - k)) ? dip : v;
      const time_s = i * 10;
      cost += 0.001 + Math.max(0, noise(3)) / 1000;
      const cluster = {
        nodes_ready: at(0.3137, 41, 0, 8 + Math.round(4 * Math.sin(i / 7000)) + noise(3)),
        nodes_provisioning: at(0.6211, 17, 0, Math.max(0, noise(3))),
        nodes_not_ready: at(0.1571, 9, 0, 0),
        api_rps: at(0.4443, 9000, -1, 100 + noise(50)),
        cost_usd: cost,
      };
      workloads.forEach((workload, w) => {
        const desired = at(0.2719 + w / 10, 500, 1, 20 + Math.round(10 * Math.sin(i / 5000)) + noise(5));
        timeline.push({
          ...Object.fromEntries(TIMELINE_COLUMNS.map((c) => [c, 0])),
          ...cluster,
          time_s,
          workload,
          desired_replicas: desired,
          ready_pods: at(0.5077 + w / 10, 700, -3, desired - Math.max(0, noise(4))),
          pending_pods: at(0.8123 - w / 10, 57, 0, Math.max(0, noise(4))),
        });
      });
      for (const [kind, base] of [
        ['lease', 30],
        ['nodeStatus', 60],
      ] as const)
        api.push({
          time_s,
          kind,
          requests_per_second: at(kind === 'lease' ? 0.7321 : 0.0613, 5000, 0, base + noise(9)),
        });
    }
    const bands: BandRow[] = [];
    for (let i = 0; i < samples / 10; i++)
      for (const series of BAND_SERIES) {
        const p50 = (series === 'pending_pods' && i === 12_345 % Math.ceil(samples / 10) ? 80 : 10) + noise(7);
        bands.push({ time_s: i * 30, series, p5: p50 - 2, p50, p95: i === 4_321 ? 99 : p50 + 2 });
      }
    return {
      design,
      timeline: timeline as unknown as ChartInput['timeline'],
      api: api as unknown as ChartInput['api'],
      startups: [],
      summary: charts[0]!.summary,
      bands,
    };
  };
  const long = [input('month', N, ['web']), input('two', N / 6, ['web', 'worker'])];
  type Data = ReadonlyArray<Readonly<Record<string, number | string>>>;
  const values = (spec: TopLevelSpec | null) => (spec as { data: { values: Data } }).data.values;
  const timelineRows = (perTime: boolean) => (i: ChartInput) =>
    i.timeline.filter((r) => !perTime || r.workload === i.timeline[0]!.workload) as Data;

  const overlaid = [long];
  const alone = [[long[0]!], [long[1]!]];
  const maxOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), -Infinity);
  const minOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.min(m, x), Infinity);

  // Each chart: its data thinned, the same rows unthinned, what tells its series apart, the values
  // it plots (summed over the rows of a time), and its sets of designs (overlaid, or one alone).
  it.each<{
    chart: string;
    data: (set: ChartInput[]) => Data;
    full: (i: ChartInput) => Data;
    seriesBy: string[];
    plotted: string[];
    sets: ChartInput[][];
  }>([
    {
      chart: 'replicas',
      data: (set) => values(chartSpecs(set).replicas),
      full: timelineRows(false),
      seriesBy: ['design'],
      plotted: ['desired_replicas', 'ready_pods'],
      sets: [...overlaid, ...alone],
    },
    {
      chart: 'pending',
      data: (set) => values(chartSpecs(set).pending),
      full: timelineRows(false),
      seriesBy: ['design'],
      plotted: ['pending_pods'],
      sets: [...overlaid, ...alone],
    },
    {
      chart: 'nodes',
      data: (set) => values(chartSpecs(set).nodes),
      full: timelineRows(true),
      seriesBy: ['design'],
      plotted: ['nodes_ready', 'nodes_provisioning', 'nodes_not_ready'],
      sets: [...overlaid, ...alone],
    },
    {
      chart: 'cost',
      data: (set) => values(chartSpecs(set).cost),
      full: timelineRows(true),
      seriesBy: ['design'],
      plotted: ['cost_usd'],
      sets: [...overlaid, ...alone],
    },
    {
      chart: 'api (by design)',
      data: (set) => values(chartSpecs(set).api),
      full: timelineRows(true),
      seriesBy: ['design'],
      plotted: ['api_rps'],
      sets: overlaid,
    },
    {
      chart: 'api (by kind)',
      data: (set) => values(chartSpecs(set).api),
      full: (i) => i.api as Data,
      seriesBy: ['kind'],
      plotted: ['requests_per_second'],
      sets: alone,
    },
    {
      chart: 'bands',
      data: (set) => values(bandChartSpec(set)),
      full: (i) => i.bands as unknown as Data,
      seriesBy: ['design', 'series'],
      plotted: ['p5', 'p50', 'p95'],
      sets: [...overlaid, ...alone],
    },
  ])(
    '$chart: at most CHART_POINTS a series, its extremes kept, in time order',
    ({ data, full, seriesBy, plotted, sets }) => {
      // Per series (and plotted value): time → value summed over the rows of that time, in data
      // order; `design` for rows that do not say theirs.
      const series = (rows: Data, design?: string, out = new Map<string, Map<number, number>>()) => {
        for (const r of rows)
          for (const field of plotted) {
            const key = [...seriesBy.map((k) => r[k] ?? design), field].join('/');
            const points = out.get(key) ?? out.set(key, new Map()).get(key)!;
            points.set(Number(r.time_s), (points.get(Number(r.time_s)) ?? 0) + Number(r[field]));
          }
        return out;
      };
      for (const set of sets) {
        const drawn = series(data(set));
        const all = new Map<string, Map<number, number>>();
        for (const i of set) series(full(i), i.design, all);
        expect([...drawn.keys()]).toEqual([...all.keys()]);
        for (const [key, points] of all) {
          const kept = drawn.get(key)!;
          const times = [...kept.keys()];
          expect(times.length, key).toBeLessThanOrEqual(CHART_POINTS);
          expect(times, key).toEqual([...times].sort((x, y) => x - y)); // in time order
          expect([times[0], times.at(-1)], key).toEqual([[...points.keys()][0], [...points.keys()].at(-1)]);
          for (const [t, v] of kept) expect(points.get(t), key).toBe(v); // whole samples, as they were
          const [ys, keptYs] = [[...points.values()], [...kept.values()]];
          expect([maxOf(keptYs), minOf(keptYs)], key).toEqual([maxOf(ys), minOf(ys)]);
        }
      }
    },
  );

  it('leave a series of CHART_POINTS samples or fewer whole (every bundled scenario)', () => {
    const atBound = input('bound', CHART_POINTS, ['web']);
    expect(values(chartSpecs([atBound]).pending)).toHaveLength(CHART_POINTS);
    expect(values(chartSpecs([atBound]).api)).toHaveLength(atBound.api.length);
    expect(values(bandChartSpec([atBound]))).toHaveLength(atBound.bands!.length);
    expect(values(chartSpecs([input('over', CHART_POINTS + 1, ['web'])]).pending).length).toBeLessThan(CHART_POINTS);
    expect(values(chartSpecs(charts).replicas)).toHaveLength(charts.reduce((n, c) => n + c.timeline.length, 0));
  });
});
