/** Io is where commands write: the process's streams in the CLI, buffers in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** processIo writes to the process's own stdout and stderr. */
export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
