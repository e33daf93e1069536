import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPARISON_COLUMNS } from '../../src/report/columns.js';
import { METRICS } from '../../src/report/metrics.js';

// docs/glossary.md's table of figures, one object per row; `code` cells lose their backticks.
const rows = readFileSync('docs/glossary.md', 'utf8')
  .split('## Figures')[1]!
  .split('\n')
  .filter((l) => l.startsWith('|'))
  .slice(2)
  .map((l) => {
    const [name, key, column, path, unit, better] = l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/^`(.*)`$/, '$1'));
    return { name, key, column, path, unit, better };
  });

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

  it('names each key, column and path once', () => {
    for (const field of ['key', 'column', 'path'] as const) {
      const named = rows.map((r) => r[field]).filter((x) => x !== '—');
      expect(named.filter((x, i) => named.indexOf(x) !== i)).toEqual([]);
    }
  });
});
