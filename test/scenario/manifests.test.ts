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
    expect(included.warnings.map(formatProblem)).toEqual([
      'scenarios/manifests/web.yaml:44:7: kind: Service web is not used by poolsim (it reads Deployment, StatefulSet, HorizontalPodAutoscaler, DaemonSet); ignored',
    ]);
  });

  it('sum a pod\'s containers, or take its largest init container when that is larger', () => {
    const app = deployment('app', `        - { name: a, resources: { requests: { cpu: 100m, memory: 128Mi } } }
        - { name: b, resources: { requests: { cpu: 250m, memory: 1Gi } } }
`, `      initContainers:
        - { name: migrate, resources: { requests: { cpu: "1", memory: 256Mi } } }
`);
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]).toMatchObject({ name: 'app', replicas: 4, requests: { cpuMilli: 1000, memoryBytes: (128 + 1024) * 2 ** 20 } });
  });

  it('let what the scenario writes win, field by field', () => {
    const app = deployment('app', '        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n');
    const r = loadScenarioText('s.yaml', scenario('workloads:\n  app:\n    replicas: 9\n    requests: { cpu: 200m }'), files({ 'app.yaml': app }));
    expect(r.scenario!.workloads[0]).toMatchObject({ replicas: 9, requests: { cpuMilli: 200, memoryBytes: 128 * 2 ** 20 }, image: { name: 'app:1' } });
  });

  it('read a StatefulSet\'s volume claims and an autoscaling/v1 HPA', () => {
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
      kind: 'StatefulSet', volumesPerReplica: 2,
      hpa: { minReplicas: 3, maxReplicas: 5, metrics: [{ resource: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } }], behavior: null },
    });
  });

  it('point at the manifest\'s own line when a value there is wrong', () => {
    const app = deployment('app', '        - { name: a, resources: { requests: { cpu: 100m, memory: 2GB } } }\n');
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': app }));
    expect(r.problems.map(formatProblem)).toEqual([
      'app.yaml:10:66: spec.template.spec.containers[0].resources.requests.memory: "2GB" is not a quantity: unknown suffix "GB" (did you mean Gi, binary, or G, decimal?); ' +
        'expected a number with an optional suffix: m (milli), k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e9 (e.g. 300m, 1.5, 2Gi, 512Mi, 1e9)',
    ]);
  });

  it('report an HPA whose target no workload defines, in the HPA\'s file', () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api }
spec:
  scaleTargetRef: { kind: Deployment, name: api }
  maxReplicas: 5
`;
    const r = loadScenarioText('s.yaml', scenario('workloads:\n  app: { requests: { cpu: 1, memory: 1Gi } }', 'include: [hpa.yaml]'), files({ 'hpa.yaml': hpa }));
    expect(r.problems.map(formatProblem)).toEqual([
      'hpa.yaml:5:45: spec.scaleTargetRef.name: HorizontalPodAutoscaler api scales Deployment "api", which no workload defines; expected one of app',
    ]);
  });

  it('report a document that is not a Kubernetes object, and YAML errors in manifests', () => {
    const r = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': 'just: data\n---\nkind: Deployment\nmetadata: { name: [x\n' }));
    expect(r.problems.map(formatProblem)).toEqual(['app.yaml:5:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    const r2 = loadScenarioText('s.yaml', scenario(''), files({ 'app.yaml': 'just: data\n' }));
    expect(r2.problems.map(formatProblem)).toEqual(['app.yaml:1:1: not a Kubernetes object; expected kind and metadata.name']);
  });
});
