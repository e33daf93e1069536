// The engine: clock, event queue, seeded random streams, distributions, recorder.
// Nothing here knows about Kubernetes.
export { Simulation, Priority } from './simulation.js';
export type { When, EventHandle, Periodic, EveryOptions, RunOptions } from './simulation.js';
export type { Action, EventState } from './event-queue.js';
export { RandomStreams } from './random.js';
export type { RandomStream } from './random.js';
export {
  constant,
  uniform,
  normal,
  lognormal,
  exponential,
  empirical,
  distributionProblem,
  quantile,
  sample,
  sampleMilliseconds,
} from './distributions.js';
export type { Distribution } from './distributions.js';
export { standardNormalCdf, standardNormalQuantile } from './normal.js';
export { Recorder } from './recorder.js';
export type { RecordedEvent, Detail, Clock } from './recorder.js';
