import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { LoadMeter } from '../../src/simulate/load-meter.js';
import { summarize } from '../../src/report/summary.js';
import { runDesign } from '../../src/simulate/design-run.js';

const workload = (profile: string) => loadScenarioText('m.yaml', `name: m
duration: 1h
workloads: { api: { requests: { cpu: 500m, memory: 128Mi } } }
load: { api: { cpuPerRequest: 1m, baseCpu: 100m, profile: ${profile} } }
designs: { d: { pools: { main: { instanceType: e2-standard-4, initial: 1 } } } }
`).scenario!;

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
    // Until the one pod is ready, its 100 rps go unserved; then it serves 400 rps, and the spike
    // leaves (100,100 − 400) × 8 s unserved.
    const beforeReady = (100 * run.pods[0]!.readyMs!) / 1000;
    expect(summary.load.unservedRequests).toBeCloseTo(beforeReady + (100_100 - 400) * 8, 0);
    expect(summary.load.unservedFraction).toBeCloseTo((beforeReady + (100_100 - 400) * 8) / (100 * 3600 + 100_000 * 8), 6);
  });
});
