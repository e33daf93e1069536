import { describe, expect, it } from 'vitest';
import { supervisorTimeline, systemdRestartDelayMs, systemdShallRestart } from '../../src/models/supervisor.js';
import { SUPERVISOR_PRESETS } from '../../src/scenario/defaults.js';
import type { SupervisorSpec } from '../../src/models/supervisor.js';

const states = (t: ReturnType<typeof supervisorTimeline>) => t.map((x) => [x.time, x.state]);
const supervisord = (o: Partial<Extract<SupervisorSpec, { kind: 'supervisord' }>> = {}): SupervisorSpec => ({
  ...(SUPERVISOR_PRESETS.supervisord as Extract<SupervisorSpec, { kind: 'supervisord' }>),
  ...o,
});

describe('supervisord (process.py)', () => {
  it('docs/model.md#kubelet-supervisors: after kill -9 it respawns at once and marks RUNNING on the first tick after startsecs (3.4 s here)', () => {
    const t = supervisorTimeline({
      supervisor: supervisord({ startsecsMs: 3_000, startretries: 3, autorestart: true, exitcodes: [0] }),
      crashes: [{ atMs: 60_000, exitCode: 137 }],
      pollPhaseMs: 400,
      untilMs: 120_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [60_000, 'EXITED'],
      [60_000, 'STARTING'],
      [63_400, 'RUNNING'],
    ]);
  });

  it('takes each crash as the end of one process: one at 0 ends the first, a second in the same ms ends the respawned one (a failed start)', () => {
    const t = supervisorTimeline({
      supervisor: supervisord({ startsecsMs: 3_000, autorestart: true }),
      crashes: [0, 0],
      pollPhaseMs: 0,
      untilMs: 60_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [0, 'EXITED'],
      [0, 'STARTING'],
      [0, 'BACKOFF'],
      [2_000, 'STARTING'],
      [6_000, 'RUNNING'],
    ]); // the first tick after startsecs
  });

  it('backs off 1 s, 2 s, 3 s after failed starts and gives up (FATAL) after startretries, for good', () => {
    const t = supervisorTimeline({
      supervisor: supervisord(),
      crashes: [
        { atMs: 10_000, exitCode: 137 },
        { atMs: 50_000, exitCode: 137 },
      ],
      failingUntilMs: Infinity,
      untilMs: 60_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [10_000, 'EXITED'],
      [10_000, 'STARTING'],
      [10_500, 'BACKOFF'],
      [12_000, 'STARTING'],
      [12_500, 'BACKOFF'],
      [15_000, 'STARTING'],
      [15_500, 'BACKOFF'],
      [19_000, 'STARTING'],
      [19_500, 'BACKOFF'],
      [20_000, 'FATAL'],
    ]);
    expect(t.at(-1)!.running).toBe(false);
  });

  it('resets the count once a start reaches RUNNING', () => {
    const t = supervisorTimeline({
      supervisor: supervisord(),
      crashes: [{ atMs: 10_000, exitCode: 137 }],
      failingUntilMs: 12_600,
      untilMs: 30_000,
    });
    expect(states(t).slice(-3)).toEqual([
      [12_500, 'BACKOFF'],
      [15_000, 'STARTING'],
      [17_000, 'RUNNING'],
    ]);
  });

  it('restarts on an unexpected exit only, with autorestart=unexpected', () => {
    const run = (exitCode: number) =>
      states(supervisorTimeline({ supervisor: supervisord(), crashes: [{ atMs: 5_000, exitCode }], untilMs: 10_000 }));
    expect(run(0)).toEqual([
      [0, 'RUNNING'],
      [5_000, 'EXITED'],
    ]);
    expect(run(1)).toEqual([
      [0, 'RUNNING'],
      [5_000, 'EXITED'],
      [5_000, 'STARTING'],
      [7_000, 'RUNNING'],
    ]);
    expect(
      states(
        supervisorTimeline({
          supervisor: supervisord({ autorestart: false }),
          crashes: [{ atMs: 5_000, exitCode: 1 }],
          untilMs: 10_000,
        }),
      ),
    ).toEqual([
      [0, 'RUNNING'],
      [5_000, 'EXITED'],
    ]);
  });

  it('an exit after startsecs but before the RUNNING tick passes through RUNNING, not BACKOFF', () => {
    const t = supervisorTimeline({
      supervisor: supervisord(),
      crashes: [
        { atMs: 5_000, exitCode: 137 },
        { atMs: 6_200, exitCode: 137 },
      ],
      pollPhaseMs: 900,
      untilMs: 7_000,
    });
    expect(states(t).slice(2)).toEqual([
      [5_000, 'STARTING'],
      [6_200, 'RUNNING'],
      [6_200, 'EXITED'],
      [6_200, 'STARTING'],
    ]);
  });
});

describe('systemd (service.c)', () => {
  it.each([
    ['always', 0, true],
    ['always', 137, true],
    ['no', 137, false],
    ['on-failure', 1, true],
    ['on-failure', 137, true],
    ['on-failure', 0, false],
    ['on-failure', 143, false],
    ['on-success', 0, true],
    ['on-success', 143, true],
    ['on-success', 1, false],
    ['on-abnormal', 137, true],
    ['on-abnormal', 1, false],
    ['on-abort', 134, true],
    ['on-watchdog', 137, false],
  ] as const)('Restart=%s, exit %i: restart %s', (restart, code, expected) => {
    expect(systemdShallRestart(restart, code)).toBe(expected);
  });

  it('restarts after RestartSec: the kubeadm unit (always, 10 s)', () => {
    expect(
      states(
        supervisorTimeline({
          supervisor: SUPERVISOR_PRESETS.kubeadm!,
          crashes: [{ atMs: 5_000, exitCode: 137 }],
          untilMs: 60_000,
        }),
      ),
    ).toEqual([
      [0, 'active'],
      [5_000, 'auto-restart'],
      [15_000, 'active'],
    ]);
  });

  it('fails the unit for good on the 6th start within 10 s (StartLimitBurst 5)', () => {
    const unit: SupervisorSpec = {
      kind: 'systemd',
      restart: 'always',
      restartSecMs: 100,
      startLimitBurst: 5,
      startLimitIntervalMs: 10_000,
      restartSteps: 0,
      restartMaxDelayMs: 0,
    };
    const t = supervisorTimeline({
      supervisor: unit,
      crashes: [{ atMs: 1_000, exitCode: 137 }],
      failingUntilMs: Infinity,
      untilMs: 60_000,
    });
    // Starts at 0, 1.1 s, 1.7 s, 2.3 s, 2.9 s; the sixth, at 3.5 s, hits the limit.
    expect(t.filter((x) => x.state === 'active').map((x) => x.time)).toEqual([0, 1_100, 1_700, 2_300, 2_900]);
    expect(states(t).at(-1)).toEqual([3_500, 'failed']);
  });

  it('grows the delay geometrically with RestartSteps up to RestartMaxDelaySec', () => {
    expect([1, 2, 3, 4, 5].map((n) => systemdRestartDelayMs(100, 3, 800, n))).toEqual([100, 200, 400, 800, 800]);
    expect(systemdRestartDelayMs(100, 0, 800, 4)).toBe(100);
  });

  it('stays down after a clean exit with Restart=on-failure', () => {
    expect(
      states(
        supervisorTimeline({
          supervisor: SUPERVISOR_PRESETS['eks-al2023']!,
          crashes: [{ atMs: 5_000, exitCode: 0 }],
          untilMs: 60_000,
        }),
      ),
    ).toEqual([
      [0, 'active'],
      [5_000, 'inactive'],
    ]);
  });
});

describe('crashes given as bare times', () => {
  it('are kills (exit 137), in any order', () => {
    const t = supervisorTimeline({
      supervisor: SUPERVISOR_PRESETS.kubeadm!,
      crashes: [30_000, 5_000],
      untilMs: 60_000,
    });
    expect(states(t)).toEqual([
      [0, 'active'],
      [5_000, 'auto-restart'],
      [15_000, 'active'],
      [30_000, 'auto-restart'],
      [40_000, 'active'],
    ]);
  });
});

describe('no supervisor', () => {
  it('stays down until a human restarts it', () => {
    const t = supervisorTimeline({
      supervisor: SUPERVISOR_PRESETS.none!,
      crashes: [
        { atMs: 5_000, exitCode: 137 },
        { atMs: 7_000, exitCode: 137 },
      ],
      humanDelayMs: () => 1_800_000,
      untilMs: 3_600_000,
    });
    expect(states(t)).toEqual([
      [0, 'running'],
      [5_000, 'down'],
      [1_805_000, 'running'],
    ]);
  });
});
