// `poolsim capacity --rank`'s arithmetic, held to rows worked by hand from each provider's
// reservation formula (docs/model.md#reservation-profiles) for pods of 500m and 1 GiB, no DaemonSets:
//   GKE: CPU 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% above; memory 25% of
//        the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% up to 128 GiB; eviction 100 MiB.
//   EKS: the same CPU tiers; memory 11 MiB × maxPods + 255 MiB; eviction 100 MiB.
//   AKS (≥ 1.29): CPU 100m at 2 cores, 140m at 4, 260m at 16; memory min(20 MiB × maxPods + 50 MiB,
//        25% of memory); eviction 100 MiB.
import { describe, expect, it } from 'vitest';
import { findInstanceType } from '../../src/models/instance-types.js';
import { instanceFamily, rankInstanceTypes, rankType } from '../../src/models/instance-ranking.js';
import { rankCsv, rankRows } from '../../src/report/instance-ranking.js';

const GiB = 2 ** 30;
const pod = { cpuMilli: 500, memoryBytes: GiB };

// [type, price, pods, binds, stranded CPU, stranded memory, reserved (mean of CPU and memory)], by hand:
const ROWS: Array<[string, number, number, string, number, number, number]> = [
  // 4 vCPU / 16 GiB: 80m and 2.6 GiB + 100 MiB held → 3920m (7 pods) and 13.30 GiB (13).
  ['e2-standard-4', 0.13402, 7, 'cpu', 420 / 3920, (13.30234375 - 7) / 13.30234375, (80 / 4000 + 2.69765625 / 16) / 2],
  // 8 vCPU / 32 GiB: 90m and 3.56 GiB + 100 MiB → 7910m (15) and 28.34 GiB (28).
  [
    'e2-standard-8',
    0.26805,
    15,
    'cpu',
    410 / 7910,
    (28.34234375 - 15) / 28.34234375,
    (90 / 8000 + 3.65765625 / 32) / 2,
  ],
  // 2 vCPU / 16 GiB: 70m → 1930m (3).
  ['e2-highmem-2', 0.0904, 3, 'cpu', 430 / 1930, (13.30234375 - 3) / 13.30234375, (70 / 2000 + 2.69765625 / 16) / 2],
  // maxPods 29: 574 MiB + 100 → 7518 MiB (7); 1930m (3).
  ['m5.large', 0.096, 3, 'cpu', 430 / 1930, (7518 - 3072) / 7518, (70 / 2000 + 674 / 8192) / 2],
  // maxPods 234: 2829 MiB + 100 → 29839 MiB (29), before 15890m (31): memory binds.
  [
    'c5.4xlarge',
    0.68,
    29,
    'memory',
    (15890 - 14500) / 15890,
    (29839 - 29696) / 29839,
    (110 / 16000 + 2929 / 32768) / 2,
  ],
  // maxPods 58: 893 MiB + 100 → 31775 MiB (31); 3920m (7).
  ['r5.xlarge', 0.252, 7, 'cpu', 420 / 3920, (31775 - 7168) / 31775, (80 / 4000 + 993 / 32768) / 2],
  // maxPods 250: min(5050, 2048) MiB + 100 → 6044 MiB (5); 1900m (3).
  ['Standard_D2s_v5', 0.096, 3, 'cpu', 400 / 1900, (6044 - 3072) / 6044, (100 / 2000 + 2148 / 8192) / 2],
  // min(5050, 4096) + 100 → 12188 MiB (11); 3860m (7).
  ['Standard_D4s_v5', 0.192, 7, 'cpu', 360 / 3860, (12188 - 7168) / 12188, (140 / 4000 + 4196 / 16384) / 2],
  // min(5050, 16384) + 100 → 60386 MiB (58); 15740m (31).
  ['Standard_D16s_v5', 0.768, 31, 'cpu', 240 / 15740, (60386 - 31744) / 60386, (260 / 16000 + 5150 / 65536) / 2],
];

describe('rankType', () => {
  it.each(ROWS)('%s: $%f an hour, %i pods, %s binds', (name, price, pods, binds, cpu, memory, reserved) => {
    const r = rankType(findInstanceType(name)!, pod);
    expect(r.type.pricePerHourUSD).toBe(price);
    expect(r.pods).toBe(pods);
    expect(r.bindingResource).toBe(binds);
    expect(r.strandedCpuFraction).toBeCloseTo(cpu, 9);
    expect(r.strandedMemoryFraction).toBeCloseTo(memory, 9);
    expect(r.reservedFraction).toBeCloseTo(reserved, 9);
    expect(r.costPerPodHour).toBeCloseTo(price / pods, 12);
  });

  it('takes the DaemonSets off every node, and gives a type that holds no pod no cost per pod', () => {
    const withAgent = rankType(findInstanceType('m5.large')!, pod, {
      daemonSets: [{ name: 'agent', cpuMilli: 500, memoryBytes: 0 }],
    });
    expect(withAgent.pods).toBe(2); // 1430m left: two pods of 500m
    const big = rankType(findInstanceType('m5.large')!, { cpuMilli: 4000, memoryBytes: GiB });
    expect(big.pods).toBe(0);
    expect(big.costPerPodHour).toBe(Infinity);
  });
});

describe('rankInstanceTypes', () => {
  it('puts the cheapest per pod-hour first and those that hold none last', () => {
    const types = ['e2-standard-8', 'm5.large', 'Standard_D4s_v5', 't3.nano'].map((n) => findInstanceType(n)!);
    const ranked = rankInstanceTypes(types, pod);
    expect(ranked.map((r) => [r.type.name, r.pods])).toEqual([
      ['e2-standard-8', 15], // $0.01787
      ['Standard_D4s_v5', 7], // $0.02743
      ['m5.large', 3], // $0.032
      ['t3.nano', 0],
    ]);
    expect(rankRows(ranked)[3]).toMatchObject({
      pods_per_node: 0,
      binding_resource: null,
      cost_per_pod_hour_usd: null,
    });
    expect(rankCsv(ranked).split('\n')[1]).toBe(
      '1,e2-standard-8,gke,e2-standard,8,32,0.26805,15,cpu,0.051833,0.470757,0.062776,0.01787',
    );
  });

  it('names families as each provider does', () => {
    expect(
      ['m5.large', 'e2-standard-4', 'Standard_D4s_v5', 'Standard_D4ds_v5'].map((n) =>
        instanceFamily(findInstanceType(n)!),
      ),
    ).toEqual(['m5', 'e2-standard', 'Standard_Ds_v5', 'Standard_Dds_v5']);
  });
});
