// One design on one seed: the unit of work that Monte Carlo runs and sweeps spread over worker
// threads. Jobs and results are plain data (structured-cloneable) so that they cross threads.
import { apiCsv, eventsCsv, timelineCsv } from '../report/csv.js';
import { seedSeries, type SeedSeries } from '../report/bands.js';
import type { ChartInput } from '../report/charts.js';
import { podStartups, summarize, type Summary } from '../report/summary.js';
import type { Scenario } from '../scenario/model.js';
import { runDesign } from '../simulate/design-run.js';

/** SeedJob runs `design` of `scenario` with `seed`; `full` asks for the timeline, event and API files and the charts' input too. */
export interface SeedJob {
  readonly scenario: Scenario;
  readonly design: string;
  readonly seed: number;
  readonly full: boolean;
  /** series asks for the timeline reduced to the band series (Monte Carlo's percentile bands). */
  readonly series: boolean;
}

/** SeedResult is what a job leaves: its summary, and what the job asked for besides. */
export interface SeedResult {
  readonly summary: Summary;
  readonly series: SeedSeries | null;
  readonly full: { readonly timelineCsv: string; readonly eventsCsv: string; readonly apiCsv: string; readonly chart: ChartInput } | null;
}

/** runSeedJob runs one job; the same job gives the same result on any thread. */
export function runSeedJob(job: SeedJob): SeedResult {
  const scenario = { ...job.scenario, seed: job.seed };
  const design = scenario.designs.find((d) => d.name === job.design);
  if (design === undefined) throw new Error(`no design ${job.design} in scenario ${scenario.name}`);
  const run = runDesign(scenario, design);
  const summary = summarize(scenario, design, run);
  return {
    summary,
    series: job.series ? seedSeries(run.timeline) : null,
    full: job.full
      ? {
        timelineCsv: timelineCsv(run.timeline), eventsCsv: eventsCsv(run.events), apiCsv: apiCsv(run.apiTimeline),
        chart: { design: design.name, timeline: run.timeline, api: run.apiTimeline, startups: podStartups(run), summary },
      }
      : null,
  };
}
