import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/outputs.js';
import { reportHtml, shortfall } from '../../src/report/html.js';
import { comparisonCsv } from '../../src/report/csv.js';
import { runTable, warningsBlock } from '../../src/report/run-table.js';
import { loadScenario } from '../../src/scenario/load.js';

// statefulset-disks: d2-one-node attaches 4 disks, so kafka-4 stays Pending all 30 minutes, and
// OrderedReady never creates kafka-5 after it.
const scenario = loadScenario('scenarios/statefulset-disks.yaml').scenario!;
const { summaries, charts } = runScenario(scenario, []);
const of = (design: string) => summaries.find((s) => s.design === design)!;

describe('every pod counts', () => {
  it('censors the start-up of a pod never Ready at the end of the run, so p95 and max cannot hide it', () => {
    const s = of('d2-one-node');
    expect(s.pods).toMatchObject({ neverReady: 1, pendingAtEnd: 1, pendingPodSeconds: 1800 });
    // The pod created at t = 0 waited the whole run (at least): 1,800 s.
    expect(s.pods.startupSeconds).toEqual({ p50: 1800, p95: 1800, max: 1800 });
    // The design that added a node started its two pods in the run, and left none behind.
    expect(of('d2-autoscaled').pods).toMatchObject({ neverReady: 0, pendingAtEnd: 0 });
    expect(of('d2-autoscaled').pods.startupSeconds.p95!).toBeLessThan(1800);
  });

  it('warns of a design that never settles, naming why its pods stay Pending', () => {
    expect(of('d2-one-node').warnings).toEqual([
      expect.objectContaining({
        code: 'never-settles',
        location: null,
        message: expect.stringMatching(/^1 pod\(s\) still Pending at the end of the run \(.*volume.*\)/i),
      }),
    ]);
    expect(of('d4-one-node').warnings).toEqual([]);
    expect(warningsBlock(summaries)).toMatch(/^Warnings \(1\):\n {2}warning\[never-settles\] \[d2-one-node\]: 1 pod/);
  });

  it('shows never-Ready pods in comparison.csv and the terminal table', () => {
    const [header, ...rows] = comparisonCsv(summaries).trim().split('\n');
    const columns = header!.split(',');
    const at = (row: string, column: string) => row.split(',')[columns.indexOf(column)];
    expect(rows.map((r) => [at(r, 'design'), at(r, 'never_ready_pods'), at(r, 'pending_pods_at_end')])).toEqual([
      ['d2-one-node', '1', '1'],
      ['d2-autoscaled', '0', '0'],
      ['d4-one-node', '0', '0'],
    ]);
    const table = runTable(summaries).split('\n');
    expect(table[0]).toContain('never Ready');
    expect(table[1]).toMatch(/^d2-one-node .* 1800 pod-s .* 1800 s +1 /);
  });

  it('never highlights a design with never-Ready pods as best on start-up or cost, and says why in one line', () => {
    expect(shortfall(of('d2-one-node'))).toBe('1 pod(s) never Ready');
    expect(shortfall(of('d4-one-node'))).toBeNull();
    const html = reportHtml(scenario, charts);
    const row = (key: string) => html.match(new RegExp(`<tr><td title="${key}">[^]*?</tr>`))![0];
    // d2-one-node is the cheapest (one small node, nothing added), yet not highlighted: d2-autoscaled is.
    expect(of('d2-one-node').cost.total).toBeLessThan(of('d2-autoscaled').cost.total);
    const cells = (key: string) =>
      row(key)
        .match(/<td[^>]*>/g)!
        .slice(1);
    expect(cells('cost')).toEqual(['<td>', '<td class="best">', '<td>']);
    expect(cells('startupP95')[0]).toBe('<td>');
    expect(html).toContain('Not highlighted on start-up or cost: d2-one-node (1 pod(s) never Ready).');
    expect(html).toMatch(/<section class="warnings"><h2>Warnings \(1\)<\/h2><ul><li><b>never-settles<\/b>/);
  });
});
