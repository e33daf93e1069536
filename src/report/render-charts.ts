// Charts rendered headlessly: Vega-Lite compiled to Vega, drawn to SVG by vega's View with no
// renderer, and to PNG by resvg with the bundled DejaVu Sans (without a font, resvg silently drops
// every text), so the images are the same on every machine.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { BAND_CHART, bandChartSpec, CHART_FONT, CHART_NAMES, chartSpecs, type ChartInput } from './charts.js';

const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** renderChart draws one spec as SVG and as PNG (twice the SVG's size, for sharp text). */
export async function renderChart(spec: TopLevelSpec): Promise<{ svg: string; png: Uint8Array }> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'zoom', value: 2 },
  })
    .render()
    .asPng();
  return { svg, png };
}

/** chartFiles are every chart of a run, per design (`<design>/charts/`) and overlaid (`charts/`), as .vl.json, .svg and .png. */
export async function chartFiles(
  inputs: readonly ChartInput[],
  progress: (message: string) => void = () => {},
): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const sets: Array<[string, readonly ChartInput[]]> = [
    ...inputs.map((i): [string, readonly ChartInput[]] => [`${i.design}/charts`, [i]]),
    ['charts', inputs],
  ];
  for (const [dir, set] of sets) {
    progress(`drawing ${dir}/`);
    const specs = chartSpecs(set);
    const band = bandChartSpec(set);
    const named: Array<[string, TopLevelSpec]> = [
      ...CHART_NAMES.map((name): [string, TopLevelSpec] => [name, specs[name]]),
      ...(band === null ? [] : [[BAND_CHART, band] as [string, TopLevelSpec]]),
    ];
    for (const [name, spec] of named) {
      files.set(`${dir}/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
      // A chart with nothing to draw (no workload, no pod Ready) has no size: its spec is all there is.
      const drawn = await renderChart(spec).catch(() => null);
      if (drawn === null) continue;
      files.set(`${dir}/${name}.svg`, drawn.svg);
      files.set(`${dir}/${name}.png`, drawn.png);
    }
  }
  return files;
}
