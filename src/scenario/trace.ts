// Load traces: a CSV file of `time,rps` rows, time as a duration ("5m") or in seconds; an optional
// header row. The rate holds from one row's time until the next's.
import { DurationError, parseDuration } from './duration.js';
import type { Problem } from './source.js';
import { excerpt, MAX_EXCERPT, stripControls } from '../util/text.js';

/** TracePoint is one row of a trace. */
export interface TracePoint {
  readonly atMs: number;
  readonly rps: number;
}

/** MAX_PROBLEMS is how many problems one trace file may give: a file that is not a trace would give one per line. */
const MAX_PROBLEMS = 3;

/**
 * parseTrace reads a trace's text; rows that are not time,rps become problems at their line (at
 * most MAX_PROBLEMS). A problem quotes a short, escaped excerpt of its row only once the file has
 * shown itself to be a trace (a good row before it): the rows of a file named by mistake (a
 * credentials file) are never repeated into a CI log.
 */
export function parseTrace(file: string, text: string): { points: TracePoint[]; problems: Problem[] } {
  const points: TracePoint[] = [];
  const problems: Problem[] = [];
  let unshown = 0;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (points.length === 0 && problems.length === 0 && cells.some((c) => /^[A-Za-z_]+$/.test(c))) return; // a header such as time,rps
    const quote = (cell: string) => (points.length > 0 ? ` ${excerpt(cell)}` : '');
    const problem = (message: string) => {
      if (problems.length < MAX_PROBLEMS) problems.push({ file, line: i + 1, col: 1, path: '', message });
      else unshown++;
    };
    if (cells.length !== 2)
      return problem(
        `row${quote(line)} is not a time,rps row (${cells.length} ${cells.length === 1 ? 'column' : 'columns'}); expected two columns, e.g. 5m,120`,
      );
    const atMs = rowTime(cells[0]!, points.length > 0);
    const rps = Number(cells[1]);
    if (typeof atMs === 'string') return problem(atMs);
    if (cells[1] === '' || !Number.isFinite(rps) || rps < 0)
      return problem(`rps${quote(cells[1]!)} is not a number ≥ 0`);
    const previous = points[points.length - 1];
    if (previous !== undefined && atMs <= previous.atMs)
      return problem(`time${quote(cells[0]!)} does not come after the row before; expected rows in increasing time`);
    points.push({ atMs, rps });
  });
  const last = problems[MAX_PROBLEMS - 1];
  if (last !== undefined && unshown > 0)
    problems[MAX_PROBLEMS - 1] = {
      ...last,
      message: `${last.message} (and ${unshown.toLocaleString('en-US')} more bad ${unshown === 1 ? 'row' : 'rows'} after it)`,
    };
  if (points.length === 0 && problems.length === 0)
    problems.push({ file, line: 1, col: 1, path: '', message: 'no rows; expected time,rps rows such as 0,100' });
  return { points, problems };
}

// Seconds as a plain number, or a duration; a problem quotes the cell only when `quote` allows.
function rowTime(cell: string, quote: boolean): number | string {
  if (/^\d+(\.\d+)?$/.test(cell)) return Math.round(Number(cell) * 1000);
  try {
    return parseDuration(cell);
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    return quote && cell.length <= MAX_EXCERPT
      ? `time ${stripControls(e.message)}`
      : 'time is neither seconds nor a duration; expected e.g. 90 or 5m';
  }
}
