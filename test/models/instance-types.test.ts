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
      // None of the GKE and AKS families has under 1 GiB a vCPU; EC2's burstable t types go down to 0.25.
      expect(t.memoryGiB).toBeGreaterThanOrEqual(t.provider === 'eks' ? t.vcpu / 4 : t.vcpu);
      expect(t.pricePerHourUSD).toBeGreaterThan(0);
      expect(t.podIPs).toBeGreaterThan(0);
      expect(PRICE_SOURCES[t.provider].region).not.toBe('');
    }
  });

  it('prices grow with size within a family', () => {
    const family = INSTANCE_TYPES.filter((t) => t.name.startsWith('m5.')).sort((a, b) => a.vcpu - b.vcpu);
    for (let i = 1; i < family.length; i++) {
      const [smaller, larger] = [family[i - 1]!, family[i]!];
      // m5.metal is m5.24xlarge's size and price.
      if (larger.vcpu === smaller.vcpu) expect(larger.pricePerHourUSD).toBe(smaller.pricePerHourUSD);
      else expect(larger.pricePerHourUSD).toBeGreaterThan(smaller.pricePerHourUSD);
    }
  });

  it('finds types by exact name only', () => {
    expect(findInstanceType('m5.large')?.provider).toBe('eks');
    expect(findInstanceType('M5.LARGE')).toBeUndefined();
  });
});

describe('the generated EC2 catalog', () => {
  // The EKS types poolsim listed by hand before the catalog was generated (vCPU, GiB, ENIs, IPv4 per
  // ENI, USD an hour): the generated rows must say the same.
  it.each([
    ['t3.medium', 2, 4, 3, 6, 0.0416],
    ['t3.large', 2, 8, 3, 12, 0.0832],
    ['t3.xlarge', 4, 16, 4, 15, 0.1664],
    ['t3.2xlarge', 8, 32, 4, 15, 0.3328],
    ['m5.large', 2, 8, 3, 10, 0.096],
    ['m5.xlarge', 4, 16, 4, 15, 0.192],
    ['m5.2xlarge', 8, 32, 4, 15, 0.384],
    ['m5.4xlarge', 16, 64, 8, 30, 0.768],
    ['m5.8xlarge', 32, 128, 8, 30, 1.536],
    ['m5.12xlarge', 48, 192, 8, 30, 2.304],
    ['m5.16xlarge', 64, 256, 15, 50, 3.072],
    ['m5.24xlarge', 96, 384, 15, 50, 4.608],
    ['c5.large', 2, 4, 3, 10, 0.085],
    ['c5.xlarge', 4, 8, 4, 15, 0.17],
    ['c5.2xlarge', 8, 16, 4, 15, 0.34],
    ['c5.4xlarge', 16, 32, 8, 30, 0.68],
    ['c5.9xlarge', 36, 72, 8, 30, 1.53],
    ['c5.12xlarge', 48, 96, 8, 30, 2.04],
    ['c5.18xlarge', 72, 144, 15, 50, 3.06],
    ['c5.24xlarge', 96, 192, 15, 50, 4.08],
    ['r5.large', 2, 16, 3, 10, 0.126],
    ['r5.xlarge', 4, 32, 4, 15, 0.252],
    ['r5.2xlarge', 8, 64, 4, 15, 0.504],
    ['r5.4xlarge', 16, 128, 8, 30, 1.008],
    ['r5.8xlarge', 32, 256, 8, 30, 2.016],
    ['r5.12xlarge', 48, 384, 8, 30, 3.024],
    ['r5.16xlarge', 64, 512, 15, 50, 4.032],
    ['r5.24xlarge', 96, 768, 15, 50, 6.048],
  ])('%s keeps its hand-checked figures', (name, vcpu, memoryGiB, enis, ips, price) => {
    expect(findInstanceType(name)).toMatchObject({
      provider: 'eks',
      vcpu,
      memoryGiB,
      podIPs: enis * (ips - 1),
      maxPods: enis * (ips - 1) + 2,
      pricePerHourUSD: price,
      arch: 'amd64',
    });
  });

  it('holds every EC2 type without GPUs, Graviton ones as arm64, with their EBS attachment limits', () => {
    const eks = INSTANCE_TYPES.filter((t) => t.provider === 'eks');
    expect(eks.length).toBeGreaterThan(900);
    expect(findInstanceType('m6g.large')).toMatchObject({ vcpu: 2, memoryGiB: 8, arch: 'arm64', maxPods: 29 });
    expect(findInstanceType('t3.nano')).toMatchObject({ vcpu: 2, memoryGiB: 0.5 });
    expect(findInstanceType('m4.large')?.attachableVolumes).toBe(39); // Xen
    expect(findInstanceType('m5.large')?.attachableVolumes).toBe(26); // Nitro: 28 − 1 ENI − root
    expect(findInstanceType('p3.2xlarge')).toBeUndefined(); // GPUs: poolsim schedules CPU and memory only
  });
});
