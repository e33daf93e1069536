import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFile, csvHeader, csvRecord, csvText, type CsvValue } from '../../src/report/csv-file.js';
import { eventRow, eventsCsv } from '../../src/report/csv.js';
import { EVENT_COLUMNS } from '../../src/report/columns.js';
import type { RunEvent } from '../../src/simulate/event-log.js';
import { budget } from '../property/budget.js';

// csv-stringify as poolsim used it for whole files, with formulas neutralised (OWASP's advice
// against CSV injection): the reference the streamed rows must match.
const reference = (columns: string[], rows: Array<Record<string, unknown>>) =>
  stringify(rows, { header: true, columns, cast: { number: (n) => String(n) }, escape_formulas: true });
const referenceRecord = (cells: CsvValue[]) =>
  stringify([cells], { cast: { number: (n) => String(n) }, escape_formulas: true });

const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\t', 'é', '😀', ';', "'") }),
  // Text a spreadsheet would take for a formula: every prefix csv-stringify neutralises, and others it leaves.
  fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', "'", ' ', '|', '1'),
      fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '|', '(', ')', '!', '=') }),
    )
    .map(([prefix, rest]) => prefix + rest),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(undefined),
);
const columns = ['time_s', 'kind', 'name', 'reason', 'message'];
const rows = fc.array(fc.record(Object.fromEntries(columns.map((c) => [c, cell])) as Record<string, typeof cell>), {
  maxLength: 20,
});

describe('CSV written row by row', () => {
  it('is byte for byte what csv-stringify writes, for any cells', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        expect(csvText(columns, rs)).toBe(reference(columns, rs));
      }),
      budget(500),
    );
  });

  it('csvRecord and csvHeader write what csv-stringify writes for a record', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        expect(csvRecord(cells)).toBe(referenceRecord(cells));
      }),
      budget(300),
    );
    expect(csvHeader(['=a', 'b'])).toBe("'=a,b\n");
  });

  it('CsvFile writes the same bytes as csvText, across its write chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poolsim-csv-'));
    try {
      const many = Array.from({ length: 30_000 }, (_, i) => ({
        time_s: i / 10,
        kind: 'Pod',
        name: `app-${i}`,
        reason: 'Scheduled',
        message: `Successfully assigned "app-${i}", at last`,
      }));
      const file = new CsvFile(join(dir, 'events.csv'), columns);
      for (const r of many) file.add(r);
      file.close();
      expect(file.rows).toBe(30_000);
      expect(readFileSync(join(dir, 'events.csv'), 'utf8')).toBe(reference(columns, many));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CSV injection (OWASP): text that a spreadsheet would run is prefixed with a quote', () => {
  it.each([
    ['=', '=1+2', "'=1+2"],
    ['+', '+SUM(1;2)', "'+SUM(1;2)"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@NOW()', "'@NOW()"],
    ['tab', '\t=1', "'\t=1"],
    ['carriage return', '\r=1', `"'\r=1"`],
    ['full-width =', '\uFF1D1', "'\uFF1D1"],
    ['full-width +', '\uFF0B1', "'\uFF0B1"],
    ['full-width -', '\uFF0D1', "'\uFF0D1"],
    ['full-width @', '\uFF20A', "'\uFF20A"],
    ['a DDE payload', "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['a formula with a comma, quoted after the prefix', '+SUM(1,2)', `"'+SUM(1,2)"`],
    ['a formula with a quote', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a string "-5"', '-5', "'-5"],
  ])('%s', (_, text, written) => {
    expect(csvRecord([text])).toBe(`${written}\n`);
    expect(csvRecord([text])).toBe(referenceRecord([text]));
  });

  it.each([
    ['a negative number', -5, '-5'],
    ['a negative fraction', -0.25, '-0.25'],
    ['minus infinity', -Infinity, '-Infinity'],
    ['text not starting with a formula character', 'a=b', 'a=b'],
    ['a quote already first', "'=x", "'=x"],
    ['an empty string', '', ''],
    ['a boolean', true, '1'],
  ])('leaves %s as it is', (_, value, written) => {
    expect(csvRecord([value])).toBe(`${written}\n`);
    expect(csvRecord([value])).toBe(referenceRecord([value]));
  });

  it('neutralises an event message in events.csv, whole or written row by row', () => {
    const events: RunEvent[] = [
      { timeMs: 1500, kind: 'Pod', name: '@evil', reason: 'Failed', message: '=cmd|x' },
      { timeMs: 2000, kind: 'Pod', name: 'web-1', reason: 'Failed', message: '+SUM(1,2)' },
    ];
    const expected =
      "time_s,kind,name,reason,message\n1.5,Pod,'@evil,Failed,'=cmd|x\n2,Pod,web-1,Failed,\"'+SUM(1,2)\"\n";
    expect(eventsCsv(events)).toBe(expected);
    const dir = mkdtempSync(join(tmpdir(), 'poolsim-csv-'));
    try {
      const file = new CsvFile(join(dir, 'events.csv'), EVENT_COLUMNS);
      for (const e of events) file.add(eventRow(e));
      file.close();
      expect(readFileSync(join(dir, 'events.csv'), 'utf8')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('neutralises a timeline row whose workload is a formula, and leaves its negative numbers', () => {
    expect(csvText(['time_s', 'workload', 'unserved_rps'], [{ time_s: 0, workload: '-x', unserved_rps: -1 }])).toBe(
      "time_s,workload,unserved_rps\n0,'-x,-1\n",
    );
  });
});
