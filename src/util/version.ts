// poolsim's own version, from package.json (which ships beside dist/).
import { readFileSync } from 'node:fs';

/** POOLSIM_VERSION is package.json's version. */
export const POOLSIM_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
