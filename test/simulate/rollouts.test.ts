import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { formatProblem } from '../../src/scenario/source.js';
import { runDesign, type DesignRunResult } from '../../src/simulate/design-run.js';
import { summarize } from '../../src/report/summary.js';

const load = (text: string): Scenario => {
  const r = loadScenarioText('roll.yaml', text);
  if (r.scenario === null) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
};

// Ten replicas of web:1 on two nodes with room for them all and their surge; at 5 min a rollout.
const scenario = (workload: string, design = 'initial: 2, min: 2, max: 4') =>
  load(`name: roll
duration: 30m
workloads:
  web:
    replicas: 10
    requests: { cpu: 500m, memory: 512Mi }
${workload.includes('    image:') ? '' : '    image: { name: web:1, size: 200M }\n'}    containerStart: 2s
    readinessDelay: 5s
${workload}
designs:
  d: { pools: { main: { instanceType: e2-standard-8, ${design}, provisioning: 60s, nodeStartup: 10s } } }
`);
const run = (s: Scenario) => runDesign(s, s.designs[0]!);

// Pods holding a place (created, not yet gone) and available (Ready, not deleted) at `t`, every second of the run.
function counts(r: DesignRunResult, fromMs: number, toMs: number) {
  const out: Array<{ t: number; pods: number; available: number }> = [];
  for (let t = fromMs; t <= toMs; t += 1000) {
    const live = r.pods.filter((p) => p.createdMs <= t && (p.deletedMs ?? Infinity) > t);
    out.push({
      t,
      pods: live.length,
      available: live.filter((p) => p.readyMs !== undefined && p.readyMs <= t).length,
    });
  }
  return out;
}

describe('a Deployment rolling update (pkg/controller/deployment/rolling.go)', () => {
  const s = scenario('    rollouts: [{ at: 5m, image: { name: web:2, size: 200M } }]');
  const r = run(s);

  it('keeps 10 replicas at 25% surge and 25% unavailable within 8 available and 13 pods, step by step', () => {
    const steps = counts(r, 299_000, 600_000);
    expect(Math.min(...steps.map((c) => c.available))).toBe(8);
    expect(Math.max(...steps.map((c) => c.pods))).toBe(13);
    const scaled = r.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaled).toEqual([
      'Scaled up replica set web-r1 from 0 to 3',
      'Scaled down replica set web-r0 from 10 to 8',
      'Scaled up replica set web-r1 from 3 to 5',
      'Scaled down replica set web-r0 from 8 to 3',
      'Scaled up replica set web-r1 from 5 to 10',
      'Scaled down replica set web-r0 from 3 to 0',
    ]);
  });

  it('ends with every pod on the new template, and says when in summary.json', () => {
    const live = r.pods.filter((p) => p.phase === 'Running');
    expect(live).toHaveLength(10);
    expect(live.every((p) => p.revision === 1 && p.spec.image.name === 'web:2')).toBe(true);
    const [rollout] = summarize(s, s.designs[0]!, r).rollouts;
    expect(rollout).toMatchObject({ workload: 'web', at: 300, peakUnavailable: 2, peakSurge: 3 });
    expect(rollout!.completedAt).toBeGreaterThan(300);
    expect(rollout!.seconds).toBeCloseTo(rollout!.completedAt! - 300, 6);
  });

  it('pulls the new image once on each node that runs the workload', () => {
    const nodes = new Set(r.pods.filter((p) => p.revision === 1).map((p) => p.node!.name));
    expect(nodes.size).toBe(2);
    const pulls = r.events.filter(
      (e) => e.reason === 'Pulled' && e.message.includes('"web:2"') && e.message.startsWith('Successfully'),
    );
    expect(pulls).toHaveLength(2);
    expect(summarize(s, s.designs[0]!, r).rollouts[0]!.bytesPulled).toBe(2 * 200e6);
  });

  it('pulls only the layers a node lacks: a new tag on the same base fetches its own layer alone', () => {
    const layered = scenario(`    image: { name: web:1, layers: [{ size: 150M, digest: base }, 50M] }
    rollouts: [{ at: 5m, image: { name: web:2, layers: [{ size: 150M, digest: base }, 60M] } }]`);
    const lr = run(layered);
    expect(summarize(layered, layered.designs[0]!, lr).rollouts[0]!.bytesPulled).toBe(2 * 60e6);
    expect(lr.images.bytesPulled).toBe(2 * 60e6); // the base was on both nodes from the steady start
  });

  it('marks the updated and unavailable replicas in the timeline', () => {
    const at = (t: number) => r.timeline.find((row) => row.time_s === t)!;
    expect(at(290)).toMatchObject({ updated_pods: 10, unavailable_pods: 0 }); // before: every pod is of the latest template
    expect(at(300)).toMatchObject({ updated_pods: 5, unavailable_pods: 2 });
    expect(at(600)).toMatchObject({ updated_pods: 10, unavailable_pods: 0 });
  });
});

describe('a Deployment with strategy Recreate (recreate.go)', () => {
  it('has a window with no pod available, and starts new pods only when the old are gone', () => {
    const r = run(
      scenario('    strategy: { type: Recreate }\n    terminationGracePeriod: 20s\n    rollouts: [{ at: 5m }]'),
    );
    const steps = counts(r, 299_000, 600_000);
    expect(steps.some((c) => c.available === 0)).toBe(true);
    const oldGone = Math.max(...r.pods.filter((p) => p.revision === 0).map((p) => p.goneMs!));
    const firstNew = Math.min(...r.pods.filter((p) => p.revision === 1).map((p) => p.createdMs));
    expect(firstNew).toBeGreaterThanOrEqual(oldGone);
    expect(oldGone).toBe(300_000 + 20_000);
  });
});

describe('a rollout that cannot finish', () => {
  it('logs ProgressDeadlineExceeded and leaves completedAt null, its time to the end of the run', () => {
    // maxUnavailable 0 and no room for a surge pod (ten of 750m fill the one node): the new ReplicaSet's first pod never starts.
    const s = load(`name: stuck
duration: 30m
workloads:
  web:
    replicas: 10
    requests: { cpu: 750m, memory: 512Mi }
    strategy: { maxSurge: 1, maxUnavailable: 0 }
    progressDeadline: 2m
    rollouts: [{ at: 5m }]
designs:
  d: { pools: { main: { instanceType: e2-standard-8, initial: 1, min: 1, max: 1 } } }
`);
    const r = run(s);
    expect(r.events.filter((e) => e.reason === 'ProgressDeadlineExceeded').map((e) => e.timeMs)).toEqual([420_000]);
    expect(summarize(s, s.designs[0]!, r).rollouts[0]).toMatchObject({ completedAt: null, seconds: 1500 });
  });
});

describe('an HPA change during a rollout (sync.go scale)', () => {
  it('shares the new count among the ReplicaSets in proportion', () => {
    const s = scenario(
      '    minReady: 60s\n    scale: [{ at: 301s, replicas: 20 }]\n    rollouts: [{ at: 5m }]',
      'initial: 4, min: 4, max: 4',
    );
    const r = run(s);
    const scaled = r.events
      .filter((e) => e.reason === 'ScalingReplicaSet' && e.timeMs === 301_000)
      .map((e) => e.message);
    // 8 old and 5 new of 13 (10 + 3 surge) become 20 + 5 = 25: 15 and 10 (the leftover to the larger).
    expect(scaled).toEqual(['Scaled up replica set web-r0 from 8 to 15', 'Scaled up replica set web-r1 from 5 to 10']);
  });
});

describe('ip-exhaustion.yaml', () => {
  const s = loadScenario('scenarios/ip-exhaustion.yaml').scenario!;
  const of = (design: string) => {
    const d = s.designs.find((x) => x.name === design)!;
    return summarize(s, d, runDesign(s, d));
  };

  it('takes longer to roll out at 250 pods a node, its surge pods waiting for room that terminating pods hold', () => {
    const [small, large] = [of('max-pods-110').rollouts[0]!, of('max-pods-250').rollouts[0]!];
    expect(small.completedAt).not.toBeNull();
    expect(large.completedAt).not.toBeNull();
    expect(large.seconds).toBeGreaterThan(small.seconds);
    expect(small.peakUnavailable).toBe(0); // maxUnavailable: 0
    expect(large.peakUnavailable).toBe(0);
  });
});

describe('rollouts in the scenario file', () => {
  const problems = (workload: string) =>
    loadScenarioText(
      'bad.yaml',
      `name: x\nduration: 1h\nworkloads:\n  web:\n    requests: { cpu: 1, memory: 1Gi }\n${workload}\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n`,
    ).problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);

  it('refuses both zero, over 100% unavailable, Recreate with a surge, a rollout after the end, and a surge on a StatefulSet', () => {
    expect(problems('    strategy: { maxSurge: 0, maxUnavailable: 0 }')).toEqual([
      expect.stringMatching(/^6:\d+: workloads\.web\.strategy\.maxUnavailable: may not be 0 when `maxSurge` is 0/),
    ]);
    expect(problems('    strategy: { maxUnavailable: 150% }')).toEqual([
      expect.stringMatching(/workloads\.web\.strategy\.maxUnavailable: must not be greater than 100%/),
    ]);
    expect(problems('    strategy: { type: Recreate, maxSurge: 1 }')).toEqual([
      expect.stringMatching(
        /workloads\.web\.strategy\.maxSurge: may not be specified when strategy type is 'Recreate'/,
      ),
    ]);
    expect(problems('    rollouts: [{ at: 2h }]')).toEqual([
      expect.stringMatching(/workloads\.web\.rollouts\[0\]\.at: 2h is after the end of the run \(1h\)/),
    ]);
    expect(problems('    kind: StatefulSet\n    rollouts: [{ at: 5m, maxSurge: 1 }]')).toEqual([
      expect.stringMatching(
        /workloads\.web\.rollouts\[0\]\.maxSurge: is a Deployment's; expected the StatefulSet's updateStrategy/,
      ),
    ]);
    expect(problems('    rollouts: [{ at: 5m, maxSurge: 25%, maxUnavailable: 0 }]')).toEqual([]);
  });
});

describe('a rollout given as a manifest', () => {
  const files = (map: Record<string, string>) => (path: string) => {
    const name = path.replace(`${process.cwd()}/`, '');
    if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return map[name]!;
  };
  const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 4
  template:
    spec:
      containers:
        - { name: web, image: "${image}", resources: { requests: { cpu: 500m, memory: 512Mi } } }
`;
  const scenarioText = (rollout: string) => `name: m
duration: 20m
include: [web.yaml]
workloads:
  web:
    image: { name: web:1, size: 100M }
    rollouts: [${rollout}]
designs:
  d: { pools: { main: { instanceType: e2-standard-8, initial: 1, min: 1, max: 1 } } }
`;
  const load = (rollout: string) =>
    loadScenarioText(
      'm.yaml',
      scenarioText(rollout),
      files({ 'web.yaml': deployment('web:1'), 'web-v2.yaml': deployment('web:2') }),
    );

  it("takes the new version's image, with the size the rollout restates", () => {
    const r = load('{ at: 5m, from: web-v2.yaml, image: { size: 120M } }');
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario!.workloads[0]!.rollouts[0]!.image).toMatchObject({ name: 'web:2', sizeBytes: 120e6 });
    const run = runDesign(r.scenario!, r.scenario!.designs[0]!);
    expect(run.pods.filter((p) => p.phase === 'Running').every((p) => p.spec.image.name === 'web:2')).toBe(true);
  });

  it('says where a manifest that holds no such workload, or no file, is named', () => {
    expect(load('{ at: 5m, from: web.yml }').problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^m\.yaml:7:\d+: workloads\.web\.rollouts\[0\]\.from: cannot read "web\.yml"/),
    ]);
    const other = loadScenarioText(
      'm.yaml',
      scenarioText('{ at: 5m, from: other.yaml }'),
      files({ 'web.yaml': deployment('web:1'), 'other.yaml': deployment('x:1').replace('name: web }', 'name: api }') }),
    );
    expect(other.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /workloads\.web\.rollouts\[0\]\.from: "other\.yaml" holds no Deployment web with a container image/,
      ),
    ]);
  });
});

describe("a rollout's ReplicaSet", () => {
  it('labels and owns its pods apart from the old one: the default spread and matchLabelKeys count it alone', () => {
    const r = run(scenario('    rollouts: [{ at: 5m, image: { name: web:2, size: 200M } }]'));
    const owners = (revision: number) =>
      new Set(
        r.pods
          .filter((p) => p.revision === revision)
          .map(
            (p) =>
              `${p.template?.metadata?.labels?.['pod-template-hash']} ${p.template?.metadata?.ownerReferences?.[0]?.name}`,
          ),
      );
    expect(owners(0)).toEqual(new Set(['r0 web-r0']));
    expect(owners(1)).toEqual(new Set(['r1 web-r1']));
    // The rest of the template is the Deployment's.
    const [old, fresh] = [0, 1].map((rev) => r.pods.find((p) => p.revision === rev)!.template!);
    expect(fresh!.metadata?.labels?.app).toBe(old!.metadata?.labels?.app);
    expect(fresh!.spec).toBe(old!.spec);
  });
});
