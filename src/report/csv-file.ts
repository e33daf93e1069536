// CSV written row by row, so that a long run's timeline and events go to disk as they are made
// instead of piling up in memory. The rows are the bytes csv-stringify writes with our settings
// (header, numbers as String(n), a field quoted when it holds a comma, a quote, a carriage return or a newline, quotes
// doubled); test/report/csv-file.test.ts holds the two to the same bytes on random rows.
import { closeSync, openSync, writeSync } from 'node:fs';

/** CsvValue is what a cell may hold. */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** csvField formats one cell as csv-stringify does. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** csvLine is one record: the cells of `columns` in order, and the newline. */
export function csvLine(columns: readonly string[], row: Readonly<Record<string, CsvValue>>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : ',') + csvField(row[columns[i]!]);
  return `${line}\n`;
}

/** csvHeader is the header record. */
export const csvHeader = (columns: readonly string[]): string => `${columns.map(csvField).join(',')}\n`;

/** csvText is a whole CSV document: the header, then a record per row. */
export function csvText(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvValue>>>): string {
  let text = csvHeader(columns);
  for (const row of rows) text += csvLine(columns, row);
  return text;
}

// Writes go out in chunks of about this many characters: few system calls, little held.
const CHUNK = 1 << 20;

/** CsvFile appends records to a file as they come; `close` writes what is left and closes it. */
export class CsvFile {
  private readonly fd: number;
  private buffer = '';
  private rowCount = 0;

  constructor(readonly path: string, private readonly columns: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.buffer = csvHeader(columns);
  }

  /** rows counts the records written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** add appends one record. */
  add(row: Readonly<Record<string, CsvValue>>): void {
    this.buffer += csvLine(this.columns, row);
    this.rowCount++;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  /** close writes the rest and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
