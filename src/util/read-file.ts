// Reading a file named by untrusted input (a scenario's include, a trace, a shard from a pod's log):
// only a regular file, never more than a cap. Devices (/dev/zero never ends), FIFOs (an open
// blocks until a writer comes), sockets and directories are refused before they are opened, and
// the read stops at the cap instead of reading the whole file and then checking its size.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** ReadRefused says why a file was not read (its message, without the file's name, is the reason), in words fit for the user; never the file's content. */
export class ReadRefused extends Error {
  override name = 'ReadRefused';
}

/** kindOf names what a non-regular file is. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** formatBytes is a size the way the limits are written: MiB above one MiB, else KiB. */
export const formatBytes = (bytes: number): string =>
  bytes >= 2 ** 20 ? `${+(bytes / 2 ** 20).toFixed(1)} MiB` : `${+(bytes / 1024).toFixed(1)} KiB`;

/** systemReason is a system error's cause in words: "no such file", "permission denied". */
export function systemReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  return code ?? (e as Error).message;
}

// O_NONBLOCK: should a FIFO take the place of the file between the check and the open, the open
// returns at once instead of waiting for a writer (and the fstat below refuses it).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * readBytesBounded reads the regular file at `path`, at most `maxBytes`; it throws ReadRefused
 * for anything else: missing, unreadable, special, or too big.
 */
export function readBytesBounded(path: string, maxBytes: number): Buffer {
  const refuse = (why: string): never => {
    throw new ReadRefused(why);
  };
  const tooBig = (size: string) =>
    refuse(`it is ${size}; expected a file under ${formatBytes(maxBytes)} (the limit keeps a run's memory bounded)`);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    return refuse(systemReason(e));
  }
  if (!stats.isFile()) refuse(`it is ${kindOf(stats)}; expected a regular file`);
  if (stats.size > maxBytes) tooBig(formatBytes(stats.size));
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return refuse(systemReason(e));
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) refuse(`it is ${kindOf(opened)}; expected a regular file`);
    // One byte more than allowed tells a file that grew past the cap since the stat.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, opened.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) tooBig(`more than ${formatBytes(maxBytes)}`);
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * length));
        buffer.copy(grown);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** readTextBounded is readBytesBounded as UTF-8 text. */
export const readTextBounded = (path: string, maxBytes: number): string =>
  readBytesBounded(path, maxBytes).toString('utf8');
