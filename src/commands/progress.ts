// Progress over many runs: a bar on a terminal (cli-progress), a plain line every 10% otherwise
// (CI logs), always on stderr so that stdout stays the result.
import cliProgress from 'cli-progress';
import type { Io } from '../util/io.js';

/** Progress is told when a run finishes, and stopped at the end. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** createProgress reports `what` (e.g. "runs"): a bar when stderr is a terminal (io.terminal), plain lines otherwise. */
export function createProgress(what: string, io: Io): Progress {
  const terminal = io.terminal;
  if (terminal !== undefined) {
    const bar = new cliProgress.SingleBar(
      {
        format: `{bar} {value}/{total} ${what} · {percentage}% · ETA {eta_formatted}`,
        stream: terminal,
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => {
        if (!started) return;
        started = false;
        bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
      io.stderr(`poolsim: ${done}/${total} ${what} (${Math.floor((done / total) * 100)}%)\n`);
    },
    stop: () => {},
  };
}
