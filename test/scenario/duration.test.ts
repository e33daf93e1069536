import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/scenario/duration.js';

describe('parseDuration (Go time.ParseDuration grammar)', () => {
  it.each([
    ['15s', 15_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['2h45m30s', 9_930_000],
    ['0', 0],
    [0, 0],
    ['100us', 0],
    ['600us', 1],
    ['.5s', 500],
    ['24h', 86_400_000],
  ] as const)('%j → %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [15, '15 has no unit; write 15s, 15m or 15ms'],
    ['15', '"15" is not a duration'],
    ['1d', '"1d" has an unknown unit "d"'],
    ['-5s', '"-5s" is negative'],
    ['5 m', '"5 m" is not a duration'],
    ['', '"" is not a duration'],
    ['s', '"s" is not a duration'],
  ] as const)('rejects %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(message);
  });

  it.each([
    [90_000, '1m30s'],
    [250, '250ms'],
    [3_600_000, '1h'],
    [0, '0s'],
    [5_400_500, '1h30m500ms'],
  ])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
