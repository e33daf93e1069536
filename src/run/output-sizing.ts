// Output sized for people: a run of a few thousand pods writes every event and a timeline row per
// workload; a bigger one (a fleet's day is a million pod events and 300 workloads a sample) leaves
// out the per-pod rows of events.csv and keeps timeline rows for its biggest workloads, the rest
// summed into one "(other)" row a sample, unless asked (--events all, --timeline-workloads all).
// Node, controller and summary events stay; summary.json and the charts' sums are the same.
import { demandOf, mostPods } from '../scenario/budget.js';
import type { Scenario } from '../scenario/model.js';
import type { OutputSizing } from '../parallel/seed-job.js';

/** BIG_RUN_PODS: above this many pods at once (the workloads' most replicas together), a run's outputs are sized down by default. */
export const BIG_RUN_PODS = 5_000;

/** TOP_WORKLOADS: the workloads a sized-down timeline keeps rows for, the biggest by their most replicas. */
export const TOP_WORKLOADS = 20;

/** SizingFlags: --events (all, or without per-pod rows) and --timeline-workloads (a count, or all); undefined: the default for the run's size. */
export interface SizingFlags {
  readonly events?: 'all' | 'no-pods';
  readonly timelineWorkloads?: number | 'all';
}

/** outputSizing decides what a run writes, and says in one line what it leaves out and how to get it (null: nothing). */
export function outputSizing(scenario: Scenario, flags: SizingFlags): { sizing: OutputSizing; leftOut: string | null } {
  const pods = demandOf(scenario).pods;
  const big = pods > BIG_RUN_PODS;
  const podEvents = (flags.events ?? (big ? 'no-pods' : 'all')) === 'all';
  const top = flags.timelineWorkloads ?? (big ? TOP_WORKLOADS : 'all');
  const workloads = scenario.workloads;
  const kept =
    top === 'all' || top >= workloads.length
      ? null
      : workloads
          .map((w, i) => ({ name: w.name, size: mostPods(w).amount, i }))
          .sort((a, b) => b.size - a.size || a.i - b.i)
          .slice(0, top)
          .map((w) => w.name);
  const parts = [
    ...(podEvents ? [] : ['per-pod rows of events.csv (--events all)']),
    ...(kept === null
      ? []
      : [
          `timeline rows of ${workloads.length - kept.length} smaller workloads, summed as "(other)" (--timeline-workloads all)`,
        ]),
  ];
  const why = big ? ` for size (up to ${pods.toLocaleString('en-US')} pods)` : '';
  return {
    sizing: { podEvents, timelineWorkloads: kept },
    leftOut: parts.length === 0 ? null : `Left out${why}: ${parts.join('; ')}.`,
  };
}
