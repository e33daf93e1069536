// The run's own event priorities, between the engine's normal and late, for what must happen in a
// given order within one millisecond.
import { Priority } from '../sim/simulation.js';

/**
 * SCHEDULING_PASS: the scheduler's pass runs after the other changes of its millisecond, as it sees
 * them through its informers, and just before the timeline samples the result (Priority.late).
 */
export const SCHEDULING_PASS = Priority.late - 1;

/** AFTER_DRAIN: a drained node is removed just after the last grace period of its pods ends, in the same millisecond. */
export const AFTER_DRAIN = Priority.normal + 1;
