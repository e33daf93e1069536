// Turning command-line strings into checked values, collecting every problem with its flag so
// that a user sees all of them at once.
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import type { Resources } from '../models/resources.js';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../util/errors.js';

/** Problems collects what is wrong with a command's flags, each prefixed by its flag. */
export class Problems {
  private readonly list: string[] = [];

  /** add records a problem with `flag`. */
  add(flag: string, problem: string): void {
    this.list.push(`${flag}: ${problem}`);
  }

  /** check runs `parse`; a QuantityError or RangeError it throws becomes a problem of `flag`. */
  check<T>(flag: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (e) {
      if (e instanceof QuantityError || e instanceof RangeError) {
        this.add(flag, e.message);
        return undefined;
      }
      throw e;
    }
  }

  /** throwIfAny throws one InputError carrying every problem, if there is any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new InputError(this.list);
  }
}

/** parseCount parses a whole number within [min, max]. */
export function parseCount(text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new RangeError(`"${text}" is not a whole number from ${min} to ${max}`);
  }
  return n;
}

/** optionalCount parses an optional flag's whole number from 1 to `max`; absent, it is `fallback`; wrong, a problem of the flag (and the fallback). */
export function optionalCount(
  problems: string[],
  flag: string,
  text: string | undefined,
  fallback: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  try {
    return parseCount(text, 1, max);
  } catch (e) {
    problems.push(`${flag}: ${(e as Error).message}`);
    return fallback;
  }
}

/** parseResources parses "CPU/MEMORY" such as "100m/128Mi". */
export function parseResources(text: string): Resources {
  const parts = text.split('/');
  if (parts.length !== 2) throw new RangeError(`"${text}" is not CPU/MEMORY; expected e.g. 100m/128Mi`);
  return { cpuMilli: parseCpuMilli(parts[0]!), memoryBytes: parseMemoryBytes(parts[1]!) };
}

/** parseCidrPrefix parses a pod CIDR prefix length written "24" or "/24". */
export function parseCidrPrefix(text: string): number {
  return parseCount(text.replace(/^\//, ''), 8, 30);
}

/** once is commander's argument parser for a flag that may be given only once. */
export function once(value: string, previous: string | undefined): string {
  if (previous !== undefined)
    throw new InvalidArgumentError(`given twice ("${previous}", then "${value}"); give it once`);
  return value;
}

/** collect is commander's accumulator for a repeatable flag. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
