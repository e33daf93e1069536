// Progress within a run: a long single-seed run reports simulated time as it goes (issue 17: a
// million replicas ran with no sign of life), never past the jobs' count, never backwards, and
// complete only once the last result is in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobsDetail } from '../../src/parallel/run-jobs.js';
import { runScenarioOnSeeds } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'poolsim-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runJobs onProgress', () => {
  it('counts each running design by its simulated time, up to the jobs done', async () => {
    const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
    const heard: Array<[number, number]> = [];
    const details: JobsDetail[] = [];
    const done: number[] = [];
    const { summaries } = await runScenarioOnSeeds(
      scenario,
      { designs: [], seeds: 1, streaming: { dir, charts: false } },
      {
        workers: 1,
        isolate: true,
        onDone: (n) => done.push(n),
        onProgress: (n, total, detail) => {
          heard.push([n, total]);
          details.push(detail);
        },
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
    // The simulated clock of a running design, within the scenario, and the engine's events, never fewer.
    const clocks = details.flatMap((d) => (d.simMs === null ? [] : [d.simMs]));
    expect(clocks.length).toBeGreaterThan(50);
    expect(clocks.every((ms) => ms > 0 && ms <= scenario.durationMs)).toBe(true);
    expect(details[0]!.events).toBeGreaterThan(0);
    // Once both are done, every event of both runs counts: the summaries' total.
    expect(details.at(-1)!.simMs).toBeNull();
    expect(details.at(-1)!.events).toBe(summaries.reduce((sum, s) => sum + s.simulationEvents, 0));
  }, 60_000);
});
