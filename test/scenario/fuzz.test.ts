// Fuzzing the loader (issue 9): random mutations of the bundled scenarios and the manifests they
// include never make loading throw or say anything but `file:line:col: …` problems; through the CLI
// they exit 2 (0 when a mutant happens to be sound), without a stack trace. The loader bounds its
// own work by counts (tokens, nesting, aliases and their expansion: source.ts), so the tests assert
// no time: a loader that hung would meet vitest's generous timeout instead.
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText, type LoadResult } from '../../src/scenario/load.js';
import { formatProblem, type Problem } from '../../src/scenario/source.js';
import { budget, testTimeoutMs } from '../property/budget.js';
import {
  aliasBomb,
  aliasChain,
  aliasFlood,
  anchorAndAlias,
  binaryJunk,
  brokenNode,
  deepNesting,
  deletedKey,
  duplicateKey,
  example,
  oddNumber,
  ROOT,
  tenMegabytes,
  textEdit,
  wrongType,
  type Mutant,
} from './mutations.js';

const LOCATED = /^[^:]+:\d+:\d+: \S/;

// Files are read as fs does with 'utf8': invalid bytes become U+FFFD.
const decode = (content: string | Uint8Array) =>
  typeof content === 'string' ? content : Buffer.from(content).toString('utf8');

// The mutant's scenario, with the mutated file (it or an included manifest) read from memory.
function inputsOf(m: Mutant): { file: string; read: (path: string) => string } {
  const file = resolve(ROOT, 'scenarios', m.scenario);
  const mutated = resolve(ROOT, 'scenarios', m.file);
  return { file, read: (path) => (resolve(path) === mutated ? decode(m.content) : readFileSync(path, 'utf8')) };
}

// One expect for all the problems: a file may have 100,000s, and an expect each takes seconds.
function expectLocated(problems: readonly Problem[]): void {
  const unlocated = problems
    .map(formatProblem)
    .find((line, i) => !LOCATED.test(line) || problems[i]!.line < 1 || problems[i]!.col < 1);
  expect(unlocated).toBeUndefined();
}

// Property 1: loadScenarioText returns a scenario or located problems, and never throws.
function loadsWithLocatedProblems(m: Mutant): void {
  const { file, read } = inputsOf(m);
  const result: LoadResult = loadScenarioText(file, read(file), read);
  expectLocated(result.problems);
  expectLocated(result.warnings);
  expect(result.scenario === null).toBe(result.problems.length > 0);
}

const brokenYaml = fc.oneof(brokenNode, textEdit, duplicateKey, anchorAndAlias, aliasBomb, aliasFlood);
const nodeSize = readFileSync(resolve(ROOT, 'scenarios/node-size.yaml'), 'utf8');

// Each category, with the failures the fuzzing found in it (`found`, run first; see the loader's
// comments for why each failed). They are made when their test runs: one is 10 MB.
interface Category {
  readonly name: string;
  readonly mutants: fc.Arbitrary<Mutant>;
  readonly runs: number;
  /** quietSeconds is about how long its runs take on a quiet machine (for vitest's timeout). */
  readonly quietSeconds: number;
  readonly found?: () => Mutant[];
}

const IN_PROCESS: readonly Category[] = [
  { name: 'deleted keys', mutants: deletedKey, runs: 200, quietSeconds: 3 },
  {
    name: 'wrong types',
    mutants: wrongType,
    runs: 200,
    quietSeconds: 6,
    // RangeError from problems.push(...130,000 problems): too many arguments for one call.
    found: () => [
      example(
        'wrong type',
        'include: 130,000 numbers',
        'node-size.yaml',
        `${nodeSize}include: [${'1,'.repeat(129_999)}1]\n`,
      ),
    ],
  },
  { name: 'huge, negative, NaN and infinite numbers', mutants: oddNumber, runs: 200, quietSeconds: 2 },
  {
    name: 'broken YAML: brackets, indentation, tabs, quotes, duplicate keys, aliases, billion laughs',
    mutants: brokenYaml,
    runs: 100,
    quietSeconds: 6,
    // Took 70 s: yaml counts nothing behind an alias to an empty list, and visits the whole document per alias.
    found: () => [
      example(
        'broken YAML',
        '16,000 aliases',
        'node-size.yaml',
        `${nodeSize}fz: [&fe [], &fx [*fe], ${'*fx, '.repeat(16_000)}*fx]\n`,
      ),
    ],
  },
  { name: 'binary junk: random bytes, NUL, invalid UTF-8, BOMs', mutants: binaryJunk, runs: 200, quietSeconds: 1 },
  {
    name: 'deep nesting: 10,000 and 100,000 levels, and through aliases',
    mutants: fc.oneof(deepNesting, aliasChain),
    runs: 40,
    quietSeconds: 2,
    // Aborted the process: V8 compiling a regular expression at the end of the stack ("RegExpCompiler Allocation failed").
    found: () =>
      [10_000, 100_000].map((n) => example('deep nesting', `${n} levels of [`, 'node-size.yaml', '['.repeat(n))),
  },
  {
    name: '10 MB files',
    mutants: tenMegabytes,
    runs: 6,
    quietSeconds: 7,
    // Took minutes: yaml's duplicate-key check and the placing of the problems each scanned all the keys per key.
    found: () => [
      example(
        '10 MB',
        '10 MB of keys',
        'node-size.yaml',
        `${nodeSize}${Array.from({ length: 2 ** 20 }, (_, i) => `k${i}: ${i}`)
          .join('\n')
          .slice(0, 10 * 2 ** 20)}\n`,
      ),
    ],
  },
];

describe('fuzzed scenarios load with located problems', () => {
  beforeAll(() => {
    loadScenario(resolve(ROOT, 'scenarios/diurnal.yaml')); // the first load compiles the schemas: not the mutants' time
  });

  for (const { name, mutants, runs, quietSeconds, found } of IN_PROCESS) {
    it(
      name,
      () => {
        const examples = (found?.() ?? []).map((m): [Mutant] => [m]);
        fc.assert(fc.property(mutants, loadsWithLocatedProblems), { ...budget<[Mutant]>(runs), examples });
      },
      testTimeoutMs(runs, quietSeconds),
    );
  }
});

// ---- Property 2: through the CLI -----------------------------------------------------------------

const CLI = resolve(ROOT, 'dist/bin/poolsim.js');
// A hang detector, not a time limit: a validate takes about a second, a 10 MB one a few.
const SPAWN_TIMEOUT_MS = 120_000;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function poolsim(cwd: string, args: readonly string[]): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      timeout: SPAWN_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code, signal) =>
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

// A directory as a user has it, in <dir>/<i>: the scenario and scenarios/manifests, with the mutant in its place.
function workspace(dir: string, i: number, m: Mutant): string[] {
  const at = join(dir, String(i));
  cpSync(resolve(ROOT, 'scenarios/manifests'), join(at, 'manifests'), { recursive: true });
  if (m.file !== m.scenario) writeFileSync(join(at, m.scenario), readFileSync(resolve(ROOT, 'scenarios', m.scenario)));
  mkdirSync(dirname(join(at, m.file)), { recursive: true });
  writeFileSync(join(at, m.file), m.content);
  return [`${i}/${m.scenario}`, ...readdirSync(join(at, 'manifests')).map((f) => `${i}/manifests/${f}`)];
}

// Every line on stderr is a problem (or warning) at file:line:col of a file in the workspace.
function expectOnlyLocatedLines(exit: Exit, files: readonly string[]): void {
  expect(exit.stderr).not.toMatch(/^ {4}at /m);
  expect(exit.stderr).not.toContain('internal error');
  const unlocated = exit.stderr
    .split('\n')
    .find((line) => line !== '' && !(LOCATED.test(line) && files.includes(line.slice(0, line.search(/:\d+:\d+: /)))));
  expect(unlocated).toBeUndefined();
}

const anyMutant: fc.Arbitrary<Mutant> = fc.oneof(
  { weight: 2, arbitrary: deletedKey },
  { weight: 2, arbitrary: wrongType },
  { weight: 2, arbitrary: oddNumber },
  { weight: 2, arbitrary: brokenYaml },
  { weight: 2, arbitrary: binaryJunk },
  { weight: 1, arbitrary: fc.oneof(deepNesting, aliasChain) },
  { weight: 1, arbitrary: tenMegabytes },
);

// Starting poolsim takes ~1 s: `validate` checks up to three mutants at once, `run` the first broken one.
async function cliExitsTwoWithLocatedLines(mutants: Mutant[]): Promise<void> {
  // What the CLI should say: loadScenario reads the files as the CLI does (NUL bytes, size).
  const sound = mutants.map((m) => {
    const { file, read } = inputsOf(m);
    return loadScenario(file, read).scenario !== null;
  });
  const dir = mkdtempSync(join(tmpdir(), 'poolsim-fuzz-'));
  try {
    const files = mutants.flatMap((m, i) => workspace(dir, i, m));
    const scenarios = mutants.map((m, i) => `${i}/${m.scenario}`);
    const broken = sound.indexOf(false);
    // A sound mutant would run a whole simulation: `run` only for a broken one.
    const [validate, run] = await Promise.all([
      poolsim(dir, ['validate', ...scenarios]),
      broken < 0 ? null : poolsim(dir, ['run', scenarios[broken]!, '--out', 'out', '--no-charts']),
    ]);
    for (const exit of run === null ? [validate] : [validate, run]) {
      expect(exit.signal).toBeNull(); // not killed at the spawn's timeout
      expect(exit.code).toBe(exit === validate && broken < 0 ? 0 : 2);
      expectOnlyLocatedLines(exit, files);
    }
    expect(
      validate.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split(': ok')[0]),
    ).toEqual(scenarios.filter((_, i) => sound[i]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fuzzed scenarios through the CLI', () => {
  it(
    'poolsim validate and run exit 2 with only file:line:col lines on stderr',
    async () => {
      // A key that is a list made yaml warn on the process's stderr: "(node:…) Warning: Keys with collection values will be stringified".
      const examples: Array<[Mutant[]]> = [
        [[example('broken YAML', 'a list as a key', 'node-size.yaml', `${nodeSize}fz: { [a]: 1 }\n`)]],
      ];
      await fc.assert(
        fc.asyncProperty(fc.array(anyMutant, { minLength: 1, maxLength: 3 }), cliExitsTwoWithLocatedLines),
        { ...budget<[Mutant[]]>(8), examples },
      );
    },
    testTimeoutMs(8, 12),
  );
});
