// Sweeping a field that an included manifest supplies: each variant loads the varied value, over
// the manifest's, as it would if the scenario wrote it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinedReader } from '../../src/scenario/confine.js';
import { planSweep } from '../../src/sweep/setup.js';
import { InputError } from '../../src/util/errors.js';
import { tempFolders } from '../temp-folders.js';

const folder = tempFolders('poolsim-manifest-vary-');

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  template:
    spec:
      containers:
        - { name: web, image: web:1, resources: { requests: { cpu: 500m, memory: 1Gi } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 20
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }
`;

// A scenario whose workload `web` and its HPA come from web.yaml; `workloads` is what it writes itself.
function scenarioDir(workloads: string): string {
  const dir = folder();
  writeFileSync(join(dir, 'web.yaml'), MANIFEST);
  writeFileSync(
    join(dir, 'scenario.yaml'),
    `name: t
duration: 10m
include: [web.yaml]
${workloads}
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
`,
  );
  return join(dir, 'scenario.yaml');
}

const sweep = (file: string, vary: string) =>
  planSweep({ file, vary: [vary], design: undefined, seeds: 1 }, confinedReader(file).read);

const hpaMax = (s: ReturnType<typeof sweep>, v: number) => s.scenarios.get(v)!.workloads[0]!.hpa!.maxReplicas;

describe('a sweep varying a field of an included manifest', () => {
  it.each([
    ['the scenario writes nothing of web', ''],
    ['the scenario writes other fields of web', 'workloads:\n  web:\n    replicas: 3'],
    ['the scenario writes part of the HPA', 'workloads:\n  web:\n    hpa: { minReplicas: 3 }'],
  ])("loads each value over the manifest's (%s)", (_, workloads) => {
    const s = sweep(scenarioDir(workloads), 'workloads.web.hpa.maxReplicas=5,10');
    expect(s.plan.variants).toHaveLength(2);
    expect([hpaMax(s, 0), hpaMax(s, 1)]).toEqual([5, 10]);
  });

  it("varies the Deployment's fields too", () => {
    const s = sweep(scenarioDir(''), 'workloads.web.replicas=4,6');
    expect([0, 1].map((v) => s.scenarios.get(v)!.workloads[0]!.replicas)).toEqual([4, 6]);
  });

  it('keeps what the scenario writes beside the varied field', () => {
    const s = sweep(scenarioDir('workloads:\n  web:\n    hpa: { minReplicas: 3 }'), 'workloads.web.hpa.maxReplicas=5');
    expect(s.scenarios.get(0)!.workloads[0]!.hpa).toMatchObject({ minReplicas: 3, maxReplicas: 5 });
  });

  it("names the scenario's path for a manifest's path", () => {
    expect(refusal(scenarioDir(''), 'workloads.web.hpa.spec.maxReplicas=5')).toEqual([
      'poolsim sweep: --vary workloads.web.hpa.spec.maxReplicas: workloads.web.hpa has no spec (it has minReplicas, maxReplicas, metrics); expected workloads.web.hpa.maxReplicas, the field as the scenario names it',
    ]);
  });

  it('refuses a path into a list, naming the list to vary whole', () => {
    expect(refusal(scenarioDir(''), 'workloads.web.hpa.metrics.0.targetUtilization=50,70')).toEqual([
      "poolsim sweep: --vary workloads.web.hpa.metrics.0.targetUtilization: workloads.web.hpa.metrics is a list, whose items cannot be varied one by one; expected the whole list varied in the scenario's sweep: block, e.g. sweep: { vary: { workloads.web.hpa.metrics: [[…], […]] } }",
    ]);
  });

  it("varies a manifest's list whole, from the sweep: block", () => {
    const file = scenarioDir(
      'sweep:\n  vary:\n    workloads.web.hpa.metrics:\n      - [{ resource: cpu, targetUtilization: 50 }]\n      - [{ resource: cpu, targetUtilization: 70 }]',
    );
    const s = planSweep({ file, vary: [], design: undefined, seeds: 1 }, confinedReader(file).read);
    const targets = [0, 1].map((v) => s.scenarios.get(v)!.workloads[0]!.hpa!.metrics[0]);
    expect(targets).toMatchObject([{ target: { averageUtilization: 50 } }, { target: { averageUtilization: 70 } }]);
  });

  it('refuses a path that neither the scenario nor its manifests hold', () => {
    expect(refusal(scenarioDir(''), 'workloads.api.replicas=5')).toEqual([
      'poolsim sweep: --vary workloads.api.replicas: workloads has no api (it has web); expected a path into the design (description, pools, autoscaler, scheduler, karpenter) or the scenario, whose workloads hold what their included manifests supply (e.g. workloads.web.hpa.maxReplicas)',
    ]);
  });

  it('refuses to vary the included files, which are read before a variant applies', () => {
    expect(refusal(scenarioDir(''), 'include=[web.yaml]')).toEqual([
      'poolsim sweep: --vary include: the included files cannot be varied; expected a path to a field they supply (e.g. workloads.web.hpa.maxReplicas), or a scenario file for each set of manifests',
    ]);
  });

  it("places a bad varied value at the manifest's field, naming the variant", () => {
    const [problem] = refusal(scenarioDir(''), 'workloads.web.hpa.maxReplicas=0');
    expect(problem).toMatch(
      /\/web\.yaml:17:16: spec\.maxReplicas: 0 is below 1; expected a number ≥ 1 \(in variant v1: workloads\.web\.hpa\.maxReplicas=0\)$/,
    );
  });
});

function refusal(file: string, vary: string): readonly string[] {
  try {
    sweep(file, vary);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`--vary ${vary} was accepted`);
}
