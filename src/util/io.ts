/**
 * Io is where commands write: the process's streams in the CLI, buffers in tests. `terminal` is
 * stderr when it is a terminal, for a progress bar that redraws its line; absent otherwise (a
 * pipe, a CI log, a test), where progress is plain lines.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly terminal?: NodeJS.WriteStream;
}

/** processIo writes to the process's own stdout and stderr. */
export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  get terminal() {
    return process.stderr.isTTY === true ? process.stderr : undefined;
  },
};
