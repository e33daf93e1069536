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
    const node = { cpuMilli: 4000, memoryBytes: 16 * root.GiB, maxPods: 110, podIPs: 254, attachableVolumes: Infinity, reservation: { name: 'gke' as const }, daemonSets: [] };
    expect(root.nodeAllocatable(node).allocatable.cpuMilli).toBe(3920);
    expect(root.parseMemoryBytes('2Gi')).toBe(2 * root.GiB);
  });
});
