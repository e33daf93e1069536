// Reading the slices of a sharded sweep back: each a directory holding shard.json or the file itself,
// bounded in size and checked field by field before it is trusted (shards come from pod logs).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTextBounded, ReadRefused } from '../util/read-file.js';
import { parseShardFile, type ShardFile } from './shard.js';
import { withExpected } from '../util/text.js';

// A Job pod's shard.json is at most ~6 MB (job-manifest.ts: MAX_JOBS_PER_POD); one machine's
// slice of a big sweep may be more, but not this (and a JavaScript string holds ~512 MiB at most).
const MAX_SHARD_BYTES = 256 * 1024 * 1024;

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
      const parsed = parseShardFile(file, readTextBounded(file, MAX_SHARD_BYTES), problems);
      return parsed === null ? [] : [{ source: file, file: parsed }];
    } catch (e) {
      const why = e instanceof ReadRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
      problems.push(`${path}: cannot read it: ${withExpected(why, 'a shard.json written by poolsim sweep --shard')}`);
      return [];
    }
  });
}
