// The piscina worker: runs seed jobs on its thread.
import { runSeedJob, type SeedJob, type SeedResult } from './seed-job.js';

export default function run(job: SeedJob): SeedResult {
  return runSeedJob(job);
}
