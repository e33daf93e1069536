/** EXIT is the CLI's exit codes: 1 is kept for a failed gate (a regression), 2 for bad input, 3 for a bug. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

/** GateFailed ends a command that printed its verdict and failed its gate (exit 1, nothing more to say). */
export class GateFailed extends Error {
  override name = 'GateFailed';
}

/**
 * InputError is bad input from the user, with every problem found (not just the first). The CLI
 * prints each on its own line, with no stack trace, and exits 2.
 */
export class InputError extends Error {
  override name = 'InputError';

  /** `located` problems already start with file:line:col and are printed as they are. */
  constructor(
    readonly problems: readonly string[],
    readonly located = false,
  ) {
    super(problems.join('\n'));
  }
}
