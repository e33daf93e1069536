import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { parseTrace } from '../../src/scenario/trace.js';

describe('load traces', () => {
  it('read time,rps rows with a header, in seconds or as durations', () => {
    const { points, problems } = parseTrace('t.csv', 'time,rps\n0,100\n90,150.5\n5m,80\n# a comment\n1h,0\n');
    expect(problems).toEqual([]);
    expect(points).toEqual([
      { atMs: 0, rps: 100 },
      { atMs: 90_000, rps: 150.5 },
      { atMs: 300_000, rps: 80 },
      { atMs: 3_600_000, rps: 0 },
    ]);
  });

  it('point at the line of a bad row, three at most, quoting a short excerpt once the file is a trace', () => {
    const { problems } = parseTrace('t.csv', '0,100\n60,-5\n90,10\n30,10\nabc\n2x,1\n');
    expect(problems.map(formatProblem)).toEqual([
      't.csv:2:1: rps "-5" is not a number ≥ 0',
      't.csv:4:1: time "30" does not come after the row before; expected rows in increasing time',
      't.csv:5:1: row "abc" is not a time,rps row (1 column); expected two columns, e.g. 5m,120 (and 1 more bad row after it)',
    ]);
  });

  it('never quote a file that is not a trace (a credentials file named by mistake)', () => {
    const secret = 'aws_secret_access_key,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n${secret}\nuser,hunter2\n`;
    const { points, problems } = parseTrace('creds', text);
    expect(points).toEqual([]);
    const shown = problems.map(formatProblem).join('\n');
    for (const word of ['default', 'AKIA', 'wJalr', 'hunter2']) expect(shown).not.toContain(word);
    expect(problems.length).toBeLessThanOrEqual(3);
  });

  it('give three problems at most for a file of many bad lines, each short and escaped', () => {
    const text = `0,1\n60,${'\u001b[31m'.repeat(50)}\n`.concat('junk\n'.repeat(100_000));
    const { problems } = parseTrace('big.csv', text);
    expect(problems).toHaveLength(3);
    const lines = problems.map(formatProblem);
    expect(lines[0]).toContain('\\u001b[31m');
    expect(lines.join('')).not.toContain('\u001b');
    for (const line of lines) expect(line.length).toBeLessThan(300);
    expect(lines[2]).toContain('(and 99,998 more bad rows after it)');
  });

  it('are read relative to the scenario and scaled', () => {
    const r = loadScenarioText(
      'dir/s.yaml',
      `name: t
duration: 1h
workloads: { app: { requests: { cpu: 100m, memory: 128Mi } } }
load:
  app: { cpuPerRequest: 1m, profile: { trace: { file: traces/app.csv, scale: 2 } } }
designs: { d: { pools: { main: { instanceType: e2-standard-4 } } } }
`,
      (path) => {
        expect(path).toBe(`${process.cwd()}/dir/traces/app.csv`);
        return '0,10\n60,20\n';
      },
    );
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]!.load!.profile).toEqual([
      {
        kind: 'trace',
        file: 'traces/app.csv',
        points: [
          { atMs: 0, rps: 20 },
          { atMs: 60_000, rps: 40 },
        ],
      },
    ]);
  });
});
