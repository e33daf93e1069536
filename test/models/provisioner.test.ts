import { describe, expect, it } from 'vitest';
import { planProvision } from '../../src/models/provisioner.js';

describe('planProvision', () => {
  it('registers after the provisioning delay and is Ready after start-up', () => {
    expect(planProvision(1_000, 90_000, 10_000)).toEqual({ registeredMs: 91_000, readyMs: 101_000 });
  });
});
