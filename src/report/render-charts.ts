// Charts drawn in worker threads (chart-worker.ts does the drawing): vega and resvg hold their
// thread for seconds at a time, and this thread only waits, so it stays free to answer Ctrl-C. The
// images are the same bytes whichever thread draws them, and written in a fixed order.
import { workerFile } from '../util/worker-file.js';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';
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
  private readonly pool: Piscina<TopLevelSpec, ChartTaskResult>;

  constructor(threads: number) {
    const n = Math.max(1, Math.min(threads, MAX_THREADS, availableParallelism()));
    this.pool = new Piscina({
      filename: workerFile(import.meta.url, 'report/chart-worker.js'),
      name: TASK,
      minThreads: 1,
      maxThreads: n,
      idleTimeout: 1000,
    });
  }

  async draw(spec: TopLevelSpec): Promise<DrawnChart> {
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
    return await renderer.draw(spec);
  } finally {
    await renderer.close();
  }
}

/** startChartRenderer starts the drawing threads now (each loads vega, which takes a while), to draw every chart of a run later. */
export function startChartRenderer(): ChartRenderer {
  return new ChartRenderer(CHART_NAMES.length);
}

/**
 * chartFiles writes every chart of a run, per design (`<design>/charts/`) and overlaid (`charts/`),
 * as .vl.json, .svg and .png, through `write` as they are drawn (each set's specs first), and
 * returns how many files it wrote.
 */
export async function chartFiles(
  inputs: readonly ChartInput[],
  write: (name: string, content: string | Uint8Array) => void,
  progress: (message: string) => void = () => {},
  started?: ChartRenderer,
): Promise<number> {
  const sets: Array<[string, readonly ChartInput[]]> = [
    ...inputs.map((i): [string, readonly ChartInput[]] => [`${i.design}/charts`, [i]]),
    ['charts', inputs],
  ];
  let written = 0;
  const put = (name: string, content: string | Uint8Array) => {
    write(name, content);
    written++;
  };
  const renderer = started ?? new ChartRenderer(CHART_NAMES.length);
  try {
    for (const [dir, set] of sets) {
      progress(`drawing ${dir}/`);
      const specs = chartSpecs(set);
      const band = bandChartSpec(set);
      const instanceTypes = instanceTypeChartSpec(set);
      const named: Array<[string, TopLevelSpec]> = [
        ...CHART_NAMES.map((name): [string, TopLevelSpec] => [name, specs[name]]),
        ...(band === null ? [] : [[BAND_CHART, band] as [string, TopLevelSpec]]),
        ...(instanceTypes === null ? [] : [[INSTANCE_TYPE_CHART, instanceTypes] as [string, TopLevelSpec]]),
      ];
      for (const [name, spec] of named) put(`${dir}/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
      const drawn = await Promise.all(
        named.map(([, spec]) =>
          renderer.draw(spec).catch((e: unknown) => {
            if (e instanceof ChartNotDrawn) return null; // its spec is all there is
            throw e;
          }),
        ),
      );
      named.forEach(([name], k) => {
        const chart = drawn[k];
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
