// The package root, as `import … from 'poolsim'` sees it: a self-reference through package.json "exports" to dist/ (built by pretest).
import { describe, expect, it } from 'vitest';

describe('package root', () => {
  it('exports the engine and the capacity model from dist/index.js', async () => {
    const root = await import('poolsim');
    const sim = new root.Simulation();
    const seen: number[] = [];
    sim.every(10_000, (t: number) => seen.push(t));
    sim.run({ until: 30_000 });
    expect(seen).toEqual([0, 10_000, 20_000, 30_000]);
    const node = {
      cpuMilli: 4000,
      memoryBytes: 16 * root.GiB,
      maxPods: 110,
      podIPs: 254,
      attachableVolumes: Infinity,
      reservation: { name: 'gke' as const },
      daemonSets: [],
    };
    expect(root.nodeAllocatable(node).allocatable.cpuMilli).toBe(3920);
    expect(root.parseMemoryBytes('2Gi')).toBe(2 * root.GiB);
  });

  it("exports the HPA functions the issue names, with upstream's behaviour", async () => {
    const root = await import('poolsim');
    const pod = {
      phase: 'Running' as const,
      ready: true,
      startTime: 0,
      readyTransitionTime: 0,
      requestMilli: 1000,
      usageMilli: 900,
    };
    expect(
      root.hpaResourceReplicas({ now: 1000, currentReplicas: 2, targetUtilization: 45, pods: [pod, pod] }).replicas,
    ).toBe(4);
    expect(
      root.hpaBehaviorReplicas({
        currentReplicas: 10,
        desiredReplicas: 50,
        minReplicas: 1,
        maxReplicas: 1000,
        scaleUpEvents: [],
        scaleDownEvents: [],
      }),
    ).toEqual({ replicas: 20, condition: 'ScaleUpLimit' });
    expect(
      root.hpaStabilize({
        recommendations: [],
        currentReplicas: 5,
        desiredReplicas: 3,
        scaleUpWindowSeconds: 0,
        scaleDownWindowSeconds: 300,
      }),
    ).toEqual({ replicas: 3, recommendations: [{ replicas: 3, ageSeconds: 0 }] });
  });

  it('exports estimateNodes with the contract shape', async () => {
    const root = await import('poolsim');
    expect(
      root.estimateNodes({
        template: { cpuMilli: 1000, memoryBytes: 2000 * 2 ** 20, pods: 10 },
        podGroups: [{ cpuMilli: 350, memoryBytes: 1000, count: 10 }],
      }),
    ).toEqual({ nodeCount: 5, scheduledPods: 10 });
  });

  it('exports the autoscaler and image-pull decisions', async () => {
    const root = await import('poolsim');
    expect(root.backoff(undefined, 0, { initialMs: 300_000, maxMs: 1_800_000, resetMs: 3 * 3_600_000 }).untilMs).toBe(
      300_000,
    );
    expect(root.maxMinFairRates([['a'], ['a']], new Map([['a', 10]]))).toEqual([5, 5]);
    expect(root.planProvision(0, 60_000, 10_000)).toEqual({ registeredMs: 60_000, readyMs: 70_000 });
  });

  it('exports runFilterPlugins with the contract shape (issue 22)', async () => {
    const root = await import('poolsim');
    const node = {
      metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } },
      spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
    };
    const pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', resources: { requests: { cpu: '500m' } } }] },
    };
    const cluster = [{ node, pods: [] }];
    expect(root.runFilterPlugins({ pod, node, cluster })).toEqual({
      fits: false,
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint(s)'],
    });
    const tolerant = { ...pod, spec: { ...pod.spec, tolerations: [{ key: 'dedicated', operator: 'Exists' }] } };
    expect(root.runFilterPlugins({ pod: tolerant, node, cluster })).toEqual({
      fits: true,
      code: 'Success',
      reasons: [],
    });
    expect(root.runFilterPlugins({ pod, node, cluster, plugins: ['NodeResourcesFit'] }).fits).toBe(true);
    expect(() => root.runFilterPlugins({ pod, node, cluster, plugins: ['NodeAfinity'] })).toThrow(
      /unknown filter plugin/,
    );
  });

  it('exports supervisorTimeline with the contract shape', async () => {
    const root = await import('poolsim');
    const supervisor = {
      kind: 'supervisord' as const,
      startsecsMs: 3_000,
      startretries: 3,
      autorestart: true,
      exitcodes: [0],
    };
    expect(
      root
        .supervisorTimeline({ supervisor, crashes: [{ atMs: 1_000, exitCode: 137 }], untilMs: 10_000 })
        .map((t: { time: number; state: string }) => [t.time, t.state]),
    ).toEqual([
      [0, 'RUNNING'],
      [1_000, 'EXITED'],
      [1_000, 'STARTING'],
      [4_000, 'RUNNING'], // the third 1 s pass after the spawn: up 3 s
    ]);
  });

  it('exports the kubelet, API server and node lifecycle decisions', async () => {
    const root = await import('poolsim');
    expect(root.ticksWithin(root.steadyStreams(34)[0]!, 60_000)).toBe(6);
    expect(root.serviceRate(root.DEFAULT_API_SERVER, 'write')).toBe(8_000);
    expect(root.readyUnknownAtMs({ lastRenewMs: 0, periodMs: 5_000, phaseMs: 0, graceMs: 40_000 })).toBe(45_000);
    expect(root.computeZoneState(0, 3)).toBe('FullDisruption');
    expect(root.isClusterHealthy(4, 6, 3, 45)).toBe(false);
  });
});
