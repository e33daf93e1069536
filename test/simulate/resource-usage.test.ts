import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { runDesign, type DesignRunResult } from '../../src/simulate/design-run.js';
import { storePoint } from '../../src/simulate/metrics-server.js';
import { newPod, type Pod } from '../../src/simulate/pod.js';

const load = (text: string) => {
  const r = loadScenarioText('u.yaml', text);
  if (r.scenario === null) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
};
const run = (text: string, design = 0): DesignRunResult => {
  const s = load(text);
  return runDesign(s, s.designs[design]!);
};
const eventsOf = (r: DesignRunResult, reason: string) => r.events.filter((e) => e.reason === reason);

// A node of `cpu` cores with nothing held back (no reservation, no eviction threshold), so that
// its allocatable is its capacity and the numbers below are round.
const node = (cpu: number, memory = '16Gi') =>
  `{ instanceType: { cpu: ${cpu}, memory: ${memory} }, reservation: { custom: { evictionHard: 0 } }, initial: 1, max: 1 }`;

describe('CPU beyond requests (CFS shares)', () => {
  // Two workloads of one 500m pod each, limit 2 CPU; "busy" wants 100m + 3 rps × 1000m = 3.1 cores,
  // "idle" wants 300m (its base).
  const twoPods = (cpu: number) => `name: burst
duration: 2m
workloads:
  busy: { replicas: 1, requests: { cpu: 500m, memory: 128Mi }, limits: { cpu: 2 } }
  idle: { replicas: 1, requests: { cpu: 500m, memory: 128Mi }, limits: { cpu: 2 } }
load:
  busy: { cpuPerRequest: 1000m, baseCpu: 100m, profile: { constant: 3 } }
  idle: { cpuPerRequest: 1000m, baseCpu: 300m, profile: { constant: 0 } }
designs:
  d: { pools: { main: ${node(cpu)} } }
`;
  const usedCores = (r: DesignRunResult, workload: string) =>
    r.timeline.filter((row) => row.workload === workload).at(-1)!.cpu_used_cores;

  it('on a 4-CPU node the busy pod runs up to its 2-CPU limit, and the rest of its demand is throttled', () => {
    const r = run(twoPods(4));
    expect(usedCores(r, 'busy')).toBe(2);
    expect(usedCores(r, 'idle')).toBe(0.3);
    // 3.1 cores wanted, 2 allowed: 1.1 cores held back by the limit for as long as it ran.
    expect(r.usage.throttledCoreSeconds).toBeGreaterThan(1.1 * 60);
    expect(r.usage.burstCoreSeconds).toBeGreaterThan(1.5 * 60); // 2 cores used on a 500m request
  });

  it('on a 1-CPU node it gets what the idle pod leaves: 1000m − 300m = 700m', () => {
    const r = run(twoPods(1));
    expect(usedCores(r, 'busy')).toBe(0.7);
    expect(usedCores(r, 'idle')).toBe(0.3);
    expect(r.usage.throttledCoreSeconds).toBe(0); // contended, not held by its limit
  });

  it("the HPA's utilization passes 100% when a pod uses CPU beyond its request", () => {
    const text = twoPods(4).replace(
      'limits: { cpu: 2 } }\n  idle',
      'limits: { cpu: 2 }, hpa: { maxReplicas: 10, metrics: [{ resource: cpu, targetUtilization: 100 }] } }\n  idle',
    );
    const rescale = eventsOf(run(text.replace('duration: 2m', 'duration: 5m')), 'SuccessfulRescale')[0]!;
    // 2,000m over a 500m request: 400%, four times the target → 4 replicas.
    expect(rescale.message).toContain('New size: 4');
    expect(rescale.message).toContain('400% against a target of 100%');
  });
});

describe('a spike served by spare CPU on a big node, dropped on a small one', () => {
  // One pod, request 1 CPU, no limit, 2m a request and 100m base: alone on its node it may use the
  // whole node. Steady 200 rps need 100m + 400m = 500m. A 2-minute spike to 1,500 rps needs
  // 100m + 3,000m = 3.1 cores:
  //   big (4 CPUs): 3.1 ≤ 4 → all served;
  //   small (2 CPUs): at most (2,000m − 100m) / 2m = 950 rps → 550 rps unserved × 120 s = 66,000.
  // The ceilings come from the usage sample before the spike, when the pod used 500m: its
  // ceiling is its allocation plus the node's spare, i.e. the whole node.
  const text = `name: spike
duration: 10m
workloads:
  web: { replicas: 1, requests: { cpu: 1, memory: 256Mi } }
load:
  web: { cpuPerRequest: 2m, baseCpu: 100m, profile: [{ constant: 200 }, { spike: { at: 5m, duration: 2m, rps: 1300 } }] }
designs:
  big: { pools: { main: ${node(4)} } }
  small: { pools: { main: ${node(2)} } }
`;

  it('big serves it all; small leaves (1,500 − 950) rps × 120 s unserved', () => {
    expect(run(text, 0).load.unserved).toBeCloseTo(0, 6);
    expect(run(text, 1).load.unserved).toBeCloseTo(550 * 120, 0);
  });
});

describe('OOM kills and CrashLoopBackOff', () => {
  // 100 rps on one pod: 64Mi + 100 × 2Mi = 264Mi, past its 256Mi limit as soon as it is Ready and
  // serving. Container start and readiness take no time, so each restart is OOMKilled at the
  // next usage sample (every 15 s).
  const text = (profile: string, duration = '1h') => `name: oom
duration: ${duration}
workloads:
  api: { replicas: 1, requests: { cpu: 1, memory: 128Mi }, limits: { memory: 256Mi }, containerStart: 0s }
load:
  api: { cpuPerRequest: 1m, baseMemory: 64Mi, memoryPerRps: 2Mi, profile: ${profile} }
designs:
  d: { pools: { main: ${node(4)} } }
`;
  const waits = (r: DesignRunResult) =>
    eventsOf(r, 'OOMKilled').map((e) => Number(/restart in (\d+(\.\d+)?) s/.exec(e.message)![1]));

  it('restarts after 0, 10, 20, 40 … 300 s, as the kubelet backs off', () => {
    const r = run(text('{ constant: 100 }'));
    expect(waits(r).slice(0, 9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(r.usage.oomKills).toBe(eventsOf(r, 'OOMKilled').length);
    // Each restart comes exactly its wait after the kill.
    const kills = eventsOf(r, 'OOMKilled');
    const restarts = r.events.filter((e) => e.reason === 'Started' && e.message.startsWith('Restarted'));
    restarts.slice(0, 8).forEach((e, i) => expect(e.timeMs - kills[i]!.timeMs).toBe(waits(r)[i]! * 1000));
  });

  it('metrics-server keeps what a killed container used up to its kill: an HPA on memory scales out', () => {
    // 264Mi of a 128Mi request: 206%, against a 100% target → ceil(1 × 2.06) = 3 pods, which share
    // the 100 rps (64Mi + 33 × 2Mi = 131Mi each) and stay under the limit.
    const r = run(
      text('{ constant: 100 }', '10m').replace(
        'containerStart: 0s }',
        'containerStart: 0s, hpa: { maxReplicas: 5, metrics: [{ resource: memory, targetUtilization: 100 }] } }',
      ),
    );
    const rescale = eventsOf(r, 'SuccessfulRescale')[0]!;
    expect(rescale.message).toMatch(/^New size: 3; reason: memory resource utilization \(percentage of request\) 206%/);
    const last = eventsOf(r, 'OOMKilled').at(-1)!;
    expect(last.timeMs).toBeLessThan(rescale.timeMs + 60_000);
  });

  it('is not Ready in between: its load goes unserved', () => {
    const r = run(text('{ constant: 100 }', '30m'));
    // Ready for at most one 15 s sample after each restart; down the rest of the time.
    expect(r.load.unserved / r.load.offered).toBeGreaterThan(0.8);
  });

  it('resets the backoff after 10 minutes running', () => {
    // Three bursts of 100 rps a minute long, 20 minutes apart; 10 rps (84Mi) in between is fine.
    const profile = `[{ constant: 10 }, ${[5, 25, 45].map((m) => `{ spike: { at: ${m}m, duration: 1m, rps: 90 } }`).join(', ')}]`;
    const w = waits(run(text(profile, '55m')));
    // Each burst: killed at once (the backoff was reset), then 10 s, 20 s … while it lasts.
    const bursts = w.reduce<number[][]>((acc, x) => (x === 0 ? [...acc, [x]] : (acc.at(-1)!.push(x), acc)), []);
    expect(bursts).toHaveLength(3);
    for (const b of bursts) expect(b.slice(0, 3)).toEqual([0, 10, 20]);
  });
});

describe('HPA on memory', () => {
  it('scales a workload whose working set grows with its load', () => {
    // 2 pods, request 512Mi: 256Mi + 2Mi per rps. At 400 rps, 200 rps a pod: 656Mi, 128% of the
    // request against a 80% target → ceil(2 × 1.28 / 0.8) = 4 pods.
    const r = run(`name: hpa-memory
duration: 10m
workloads:
  api:
    replicas: 2
    requests: { cpu: 1, memory: 512Mi }
    hpa: { minReplicas: 2, maxReplicas: 10, metrics: [{ resource: memory, targetUtilization: 80 }] }
load:
  api: { cpuPerRequest: 1m, baseMemory: 256Mi, memoryPerRps: 2Mi, profile: { constant: 400 } }
designs:
  d: { pools: { main: { instanceType: e2-standard-8, initial: 2 } } }
`);
    const first = eventsOf(r, 'SuccessfulRescale')[0]!;
    expect(first.message).toContain('New size: 4');
    expect(first.message).toContain('memory resource utilization (percentage of request) 128%');
  });

  it('with several metrics, the largest proposal wins', () => {
    // CPU: 400 rps × 1m over 2 pods = 200m of 1 CPU, 20% of a 50% target → 1 pod; memory asks 4.
    const r = run(`name: hpa-both
duration: 10m
workloads:
  api:
    replicas: 2
    requests: { cpu: 1, memory: 512Mi }
    hpa:
      minReplicas: 1
      maxReplicas: 10
      metrics: [{ resource: cpu, targetUtilization: 50 }, { resource: memory, targetAverageValue: 410Mi }]
load:
  api: { cpuPerRequest: 1m, baseMemory: 256Mi, memoryPerRps: 2Mi, profile: { constant: 400 } }
designs:
  d: { pools: { main: { instanceType: e2-standard-8, initial: 2 } } }
`);
    // memory: 656Mi a pod against 410Mi → ceil(2 × 656 / 410) = 4.
    expect(eventsOf(r, 'SuccessfulRescale')[0]!.message).toMatch(/^New size: 4; reason: memory resource/);
  });
});

describe('node-pressure eviction', () => {
  // Four pods of 1Gi request, no memory limit, each growing by a leak of 1Gi an hour from 1.5Gi,
  // on a node of 8Gi allocatable (16Gi, less what `gke` holds back): the node passes its
  // allocatable, and the kubelet evicts the pod furthest over its request first.
  const text = `name: pressure
duration: 2h
workloads:
  cache: { replicas: 4, requests: { cpu: 100m, memory: 1Gi } }
load:
  cache: { baseMemory: 1536Mi, leak: 1Gi }
designs:
  d: { pools: { main: { instanceType: { cpu: 4, memory: 8Gi }, reservation: { custom: { evictionHard: 100Mi } }, initial: 1, max: 1 } } }
`;

  it('evicts one pod a pass once the working sets pass allocatable; the replacement goes Pending', () => {
    const r = run(text);
    const evicted = eventsOf(r, 'Evicted');
    expect(evicted.length).toBeGreaterThan(0);
    expect(r.usage.evictions).toBe(evicted.length);
    expect(evicted[0]!.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi/);
    // 4 × (1.5Gi + leak) passes 8Gi − 100Mi once the leak passes ~0.5Gi: about half an hour in.
    expect(evicted[0]!.timeMs).toBeGreaterThan(25 * 60_000);
    expect(evicted[0]!.timeMs).toBeLessThan(35 * 60_000);
    expect(eventsOf(r, 'NodeHasInsufficientMemory').length).toBeGreaterThan(0);
    // The replacement cannot land on the tainted node: it waits Pending for the taint's 5 minutes at least.
    const replacement = r.pods.find((p) => p.createdMs === evicted[0]!.timeMs)!;
    expect(replacement.phase === 'Pending' || replacement.scheduledMs! - evicted[0]!.timeMs >= 5 * 60_000).toBe(true);
  });
});

describe('the kubelet evicts in rankMemoryPressure order', () => {
  it('the pod furthest over its memory request goes first, then no more once the node has room', () => {
    // On 6Gi allocatable (6Gi + 100Mi capacity, the threshold held back): "lean" uses 2Gi of a
    // 2Gi request, "heavy" 3.5Gi of a 1Gi request, 5.5Gi together, then "heavy" leaks 1Gi an hour
    // and passes 6Gi at 30 min. It alone is over its request: it goes, and its replacement lands on
    // the node only when the MemoryPressure taint comes off, 5 minutes after the last pressure.
    const r = run(`name: rank
duration: 1h
workloads:
  lean: { replicas: 1, requests: { cpu: 100m, memory: 2Gi } }
  heavy: { replicas: 1, requests: { cpu: 100m, memory: 1Gi } }
load:
  lean: { baseMemory: 2Gi }
  heavy: { baseMemory: 3584Mi, leak: 1Gi }
designs:
  d: { pools: { main: { instanceType: { cpu: 4, memory: 6244Mi }, reservation: { custom: { evictionHard: 100Mi } }, initial: 1, max: 1 } } }
`);
    const evicted = eventsOf(r, 'Evicted');
    expect(evicted.map((e) => e.name.split('-')[0])).toEqual(['heavy']);
    expect(evicted[0]!.timeMs).toBeGreaterThan(29 * 60_000);
    expect(evicted[0]!.timeMs).toBeLessThan(31 * 60_000);
    const replacement = r.pods.find((p) => p.workload === 'heavy' && p.createdMs === evicted[0]!.timeMs)!;
    expect(replacement.scheduledMs! - evicted[0]!.timeMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(eventsOf(r, 'NodeHasSufficientMemory')).toHaveLength(1);
  });
});

describe("metrics-server's points (pkg/storage/pod.go)", () => {
  const pod = (over: Partial<Pod>): Pod =>
    Object.assign(
      newPod(
        1,
        load(`name: m
duration: 1m
workloads: { a: { requests: { cpu: 1, memory: 1Gi } } }
designs: { d: { pools: { main: { instanceType: e2-standard-4 } } } }
`).workloads[0]!,
        0,
      ),
      { phase: 'Running' as const, cpuUsedMilli: 900, workingSetBytes: 5 },
      over,
    );
  const NOW = 600_000;

  it.each<[string, Partial<Pod>, number | null, number]>([
    // 15 s since its last point, 9,000,000 m·ms more on its counter: 600m, whatever it uses now.
    [
      'the rate since its last point',
      { containerStartedMs: 0, pointMs: NOW - 15_000, pointCumulative: 1e6, cpuCumulative: 1e7 },
      600,
      15_000,
    ],
    ['a fresh container, started 12 s ago: since its start', { containerStartedMs: NOW - 12_000 }, 900, 12_000],
    ['a container started 5 s ago: a first point, no metric', { containerStartedMs: NOW - 5_000 }, null, 0],
    [
      'restarted since its last point, 30 s ago: a first point again',
      { containerStartedMs: NOW - 30_000, pointMs: NOW - 45_000 },
      null,
      0,
    ],
    [
      'a steady pod seen for the first time: its points were taken before the run',
      { containerStartedMs: 0, steady: true },
      900,
      15_000,
    ],
    [
      'killed at this sample: its counter still reads',
      { containerStartedMs: undefined, pointMs: NOW - 15_000, pointCumulative: 0, cpuCumulative: 3e6 },
      200,
      15_000,
    ],
  ])('%s', (_name, over, cpu, window) => {
    const p = pod(over);
    storePoint(p, NOW);
    expect(p.pointMs).toBe(NOW);
    if (cpu === null) return void expect(p.metricMs).toBe(-1);
    expect([p.metricMs, p.metricCpuMilli, p.metricWindowMs]).toEqual([NOW, cpu, window]);
  });
});

describe('deletions by the controller and by the kubelet', () => {
  it('a pod of 0 s grace deleted by its controller is logged as such; an evicted one only as Evicted', () => {
    const r = run(`name: grace
duration: 3m
workloads:
  app: { replicas: 2, requests: { cpu: 100m, memory: 128Mi }, terminationGracePeriod: 0s, scale: [{ at: 1m, replicas: 1 }] }
designs:
  d: { pools: { main: ${node(4)} } }
`);
    expect(eventsOf(r, 'SuccessfulDelete').map((e) => e.timeMs)).toEqual([60_000]);
    expect(eventsOf(r, 'Evicted')).toEqual([]);
  });
});
