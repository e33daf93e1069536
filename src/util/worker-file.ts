// Where a worker thread's module is: compiled, beside the module that starts it; from the
// TypeScript sources (the tests), the build's copy in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** workerFile finds `path` (relative to src/ and dist/, e.g. "parallel/worker.js") for the module at `from` (its import.meta.url). */
export function workerFile(from: string, path: string): string {
  const beside = fileURLToPath(new URL(`./${path.split('/').pop()!}`, from));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL(`../../dist/${path}`, from));
  if (existsSync(built)) return built;
  throw new Error(`cannot find the worker module ${path} (${beside}); run npm run build first`);
}
