import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';

const load = (extra = '', pool = 'instanceType: e2-standard-4'): Scenario => {
  const r = loadScenarioText(
    's.yaml',
    `name: t
duration: 1h
${extra}
workloads:
  app: { requests: { cpu: 100m, memory: 128Mi } }
designs:
  d:
    pools:
      main: { ${pool} }
`,
  );
  expect(r.problems).toEqual([]);
  return r.scenario!;
};
const pool = (s: Scenario) => s.designs[0]!.pools[0]!;

describe('version-dependent defaults (docs/model.md#version-dependent-defaults)', () => {
  it.each([
    ['1.26', 5, 10, 40_000, 'random'],
    ['1.27', 50, 100, 40_000, 'random'],
    ['1.32', 50, 100, 50_000, 'random'],
    ['1.33', 50, 100, 50_000, 'least-waste'],
  ])(
    'Kubernetes %s: kubelet %i/%i QPS, node monitor grace %i ms, expander %s',
    (version, qps, burst, grace, expander) => {
      const s = load(`kubernetesVersion: "${version}"`);
      expect(pool(s).kubelet).toMatchObject({ apiQPS: qps, apiBurst: burst });
      expect(s.nodeLifecycle.nodeMonitorGracePeriodMs).toBe(grace);
      expect(s.designs[0]!.autoscaler.expander).toBe(expander);
    },
  );

  it('AKS types reserve with the pre-1.29 formula before 1.29', () => {
    expect(pool(load('kubernetesVersion: "1.28"', 'instanceType: Standard_D4s_v5')).node.reservation).toEqual({
      name: 'aks-legacy',
    });
    expect(pool(load('kubernetesVersion: "1.29"', 'instanceType: Standard_D4s_v5')).node.reservation).toEqual({
      name: 'aks',
    });
  });
});

describe('defaults for what a scenario leaves out', () => {
  const s = load();
  it('fill the scenario, the workload and the pool', () => {
    expect(s).toMatchObject({ seed: 1, sampleIntervalMs: 10_000, kubernetesVersion: { major: 1, minor: 34 } });
    expect(s.workloads[0]).toMatchObject({
      kind: 'Deployment',
      replicas: 1,
      terminationGracePeriodMs: 30_000,
      hpa: null,
      load: null,
    });
    expect(pool(s)).toMatchObject({ min: 0, initial: 0, max: 0, pricePerHour: 0.13402, instanceType: 'e2-standard-4' });
    expect(pool(s).node).toMatchObject({
      cpuMilli: 4000,
      maxPods: 110,
      podIPs: 254,
      attachableVolumes: 127,
      reservation: { name: 'gke' },
    });
    expect(pool(s).supervisor).toMatchObject({ kind: 'systemd', restart: 'always', restartSecMs: 10_000 });
  });

  it('follow the provider: EKS pulls images in parallel and runs the AL2023 kubelet unit', () => {
    const eks = pool(load('', 'instanceType: m5.large'));
    expect(eks.imagePull).toMatchObject({ serialize: false, maxParallel: Infinity });
    expect(eks.supervisor).toMatchObject({ kind: 'systemd', restart: 'on-failure', restartSecMs: 5_000 });
    expect(eks.node.reservation).toEqual({ name: 'eks' });
  });

  it("merge a design's pool over `defaults`, and a design's autoscaler over the scenario's", () => {
    const r = loadScenarioText(
      's.yaml',
      `name: t
duration: 1h
workloads: {}
defaults: { instanceType: e2-standard-4, max: 5, imagePull: { bandwidth: 50M/s, peerToPeer: true } }
autoscaler: { scanInterval: 20s, expander: most-pods }
designs:
  d:
    autoscaler: { expander: price }
    pools:
      main: { max: 9, imagePull: { bandwidth: 200M/s } }
`,
    );
    expect(r.problems).toEqual([]);
    const d = r.scenario!.designs[0]!;
    expect(d.pools[0]).toMatchObject({
      max: 9,
      instanceType: 'e2-standard-4',
      imagePull: { nodeBandwidth: 200_000_000, peerToPeer: true },
    });
    expect(d.autoscaler).toMatchObject({ scanIntervalMs: 20_000, expander: 'price' });
  });

  it("turn an HPA without metrics into upstream's 80% CPU target, and replicas into its minimum", () => {
    const r = loadScenarioText(
      's.yaml',
      `name: t
duration: 1h
workloads:
  app: { requests: { cpu: 100m, memory: 128Mi }, hpa: { minReplicas: 4, maxReplicas: 10 } }
designs: { d: { pools: { main: { instanceType: e2-standard-4 } } } }
`,
    );
    expect(r.scenario!.workloads[0]).toMatchObject({
      replicas: 4,
      hpa: {
        tolerance: 0.1,
        behavior: null,
        metrics: [{ resource: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } }],
      },
    });
  });
});
