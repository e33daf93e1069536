import { describe, expect, it } from 'vitest';
import { describeBreakdown, startupBreakdown } from '../../src/simulate/startup-breakdown.js';

describe('startupBreakdown', () => {
  const pod = {
    createdMs: 300_000,
    scheduledMs: 391_000,
    pulledMs: 399_000,
    runningMs: 401_000,
    kubeletReadyMs: 406_000,
    readyMs: 406_250,
  };
  it("counts pending time during its new node's provisioning as provisioning", () => {
    const b = startupBreakdown(pod, { requestedMs: 310_000, readyMs: 391_000 });
    expect(b).toEqual({ pending: 10, provisioning: 81, pulling: 8, starting: 2, readiness: 5, reporting: 0.25 });
    expect(b.pending + b.provisioning + b.pulling + b.starting + b.readiness + b.reporting).toBe(
      (pod.readyMs - pod.createdMs) / 1000,
    );
  });

  it('has no provisioning on a node that was there from the start, or that was Ready before the pod came', () => {
    expect(startupBreakdown(pod, { requestedMs: null, readyMs: 0 }).provisioning).toBe(0);
    expect(startupBreakdown(pod, { requestedMs: 0, readyMs: 100_000 }).provisioning).toBe(0);
  });

  it('words it for events.csv', () => {
    expect(
      describeBreakdown({ pending: 10, provisioning: 81.5, pulling: 8, starting: 2, readiness: 5, reporting: 0.25 }),
    ).toBe('pending 10 s, provisioning 81.5 s, pulling 8 s, starting 2 s, readiness 5 s, reporting 0.25 s');
  });
});
