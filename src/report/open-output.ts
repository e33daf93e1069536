// Opening a command's --out: refused (bad input, exit 2) before any work when it is not poolsim's
// to replace, so that a long run or sweep does not lose its results at the end.
import { InputError } from '../util/errors.js';
import { withExpected } from '../util/text.js';
import { OutputRefused, StagedOutput } from './write-atomic.js';

/** openOutput opens `out` for writing, or throws an InputError saying why it cannot be. */
export function openOutput(out: string): StagedOutput {
  try {
    return StagedOutput.open(out);
  } catch (e) {
    throw outputProblem(out, e);
  }
}

/** outputProblem is the bad-input error for an output that was refused or could not be written; anything else is returned as it is. */
export function outputProblem(out: string, e: unknown): unknown {
  if (e instanceof OutputRefused)
    return new InputError([
      `--out: ${withExpected(e.message, 'a new or empty directory, or one poolsim wrote before')}`,
    ]);
  // A system error (disk full, no permission), raised here or in a worker thread (which keeps only its message).
  if (e instanceof Error && /^E[A-Z]+: /.test(e.message))
    return new InputError([
      `--out: cannot write ${JSON.stringify(out)}: ${e.message}; expected a writable directory with room for the output`,
    ]);
  return e;
}
