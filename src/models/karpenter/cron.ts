// The standard cron schedules a Karpenter disruption budget may name, read as robfig/cron v3's
// ParseStandard reads them (parser.go: getRange, getField, the @descriptors; spec.go: Next,
// dayMatches), always in UTC as Karpenter evaluates them (pkg/apis/v1/nodepool.go Budget.IsActive
// prefixes "TZ=UTC"). Minute, hour, day of month, month (1-12 or JAN-DEC), day of week (0-6 or
// SUN-SAT); lists, ranges, steps; a day is matched by day of month AND day of week when either is
// "*", by either otherwise.

/** CronSchedule is a parsed schedule: the allowed values of each field, and whether the day fields were "*". */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** anyDay: day of month or day of week was written "*" (or "?"): then both must match. */
  readonly anyDay: boolean;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function valueOf(text: string, b: Bounds): number {
  const named = b.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (b.names === MONTHS ? 1 : 0);
  // strconv.Atoi: digits with an optional sign.
  if (!/^[+-]?\d+$/.test(text)) throw new RangeError(`"${text}" is not a number${b.names ? ' or a name' : ''}`);
  return Number(text);
}

// getRange: one comma-separated part; star says whether it was "*" or "?" with no step over 1.
function readRange(expr: string, b: Bounds, into: Set<number>): boolean {
  const [range = '', stepText, extra] = expr.split('/');
  if (extra !== undefined) throw new RangeError(`too many slashes in "${expr}"`);
  const ends = range.split('-');
  let star = false;
  let [start, end] = [b.min, b.max];
  if (ends[0] === '*' || ends[0] === '?') {
    star = true; // what follows a "*-" is not read, as upstream does not read it
  } else {
    if (ends.length > 2) throw new RangeError(`too many hyphens in "${expr}"`);
    start = valueOf(ends[0]!, b);
    end = ends.length === 2 ? valueOf(ends[1]!, b) : start;
  }
  let step = 1;
  if (stepText !== undefined) {
    if (!/^[+-]?\d+$/.test(stepText)) throw new RangeError(`"${stepText}" is not a step`);
    step = Number(stepText);
    if (ends.length === 1 && !star) end = b.max; // "N/step" is "N-max/step"
    if (step > 1) star = false;
  }
  if (start < b.min) throw new RangeError(`${start} is below the minimum ${b.min}`);
  if (end > b.max) throw new RangeError(`${end} is above the maximum ${b.max}`);
  if (start > end) throw new RangeError(`the range ${start}-${end} begins after it ends`);
  if (step === 0) throw new RangeError('a step must be a positive number');
  for (let v = start; v <= end; v += step) into.add(v);
  return star;
}

/** parseCron reads a standard five-field schedule or an @descriptor; a RangeError says what is wrong. */
export function parseCron(text: string): CronSchedule {
  const expr = DESCRIPTORS[text.trim()] ?? text.trim();
  if (expr.startsWith('@')) throw new RangeError(`unknown descriptor "${expr}"`);
  const fields = expr.split(/\s+/);
  if (fields.length !== 5)
    throw new RangeError(`expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`);
  const sets = FIELDS.map(() => new Set<number>());
  // strings.FieldsFunc on ",": empty items are dropped.
  const stars = fields.map((f, i) =>
    f
      .split(',')
      .filter((part) => part !== '')
      .map((part) => readRange(part, FIELDS[i]!, sets[i]!))
      .some((s) => s),
  );
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: sets[4]!,
    anyDay: stars[2]! || stars[4]!,
  };
}

const MINUTE_MS = 60_000;
// Next gives up past the end of the fifth year after the start's, as robfig/cron does.
const YEARS_SEARCHED = 5;

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  return s.anyDay ? dom && dow : dom || dow;
}

/** nextAfter is Schedule.Next: the first whole minute strictly after `ms` (UTC epoch ms) the schedule hits; null within five years. */
export function nextAfter(s: CronSchedule, ms: number): number | null {
  const limit = Date.UTC(new Date(ms).getUTCFullYear() + YEARS_SEARCHED + 1, 0, 1) - 1;
  let t = Math.floor(ms / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.months.has(d.getUTCMonth() + 1) || !dayMatches(s, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1); // the next day's midnight
      continue;
    }
    if (!s.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      t += MINUTE_MS;
      continue;
    }
    return t;
  }
  return null;
}
