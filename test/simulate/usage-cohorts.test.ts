// Cohorts of settled pods are a way of computing, not a model: every bundled scenario (OOM kills
// and evictions under memory pressure, rollouts, Karpenter, zones) and a run where a cohort's
// members and a newer pod of their template tie in the eviction ranking give the same timeline,
// events, pool and API rows and summary with cohorts as with every pod sampled on its own.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/report/summary.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runDesign } from '../../src/simulate/design-run.js';

// The members and the newer pods of `api` tie when the node runs short of memory at 10 min.
const EVICTION_TIE = `
name: eviction-tie
duration: 40m
seed: 1
workloads:
  api:
    replicas: 4
    requests: { cpu: 100m, memory: 1Gi }
    image: { name: registry.example.com/api:1, size: 50M }
    readinessDelay: 90s
    scale: [{ at: 10m, replicas: 11 }]
load:
  api: { cpuPerRequest: 1m, baseCpu: 20m, baseMemory: 1536Mi, profile: [{ constant: 100 }] }
defaults:
  reservation: gke
  provisioning: { constant: 60s }
designs:
  one:
    pools:
      main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 1 }
`;

function whole(scenario: Scenario, cohorts: boolean): { text: string; members: number } {
  let members = 0;
  const parts = scenario.designs.map((design) => {
    const run = runDesign(scenario, design, { usageCohorts: cohorts });
    members += run.pods.filter((p) => p.cohort !== null).length;
    const { timeline, apiTimeline, poolTimeline, events } = run;
    return JSON.stringify({ timeline, apiTimeline, poolTimeline, events, summary: summarize(scenario, design, run) });
  });
  return { text: parts.join('\n'), members };
}

const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && f !== 'fleet-5k.yaml');

describe('usage cohorts change no output', () => {
  it.each(bundled)('%s', (file) => {
    const scenario = loadScenario(`scenarios/${file}`).scenario!;
    const withCohorts = whole(scenario, true);
    expect(withCohorts.text).toBe(whole(scenario, false).text);
  });

  it('when members and a newer pod tie for eviction', () => {
    const scenario = loadScenarioText('eviction-tie.yaml', EVICTION_TIE).scenario!;
    const withCohorts = whole(scenario, true);
    expect(withCohorts.members).toBeGreaterThan(0);
    expect(withCohorts.text).toContain('Evicted');
    expect(withCohorts.text).toBe(whole(scenario, false).text);
  });
});
