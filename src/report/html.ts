// report.html: one self-contained file that opens offline from disk — the scenario, the designs
// side by side (the best value of each metric highlighted), every chart (precompiled to Vega and
// drawn by the inlined vega and vega-embed bundles), and each design's per-pod start-up breakdown.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { chartFolder, CompiledCharts } from './chart-compile.js';
import { formatBytes, formatMilliCpu } from './format.js';
import type { Scenario } from '../scenario/model.js';
import { formatDuration } from '../scenario/duration.js';
import {
  BAND_CHART,
  bandChartSpec,
  CHART_CAPTIONS,
  CHART_NAMES,
  chartSpecs,
  ROLLOUT_CHART,
  rolloutChartSpec,
  INSTANCE_TYPE_CHART,
  instanceTypeChartSpec,
  STARTUP_BARS,
  STARTUP_STEPS,
  type ChartInput,
  type ChartName,
} from './charts.js';
import { DISTRIBUTION_STATS } from './monte-carlo.js';
import { formatValue } from './compare-format.js';
import { METRICS, metricValue, rank, type Metric } from './metrics.js';
import type { Summary } from './summary.js';
import { groupWarnings } from './warnings.js';
import { escapeHtml } from '../util/text.js';
import { verdict, verdictHtml } from './verdict.js';

const require = createRequire(import.meta.url);
// The packages export only their modules: their browser bundles sit beside them.
const bundle = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
const POD_ROWS = 500; // per design in the start-up table; the chart shows up to STARTUP_BARS (charts.ts)

const escape = escapeHtml;
// JSON and scripts inside <script>: nothing may close the element early.
const inline = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** bestDesigns are the designs with the best value of a metric, a missing value ranked by what it means (none when all are alike). */
export function bestDesigns(
  values: ReadonlyArray<number | null>,
  metric: Pick<Metric, 'better' | 'nullMeans'>,
): Set<number> {
  const ranks = values.map((v) => rank(metric, v));
  if (ranks.length < 2 || ranks.every((r) => r === ranks[0])) return new Set();
  const best = Math.min(...ranks);
  return new Set(ranks.flatMap((r, i) => (r === best ? [i] : [])));
}

/**
 * reportHtml renders the report of a run; `compiled` holds charts already compiled, by the folder
 * their files are written to and their name (render-charts.ts's chartSets).
 */
export function reportHtml(
  scenario: Scenario,
  inputs: readonly ChartInput[],
  compiled: CompiledCharts = new CompiledCharts(),
): string {
  const charts: Array<{ id: string; spec: unknown }> = [];
  const chart = (id: string, key: string, spec: TopLevelSpec) => {
    charts.push({ id, spec: compiled.compiled(key, spec) });
    return `<figure class="chart" id="${id}"></figure>`;
  };
  const overlay = chartSpecs(inputs);
  // A chart with its caption, if it has one.
  // `folder`: the set's chartFolder, the first part of its charts' keys.
  const named = (id: string, folder: string, name: ChartName, spec: TopLevelSpec) => {
    const caption = CHART_CAPTIONS[name];
    return `${chart(id, `${folder}/${name}`, spec)}${caption === undefined ? '' : `<p class="note caption">${escape(caption)}</p>`}`;
  };
  type Inputs = readonly ChartInput[];
  const extraChart = (id: string, folder: string, name: string, spec: TopLevelSpec | null) =>
    spec === null ? [] : [chart(`${id}-${name}`, `${folder}/${name}`, spec)];
  const bandChart = (set: Inputs, id: string, folder: string) => extraChart(id, folder, BAND_CHART, bandChartSpec(set));
  const rolloutChart = (set: Inputs, id: string, folder: string) =>
    extraChart(id, folder, ROLLOUT_CHART, rolloutChartSpec(set));
  const instanceTypeChart = (set: Inputs, id: string, folder: string) =>
    extraChart(id, folder, INSTANCE_TYPE_CHART, instanceTypeChartSpec(set));
  const body = [
    `<h1>${escape(scenario.name)}</h1>`,
    scenario.description === '' ? '' : `<p>${escape(scenario.description)}</p>`,
    `<p class="meta">${formatDuration(scenario.durationMs)} simulated${scenario.warmupMs > 0 ? ` (the first ${formatDuration(scenario.warmupMs)} a warm-up, left out of every figure, shaded in the charts)` : ''} · ${scenario.start} start · seed ${scenario.seed} · Kubernetes ${scenario.kubernetesVersion.major}.${scenario.kubernetesVersion.minor} · ` +
      `${scenario.workloads.length} workload(s): ${scenario.workloads.map((w) => `${escape(w.name)} (${formatMilliCpu(w.requests.cpuMilli)}, ${formatBytes(w.requests.memoryBytes)})`).join(', ')}</p>`,
    ...warningsSection(inputs),
    '<h2>Designs</h2>',
    designsTable(scenario, inputs),
    '<h2>Side by side</h2>',
    metricsTable(inputs),
    ...distributionSection(inputs),
    '<h2>Charts, every design</h2>',
    ...CHART_NAMES.map((name) => named(`all-${name}`, chartFolder(null), name, overlay[name])),
    ...bandChart(inputs, 'all', chartFolder(null)),
    ...rolloutChart(inputs, 'all', chartFolder(null)),
    ...instanceTypeChart(inputs, 'all', chartFolder(null)),
    ...inputs.map((input, i) => {
      const [set, folder] = [[input], chartFolder(input.design)];
      const specs = chartSpecs(set);
      return (
        `<details><summary><h2>${escape(input.design)}</h2></summary>${CHART_NAMES.map((name) => named(`d${i}-${name}`, folder, name, specs[name])).join('')}${bandChart(set, `d${i}`, folder).join('')}${rolloutChart(set, `d${i}`, folder).join('')}` +
        `<h3>Pod start-up, step by step (seconds)</h3>${startupTable(input)}</details>`
      );
    }),
    verdictHtml(verdict(inputs.map((i) => i.summary))),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>poolsim: ${escape(scenario.name)}</title>
<style>
body { font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; } td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
td:first-child, th:first-child { text-align: left; } .best { background: #d9f2d9; font-weight: bold; } .meta { color: #555; }
details summary h2 { display: inline; } figure.chart { margin: 1em 0; } .note { color: #555; font-size: 90%; }
.warnings { background: #fff4e0; border-left: 4px solid #e8a33d; padding: 0.2em 1em; } .warnings li { margin: 0.3em 0; }
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

// Every design's warnings, once each, with the designs they concern: at the top, before any figure.
function warningsSection(inputs: readonly ChartInput[]): string[] {
  const grouped = groupWarnings(inputs.map((i) => i.summary));
  if (grouped.length === 0) return [];
  const items = grouped.map(({ warning: w, designs }) => {
    const which = designs.length === 0 ? '' : ` <span class="note">(${designs.map(escape).join(', ')})</span>`;
    const where = w.location === null ? '' : `<code>${escape(w.location)}</code> `;
    return `<li>${where}<b>${escape(w.code)}</b>${which}: ${escape(w.message)}</li>`;
  });
  return [`<section class="warnings"><h2>Warnings (${grouped.length})</h2><ul>${items.join('')}</ul></section>`];
}

function designsTable(scenario: Scenario, inputs: readonly ChartInput[]): string {
  const rows = scenario.designs
    .filter((d) => inputs.some((i) => i.design === d.name))
    .flatMap((d) => [
      ...d.pools.map(
        (p, j) =>
          `<tr><td>${j === 0 ? escape(d.name) : ''}</td><td>${escape(p.name)}</td>` +
          `<td>${escape(p.instanceType ?? 'inline')}</td><td>${formatMilliCpu(p.node.cpuMilli)}</td><td>${formatBytes(p.node.memoryBytes)}</td><td>${p.min}–${p.max} (${p.initial} at start)</td>` +
          `<td>$${p.pricePerHour.toFixed(4)}</td><td>${escape(p.supervisor.kind)}</td></tr>`,
      ),
      // Karpenter's NodePools: the types each allows (cheapest first), its limits, spot settings.
      ...(d.karpenter?.nodePools ?? []).map((np, j) => {
        const types = np.instanceTypes;
        const shown =
          types.length <= 6 ? types.join(', ') : `${types.slice(0, 5).join(', ')} … ${types.at(-1)} (${types.length})`;
        const limit = np.limits.cpuMilli === undefined ? 'no CPU limit' : `up to ${formatMilliCpu(np.limits.cpuMilli)}`;
        return (
          `<tr><td>${j === 0 && d.pools.length === 0 ? escape(d.name) : ''}</td><td>NodePool ${escape(np.name)} (Karpenter)</td>` +
          `<td colspan="3">${escape(shown)}</td><td>${escape(limit)}</td>` +
          `<td>spot ${Math.round(d.karpenter!.spot.discount * 100)}% off</td><td>${escape(d.karpenter!.nodes.supervisor.kind)}</td></tr>`
        );
      }),
    ]);
  return `<table><tr><th>design</th><th>pool</th><th>instance type</th><th>CPU</th><th>memory</th><th>nodes</th><th>per hour</th><th>kubelet supervisor</th></tr>${rows.join('')}</table>`;
}

// Start-up and cost say how quick or cheap a design was at what it did: one that left pods never
// Ready or load unserved did less, so it is never highlighted best on them.
const EXCLUDED_WHEN_SHORT = new Set(['startupP50', 'startupP95', 'cost', 'costPerPodHour']);

/** shortfall says what a design left undone (pods never Ready, load unserved), or null when nothing. */
export function shortfall(summary: Summary): string | null {
  const parts: string[] = [];
  const neverReady = summary.pods.neverReady ?? 0;
  if (neverReady > 0) parts.push(`${neverReady} pod(s) never Ready`);
  if (summary.load.unservedFraction > 0)
    parts.push(`${formatValue(summary.load.unservedFraction, 'fraction')} of its load unserved`);
  return parts.length === 0 ? null : parts.join(', ');
}

function metricsTable(inputs: readonly ChartInput[]): string {
  const short = inputs.map((i) => shortfall(i.summary));
  const rows = METRICS.map((m) => {
    const values = inputs.map((i) => metricValue(i.summary, m));
    const eligible = EXCLUDED_WHEN_SHORT.has(m.key) ? values.map((v, i) => (short[i] === null ? v : NaN)) : values;
    const best = bestAmong(eligible, m);
    return `<tr><td title="${escape(m.key)}">${escape(m.label)} <span class="note">(${m.unit === 'fraction' ? '' : `${escape(m.unit)}, `}${m.better} is better)</span></td>${values.map((v, i) => `<td${best.has(i) ? ' class="best"' : ''}>${formatValue(v, m.unit)}</td>`).join('')}</tr>`;
  });
  const excluded = inputs.flatMap((input, i) =>
    short[i] === null ? [] : [`${escape(input.design)} (${escape(short[i]!)})`],
  );
  const why =
    excluded.length === 0 || inputs.length < 2
      ? ''
      : `<p class="note shortfall">Not highlighted on start-up or cost: ${excluded.join('; ')}. A design that leaves pods never Ready or load unserved did less than the others, however quick or cheap the rest of it was.</p>`;
  return `<table><tr><th>metric</th>${inputs.map((i) => `<th>${escape(i.design)}</th>`).join('')}</tr>${rows.join('')}</table>${why}`;
}

// bestDesigns over the designs that may be best (NaN: may not); the one design that may is best of all.
function bestAmong(values: ReadonlyArray<number | null>, metric: Metric): Set<number> {
  const open = values.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  if (open.length === 1 && values.length > 1) return new Set(open);
  const best = bestDesigns(
    open.map((i) => values[i]!),
    metric,
  );
  return new Set([...best].map((k) => open[k]!));
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
      ? `<p class="note">The first ${POD_ROWS} of ${input.startups.length} Ready pods; the chart shows them all, or ${STARTUP_BARS.toLocaleString('en-US')} of them (every k-th in order of creation) past that.</p>`
      : '';
  return `<table><tr><th>pod</th><th>created (s)</th>${steps.map((s) => `<th>${s}</th>`).join('')}<th>total</th></tr>${rows.join('')}</table>${more}`;
}
