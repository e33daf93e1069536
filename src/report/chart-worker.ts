// Drawing one chart headlessly: a Vega spec (chart-compile.ts compiles Vega-Lite on the thread
// that writes the run) drawn to SVG by vega's View with no renderer, and to PNG by resvg with the bundled DejaVu Sans (without a font, resvg silently drops
// every text), so the images are the same on every machine. This module is also the chart worker
// thread's (render-charts.ts runs drawChartTask there): drawing holds its thread for seconds at a
// time, and the CLI's thread must stay free to answer Ctrl-C.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './charts.js';
import { encodePng } from './png.js';

const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** DrawnChart is a chart as SVG and as PNG. */
export interface DrawnChart {
  readonly svg: string;
  readonly png: Uint8Array;
}

/** drawChart compiles a Vega-Lite spec and draws it (drawVegaChart), in this thread. */
export async function drawChart(spec: TopLevelSpec): Promise<DrawnChart> {
  const { compileChart } = await import('./chart-compile.js');
  return drawVegaChart(compileChart(spec));
}

/** drawVegaChart draws one Vega spec as SVG and as PNG (twice the SVG's size, for sharp text), in this thread. */
export async function drawVegaChart(spec: vega.Spec): Promise<DrawnChart> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const image = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'zoom', value: 2 },
  }).render();
  return { svg, png: encodePng(image.width, image.height, image.pixels) };
}

/**
 * ChartTaskResult is what the worker answers: the drawn chart, or why this chart could not be drawn
 * (a chart with nothing to draw has no size). A failure of the worker itself rejects the task instead.
 */
export type ChartTaskResult = { readonly drawn: DrawnChart } | { readonly notDrawn: string };

/** drawChartTask is the worker's task: drawVegaChart, its failure as an answer. */
export async function drawChartTask(spec: vega.Spec): Promise<ChartTaskResult> {
  try {
    return { drawn: await drawVegaChart(spec) };
  } catch (e) {
    return { notDrawn: e instanceof Error ? e.message : String(e) };
  }
}
