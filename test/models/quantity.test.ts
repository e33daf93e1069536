import { describe, expect, it } from 'vitest';
import {
  ceilScaled,
  MAX_CPU_MILLI,
  MAX_MEMORY_BYTES,
  parseCpuMilli,
  parseMemoryBytes,
  parseMilli,
  parseQuantity,
  parseWhole,
  QuantityError,
} from '../../src/models/quantity.js';

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
    ['1e400', '"1e400" is out of range: exponent 400 is beyond ±100; expected a quantity of a real size'],
    ['100P', '"100P" is more memory than 1 PiB; expected at most 1Pi (the largest machines have 32 TiB)'],
  ])('%j', (text, message) => {
    expect(() => parseMemoryBytes(text)).toThrow(QuantityError);
    expect(() => parseMemoryBytes(text)).toThrow(message);
  });

  it('refuses negative CPU and memory, and non-finite numbers', () => {
    expect(() => parseCpuMilli('-1')).toThrow('"-1" is negative; CPU must be 0 or more');
    expect(() => parseMemoryBytes('-1Gi')).toThrow('"-1Gi" is negative; memory must be 0 or more');
    expect(() => parseCpuMilli(Number.NaN)).toThrow('NaN is not a quantity; expected');
    expect(() => parseCpuMilli(Infinity)).toThrow(
      'Infinity is not a quantity (YAML reads .inf, and numbers too large such as 1e400, as Infinity); expected',
    );
  });
});

describe('CPU and memory are bounded far beyond any machine (docs/model.md#limits)', () => {
  it('admit up to 100,000 cores and 1 PiB', () => {
    expect(parseCpuMilli('100k')).toBe(MAX_CPU_MILLI);
    expect(parseCpuMilli(100_000)).toBe(100_000_000);
    expect(parseMemoryBytes('1Pi')).toBe(MAX_MEMORY_BYTES);
    expect(parseMemoryBytes(2 ** 50)).toBe(2 ** 50);
  });

  it.each([
    [
      '100001',
      '"100001" is more CPU than 100,000 cores; expected at most 100k (the largest machines have about 2,000 cores)',
    ],
    [1e15, '"1000000000000000" is more CPU than 100,000 cores'],
    [1e308, '"1e+308" is out of range: exponent 308 is beyond ±100'],
    ['9Ei', '"9Ei" is more CPU than 100,000 cores'],
  ] as const)('CPU %j is refused', (input, message) => {
    expect(() => parseCpuMilli(input)).toThrow(QuantityError);
    expect(() => parseCpuMilli(input)).toThrow(message);
  });

  it.each([
    ['1025Ti', '"1025Ti" is more memory than 1 PiB; expected at most 1Pi (the largest machines have 32 TiB)'],
    [2 ** 50 + 1, '"1125899906842625" is more memory than 1 PiB'],
    ['2E', '"2E" is more memory than 1 PiB'],
  ] as const)('memory %j is refused', (input, message) => {
    expect(() => parseMemoryBytes(input)).toThrow(message);
  });

  it('leave parseMilli and parseWhole to count up to 2^53, for callers with their own bounds', () => {
    expect(parseWhole('4Pi')).toBe(4 * 2 ** 50);
    expect(() => parseWhole('9Ei')).toThrow('is more than poolsim can count exactly');
  });
});

// Rows of TestQuantityParse, kubernetes/apimachinery pkg/api/resource/quantity_test.go:
// input → decQuantity(mantissa, exponent) = mantissa × 10^exponent, which upstream keeps to nano
// precision, rounding away from zero. We compare at nano precision (magnitude rounded up).
// Left out: {"9Ei", maxAllowed} — upstream silently caps binary quantities at 2^63-1; we refuse
// quantities beyond 2^53 instead of capping them.
describe("upstream's TestQuantityParse table", () => {
  const rows: Array<[string, bigint, number]> = [
    ['0', 0n, 0],
    ['0Ki', 0n, 0],
    ['1', 1n, 0],
    ['1Ki', 1024n, 0],
    ['7Mi', 7n * 1024n * 1024n, 0],
    ['3Ei', 3n * 1024n ** 6n, 0],
    ['5n', 5n, -9],
    ['4u', 4n, -6],
    ['3m', 3n, -3],
    ['8k', 8n, 3],
    ['1E', 1n, 18],
    ['1E-3', 1n, -3],
    ['1e3', 1n, 3],
    ['100.035k', 100035n, 0],
    ['0.0005k', 5n, -1],
    ['0.5e-1', 5n, -2],
    ['1.3E+6', 13n, 5],
    ['7.123456M', 7123456n, 0],
    ['3.001n', 4n, -9],
    ['1.1E-9', 2n, -9],
    ['0.0000000001', 1n, -9],
    ['0.9n', 1n, -9],
    ['0.00000012345', 124n, -9],
    ['12E', 12n, 18],
    ['100.035Ki', 10243584n, -2],
    ['0.5Mi', 524288n, 0],
    ['0.000000000001Ki', 2n, -9],
    ['.001', 1n, -3],
    ['.0001k', 100n, -3],
    ['1.', 1n, 0],
    ['1.G', 1n, 9],
  ];
  // Upstream runs every row bare, with "-" and with "+" in front.
  it.each(rows.flatMap(([input, m, e]) => ['', '-', '+'].map((sign) => [sign + input, m, e] as const)))(
    '%s = %i × 10^%i',
    (input, mantissa, exponent) => {
      const q = parseQuantity(input);
      expect(q.negative).toBe(input.startsWith('-'));
      expect(ceilScaled({ ...q, negative: false }, 9)).toBe(mantissa * 10n ** BigInt(exponent + 9));
    },
  );

  // The same test's invalid list, verbatim, plus ParseQuantity("").
  it.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', ''])(
    'rejects %j',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QuantityError);
    },
  );
});
