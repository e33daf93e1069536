import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { LoadMeter } from '../../src/simulate/load-meter.js';
import { summarize } from '../../src/report/summary.js';
import { runDesign } from '../../src/simulate/design-run.js';
import { nodeAllocatable } from '../../src/models/allocatable.js';

const workload = (profile: string) =>
  loadScenarioText(
    'm.yaml',
    `name: m
duration: 1h
start: cold
workloads: { api: { requests: { cpu: 500m, memory: 128Mi } } }
load: { api: { cpuPerRequest: 1m, baseCpu: 100m, profile: ${profile} } }
designs: { d: { pools: { main: { instanceType: e2-standard-4, initial: 1 } } } }
`,
  ).scenario!;

describe('LoadMeter', () => {
  it('serves (request − base) / cpuPerRequest a ready pod, and counts the rest as unserved', () => {
    const w = workload('{ constant: 1000 }').workloads[0]!;
    const m = new LoadMeter(w);
    expect(m.servedPerPod).toBe(400); // (500m − 100m) / 1m
    m.advance(0, 2);
    m.advance(60_000, 0); // a minute with two pods: 1000 − 800 = 200 rps unserved
    expect(m.offered).toBeCloseTo(60_000, 6);
    expect(m.unserved).toBeCloseTo(12_000, 6);
  });

  it('counts a spike shorter than the sample interval', () => {
    const s = workload('[{ constant: 100 }, { spike: { at: 61s, duration: 8s, rps: 100000 } }]');
    const run = runDesign(s, s.designs[0]!);
    const summary = summarize(s, s.designs[0]!, run);
    // Until the one pod is ready, its 100 rps go unserved. Alone on its node with no limit, it may
    // use all the CPU the DaemonSets leave (none here: an e2-standard-4's 3,920m allocatable): it
    // serves (3,920m − 100m) / 1m = 3,820 rps, and the spike leaves (100,100 − 3,820) × 8 s unserved.
    const node = nodeAllocatable(s.designs[0]!.pools[0]!.node).forWorkloads.cpuMilli;
    expect(node).toBe(3920);
    const beforeReady = (100 * run.pods[0]!.readyMs!) / 1000;
    expect(summary.load.unservedRequests).toBeCloseTo(beforeReady + (100_100 - (node - 100)) * 8, 0);
    expect(summary.load.unservedFraction).toBeCloseTo(
      (beforeReady + (100_100 - (node - 100)) * 8) / (100 * 3600 + 100_000 * 8),
      6,
    );
  });
});

describe('LoadMeter integration', () => {
  const spaced = (profile: string) => {
    const w = workload(profile).workloads[0]!;
    const once = new LoadMeter(w);
    once.advance(0, 1);
    once.advance(20_000, 1);
    const often = new LoadMeter(w);
    often.advance(0, 1);
    for (let t = 333; t <= 20_000; t += 333) often.advance(t, 1);
    often.advance(20_000, 1);
    return { once, often };
  };

  it('is exact for steps and spikes however its updates are spaced (breakpoints split the steps)', () => {
    const { once, often } = spaced(
      '[{ constant: 100 }, { spike: { at: 1500ms, duration: 2300ms, rps: 1000 } }, { step: { at: 9s, rps: 500 } }]',
    );
    // One pod serves 400 rps: unserved 700 × 2.3 s in the spike, 200 × 11 s after the step.
    for (const m of [once, often]) {
      expect(m.offered).toBeCloseTo(100 * 20 + 1000 * 2.3 + 500 * 11, 6);
      expect(m.unserved).toBeCloseTo(700 * 2.3 + 200 * 11, 6);
    }
  });

  it("integrates a ramp exactly, apart from the kink where it crosses the pods' capacity", () => {
    const { once, often } = spaced('[{ constant: 100 }, { ramp: { start: 7s, end: 9s, to: 500 } }]');
    for (const m of [once, often]) expect(m.offered).toBeCloseTo(100 * 20 + 500 + 500 * 11, 6);
    // Exact: 80 in the ramp (from 8.2 s) + 200 × 11 s after it; the kink costs at most a few requests.
    expect(Math.abs(once.unserved - 2280)).toBeLessThan(10);
    expect(Math.abs(often.unserved - 2280)).toBeLessThan(10);
  });
});
