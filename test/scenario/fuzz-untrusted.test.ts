// Scenarios, their includes and traces, and shards are untrusted input (issue 17): a scenario reads
// only inside its folder (symbolic links followed), never a device, FIFO or directory, never more
// than its cap; no error quotes a file that is not what it should be; a shard's names and counts
// are checked before they are used. Random include paths, built from pieces that climb out, jump to
// absolute paths or go through links, never reach the secret outside.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinedReader, resolveAllowOutside } from '../../src/scenario/confine.js';
import { loadScenario } from '../../src/scenario/load.js';
import { formatProblem, parseYaml } from '../../src/scenario/source.js';
import { readTextBounded, ReadRefused } from '../../src/util/read-file.js';
import { runCli } from '../cli/run-cli.js';
import { budget, testTimeoutMs } from '../property/budget.js';

const SECRET = 'TOKEN-5f3c9e1a-never-printed';
const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let scenarios: string; // the scenario's folder
let outside: string; // beside it: what must not be read

const scenarioWith = (extra: string) =>
  readFileSync(join(ROOT, 'scenarios/node-size.yaml'), 'utf8').replace(/^name: .*$/m, 'name: probe') + extra;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolsim-untrusted-'));
  scenarios = join(dir, 'scenarios');
  outside = join(dir, 'secrets');
  mkdirSync(join(scenarios, 'traces'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'token.csv'), `${SECRET},1\n`);
  writeFileSync(
    join(outside, 'kubeconfig.yaml'),
    `apiVersion: v1\nkind: Config\nusers:\n- user: { token: ${SECRET} }\n`,
  );
  writeFileSync(join(scenarios, 'traces', 'ok.csv'), '0,10\n60,20\n');
  symlinkSync(join(outside, 'token.csv'), join(scenarios, 'traces', 'link-out.csv'));
  symlinkSync(outside, join(scenarios, 'dir-out'));
  symlinkSync(join(scenarios, 'traces', 'ok.csv'), join(scenarios, 'traces', 'link-in.csv'));
  cpSync(join(ROOT, 'scenarios/manifests'), join(scenarios, 'manifests'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadWithTrace(file: string, allowOutside: string[] = []) {
  const path = join(scenarios, `s-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    path,
    scenarioWith(`\nload:\n  app:\n    cpuPerRequest: 1m\n    profile: { trace: { file: ${JSON.stringify(file)} } }\n`),
  );
  const problems: string[] = [];
  const reader = confinedReader(path, resolveAllowOutside(allowOutside, problems));
  const result = loadScenario(path, reader.read);
  return { result, files: reader.files, text: result.problems.map(formatProblem).join('\n') };
}

describe('a scenario reads only inside its folder', () => {
  it.each([
    ['../secrets/token.csv', 'a relative path that climbs out'],
    ['ABSOLUTE', 'an absolute path'],
    ['traces/link-out.csv', 'a link inside that leads out'],
    ['dir-out/token.csv', 'a folder link that leads out'],
  ])('refuses %s (%s), never quoting it', (given) => {
    const file = given === 'ABSOLUTE' ? join(outside, 'token.csv') : given;
    const { result, files, text } = loadWithTrace(file);
    expect(result.scenario).toBeNull();
    expect(text).toContain("outside the scenario's folder");
    expect(text).toContain('--allow-outside');
    expect(text).not.toContain(SECRET);
    for (const f of files) expect(f.startsWith(outside)).toBe(false);
  });

  it('reads a link that stays inside, and what --allow-outside lets in', () => {
    expect(loadWithTrace('traces/link-in.csv').result.problems).toEqual([]);
    const allowed = loadWithTrace('../secrets/token.csv', [outside]);
    // Allowed, it is read; it is not a trace, so the problem quotes none of it.
    expect(allowed.text).not.toContain("outside the scenario's folder");
    expect(allowed.text).not.toContain(SECRET);
    expect([...allowed.files].some((f) => f.startsWith(outside))).toBe(true);
  });

  it('refuses an --allow-outside that does not exist', () => {
    const problems: string[] = [];
    expect(resolveAllowOutside([join(dir, 'nope')], problems)).toEqual([]);
    expect(problems[0]).toMatch(/^--allow-outside: cannot use ".*nope": no such file; expected an existing folder/);
    // An unset $VAR would otherwise allow the current folder.
    expect(resolveAllowOutside(['', ' '], problems)).toEqual([]);
    expect(problems.slice(1)).toEqual([
      '--allow-outside: an empty path; expected a folder or file (an unset variable?)',
      '--allow-outside: an empty path; expected a folder or file (an unset variable?)',
    ]);
  });

  it('refuses an include that leads out, and does not echo a kubeconfig it was allowed to read', async () => {
    const path = join(scenarios, 'with-include.yaml');
    writeFileSync(path, scenarioWith('\ninclude: [dir-out/kubeconfig.yaml]\n'));
    const refused = await runCli('validate', path);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("outside the scenario's folder");
    const allowed = await runCli('validate', path, '--allow-outside', outside);
    expect(allowed.stderr).not.toContain(SECRET);
  });

  it(
    'never reaches the secret, whatever the include path (property)',
    () => {
      const piece = fc.constantFrom(
        '..',
        '.',
        'traces',
        'dir-out',
        'link-out.csv',
        'token.csv',
        'ok.csv',
        'secrets',
        '',
      );
      fc.assert(
        fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.boolean(), (pieces, absolute) => {
          const path = (absolute ? `${dir}/` : '') + pieces.join('/');
          const { files, text } = loadWithTrace(path === '' ? '.' : path);
          expect(text).not.toContain(SECRET);
          for (const f of files) expect(f.startsWith(outside)).toBe(false);
        }),
        budget(60),
      );
    },
    testTimeoutMs(60, 3),
  );
});

describe('errors quote little', () => {
  it('name the first three duplicated keys of a file, and no more', () => {
    const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const { problems } = parseYaml('d.yaml', keys.map((k) => `${k}: 1\n${k}: 2\n`).join(''), false);
    expect(problems.map((p) => p.message)).toEqual([
      ...keys.slice(0, 3).map((k) => `duplicate key ${k}; expected each key once in a mapping`),
      'duplicate key; expected each key once in a mapping',
      'duplicate key; expected each key once in a mapping',
    ]);
  });
});

describe('special files and sizes', () => {
  it.each([
    ['/dev/zero', 'a device'],
    ['/dev/null', 'a device'],
  ])('refuses %s before opening it', (path, kind) => {
    expect(() => readTextBounded(path, 1024)).toThrow(new ReadRefused(`it is ${kind}; expected a regular file`));
  });

  it('refuses a directory and a FIFO without waiting for a writer', () => {
    expect(() => readTextBounded(dir, 1024)).toThrow('it is a directory');
    const fifo = join(scenarios, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    try {
      expect(() => readTextBounded(fifo, 1024)).toThrow('it is a named pipe (FIFO)');
      const { text } = loadWithTrace('pipe.csv');
      expect(text).toContain('cannot read "pipe.csv": it is a named pipe (FIFO); expected a regular file');
    } finally {
      rmSync(fifo);
    }
  });

  it('refuses a file over the cap, naming the cap', () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(5000));
    expect(() => readTextBounded(big, 4096)).toThrow('it is 4.9 KiB; expected a file under 4 KiB');
    expect(readTextBounded(big, 5000)).toHaveLength(5000);
  });

  it('bounds the files of one scenario together, not only one by one', () => {
    const parts = [0, 1, 2, 3, 4].map((i) => {
      writeFileSync(join(scenarios, `big-${i}.csv`), `0,1\n# ${'x'.repeat(14 * 2 ** 20)}\n`);
      return `{ trace: { file: big-${i}.csv } }`;
    });
    const path = join(scenarios, 'many.yaml');
    writeFileSync(path, scenarioWith(`\nload:\n  app:\n    cpuPerRequest: 1m\n    profile: [${parts.join(', ')}]\n`));
    const text = loadScenario(path).problems.map(formatProblem).join('\n');
    expect(text).toContain('cannot read "big-4.csv": the scenario\'s files come to more than 64 MiB with this one');
  });

  it('reads the scenario itself wherever the user names it, but not a device as one', async () => {
    const r = await runCli('validate', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/dev/zero:1:1: cannot read "/dev/zero": it is a device; expected a regular file\n');
  });
});

describe('a file that is not a scenario', () => {
  it('gives a hundred problems and a count, each short, not a line per line of it', () => {
    const path = join(scenarios, 'shadow.yaml');
    const lines = Array.from({ length: 5000 }, (_, i) => `user${i}: $6$${'h'.repeat(200)}${i}`);
    writeFileSync(path, scenarioWith(`\n${lines.join('\n')}\n`));
    const problems = loadScenario(path).problems.map(formatProblem);
    expect(problems).toHaveLength(101);
    expect(problems[100]).toMatch(/: and 4,9\d\d more problems in this file from here, not shown;/);
    for (const line of problems) expect(line.length).toBeLessThan(400);
  });

  it('has a long value quoted at most 40 characters of it', () => {
    const path = join(scenarios, 'long-cpu.yaml');
    writeFileSync(path, scenarioWith('').replace(/cpu: [^,}\n]+/, `cpu: ${'9'.repeat(20_000)}x`));
    const text = loadScenario(path).problems.map(formatProblem).join('\n');
    expect(text).toContain(`"${'9'.repeat(40)}…"`);
    expect(text).not.toContain('9'.repeat(41));
  });
});
