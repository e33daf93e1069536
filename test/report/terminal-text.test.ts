// Names from files (summary.json, swept values) on their way to a terminal or a markdown table:
// no control character gets through, and a pipe cannot add a column.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/report/compare.js';
import { formatComparison } from '../../src/report/compare-format.js';
import { renderTable } from '../../src/report/format.js';
import { runTable } from '../../src/report/run-table.js';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Summary } from '../../src/report/summary.js';
import { markdownCell, stripControls } from '../../src/util/text.js';

const EVIL = 'a\u001b[31mb\nc|d';
// hasControl: whether `text` holds a control character other than the newlines between rows.
const hasControl = (text: string) =>
  Array.from(text).some((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== '\n') || (code >= 0x7f && code <= 0x9f);
  });
const { summaries } = runScenario(loadScenario('scenarios/node-size.yaml').scenario!, []);
const renamed = (s: Summary, design: string): Summary => ({ ...structuredClone(s), design });

describe('text for a terminal or a markdown table', () => {
  it('stripControls drops escapes, newlines, DEL, C1 controls and bidirectional overrides', () => {
    expect(stripControls(EVIL)).toBe('a[31mbc|d');
    expect(stripControls('x\u007f\u009b2J\u202ey\r\t')).toBe('x2Jy');
  });

  it('markdownCell escapes pipes, and a backslash so that it cannot undo a pipe’s escape', () => {
    expect(markdownCell(EVIL)).toBe('a[31mbc\\|d');
    expect(markdownCell('a\\|b')).toBe('a\\\\\\|b');
  });

  it('renderTable strips control characters from every cell, and pads by what is shown', () => {
    expect(
      renderTable(
        [
          ['name', 'n'],
          [EVIL, '1'],
        ],
        ['left', 'right'],
      ),
    ).toBe('name       n\na[31mbc|d  1');
  });

  it('the run table prints a design name without its escapes or newline', () => {
    const table = runTable([renamed(summaries[0]!, EVIL)]);
    expect(hasControl(table)).toBe(false);
    expect(table.split('\n')).toHaveLength(2);
    expect(table.split('\n')[1]).toMatch(/^a\[31mbc\|d /);
  });
});

describe('compare with design names from untrusted summary.json files', () => {
  const before = summaries.map((s) => renamed(s, s.design === 'big' ? EVIL : `${s.design}\u001b]0;title\u0007`));
  // The current run keeps the evil design and loses the other; it gains one only it has.
  const after = [before.find((s) => s.design === EVIL)!, renamed(summaries[0]!, 'new\r\nline')];
  const c = compareRuns(before, after);

  it('markdown: each row of the evil design is one table row, no escape, no newline, the pipe escaped', () => {
    const md = formatComparison(c, 'markdown');
    expect(hasControl(md)).toBe(false);
    const lines = md.split('\n');
    const rows = lines.filter((l) => l.startsWith('| a[31mbc'));
    expect(rows).toHaveLength(c.rows.length);
    for (const row of rows) {
      expect(row.startsWith('| a[31mbc\\|d | ')).toBe(true);
      // Six columns: seven unescaped pipes.
      expect(row.split(/(?<!\\)\|/)).toHaveLength(8);
    }
    expect(lines).toContain('**design small]0;title is missing from the current run: a regression**');
    expect(lines).toContain('> warning: design newline is only in the current run; not compared');
  });

  it('the terminal table has one line per row and no control character', () => {
    const table = formatComparison(c, 'table');
    expect(hasControl(table)).toBe(false);
    const lines = table.split('\n');
    expect(lines.filter((l) => l.startsWith('a[31mbc|d '))).toHaveLength(c.rows.length);
    expect(lines).toContain('design small]0;title is missing from the current run: a regression');
  });

  it('JSON keeps the names as they are: its escaping is enough', () => {
    const json = JSON.parse(formatComparison(c, 'json'));
    expect(json.rows[0].design).toBe(EVIL);
    expect(json.missing).toEqual(['small\u001b]0;title\u0007']);
  });
});
