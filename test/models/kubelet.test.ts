import { describe, expect, it } from 'vitest';
import { steadyRequestsPerSecond } from '../../src/models/kubelet.js';

describe('steady kubelet traffic', () => {
  it('is a lease renewal every 10 s and a status report every 5 min', () => {
    expect(steadyRequestsPerSecond()).toEqual({ lease: 0.1, nodeStatus: 1 / 300 });
  });
});
