#!/usr/bin/env node
// The `poolsim` executable.
import { main } from './main.js';
import { abandonStagedOutputs } from './report/write-atomic.js';

// `poolsim … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Ctrl-C (or a polite kill, or the terminal closing): drop what is half-written, say in one line
// what became of the output (discarded; or already written whole, when the signal came after the
// commit), and go. The simulations and charts run in worker threads, so this thread hears the
// signal at once; exiting stops the workers. A second signal while the first is handled (a double
// Ctrl-C, `timeout` signalling the whole group) is ignored, so the tidying is never cut short.
let interrupted = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    const outcome = abandonStagedOutputs();
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}poolsim: interrupted (${signal}); ${outcome}\n`);
    process.exit(code);
  });
}

process.exitCode = await main(process.argv.slice(2));
