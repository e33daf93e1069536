// What brings a crashed kubelet back: supervisord, systemd, or a human. Each is its state machine
// run over a list of exits, as a pure function.
// supervisord: Supervisor/supervisor supervisor/process.py (Subprocess.finish, transition,
// change_state): an exit within `startsecs` of the spawn is a failed start → BACKOFF, retried after
// 1 s, 2 s, 3 s… (the count of failed starts), FATAL once more than `startretries` failed; an exit
// from RUNNING → EXITED, restarted at once if `autorestart` says so (true, or `unexpected` with an
// exit code not in `exitcodes`); STARTING → RUNNING and BACKOFF → STARTING happen on the main
// loop's ticks, about once a second (`pollPhaseMs` places them); a respawn after an exit is
// immediate (a kill -9 was measured respawned within a millisecond: docs/model.md#kubelet-supervisors).
// systemd: src/core/service.c (service_shall_restart, service_restart_usec_next) and the unit's
// start rate limit (StartLimitIntervalSec/StartLimitBurst): a restart after RestartSec, growing
// towards RestartMaxDelaySec over RestartSteps; a start beyond the burst in the interval fails
// the unit for good. Simplified: the service is active as soon as it is started (Type=simple).

import type { Distribution } from '../sim/distributions.js';

/** SupervisorSpec is what restarts a pool's kubelets, with its settings: supervisord's, a systemd unit's, or a human's response time. */
export type SupervisorSpec =
  | {
      readonly kind: 'supervisord';
      readonly startsecsMs: number;
      readonly startretries: number;
      readonly autorestart: boolean | 'unexpected';
      readonly exitcodes: readonly number[];
    }
  | {
      readonly kind: 'systemd';
      readonly restart: string;
      readonly restartSecMs: number;
      readonly startLimitBurst: number;
      readonly startLimitIntervalMs: number;
      readonly restartSteps: number;
      readonly restartMaxDelayMs: number;
    }
  | { readonly kind: 'none'; readonly humanResponse: Distribution };

/** Exit is the kubelet process ending at a time: an exit code, or 128 + n when killed by signal n (137 is SIGKILL). */
export interface Exit {
  readonly atMs: number;
  readonly exitCode: number;
}

/** SupervisorTransition is a change of the supervised process's state at `time` (ms); `running` says whether a kubelet process is alive. */
export interface SupervisorTransition {
  readonly time: number;
  readonly state: string;
  readonly running: boolean;
}

/** SupervisorInput is supervisorTimeline's input. */
export interface SupervisorInput {
  readonly supervisor: SupervisorSpec;
  /** crashes are the exits of a process that is up (a bare time is a kill -9, exit 137), each ending one process; exits while it is down are ignored. */
  readonly crashes: ReadonlyArray<Exit | number>;
  /** failingUntilMs: a process restarted before this exits after `failAfterMs` (e.g. while its API server is overloaded). */
  readonly failingUntilMs?: number;
  readonly failAfterMs?: number;
  /** pollPhaseMs places supervisord's ~1 s loop ticks (ticks at pollPhaseMs + k × 1000). */
  readonly pollPhaseMs?: number;
  /** humanDelayMs draws how long a human takes to restart the kubelet (supervisor `none`). */
  readonly humanDelayMs?: () => number;
  /** untilMs ends the timeline. */
  readonly untilMs: number;
}

const SUPERVISORD_TICK_MS = 1_000;
const DEFAULT_FAIL_AFTER_MS = 500;
// Signals systemd counts as a clean exit (SIGHUP, SIGINT, SIGPIPE, SIGTERM).
const CLEAN_SIGNALS = new Set([1, 2, 13, 15]);

/** supervisorTimeline is the process's states from the start (it is running at 0) to `untilMs`. */
export function supervisorTimeline(input: SupervisorInput): SupervisorTransition[] {
  const s = input.supervisor;
  if (s.kind === 'supervisord') return supervisord(s, input);
  if (s.kind === 'systemd') return systemd(s, input);
  return byHand(input);
}

// The given crashes in time order, each ending at most one process: `nextExit` takes them in turn.
function exitsOf(input: SupervisorInput): Exit[] {
  return input.crashes
    .map((c) => (typeof c === 'number' ? { atMs: c, exitCode: 137 } : c))
    .sort((a, b) => a.atMs - b.atMs);
}

// The exit of a process started at `startMs`: the next crash not yet used at or after its start
// (those before it came while nothing ran), or its own failure (a restart only: the process
// running at 0 has been up for long).
function nextExit(input: SupervisorInput, exits: Exit[], startMs: number): Exit | null {
  while (exits.length > 0 && exits[0]!.atMs < startMs) exits.shift();
  const failing = startMs > 0 && input.failingUntilMs !== undefined && startMs < input.failingUntilMs;
  const own = failing ? { atMs: startMs + (input.failAfterMs ?? DEFAULT_FAIL_AFTER_MS), exitCode: 1 } : null;
  const crash = exits[0] ?? null;
  const exit = own === null ? crash : crash === null || own.atMs <= crash.atMs ? own : crash;
  if (exit === null || exit.atMs > input.untilMs) return null;
  if (exit === crash) exits.shift();
  return exit;
}

function supervisord(
  s: Extract<SupervisorSpec, { kind: 'supervisord' }>,
  input: SupervisorInput,
): SupervisorTransition[] {
  const exits = exitsOf(input);
  const out: SupervisorTransition[] = [];
  const phase = input.pollPhaseMs ?? 0;
  // The first loop tick strictly after `t` (transition() compares with `>`).
  const tickAfter = (t: number) => phase + (Math.floor((t - phase) / SUPERVISORD_TICK_MS) + 1) * SUPERVISORD_TICK_MS;
  const emit = (time: number, state: string, running: boolean) => out.push({ time, state, running });
  let backoff = 0;
  let start = 0;
  let running = true; // the run starts with the kubelet up and counted as started
  emit(0, 'RUNNING', true);
  for (;;) {
    const exit = nextExit(input, exits, start);
    if (!running) {
      // STARTING → RUNNING at the first tick after startsecs, unless it exits too quickly; an exit
      // after startsecs but before that tick passes through RUNNING (finish()).
      const tooQuickly = exit !== null && exit.atMs - start < s.startsecsMs;
      if (!tooQuickly) {
        const at = Math.min(tickAfter(start + s.startsecsMs), exit?.atMs ?? Infinity);
        if (at > input.untilMs) return out;
        emit(at, 'RUNNING', true);
        running = true;
        backoff = 0;
      }
    }
    if (exit === null) return out;
    if (running) {
      // RUNNING → EXITED; restarted at once if autorestart says so.
      emit(exit.atMs, 'EXITED', false);
      const restart =
        s.autorestart === true || (s.autorestart === 'unexpected' && !s.exitcodes.includes(exit.exitCode));
      if (!restart) return out;
      start = exit.atMs;
    } else {
      // Exited too quickly: STARTING → BACKOFF, retried after `backoff` seconds, or FATAL.
      backoff++;
      emit(exit.atMs, 'BACKOFF', false);
      if (backoff > s.startretries) {
        const fatalAt = tickAfter(exit.atMs);
        if (fatalAt <= input.untilMs) emit(fatalAt, 'FATAL', false);
        return out;
      }
      start = tickAfter(exit.atMs + backoff * 1000);
      if (start > input.untilMs) return out;
    }
    emit(start, 'STARTING', true);
    running = false;
  }
}

/** systemdShallRestart is service_shall_restart for a main process exit. */
export function systemdShallRestart(restart: string, exitCode: number): boolean {
  const signal = exitCode > 128 ? exitCode - 128 : 0;
  const clean = signal === 0 ? exitCode === 0 : CLEAN_SIGNALS.has(signal);
  switch (restart) {
    case 'always':
      return true;
    case 'on-success':
      return clean;
    case 'on-failure':
      return !clean;
    case 'on-abnormal':
      return signal !== 0 && !clean;
    case 'on-abort':
      return signal !== 0 && !clean;
    default:
      return false; // no, on-watchdog (no watchdog here)
  }
}

/** systemdRestartDelayMs is service_restart_usec_next: RestartSec for the first restart, growing geometrically to RestartMaxDelaySec over RestartSteps. */
export function systemdRestartDelayMs(
  restartSecMs: number,
  steps: number,
  maxDelayMs: number,
  restartNumber: number,
): number {
  if (restartNumber <= 1 || steps <= 0 || restartSecMs <= 0 || maxDelayMs <= restartSecMs) return restartSecMs;
  if (restartNumber - 1 >= steps) return maxDelayMs;
  return Math.round(restartSecMs * (maxDelayMs / restartSecMs) ** ((restartNumber - 1) / steps));
}

function systemd(s: Extract<SupervisorSpec, { kind: 'systemd' }>, input: SupervisorInput): SupervisorTransition[] {
  const exits = exitsOf(input);
  const out: SupervisorTransition[] = [{ time: 0, state: 'active', running: true }];
  const limited = s.startLimitBurst > 0 && s.startLimitIntervalMs > 0;
  // The start rate limit's window (ratelimit_below), counting the first start at 0.
  let windowStart = 0;
  let starts = 1;
  let restarts = 0;
  let start = 0;
  for (;;) {
    const exit = nextExit(input, exits, start);
    if (exit === null) return out;
    if (!systemdShallRestart(s.restart, exit.exitCode)) {
      out.push({ time: exit.atMs, state: exit.exitCode === 0 ? 'inactive' : 'failed', running: false });
      return out;
    }
    restarts++;
    out.push({ time: exit.atMs, state: 'auto-restart', running: false });
    start = exit.atMs + systemdRestartDelayMs(s.restartSecMs, s.restartSteps, s.restartMaxDelayMs, restarts);
    if (start > input.untilMs) return out;
    if (limited) {
      if (start - windowStart > s.startLimitIntervalMs) [windowStart, starts] = [start, 0];
      if (starts >= s.startLimitBurst) {
        out.push({ time: start, state: 'failed', running: false }); // start-limit-hit
        return out;
      }
      starts++;
    }
    out.push({ time: start, state: 'active', running: true });
  }
}

function byHand(input: SupervisorInput): SupervisorTransition[] {
  const exits = exitsOf(input);
  const out: SupervisorTransition[] = [{ time: 0, state: 'running', running: true }];
  let start = 0;
  for (;;) {
    const exit = nextExit(input, exits, start);
    if (exit === null) return out;
    out.push({ time: exit.atMs, state: 'down', running: false });
    start = exit.atMs + (input.humanDelayMs?.() ?? Infinity);
    if (start > input.untilMs) return out;
    out.push({ time: start, state: 'running', running: true });
  }
}
