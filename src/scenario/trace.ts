// Load traces: a CSV file of `time,rps` rows, time as a duration ("5m") or in seconds; an optional
// header row. The rate holds from one row's time until the next's.
import { DurationError, parseDuration } from './duration.js';
import type { Problem } from './source.js';

/** TracePoint is one row of a trace. */
export interface TracePoint {
  readonly atMs: number;
  readonly rps: number;
}

/** parseTrace reads a trace's text; rows that are not time,rps become problems at their line. */
export function parseTrace(file: string, text: string): { points: TracePoint[]; problems: Problem[] } {
  const points: TracePoint[] = [];
  const problems: Problem[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (points.length === 0 && problems.length === 0 && cells.some((c) => /^[A-Za-z_]+$/.test(c))) return; // a header such as time,rps
    const problem = (message: string) => problems.push({ file, line: i + 1, col: 1, path: '', message });
    if (cells.length !== 2)
      return problem(`${JSON.stringify(line)} is not a time,rps row; expected two columns, e.g. 5m,120`);
    const atMs = rowTime(cells[0]!);
    const rps = Number(cells[1]);
    if (typeof atMs === 'string') return problem(atMs);
    if (cells[1] === '' || !Number.isFinite(rps) || rps < 0)
      return problem(`rps ${JSON.stringify(cells[1])} is not a number ≥ 0`);
    const previous = points[points.length - 1];
    if (previous !== undefined && atMs <= previous.atMs)
      return problem(`time ${cells[0]} does not come after the row before; expected rows in increasing time`);
    points.push({ atMs, rps });
  });
  if (points.length === 0 && problems.length === 0)
    problems.push({ file, line: 1, col: 1, path: '', message: 'no rows; expected time,rps rows such as 0,100' });
  return { points, problems };
}

// Seconds as a plain number, or a duration.
function rowTime(cell: string): number | string {
  if (/^\d+(\.\d+)?$/.test(cell)) return Math.round(Number(cell) * 1000);
  try {
    return parseDuration(cell);
  } catch (e) {
    if (e instanceof DurationError) return `time ${e.message}`;
    throw e;
  }
}
