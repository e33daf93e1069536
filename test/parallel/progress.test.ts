// Progress within a run: a long single-seed run reports simulated time as it goes (issue 17: a
// million replicas ran with no sign of life), never past the jobs' count, never backwards, and
// complete only once the last result is in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarioOnSeeds } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'poolsim-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runJobs onProgress', () => {
  it('counts each running design by its simulated time, up to the jobs done', async () => {
    const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
    const heard: Array<[number, number]> = [];
    const done: number[] = [];
    await runScenarioOnSeeds(
      scenario,
      { designs: [], seeds: 1, streaming: { dir, charts: false } },
      {
        workers: 1,
        isolate: true,
        onDone: (n) => done.push(n),
        onProgress: (n, total) => heard.push([n, total]),
      },
    );
    expect(done).toEqual([1, 2]);
    expect(heard.every(([, total]) => total === 2)).toBe(true);
    const values = heard.map(([n]) => n);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    // Hundredths of each design's simulated time, then the whole once both results are in.
    expect(values.filter((v) => v > 0 && v < 1).length).toBeGreaterThan(50);
    expect(values.filter((v) => v === 2)).toHaveLength(1);
    expect(values.at(-1)).toBe(2);
  }, 60_000);
});
