// What brings a crashed kubelet back: supervisord, systemd, or a human. Each is its state machine
// run over a list of exits, as a pure function.
// supervisord: Supervisor/supervisor supervisor/supervisord.py (runforever: each pass of the main
// loop runs the processes' transition() and then reaps exits; between passes it polls its pipes
// with a 1 s timeout) and supervisor/process.py (transition, finish, change_state; options.py
// decode_wait_status). An exit within `startsecs` of the spawn, as measured when it is reaped, is a
// failed start → BACKOFF, retried after 1 s, 2 s, 3 s… (the count of failed starts), FATAL once
// more than `startretries` failed; an exit from RUNNING → EXITED, respawned by the next pass if
// `autorestart` says so (true, or `unexpected` with an exit status not in `exitcodes`; a death by
// signal has status −1 unless the program runs under a shell, which exits 128 + N). A pass comes
// 1 s after the last one unless a program's output wakes it sooner: a chatty program (the kubelet
// logs all the time) wakes it with its first output `pollPhaseMs` after each spawn and, when it
// dies, twice at once (its last output, then its pipes' end): reaped at the exit and respawned in
// the same millisecond. A quiet program's death wakes nothing: it is reaped at the next pass, up to
// 1 s late (its lifetime measured that much longer), and respawned at the pass after, ~1 s later
// (docs/model.md#kubelet-supervisors). Simplified: a pass takes no time (a check against a time is
// met by the pass in that millisecond, as the time real passes take puts them just past it).
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
      /** chatty: the program keeps its pipes busy and wakes the loop (the kubelet); false: a quiet program. Default true. */
      readonly chatty?: boolean;
      /** shellWrapper: the program runs under a shell, so a death by signal N exits 128 + N rather than −1. Default false. */
      readonly shellWrapper?: boolean;
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

/** SIGNALS are the signals a process may die of, by name, with their numbers on Linux. */
export const SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGTERM: 15,
} as const;

/** SignalName is a signal a process may die of. */
export type SignalName = keyof typeof SIGNALS;

/** ProcessEnd is how a process ends: it exits with a status, or a signal kills it. */
export type ProcessEnd = { readonly exitCode: number } | { readonly signal: SignalName };

/** Exit is the kubelet process ending at a time. */
export type Exit = ProcessEnd & { readonly atMs: number };

/** describeEnd is an end as a log says it: "exit status 1", "killed by SIGKILL". */
export function describeEnd(end: ProcessEnd): string {
  return 'signal' in end ? `killed by ${end.signal}` : `exit status ${end.exitCode}`;
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
  /** crashes are the exits of a process that is up (a bare time is a kill -9: SIGKILL), each ending one process; exits while it is down are ignored. */
  readonly crashes: ReadonlyArray<Exit | number>;
  /** failingUntilMs: a process restarted before this exits after `failAfterMs` (e.g. while its API server is overloaded). */
  readonly failingUntilMs?: number;
  readonly failAfterMs?: number;
  /** pollPhaseMs places supervisord's passes before the first exit (at pollPhaseMs + k × 1000) and a chatty program's first output after each spawn. */
  readonly pollPhaseMs?: number;
  /** humanDelayMs draws how long a human takes to restart the kubelet (supervisor `none`). */
  readonly humanDelayMs?: () => number;
  /** untilMs ends the timeline. */
  readonly untilMs: number;
}

const SUPERVISORD_POLL_MS = 1_000; // runforever's poll timeout
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
    .map((c): Exit => (typeof c === 'number' ? { atMs: c, signal: 'SIGKILL' } : c))
    .sort((a, b) => a.atMs - b.atMs);
}

// The exit of a process started at `startMs`: the next crash not yet used at or after its start
// (those before it came while nothing ran), or its own failure (a restart only: the process
// running at 0 has been up for long).
function nextExit(input: SupervisorInput, exits: Exit[], startMs: number): Exit | null {
  while (exits.length > 0 && exits[0]!.atMs < startMs) exits.shift();
  const failing = startMs > 0 && input.failingUntilMs !== undefined && startMs < input.failingUntilMs;
  const own: Exit | null = failing
    ? { atMs: startMs + Math.max(1, input.failAfterMs ?? DEFAULT_FAIL_AFTER_MS), exitCode: 1 }
    : null;
  const crash = exits[0] ?? null;
  const exit = own === null ? crash : crash === null || own.atMs <= crash.atMs ? own : crash;
  if (exit === null || exit.atMs > input.untilMs) return null;
  if (exit === crash) exits.shift();
  return exit;
}

// One supervisord process and what its loop knows of it.
class SupervisordLoop {
  state: 'RUNNING' | 'STARTING' | 'EXITED' | 'BACKOFF' = 'RUNNING';
  /** wakes are the times the program's output wakes the loop, in order. */
  wakes: number[] = [];
  private laststart = -Infinity; // the run starts with the kubelet up and counted as started
  private backoff = 0;
  private delay = 0;
  private respawn = false;
  private exit: Exit | null = null;
  private readonly exits: Exit[];
  private readonly chatty: boolean;

  constructor(
    private readonly s: Extract<SupervisorSpec, { kind: 'supervisord' }>,
    private readonly input: SupervisorInput,
    private readonly out: SupervisorTransition[],
  ) {
    this.exits = exitsOf(input);
    this.chatty = s.chatty ?? true;
    this.live(0);
  }

  /** exitAtMs is when the live process exits (null: not before the end). */
  exitAtMs(): number | null {
    return this.exit?.atMs ?? null;
  }

  /** pass is one pass of runforever at `now`: transition(), then reap(); false once nothing more will happen. */
  pass(now: number): boolean {
    const { s } = this;
    const found = this.state; // transition() acts on the state as the pass found it
    if (
      (found === 'EXITED' && this.respawn) ||
      (found === 'BACKOFF' && this.backoff <= s.startretries && now >= this.delay)
    )
      this.spawn(now);
    if (found === 'STARTING' && now - this.laststart >= s.startsecsMs) {
      [this.backoff, this.delay] = [0, 0];
      this.state = 'RUNNING';
      // A process that died since the last pass is RUNNING only in supervisord's eyes, until reaped below.
      const e = this.exit;
      this.emit(now, 'RUNNING', e === null || e.atMs > now);
    }
    if (found === 'BACKOFF' && this.backoff > s.startretries) {
      this.emit(now, 'FATAL', false);
      return false;
    }
    const e = this.exit;
    return e === null || e.atMs > now || this.finish(now, e);
  }

  private emit(time: number, state: string, running: boolean): void {
    this.out.push({ time, state, running });
  }

  // A process starts at `now`: its exit, and the wake-ups its output brings.
  private live(now: number): void {
    const phase = this.input.pollPhaseMs ?? 0;
    this.exit = nextExit(this.input, this.exits, now);
    this.wakes = [];
    if (this.chatty && phase > 0 && now > 0) this.wakes.push(now + phase);
    if (this.chatty && this.exit !== null) this.wakes.push(this.exit.atMs, this.exit.atMs);
    this.wakes.sort((a, b) => a - b);
  }

  private spawn(now: number): void {
    this.laststart = now;
    this.state = 'STARTING';
    this.emit(now, 'STARTING', true);
    this.live(now);
  }

  // finish(): the exit reaped at `now`; false when nothing will start the program again.
  private finish(now: number, e: Exit): boolean {
    const { s } = this;
    this.exit = null;
    this.wakes = this.wakes.filter((w) => w <= now); // a dead program writes no more
    if (now - this.laststart < s.startsecsMs) {
      this.backoff++;
      this.delay = now + this.backoff * 1000;
      this.state = 'BACKOFF';
      this.emit(now, 'BACKOFF', false);
      return true;
    }
    // Not too quickly: transition() earlier in this pass has made it RUNNING already (finish()'s
    // own STARTING → RUNNING is for a clock set back).
    [this.backoff, this.delay] = [0, 0];
    this.state = 'EXITED';
    this.emit(now, 'EXITED', false);
    const status = exitStatus(e, s.shellWrapper ?? false);
    this.respawn = s.autorestart === true || (s.autorestart === 'unexpected' && !s.exitcodes.includes(status));
    return this.respawn;
  }
}

function supervisord(
  s: Extract<SupervisorSpec, { kind: 'supervisord' }>,
  input: SupervisorInput,
): SupervisorTransition[] {
  const out: SupervisorTransition[] = [{ time: 0, state: 'RUNNING', running: true }];
  const loop = new SupervisordLoop(s, input, out);
  // The passes before anything happens: pollPhaseMs + k s.
  let lastPass = (input.pollPhaseMs ?? 0) - SUPERVISORD_POLL_MS;
  for (;;) {
    // While the process runs, nothing changes until its exit: skip the passes before it.
    if (loop.state === 'RUNNING') {
      const exit = loop.exitAtMs();
      if (exit === null) return out; // it runs to the end
      lastPass += Math.max(0, Math.ceil((exit - lastPass) / SUPERVISORD_POLL_MS) - 1) * SUPERVISORD_POLL_MS;
    }
    const now = Math.min(lastPass + SUPERVISORD_POLL_MS, loop.wakes[0] ?? Infinity);
    if (now > input.untilMs) return out;
    if (loop.wakes[0] === now) loop.wakes.shift();
    lastPass = now;
    if (!loop.pass(now)) return out;
  }
}

/** exitStatus is decode_wait_status's status: the exit code, or for a death by signal −1 (128 + N under a shell). */
export function exitStatus(end: ProcessEnd, shellWrapper: boolean): number {
  if (!('signal' in end)) return end.exitCode;
  return shellWrapper ? 128 + SIGNALS[end.signal] : -1;
}

/** systemdShallRestart is service_shall_restart for a main process that exited (CLD_EXITED) or was killed by a signal (CLD_KILLED). */
export function systemdShallRestart(restart: string, end: ProcessEnd): boolean {
  const signal = 'signal' in end ? SIGNALS[end.signal] : 0;
  const clean = signal === 0 ? (end as { exitCode: number }).exitCode === 0 : CLEAN_SIGNALS.has(signal);
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
    if (!systemdShallRestart(s.restart, exit)) {
      const clean = 'exitCode' in exit && exit.exitCode === 0;
      out.push({ time: exit.atMs, state: clean ? 'inactive' : 'failed', running: false });
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
