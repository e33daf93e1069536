import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPARISON_COLUMNS, NODE_COLUMNS, POOL_COLUMNS, TIMELINE_COLUMNS } from '../../src/report/columns.js';
import { METRICS } from '../../src/report/metrics.js';

const glossary = readFileSync('docs/glossary.md', 'utf8');
// The cells of a section's table, a row each; `code` cells lose their backticks.
const table = (section: string) =>
  glossary
    .split(`\n## ${section}\n`)[1]!
    .split('\n## ')[0]!
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/^`(.*)`$/, '$1')),
    );
// docs/glossary.md's table of figures, one object per row.
const rows = table('Figures').map(([name, key, column, path, unit, better]) => ({
  name,
  key,
  column,
  path,
  unit,
  better,
}));

describe('docs/glossary.md', () => {
  it('has every metric compare gates on, with its label, path, unit and direction', () => {
    for (const m of METRICS)
      expect(rows.find((r) => r.key === m.key)).toEqual({
        name: m.label,
        key: m.key,
        column: expect.any(String),
        path: m.path,
        unit: m.unit,
        better: m.better,
      });
  });

  it('has every comparison.csv column', () => {
    const documented = rows.map((r) => r.column);
    expect(COMPARISON_COLUMNS.filter((c) => !documented.includes(c))).toEqual([]);
  });

  // A column renamed or dropped in columns.ts leaves the glossary too.
  it('names no column comparison.csv does not have', () => {
    const columns: readonly string[] = COMPARISON_COLUMNS;
    expect(rows.map((r) => r.column).filter((c) => c !== '—' && !columns.includes(c!))).toEqual([]);
  });

  it("has every column of timeline.csv, pools.csv and nodes.csv, in the files' order, with a unit and a meaning", () => {
    const columns = table('Timelines');
    const of = (file: string) => columns.filter(([f]) => f === file).map(([, column]) => column);
    expect(of('timeline.csv')).toEqual([...TIMELINE_COLUMNS]);
    expect(of('pools.csv')).toEqual([...POOL_COLUMNS]);
    expect(of('nodes.csv')).toEqual([...NODE_COLUMNS]);
    expect(columns.filter(([, , unit, meaning]) => !unit || !meaning)).toEqual([]);
  });

  it('names each key, column and path once', () => {
    for (const field of ['key', 'column', 'path'] as const) {
      const named = rows.map((r) => r[field]).filter((x) => x !== '—');
      expect(named.filter((x, i) => named.indexOf(x) !== i)).toEqual([]);
    }
  });
});
