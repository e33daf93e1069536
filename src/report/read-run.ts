// Reading a run back: the summary.json files of a run directory, a design directory or one file,
// each bounded and checked before it is trusted (compare and run --baseline read them).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readTextBounded, ReadRefused } from '../util/read-file.js';
import { jsonSyntaxReason, withExpected } from '../util/text.js';
import { join } from 'node:path';
import type { Distribution } from './distribution.js';
import type { Summary } from './summary.js';

// A summary.json is small; anything much bigger is not one (and would not fit in a string).
const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;

/** readRun reads a run's summaries: a run directory (one summary.json per design directory), a design directory, or a summary.json. */
export function readRun(path: string, problems: string[]): Summary[] {
  const cannot = (what: string, e: unknown) =>
    problems.push(
      `${what}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a readable run directory or summary.json`,
    );
  let files: string[];
  try {
    if (!existsSync(path)) {
      problems.push(
        `${path}: no such file or directory; expected a run directory (e.g. out/node-size) or a summary.json`,
      );
      return [];
    }
    files = [path];
    if (statSync(path).isDirectory()) {
      files = existsSync(join(path, 'summary.json'))
        ? [join(path, 'summary.json')]
        : readdirSync(path)
            .sort()
            .map((d) => join(path, d, 'summary.json'))
            .filter((f) => existsSync(f));
      if (files.length === 0) {
        problems.push(`${path}: holds no summary.json; expected a directory written by poolsim run`);
        return [];
      }
    }
  } catch (e) {
    cannot(path, e);
    return [];
  }
  return files.flatMap((file) => {
    try {
      const s = parseSummary(file, readTextBounded(file, MAX_SUMMARY_BYTES), problems);
      return s === null ? [] : [s];
    } catch (e) {
      if (!(e instanceof ReadRefused)) cannot(file, e);
      else
        problems.push(`${file}: cannot read it: ${withExpected(e.message, 'a summary.json written by poolsim run')}`);
      return [];
    }
  });
}

/** parseSummary checks that a file's text is a poolsim summary. */
function parseSummary(file: string, text: string, problems: string[]): Summary | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, at).split('\n');
    // The parser's message quotes the file: keep only what it says is wrong.
    const why = jsonSyntaxReason(e);
    problems.push(
      `${file}:${before.length}:${before.at(-1)!.length + 1}: not valid JSON (${why}); expected a summary.json written by poolsim run`,
    );
    return null;
  }
  const o = value as Record<string, unknown> | null;
  const isObject = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (
    !isObject(o) ||
    typeof o!.design !== 'string' ||
    typeof o!.scenario !== 'string' ||
    !isObject(o!.pods) ||
    !isObject(o!.cost)
  ) {
    problems.push(
      `${file}:1:1: not a poolsim summary (no design, scenario, pods or cost); expected a summary.json written by poolsim run`,
    );
    return null;
  }
  if (o!.producedBy !== undefined && !isObject(o!.producedBy)) {
    problems.push(`${file}:1:1: producedBy is not an object; expected a summary.json written by poolsim run`);
    return null;
  }
  if (o!.distributions !== undefined && !validDistributions(o!.distributions)) {
    problems.push(
      `${file}:1:1: distributions is not an object of metrics, each with n, mean and stdError numbers (or null); expected a summary.json written by poolsim run --seeds`,
    );
    return null;
  }
  return value as Summary;
}

function validDistributions(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const numberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
  return Object.values(x).every(
    (d) =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as Distribution).n === 'number' &&
      (['mean', 'stdError', 'p5', 'p50', 'p95', 'ci95Low', 'ci95High'] as const).every((k) =>
        numberOrNull((d as Distribution)[k]),
      ),
  );
}
