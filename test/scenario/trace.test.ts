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

  it('point at the line of a bad row', () => {
    const { problems } = parseTrace('t.csv', '0,100\n60,-5\n90,10\n30,10\nabc\n2x,1\n');
    expect(problems.map(formatProblem)).toEqual([
      't.csv:2:1: rps "-5" is not a number ≥ 0',
      't.csv:4:1: time 30 does not come after the row before; expected rows in increasing time',
      't.csv:5:1: "abc" is not a time,rps row; expected two columns, e.g. 5m,120',
      't.csv:6:1: time "2x" has an unknown unit "x"; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)',
    ]);
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
