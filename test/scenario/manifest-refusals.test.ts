// What an included manifest asks that poolsim does not simulate is refused where it is written
// (house rule: simulate it or refuse it, never accept and ignore); what it does simulate is read.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { readManifests } from '../../src/scenario/manifests.js';
import { formatProblem, parseYaml } from '../../src/scenario/source.js';

const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

const scenario = (rest = '') => `name: t
duration: 1h
include: [app.yaml]
${rest}designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
`;

// A Deployment whose pod spec is `pod` (indented 4), with one container of 100m / 128Mi after it.
const deployment = (pod: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: app }
spec:
  replicas: 2
  template:
    spec:
${pod}      containers:
        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
`;

const load = (manifest: string, rest = '') =>
  loadScenarioText('s.yaml', scenario(rest), files({ 'app.yaml': manifest }));
const problems = (manifest: string, rest = '') => load(manifest, rest).problems.map(formatProblem);

const LABELS = "but poolsim's pools have no labels yet, so any pool would take them";
const SPREAD =
  'topologySpreadConstraints: [{ topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: DoNotSchedule }]';
const EVERY_NODE =
  'but poolsim puts every included DaemonSet on every node; expected no nodeSelector, or list it under the pools it runs on (designs.<d>.pools.<p>.daemonSets) instead';

describe('a pod template that asks for particular nodes', () => {
  it.each([
    [
      'a nodeSelector (1)',
      `      nodeSelector: { kubernetes.io/os: linux, pool: gpu }\n`,
      `app.yaml:8:21: spec.template.spec.nodeSelector: Deployment app pins its pods to nodes labelled "pool=gpu", ${LABELS}; expected no nodeSelector (give each design only the pools the workload may use)`,
    ],
    [
      'a required node affinity (1)',
      `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: pool, operator: In, values: [gpu, tpu] }] }]
`,
      `app.yaml:10:11: spec.template.spec.affinity.nodeAffinity: Deployment app pins its pods to nodes labelled "pool In (gpu, tpu)", ${LABELS}; expected no required node affinity (give each design only the pools the workload may use)`,
    ],
    [
      'a required pod anti-affinity (2)',
      `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: kubernetes.io/hostname }]
`,
      `app.yaml:10:11: spec.template.spec.affinity.podAntiAffinity: required pod anti-affinity is not modelled; expected ${SPREAD} to keep replicas on separate nodes`,
    ],
    [
      'a required pod affinity (2)',
      `      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: kubernetes.io/hostname }]
`,
      `app.yaml:10:11: spec.template.spec.affinity.podAffinity: required pod affinity is not modelled; expected none (to keep replicas on separate nodes instead: ${SPREAD})`,
    ],
    [
      'a preferred pod anti-affinity (2)',
      `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: kubernetes.io/hostname } }]
`,
      'app.yaml:10:11: spec.template.spec.affinity.podAntiAffinity: preferred pod anti-affinity only changes scoring, which poolsim does not model for affinity; expected none',
    ],
    [
      'a preferred node affinity (2)',
      `      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [] } }]
`,
      'app.yaml:10:11: spec.template.spec.affinity.nodeAffinity: preferred node affinity only changes scoring, which poolsim does not model for affinity; expected none',
    ],
    [
      'a spread over zones (3)',
      `      topologySpreadConstraints:
        - { topologyKey: topology.kubernetes.io/zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule }
`,
      'app.yaml:9:26: spec.template.spec.topologySpreadConstraints[0].topologyKey: "topology.kubernetes.io/zone" is not modelled yet (nodes have no zones); expected kubernetes.io/hostname',
    ],
    [
      'a spread with maxSkew 2 (3)',
      `      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 2, whenUnsatisfiable: DoNotSchedule }
`,
      'app.yaml:9:59: spec.template.spec.topologySpreadConstraints[0].maxSkew: spread is simulated with maxSkew 1; expected maxSkew: 1',
    ],
    [
      'a soft spread (3)',
      `      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: ScheduleAnyway }
`,
      'app.yaml:9:81: spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable: ScheduleAnyway only changes scoring, which poolsim does not model; expected DoNotSchedule, or no constraint',
    ],
    [
      'a spread counting only pods of the same revision (3)',
      `      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [pod-template-hash] }
`,
      "app.yaml:9:112: spec.template.spec.topologySpreadConstraints[0].matchLabelKeys: matchLabelKeys (counting only pods of the same revision) is not modelled (spread counts the workload's pods on every node); expected it left out",
    ],
    [
      'host networking (4)',
      '      hostNetwork: true\n',
      "app.yaml:8:20: spec.template.spec.hostNetwork: host-network pods take the node's IP and ports, which poolsim models for DaemonSets only; expected no hostNetwork (a container's hostPort keeps one pod per node)",
    ],
    [
      'a priority class (4)',
      '      priorityClassName: high\n',
      'app.yaml:8:26: spec.template.spec.priorityClassName: pod priority and preemption are not modelled (one scheduling queue, no preemption); expected no priorityClassName',
    ],
    [
      'its own eviction timing (4)',
      `      tolerations:
        - { key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }
        - { key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300 }
        - { key: dedicated, operator: Equal, value: batch, effect: NoSchedule }
`,
      'app.yaml:9:106: spec.template.spec.tolerations[0].tolerationSeconds: tolerates node.kubernetes.io/unreachable for 60 s, but poolsim evicts every pod 300 s after the taint (the default toleration); expected tolerationSeconds: 300, or no such toleration',
    ],
    [
      'a toleration of every taint (4)',
      '      tolerations: [{ operator: Exists }]\n',
      'app.yaml:8:21: spec.template.spec.tolerations[0]: tolerates node.kubernetes.io/not-ready and node.kubernetes.io/unreachable for ever, but poolsim evicts every pod 300 s after the taint (the default toleration); expected tolerationSeconds: 300, or no such toleration',
    ],
  ])('refuses %s', (_name, pod, message) => {
    const r = load(deployment(pod));
    expect(r.scenario).toBeNull();
    expect(r.problems.map(formatProblem)).toEqual([message]);
  });

  it('refuses an extended resource, once, where its request (else its limit) is written (1)', () => {
    const app = deployment('').replace(
      '        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n',
      `        - name: a
          resources:
            requests: { cpu: 100m, memory: 128Mi, nvidia.com/gpu: 1 }
            limits: { nvidia.com/gpu: 1, example.com/fpga: 2 }
`,
    );
    expect(problems(app)).toEqual([
      'app.yaml:11:67: spec.template.spec.containers[0].resources.requests["nvidia.com/gpu"]: extended resources are not modelled (nodes have cpu, memory, pods, pod IPs and volumes), so these pods would land on any node; expected cpu and memory requests only',
      'app.yaml:12:60: spec.template.spec.containers[0].resources.limits["example.com/fpga"]: extended resources are not modelled (nodes have cpu, memory, pods, pod IPs and volumes), so these pods would land on any node; expected cpu and memory requests only',
    ]);
  });

  it('keeps spread over nodes with maxSkew 1, DoNotSchedule, and a selector every node meets (3)', () => {
    const r = load(
      deployment(`      nodeSelector: { kubernetes.io/os: linux }
      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: DoNotSchedule }
      tolerations: [{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300 }]
`),
    );
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]!.spread).toBe(true);
  });
});

describe('a DaemonSet that runs on some nodes only (4)', () => {
  const daemonSet = (pod: string) => deployment(pod, 'DaemonSet').replace('  replicas: 2\n', '');

  it.each([
    [
      'by nodeSelector',
      '      nodeSelector: { pool: gpu }\n',
      `app.yaml:7:21: spec.template.spec.nodeSelector: DaemonSet app runs on some nodes only (labelled "pool=gpu"), ${EVERY_NODE}`,
    ],
    [
      'by required node affinity',
      `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: gpu, operator: Exists }] }]
`,
      `app.yaml:9:11: spec.template.spec.affinity.nodeAffinity: DaemonSet app runs on some nodes only (labelled "gpu Exists"), ${EVERY_NODE.replace('no nodeSelector', 'no required node affinity')}`,
    ],
  ])('is refused %s', (_name, pod, message) => {
    expect(problems(daemonSet(pod), 'workloads: { w: { requests: { cpu: 1, memory: 1Gi } } }\n')).toEqual([message]);
  });

  it('is read when it runs on every Linux node, whatever it tolerates', () => {
    const r = load(
      daemonSet(`      nodeSelector: { kubernetes.io/os: linux }
      priorityClassName: system-node-critical
      tolerations: [{ operator: Exists }]
`),
      'workloads: { w: { requests: { cpu: 1, memory: 1Gi } } }\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.scenario!.designs[0]!.pools[0]!.node.daemonSets).toEqual([
      { name: 'app', cpuMilli: 100, memoryBytes: 128 * 2 ** 20 },
    ]);
  });
});

describe("a pod's other images (5)", () => {
  const app = `apiVersion: apps/v1
kind: Deployment
metadata: { name: app }
spec:
  template:
    spec:
      initContainers:
        - { name: migrate, image: migrate:1 }
        - { name: same, image: app:1 }
      containers:
        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }
        - { name: proxy, image: envoy:1.30 }
`;
  const fix =
    "poolsim pulls one image a workload, the first container's; expected the workload's image restated in the scenario with their combined size (workloads.app.image: { name, size })";

  it('are refused where they are written, naming the fix', () => {
    expect(problems(app)).toEqual([
      `app.yaml:12:33: spec.template.spec.containers[1].image: "envoy:1.30" is not pulled: ${fix}`,
      `app.yaml:8:35: spec.template.spec.initContainers[0].image: "migrate:1" is not pulled: ${fix}`,
    ]);
  });

  it('stand when the scenario restates the image (load.ts says whether it does)', () => {
    const docs = parseYaml('app.yaml', app, true).docs;
    expect(readManifests(docs, (w) => w === 'app').problems).toEqual([]);
    expect(readManifests(docs).problems).toHaveLength(2);
  });
});

describe('probes and pod-level resources', () => {
  it("wait for the slowest container's startup and readiness delays (6)", () => {
    const app = deployment('').replace(
      '        - { name: a, image: app:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }\n',
      `        - name: a
          resources: { requests: { cpu: 100m, memory: 128Mi } }
          readinessProbe: { initialDelaySeconds: 10 }
        - name: b
          startupProbe: { initialDelaySeconds: 20 }
          readinessProbe: { initialDelaySeconds: 5 }
`,
    );
    const r = load(app);
    expect(r.problems).toEqual([]);
    // a: 10 s; b: 20 + 5 = 25 s, the larger.
    expect(r.scenario!.workloads[0]!.readinessDelay).toEqual({ kind: 'constant', value: 25_000 });
  });

  it("take pod-level requests over the containers' sum, and a pod-level limit where no container asks (7)", () => {
    const app = deployment(`      resources:
        requests: { cpu: "1" }
        limits: { cpu: "2", memory: 1Gi }
`).replace('{ cpu: 100m, memory: 128Mi }', '{ cpu: 100m }');
    const r = load(app);
    expect(r.problems).toEqual([]);
    // cpu: the pod's request 1 (not the containers' 100m); memory: no container asks, so the pod's limit.
    expect(r.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 1000, memoryBytes: 2 ** 30 });
  });
});

describe("an HPA's fields", () => {
  const hpa = (spec: string) => `${deployment('')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: app }
spec:
  scaleTargetRef: { kind: Deployment, name: app }
  maxReplicas: 5
${spec}`;

  it("reads a tolerance for one direction, the other keeping the HPA's (8)", () => {
    const r = load(hpa('  behavior: { scaleUp: { tolerance: 0.05 } }\n'));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]!.hpa!.tolerance).toEqual({ scaleUp: 0.05, scaleDown: 0.1 });
  });

  it('names the autoscaling/v2 form of a v2beta1 target (9)', () => {
    expect(
      problems(hpa('  metrics: [{ type: Resource, resource: { name: cpu, targetAverageUtilization: 60 } }]\n')),
    ).toEqual([
      'app.yaml:17:41: spec.metrics[0].resource: targetAverageUtilization is autoscaling/v2beta1; expected target: { type: Utilization, averageUtilization: 60 }',
    ]);
  });
});

describe("a Deployment's rollout settings (10)", () => {
  const app = (strategy: string) =>
    deployment('').replace(
      '  replicas: 2\n',
      `  replicas: 2
  minReadySeconds: 10
  progressDeadlineSeconds: 120
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: ${strategy}, maxUnavailable: 0 }
`,
    );

  it('are read into the workload, as written', () => {
    expect(problems(app('"50%"'))).toEqual([]);
  });

  it('are checked by the scenario schema where the manifest writes them', () => {
    expect(problems(app('half'))).toEqual([
      expect.stringMatching(/^app\.yaml:10:32: spec\.strategy\.rollingUpdate\.maxSurge: /),
    ]);
  });
});

describe('autoscaler settings that change nothing', () => {
  const design = (autoscaler: string) => `name: t
duration: 1h
workloads: { app: { requests: { cpu: 1, memory: 1Gi } } }
${autoscaler}designs:
  d:
    autoscaler: { expander: least-waste, priorities: { main: 10 } }
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
`;
  const validate = (text: string) => loadScenarioText('s.yaml', text).problems.map(formatProblem);

  it('refuses scaleDownDelayAfterFailure when written (11), and priorities without the priority expander (12)', () => {
    expect(validate(design('autoscaler: { scaleDownDelayAfterFailure: 3m, priorities: { main: 1 } }\n'))).toEqual([
      "s.yaml:7:54: designs.d.autoscaler.priorities: apply only to the priority expander, and this design's expander is least-waste; expected expander: priority with them",
      's.yaml:4:43: autoscaler.scaleDownDelayAfterFailure: scale-down failures are not modelled (drains never fail), so it would change nothing; expected it left out',
      "s.yaml:4:59: autoscaler.priorities: apply only to the priority expander, and no design's expander is priority (least-waste); expected expander: priority with them",
    ]);
  });
});
