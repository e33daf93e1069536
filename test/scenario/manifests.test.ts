import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';

// A reader over in-memory files, for scenarios that include manifests.
const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

const scenario = (workloads: string, include = 'include: [app.yaml]') => `name: t
duration: 1h
${include}
${workloads}
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
`;

const deployment = (name: string, containers: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 4
  template:
    spec:
${extra}      containers:
${containers}`;

describe('included manifests', () => {
  it('load to the same model as the hand-written twin (scenarios/diurnal.yaml)', () => {
    const included = loadScenario('scenarios/diurnal.yaml');
    const byHand = loadScenario('test/scenario/fixtures/diurnal-by-hand.yaml');
    expect(included.problems).toEqual([]);
    expect(byHand.problems).toEqual([]);
    expect(included.scenario).toEqual(byHand.scenario);
    // Neither writes replicas: both start at the HPA's minimum, as Kubernetes ends up.
    expect(included.scenario!.workloads[0]!.replicas).toBe(6);
  });

  it("sum a pod's containers, or take its largest init container when that is larger", () => {
    const app = deployment(
      'app',
      `        - { name: a, resources: { requests: { cpu: 100m, memory: 128Mi } } }
        - { name: b, resources: { requests: { cpu: 250m, memory: 1Gi } } }
`,
      `      initContainers:
        - { name: migrate, resources: { requests: { cpu: "1", memory: 256Mi } } }
`,
    );
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]).toMatchObject({
      name: 'app',
      replicas: 4,
      requests: { cpuMilli: 1000, memoryBytes: (128 + 1024) * 2 ** 20 },
    });
  });

  it('let what the scenario writes win, field by field', () => {
    const app = deployment(
      'app',
      '        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n',
    );
    const r = loadScenarioText(
      's.yaml',
      scenario('workloads:\n  app:\n    replicas: 9\n    requests: { cpu: 200m }'),
      files({ 'app.yaml': app }),
    );
    expect(r.scenario!.workloads[0]).toMatchObject({
      replicas: 9,
      requests: { cpuMilli: 200, memoryBytes: 128 * 2 ** 20 },
      image: { name: 'app:1' },
    });
  });

  it("read a StatefulSet's volume claims and an autoscaling/v1 HPA", () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  replicas: 3
  template:
    spec:
      containers: [{ name: db, resources: { requests: { cpu: 500m, memory: 2Gi } } }]
  volumeClaimTemplates: [{ metadata: { name: data } }, { metadata: { name: wal } }]
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: db }
spec:
  scaleTargetRef: { kind: StatefulSet, name: db }
  minReplicas: 3
  maxReplicas: 5
  targetCPUUtilizationPercentage: 70
`;
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': sts }));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]).toMatchObject({
      kind: 'StatefulSet',
      volumesPerReplica: 2,
      hpa: {
        minReplicas: 3,
        maxReplicas: 5,
        metrics: [{ resource: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } }],
        behavior: null,
      },
    });
  });

  it("point at the manifest's own line when a value there is wrong", () => {
    const app = deployment('app', '        - { name: a, resources: { requests: { cpu: 100m, memory: 2GB } } }\n');
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems.map(formatProblem)).toEqual([
      'app.yaml:10:66: spec.template.spec.containers[0].resources.requests.memory: "2GB" is not a quantity: unknown suffix "GB" (did you mean Gi, binary, or G, decimal?); ' +
        'expected a number with an optional suffix: m (milli), k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e9 (e.g. 300m, 1.5, 2Gi, 512Mi, 1e9)',
    ]);
  });

  it("report an HPA whose target no workload defines, in the HPA's file", () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api }
spec:
  scaleTargetRef: { kind: Deployment, name: api }
  maxReplicas: 5
`;
    const r = loadScenarioText(
      's.yaml',
      scenario('workloads:\n  app: { requests: { cpu: 1, memory: 1Gi } }', 'include: [hpa.yaml]'),
      files({ 'hpa.yaml': hpa }),
    );
    expect(r.problems.map(formatProblem)).toEqual([
      'hpa.yaml:5:45: spec.scaleTargetRef.name: HorizontalPodAutoscaler api scales Deployment "api", which no workload defines; expected one of app',
    ]);
  });

  it('report a document that is not a Kubernetes object, and YAML errors in manifests', () => {
    const r = loadScenarioText(
      's.yaml',
      scenario(''),
      files({ 'app.yaml': 'just: data\n---\nkind: Deployment\nmetadata: { name: [x\n' }),
    );
    expect(r.problems.map(formatProblem)).toEqual([
      'app.yaml:5:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    const r2 = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': 'just: data\n' }));
    expect(r2.problems.map(formatProblem)).toEqual([
      'app.yaml:1:1: not a Kubernetes object: it has no kind; expected an object with kind and metadata.name',
    ]);
  });

  it('never crash on a request that is not a scalar, in any container', () => {
    const app = deployment(
      'app',
      `        - { name: a, resources: { requests: { cpu: 100m, memory: [1, 2] } } }
        - { name: b, resources: { requests: { cpu: 100m, memory: 1Gi } } }
`,
    );
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems.map(formatProblem)).toEqual([
      'app.yaml:10:66: spec.template.spec.containers[0].resources.requests.memory: a list is not a quantity; expected e.g. 1Gi',
    ]);
  });

  it('take requests as Kubernetes does: only cpu and memory, limits when no request, native sidecars added', () => {
    // Ephemeral storage and huge pages are not counted, but every node has them: they pass.
    const app = deployment(
      'app',
      `        - { name: a, resources: { requests: { cpu: 500m, ephemeral-storage: 1Gi, hugepages-2Mi: 0 }, limits: { memory: 1Gi } } }
`,
      `      initContainers:
        - { name: proxy, restartPolicy: Always, resources: { requests: { cpu: 200m, memory: 128Mi } } }
        - { name: migrate, resources: { requests: { cpu: 600m, memory: 64Mi } } }
`,
    );
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems).toEqual([]);
    // CPU: containers and sidecar 500 + 200 = 700m, but the migration runs beside the sidecar started
    // before it: 600 + 200 = 800m, the larger. Memory: 1 GiB (the limit) + 128 MiB.
    expect(r.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 800, memoryBytes: (1024 + 128) * 2 ** 20 });
  });

  it('read a List, as `kubectl get -o yaml` writes it, and names with dots', () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web.v2 }
    spec:
      replicas: 2
      template: { spec: { containers: [{ name: w, resources: { requests: { cpu: 1, memory: 1Gi } } }] } }
`;
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': list }));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads.map((w) => [w.name, w.replicas])).toEqual([['web.v2', 2]]);
  });

  it('refuse an HPA on a metric poolsim does not follow, and let an HPA set the replicas of a Deployment that does not', () => {
    const app = deployment(
      'app',
      '        - { name: a, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n',
    ).replace('  replicas: 4\n', '');
    const hpas = (metric: string) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: app }
spec:
  scaleTargetRef: { kind: Deployment, name: app }
  minReplicas: 3
  maxReplicas: 9
  metrics: [${metric}]
`;
    const external = loadScenarioText(
      's.yaml',
      scenario(''),
      files({ 'app.yaml': app + hpas('{ type: External, external: { metric: { name: queue } } }') }),
    );
    // Ignored, the HPA would scale on nothing it was written for: refused where it is written.
    expect(external.scenario).toBeNull();
    expect(external.problems.map((p) => [p.file, p.path, p.message])).toEqual([
      [
        'app.yaml',
        'spec.metrics[0].type',
        'HorizontalPodAutoscaler app: "External" metrics are not modelled yet; expected type: Resource with name: cpu or memory (poolsim follows CPU and memory use only)',
      ],
    ]);
    const cpu = loadScenarioText(
      's.yaml',
      scenario(''),
      files({
        'app.yaml':
          app +
          hpas('{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }'),
      }),
    );
    expect(cpu.scenario!.workloads[0]).toMatchObject({ replicas: 3, hpa: { minReplicas: 3 } });
  });

  it.each([
    [
      'an HPA for the wrong kind',
      'hpa.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h }
spec: { scaleTargetRef: { kind: StatefulSet, name: app }, maxReplicas: 5 }
`,
      'hpa.yaml:4:33: spec.scaleTargetRef.kind: HorizontalPodAutoscaler h scales a StatefulSet, but "app" is a Deployment; expected kind: Deployment',
    ],
    [
      'two HPAs on one workload',
      'hpa.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h1 }
spec: { scaleTargetRef: { kind: Deployment, name: app }, maxReplicas: 5 }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h2 }
spec: { scaleTargetRef: { kind: Deployment, name: app }, maxReplicas: 7 }
`,
      'hpa.yaml:8:19: metadata.name: HorizontalPodAutoscaler h2 scales "app", which HorizontalPodAutoscaler h1 already scales; Kubernetes refuses to scale a target with two HPAs (AmbiguousSelector); expected one',
    ],
    [
      'a seconds field that is not a number',
      'hpa.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h }
spec:
  scaleTargetRef: { kind: Deployment, name: app }
  maxReplicas: 5
  behavior: { scaleDown: { stabilizationWindowSeconds: thirty } }
`,
      'hpa.yaml:7:56: spec.behavior.scaleDown.stabilizationWindowSeconds: "thirty" is not a whole number of seconds; expected whole seconds, e.g. 30',
    ],
  ])('report %s where it is written', (_name, file, text, message) => {
    const r = loadScenarioText(
      's.yaml',
      scenario('workloads:\n  app: { requests: { cpu: 1, memory: 1Gi } }', `include: [${file}]`),
      files({ [file]: text }),
    );
    expect(r.problems.map(formatProblem)).toEqual([message]);
  });

  it('refuse the same workload twice, and the same file twice', () => {
    const app = deployment('app', '        - { name: a, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n');
    const twice = loadScenarioText(
      's.yaml',
      scenario('', 'include: [app.yaml, ./app.yaml]'),
      files({ 'app.yaml': app }),
    );
    expect(twice.problems.map(formatProblem)).toEqual([
      's.yaml:3:21: include[1]: includes "./app.yaml" again (it is include[0]); expected each file once',
    ]);
    const dup = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': `${app}---\n${app}` }));
    expect(dup.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^app\.yaml:15:9: metadata\.name: Deployment app is defined again \(first at app\.yaml\); expected each name once/,
      ),
    ]);
  });
});
