// Seed jobs spread over worker threads (piscina), results in job order whatever thread ran them,
// so that the outputs are byte-identical for any number of workers.
import { workerFile } from '../util/worker-file.js';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runSeedJob, type JobProgress, type SeedJob, type SeedResult } from './seed-job.js';

/**
 * RunJobsOptions: how many threads (1 runs in this thread unless `isolate`), and a callback after
 * each finished job. `isolate` runs even one thread's jobs in a worker, so that this thread stays
 * free to answer Ctrl-C while a long simulation runs (the CLI's choice, but for small runs).
 */
export interface RunJobsOptions {
  readonly workers: number;
  readonly isolate?: boolean;
  readonly onDone?: (done: number, total: number) => void;
  /**
   * onProgress hears the jobs done so far, counting each running one's fraction of simulated time
   * (streamed jobs only), with the simulated clock of the furthest-behind running job and the
   * engine events of all jobs so far.
   */
  readonly onProgress?: (done: number, total: number, detail: JobsDetail) => void;
}

/** JobsDetail: the simulated clock (ms) of the running job furthest behind (null: none running), and every job's engine events so far. */
export interface JobsDetail {
  readonly simMs: number | null;
  readonly events: number;
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
  const partial = new Map<number, JobProgress>(); // running job → its latest progress
  const events = new Map<number, number>(); // job → its engine events so far (kept once it finished)
  const finished = new Set<number>();
  const told = () => {
    let sum = done;
    let simMs: number | null = null;
    for (const p of partial.values()) {
      sum += p.fraction;
      simMs = simMs === null ? p.simMs : Math.min(simMs, p.simMs);
    }
    let all = 0;
    for (const n of events.values()) all += n;
    options.onProgress?.(sum, jobs.length, { simMs, events: all });
  };
  const channels: MessageChannel[] = [];
  try {
    return await Promise.all(
      jobs.map((job, i) => {
        let task = job;
        let transferList: MessagePort[] | undefined;
        if (options.onProgress !== undefined) {
          const channel = new MessageChannel();
          channels.push(channel);
          channel.port1.on('message', (progress: JobProgress) => {
            if (finished.has(i)) return; // a message that came after the job's result
            partial.set(i, { ...progress, fraction: Math.min(progress.fraction, 0.99) }); // done only once its result is in
            events.set(i, progress.events);
            told();
          });
          task = { ...job, progress: channel.port2 };
          transferList = [channel.port2];
        }
        return pool.run(task, transferList === undefined ? {} : { transferList }).then((result) => {
          partial.delete(i);
          finished.add(i);
          events.set(i, result.summary.simulationEvents);
          onDone(++done, jobs.length);
          told();
          return result;
        });
      }),
    );
  } finally {
    for (const c of channels) c.port1.close();
    await pool.destroy();
  }
}
