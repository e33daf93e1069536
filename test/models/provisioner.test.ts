import { describe, expect, it } from 'vitest';
import { planProvision } from '../../src/models/provisioner.js';

describe('planProvision', () => {
  it('registers after the provisioning delay and is Ready after start-up', () => {
    expect(planProvision(1_000, 90_000, 10_000, 900_000)).toEqual({ outcome: 'registers', registeredMs: 91_000, readyMs: 101_000 });
  });

  it('is given up on at max-node-provision-time when it would take longer to register', () => {
    expect(planProvision(1_000, 900_001, 0, 900_000)).toEqual({ outcome: 'times-out', failedMs: 901_000 });
    expect(planProvision(1_000, 900_000, 0, 900_000).outcome).toBe('registers');
  });
});
