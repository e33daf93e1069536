import { describe, expect, it } from 'vitest';
import { nodeAllocatable, podIPsForCidr, podsThatFit, type NodeSpec } from '../../src/models/allocatable.js';
import type { PodAsk } from '../../src/models/resources.js';
import { GiB, MiB } from '../../src/models/units.js';
import { inGiB, node } from './builders.js';

const app: PodAsk = { cpuMilli: 300, memoryBytes: 2 * GiB }; // the articles' app: 300m, 2 GiB
const forPods = (spec: NodeSpec) => nodeAllocatable(spec).forWorkloads;

// docs/model.md#node-allocatable-and-reservations, every worked example, computed by the model from the formulas.
describe('the worked examples of docs/model.md#node-allocatable-and-reservations (GKE tiers)', () => {
  it('2 vCPU / 8 GiB: 70m and 1.8 GiB reserved, 100 MiB eviction → ~1930m and 6.1 GiB (~75%) for pods', () => {
    const b = nodeAllocatable(node(2, 8).gke());
    expect(b.reserved.cpuMilli).toBe(70);
    expect(inGiB(b.reserved.memoryBytes)).toBeCloseTo(1.8, 6);
    expect(b.eviction.memoryBytes).toBe(100 * MiB);
    expect(b.allocatable.cpuMilli).toBe(1930);
    expect(inGiB(b.allocatable.memoryBytes)).toBeCloseTo(6.1, 1); // 8 − 1.8 − 0.098 = 6.102
    expect(b.allocatable.memoryBytes / (8 * GiB)).toBeCloseTo(0.76, 2);
  });

  it('4 vCPU / 16 GiB: 80m → 3920m; 2.6 + 0.1 GiB → 13.3 GiB; seven (300m, 2 GiB) replicas do not fit', () => {
    const b = nodeAllocatable(node(4, 16).gke());
    expect(b.allocatable.cpuMilli).toBe(3920); // 4000 − (60 + 10 + 10)
    expect(inGiB(b.reserved.memoryBytes)).toBeCloseTo(2.6, 6); // 1 + 0.8 + 0.8
    expect(inGiB(b.allocatable.memoryBytes)).toBeCloseTo(13.3, 1); // 16 − 2.6 − 0.098 = 13.302
    // Seven replicas ask 2.1 CPU and 14 GiB: memory runs out at six.
    const fit = podsThatFit(b.forWorkloads, app);
    expect(7 * app.memoryBytes).toBeGreaterThan(b.allocatable.memoryBytes);
    expect(fit.pods).toBe(6);
    expect(fit.bindingResource).toBe('memory');
  });

  it('1 vCPU / 4 GiB: 940m and 2.9 GiB; one replica fits, leaving 0.9 GiB no second replica can use', () => {
    const b = nodeAllocatable(node(1, 4).gke());
    expect(b.allocatable.cpuMilli).toBe(940);
    expect(inGiB(b.allocatable.memoryBytes)).toBeCloseTo(2.9, 1); // 4 − 1 − 0.098 = 2.902
    const fit = podsThatFit(b.forWorkloads, app);
    expect(fit.pods).toBe(1);
    expect(fit.bindingResource).toBe('memory');
    expect(inGiB(fit.stranded.memoryBytes)).toBeCloseTo(0.9, 1);
    expect(fit.stranded.cpuMilli).toBe(640);
  });

  it('4 vCPU / 32 GiB: 3.56 GiB reserved; 13 replicas fit and CPU binds', () => {
    const b = nodeAllocatable(node(4, 32).gke());
    expect(inGiB(b.reserved.memoryBytes)).toBeCloseTo(3.56, 6); // 1 + 0.8 + 0.8 + 0.96
    // The article says 28.44 GiB, but 32 − 3.56 − 0.098 = 28.34: the formula wins.
    expect(inGiB(b.allocatable.memoryBytes)).toBeCloseTo(28.34, 2);
    expect(b.allocatable.cpuMilli).toBe(3920);
    const fit = podsThatFit(b.forWorkloads, app);
    expect(fit.byLimit.cpu).toBe(13); //   3920 / 300 = 13.07
    expect(fit.byLimit.memory).toBe(14); // 28.34 / 2 = 14.2
    expect(fit.pods).toBe(13);
    expect(fit.bindingResource).toBe('cpu');
  });

  it('seven 1 vCPU / 4 GiB nodes hold back 7.7 GiB and 420m; one 4 vCPU / 32 GiB node 3.66 GiB and 80m', () => {
    const heldBack = (spec: NodeSpec) => {
      const b = nodeAllocatable(spec);
      return { cpu: b.reserved.cpuMilli, memGiB: inGiB(b.reserved.memoryBytes + b.eviction.memoryBytes) };
    };
    const small = heldBack(node(1, 4).gke());
    const big = heldBack(node(4, 32).gke());
    expect(7 * small.cpu).toBe(420);
    expect(7 * small.memGiB).toBeCloseTo(7.7, 1); // 7 × (1 + 0.098) = 7.68
    expect(big.cpu).toBe(80);
    expect(big.memGiB).toBeCloseTo(3.66, 2); //   3.56 + 0.098
    expect(big.memGiB).toBeLessThan(7 * small.memGiB);
  });
});

describe('docs/model.md#cluster-autoscaler: the node-size clusters are both full at 13 replicas', () => {
  it('one 4 vCPU / 32 GiB node and thirteen 1 vCPU / 4 GiB nodes each hold exactly 13', () => {
    expect(podsThatFit(forPods(node(4, 32).gke()), app).pods).toBe(13);
    expect(13 * podsThatFit(forPods(node(1, 4).gke()), app).pods).toBe(13);
  });
});

describe('DaemonSets and per-node limits', () => {
  const withDaemonSets: NodeSpec = {
    ...node(4, 16).gke(),
    daemonSets: [
      { name: 'kube-proxy', cpuMilli: 100, memoryBytes: 128 * MiB, hostNetwork: true },
      { name: 'fluent-bit', cpuMilli: 100, memoryBytes: 200 * MiB },
    ],
  };

  it('subtracts DaemonSet requests, pod slots and (non-host-network) pod IPs before workloads', () => {
    const b = nodeAllocatable(withDaemonSets);
    expect(b.allocatable).toEqual({
      cpuMilli: 3920,
      memoryBytes: nodeAllocatable(node(4, 16).gke()).allocatable.memoryBytes,
      pods: 110,
    });
    expect(b.daemonsets).toMatchObject({ cpuMilli: 200, memoryBytes: 328 * MiB, count: 2, pods: 2, podIPs: 1 });
    expect(b.forWorkloads.cpuMilli).toBe(3720);
    expect(b.forWorkloads.memoryBytes).toBe(b.allocatable.memoryBytes - 328 * MiB);
    expect(b.forWorkloads.pods).toBe(108);
    expect(b.forWorkloads.podIPs).toBe(253);
  });

  it('never goes below zero: the kubelet clamps allocatable at 0', () => {
    const tiny: NodeSpec = {
      ...node(1, 0.25).gke(),
      daemonSets: [{ name: 'agent', cpuMilli: 2000, memoryBytes: GiB }],
    };
    const b = nodeAllocatable(tiny);
    expect(b.allocatable.memoryBytes).toBe(0); // 256 MiB − 255 MiB reserved − 100 MiB eviction < 0
    expect(b.forWorkloads.cpuMilli).toBe(0);
    expect(podsThatFit(b.forWorkloads, app).pods).toBe(0);
  });

  it.each([
    ['pods', { ...node(64, 256, 110).none() }, { cpuMilli: 10, memoryBytes: MiB }, 110],
    ['podIPs', { ...node(64, 256, 250).none(), podIPs: podIPsForCidr(25) }, { cpuMilli: 10, memoryBytes: MiB }, 126],
    ['volumes', { ...node(2, 8).none(), attachableVolumes: 4 }, { cpuMilli: 10, memoryBytes: MiB, volumes: 1 }, 4],
  ] as const)('%s can bind before CPU and memory do', (limit, spec, pod, count) => {
    const fit = podsThatFit(forPods(spec), pod);
    expect(fit.bindingResource).toBe(limit);
    expect(fit.pods).toBe(count);
  });

  it('host-network pods need no pod IP; pods asking no CPU are not bound by CPU', () => {
    const room = { ...forPods(node(4, 16).none()), podIPs: 0 };
    expect(podsThatFit(room, { cpuMilli: 0, memoryBytes: GiB, hostNetwork: true })).toMatchObject({
      pods: 16,
      bindingResource: 'memory',
    });
    expect(podsThatFit(room, { cpuMilli: 0, memoryBytes: GiB }).byLimit.cpu).toBe(Infinity);
  });

  it('never produces NaN: an unlimited room and a pod that asks nothing', () => {
    const fit = podsThatFit(
      { cpuMilli: 1000, memoryBytes: GiB, pods: Infinity, podIPs: Infinity, volumes: Infinity },
      { cpuMilli: 0, memoryBytes: 0, hostNetwork: true },
    );
    expect(fit.pods).toBe(Infinity);
    expect(fit.stranded).toEqual({
      cpuMilli: 1000,
      memoryBytes: GiB,
      pods: Infinity,
      podIPs: Infinity,
      volumes: Infinity,
    });
  });

  it('flags reservations the kubelet would refuse and DaemonSets that cannot all run', () => {
    const eks = nodeAllocatable({ ...node(2, 8, 5000).eks() }); // 11 MiB × 5000 + 255 MiB > 8 GiB
    expect(eks.refused).toEqual([
      "kube/system reserved plus the eviction threshold exceed the node's memory; the kubelet would refuse to start",
    ]);
    const crowded = nodeAllocatable({
      ...node(2, 8, 1).gke(),
      daemonSets: [
        { name: 'a', cpuMilli: 10, memoryBytes: MiB },
        { name: 'b', cpuMilli: 10, memoryBytes: MiB },
      ],
    });
    expect(crowded.refused).toEqual([]);
    expect(crowded.warnings).toEqual([
      'the DaemonSets need more pods than is allocatable; some DaemonSet pods would stay pending',
    ]);
    // A /30 pod range has 2 IPs: a third DaemonSet on the pod network finds none (host-network ones need none).
    const agents = [
      { name: 'a', cpuMilli: 10, memoryBytes: MiB },
      { name: 'b', cpuMilli: 10, memoryBytes: MiB },
      { name: 'c', cpuMilli: 10, memoryBytes: MiB },
    ];
    expect(nodeAllocatable({ ...node(2, 8).gke(), podIPs: podIPsForCidr(30), daemonSets: agents }).warnings).toEqual([
      'the DaemonSets need more pod IPs than is allocatable; some DaemonSet pods would stay pending',
    ]);
    expect(
      nodeAllocatable({
        ...node(2, 8).gke(),
        podIPs: podIPsForCidr(30),
        daemonSets: agents.map((d, i) => (i === 0 ? { ...d, hostNetwork: true } : d)),
      }).warnings,
    ).toEqual([]);
  });

  it('reports ties in the order cpu, memory, pods, pod IPs, volumes', () => {
    const room = { cpuMilli: 1000, memoryBytes: 4 * GiB, pods: 4, podIPs: 4, volumes: 4 };
    expect(podsThatFit(room, { cpuMilli: 250, memoryBytes: GiB }).bindingResource).toBe('cpu');
  });

  it.each([
    [24, 254],
    [23, 510],
    [26, 62],
  ])('a /%i pod CIDR gives %i pod IPs', (prefix, ips) => {
    expect(podIPsForCidr(prefix)).toBe(ips);
  });

  it('rejects a pod CIDR with no usable addresses', () => {
    expect(() => podIPsForCidr(31)).toThrow('Pod CIDR /31 is not usable; expected a prefix length from /8 to /30');
  });
});
