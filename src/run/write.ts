// Writing a run: the chosen designs on their seeds, each design's timeline, events and API traffic
// streamed into a staging directory beside the output as it runs, then the summaries, charts and
// report.html, and the staging directory renamed into place. A run that fails, is interrupted or
// is killed leaves the previous output as it was.
import type { JobsDetail } from '../parallel/run-jobs.js';
import type { ChartRenderer, chartFiles } from '../report/render-charts.js';
import type { Summary } from '../report/summary.js';
import type { StagedOutput } from '../report/write-atomic.js';
import type { Scenario } from '../scenario/model.js';
import { runScenarioOnSeeds, smallRun, type RunRequest } from './outputs.js';

/** Drawing is the chart-drawing code, loaded, and its threads if they were started early. */
export interface Drawing {
  readonly chartFiles: typeof chartFiles;
  readonly renderer: ChartRenderer | undefined;
}

/**
 * startDrawing loads the drawing code and starts its threads now, each loading vega meanwhile: a
 * command that will draw calls it before it reads its scenario, and hands it to writeRun.
 */
export function startDrawing(): Promise<Drawing> {
  return import('../report/render-charts.js').then((m) => ({
    chartFiles: m.chartFiles,
    renderer: m.startChartRenderer(),
  }));
}

/** stopDrawing stops the threads of a Drawing that will not draw (a failed start is no matter then). */
export async function stopDrawing(drawing: Promise<Drawing>): Promise<void> {
  await drawing.then(({ renderer }) => renderer?.close()).catch(() => {});
}

/** WriteRunOptions: the runs, how many worker threads, whether to draw the charts, and who hears of progress. */
export interface WriteRunOptions {
  readonly request: Omit<RunRequest, 'streaming'>;
  readonly workers: number;
  readonly charts: boolean;
  /** started: the drawing threads, started early (startDrawing); writeRun owns them from here. */
  readonly started?: Promise<Drawing>;
  /**
   * onRun hears each finished run (a design on a seed); onProgress, more often, the runs done
   * counting each running one's share of simulated time; onChart each set of charts as it is drawn.
   */
  readonly onRun?: (done: number, total: number) => void;
  readonly onProgress?: (done: number, total: number, detail: JobsDetail) => void;
  readonly onChart?: (message: string) => void;
}

/** WrittenRun is what a written run reports: every design's summary, and how many files it wrote. */
export interface WrittenRun {
  readonly summaries: Summary[];
  readonly written: number;
}

/** writeRun runs the request into `staged` and commits it; on any failure it abandons the staging directory and rethrows. */
export async function writeRun(scenario: Scenario, staged: StagedOutput, o: WriteRunOptions): Promise<WrittenRun> {
  // A small run (smallRun) simulates in this thread, sparing a worker thread's start, and its
  // drawing threads start with it (or earlier: o.started), loading vega while the designs run; a
  // big run simulates on worker threads and starts its drawing threads once simulated, so that
  // their memory does not add to the simulation's. The drawing code loads only when charts are
  // asked for (a run without charts, or `poolsim --version`, need not wait for vega-lite).
  const small = smallRun(scenario, o.request);
  const early = o.charts && small ? o.started : undefined;
  if (o.started !== undefined && early === undefined) await stopDrawing(o.started); // not for this run
  let drawing: Promise<Drawing> | null = null;
  if (o.charts && small) drawing = early ?? startDrawing();
  else if (o.charts)
    drawing = import('../report/render-charts.js').then((m) => ({ chartFiles: m.chartFiles, renderer: undefined }));
  let handedOver = false;
  try {
    const run = await runScenarioOnSeeds(
      scenario,
      { ...o.request, streaming: { dir: staged.staging, charts: o.charts } },
      {
        workers: small ? 1 : o.workers,
        isolate: !small,
        ...(o.onRun === undefined ? {} : { onDone: o.onRun }),
        ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
      },
    );
    const files = new Map<string, string | Uint8Array>(run.files);
    let charted = 0;
    if (drawing !== null) {
      const [{ chartFiles, renderer }, { reportHtml }, { CompiledCharts }] = await Promise.all([
        drawing,
        import('../report/html.js'),
        import('../report/chart-compile.js'),
      ]);
      // Drawn on worker threads, each into the staging directory as it comes (chartFiles closes the
      // threads); report.html is written meanwhile, from the charts compiled for them.
      handedOver = true;
      const compiled = new CompiledCharts();
      charted = await chartFiles(run.charts, (name, content) => staged.write(name, content), {
        ...(renderer === undefined ? {} : { started: renderer }),
        ...(o.onChart === undefined ? {} : { progress: o.onChart }),
        compiled,
        meanwhile: () => files.set('report.html', reportHtml(scenario, run.charts, compiled)),
      });
    }
    for (const [name, content] of files) staged.write(name, content);
    staged.commit();
    return { summaries: run.summaries, written: files.size + charted + run.streamed.length };
  } catch (e) {
    staged.abandon();
    throw e;
  } finally {
    // A run that failed before its charts stops the drawing threads it started.
    if (drawing !== null && !handedOver) await stopDrawing(drawing);
  }
}
