import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { runDesign } from '../../src/simulate/design-run.js';

// A StatefulSet scaled from 0 to 5 at 1 min and down to 2 at 10 min, with room for all on one node.
const run = (policy: string) => {
  const r = loadScenarioText(
    'sts.yaml',
    `name: sts
duration: 20m
workloads:
  db:
    kind: StatefulSet
    replicas: 0
${policy}
    requests: { cpu: 100m, memory: 128Mi }
    containerStart: 1s
    readinessDelay: 10s
    terminationGracePeriod: 30s
    scale: [{ at: 1m, replicas: 5 }, { at: 10m, replicas: 2 }]
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 1 } } }
`,
  );
  if (r.scenario === null) throw new Error(r.problems.map(formatProblem).join('\n'));
  return runDesign(r.scenario, r.scenario.designs[0]!);
};

describe('a StatefulSet in the run (pkg/controller/statefulset)', () => {
  it('OrderedReady (the default) creates ordinals strictly in sequence, each after the one before is Ready', () => {
    const r = run('');
    const pods = r.pods.filter((p) => p.createdMs >= 60_000 && p.createdMs < 600_000);
    expect(pods.map((p) => p.name)).toEqual(['db-0', 'db-1', 'db-2', 'db-3', 'db-4']);
    for (let i = 1; i < pods.length; i++) expect(pods[i]!.createdMs).toBeGreaterThanOrEqual(pods[i - 1]!.readyMs!);
  });

  it('OrderedReady removes from the highest ordinal, one at a time, each after the one above is gone', () => {
    const r = run('');
    const deleted = r.pods.filter((p) => p.deletedMs !== undefined).sort((a, b) => a.deletedMs! - b.deletedMs!);
    expect(deleted.map((p) => p.name)).toEqual(['db-4', 'db-3', 'db-2']);
    expect(deleted.map((p) => p.deletedMs)).toEqual([600_000, 630_000, 660_000]);
  });

  it('Parallel creates and removes them all at once', () => {
    const r = run('    podManagementPolicy: Parallel');
    expect(new Set(r.pods.filter((p) => p.createdMs >= 60_000).map((p) => p.createdMs))).toEqual(new Set([60_000]));
    expect(
      r.pods
        .filter((p) => p.deletedMs !== undefined)
        .map((p) => [p.name, p.deletedMs])
        .sort(),
    ).toEqual([
      ['db-2', 600_000],
      ['db-3', 600_000],
      ['db-4', 600_000],
    ]);
  });

  it('refuses podManagementPolicy on a Deployment, where it means nothing', () => {
    const r = loadScenarioText(
      'bad.yaml',
      'name: x\nduration: 1m\nworkloads:\n  web: { podManagementPolicy: Parallel, requests: { cpu: 1, memory: 1Gi } }\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n',
    );
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^bad\.yaml:4:\d+: workloads\.web\.podManagementPolicy: is a StatefulSet's setting/),
    ]);
  });

  it('RollingUpdate replaces from the highest ordinal down to the partition, one at a time; OnDelete replaces none', () => {
    const update = (strategy: string) => {
      const r = loadScenarioText(
        'sts.yaml',
        `name: sts
duration: 30m
workloads:
  db:
    kind: StatefulSet
    replicas: 5
    requests: { cpu: 100m, memory: 128Mi }
    image: { name: db:1, size: 100M }
    readinessDelay: 10s
    terminationGracePeriod: 20s
    updateStrategy: ${strategy}
    rollouts: [{ at: 5m, image: { name: db:2, size: 100M } }]
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 1, min: 1, max: 1 } } }
`,
      );
      if (r.scenario === null) throw new Error(r.problems.map(formatProblem).join('\n'));
      return runDesign(r.scenario, r.scenario.designs[0]!);
    };
    const r = update('{ partition: 2 }');
    const deleted = r.pods.filter((p) => p.deletedMs !== undefined).sort((a, b) => a.deletedMs! - b.deletedMs!);
    expect(deleted.map((p) => p.name)).toEqual(['db-4', 'db-3', 'db-2']);
    // Each after its successor's replacement is Running and Ready.
    for (let i = 1; i < deleted.length; i++) {
      const replaced = r.pods.find((p) => p.name === deleted[i - 1]!.name && p.revision === 1)!;
      expect(deleted[i]!.deletedMs).toBeGreaterThanOrEqual(replaced.readyMs!);
    }
    const running = r.pods.filter((p) => p.phase === 'Running').sort((a, b) => a.ordinal - b.ordinal);
    expect(running.map((p) => [p.name, p.spec.image.name])).toEqual([
      ['db-0', 'db:1'],
      ['db-1', 'db:1'],
      ['db-2', 'db:2'],
      ['db-3', 'db:2'],
      ['db-4', 'db:2'],
    ]);
    expect(r.rollouts[0]!.completedMs).not.toBeNull();
    const onDelete = update('{ type: OnDelete }');
    expect(onDelete.pods.filter((p) => p.deletedMs !== undefined)).toEqual([]);
    expect(onDelete.rollouts[0]!.completedMs).toBeNull();
  });

  it('refuses an update strategy that does not fit its kind, and OnDelete with a partition', () => {
    const problems = (kind: string, extra: string) =>
      loadScenarioText(
        'bad.yaml',
        `name: x\nduration: 1h\nworkloads:\n  w:\n    kind: ${kind}\n    requests: { cpu: 1, memory: 1Gi }\n${extra}\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n`,
      ).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems('StatefulSet', '    strategy: { type: Recreate }')).toEqual([
      expect.stringMatching(/^workloads\.w\.strategy: is a Deployment's; expected updateStrategy/),
    ]);
    expect(problems('Deployment', '    updateStrategy: { partition: 1 }')).toEqual([
      expect.stringMatching(/^workloads\.w\.updateStrategy: is a StatefulSet's; expected strategy/),
    ]);
    expect(problems('StatefulSet', '    updateStrategy: { type: OnDelete, partition: 1 }')).toEqual([
      expect.stringMatching(
        /^workloads\.w\.updateStrategy: Invalid value: .*only allowed for updateStrategy 'RollingUpdate'/,
      ),
    ]);
    expect(problems('StatefulSet', '    updateStrategy: { maxUnavailable: 0 }')).toEqual([
      expect.stringMatching(/^workloads\.w\.updateStrategy\.maxUnavailable: /),
    ]);
    expect(problems('StatefulSet', '    updateStrategy: { partition: 9 }\n    rollouts: [{ at: 5m }]')).toEqual([]);
  });
});
