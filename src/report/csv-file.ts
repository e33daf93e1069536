// poolsim's one CSV writer, whole documents or row by row (so that a long run's timeline and
// events go to disk as they are made instead of piling up in memory). The bytes are those
// csv-stringify writes with header and escape_formulas, numbers as String(n), booleans as 1 or empty,
// a text cell that a spreadsheet would take for a formula (one starting with =, +, -, @, a tab or a
// carriage return, or the full-width ＝ ＋ － ＠) prefixed with ' as OWASP recommends against CSV
// injection (a number, negative or not, is left as it is), a field quoted when it holds a comma, a
// quote, a carriage return or a newline, quotes doubled:
// test/report/csv-file.test.ts holds the two to the same bytes on random rows.
import { closeSync, openSync, writeSync } from 'node:fs';

/** CsvValue is what a cell may hold. */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** formulaStart: whether a text cell starting with this UTF-16 code unit would be read as a formula (csv-stringify's escape_formulas). */
function formulaStart(code: number): boolean {
  switch (code) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true;
    default:
      return false;
  }
}

/** csvField formats one cell as csv-stringify with escape_formulas does. */
function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '';
  let text: string;
  if (typeof value === 'string') {
    if (value === '') return '';
    // The prefix goes on before the quoting decision, as csv-stringify does it.
    text = formulaStart(value.charCodeAt(0)) ? `'${value}` : value;
  } else text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** csvLine is one record: the cells of `columns` in order, and the newline. */
function csvLine(columns: readonly string[], row: Readonly<Record<string, CsvValue>>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : ',') + csvField(row[columns[i]!]);
  return `${line}\n`;
}

/** csvRecord is one record from its cells in order, and the newline. */
export const csvRecord = (cells: readonly CsvValue[]): string => `${cells.map(csvField).join(',')}\n`;

/** csvHeader is the header record. */
export const csvHeader = (columns: readonly string[]): string => csvRecord(columns);

/** csvText is a whole CSV document: the header, then a record per row. */
export function csvText(columns: readonly string[], rows: Iterable<Readonly<Record<string, unknown>>>): string {
  let text = csvHeader(columns);
  for (const row of rows) text += csvLine(columns, row as Readonly<Record<string, CsvValue>>);
  return text;
}

// Writes go out in chunks of about this many characters: few system calls, little held.
const CHUNK = 1 << 20;

/** CsvFile appends records to a file as they come; `close` writes what is left and closes it. */
export class CsvFile {
  private readonly fd: number;
  private buffer = '';
  private rowCount = 0;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
  ) {
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
