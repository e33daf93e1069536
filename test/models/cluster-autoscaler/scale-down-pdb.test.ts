// The PodDisruptionBudget rule in scale-down, as upstream splits it: a node is unneeded unless one
// of its pods' budgets allows no disruption now (drainability/rules/pdb, the budget not spent),
// and the nodes removed in one loop spend the budgets together (RemainingPdbTracker).
import { describe, expect, it } from 'vitest';
import { RemainingPdbTracker } from '../../../src/models/disruption.js';
import { nodesToRemove, unneededNodes, type Candidate } from '../../../src/models/cluster-autoscaler/scale-down.js';
import { emptyRoom } from '../../../src/models/cluster-autoscaler/placement.js';

const pod = (workload: string) => ({
  workload,
  spread: false,
  cpuMilli: 100,
  memoryBytes: 1,
  volumes: 0,
  hostPort: null,
  hostNetwork: false,
});
const node = (name: string, workload: string): Candidate => ({
  name,
  group: 'g',
  allocatable: { cpuMilli: 4000, memoryBytes: 2 ** 34 },
  requested: { cpuMilli: 100, memoryBytes: 1 },
  pods: [pod(workload)],
});
const room = () => emptyRoom({ cpuMilli: 4000, memoryBytes: 2 ** 34, pods: 110, podIPs: 110, volumes: 10 });
const budget = (allowed: number) => [
  { name: 'web', allowed, covers: (p: { workload: string }) => p.workload === 'web' },
];

describe('scale-down with PodDisruptionBudgets', () => {
  it('keeps every node unneeded while each pod may go on its own; the loop removes only what the budget allows', () => {
    const candidates = [node('a', 'web'), node('b', 'web')];
    const blocked: string[] = [];
    const tracker = new RemainingPdbTracker(budget(1));
    const unneeded = unneededNodes(candidates, [{ name: 'x', room: room() }], 0.5, {
      tracker,
      blocked: (n) => blocked.push(n),
    });
    expect(unneeded).toEqual(['a', 'b']);
    expect(blocked).toEqual([]);
    const since = new Map([
      ['a', 0],
      ['b', 0],
    ]);
    const limits = {
      unneededTimeMs: 0,
      unreadyTimeMs: 0,
      maxEmptyBulkDelete: 10,
      drainSlots: 2,
      removable: new Map([['g', 5]]),
    };
    expect(nodesToRemove(candidates, since, 1, limits, new RemainingPdbTracker(budget(1))).drain).toEqual(['a']);
    expect(nodesToRemove(candidates, since, 1, limits, new RemainingPdbTracker(budget(2))).drain).toEqual(['a', 'b']);
  });

  it('blocks a node whose pod no disruption is allowed for, and says which budget', () => {
    const blocked: Array<[string, string]> = [];
    const unneeded = unneededNodes([node('a', 'web'), node('b', 'db')], [{ name: 'x', room: room() }], 0.5, {
      tracker: new RemainingPdbTracker(budget(0)),
      blocked: (n, b) => blocked.push([n, b]),
    });
    expect(unneeded).toEqual(['b']);
    expect(blocked).toEqual([['a', 'web']]);
  });
});
