// Durations as Kubernetes components write them on the command line (Go's time.ParseDuration):
// "15s", "5m", "1h30m", "250ms", "1.5h". Simulated time is whole milliseconds, so finer values round.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const EXPECTED = 'expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)';

/** DurationError says why a string is not a duration. */
export class DurationError extends Error {
  override name = 'DurationError';
}

/** parseDuration parses a Go-style duration into whole milliseconds (negative durations are refused). */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (input === 0) return 0;
    throw new DurationError(`${input} has no unit; write ${input}s, ${input}m or ${input}ms; ${EXPECTED}`);
  }
  const text = input.trim();
  if (text === '0') return 0;
  if (text.startsWith('-')) throw new DurationError(`"${input}" is negative; ${EXPECTED}`);
  const part = /(\d+\.?\d*|\.\d+)([a-zµ]+)/gy;
  let total = 0;
  let end = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(text)) !== null) {
    const unit = UNIT_MS[match[2]!];
    if (unit === undefined) throw new DurationError(`"${input}" has an unknown unit "${match[2]}"; ${EXPECTED}`);
    total += Number(match[1]) * unit;
    end = part.lastIndex;
  }
  if (end === 0 || end !== text.length) throw new DurationError(`"${input}" is not a duration; ${EXPECTED}`);
  return Math.round(total);
}

/** formatDuration prints whole milliseconds the short way: 90000 → "1m30s", 250 → "250ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
