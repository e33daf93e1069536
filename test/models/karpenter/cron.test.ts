// Upstream's own cases for robfig/cron v3's standard parser and SpecSchedule.Next, ported to
// src/models/karpenter/cron.ts (parseCron, nextAfter):
//
// - robfig/cron spec_test.go (stored version bc59245fe10efaed9d51b56900192527ed733435):
//   TestActivation, every case (all 29 are ParseStandard specs). Upstream asks whether
//   sched.Next(t - 1s) == t; here the minute before stands in for the second before, so a hit is
//   nextAfter(s, t - 60_000) === t and a miss is !== t (nextAfter works in whole minutes, so the two
//   ask the same question).
//   TestNext: the 15 cases whose seconds field is "0" and whose times have zero seconds (a start time
//   with seconds, 14:59:59 or 23:59:45, is kept: only the expected time must be on the minute). The
//   seconds field is dropped, leaving the minute hour dom month dow spec; upstream parses with
//   secondParser, whose DowOptional always gets its dow here. "Unsatisfiable" expects the zero time:
//   null here.
//   TestErrors, every case, and TestSlash0NoHang with its "TZ=America/New_York " prefix dropped (the
//   case is about the "/0" step; Karpenter adds its own "TZ=UTC " prefix before ParseStandard, so the
//   module never sees one).
// - robfig/cron parser_test.go (same version): TestRange and TestField call getRange/getField with
//   made-up bounds; each expression is put in the minute field (0-59, no names), where the result is the
//   same as at upstream's bounds (see Adapted for the four where it is not). TestAll ("*" in each
//   field), TestBits (getBits(min, max, step) as the range "min-max/step" in the minute field),
//   TestStandardSpecSchedule and TestParseSchedule's standardParser case and its descriptor cases, as the
//   field sets; TestParseScheduleErrors' cases that ParseStandard also rejects. Upstream's starBit (a
//   field written "*" or "?", with no step over 1) is the module's anyDay, which is the day-of-month or
//   day-of-week star bit; it is checked where upstream's expected bits for those fields say.
//   Times: upstream's getTime reads them in time.Local; here every time is Date.UTC, as Karpenter
//   evaluates schedules in UTC. Error cases check that parseCron throws a RangeError; upstream's
//   message fragments are kept as each case's name, not compared (the module words its own).
//
// Adapted:
// - TestRange "*" and "*/2" at bounds 1-3 (all values plus starBit; 1 and 3), "1" at 3-5 (below
//   minimum) and "6" at 3-5 (above maximum) depend on those bounds, which no standard field has. They
//   are checked at a standard field's own bounds instead, with upstream's rule: "*" in day of month is
//   1-31 with the star bit (anyDay); "*/2" in day of month is 1,3,...,31 without it (anyDay false when
//   day of week is restricted too); "0" in day of month (minimum 1) and "7" in day of week (maximum 6)
//   throw.
//
// Not ported:
// - TestNext: 37 cases with a TZ=/CRON_TZ= prefix on the spec or the time (America/New_York DST,
//   America/Sao_Paulo midnight), and 6 with a seconds field of "15/35" (expected times at :15 seconds).
// - TestNextWithTz: times at a fixed +0530 offset, a non-UTC location.
// - TestParseScheduleErrors "@every Xm" (@every is not a standard schedule Karpenter budgets use; the
//   module has no @every); TestParseSchedule's secondParser field specs ("0 5 * * * *", "* 5 * * * *",
//   seconds first), "@every 5m", and the CRON_TZ=/TZ= cases; TestStandardSpecSchedule "@every 5m".
// - TestOptionalSecondSchedule, TestNormalizeFields, TestNormalizeFields_Errors, TestNoDescriptorParser:
//   parser options (SecondOptional, DowOptional, field subsets, no Descriptor) that ParseStandard does
//   not use.
import { describe, expect, it } from 'vitest';
import { type CronSchedule, nextAfter, parseCron } from '../../../src/models/karpenter/cron.js';

const sorted = (s: ReadonlySet<number>): number[] => [...s].sort((a, b) => a - b);
const range = (min: number, max: number, step = 1): number[] => {
  const out: number[] = [];
  for (let v = min; v <= max; v += step) out.push(v);
  return out;
};

interface Fields {
  readonly minutes: number[];
  readonly hours: number[];
  readonly daysOfMonth: number[];
  readonly months: number[];
  readonly daysOfWeek: number[];
  readonly anyDay: boolean;
}
const fieldsOf = (s: CronSchedule): Fields => ({
  minutes: sorted(s.minutes),
  hours: sorted(s.hours),
  daysOfMonth: sorted(s.daysOfMonth),
  months: sorted(s.months),
  daysOfWeek: sorted(s.daysOfWeek),
  anyDay: s.anyDay,
});

// parser.go all(bounds): every value of the field, with the star bit.
const ALL_MINUTES = range(0, 59);
const ALL_HOURS = range(0, 23);
const ALL_DOM = range(1, 31);
const ALL_MONTHS = range(1, 12);
const ALL_DOW = range(0, 6);

describe('spec_test.go TestActivation', () => {
  // [time, spec, expected]: a hit is nextAfter(s, t - 60_000) === t, a miss is !== t (upstream: Next(t - 1s) == t).
  const tests: [string, number, string, boolean][] = [
    // Every fifteen minutes.
    ['Mon Jul 9 15:00 2012', Date.UTC(2012, 6, 9, 15, 0), '0/15 * * * *', true],
    ['Mon Jul 9 15:45 2012', Date.UTC(2012, 6, 9, 15, 45), '0/15 * * * *', true],
    ['Mon Jul 9 15:40 2012', Date.UTC(2012, 6, 9, 15, 40), '0/15 * * * *', false],

    // Every fifteen minutes, starting at 5 minutes.
    ['Mon Jul 9 15:05 2012', Date.UTC(2012, 6, 9, 15, 5), '5/15 * * * *', true],
    ['Mon Jul 9 15:20 2012', Date.UTC(2012, 6, 9, 15, 20), '5/15 * * * *', true],
    ['Mon Jul 9 15:50 2012', Date.UTC(2012, 6, 9, 15, 50), '5/15 * * * *', true],

    // Named months
    ['Sun Jul 15 15:00 2012', Date.UTC(2012, 6, 15, 15, 0), '0/15 * * Jul *', true],
    ['Sun Jul 15 15:00 2012', Date.UTC(2012, 6, 15, 15, 0), '0/15 * * Jun *', false],

    // Everything set.
    ['Sun Jul 15 08:30 2012', Date.UTC(2012, 6, 15, 8, 30), '30 08 ? Jul Sun', true],
    ['Sun Jul 15 08:30 2012', Date.UTC(2012, 6, 15, 8, 30), '30 08 15 Jul ?', true],
    ['Mon Jul 16 08:30 2012', Date.UTC(2012, 6, 16, 8, 30), '30 08 ? Jul Sun', false],
    ['Mon Jul 16 08:30 2012', Date.UTC(2012, 6, 16, 8, 30), '30 08 15 Jul ?', false],

    // Predefined schedules
    ['Mon Jul 9 15:00 2012', Date.UTC(2012, 6, 9, 15, 0), '@hourly', true],
    ['Mon Jul 9 15:04 2012', Date.UTC(2012, 6, 9, 15, 4), '@hourly', false],
    ['Mon Jul 9 15:00 2012', Date.UTC(2012, 6, 9, 15, 0), '@daily', false],
    ['Mon Jul 9 00:00 2012', Date.UTC(2012, 6, 9, 0, 0), '@daily', true],
    ['Mon Jul 9 00:00 2012', Date.UTC(2012, 6, 9, 0, 0), '@weekly', false],
    ['Sun Jul 8 00:00 2012', Date.UTC(2012, 6, 8, 0, 0), '@weekly', true],
    ['Sun Jul 8 01:00 2012', Date.UTC(2012, 6, 8, 1, 0), '@weekly', false],
    ['Sun Jul 8 00:00 2012', Date.UTC(2012, 6, 8, 0, 0), '@monthly', false],
    ['Sun Jul 1 00:00 2012', Date.UTC(2012, 6, 1, 0, 0), '@monthly', true],

    // Test interaction of DOW and DOM.
    // If both are restricted, then only one needs to match.
    ['Sun Jul 15 00:00 2012', Date.UTC(2012, 6, 15, 0, 0), '* * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', Date.UTC(2012, 5, 15, 0, 0), '* * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', Date.UTC(2012, 7, 1, 0, 0), '* * 1,15 * Sun', true],
    ['Sun Jul 15 00:00 2012', Date.UTC(2012, 6, 15, 0, 0), '* * */10 * Sun', true], // verifies #70

    // However, if one has a star, then both need to match.
    ['Sun Jul 15 00:00 2012', Date.UTC(2012, 6, 15, 0, 0), '* * * * Mon', false],
    ['Mon Jul 9 00:00 2012', Date.UTC(2012, 6, 9, 0, 0), '* * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', Date.UTC(2012, 6, 15, 0, 0), '* * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', Date.UTC(2012, 6, 15, 0, 0), '* * */2 * Sun', true],
  ];

  it.each(tests)('%s, "%s" (%#)', (_, t, spec, expected) => {
    const hit = nextAfter(parseCron(spec), t - 60_000) === t;
    expect(hit).toBe(expected);
  });
});

describe('spec_test.go TestNext', () => {
  // [time, upstream spec (seconds first), spec without the seconds field, expected]
  const runs: [string, number, string, string, number | null][] = [
    // Simple cases
    [
      'Mon Jul 9 14:45 2012',
      Date.UTC(2012, 6, 9, 14, 45),
      '0 0/15 * * * *',
      '0/15 * * * *',
      Date.UTC(2012, 6, 9, 15, 0),
    ],
    [
      'Mon Jul 9 14:59 2012',
      Date.UTC(2012, 6, 9, 14, 59),
      '0 0/15 * * * *',
      '0/15 * * * *',
      Date.UTC(2012, 6, 9, 15, 0),
    ],
    [
      'Mon Jul 9 14:59:59 2012',
      Date.UTC(2012, 6, 9, 14, 59, 59),
      '0 0/15 * * * *',
      '0/15 * * * *',
      Date.UTC(2012, 6, 9, 15, 0),
    ],

    // Wrap around hours
    [
      'Mon Jul 9 15:45 2012',
      Date.UTC(2012, 6, 9, 15, 45),
      '0 20-35/15 * * * *',
      '20-35/15 * * * *',
      Date.UTC(2012, 6, 9, 16, 20),
    ],

    // Wrap around days
    [
      'Mon Jul 9 23:46 2012',
      Date.UTC(2012, 6, 9, 23, 46),
      '0 */15 * * * *',
      '*/15 * * * *',
      Date.UTC(2012, 6, 10, 0, 0),
    ],
    [
      'Mon Jul 9 23:45 2012',
      Date.UTC(2012, 6, 9, 23, 45),
      '0 20-35/15 * * * *',
      '20-35/15 * * * *',
      Date.UTC(2012, 6, 10, 0, 20),
    ],

    // Wrap around months (upstream writes "Tue Aug 1 00:00 2012"; Aug 1 2012 was a Wednesday, Go's parser
    // ignores the weekday name, so the date stands)
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 9 Apr-Oct ?',
      '0 0 9 Apr-Oct ?',
      Date.UTC(2012, 7, 9, 0, 0),
    ],
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 */5 Apr,Aug,Oct Mon',
      '0 0 */5 Apr,Aug,Oct Mon',
      Date.UTC(2012, 7, 1, 0, 0),
    ],
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 */5 Oct Mon',
      '0 0 */5 Oct Mon',
      Date.UTC(2012, 9, 1, 0, 0),
    ],

    // Wrap around years
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 * Feb Mon',
      '0 0 * Feb Mon',
      Date.UTC(2013, 1, 4, 0, 0),
    ],
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 * Feb Mon/2',
      '0 0 * Feb Mon/2',
      Date.UTC(2013, 1, 1, 0, 0),
    ],

    // Wrap around minute, hour, day, month, and year
    [
      'Mon Dec 31 23:59:45 2012',
      Date.UTC(2012, 11, 31, 23, 59, 45),
      '0 * * * * *',
      '* * * * *',
      Date.UTC(2013, 0, 1, 0, 0, 0),
    ],

    // Leap year
    [
      'Mon Jul 9 23:35 2012',
      Date.UTC(2012, 6, 9, 23, 35),
      '0 0 0 29 Feb ?',
      '0 0 29 Feb ?',
      Date.UTC(2016, 1, 29, 0, 0),
    ],

    // Unsatisfiable
    ['Mon Jul 9 23:35 2012', Date.UTC(2012, 6, 9, 23, 35), '0 0 0 30 Feb ?', '0 0 30 Feb ?', null],
    ['Mon Jul 9 23:35 2012', Date.UTC(2012, 6, 9, 23, 35), '0 0 0 31 Apr ?', '0 0 31 Apr ?', null],
  ];

  it.each(runs)('%s, "%s" (%#)', (_, t, __, spec, expected) => {
    expect(nextAfter(parseCron(spec), t)).toBe(expected);
  });
});

describe('spec_test.go TestErrors and TestSlash0NoHang', () => {
  const invalidSpecs = [
    'xyz',
    '60 0 * * *',
    '0 60 * * *',
    '0 0 * * XYZ',
    // TestSlash0NoHang, without its "TZ=America/New_York " prefix: expected an error on 0 increment.
    '15/0 * * * *',
  ];
  it.each(invalidSpecs)('%s', (spec) => {
    expect(() => parseCron(spec)).toThrow(RangeError);
  });
});

describe('parser_test.go TestRange', () => {
  // getRange(expr, bounds{0, 7}) etc.; here expr is the minute field (0-59), where the bits are the same.
  const ranges: [string, number[]][] = [
    ['5', [5]],
    ['0', [0]],
    ['7', [7]],

    ['5-5', [5]],
    ['5-6', [5, 6]],
    ['5-7', [5, 6, 7]],

    ['5-6/2', [5]],
    ['5-7/2', [5, 7]],
    ['5-7/1', [5, 6, 7]],
  ];
  it.each(ranges)('%s', (expr, expected) => {
    expect(sorted(parseCron(`${expr} * * * *`).minutes)).toEqual(expected);
  });

  // [upstream's error fragment, expr]: bounds 0-0 or 1-5 or 3-5 upstream, the minute field here.
  const errors: [string, string][] = [
    ['too many hyphens', '5--5'],
    ['failed to parse int from', 'jan-x'],
    ['failed to parse int from', '2-x'],
    ['negative number', '*/-12'],
    ['too many slashes', '*//2'],
    ['beyond end of range', '5-3'],
    ['should be a positive number', '*/0'],
  ];
  it.each(errors)('%s: %s', (_, expr) => {
    expect(() => parseCron(`${expr} * * * *`)).toThrow(RangeError);
  });

  // Adapted: these depend on upstream's bounds (1-3, 3-5); checked at a standard field's bounds.
  it('"*" is every value with the star bit (upstream at 1-3; here day of month, 1-31)', () => {
    const s = parseCron('0 0 * * 1');
    expect(sorted(s.daysOfMonth)).toEqual(ALL_DOM);
    expect(s.anyDay).toBe(true);
  });
  it('"*/2" is every other value without the star bit (upstream at 1-3: 1, 3; here day of month)', () => {
    const s = parseCron('0 0 */2 * 1');
    expect(sorted(s.daysOfMonth)).toEqual(range(1, 31, 2));
    expect(s.anyDay).toBe(false);
  });
  it('below minimum (upstream "1" at 3-5; here "0" in day of month, 1-31)', () => {
    expect(() => parseCron('0 0 0 * *')).toThrow(RangeError);
  });
  it('above maximum (upstream "6" at 3-5; here "7" in day of week, 0-6)', () => {
    expect(() => parseCron('0 0 * * 7')).toThrow(RangeError);
  });
});

describe('parser_test.go TestField', () => {
  // getField(expr, bounds{1, 7}); here the minute field.
  const fields: [string, number[]][] = [
    ['5', [5]],
    ['5,6', [5, 6]],
    ['5,6,7', [5, 6, 7]],
    ['1,5-7/2,3', [1, 3, 5, 7]],
  ];
  it.each(fields)('%s', (expr, expected) => {
    expect(sorted(parseCron(`${expr} * * * *`).minutes)).toEqual(expected);
  });
});

describe('parser_test.go TestAll', () => {
  it('"*" in every field is all of its values, with the star bit', () => {
    expect(fieldsOf(parseCron('* * * * *'))).toEqual({
      minutes: ALL_MINUTES, // 0-59: 60 ones
      hours: ALL_HOURS, // 0-23: 24 ones
      daysOfMonth: ALL_DOM, // 1-31: 31 ones, 1 zero
      months: ALL_MONTHS, // 1-12: 12 ones, 1 zero
      daysOfWeek: ALL_DOW, // 0-6: 7 ones
      anyDay: true,
    });
  });
});

describe('parser_test.go TestBits', () => {
  // getBits(min, max, step) as the range "min-max/step" in the minute field.
  const bits: [number, number, number, number[]][] = [
    [0, 0, 1, [0]], // 0x1
    [1, 1, 1, [1]], // 0x2
    [1, 5, 2, [1, 3, 5]], // 0x2a: 101010
    [1, 4, 2, [1, 3]], // 0xa: 1010
  ];
  it.each(bits)('%i-%i/%i', (min, max, step, expected) => {
    expect(sorted(parseCron(`${min}-${max}/${step} * * * *`).minutes)).toEqual(expected);
  });
});

describe('parser_test.go TestParseScheduleErrors (those ParseStandard also rejects)', () => {
  const tests: [string, string][] = [
    ['@unrecognized', 'unrecognized descriptor'],
    ['* * * *', 'expected 5 to 6 fields'],
    ['', 'empty spec string'],
  ];
  it.each(tests)('"%s": %s', (expr) => {
    expect(() => parseCron(expr)).toThrow(RangeError);
  });
});

describe('parser_test.go TestStandardSpecSchedule', () => {
  it('"5 * * * *"', () => {
    expect(fieldsOf(parseCron('5 * * * *'))).toEqual({
      minutes: [5],
      hours: ALL_HOURS,
      daysOfMonth: ALL_DOM,
      months: ALL_MONTHS,
      daysOfWeek: ALL_DOW,
      anyDay: true,
    });
  });
  it.each([
    ['5 j * * *', 'failed to parse int from'],
    ['* * * *', 'expected exactly 5 fields'],
  ])('"%s": %s', (expr) => {
    expect(() => parseCron(expr)).toThrow(RangeError);
  });
});

describe('parser_test.go TestParseSchedule', () => {
  // every5min, midnight, annual (seconds dropped): the standardParser case and the descriptors.
  const every5min: Fields = {
    minutes: [5],
    hours: ALL_HOURS,
    daysOfMonth: ALL_DOM,
    months: ALL_MONTHS,
    daysOfWeek: ALL_DOW,
    anyDay: true,
  };
  const midnight: Fields = {
    minutes: [0],
    hours: [0],
    daysOfMonth: ALL_DOM,
    months: ALL_MONTHS,
    daysOfWeek: ALL_DOW,
    anyDay: true,
  };
  // Dom 1 << dom.min and Month 1 << months.min carry no star bit; Dow all(dow) does.
  const annual: Fields = {
    minutes: [0],
    hours: [0],
    daysOfMonth: [1],
    months: [1],
    daysOfWeek: ALL_DOW,
    anyDay: true,
  };
  const entries: [string, Fields][] = [
    ['5 * * * *', every5min],
    ['@midnight', midnight],
    ['@yearly', annual],
    ['@annually', annual],
  ];
  it.each(entries)('%s', (expr, expected) => {
    expect(fieldsOf(parseCron(expr))).toEqual(expected);
  });
});

describe('what robfig/cron accepts beyond its own tests', () => {
  it('drops empty list items, reads "*-5" as "*", and takes a leading sign', () => {
    expect([...parseCron('1,,2 * * * *').minutes]).toEqual([1, 2]);
    expect(parseCron('*-5 * * * *').minutes.size).toBe(60);
    expect([...parseCron('+5 * * * *').minutes]).toEqual([5]);
  });

  it('searches to the end of the fifth year after the start', () => {
    // 29 February: from 2017, the next is 2020 (within five years).
    expect(nextAfter(parseCron('0 0 29 2 *'), Date.UTC(2017, 0, 1))).toBe(Date.UTC(2020, 1, 29));
    // 31 December 2026 23:59 is inside the search from 1 January 2021; 1 January 2027 is not.
    expect(nextAfter(parseCron('59 23 31 12 *'), Date.UTC(2021, 0, 1))).toBe(Date.UTC(2021, 11, 31, 23, 59));
  });
});
