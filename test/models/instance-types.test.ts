import { describe, expect, it } from 'vitest';
import { findInstanceType, INSTANCE_TYPES, PRICE_SOURCES, PROVIDERS } from '../../src/models/instance-types.js';

describe('instance catalog', () => {
  it('has unique names and covers every provider and family the issue names', () => {
    const names = INSTANCE_TYPES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const prefix of ['e2-', 'n2-', 't3.', 'm5.', 'c5.', 'r5.', 'Standard_D']) {
      expect(names.some((n) => n.startsWith(prefix))).toBe(true);
    }
    expect(new Set(INSTANCE_TYPES.map((t) => t.provider))).toEqual(new Set(PROVIDERS));
  });

  it.each([
    ['t3.medium', 17],
    ['m5.large', 29],
    ['m5.xlarge', 58],
    ['c5.4xlarge', 234],
  ])('EKS %s gets maxPods %i from ENIs × (IPs per ENI − 1) + 2', (name, maxPods) => {
    const t = findInstanceType(name)!;
    expect(t.maxPods).toBe(maxPods);
    expect(t.podIPs).toBe(maxPods - 2); // the 2 are host-network pods (aws-node, kube-proxy)
  });

  it('Azure D2_v5 attaches at most 4 data disks (docs/model.md#per-node-limits)', () => {
    expect(findInstanceType('Standard_D2_v5')).toMatchObject({ vcpu: 2, memoryGiB: 8, attachableVolumes: 4 });
  });

  it('every type has a sane size and price, and a source for its price', () => {
    for (const t of INSTANCE_TYPES) {
      expect(t.vcpu).toBeGreaterThan(0);
      expect(t.memoryGiB).toBeGreaterThanOrEqual(t.vcpu); // none of these families has under 1 GiB a vCPU
      expect(t.pricePerHourUSD).toBeGreaterThan(0);
      expect(t.podIPs).toBeGreaterThan(0);
      expect(PRICE_SOURCES[t.provider].region).not.toBe('');
    }
  });

  it('prices grow with size within a family', () => {
    const family = INSTANCE_TYPES.filter((t) => t.name.startsWith('m5.')).sort((a, b) => a.vcpu - b.vcpu);
    for (let i = 1; i < family.length; i++)
      expect(family[i]!.pricePerHourUSD).toBeGreaterThan(family[i - 1]!.pricePerHourUSD);
  });

  it('finds types by exact name only', () => {
    expect(findInstanceType('m5.large')?.provider).toBe('eks');
    expect(findInstanceType('M5.LARGE')).toBeUndefined();
  });
});
