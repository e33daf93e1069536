import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { runDesign } from '../../src/simulate/design-run.js';

// A reader over in-memory files, for scenarios that include manifests.
const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

const deployment = (name: string, namespace: string | null, replicas: number) => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace === null ? '' : `  namespace: ${namespace}\n`}spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: app
          image: web:1
          resources: { requests: { cpu: 100m, memory: 128Mi } }
`;

const hpa = (namespace: string, target: string) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${target}, namespace: ${namespace} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${target} }
  minReplicas: 3
  maxReplicas: 9
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } } }]
`;

const scenario = (extra = '') => `name: ns
duration: 10m
include: [apps.yaml]
${extra}
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 2, min: 2, max: 2 } } }
`;

const load = (manifests: string, extra = '') =>
  loadScenarioText('ns.yaml', scenario(extra), files({ 'apps.yaml': manifests }));

describe('namespaces', () => {
  it('make the same name in two namespaces two workloads, named namespace/name', () => {
    const r = load(deployment('web', 'shop', 2) + deployment('web', 'blog', 3) + deployment('api', null, 1));
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario!.workloads.map((w) => [w.name, w.replicas])).toEqual([
      ['shop/web', 2],
      ['blog/web', 3],
      ['api', 1],
    ]);
    const run = runDesign(r.scenario!, r.scenario!.designs[0]!);
    expect([...new Set(run.timeline.map((row) => row.workload))]).toEqual(['shop/web', 'blog/web', 'api']);
  });

  it('take the default namespace as none', () => {
    const r = load(deployment('web', 'default', 2));
    expect(r.scenario!.workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('join an HPA to the workload of its own namespace', () => {
    const r = load(deployment('web', 'shop', 2) + deployment('web', 'blog', 2) + hpa('blog', 'web'));
    expect(r.problems.map(formatProblem)).toEqual([]);
    const [shop, blog] = r.scenario!.workloads;
    expect(shop!.hpa).toBeNull();
    expect(blog!.hpa).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
  });

  it('let the scenario write a namespaced workload key by key, and its load', () => {
    const r = load(
      deployment('web', 'shop', 2),
      'workloads:\n  shop/web: { replicas: 5 }\nload:\n  shop/web: { cpuPerRequest: 1m, profile: { constant: 100 } }',
    );
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario!.workloads[0]).toMatchObject({ name: 'shop/web', replicas: 5 });
    expect(r.scenario!.workloads[0]!.load).not.toBeNull();
  });

  it('refuse a name defined twice in one namespace, and a namespace that is not a DNS label', () => {
    expect(load(deployment('web', 'shop', 2) + deployment('web', 'shop', 3)).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^apps\.yaml:\d+:\d+: metadata\.name: Deployment shop\/web is defined again/),
    ]);
    expect(load(deployment('web', 'Shop_1', 2)).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/metadata\.namespace: Deployment web: "Shop_1" is not a namespace; expected a DNS label/),
    ]);
    const bad = loadScenarioText(
      'bad.yaml',
      'name: x\nduration: 1m\nworkloads:\n  Shop/web: { requests: { cpu: 1, memory: 1Gi } }\ndesigns: { d: { pools: { main: { instanceType: e2-standard-4 } } } }\n',
    );
    expect(bad.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^bad\.yaml:4:3: workloads\["Shop\/web"\]: key "Shop\/web" must be a name .*or namespace\/name/,
      ),
    ]);
  });
});
