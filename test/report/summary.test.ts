import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../src/report/summary.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

describe('percentile (nearest rank)', () => {
  it.each([[[1, 2, 3, 4], 0.5, 2], [[1, 2, 3, 4], 0.95, 4], [[7], 0.5, 7], [[], 0.5, null]] as const)('%j at %f → %j', (xs, p, v) => {
    expect(percentile(xs, p)).toBe(v);
  });
});

describe('summary.json of node-size.yaml with fixed pools', () => {
  const scenario = loadScenario('scenarios/node-size.yaml').scenario!;
  const summary = (name: string) => {
    const design = scenario.designs.find((d) => d.name === name)!;
    return summarize(scenario, design, runDesign(scenario, design));
  };

  it('has the contract keys, and the figures of the run', () => {
    const s = summary('big');
    expect(Object.keys(s)).toEqual(['scenario', 'design', 'seed', 'simulatedSeconds', 'events', 'simulationEvents', 'nodes', 'pods', 'load', 'capacity', 'cost']);
    expect(s).toMatchObject({ scenario: 'node-size', design: 'big', seed: 1, simulatedSeconds: 3600, nodes: { initial: 1, peak: 1, final: 1, provisioned: 0 } });
    expect(s.pods.peakPending).toBe(4);
    // Two pods pending from 5 min to the end, two more from 30 min: 2 × 3300 + 2 × 1800 s.
    expect(s.pods.pendingPodSeconds).toBe(2 * 3300 + 2 * 1800);
    // One node for an hour at $0.2125.
    expect(s.cost.total).toBeCloseTo(0.2125, 9);
    // The 13 that ran: pull 1 GB at 125 MB/s (8 s) + start 2 s + ready 5 s = 15 s; no load here.
    expect(s.pods.startupSeconds).toEqual({ p50: 15, p95: 15, max: 15 });
    expect(s.load).toEqual({ unservedRequests: 0, unservedFraction: 0 });
  });

  it('shows the small nodes holding back more of their capacity than the big one (DOMAIN.md §1)', () => {
    expect(summary('small').capacity.reservedFraction).toBeGreaterThan(summary('big').capacity.reservedFraction);
  });
});
