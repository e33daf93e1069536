import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { runScenario } from '../../src/run/outputs.js';
import { CHART_NAMES, chartSpecs } from '../../src/report/charts.js';
import { API_COLUMNS, TIMELINE_COLUMNS } from '../../src/report/columns.js';
import { renderChart } from '../../src/report/render-charts.js';
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

  it('are the same bytes every time', async () => {
    const [a, b] = [await renderChart(chartSpecs(charts).startup), await renderChart(chartSpecs(charts).startup)];
    expect(a.svg).toBe(b.svg);
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true);
  });
});
