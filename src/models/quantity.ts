// Kubernetes resource quantities ("300m", "2Gi", "1.5", "1e9"), parsed as apimachinery parses them:
// kubernetes/apimachinery pkg/api/resource/quantity.go (parseQuantityString, ParseQuantity) and
// suffix.go (the suffixer). Values are kept exact (BigInt) and rounded up to whole units the way
// Quantity.Value() and MilliValue() round.

/** QuantityError says why a string is not a Kubernetes quantity, in words a user can act on. */
export class QuantityError extends Error {
  override name = 'QuantityError';
}

// A quantity as a message quotes it: at most 40 characters of it (a file's 20,000-character value
// is not repeated), escaped as JSON.
const shown = (text: unknown): string => {
  const t = String(text);
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);
};

/** Quantity is an exact value: sign × digits × 10^exp10 × 2^exp2. */
export interface Quantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
// Far beyond any real quantity; keeps BigInt powers small for absurd input such as "1e999999999".
const MAX_EXPONENT = 100;

const EXPECTED =
  'expected a number with an optional suffix: m (milli), k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e9 (e.g. 300m, 1.5, 2Gi, 512Mi, 1e9)';

/** parseQuantity parses a Kubernetes quantity string exactly; it throws QuantityError when it is not one. */
export function parseQuantity(text: string): Quantity {
  const str = text; // no trimming: upstream rejects " 1" and "1 "
  if (str.length === 0) throw new QuantityError(`${shown(text)} is not a quantity: it is empty; ${EXPECTED}`);
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  const whole = readDigits(str, pos);
  pos += whole.length;
  let fraction = '';
  if (str[pos] === '.') {
    fraction = readDigits(str, pos + 1);
    pos += 1 + fraction.length;
  }
  // Upstream reads "" and "." as zero; a number with no digit at all is surely a typo, so we refuse it.
  if (whole.length + fraction.length === 0) {
    throw new QuantityError(`${shown(text)} is not a quantity: it has no digits before its suffix; ${EXPECTED}`);
  }
  const suffix = str.slice(pos);
  const scale = interpretSuffix(suffix, text);
  return {
    negative,
    digits: BigInt(whole + fraction),
    exp10: scale.exp10 - fraction.length,
    exp2: scale.exp2,
  };
}

function readDigits(str: string, from: number): string {
  let end = from;
  while (end < str.length && str.charCodeAt(end) >= 48 && str.charCodeAt(end) <= 57) end++;
  return str.slice(from, end);
}

function interpretSuffix(suffix: string, text: string): { exp10: number; exp2: number } {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { exp10: decimal, exp2: 0 };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { exp10: 0, exp2: binary };
  // A decimal exponent: e or E, then a signed integer (strconv.ParseInt).
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent !== null) {
    const value = Number(exponent[1]);
    if (Math.abs(value) > MAX_EXPONENT)
      throw new QuantityError(
        `${shown(text)} is out of range: exponent ${value} is beyond ±${MAX_EXPONENT}; expected a quantity of a real size, e.g. 300m, 2Gi or 1e9`,
      );
    return { exp10: value, exp2: 0 };
  }
  throw new QuantityError(
    `${shown(text)} is not a quantity: unknown suffix ${shown(suffix)}${suffixHint(suffix)}; ${EXPECTED}`,
  );
}

// Common slips: GB/Gb/gi for Gi or G, K for k, decimal points in suffixes.
function suffixHint(suffix: string): string {
  const lower = suffix.toLowerCase().replace(/b$/, '').replace(/ib?$/, 'i');
  const binary = Object.keys(BINARY_SUFFIXES).find((s) => s.toLowerCase() === lower || s.toLowerCase() === `${lower}i`);
  if (binary === undefined) return '';
  const decimal = binary[0] === 'K' ? 'k' : binary[0];
  return ` (did you mean ${binary}, binary, or ${decimal}, decimal?)`;
}

/** ceilScaled returns the quantity times 10^scale10, rounded up (toward +infinity) to a whole number. */
export function ceilScaled(q: Quantity, scale10: number): bigint {
  const exp10 = q.exp10 + scale10;
  let numerator = q.digits << BigInt(q.exp2);
  let denominator = 1n;
  if (exp10 >= 0) numerator *= 10n ** BigInt(exp10);
  else denominator = 10n ** BigInt(-exp10);
  // BigInt division truncates: add denominator - 1 to round a positive value up; a negative one rounds up by truncating.
  return q.negative ? -(numerator / denominator) : (numerator + denominator - 1n) / denominator;
}

function toSafeNumber(value: bigint, text: string, unit: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(`${shown(text)} is out of range: ${value} ${unit} is more than poolsim can count exactly`);
  }
  return Number(value);
}

/** QuantityInput is what a quantity may be written as: a string, or a plain number (YAML gives both). */
export type QuantityInput = string | number;

function quantityText(input: QuantityInput): string {
  if (typeof input === 'number') {
    const why = Number.isNaN(input) ? '' : ' (YAML reads .inf, and numbers too large such as 1e400, as Infinity)';
    if (!Number.isFinite(input)) throw new QuantityError(`${input} is not a quantity${why}; ${EXPECTED}`);
    return String(input);
  }
  return input;
}

/** parseMilli parses a quantity and returns it in thousandths, rounded up (Quantity.MilliValue). */
export function parseMilli(input: QuantityInput): number {
  const text = quantityText(input);
  return toSafeNumber(ceilScaled(parseQuantity(text), 3), text, 'thousandths');
}

/** parseWhole parses a quantity and returns it in whole units, rounded up (Quantity.Value). */
export function parseWhole(input: QuantityInput): number {
  const text = quantityText(input);
  return toSafeNumber(ceilScaled(parseQuantity(text), 0), text, 'units');
}

/**
 * MAX_CPU_MILLI bounds a CPU quantity (a request, a node, a target): 100,000 cores, some fifty times
 * the largest machines (about 2,000 vCPUs), so a larger one is a typo; sums of them stay exact.
 */
export const MAX_CPU_MILLI = 100_000 * 1000;

/**
 * MAX_MEMORY_BYTES bounds a memory quantity: 1 PiB, some thirty times the largest machines
 * (32 TiB), so a larger one is a typo; sums of them stay exact.
 */
export const MAX_MEMORY_BYTES = 2 ** 50;

/** parseCpuMilli parses a CPU quantity ("300m", "1.5", 2) into millicores; negative or above MAX_CPU_MILLI is an error. */
export function parseCpuMilli(input: QuantityInput): number {
  const text = quantityText(input);
  return bounded(ceilScaled(parseQuantity(text), 3), input, {
    what: 'CPU',
    max: MAX_CPU_MILLI,
    limit: '100,000 cores',
    written: '100k',
    why: 'the largest machines have about 2,000 cores',
  });
}

/** parseMemoryBytes parses a memory quantity ("2Gi", "512Mi", "1e9") into bytes; negative or above MAX_MEMORY_BYTES is an error. */
export function parseMemoryBytes(input: QuantityInput): number {
  const text = quantityText(input);
  return bounded(ceilScaled(parseQuantity(text), 0), input, {
    what: 'memory',
    max: MAX_MEMORY_BYTES,
    limit: '1 PiB',
    written: '1Pi',
    why: 'the largest machines have 32 TiB',
  });
}

function bounded(
  value: bigint,
  input: QuantityInput,
  o: { what: string; max: number; limit: string; written: string; why: string },
): number {
  if (value < 0n) throw new QuantityError(`${shown(input)} is negative; ${o.what} must be 0 or more`);
  if (value > BigInt(o.max))
    throw new QuantityError(
      `${shown(input)} is more ${o.what} than ${o.limit}; expected at most ${o.written} (${o.why})`,
    );
  return Number(value);
}
