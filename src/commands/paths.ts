// Paths the commands compare: a baseline inside the output it would be replaced with, and the like.
import { sep } from 'node:path';

/** within says whether the absolute `path` is `dir` or lies under it. */
export const within = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
