import { describe, expect, it } from 'vitest';
import {
  exitStatus,
  supervisorTimeline,
  systemdRestartDelayMs,
  systemdShallRestart,
  type ProcessEnd,
  type SignalName,
} from '../../src/models/supervisor.js';
import { SUPERVISOR_PRESETS } from '../../src/scenario/defaults.js';
import type { SupervisorSpec } from '../../src/models/supervisor.js';

const states = (t: ReturnType<typeof supervisorTimeline>) => t.map((x) => [x.time, x.state]);
const supervisord = (o: Partial<Extract<SupervisorSpec, { kind: 'supervisord' }>> = {}): SupervisorSpec => ({
  ...(SUPERVISOR_PRESETS.supervisord as Extract<SupervisorSpec, { kind: 'supervisord' }>),
  ...o,
});

describe('supervisord (supervisord.py runforever, process.py)', () => {
  it('docs/model.md#kubelet-supervisors: after kill -9 it respawns at once and marks RUNNING 3.4 s later', () => {
    // The seed's log: status 137 (a shell wrapper), not expected, respawned within a millisecond;
    // the kubelet's first output 0.4 s after the spawn restarts the loop's 1 s polls.
    const t = supervisorTimeline({
      supervisor: supervisord({
        startsecsMs: 3_000,
        startretries: 3,
        autorestart: true,
        exitcodes: [0],
        shellWrapper: true,
      }),
      crashes: [{ atMs: 60_000, signal: 'SIGKILL' }],
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

  it('respawns a quiet program ~1.0 s after its exit, at the next pass of the loop', () => {
    const t = supervisorTimeline({
      supervisor: supervisord({ startsecsMs: 3_000, autorestart: true, chatty: false }),
      crashes: [{ atMs: 60_000, signal: 'SIGKILL' }],
      untilMs: 120_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [60_000, 'EXITED'],
      [61_000, 'STARTING'],
      [64_000, 'RUNNING'],
    ]);
  });

  it("reaps a quiet program's exit between passes at the next pass: up to 1 s late", () => {
    const t = supervisorTimeline({
      supervisor: supervisord({ autorestart: true, chatty: false }),
      crashes: [{ atMs: 60_300, exitCode: 1 }],
      untilMs: 120_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [61_000, 'EXITED'],
      [62_000, 'STARTING'],
      [63_000, 'RUNNING'],
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
      [1_000, 'STARTING'],
      [4_000, 'RUNNING'],
    ]); // the ticks restart at the pass that respawned it
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
      [11_500, 'STARTING'],
      [12_000, 'BACKOFF'],
      [14_000, 'STARTING'],
      [14_500, 'BACKOFF'],
      [17_500, 'STARTING'],
      [18_000, 'BACKOFF'],
      [18_000, 'FATAL'],
    ]);
    expect(t.at(-1)!.running).toBe(false);
  });

  it('never backs a quiet program off when it is reaped late enough to look started', () => {
    // It dies 0.5 s after each start, but is reaped at the next pass, 1 s after the start: not too quickly.
    const t = supervisorTimeline({
      supervisor: supervisord({ chatty: false }),
      crashes: [{ atMs: 10_000, exitCode: 137 }],
      failingUntilMs: 14_000,
      untilMs: 20_000,
    });
    expect(states(t)).toEqual([
      [0, 'RUNNING'],
      [10_000, 'EXITED'],
      [11_000, 'STARTING'],
      [12_000, 'RUNNING'],
      [12_000, 'EXITED'],
      [13_000, 'STARTING'],
      [14_000, 'RUNNING'],
      [14_000, 'EXITED'],
      [15_000, 'STARTING'],
      [16_000, 'RUNNING'],
    ]);
  });

  it('marks RUNNING a process that died since the last pass, but not as running: it is reaped in the same pass', () => {
    const t = supervisorTimeline({
      supervisor: supervisord({ chatty: false }),
      crashes: [5_000, 6_800],
      pollPhaseMs: 300,
      untilMs: 31 * 86_400_000, // a month: the passes while it runs are skipped, not stepped through
    });
    expect(t.map((x) => [x.time, x.state, x.running])).toEqual([
      [0, 'RUNNING', true],
      [5_300, 'EXITED', false],
      [6_300, 'STARTING', true],
      [7_300, 'RUNNING', false],
      [7_300, 'EXITED', false],
      [8_300, 'STARTING', true],
      [9_300, 'RUNNING', true],
    ]);
  });

  it('resets the count once a start reaches RUNNING', () => {
    const t = supervisorTimeline({
      supervisor: supervisord(),
      crashes: [{ atMs: 10_000, exitCode: 137 }],
      failingUntilMs: 12_600,
      untilMs: 30_000,
    });
    expect(states(t).slice(-3)).toEqual([
      [12_000, 'BACKOFF'],
      [14_000, 'STARTING'],
      [15_000, 'RUNNING'],
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
      [6_000, 'RUNNING'],
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

  it('counts a death by signal as status −1, never expected, unless a shell wrapper exits 128 + N', () => {
    expect(exitStatus({ signal: 'SIGKILL' }, false)).toBe(-1);
    expect(exitStatus({ signal: 'SIGKILL' }, true)).toBe(137);
    expect(exitStatus({ signal: 'SIGTERM' }, true)).toBe(143);
    expect(exitStatus({ exitCode: 2 }, true)).toBe(2);
    const killed = (shellWrapper: boolean) =>
      states(
        supervisorTimeline({
          supervisor: supervisord({ exitcodes: [0, 137], shellWrapper }),
          crashes: [5_000],
          untilMs: 10_000,
        }),
      ).length;
    expect(killed(false)).toBe(4); // −1 is unexpected: EXITED, STARTING, RUNNING
    expect(killed(true)).toBe(2); // 137 is in exitcodes: EXITED, and no restart
  });

  it('an exit after startsecs but before the next pass goes through RUNNING, not BACKOFF', () => {
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
  const kill = (signal: SignalName): ProcessEnd => ({ signal });
  const exit = (exitCode: number): ProcessEnd => ({ exitCode });
  it.each([
    ['always', exit(0), true],
    ['always', kill('SIGKILL'), true],
    ['no', kill('SIGKILL'), false],
    ['on-failure', exit(1), true],
    ['on-failure', kill('SIGKILL'), true],
    ['on-failure', exit(0), false],
    ['on-failure', kill('SIGTERM'), false],
    ['on-success', exit(0), true],
    ['on-success', kill('SIGTERM'), true],
    ['on-success', exit(1), false],
    ['on-abnormal', kill('SIGKILL'), true],
    ['on-abnormal', exit(1), false],
    ['on-abnormal', exit(137), false], // an exit status of 137 is an exit, not a signal (CLD_EXITED)
    ['on-abort', kill('SIGABRT'), true],
    ['on-abort', exit(134), false],
    ['on-watchdog', kill('SIGKILL'), false],
  ] as const)('Restart=%s, %o: restart %s', (restart, end, expected) => {
    expect(systemdShallRestart(restart, end)).toBe(expected);
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
  it('are kills (SIGKILL), in any order', () => {
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
