// Reading the slices of a sharded sweep back: each a directory holding shard.json or the file itself,
// bounded in size and checked field by field before it is trusted (shards come from pod logs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseShardFile, type ShardFile } from './shard.js';

// A shard.json of a thousand variants is a few MB; anything past this is not one.
const MAX_SHARD_BYTES = 512 * 1024 * 1024;

/** readShards reads each argument: a directory holding shard.json, or a shard file itself. */
export function readShards(paths: readonly string[], problems: string[]): Array<{ source: string; file: ShardFile }> {
  return paths.flatMap((path) => {
    try {
      const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'shard.json') : path;
      if (!existsSync(file)) {
        problems.push(
          `${path}: no such file${file === path ? '' : ` (no ${file})`}; expected a directory written by poolsim sweep --shard, or its shard.json`,
        );
        return [];
      }
      if (statSync(file).size > MAX_SHARD_BYTES) {
        problems.push(`${file}: is too big for a shard.json; expected one written by poolsim sweep --shard`);
        return [];
      }
      const parsed = parseShardFile(file, readFileSync(file, 'utf8'), problems);
      return parsed === null ? [] : [{ source: file, file: parsed }];
    } catch (e) {
      problems.push(
        `${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a readable shard`,
      );
      return [];
    }
  });
}
