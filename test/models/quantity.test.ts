import { describe, expect, it } from 'vitest';
import { parseCpuMilli, parseMemoryBytes, parseMilli, parseQuantity, parseWhole, QuantityError } from '../../src/models/quantity.js';

describe('parseCpuMilli: quantities as Kubernetes reads a CPU request', () => {
  it.each([
    ['300m', 300],
    ['1.5', 1500],
    ['2', 2000],
    [2, 2000],
    [0.25, 250],
    ['0', 0],
    ['.5', 500], //  upstream accepts an empty whole part
    ['5.', 5000], // and an empty fraction
    ['+1', 1000],
    ['100n', 1], //  0.0001 millicores rounds up to 1m, as MilliValue() does
    ['1u', 1],
    ['0.0001', 1],
    ['2k', 2_000_000],
    ['1E-3', 1],
    ['4e0', 4000],
  ] as const)('%s → %i m', (text, milli) => {
    expect(parseCpuMilli(text)).toBe(milli);
  });
});

describe('parseMemoryBytes: quantities as Kubernetes reads a memory request', () => {
  it.each([
    ['2Gi', 2 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1Ki', 1024],
    ['1k', 1000],
    ['1e9', 1e9],
    [1e9, 1e9],
    ['1E9', 1e9],
    ['1e+9', 1e9],
    ['16G', 16e9],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['123Mi', 128974848],
    ['1.G', 1e9], //  upstream allows an empty fraction before a suffix
    ['0.1', 1], //    rounds up to a whole byte, as Value() does
    ['1P', 1e15],
    ['4Ti', 4 * 2 ** 40],
  ] as const)('%s → %i bytes', (text, bytes) => {
    expect(parseMemoryBytes(text)).toBe(bytes);
  });
});

describe('parseQuantity keeps values exact', () => {
  it('stores digits and exponents without floating point', () => {
    expect(parseQuantity('1.5Gi')).toEqual({ negative: false, digits: 15n, exp10: -1, exp2: 30 });
    expect(parseQuantity('-300m')).toEqual({ negative: true, digits: 300n, exp10: -3, exp2: 0 });
  });

  it('rounds toward +infinity, for negative values too', () => {
    expect(parseMilli('-0.0001')).toBe(0);
    expect(parseWhole('-1.5')).toBe(-1);
    expect(parseWhole('1.5')).toBe(2);
  });
});

describe('malformed quantities are clear errors, never NaN', () => {
  it.each([
    ['', '"" is not a quantity: it is empty; expected a number with an optional suffix'],
    ['abc', '"abc" is not a quantity: it has no digits before its suffix'],
    ['Gi', '"Gi" is not a quantity: it has no digits before its suffix'],
    ['16Gb', '"16Gb" is not a quantity: unknown suffix "Gb" (did you mean Gi, binary, or G, decimal?)'],
    ['16GB', 'unknown suffix "GB" (did you mean Gi, binary, or G, decimal?)'],
    ['16gi', 'unknown suffix "gi" (did you mean Gi, binary, or G, decimal?)'],
    ['1K', 'unknown suffix "K" (did you mean Ki, binary, or k, decimal?)'],
    ['2 cores', 'unknown suffix " cores"'],
    ['1.5.5', 'unknown suffix ".5"'],
    ['1e', 'unknown suffix "e"'],
    ['--1', 'no digits before its suffix'],
    ['1e400', '"1e400" is out of range: exponent 400 is beyond ±100'],
    ['100P', '"100P" is out of range'],
  ])('%j', (text, message) => {
    expect(() => parseMemoryBytes(text)).toThrow(QuantityError);
    expect(() => parseMemoryBytes(text)).toThrow(message);
  });

  it('refuses negative CPU and memory, and non-finite numbers', () => {
    expect(() => parseCpuMilli('-1')).toThrow('"-1" is negative; CPU must be 0 or more');
    expect(() => parseMemoryBytes('-1Gi')).toThrow('"-1Gi" is negative; memory must be 0 or more');
    expect(() => parseCpuMilli(Number.NaN)).toThrow('NaN is not a quantity');
    expect(() => parseCpuMilli(Infinity)).toThrow('Infinity is not a quantity');
  });
});
