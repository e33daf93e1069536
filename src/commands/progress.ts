// Progress over many runs, or through one run's simulated time: a bar on a terminal (cli-progress),
// a plain line every 10% otherwise (CI logs), always on stderr so that stdout stays the result. A
// note (the simulated clock, events a second) rides along with each update.
import cliProgress from 'cli-progress';
import type { Io } from '../util/io.js';

/** Progress is told when a run finishes (or moves on), with a note to show beside it, and stopped at the end. */
export interface Progress {
  update(done: number, total: number, note?: string): void;
  stop(): void;
}

/** ProgressOptions: `quietMs`, how long plain lines wait before the first (a quick run prints none). */
interface ProgressOptions {
  readonly quietMs?: number;
}

/** createProgress reports `what` (e.g. "runs"): a bar when stderr is a terminal (io.terminal), plain lines otherwise. */
export function createProgress(what: string, io: Io, options: ProgressOptions = {}): Progress {
  const terminal = io.terminal;
  if (terminal !== undefined) {
    const bar = new cliProgress.SingleBar(
      {
        format: `{bar} {value}/{total} ${what} · {percentage}%{note} · ETA {eta_formatted}`,
        stream: terminal,
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, note) => {
        const payload = { note: note === undefined ? '' : ` · ${note}` };
        if (!started) bar.start(total, 0, payload);
        started = true;
        bar.update(done, payload);
      },
      stop: () => {
        if (!started) return;
        started = false;
        bar.stop();
      },
    };
  }
  let lastTenth = -1;
  const begun = performance.now();
  return {
    update: (done, total, note) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      if (performance.now() - begun < (options.quietMs ?? 0)) return;
      io.stderr(
        `poolsim: ${done}/${total} ${what} (${Math.floor((done / total) * 100)}%)${note === undefined ? '' : ` · ${note}`}\n`,
      );
    },
    stop: () => {},
  };
}
