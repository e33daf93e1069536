import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { runScenario } from '../../src/run/outputs.js';
import { BAND_SERIES, type BandRow } from '../../src/report/bands.js';
import { elapsed, H_MM, M_SS } from '../../src/report/chart-axes.js';
import { drawChart } from '../../src/report/chart-worker.js';
import { bandChartSpec, CHART_NAMES, CHART_POINTS, chartSpecs, type ChartInput } from '../../src/report/charts.js';
import { API_COLUMNS, POOL_COLUMNS, TIMELINE_COLUMNS } from '../../src/report/columns.js';
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
      'cores',
      'bytes',
      'gib',
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

// A spec's layers (of the chart, or of each facet's cell) and the one drawing the data (the last).
type Layer = { mark: { type: string; text?: string }; encoding: Record<string, any>; transform?: unknown[] };
const layers = (spec: TopLevelSpec | null): Layer[] => (spec as any).layer ?? (spec as any).spec.layer;
const main = (spec: TopLevelSpec | null) => layers(spec).at(-1)!;
const TIME_CHARTS = ['replicas', 'pending', 'nodes', 'api', 'cost'] as const;
// Time charts of a figure against its reference, dashed by series rather than by design.
const USAGE_CHARTS = ['cpu', 'memory'] as const;
// What Vega makes of an axis' labelExpr for a tick at `value`.
async function tickLabel(labelExpr: string, value: number): Promise<string> {
  const transform = [{ type: 'formula', expr: labelExpr, as: 'label' }];
  const view = new vega.View(vega.parse({ data: [{ name: 'tick', values: [{ value }], transform }] } as any));
  await view.runAsync();
  const label = view.data('tick')[0].label as string;
  view.finalize();
  return label;
}

describe('time axes', () => {
  it('read elapsed h:mm at round steps: 5400 s is 1:30', async () => {
    for (const set of [[charts[0]!], charts])
      for (const name of [...TIME_CHARTS, ...USAGE_CHARTS]) {
        const x = main(chartSpecs(set)[name]).encoding.x;
        expect([x.field, x.title, x.axis.labelExpr], name).toEqual(['time_s', 'elapsed (h:mm)', H_MM]);
        expect(x.axis.values, name).toEqual([0, 600, 1200, 1800, 2400, 3000, 3600]); // a 1 h run, every 10 minutes
      }
    const labels = await Promise.all([5400, 0, 59, 3600, 86_400 + 15 * 60].map((s) => tickLabel(H_MM, s)));
    expect(labels).toEqual(['1:30', '0:00', '0:00', '1:00', '24:15']);
  });

  it('step by round hours on a day, and read m:ss under 10 minutes (h:mm would repeat its labels)', async () => {
    expect(elapsed(86_400).axis.values).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => h * 3600));
    expect(elapsed(7200).axis.values.slice(0, 3)).toEqual([0, 900, 1800]); // 8 ticks of 15 minutes
    expect(elapsed(30 * 86_400).axis.values.slice(0, 2)).toEqual([0, 3 * 86_400]); // whole days past 10 of them
    const short = elapsed(300);
    expect([short.title, short.axis.labelExpr, short.axis.values.slice(0, 3)]).toEqual([
      'elapsed (m:ss)',
      M_SS,
      [0, 30, 60],
    ]);
    expect(await Promise.all([90, 0, 299.5].map((s) => tickLabel(M_SS, s)))).toEqual(['1:30', '0:00', '4:59']);
    expect(main(bandChartSpec([{ ...charts[0]!, bands: [] }])).encoding.x.axis.labelExpr).toBe(M_SS); // no samples: 0 s
  });
});

describe('overlaid designs', () => {
  it("differ in colour and in dash, in the designs' order; a faceted row per series where one design has several", () => {
    const designs = charts.map((c) => c.design);
    for (const name of TIME_CHARTS) {
      const { color, strokeDash } = main(chartSpecs(charts)[name]).encoding;
      expect([color.field, color.sort, strokeDash.field, strokeDash.sort], name).toEqual([
        'design',
        designs,
        'design',
        designs,
      ]);
      expect(strokeDash.scale.range[0], name).toEqual([1, 0]); // the first, drawn beneath the others, solid
    }
    expect((chartSpecs(charts).replicas as any).facet.row.field).toBe('series');
    expect((chartSpecs(charts).nodes as any).facet.row.field).toBe('state');
    // One design: desired and ready replicas, which coincide most of the time, told apart the same way.
    const alone = main(chartSpecs([charts[0]!]).replicas).encoding;
    expect([alone.color.field, alone.strokeDash.field]).toEqual(['series', 'series']);
    expect(main(chartSpecs([charts[0]!]).pending).encoding.strokeDash).toBeUndefined();
  });

  it('draw each design with its own dash', async () => {
    const { svg } = await drawChart(chartSpecs(charts).pending);
    const dashes = new Set(
      [...svg.matchAll(/aria-roledescription="line mark"[^>]*stroke-dasharray="([^"]+)"/g)].map((m) => m[1]),
    );
    expect([...dashes].sort()).toEqual(['1,0', '8,4']);
  });
});

describe('CPU and memory charts', () => {
  const GiB = 2 ** 30;
  // Two workloads and two pools, two samples: what the charts must sum.
  const row = (time_s: number, workload: string, used: number, requested: number, bytes: number) => ({
    ...Object.fromEntries(TIMELINE_COLUMNS.map((c) => [c, 0])),
    time_s,
    workload,
    cpu_used_cores: used,
    cpu_requested_cores: requested,
    memory_working_set_bytes: bytes,
  });
  const pool = (time_s: number, name: string, bytes: number) => ({
    ...Object.fromEntries(POOL_COLUMNS.map((c) => [c, 0])),
    time_s,
    pool: name,
    fullest_node: `${name}-0`,
    memory_allocatable_bytes: bytes,
  });
  const input = (design: string): ChartInput => ({
    ...charts[0]!,
    design,
    timeline: [
      row(0, 'a', 0.5, 0.25, GiB),
      row(0, 'b', 0.25, 0.25, 2 * GiB),
      row(10, 'a', 1, 0.25, GiB),
      row(10, 'b', 0.25, 0.25, 2.5 * GiB),
    ] as unknown as ChartInput['timeline'],
    pools: [pool(0, 'p', 4 * GiB), pool(0, 'q', 8 * GiB), pool(10, 'p', 4 * GiB), pool(10, 'q', 12 * GiB)] as never,
  });
  // What the chart's main mark draws, as Vega aggregates it: [time, design, series, value].
  async function drawn(spec: TopLevelSpec, field: string): Promise<Array<[number, string, string, number]>> {
    const compiled = compile(spec).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    await view.runAsync();
    const data = compiled.data!.map((d) => view.data(d.name) as Array<Record<string, any>>);
    const rows = data
      .find((d) => d.length > 0 && field in d[0]!)!
      .map((r): [number, string, string, number] => [r.time_s, r.design, r.series, r[field]]);
    view.finalize();
    return rows.sort((x, y) => x[0] - y[0] || x[2].localeCompare(y[2]));
  }

  it('draw CPU used against requested, in cores summed over the workloads', async () => {
    expect(await drawn(chartSpecs([input('d')]).cpu, 'sum_cores')).toEqual([
      [0, 'd', 'requested', 0.5],
      [0, 'd', 'used', 0.75],
      [10, 'd', 'requested', 0.5],
      [10, 'd', 'used', 1.25],
    ]);
  });

  it('draw the working sets summed over the workloads against the allocatable memory summed over the pools, in GiB', async () => {
    expect(await drawn(chartSpecs([input('d')]).memory, 'sum_gib')).toEqual([
      [0, 'd', 'allocatable', 12],
      [0, 'd', 'working set', 3],
      [10, 'd', 'allocatable', 16],
      [10, 'd', 'working set', 3.5],
    ]);
    expect(main(chartSpecs([input('d')]).memory).encoding.y.title).toBe('memory (GiB)');
  });

  it("colour each design, dash the reference (requested, allocatable), and give each design a row when overlaid, its lines often the others'", () => {
    const designs = ['one', 'two'];
    for (const [name, series] of [
      ['cpu', ['used', 'requested']],
      ['memory', ['working set', 'allocatable']],
    ] as const) {
      for (const set of [[input('one')], designs.map(input)]) {
        const { color, strokeDash } = main(chartSpecs(set)[name]).encoding;
        expect([color.field, color.sort], name).toEqual(['design', set.map((i) => i.design)]);
        expect(strokeDash, name).toMatchObject({ field: 'series', sort: series, scale: { domain: series } });
        expect(strokeDash.scale.range, name).toEqual([
          [1, 0],
          [8, 4],
        ]);
      }
      expect((chartSpecs(designs.map(input))[name] as any).facet.row, name).toMatchObject({
        field: 'design',
        sort: designs,
      });
      expect((chartSpecs([input('one')])[name] as any).facet, name).toBeUndefined();
    }
  });

  it('draw a bundled run: a row per design, its pods requesting CPU throughout', async () => {
    const values = (chartSpecs(charts).cpu as any).data.values as Array<Record<string, number | string>>;
    for (const design of ['big', 'small']) {
      const mine = values.filter((v) => v.design === design && Number(v.time_s) > 0);
      expect(mine.length, design).toBeGreaterThan(0);
      expect(
        mine.every((v) => Number(v.cpu_requested_cores) > 0),
        design,
      ).toBe(true);
    }
    const { svg } = await drawChart(chartSpecs(charts).memory);
    expect(svg).toContain('Memory: working set and allocatable (by design)');
    expect(svg).toContain('>big</text>');
    expect(svg).toContain('>small</text>');
  });
});

describe('warm-up', () => {
  const warm = charts.map((c) => ({ ...c, warmupSeconds: 600 }));
  const shading = (spec: TopLevelSpec | null) => layers(spec).filter((l) => l.mark.type === 'rect');
  const label = (spec: TopLevelSpec | null) => layers(spec).filter((l) => l.mark.text === 'warm-up');

  it('is shaded from 0 to warmupSeconds and labelled on every time chart, and only with one', () => {
    const bands = (set: ChartInput[]) => set.map((c) => ({ ...c, bands: [] as BandRow[] }));
    for (const set of [[warm[0]!], warm]) {
      const specs = chartSpecs(set);
      for (const spec of [...[...TIME_CHARTS, ...USAGE_CHARTS].map((name) => specs[name]), bandChartSpec(bands(set))]) {
        expect(shading(spec).map((l) => [l.encoding.x.datum, l.encoding.x2.datum])).toEqual([[0, 600]]);
        expect(label(spec)).toHaveLength(1);
      }
    }
    for (const set of [[charts[0]!], charts, charts.map((c) => ({ ...c, warmupSeconds: 0 }))]) {
      const specs = chartSpecs(set);
      for (const spec of [...[...TIME_CHARTS, ...USAGE_CHARTS].map((name) => specs[name]), bandChartSpec(bands(set))])
        expect([...shading(spec), ...label(spec)]).toEqual([]);
    }
  });

  it('reaches no further than the run', () => {
    const long = charts.map((c) => ({ ...c, warmupSeconds: 99_999 }));
    expect(shading(chartSpecs(long).cost)[0]!.encoding.x2.datum).toBe(3600);
  });

  it('is drawn: a grey band under the lines, once per facet row', async () => {
    const { svg } = await drawChart(chartSpecs(warm).replicas);
    expect(svg.match(/>warm-up</g)).toHaveLength(2); // desired and ready replicas
    // The first 600 s of 3600 across 640 px, all the row's height.
    expect(svg).toContain('aria-roledescription="rect mark container"><path d="M0,0h106.66666666666666v100h');
    expect((await drawChart(chartSpecs(charts).replicas)).svg).not.toContain('warm-up');
  });
});

describe('axes of all-zero values', () => {
  const texts = (svg: string) => [...svg.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const zero = (c: ChartInput): ChartInput => ({
    ...c,
    timeline: c.timeline.map((r) => ({ ...r, pending_pods: 0 })),
  });

  it('read 0 to 1 with short labels, not a lone 0.000000', async () => {
    const spec = chartSpecs([zero(charts[0]!)]).pending;
    expect(main(spec).encoding.y).toMatchObject({ scale: { domain: [0, 1] }, axis: { format: ',~r', tickMinStep: 1 } });
    const labels = texts((await drawChart(spec)).svg);
    expect(labels.filter((l) => l.includes('0.000000'))).toEqual([]);
    expect(labels).toEqual(expect.arrayContaining(['0', '1']));
    // With values, the scale is Vega's own.
    expect(main(chartSpecs([charts[0]!]).pending).encoding.y.scale).toBeUndefined();
  });

  it('read 0 to 1 in a band row of zeros, the other rows their own', async () => {
    const cost = (series: string) => (series === 'cost_usd' ? 0.02 : 0);
    const bands = [0, 60].flatMap((time_s) =>
      BAND_SERIES.map((series) => ({ time_s, series, p5: 0, p50: cost(series), p95: 0 })),
    );
    const spec = bandChartSpec([{ ...charts[0]!, bands }])!;
    const rule = layers(spec).find((l) => l.mark.type === 'rule')!;
    expect(rule.transform![0]).toEqual({
      filter: { field: 'series', oneOf: BAND_SERIES.filter((s) => s !== 'cost_usd') },
    });
    const labels = texts((await drawChart(spec)).svg);
    expect(labels.filter((l) => l.includes('0.000000'))).toEqual([]);
    expect(labels.filter((l) => l === '1')).toHaveLength(BAND_SERIES.length - 1); // each zero row's top
    expect(labels).toContain('0.02'); // the cost row's top: not stretched to 1
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
    // One vega-lite refuses to compile (here, before any thread sees it) is not drawn either.
    const refused = { mark: 'nonsense', data: { values: [] } } as unknown as TopLevelSpec;
    await expect(renderChart(refused)).rejects.toBeInstanceOf(ChartNotDrawn);
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
    const pools: Array<Record<string, number | string>> = [];
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
          cpu_used_cores: at(0.4111 + w / 10, 64, 0, 2 + noise(5) / 10),
          cpu_requested_cores: desired / 4,
        });
      });
      for (const pool of ['main', 'spot'])
        pools.push({
          ...Object.fromEntries(POOL_COLUMNS.map((c) => [c, 0])),
          time_s,
          pool,
          memory_allocatable_bytes: at(pool === 'main' ? 0.3779 : 0.5581, 9e11, 1e6, 4e10 + noise(9) * 1e8),
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
      pools: pools as unknown as ChartInput['pools'],
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
      chart: 'cpu',
      data: (set) => values(chartSpecs(set).cpu),
      full: timelineRows(false),
      seriesBy: ['design'],
      plotted: ['cpu_used_cores', 'cpu_requested_cores'],
      sets: [...overlaid, ...alone],
    },
    {
      // The memory chart's pool rows (its timeline rows are the cpu chart's kind).
      chart: 'memory (allocatable)',
      data: (set) => values(chartSpecs(set).memory).filter((r) => 'memory_allocatable_bytes' in r),
      full: (i) => i.pools as Data,
      seriesBy: ['design'],
      plotted: ['memory_allocatable_bytes'],
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

  it("leave a series of CHART_POINTS samples or fewer whole (a bundled scenario's too)", () => {
    const atBound = input('bound', CHART_POINTS, ['web']);
    expect(values(chartSpecs([atBound]).pending)).toHaveLength(CHART_POINTS);
    expect(values(chartSpecs([atBound]).api)).toHaveLength(atBound.api.length);
    expect(values(bandChartSpec([atBound]))).toHaveLength(atBound.bands!.length);
    expect(values(chartSpecs([input('over', CHART_POINTS + 1, ['web'])]).pending).length).toBeLessThan(CHART_POINTS);
    expect(values(chartSpecs(charts).replicas)).toHaveLength(charts.reduce((n, c) => n + c.timeline.length, 0));
  });
});
