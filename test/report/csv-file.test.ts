import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFile, csvText } from '../../src/report/csv-file.js';
import { budget } from '../property/budget.js';

// csv-stringify as poolsim used it for whole files: the reference the streamed rows must match.
const reference = (columns: string[], rows: Array<Record<string, unknown>>) =>
  stringify(rows, { header: true, columns, cast: { number: (n) => String(n) } });

const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\t', 'é', '😀', ';', "'") }),
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
