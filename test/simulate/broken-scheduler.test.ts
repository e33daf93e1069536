import { describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';
import { InvariantViolation } from '../../src/simulate/invariants.js';
import { runCli } from '../cli/run-cli.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A deliberately broken scheduler: it binds every pod to the first node in the cluster, whether
// the pod fits or not. The invariant checker must stop the run at the first overcommit.
vi.mock('../../src/models/scheduler/schedule-one.js', async (original) => {
  const real = await original<typeof import('../../src/models/scheduler/schedule-one.js')>();
  return {
    ...real,
    scheduleOne: (pod: Parameters<typeof real.scheduleOne>[0], ctx: Parameters<typeof real.scheduleOne>[1]) => {
      const first = ctx.nodes.findIndex((n) => n !== undefined);
      return first < 0 ? real.scheduleOne(pod, ctx) : { node: first, score: 0, nextStartNodeIndex: 0 };
    },
  };
});

// The CLI runs its jobs in a worker thread, where this file's mock does not reach: run them here.
vi.mock('../../src/parallel/run-jobs.js', async (original) => {
  const real = await original<typeof import('../../src/parallel/run-jobs.js')>();
  return {
    ...real,
    runJobs: (jobs: Parameters<typeof real.runJobs>[0], options: Parameters<typeof real.runJobs>[1]) =>
      real.runJobs(jobs, { ...options, isolate: false }),
  };
});

describe('the invariant checker and a broken scheduler', () => {
  const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
  const big = scenario.designs.find((d) => d.name === 'big')!;

  it('stops the run at the first node over its allocatable, with the time and the node', () => {
    let error: unknown;
    try {
      runDesign(scenario, big, { check: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvariantViolation);
    const v = error as InvariantViolation;
    // node-size's big node holds 13 replicas; the 14th, at 5 min, overcommits main-0.
    expect(v.atMs).toBe(300_000);
    expect(v.violations[0]).toEqual({
      object: 'node main-0',
      problem: expect.stringMatching(/^CPU requested \d+m exceeds allocatable \d+m$/),
    });
    expect(v.message).toMatch(/^invariant broken at t=300 s in design big: node main-0: CPU requested/);
  });

  it('is on in every test (POOLSIM_CHECK=1): runDesign without options fails the same way', () => {
    expect(process.env.POOLSIM_CHECK).toBe('1');
    expect(() => runDesign(scenario, big)).toThrow(InvariantViolation);
  });

  it('lets the broken run finish, wrongly, when the checks are off', () => {
    const run = runDesign(scenario, big, { check: false });
    expect(run.nodes.length).toBe(1); // nothing ever pending: no scale-up
  });

  it('poolsim run --check: one message with the time and the node, exit 3, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poolsim-check-'));
    try {
      const out = join(dir, 'out');
      const r = await runCli(
        'run',
        'scenarios/node-size.yaml',
        '--check',
        '--design',
        'big',
        '--no-charts',
        '--out',
        out,
      );
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /^poolsim run: invariant broken at t=300 s in design big: node main-0: CPU requested \d+m exceeds allocatable \d+m.*\npoolsim: this is a bug in poolsim/,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
