// A scenario reads only inside its own folder. Scenarios are shared between teams and run in CI,
// where the runner holds credentials: an include or a trace naming ../../.kube/config, an absolute
// path or a symbolic link leading out would otherwise put a secret into an error message, a run's
// output or an emitted Job's ConfigMap. Paths are compared after realpath (every link followed);
// the user widens the confinement only explicitly, with --allow-outside.
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatBytes, readTextBounded, ReadRefused, systemReason } from '../util/read-file.js';
import { within } from '../util/paths.js';

/** MAX_FILE_BYTES bounds each file a scenario reads (the scenario, its includes, its traces). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** MAX_TOTAL_BYTES bounds all of them together: a list of includes must not add up to gigabytes. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/** ScenarioReader reads a scenario's files within its confinement, and remembers what it read. */
export interface ScenarioReader {
  /** read returns a file's text, or throws ReadRefused saying why not. */
  readonly read: (path: string) => string;
  /** files are the real paths of every file read, the scenario first. */
  readonly files: ReadonlySet<string>;
}

/** AllowedOutside is a folder (or file) outside the scenario's folder that it may read, from --allow-outside. */
export interface AllowedOutside {
  readonly given: string;
  readonly real: string;
}

/** resolveAllowOutside checks each --allow-outside path exists; problems for those that do not. */
export function resolveAllowOutside(paths: readonly string[], problems: string[]): AllowedOutside[] {
  return paths.flatMap((given) => {
    // An unset $VAR gives "", which resolves to the current folder: never a widening by accident.
    if (given.trim() === '') {
      problems.push('--allow-outside: an empty path; expected a folder or file (an unset variable?)');
      return [];
    }
    try {
      return [{ given, real: realpathSync.native(resolve(given)) }];
    } catch (e) {
      problems.push(
        `--allow-outside: cannot use ${JSON.stringify(given)}: ${systemReason(e)}; expected an existing folder or file`,
      );
      return [];
    }
  });
}

/**
 * confinedReader reads `scenarioFile` (which the user named, so it may be anywhere) and, for the
 * files it names, only those whose real path lies in the scenario's folder or in an allowed one.
 */
export function confinedReader(scenarioFile: string, allowed: readonly AllowedOutside[] = []): ScenarioReader {
  const scenario = resolve(scenarioFile);
  const folder = dirname(scenario);
  const files = new Set<string>();
  const texts = new Map<string, string>(); // real path → text: a sweep loads every variant, each file read once
  let total = 0;
  let root: string | undefined;
  const read = (path: string): string => {
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch (e) {
      throw new ReadRefused(systemReason(e));
    }
    if (resolve(path) !== scenario) {
      root ??= realpathSync.native(folder);
      if (!within(real, root) && !allowed.some((a) => within(real, a.real))) {
        const leads = real === resolve(path) ? '' : ` (it leads to ${real})`;
        throw new ReadRefused(
          `it is outside the scenario's folder ${root}${leads}; expected a file beside or below the scenario, or --allow-outside ${dirname(real)} to read it anyway`,
        );
      }
    }
    const known = texts.get(real);
    if (known !== undefined) return known;
    // The real path is read, not the link: a link swapped between the check and the read changes nothing.
    const text = readTextBounded(real, MAX_FILE_BYTES);
    total += text.length;
    if (total > MAX_TOTAL_BYTES)
      throw new ReadRefused(
        `the scenario's files come to more than ${formatBytes(MAX_TOTAL_BYTES)} with this one; expected fewer or smaller includes and traces`,
      );
    texts.set(real, text);
    files.add(real);
    return text;
  };
  return { read, files };
}
