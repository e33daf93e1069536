// Turning command-line strings into checked values, collecting every problem with its flag so
// that a user sees all of them at once.
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import type { Resources } from '../models/resources.js';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_BUDGET, type Budget } from '../scenario/budget.js';
import { availableParallelism } from 'node:os';
import { InputError } from '../util/errors.js';
import { realLocation, within } from '../util/paths.js';

/** ALLOW_OUTSIDE_FLAG widens a scenario's confinement to its folder (src/scenario/confine.ts). */
export const ALLOW_OUTSIDE_FLAG = '--allow-outside <path>';
export const ALLOW_OUTSIDE_HELP =
  "let the scenario's includes and traces read this folder (or file) outside the scenario's own folder; repeatable (by default a scenario reads only beside and below itself)";

/** outHolding names the first of `files` (real paths) that lies in the output folder `out`, which a run would replace. */
export function outHolding(out: string, files: ReadonlySet<string>): string | undefined {
  const dir = realLocation(out);
  for (const file of files) if (within(file, dir)) return JSON.stringify(file);
  return undefined;
}

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

/**
 * workersFlag parses --workers: a whole number, at most the cores this process may use. Each
 * worker thread holds a whole simulation (~12 MB each, far more for a fleet), and threads beyond
 * the cores only wait for them: 256 workers on 2 cores took 3 GB and ran no faster.
 */
export function workersFlag(problems: string[], text: string | undefined, fallback: number): number {
  const workers = optionalCount(problems, '--workers', text, fallback, 256);
  const cores = availableParallelism();
  if (workers <= cores) return workers;
  problems.push(
    `--workers: ${workers} is more than the ${cores} ${cores === 1 ? 'core' : 'cores'} this machine lets poolsim use; expected at most ${cores} (threads beyond the cores add memory, not speed)`,
  );
  return cores;
}

/** BUDGET_FLAGS raise what one scenario may ask for (src/scenario/budget.ts), each by name. */
const BUDGET_FLAGS = [
  ['--budget-pod-hours <n>', 'podHours', 'pods × simulated hours'],
  ['--budget-node-hours <n>', 'nodeHours', 'nodes × simulated hours (of the largest design)'],
  ['--budget-timeline-rows <n>', 'timelineRows', 'timeline.csv rows (samples × workloads × designs)'],
] as const;

/** BudgetFlags are the budget flags as commander gives them. */
export interface BudgetFlags {
  budgetPodHours?: string;
  budgetNodeHours?: string;
  budgetTimelineRows?: string;
}

/** addBudgetOptions adds the budget flags to `command`. */
export function addBudgetOptions(command: Command): Command {
  for (const [flag, key, what] of BUDGET_FLAGS)
    command.option(
      flag,
      `the most ${what} a scenario may ask for (default ${DEFAULT_BUDGET[key].toLocaleString('en-US')})`,
      once,
    );
  return command;
}

/** readBudget reads the budget flags; each absent one is the default. */
export function readBudget(flags: BudgetFlags, problems: string[]): Budget {
  const given = {
    podHours: flags.budgetPodHours,
    nodeHours: flags.budgetNodeHours,
    timelineRows: flags.budgetTimelineRows,
  };
  const budget = { ...DEFAULT_BUDGET };
  for (const [flag, key] of BUDGET_FLAGS)
    budget[key] = optionalCount(problems, flag.split(' ')[0]!, given[key], DEFAULT_BUDGET[key], 1e15);
  return budget;
}
