import { describe, expect, it } from 'vitest';
import {
  leastRequestedScore,
  mostRequestedScore,
  numFeasibleNodesToFind,
  resourceAllocationScore,
} from '../../../src/models/scheduler/score.js';

// Rows of upstream's least_allocated_test.go / most_allocated_test.go, arithmetic as they write it.
describe('LeastAllocated (least_allocated_test.go)', () => {
  it.each([
    // nothing scheduled, nothing requested: every node scores MaxNodeScore
    [{ cpuMilli: 0, memoryBytes: 0 }, { cpuMilli: 4000, memoryBytes: 10000 }, 100],
    // differently sized nodes, pod 3000m / 5000:
    // CPU ((4000 - 3000) * 100) / 4000 = 25; memory ((10000 - 5000) * 100) / 10000 = 50; (25 + 50) / 2 = 37
    [{ cpuMilli: 3000, memoryBytes: 5000 }, { cpuMilli: 4000, memoryBytes: 10000 }, 37],
    // CPU ((6000 - 3000) * 100) / 6000 = 50; memory 50; (50 + 50) / 2 = 50
    [{ cpuMilli: 3000, memoryBytes: 5000 }, { cpuMilli: 6000, memoryBytes: 10000 }, 50],
    // pods scheduled with resources: CPU ((10000 - 6000) * 100) / 10000 = 40; memory ((20000 - 5000) * 100) / 20000 = 75; (40 + 75) / 2 = 57
    [{ cpuMilli: 6000, memoryBytes: 5000 }, { cpuMilli: 10000, memoryBytes: 20000 }, 57],
    // requested beyond capacity scores 0 for that resource: (0 + 50) / 2 = 25
    [{ cpuMilli: 5000, memoryBytes: 5000 }, { cpuMilli: 4000, memoryBytes: 10000 }, 25],
  ])('requested %o on %o scores %i', (requested, allocatable, score) => {
    expect(resourceAllocationScore('LeastAllocated', requested, allocatable)).toBe(score);
  });

  it('scores 0 on a resource the node has none of', () => {
    expect(leastRequestedScore(0, 0)).toBe(0);
  });
});

describe('MostAllocated (most_allocated_test.go)', () => {
  it.each([
    // CPU (1000 * 100) / 4000 = 25; memory (2000 * 100) / 10000 = 20; (25 + 20) / 2 = 22
    [{ cpuMilli: 1000, memoryBytes: 2000 }, { cpuMilli: 4000, memoryBytes: 10000 }, 22],
    // CPU (1000 * 100) / 6000 = 16; memory (2000 * 100) / 10000 = 20; (16 + 20) / 2 = 18
    [{ cpuMilli: 1000, memoryBytes: 2000 }, { cpuMilli: 6000, memoryBytes: 10000 }, 18],
  ])('requested %o on %o scores %i', (requested, allocatable, score) => {
    expect(resourceAllocationScore('MostAllocated', requested, allocatable)).toBe(score);
  });

  it('counts an overcommitted resource as full, not as empty', () => {
    expect(mostRequestedScore(5000, 4000)).toBe(100);
    expect(mostRequestedScore(1, 0)).toBe(0);
  });
});

// TestNumFeasibleNodesToFind, schedule_one_test.go.
describe('numFeasibleNodesToFind', () => {
  it.each([
    [10, 0, 10], //    under 100 nodes: all of them
    [10, 40, 10],
    [1000, 0, 420], // 50% − 1000/125 = 42%
    [1000, 40, 400],
    [6000, 0, 300], // 50% − 48 = 2%, raised to the 5% floor
    [6000, 40, 2400],
    [150, 0, 100], //  49% of 150 = 73, raised to 100
  ])('%i nodes at %i%% → %i', (nodes, percentage, expected) => {
    expect(numFeasibleNodesToFind(nodes, percentage)).toBe(expected);
  });
});
