import { describe, expect, it } from 'vitest';
import { applyVariant, checkPath, documentPath, mergeVary, parseVary, variants } from '../../src/sweep/plan.js';
import { paretoFront } from '../../src/sweep/pareto.js';
import { combineShards, parseShard, shardRange, type ShardFile, type SweepPlan } from '../../src/sweep/shard.js';

describe('sweep plans', () => {
  it('read --vary values as YAML scalars', () => {
    expect(parseVary('pools.main.instanceType=e2-standard-2, e2-standard-4')).toEqual({
      path: 'pools.main.instanceType',
      values: ['e2-standard-2', 'e2-standard-4'],
    });
    expect(parseVary('pools.main.max=10,20').values).toEqual([10, 20]);
    expect(parseVary('workloads.app.spread=true,false').values).toEqual([true, false]);
  });

  it.each(['max', '=1,2', 'pools..max=1', 'pools.main.max=1,,2'])('rejects %j', (text) => {
    expect(() => parseVary(text)).toThrow(RangeError);
  });

  it('make the cross product, the first path varying slowest, with names that sort', () => {
    const list = variants([
      { path: 'a', values: [1, 2] },
      { path: 'b', values: ['x', 'y', 'z', 'w', 'v'] },
    ]);
    expect(list).toHaveLength(10);
    expect(list[0]).toEqual({ name: 'v01', values: [1, 'x'] });
    expect(list[9]).toEqual({ name: 'v10', values: [2, 'v'] });
  });

  it("let the flags override the scenario's block path by path", () => {
    expect(
      mergeVary(
        [
          { path: 'a', values: [1] },
          { path: 'b', values: [2] },
        ],
        [{ path: 'b', values: [3] }],
      ),
    ).toEqual([
      { path: 'a', values: [1] },
      { path: 'b', values: [3] },
    ]);
  });

  it('put design paths into the swept design and others into the scenario', () => {
    expect(documentPath('pools.main.max', 'big')).toEqual(['designs', 'big', 'pools', 'main', 'max']);
    expect(documentPath('autoscaler.expander', 'big')).toEqual(['designs', 'big', 'autoscaler', 'expander']);
    expect(documentPath('workloads.app.replicas', 'big')).toEqual(['workloads', 'app', 'replicas']);
  });

  it('explain a path that is not in the document, with a suggestion', () => {
    const raw = { workloads: { app: { replicas: 1 } }, designs: { big: { pools: { main: { max: 4 } } } } };
    expect(checkPath(raw, 'pools.main.min', 'big')).toBeNull(); // a new optional field
    expect(checkPath(raw, 'pools.mian.max', 'big')).toMatch(
      /^designs\.big\.pools has no mian \(did you mean main\?\) \(it has main\)/,
    );
    expect(checkPath(raw, 'workload.app.replicas', 'big')).toMatch(
      /^the scenario has no workload \(did you mean workloads\?\)/,
    );
    expect(checkPath(raw, 'workloads.app.replicas.x', 'big')).toMatch(/is not a mapping/);
  });

  it('refuse paths into another design or out of the document', () => {
    const raw = { designs: { big: { pools: { main: { max: 4 } } }, small: { pools: {} } } };
    expect(checkPath(raw, 'designs.small.pools.main.max', 'big')).toMatch(/^design small is not the one swept \(big\)/);
    expect(checkPath(raw, 'designs.big.pools.main.max', 'big')).toBeNull();
    expect(checkPath(raw, '__proto__.toString', 'big')).toMatch(/^__proto__ is not a scenario key/);
    expect(checkPath(raw, 'pools.constructor.x', 'big')).toMatch(/^constructor is not a scenario key/);
  });

  it('change only the aliased object it names (YAML anchors share objects)', () => {
    const shared = { replicas: 1 };
    const pool = { max: 4 };
    const raw: Record<string, unknown> = {
      workloads: { a: shared, b: shared },
      designs: { big: { pools: { main: pool, spare: pool } } },
    };
    applyVariant(
      raw,
      [
        { path: 'workloads.a.replicas', values: [10] },
        { path: 'pools.main.max', values: [9] },
      ],
      { name: 'v1', values: [10, 9] },
      'big',
    );
    expect(raw).toEqual({
      workloads: { a: { replicas: 10 }, b: { replicas: 1 } },
      designs: { big: { pools: { main: { max: 9 }, spare: { max: 4 } } } },
    });
  });

  it('apply a variant and keep only the swept design', () => {
    const raw: Record<string, unknown> = {
      designs: { big: { pools: { main: { max: 4 } } }, small: {} },
      workloads: { app: { replicas: 1 } },
    };
    applyVariant(
      raw,
      [
        { path: 'pools.main.max', values: [10] },
        { path: 'workloads.app.replicas', values: [3] },
      ],
      { name: 'v1', values: [10, 3] },
      'big',
    );
    expect(raw).toEqual({ designs: { big: { pools: { main: { max: 10 } } } }, workloads: { app: { replicas: 3 } } });
  });
});

describe('paretoFront', () => {
  it.each([
    [
      [
        [1, 5],
        [2, 4],
        [3, 3],
        [2, 5],
        [3, 4],
      ],
      [true, true, true, false, false],
    ],
    [
      [
        [1, 1],
        [1, 1],
      ],
      [true, true],
    ], // ties stay
    [
      [
        [1, Infinity],
        [2, 10],
      ],
      [true, true],
    ], // no start-up at all is the worst, not a dominance
    [
      [
        [5, 5, 0],
        [5, 5, 0.1],
      ],
      [true, false],
    ], // unserved load breaks the tie
  ])('%j → %j', (points, front) => {
    expect(paretoFront(points)).toEqual(front);
  });
});

describe('shards', () => {
  it('parse K/N from 0, as JOB_COMPLETION_INDEX', () => {
    expect(parseShard('3/20')).toEqual({ index: 3, count: 20 });
    for (const bad of ['20/20', '1/0', '-1/3', 'a/b', '3']) expect(() => parseShard(bad)).toThrow(RangeError);
  });

  it('cut the jobs into contiguous slices that together are every job once', () => {
    for (const [jobs, n] of [
      [10, 3],
      [7, 7],
      [3, 5],
      [1000, 20],
    ] as const) {
      const ranges = Array.from({ length: n }, (_, k) => shardRange(jobs, { index: k, count: n }));
      expect(ranges[0]!.from).toBe(0);
      expect(ranges.at(-1)!.to).toBe(jobs);
      ranges.slice(1).forEach((r, k) => expect(r.from).toBe(ranges[k]!.to));
    }
  });

  const plan: SweepPlan = {
    scenario: 's',
    design: 'd',
    seeds: 1,
    firstSeed: 1,
    vary: [{ path: 'a', values: [1, 2, 3] }],
    variants: variants([{ path: 'a', values: [1, 2, 3] }]),
    scenarioSha256: 'ab',
  };
  const shard = (index: number, count: number, p = plan): { source: string; file: ShardFile } => {
    const jobs = shardRange(3, { index, count });
    return {
      source: `s${index}`,
      file: {
        poolsimShard: 1,
        poolsim: '0',
        plan: p,
        shard: { index, count },
        jobs,
        summaries: Array.from({ length: jobs.to - jobs.from }, (_, i) => ({ design: `job${jobs.from + i}` }) as never),
      },
    };
  };

  it('merge slices in order whatever order they are given in', () => {
    const problems: string[] = [];
    const merged = combineShards([shard(1, 2), shard(0, 2)], problems);
    expect(problems).toEqual([]);
    expect(merged!.summaries.map((s) => s.design)).toEqual(['job0', 'job1', 'job2']);
  });

  it.each([
    [[shard(0, 2)], /slices 1\/2 are missing/],
    [[shard(0, 2), shard(0, 2), shard(1, 2)], /slice 0\/2 is given twice/],
    [[shard(0, 2), shard(1, 3)], /is slice 1\/3, but s0 is one of 2/],
    [[shard(0, 2), shard(1, 2, { ...plan, scenarioSha256: 'cd' })], /is a shard of another sweep/],
    [[], /no shard given/],
  ])('refuse a bad set of slices (%#)', (shards, message) => {
    const problems: string[] = [];
    expect(combineShards(shards, problems)).toBeNull();
    expect(problems.join('\n')).toMatch(message);
  });
});
