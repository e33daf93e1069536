import { describe, expect, it } from 'vitest';
import {
  aksCpuReservedMilli,
  aksMemoryReservedBytes,
  eksMemoryReservedBytes,
  gkeMemoryReservedBytes,
  reservationFor,
  tieredAmount,
  tieredCpuReservedMilli,
  tieredMemoryReservedBytes,
} from '../../src/models/reservation.js';
import { GiB, MiB } from '../../src/models/units.js';
import { inGiB, node } from './builders.js';

describe('GKE/EKS CPU tiers (6% / 1% / 0.5% / 0.25%: docs/model.md#node-allocatable-and-reservations)', () => {
  it.each([
    [1, 60], //   6% of 1000m
    [2, 70], //   60 + 1% of 1000m
    [4, 80], //   60 + 10 + 0.5% of 2000m (the GKE page: 4 vCPU shows 3920m allocatable)
    [8, 90], //   80 + 0.25% of 4000m
    [16, 110], // 80 + 0.25% of 12000m
    [32, 150], // 80 + 0.25% of 28000m
    [64, 230], // 80 + 0.25% of 60000m
    [96, 310], // 80 + 0.25% of 92000m
  ])('%i vCPU reserves %im', (vcpu, milli) => {
    expect(tieredCpuReservedMilli(vcpu * 1000)).toBe(milli);
  });

  it('charges a fraction of a core at the first tier, and truncates a fractional millicore as upstream does', () => {
    expect(tieredCpuReservedMilli(500)).toBe(30); //   6% of 500m
    expect(tieredCpuReservedMilli(5000)).toBe(82); // 80 + 2.5 → 82 (nodeadm: integer division per band)
    expect(tieredCpuReservedMilli(2500)).toBe(72); // 60 + 10 + 2.5 → 72
  });
});

describe('memory tiers (25% / 20% / 10% / 6% / 2%: docs/model.md#node-allocatable-and-reservations)', () => {
  it.each([
    [4, 1], //     25% of 4
    [8, 1.8], //   1 + 20% of 4
    [16, 2.6], //  1.8 + 10% of 8
    [32, 3.56], // 2.6 + 6% of 16
    [64, 5.48], // 2.6 + 6% of 48
    [128, 9.32], // 2.6 + 6% of 112
    [256, 11.88], // 9.32 + 2% of 128
  ])('%i GiB reserves %f GiB', (memGiB, reservedGiB) => {
    const bytes = tieredMemoryReservedBytes(memGiB * GiB);
    // Exact to the byte: the tiers are whole basis points of whole bytes, truncated once.
    expect(bytes).toBe(Math.floor(reservedGiB * GiB + 1e-6));
    expect(gkeMemoryReservedBytes(memGiB * GiB)).toBe(bytes);
  });

  it('GKE reserves a flat 255 MiB on machines under 1 GiB', () => {
    expect(gkeMemoryReservedBytes(614 * MiB)).toBe(255 * MiB);
    expect(gkeMemoryReservedBytes(GiB)).toBe(GiB / 4);
  });

  it('tieredAmount is 0 for nothing and charges only the slices reached', () => {
    const tiers = [
      { upTo: 10, basisPoints: 10_000 },
      { upTo: Infinity, basisPoints: 5_000 },
    ];
    expect(tieredAmount(0, tiers)).toBe(0);
    expect(tieredAmount(4, tiers)).toBe(4);
    expect(tieredAmount(14, tiers)).toBe(12); // 10 + 50% of 4
  });
});

describe('EKS (memory 11 × maxPods + 255 MiB, CPU the GKE tiers)', () => {
  it.each([
    // type,        vCPU, GiB, ENIs × (IPs per ENI − 1) + 2 = maxPods, CPU, memory MiB
    ['t3.medium', 2, 4, 3 * (6 - 1) + 2, 70, 11 * 17 + 255],
    ['m5.large', 2, 8, 3 * (10 - 1) + 2, 70, 574],
    ['m5.xlarge', 4, 16, 4 * (15 - 1) + 2, 80, 893],
    ['c5.4xlarge', 16, 32, 8 * (30 - 1) + 2, 110, 2829],
  ])('%s reserves its figures', (_type, vcpu, memGiB, maxPods, cpu, memMiB) => {
    expect(eksMemoryReservedBytes(maxPods)).toBe(memMiB * MiB);
    const r = reservationFor({ name: 'eks' }, node(vcpu, memGiB, maxPods).eks());
    expect(r.kubeReserved).toEqual({ cpuMilli: cpu, memoryBytes: memMiB * MiB });
    expect(r.evictionMemoryBytes).toBe(100 * MiB);
  });
});

describe('AKS (docs/model.md#node-allocatable-and-reservations)', () => {
  it.each([
    [1, 60],
    [2, 100],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [64, 740],
  ])('CPU: %i cores reserve %im (Azure table)', (cores, milli) => {
    expect(aksCpuReservedMilli(cores * 1000)).toBe(milli);
  });

  it('CPU between and beyond the table: 6% / 4% / 2% / 1% brackets (karpenter-provider-azure)', () => {
    expect(aksCpuReservedMilli(3_000)).toBe(120); //   upstream's kube_reserved_test.go row "3 cores" → 120m
    expect(aksCpuReservedMilli(48_000)).toBe(580); //  140 + 1% of 44 cores
    expect(aksCpuReservedMilli(96_000)).toBe(1060); // 140 + 1% of 92 cores
    expect(aksCpuReservedMilli(500)).toBe(30); //      6% of half a core
  });

  it("memory from 1.29: the doc's 8 GB / 30 pods node reserves 650 MB and keeps 7.25 GB", () => {
    const reserved = aksMemoryReservedBytes(8 * GiB, 30); // 20 × 30 + 50 = 650 MiB, under 25% of 8 GiB
    expect(reserved).toBe(650 * MiB);
    const r = reservationFor({ name: 'aks' }, node(2, 8, 30).aks());
    // The doc treats 1 GB as 1000 MB: 8000 − 650 − 100 = 7250 MB. In binary units: 8192 − 750 MiB.
    expect((8 * GiB - r.kubeReserved.memoryBytes - r.evictionMemoryBytes) / MiB).toBe(8192 - 750);
  });

  it('memory from 1.29: 4 GB / 70 pods hits the 25% cap', () => {
    // 20 × 70 + 50 = 1450 MiB > 25% of 4 GiB = 1 GiB (the doc's "1000 MB").
    expect(aksMemoryReservedBytes(4 * GiB, 70)).toBe(GiB);
  });

  it('aks-legacy (before 1.29): memory tiers and a 750 Mi eviction threshold', () => {
    const r = reservationFor({ name: 'aks-legacy' }, node(4, 16).aksLegacy());
    expect(inGiB(r.kubeReserved.memoryBytes)).toBeCloseTo(2.6, 6);
    expect(r.evictionMemoryBytes).toBe(750 * MiB);
    expect(r.kubeReserved.cpuMilli).toBe(140);
  });
});

describe('none and custom profiles', () => {
  it('none reserves nothing', () => {
    expect(reservationFor({ name: 'none' }, node(4, 16).none())).toEqual({
      kubeReserved: { cpuMilli: 0, memoryBytes: 0 },
      systemReserved: { cpuMilli: 0, memoryBytes: 0 },
      evictionMemoryBytes: 0,
    });
  });

  it('custom reserves exactly what it is given', () => {
    const profile = {
      name: 'custom' as const,
      kubeReserved: { cpuMilli: 100, memoryBytes: GiB },
      systemReserved: { cpuMilli: 50, memoryBytes: 256 * MiB },
      evictionMemoryBytes: 200 * MiB,
    };
    const r = reservationFor(profile, node(4, 16).with(profile));
    expect(r.kubeReserved).toEqual(profile.kubeReserved);
    expect(r.systemReserved).toEqual(profile.systemReserved);
    expect(r.evictionMemoryBytes).toBe(200 * MiB);
  });
});
