// One design on one seed: the unit of work that Monte Carlo runs and sweeps spread over worker
// threads. Jobs and results are plain data (structured-cloneable) so that they cross threads.
import { mkdirSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { API_COLUMNS, EVENT_COLUMNS, NODE_COLUMNS, POOL_COLUMNS, TIMELINE_COLUMNS } from '../report/columns.js';
import { apiCsv, eventRow, eventsCsv, nodesCsv, poolsCsv, timelineCsv } from '../report/csv.js';
import { CsvFile, type CsvValue } from '../report/csv-file.js';
import { seedSeries, type SeedSeries } from '../report/bands.js';
import type { ChartInput } from '../report/charts.js';
import { podStartups, summarize, type Summary } from '../report/summary.js';
import type { Scenario } from '../scenario/model.js';
import { runDesign } from '../simulate/design-run.js';
import type { RunEvent } from '../simulate/event-log.js';
import type { ApiRow, NodeRow, PoolRow, RunSink, TimelineRow } from '../simulate/timeline.js';

/**
 * SeedJob runs `design` of `scenario` with `seed`. `full` asks for the timeline, event, API and
 * pool files and the charts' input too: written into `outDir` as the run goes when given (so that a
 * long run holds none of them), else returned whole; `charts: false` skips the charts' input.
 */
export interface SeedJob {
  readonly scenario: Scenario;
  readonly design: string;
  readonly seed: number;
  readonly full: boolean;
  /** series asks for the timeline reduced to the band series (Monte Carlo's percentile bands). */
  readonly series: boolean;
  readonly outDir?: string;
  readonly charts?: boolean;
  /** check verifies the run's invariants after every batch of events (default: POOLSIM_CHECK=1). */
  readonly check?: boolean;
  /** nodeTimeline writes nodes.csv too (a row per Ready node per sample) in a full job. */
  readonly nodeTimeline?: boolean;
  /** sizing: what the full job writes of a big run (default: everything). */
  readonly sizing?: OutputSizing;
  /** progress hears, as the run streams its timeline, its JobProgress (at most once each whole percent of simulated time). */
  readonly progress?: MessagePort;
}

/** OutputSizing is what a full job writes of a big run: events.csv's per-pod rows or not, and the workloads the timeline keeps rows for (null: all; the others summed). */
export interface OutputSizing {
  readonly podEvents: boolean;
  readonly timelineWorkloads: readonly string[] | null;
}

/** JobProgress is what a running job tells: the fraction of its simulated time done, its simulated clock (ms) and its engine's events so far. */
export interface JobProgress {
  readonly fraction: number;
  readonly simMs: number;
  readonly events: number;
}

/** FULL_FILES are the files a full job makes, in the order they are listed. */
export const FULL_FILES = ['timeline.csv', 'events.csv', 'api.csv', 'pools.csv'] as const;

/** SeedResult is what a job leaves: its summary, and what the job asked for besides. */
export interface SeedResult {
  readonly summary: Summary;
  readonly series: SeedSeries | null;
  /** full: the files not already written to outDir (by name), and the charts' input when asked for. */
  readonly full: { readonly files: ReadonlyArray<readonly [string, string]>; readonly chart: ChartInput | null } | null;
}

// An event of a node, a controller or the run, not of one pod (what a sized-down events.csv keeps).
const notOfPod = (e: RunEvent): boolean => e.kind !== 'Pod';

/** runSeedJob runs one job; the same job gives the same result on any thread. */
export function runSeedJob(job: SeedJob): SeedResult {
  const scenario = { ...job.scenario, seed: job.seed };
  const design = scenario.designs.find((d) => d.name === job.design);
  if (design === undefined) throw new Error(`no design ${job.design} in scenario ${scenario.name}`);
  const charts = job.charts !== false;
  const told = job.progress === undefined ? undefined : teller(job.progress, scenario.durationMs);
  const nodes = job.full && job.nodeTimeline === true;
  const podEvents = job.sizing?.podEvents ?? true;
  const streamed =
    job.full && job.outDir !== undefined ? streamTo(job.outDir, { keep: charts, nodes, podEvents }) : null;
  let run;
  try {
    run = runDesign(scenario, design, {
      ...(job.check === undefined ? {} : { check: job.check }),
      ...(streamed === null ? { nodeTimeline: nodes } : { sink: streamed.sink }),
      ...(told === undefined ? {} : { onSample: told }),
      ...(job.full && job.sizing !== undefined ? { timelineWorkloads: job.sizing.timelineWorkloads } : {}),
    });
  } finally {
    streamed?.close();
  }
  const summary = summarize(scenario, design, run);
  const timeline = streamed?.timeline ?? run.timeline;
  const api = streamed?.api ?? run.apiTimeline;
  const pools = streamed?.pools ?? run.poolTimeline;
  return {
    summary,
    series: job.series ? seedSeries(run.samples) : null,
    full: job.full
      ? {
          files:
            streamed !== null
              ? []
              : [
                  ['timeline.csv', timelineCsv(run.timeline)],
                  ['events.csv', eventsCsv(podEvents ? run.events : run.events.filter(notOfPod))],
                  ['api.csv', apiCsv(run.apiTimeline)],
                  ['pools.csv', poolsCsv(run.poolTimeline)],
                  ...(nodes ? [['nodes.csv', nodesCsv(run.nodeTimeline)] as const] : []),
                ],
          chart: charts
            ? {
                design: design.name,
                timeline,
                api,
                pools,
                startups: podStartups(run, scenario.warmupMs),
                summary,
                warmupSeconds: scenario.warmupMs / 1000,
              }
            : null,
        }
      : null,
  };
}

// Rows a streaming sink keeps for the charts (none when there are no charts).
interface KeptRows {
  readonly timeline: TimelineRow[] | undefined;
  readonly api: ApiRow[] | undefined;
  readonly pools: PoolRow[] | undefined;
}

// A sink that writes timeline.csv, events.csv, api.csv and pools.csv into `dir` row by row, keeping
// the timeline, API and pool rows only for the charts.
function streamTo(
  dir: string,
  { keep, nodes, podEvents }: { keep: boolean; nodes: boolean; podEvents: boolean },
): KeptRows & { sink: RunSink; close(): void } {
  // Not recursive: the run's staging directory holds it, and one removed under a Ctrl-C stays removed.
  mkdirSync(dir);
  const files = {
    timeline: new CsvFile(join(dir, 'timeline.csv'), TIMELINE_COLUMNS),
    events: new CsvFile(join(dir, 'events.csv'), EVENT_COLUMNS),
    api: new CsvFile(join(dir, 'api.csv'), API_COLUMNS),
    pools: new CsvFile(join(dir, 'pools.csv'), POOL_COLUMNS),
    ...(nodes ? { nodes: new CsvFile(join(dir, 'nodes.csv'), NODE_COLUMNS) } : {}),
  };
  const timeline: TimelineRow[] | undefined = keep ? [] : undefined;
  const api: ApiRow[] | undefined = keep ? [] : undefined;
  const pools: PoolRow[] | undefined = keep ? [] : undefined;
  const row = (r: object) => r as Readonly<Record<string, CsvValue>>;
  return {
    timeline,
    api,
    pools,
    sink: {
      timeline: (rows) => {
        for (const r of rows) files.timeline.add(row(r));
        timeline?.push(...rows);
      },
      api: (rows) => {
        for (const r of rows) files.api.add(row(r));
        api?.push(...rows);
      },
      pools: (rows) => {
        for (const r of rows) files.pools.add(row(r));
        pools?.push(...rows);
      },
      ...(files.nodes === undefined
        ? {}
        : { nodes: (rows: readonly NodeRow[]) => rows.forEach((r) => files.nodes!.add(row(r))) }),
      event: (e) => {
        if (podEvents || notOfPod(e)) files.events.add(eventRow(e));
      },
    },
    close: () => {
      for (const f of Object.values(files)) f.close();
    },
  };
}

// Tells `port` the job's progress (JobProgress), each whole percent of simulated time once.
function teller(port: MessagePort, durationMs: number): (nowMs: number, events: number) => void {
  let percent = 0;
  return (nowMs, events) => {
    const now = Math.floor((nowMs * 100) / Math.max(durationMs, 1));
    if (now <= percent) return;
    percent = now;
    const progress: JobProgress = { fraction: Math.min(now, 100) / 100, simMs: nowMs, events };
    port.postMessage(progress);
  };
}
