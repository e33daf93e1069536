// What a scenario asks of the simulator, as upper bounds, against a budget the user may raise
// (docs/model.md#limits). Time and memory grow with the pods and the nodes alive over the
// simulated time, and the outputs with the timeline's rows: a scenario within every limit of the
// format (a million replicas, 100,000 nodes, 31 days) can still ask for days of simulation.
//
// Units of account:
// - pod-hours: every workload at its most replicas, for the whole run: the HPA's maxReplicas,
//   replicas or a `kubectl scale` event, whichever is highest (Deployments and StatefulSets alike;
//   a rollout's surge pods live only while it runs, and DaemonSet pods are not modelled as pods:
//   they only take their share of each node). Every design runs the same workloads.
// - node-hours: a design's pools at their max (at initial when its autoscaler is off; within
//   maxNodesTotal), for the whole run; the largest design is what counts. Each design is a
//   simulation of its own, a job on a worker thread whose memory is freed when it ends, so the
//   largest design bounds a job's memory and time; more designs take more time in proportion
//   (which the user sees coming), and more memory only as far as they run side by side (one
//   thread a core by default), which --workers bounds.
// - timeline rows: samples (one at 0, then every sampleInterval) × workloads, summed over the
//   designs, since every design writes its own timeline.csv and the charts hold all of them at once.
import { DEFAULT_SAMPLE_INTERVAL_MS } from './defaults.js';
import { formatDuration } from './duration.js';
import type { Design, Scenario, Workload } from './model.js';
import type { Path } from './source.js';

/** Budget bounds what one scenario may ask for: pod-hours, node-hours (of its largest design) and timeline rows (of all designs). */
export interface Budget {
  readonly podHours: number;
  readonly nodeHours: number;
  readonly timelineRows: number;
}

/**
 * DEFAULT_BUDGET admits the 50,000-node day: 50,000 nodes × 24 h = 1,200,000 node-hours, and
 * ~30 pods a node, 1,500,000 pods × 24 h = 36,000,000 pod-hours (fleet-5k.yaml asks for 1/7 and
 * 1/10 of them). Timeline rows: 10 million rows of timeline.csv are ~650 MB (66 bytes a row,
 * measured), gigabytes once a notebook reads them; that admits fleet-5k at the default 10s (2.6
 * million), 3,000 workloads for a day at 1m (4.3 million), or a 31-day run at 10s with 37
 * workloads, and refuses a 31-day run sampled every second with 4.
 */
export const DEFAULT_BUDGET: Budget = { podHours: 40_000_000, nodeHours: 1_500_000, timelineRows: 10_000_000 };

/** Contributor is what asks for the most of a figure: where it is written (for file:line:col), its name and its share. */
export interface Contributor {
  readonly path: Path;
  readonly name: string;
  readonly amount: number;
  /** what the amount comes from, in words: "its HPA's maxReplicas". */
  readonly from: string;
}

/** DesignDemand is one design's nodes at most and their node-hours. */
interface DesignDemand {
  readonly design: string;
  readonly nodes: number;
  readonly nodeHours: number;
  /** largest is the pool with the most nodes (null without pools). */
  readonly largest: Contributor | null;
  /** capped says the autoscaler's maxNodesTotal holds the pools below their max. */
  readonly capped: boolean;
}

/** Demand is what a scenario asks for, as upper bounds. */
export interface Demand {
  readonly hours: number;
  /** pods is the most pods the workloads may run at once, in any design. */
  readonly pods: number;
  readonly podHours: number;
  /** largest is the workload with the most pods (null without workloads). */
  readonly largest: Contributor | null;
  readonly designs: readonly DesignDemand[];
  /** nodeHours is the largest design's. */
  readonly nodeHours: number;
  /** samples is the timeline's samples in one design's run: one at 0, then one every sampleInterval. */
  readonly samples: number;
  /** timelineRows is samples × workloads × designs: every design's timeline.csv together. */
  readonly timelineRows: number;
}

/** BudgetProblem is a figure over the budget, at the place that asks for most of it. */
export interface BudgetProblem {
  readonly path: Path;
  readonly message: string;
}

const HOUR_MS = 3_600_000;

/** demandOf computes what `scenario` asks for; it is pure, and cheap next to loading the scenario. */
export function demandOf(scenario: Scenario): Demand {
  const hours = scenario.durationMs / HOUR_MS;
  const perWorkload = scenario.workloads.map(mostPods);
  const pods = perWorkload.reduce((n, c) => n + c.amount, 0);
  const designs = scenario.designs.map((d) => designDemand(d, hours));
  const samples = Math.floor(scenario.durationMs / scenario.sampleIntervalMs) + 1;
  return {
    hours,
    pods,
    podHours: pods * hours,
    largest: largestOf(perWorkload),
    designs,
    nodeHours: designs.reduce((n, d) => Math.max(n, d.nodeHours), 0),
    samples,
    timelineRows: samples * scenario.workloads.length * scenario.designs.length,
  };
}

/** mostPods is a workload's most replicas (its HPA's maxReplicas, its replicas or a scale step), and where that figure is written. */
export function mostPods(w: Workload): Contributor {
  const at = ['workloads', w.name];
  const candidates: Contributor[] = [
    { path: [...at, 'replicas'], name: w.name, amount: w.replicas, from: 'its replicas' },
    ...w.scale.map((s) => ({ path: [...at, 'scale'], name: w.name, amount: s.replicas, from: 'a scale event' })),
  ];
  // The HPA's maxReplicas first: it wins a tie, as the figure the user means to bound pods with.
  if (w.hpa !== null)
    candidates.unshift({
      path: [...at, 'hpa', 'maxReplicas'],
      name: w.name,
      amount: w.hpa.maxReplicas,
      from: "its HPA's maxReplicas",
    });
  return candidates.reduce((a, b) => (b.amount > a.amount ? b : a));
}

function designDemand(d: Design, hours: number): DesignDemand {
  const { enabled, maxNodesTotal } = d.autoscaler;
  const key = enabled ? 'max' : 'initial';
  const pools = d.pools.map((p): Contributor => ({
    path: ['designs', d.name, 'pools', p.name, key],
    name: p.name,
    amount: enabled ? p.max : p.initial,
    from: `its ${key}`,
  }));
  const initial = d.pools.reduce((n, p) => n + p.initial, 0);
  const written = pools.reduce((n, p) => n + p.amount, 0);
  // The autoscaler adds no node beyond maxNodesTotal (0: no limit); the initial nodes are there regardless.
  const nodes = enabled && maxNodesTotal > 0 ? Math.max(initial, Math.min(written, maxNodesTotal)) : written;
  return { design: d.name, nodes, nodeHours: nodes * hours, largest: largestOf(pools), capped: nodes < written };
}

function largestOf(cs: readonly Contributor[]): Contributor | null {
  return cs.reduce<Contributor | null>((a, b) => (a === null || b.amount > a.amount ? b : a), null);
}

// Whole figures as the messages write them: 24,000,000 (rounded up, so that a budget raised to it admits it).
const whole = (n: number) => Math.ceil(n).toLocaleString('en');
const flag = (n: number) => String(Math.ceil(n));
const hoursText = (h: number) => `${Number(h.toFixed(3)).toLocaleString('en')} h`;
const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

// Sample intervals to suggest when the timeline is over its budget, finest first.
const INTERVALS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/**
 * budgetProblems says where `scenario` asks for more than `budget`: its pod-hours (at the workload
 * with the most pods when it has at least half of them, else at duration), each design's
 * node-hours (at its largest pool when that has at least half of the nodes, else at the design),
 * and its timeline rows (at sampleInterval, or at duration when sampleInterval is the default).
 */
export function budgetProblems(scenario: Scenario, budget: Budget = DEFAULT_BUDGET): BudgetProblem[] {
  const demand = demandOf(scenario);
  const problems: BudgetProblem[] = [];
  const hours = hoursText(demand.hours);
  if (demand.podHours > budget.podHours) {
    const top = demand.largest;
    const most =
      top === null
        ? ''
        : scenario.workloads.length > 1
          ? ` (the most, ${whole(top.amount)}, from workload ${top.name}: ${top.from})`
          : ` (workload ${top.name}: ${top.from})`;
    problems.push({
      path: top !== null && top.amount * 2 >= demand.pods ? top.path : ['duration'],
      message:
        `the scenario asks for up to ${whole(demand.pods)} pods${most} × ${hours} = ${whole(demand.podHours)} pod-hours, ` +
        `over the budget of ${whole(budget.podHours)}; expected fewer replicas or a shorter duration, ` +
        `or raise the budget with --budget-pod-hours ${flag(demand.podHours)}`,
    });
  }
  for (const d of demand.designs) {
    if (d.nodeHours <= budget.nodeHours) continue;
    const top = d.capped ? null : d.largest;
    const pools = scenario.designs.find((x) => x.name === d.design)!.pools.length;
    const most = d.capped
      ? " (the autoscaler's maxNodesTotal)"
      : top === null
        ? ''
        : pools > 1
          ? ` (the most, ${whole(top.amount)}, from pool ${top.name}: ${top.from})`
          : ` (pool ${top.name}: ${top.from})`;
    problems.push({
      path: top !== null && top.amount * 2 >= d.nodes ? top.path : ['designs', d.design],
      message:
        `design ${d.design} asks for up to ${whole(d.nodes)} nodes${most} × ${hours} = ${whole(d.nodeHours)} node-hours, ` +
        `over the budget of ${whole(budget.nodeHours)}; expected smaller pools or a shorter duration, ` +
        `or raise the budget with --budget-node-hours ${flag(d.nodeHours)}`,
    });
  }
  if (demand.timelineRows > budget.timelineRows) {
    const perSample = scenario.workloads.length * scenario.designs.length;
    const fits = INTERVALS_MS.find(
      (ms) =>
        ms > scenario.sampleIntervalMs && (Math.floor(scenario.durationMs / ms) + 1) * perSample <= budget.timelineRows,
    );
    const coarser =
      fits === undefined ? 'a coarser sampleInterval' : `a coarser sampleInterval (${formatDuration(fits)} fits)`;
    problems.push({
      path: scenario.sampleIntervalMs === DEFAULT_SAMPLE_INTERVAL_MS ? ['duration'] : ['sampleInterval'],
      message:
        `the timeline has ${whole(demand.samples)} samples (${hours}, one every ${formatDuration(scenario.sampleIntervalMs)}) × ` +
        `${plural(scenario.workloads.length, 'workload')} × ${plural(scenario.designs.length, 'design')} = ` +
        `${whole(demand.timelineRows)} rows, over the budget of ${whole(budget.timelineRows)}; expected ${coarser}, ` +
        `a shorter duration or fewer designs, or raise the budget with --budget-timeline-rows ${flag(demand.timelineRows)}`,
    });
  }
  return problems;
}
