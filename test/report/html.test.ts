import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/outputs.js';
import { CHART_CAPTIONS, CHART_NAMES } from '../../src/report/charts.js';
import { escapeHtml } from '../../src/util/text.js';
import { bestDesigns, reportHtml } from '../../src/report/html.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-html-');

const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
const { charts } = runScenario(scenario, []);
const html = reportHtml(scenario, charts);

describe('report.html', () => {
  it('holds the scenario, the designs side by side, every chart and the per-pod start-ups, and loads nothing from outside', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<h1>node-size</h1>');
    expect(html.match(/<figure class="chart"/g)).toHaveLength(CHART_NAMES.length * (charts.length + 1));
    // cost: the big design is cheaper, and highlighted.
    expect(html).toMatch(
      /<tr><td title="cost">cost <span class="note">\(USD, lower is better\)<\/span><\/td><td class="best">\$0\.41<\/td><td>\$0\.75<\/td><\/tr>/,
    );
    expect(html).toContain('<td>app-17</td>');
    // The CPU and memory charts say how to read them, overlaid and per design.
    for (const name of ['cpu', 'memory'] as const)
      expect(html.split(escapeHtml(CHART_CAPTIONS[name]!)), name).toHaveLength(charts.length + 2);
    expect(html).toMatch(
      /<figure class="chart" id="all-cpu"><\/figure><p class="note caption">CPU the pods used \(solid\)/,
    );
    // The new metrics, in the side-by-side table with their units.
    expect(html).toMatch(
      /<td title="oomKills">OOM kills <span class="note">\(kills, lower is better\)<\/span><\/td><td>0 kills<\/td>/,
    );
    expect(html).toContain(
      '<td title="peakWorkingSet">peak working set <span class="note">(bytes, lower is better)</span></td><td>0 B</td>',
    );
    expect(html).not.toMatch(
      /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!vega\.github\.io\/schema)[^"' ]+\.(js|css)/,
    );
    // No inlined text closes its <script> early: one closing tag per script element.
    expect(html.match(/<\/script>/g)!.length).toBe(html.match(/<script>/g)!.length);
  });

  it('highlights the best design per metric, and none when all are equal', () => {
    const lower = { key: 'x', path: 'x', unit: 's', better: 'lower', nullMeans: 'worst' } as const;
    expect([...bestDesigns([3, 1, 1], lower)]).toEqual([1, 2]);
    expect([...bestDesigns([0.2, 0.5, null], { ...lower, better: 'higher' })]).toEqual([1]);
    expect([...bestDesigns([2, 2], lower)]).toEqual([]);
    expect([...bestDesigns([2, null], lower)]).toEqual([0]); // no value at all is the worst here
    expect([...bestDesigns([2, null], { ...lower, nullMeans: 'best' })]).toEqual([1]); // and the best for recovery time
  });
});

// Debian's chromium, headless (CI installs it with apt): the report opens from disk with no console
// message and draws every chart. Set POOLSIM_CHROMIUM to use another binary.
const chromium =
  process.env.POOLSIM_CHROMIUM ??
  ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);

describe.skipIf(chromium === undefined)('report.html in a headless browser', () => {
  it('renders every chart with no console message', () => {
    const file = join(tmp(), 'report.html');
    writeFileSync(file, html);
    const run = spawnSync(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--virtual-time-budget=20000',
        '--enable-logging=stderr',
        '--v=0',
        '--dump-dom',
        `file://${file}`,
      ],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 },
    );
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes(':CONSOLE'))).toEqual([]);
    const count = CHART_NAMES.length * (charts.length + 1);
    expect(run.stdout).toContain(`data-rendered="${count}"`);
    const figures = [...run.stdout.matchAll(/<figure class="chart[^"]*" id="[^"]+"[^>]*>(.*?)<\/figure>/gs)].map(
      (m) => m[1]!,
    );
    expect(figures).toHaveLength(count);
    expect(figures.every((f) => f.includes('<svg'))).toBe(true);
  }, 90_000);
});

if (chromium === undefined)
  console.warn('report.html browser test skipped: no chromium (apt-get install chromium, or set POOLSIM_CHROMIUM)');
