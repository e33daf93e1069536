// Writing a sweep's outputs (shared by `sweep` and `merge`, so that both write the same bytes).
import { ChartNotDrawn, renderChart } from '../report/render-charts.js';
import { commitFiles, type StagedOutput } from '../report/write-atomic.js';
import { openOutput, outputProblem } from '../report/open-output.js';
import type { Summary } from '../report/summary.js';
import { renderTable } from '../report/format.js';
import { formatValue } from '../report/compare-format.js';
import { paretoChartSpec, sweepCsv, sweepJson, sweepRows, variantSummaries, type SweepRow } from './outputs.js';
import type { SweepPlan } from './shard.js';

/** writeSweepOutputs writes sweep.csv, sweep.json and the Pareto chart to `out` (opened already as `staged`, if given), and returns what to print. */
export async function writeSweepOutputs(
  out: string,
  plan: SweepPlan,
  summaries: readonly Summary[],
  charts: boolean,
  staged?: StagedOutput,
): Promise<string> {
  const output = staged ?? openOutput(out);
  let files: Map<string, string | Uint8Array>;
  let rows: SweepRow[];
  try {
    ({ files, rows } = await sweepFiles(plan, summaries, charts));
  } catch (e) {
    output.abandon();
    throw e;
  }
  try {
    commitFiles(output, files);
  } catch (e) {
    throw outputProblem(out, e);
  }
  return `${frontTable(plan, rows)}\n\nWrote ${files.size} files to ${out}/ (sweep.csv, sweep.json${charts ? ', pareto chart' : ''}): ${rows.length} variants × ${plan.seeds} seed(s), ${rows.filter((r) => r.pareto).length} on the Pareto front.\n`;
}

// sweep.csv, sweep.json and the Pareto chart's files, and the rows they show.
async function sweepFiles(plan: SweepPlan, summaries: readonly Summary[], charts: boolean) {
  const rows = sweepRows(plan, summaries);
  const files = new Map<string, string | Uint8Array>([
    ['sweep.csv', sweepCsv(plan, rows)],
    ['sweep.json', sweepJson(plan, rows, variantSummaries(plan, summaries))],
  ]);
  if (charts) {
    const spec = paretoChartSpec(plan, rows);
    files.set('pareto.vl.json', `${JSON.stringify(spec, null, 2)}\n`);
    // A front with nothing to draw has only its spec; a worker that fails is an error.
    const drawn = await renderChart(spec).catch((e: unknown) => {
      if (e instanceof ChartNotDrawn) return null;
      throw e;
    });
    if (drawn !== null) {
      files.set('pareto.svg', drawn.svg);
      files.set('pareto.png', drawn.png);
    }
  }
  return { files, rows };
}

// The Pareto front, cheapest first: what a capacity review reads first.
function frontTable(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const front = rows.filter((r) => r.pareto).sort((a, b) => (a.costUsd ?? Infinity) - (b.costUsd ?? Infinity));
  const header = ['variant', ...plan.vary.map((v) => v.path), 'cost', 'start-up p95', 'unserved'];
  const body = front.map((r) => [
    r.variant,
    ...r.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
    formatValue(r.costUsd, 'USD'),
    formatValue(r.startupP95S, 's'),
    formatValue(r.unservedFraction, 'fraction'),
  ]);
  const table = renderTable(
    [header, ...body],
    header.map((_, i) => (i <= plan.vary.length ? 'left' : 'right')),
  );
  const short = rows.filter((r) => (r.neverReady ?? 0) > 0);
  const left =
    short.length === 0 || short.length === rows.length
      ? ''
      : `\nLeft off the front, as they leave pods never Ready however cheap they are: ${short.map((r) => `${r.variant} (${formatValue(r.neverReady, 'pods')})`).join(', ')}.`;
  return `Pareto front (cost, p95 start-up, unserved load${plan.seeds > 1 ? `; means over ${plan.seeds} seeds` : ''}):\n${table}${left}`;
}
