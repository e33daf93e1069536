// Seed jobs spread over worker threads (piscina), results in job order whatever thread ran them,
// so that the outputs are byte-identical for any number of workers.
import { workerFile } from '../util/worker-file.js';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runSeedJob, type SeedJob, type SeedResult } from './seed-job.js';

/**
 * RunJobsOptions: how many threads (1 runs in this thread unless `isolate`), and a callback after
 * each finished job. `isolate` runs even one thread's jobs in a worker, so that this thread stays
 * free to answer Ctrl-C while a long simulation runs (the CLI's choice).
 */
export interface RunJobsOptions {
  readonly workers: number;
  readonly isolate?: boolean;
  readonly onDone?: (done: number, total: number) => void;
}

/** defaultWorkers is one worker per core the process may use. */
export const defaultWorkers = (): number => availableParallelism();

/** runJobs runs every job and returns the results in the jobs' order. */
export async function runJobs(jobs: readonly SeedJob[], options: RunJobsOptions): Promise<SeedResult[]> {
  const onDone = options.onDone ?? (() => {});
  const workers = Math.max(1, Math.min(options.workers, jobs.length));
  if (workers === 1 && options.isolate !== true) {
    const results: SeedResult[] = [];
    for (const job of jobs) {
      results.push(runSeedJob(job));
      onDone(results.length, jobs.length);
      // Let the event loop breathe between jobs, so that a progress bar and Ctrl-C are served.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const pool = new Piscina<SeedJob, SeedResult>({
    filename: workerFile(import.meta.url, 'parallel/worker.js'),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  let done = 0;
  try {
    return await Promise.all(
      jobs.map((job) =>
        pool.run(job).then((result) => {
          onDone(++done, jobs.length);
          return result;
        }),
      ),
    );
  } finally {
    await pool.destroy();
  }
}
