// Paths compared as the file system sees them: a baseline inside the output it would be replaced
// with, an include that leads outside its scenario's folder, and the like.
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** within says whether the absolute `path` is `dir` or lies under it. */
export const within = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * realLocation is where `path` is once symbolic links are followed: its realpath, or, for a path
 * that does not exist yet (an output to be made), its nearest existing ancestor's realpath with
 * the rest appended.
 */
export function realLocation(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realLocation(parent), basename(absolute));
  }
}
