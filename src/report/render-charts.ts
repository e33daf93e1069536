// Charts drawn in worker threads (chart-worker.ts does the drawing): vega and resvg hold their
// thread for seconds at a time, and this thread only waits, so it stays free to answer Ctrl-C. The
// images are the same bytes whichever thread draws them, and written in a fixed order. This thread
// compiles each Vega-Lite spec (chart-compile.ts) as it hands the chart on.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { workerFile } from '../util/worker-file.js';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { chartFolder, CompiledCharts, compileChart } from './chart-compile.js';
import type * as ChartWorker from './chart-worker.js';
import type { ChartTaskResult, DrawnChart } from './chart-worker.js';
import {
  BAND_CHART,
  bandChartSpec,
  CHART_NAMES,
  chartSpecs,
  INSTANCE_TYPE_CHART,
  instanceTypeChartSpec,
  type ChartInput,
} from './charts.js';

/** ChartNotDrawn: the chart itself cannot be drawn (one with nothing to draw has no size); its spec is all there is. */
export class ChartNotDrawn extends Error {
  override name = 'ChartNotDrawn';
}

// The worker's task: chart-worker.ts's export of this name.
const TASK = 'drawChartTask' satisfies keyof typeof ChartWorker;
// At most this many threads draw at once: a few charts at a time, each thread a copy of vega.
const MAX_THREADS = 4;

/**
 * ChartRenderer draws charts on up to `threads` worker threads until closed. A chart that cannot be
 * drawn rejects with ChartNotDrawn; a worker that fails (or cannot start) rejects with its error.
 */
export class ChartRenderer {
  private readonly pool: Piscina<VegaSpec, ChartTaskResult>;
  // A thread that failed with no chart of its own (while it started): the draws fail with it.
  private failure: unknown = undefined;

  constructor(threads: number) {
    const n = Math.max(1, Math.min(threads, MAX_THREADS, availableParallelism()));
    // Every thread starts at once, so that each loads vega before the first chart comes.
    this.pool = new Piscina({
      filename: workerFile(import.meta.url, 'report/chart-worker.js'),
      name: TASK,
      minThreads: n,
      maxThreads: n,
      idleTimeout: 1000,
    });
    // Without a listener, the pool's 'error' (a thread failing before it has a task) is uncaught.
    this.pool.on('error', (e: unknown) => {
      this.failure ??= e;
    });
  }

  async draw(spec: VegaSpec): Promise<DrawnChart> {
    if (this.failure !== undefined) throw this.failure;
    const result = await this.pool.run(spec);
    if ('notDrawn' in result) throw new ChartNotDrawn(result.notDrawn);
    return result.drawn;
  }

  /** close stops the worker threads. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** renderChart draws one spec as SVG and as PNG (twice the SVG's size, for sharp text), on a worker thread. */
export async function renderChart(spec: TopLevelSpec): Promise<DrawnChart> {
  const renderer = new ChartRenderer(1);
  try {
    return await renderer.draw(compiledOrNotDrawn(() => compileChart(spec)));
  } finally {
    await renderer.close();
  }
}

/** startChartRenderer starts the drawing threads now (each loads vega, which takes a while), to draw every chart of a run later. */
export function startChartRenderer(): ChartRenderer {
  return new ChartRenderer(CHART_NAMES.length);
}

/** ChartFilesOptions: who hears of progress, threads already started, and work for this thread while they draw. */
export interface ChartFilesOptions {
  readonly progress?: (message: string) => void;
  readonly started?: ChartRenderer;
  /** compiled keeps every chart compiled, by `<set folder>/<chart name>`, for report.html to reuse. */
  readonly compiled?: CompiledCharts;
  /** meanwhile runs on this thread once every chart is handed to the drawing threads. */
  readonly meanwhile?: () => void;
}

/**
 * chartFiles writes every chart of a run, per design (`<design>/charts/`) and overlaid (`charts/`),
 * as .vl.json, .svg and .png, through `write` (each set's specs first, its images once drawn, set
 * after set), and returns how many files it wrote. Every chart is handed to the drawing threads
 * before any set waits for its images, so that no thread waits on a set's slowest chart.
 */
export async function chartFiles(
  inputs: readonly ChartInput[],
  write: (name: string, content: string | Uint8Array) => void,
  o: ChartFilesOptions = {},
): Promise<number> {
  let written = 0;
  const put = (name: string, content: string | Uint8Array) => {
    write(name, content);
    written++;
  };
  const renderer = o.started ?? new ChartRenderer(CHART_NAMES.length);
  const compiled = o.compiled ?? new CompiledCharts();
  try {
    const sets: Array<{ dir: string; named: Array<[string, TopLevelSpec]>; drawn: Array<Promise<DrawnChart | null>> }> =
      [];
    for (const [dir, set] of chartSets(inputs)) {
      const named = namedSpecs(set);
      for (const [name, spec] of named) put(`${dir}/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
      const drawn: Array<Promise<DrawnChart | null>> = [];
      for (const [name, spec] of named) {
        const chart = drawOrNull(renderer, () => compiled.compiled(`${dir}/${name}`, spec));
        chart.catch(() => {}); // awaited below, after every chart is handed on: not an unhandled rejection meanwhile
        drawn.push(chart);
        await nextTurn(); // lets the pool hand the chart to a thread now
      }
      sets.push({ dir, named, drawn });
    }
    o.meanwhile?.();
    for (const { dir, named, drawn } of sets) {
      o.progress?.(`drawing ${dir}/`);
      const charts = await Promise.all(drawn);
      named.forEach(([name], k) => {
        const chart = charts[k];
        if (chart === null || chart === undefined) return;
        put(`${dir}/${name}.svg`, chart.svg);
        put(`${dir}/${name}.png`, chart.png);
      });
    }
  } finally {
    await renderer.close();
  }
  return written;
}

/** chartSets are a run's sets of charts by folder: each design's, then all overlaid (chartFolder). */
function chartSets(inputs: readonly ChartInput[]): Array<[string, readonly ChartInput[]]> {
  return [
    ...inputs.map((i): [string, readonly ChartInput[]] => [chartFolder(i.design), [i]]),
    [chartFolder(null), inputs],
  ];
}

// A set's charts by name: every CHART_NAMES chart, then the band and instance-type charts where they apply.
function namedSpecs(set: readonly ChartInput[]): Array<[string, TopLevelSpec]> {
  const specs = chartSpecs(set);
  const band = bandChartSpec(set);
  const instanceTypes = instanceTypeChartSpec(set);
  return [
    ...CHART_NAMES.map((name): [string, TopLevelSpec] => [name, specs[name]]),
    ...(band === null ? [] : [[BAND_CHART, band] as [string, TopLevelSpec]]),
    ...(instanceTypes === null ? [] : [[INSTANCE_TYPE_CHART, instanceTypes] as [string, TopLevelSpec]]),
  ];
}

// A chart compiled (on this thread, at once) and drawn, or null for one that cannot be (its spec is
// all there is); a failing thread rejects.
async function drawOrNull(renderer: ChartRenderer, compile: () => VegaSpec): Promise<DrawnChart | null> {
  try {
    return await renderer.draw(compiledOrNotDrawn(compile));
  } catch (e) {
    if (e instanceof ChartNotDrawn) return null;
    throw e;
  }
}

// A spec compiled, or ChartNotDrawn for one vega-lite refuses (as a thread answers for one it cannot draw).
function compiledOrNotDrawn(compile: () => VegaSpec): VegaSpec {
  try {
    return compile();
  } catch (e) {
    throw new ChartNotDrawn(e instanceof Error ? e.message : String(e));
  }
}
