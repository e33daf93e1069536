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

const EVERY_NODE =
  'but poolsim puts every included DaemonSet on every node; expected no nodeSelector, or list it under the pools it runs on (designs.<d>.pools.<p>.daemonSets) instead';

describe('a pod template that asks for particular nodes', () => {
  it('reads what only weighs in scoring: preferred affinity of both kinds and ScheduleAnyway spread', () => {
    const r = load(
      deployment(`      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - { weight: 10, preference: { matchExpressions: [{ key: disk, operator: In, values: [ssd] }] } }
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: kubernetes.io/hostname } }]
      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: ScheduleAnyway }
`),
    );
    expect(r.problems).toEqual([]);
    const spec = r.scenario!.workloads[0]!.template.spec!;
    expect(spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.weight).toBe(10);
    expect(spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.weight).toBe(100);
    expect(spec.topologySpreadConstraints?.[0]?.whenUnsatisfiable).toBe('ScheduleAnyway');
  });

  it('is read: labels, namespace, nodeSelector, tolerations, affinity and spread reach the pod template', () => {
    const r = load(
      deployment(`      nodeSelector: { pool: gpu }
      tolerations: [{ key: dedicated, operator: Equal, value: gpu, effect: NoSchedule }]
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }
      topologySpreadConstraints:
        - { topologyKey: topology.kubernetes.io/zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }
`).replace('  template:\n', '  template:\n    metadata: { labels: { app: web } }\n'),
    );
    expect(r.problems).toEqual([]);
    const t = r.scenario!.workloads[0]!.template;
    expect(t.metadata).toEqual({
      namespace: 'default',
      // Its first ReplicaSet owns it and labels it: the cluster-default spread and matchLabelKeys
      // count the pods of one ReplicaSet together.
      labels: { app: 'web', 'pod-template-hash': 'r0' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'app-r0', uid: 'default/app-r0', controller: true },
      ],
    });
    expect(t.spec?.nodeSelector).toEqual({ pool: 'gpu' });
    expect(t.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]?.topologyKey).toBe(
      'kubernetes.io/hostname',
    );
    expect(t.spec?.topologySpreadConstraints?.[0]?.topologyKey).toBe('topology.kubernetes.io/zone');
    // DefaultTolerationSeconds adds the not-ready and unreachable tolerations for 300 s.
    expect(t.spec?.tolerations?.map((x) => x.key)).toEqual([
      'dedicated',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
    ]);
    expect(r.scenario!.workloads[0]!.unreachableTolerationMs).toBe(300_000);
  });

  it.each([
    [
      'its own',
      '{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30 }',
      30_000,
    ],
    ['for ever', '{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute }', null],
    ['for ever, any NoExecute taint', '{ operator: Exists, effect: NoExecute }', null],
    [
      'the least of two',
      '{ key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }, { key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 20 }',
      20_000,
    ],
  ])('takes %s eviction timing from its tolerations', (_name, tolerations, ms) => {
    const r = load(deployment(`      tolerations: [${tolerations}]\n`));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.workloads[0]!.unreachableTolerationMs).toBe(ms);
  });

  it.each([
    [
      'an unknown node selector operator',
      `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: pool, operator: Inside, values: [gpu] }] }]
`,
      /^app\.yaml:11:77: spec\.template\.spec\.affinity\.nodeAffinity.*\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.operator: "Inside" is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt$/,
    ],
    [
      'a label selector with values on Exists',
      `      topologySpreadConstraints:
        - { topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchExpressions: [{ key: app, operator: Exists, values: [web] }] } }
`,
      /^app\.yaml:9:\d+: spec\.template\.spec\.topologySpreadConstraints\[0\]\.labelSelector\.matchExpressions\[0\]\.values: Exists takes no values; expected values left out$/,
    ],
    [
      'a toleration effect upstream does not know',
      '      tolerations: [{ key: dedicated, operator: Exists, effect: NoRun }]\n',
      /^app\.yaml:8:\d+: spec\.template\.spec\.tolerations\[0\]\.effect: .*NoSchedule.*PreferNoSchedule.*NoExecute/,
    ],
    [
      'tolerationSeconds without NoExecute',
      '      tolerations: [{ key: dedicated, operator: Exists, effect: NoSchedule, tolerationSeconds: 5 }]\n',
      /^app\.yaml:8:\d+: spec\.template\.spec\.tolerations\[0\]\.tolerationSeconds: tolerationSeconds applies to NoExecute taints only; expected effect: NoExecute with it$/,
    ],
    [
      'a malformed label key in a selector',
      `      topologySpreadConstraints:
        - { topologyKey: "bad key!", maxSkew: 1, whenUnsatisfiable: DoNotSchedule }
`,
      /^app\.yaml:9:\d+: spec\.template\.spec\.topologySpreadConstraints\[0\]\.topologyKey: "bad key!" is not a label key/,
    ],
    [
      'a toleration of the not-ready taint for scheduling',
      '      tolerations: [{ operator: Exists }]\n',
      /^app\.yaml:8:\d+: spec\.template\.spec\.tolerations\[0\]: tolerates node\.kubernetes\.io\/not-ready, node\.kubernetes\.io\/unreachable, ToBeDeletedByClusterAutoscaler for scheduling, which poolsim does not simulate/,
    ],
    [
      "a timed toleration of a pool's taint",
      '      tolerations: [{ key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }]\n',
      /^app\.yaml:8:\d+: spec\.template\.spec\.tolerations\[0\]\.tolerationSeconds: a timed toleration is simulated for node\.kubernetes\.io\/not-ready and node\.kubernetes\.io\/unreachable only/,
    ],
    [
      'host networking (4)',
      '      hostNetwork: true\n',
      /^app\.yaml:8:20: spec\.template\.spec\.hostNetwork: host-network pods take the node's IP and ports, which poolsim models for DaemonSets only; expected no hostNetwork \(a container's hostPort keeps one pod per node\)$/,
    ],
    [
      'a priority class no one defines',
      '      priorityClassName: high\n',
      /^app\.yaml:8:26: spec\.template\.spec\.priorityClassName: no PriorityClass "high" is defined; expected one of system-cluster-critical, system-node-critical \(define it under priorityClasses, or include its manifest\)$/,
    ],
    [
      'a priority written by hand',
      '      priority: 100\n',
      /^app\.yaml:8:17: spec\.template\.spec\.priority: spec\.priority is set by the API server from priorityClassName/,
    ],
  ])('refuses %s where the manifest writes it', (_name, pod, message) => {
    const r = load(deployment(pod));
    expect(r.scenario).toBeNull();
    expect(r.problems.map(formatProblem)).toHaveLength(1);
    expect(r.problems.map(formatProblem)[0]).toMatch(message);
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

describe('a PodDisruptionBudget manifest', () => {
  const pdb = (spec: string, ns = '') => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: app-pdb${ns} }
spec:
${spec}`;
  const app = deployment('').replace('  template:\n', '  template:\n    metadata: { labels: { app: web } }\n');

  it('is read: it guards the workloads its selector picks', () => {
    const r = load(app + pdb('  selector: { matchLabels: { app: web } }\n  maxUnavailable: 1\n'));
    expect(r.problems).toEqual([]);
    expect(r.scenario!.budgets).toEqual([
      {
        name: 'app-pdb',
        namespace: 'default',
        selector: { matchLabels: { app: 'web' } },
        spec: { maxUnavailable: 1 },
        workloads: ['app'],
      },
    ]);
  });

  it.each([
    [
      'one that selects no workload',
      '  selector: { matchLabels: { app: db } }\n  minAvailable: 1\n',
      /^app\.yaml:\d+:\d+: spec\.selector: selects no workload's pods in namespace default, so it would guard nothing; expected a selector matching a workload's labels, e\.g\. matchLabels: \{ app: web \}$/,
    ],
    [
      'one with both minAvailable and maxUnavailable',
      '  selector: { matchLabels: { app: web } }\n  minAvailable: 1\n  maxUnavailable: 1\n',
      /^app\.yaml:\d+:\d+: spec\.maxUnavailable: sets both minAvailable and maxUnavailable; expected one of them, as the API server insists$/,
    ],
    [
      'a percentage beyond 100%',
      '  selector: { matchLabels: { app: web } }\n  maxUnavailable: 120%\n',
      /^app\.yaml:\d+:\d+: spec\.maxUnavailable: .*percentage up to 100%/,
    ],
    [
      'an unhealthy-pod eviction policy it does not model',
      '  selector: { matchLabels: { app: web } }\n  minAvailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n',
      /^app\.yaml:\d+:\d+: spec\.unhealthyPodEvictionPolicy: PodDisruptionBudget app-pdb: "AlwaysAllow" is not modelled/,
    ],
  ])('refuses %s where the manifest writes it', (_name, spec, message) => {
    const r = load(app + pdb(spec));
    expect(r.scenario).toBeNull();
    expect(r.problems.map(formatProblem)).toHaveLength(1);
    expect(r.problems.map(formatProblem)[0]).toMatch(message);
  });
});

describe('a PriorityClass manifest', () => {
  it('is read, and gives the pods that name it their priority and preemption policy', () => {
    const r = load(
      `${deployment('      priorityClassName: batch-low\n')}---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: batch-low }
value: -5
preemptionPolicy: Never
`,
    );
    expect(r.problems).toEqual([]);
    const w = r.scenario!.workloads[0]!;
    expect(w.priority).toBe(-5);
    expect(w.template.spec).toMatchObject({ priority: -5, priorityClassName: 'batch-low', preemptionPolicy: 'Never' });
  });
});
