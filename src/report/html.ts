// report.html: one self-contained file that opens offline from disk — the scenario, the designs
// side by side (the best value of each metric highlighted), every chart (precompiled to Vega and
// drawn by the inlined vega and vega-embed bundles), and each design's per-pod start-up breakdown.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compile } from 'vega-lite';
import { formatBytes, formatMilliCpu } from './format.js';
import type { Scenario } from '../scenario/model.js';
import { formatDuration } from '../scenario/duration.js';
import { BAND_CHART, bandChartSpec, CHART_NAMES, chartSpecs, STARTUP_STEPS, type ChartInput } from './charts.js';
import { DISTRIBUTION_STATS } from './monte-carlo.js';
import { formatValue } from './compare-format.js';
import { METRICS, metricValue, rank, type Metric } from './metrics.js';

const require = createRequire(import.meta.url);
// The packages export only their modules: their browser bundles sit beside them.
const bundle = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
const POD_ROWS = 500; // per design in the start-up table; the chart shows them all

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// JSON and scripts inside <script>: nothing may close the element early.
const inline = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** bestDesigns are the designs with the best value of a metric, a missing value ranked by what it means (none when all are alike). */
export function bestDesigns(values: ReadonlyArray<number | null>, metric: Metric): Set<number> {
  const ranks = values.map((v) => rank(metric, v));
  if (ranks.length < 2 || ranks.every((r) => r === ranks[0])) return new Set();
  const best = Math.min(...ranks);
  return new Set(ranks.flatMap((r, i) => (r === best ? [i] : [])));
}

/** reportHtml renders the report of a run. */
export function reportHtml(scenario: Scenario, inputs: readonly ChartInput[]): string {
  const charts: Array<{ id: string; spec: unknown }> = [];
  const chart = (id: string, spec: Parameters<typeof compile>[0]) => {
    charts.push({ id, spec: compile(spec).spec });
    return `<figure class="chart" id="${id}"></figure>`;
  };
  const overlay = chartSpecs(inputs);
  const bandChart = (set: readonly ChartInput[], id: string) => {
    const spec = bandChartSpec(set);
    return spec === null ? [] : [chart(`${id}-${BAND_CHART}`, spec)];
  };
  const body = [
    `<h1>${escape(scenario.name)}</h1>`,
    scenario.description === '' ? '' : `<p>${escape(scenario.description)}</p>`,
    `<p class="meta">${formatDuration(scenario.durationMs)} simulated · seed ${scenario.seed} · Kubernetes ${scenario.kubernetesVersion.major}.${scenario.kubernetesVersion.minor} · ` +
      `${scenario.workloads.length} workload(s): ${scenario.workloads.map((w) => `${escape(w.name)} (${formatMilliCpu(w.requests.cpuMilli)}, ${formatBytes(w.requests.memoryBytes)})`).join(', ')}</p>`,
    '<h2>Designs</h2>',
    designsTable(scenario, inputs),
    '<h2>Side by side</h2>',
    metricsTable(inputs),
    ...distributionSection(inputs),
    '<h2>Charts, every design</h2>',
    ...CHART_NAMES.map((name) => chart(`all-${name}`, overlay[name])),
    ...bandChart(inputs, 'all'),
    ...inputs.map((input, i) => {
      const specs = chartSpecs([input]);
      return (
        `<details><summary><h2>${escape(input.design)}</h2></summary>${CHART_NAMES.map((name) => chart(`d${i}-${name}`, specs[name])).join('')}${bandChart([input], `d${i}`).join('')}` +
        `<h3>Pod start-up, step by step (seconds)</h3>${startupTable(input)}</details>`
      );
    }),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>poolsim: ${escape(scenario.name)}</title>
<style>
body { font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; } td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
td:first-child, th:first-child { text-align: left; } .best { background: #d9f2d9; font-weight: bold; } .meta { color: #555; }
details summary h2 { display: inline; } figure.chart { margin: 1em 0; } .note { color: #555; font-size: 90%; }
</style>
<script>${inline(bundle('vega', 'vega.min.js'))}</script>
<script>${inline(bundle('vega-embed', 'vega-embed.min.js'))}</script>
</head><body>
${body}
<p class="note">Written by poolsim. Highlighted: the best design for each metric.</p>
<script>
const charts = ${inline(JSON.stringify(charts))};
Promise.all(charts.map((c) => vegaEmbed('#' + c.id, c.spec, { mode: 'vega', renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })))
  .then(() => { document.body.dataset.rendered = String(charts.length); })
  .catch((e) => { document.body.dataset.failed = String(e); console.error(e); });
</script>
</body></html>
`;
}

function designsTable(scenario: Scenario, inputs: readonly ChartInput[]): string {
  const rows = scenario.designs
    .filter((d) => inputs.some((i) => i.design === d.name))
    .flatMap((d) =>
      d.pools.map(
        (p, j) =>
          `<tr><td>${j === 0 ? escape(d.name) : ''}</td><td>${escape(p.name)}</td>` +
          `<td>${escape(p.instanceType ?? 'inline')}</td><td>${formatMilliCpu(p.node.cpuMilli)}</td><td>${formatBytes(p.node.memoryBytes)}</td><td>${p.min}–${p.max} (${p.initial} at start)</td>` +
          `<td>$${p.pricePerHour.toFixed(4)}</td><td>${escape(p.supervisor.kind)}</td></tr>`,
      ),
    );
  return `<table><tr><th>design</th><th>pool</th><th>instance type</th><th>CPU</th><th>memory</th><th>nodes</th><th>per hour</th><th>kubelet supervisor</th></tr>${rows.join('')}</table>`;
}

function metricsTable(inputs: readonly ChartInput[]): string {
  const rows = METRICS.map((m) => {
    const values = inputs.map((i) => metricValue(i.summary, m));
    const best = bestDesigns(values, m);
    return `<tr><td>${m.key} <span class="note">(${m.better} is better)</span></td>${values.map((v, i) => `<td${best.has(i) ? ' class="best"' : ''}>${formatValue(v, m.unit)}</td>`).join('')}</tr>`;
  });
  return `<table><tr><th>metric</th>${inputs.map((i) => `<th>${escape(i.design)}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

// After a Monte Carlo run: each metric's distribution over the seeds, per design.
function distributionSection(inputs: readonly ChartInput[]): string[] {
  const seeds = inputs[0]?.summary.seeds;
  if (seeds === undefined) return [];
  const head =
    `<tr><th>metric</th>${inputs.map((i) => `<th colspan="${DISTRIBUTION_STATS.length}">${escape(i.design)}</th>`).join('')}</tr>` +
    `<tr><th></th>${inputs.map(() => DISTRIBUTION_STATS.map((s) => `<th>${s}</th>`).join('')).join('')}</tr>`;
  const rows = METRICS.map(
    (m) =>
      `<tr><td>${m.key}</td>${inputs.map((i) => DISTRIBUTION_STATS.map((s) => `<td>${formatValue(i.summary.distributions?.[m.key]?.[s] ?? null, m.unit)}</td>`).join('')).join('')}</tr>`,
  );
  return [
    `<h2>Over ${seeds.count} seeds (${seeds.first}…${seeds.first + seeds.count - 1})</h2>`,
    '<p class="note">The side-by-side table above is the first seed\'s run; here each metric\'s 5th, 50th and 95th percentile over the seeds, its mean and the 95% confidence interval of the mean.</p>',
    `<table>${head}${rows.join('')}</table>`,
  ];
}

function startupTable(input: ChartInput): string {
  const steps = STARTUP_STEPS;
  const n = (x: number) => String(Math.round(x * 1000) / 1000);
  const rows = input.startups
    .slice(0, POD_ROWS)
    .map(
      (p) =>
        `<tr><td>${escape(p.pod)}</td><td>${n(p.createdS)}</td>${steps.map((s) => `<td>${n(p[s])}</td>`).join('')}` +
        `<td>${n(steps.reduce((t, s) => t + p[s], 0))}</td></tr>`,
    );
  const more =
    input.startups.length > POD_ROWS
      ? `<p class="note">The first ${POD_ROWS} of ${input.startups.length} Ready pods; the chart shows them all.</p>`
      : '';
  return `<table><tr><th>pod</th><th>created (s)</th>${steps.map((s) => `<th>${s}</th>`).join('')}<th>total</th></tr>${rows.join('')}</table>${more}`;
}
