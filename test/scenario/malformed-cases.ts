// The malformed-scenario catalog: each case breaks one thing in a small sound scenario.
// Line numbers refer to BASE below (line 1 is `name: t`).
export const BASE = `name: t
duration: 1h
workloads:
  app:
    replicas: 3
    requests: { cpu: 300m, memory: 2Gi }
designs:
  big:
    pools:
      main:
        instanceType: e2-standard-4
        max: 3
`;

const swap = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`BASE has no ${JSON.stringify(from)}`);
  return BASE.replace(from, to);
};
const pool = (extra: string) => swap('        max: 3\n', `        max: 3\n        ${extra}\n`);
const add = (extra: string) => `${BASE}${extra}\n`;

/** MalformedCase is a scenario text and the problem lines it must produce (substrings, in order). */
export interface MalformedCase {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly string[];
}

export const CASES: readonly MalformedCase[] = [
  // YAML itself
  {
    name: 'unclosed flow list',
    text: add('include: [a.yaml, b.yaml'),
    expected: ['14:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    name: 'duplicate key',
    text: swap('duration: 1h\n', 'duration: 1h\nduration: 2h\n'),
    expected: ['3:1: duplicate key duration; expected each key once in a mapping'],
  },
  {
    name: 'tab indentation',
    text: swap('    replicas: 3', '\treplicas: 3'),
    expected: ['5:1: YAML syntax: Tabs are not allowed as indentation'],
  },
  {
    name: 'a list, not a mapping',
    text: '- name: t\n- duration: 1h\n',
    expected: ['1:1: the file holds no mapping; expected a scenario with name, duration, workloads and designs'],
  },
  {
    name: 'empty file',
    text: '',
    expected: ['1:1: the file holds nothing; expected a scenario with name, duration, workloads and designs'],
  },
  {
    name: 'unknown alias',
    text: add('description: *nothing'),
    expected: ['13:14: YAML: Unresolved alias (the anchor must be set before the alias): nothing'],
  },
  // top level
  { name: 'missing name', text: swap('name: t\n', ''), expected: ['1:1: name: missing; expected text'] },
  {
    name: 'bad name',
    text: swap('name: t', 'name: Node_Size'),
    expected: [
      '1:7: name: "Node_Size" must be lower-case letters, digits, dashes and dots, starting and ending with a letter or digit (e.g. web-api)',
    ],
  },
  {
    name: 'missing duration',
    text: swap('duration: 1h\n', ''),
    expected: ['1:1: duration: missing; expected a duration such as 15s, 5m or 1h30m'],
  },
  {
    name: 'duration without unit',
    text: swap('duration: 1h', 'duration: 3600'),
    expected: [
      '2:11: duration: 3600 has no unit; write 3600s, 3600m or 3600ms; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)',
    ],
  },
  {
    name: 'duration in days',
    text: swap('duration: 1h', 'duration: 2d'),
    expected: [
      '2:11: duration: "2d" has an unknown unit "d"; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)',
    ],
  },
  {
    name: 'negative duration',
    text: swap('duration: 1h', 'duration: -1h'),
    expected: ['2:11: duration: "-1h" is negative; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)'],
  },
  {
    name: 'absurd duration',
    text: swap('duration: 1h', 'duration: 2000h'),
    expected: ['2:11: duration: is longer than 31 days; expected a shorter run (a day is 24h)'],
  },
  {
    name: 'zero duration',
    text: swap('duration: 1h', 'duration: 0s'),
    expected: ['2:11: duration: must be above 0; expected e.g. 1h'],
  },
  {
    name: 'unquoted version',
    text: add('kubernetesVersion: 1.30'),
    expected: [
      '13:20: kubernetesVersion: 1.3 is a number to YAML (1.30 would read as 1.3); expected the version quoted, e.g. "1.3"',
    ],
  },
  {
    name: 'not a version',
    text: add('kubernetesVersion: "latest"'),
    expected: ['13:20: kubernetesVersion: "latest" is not a Kubernetes version; expected e.g. "1.31"'],
  },
  { name: 'negative seed', text: add('seed: -4'), expected: ['13:7: seed: -4 is below 0; expected a number ≥ 0'] },
  {
    name: 'misspelt top-level key',
    text: add('desgins: {}'),
    expected: [
      '13:1: desgins: unknown key "desgins" (did you mean designs?); expected one of name, description, duration, seed, kubernetesVersion, sampleInterval, start, warmup, zones, include, workloads, load, priorityClasses, podDisruptionBudgets, defaults, autoscaler, apiServer, scheduler, designs, faults, catalog, sweep',
    ],
  },
  // workloads
  {
    name: 'misspelt workload key',
    text: swap('    replicas: 3', '    replcas: 3'),
    expected: [
      '5:5: workloads.app.replcas: unknown key "replcas" (did you mean replicas?); expected one of kind, replicas, requests, limits, image, containerStart, readinessDelay, terminationGracePeriod, volumesPerReplica, hostPort, spread, namespace, labels, nodeSelector, doNotDisrupt, tolerations, affinity, priorityClassName, topologySpreadConstraints, scale, podManagementPolicy, updateStrategy, strategy, minReady, progressDeadline, rollouts, hpa',
    ],
  },
  {
    name: 'replicas as a word',
    text: swap('replicas: 3', 'replicas: three'),
    expected: ['5:15: workloads.app.replicas: "three" is text; expected a number'],
  },
  {
    name: 'fractional replicas',
    text: swap('replicas: 3', 'replicas: 2.5'),
    expected: ['5:15: workloads.app.replicas: 2.5 is a fraction; expected a whole number'],
  },
  {
    name: 'absurd replicas',
    text: swap('replicas: 3', 'replicas: 50000000'),
    expected: [
      '5:15: workloads.app.replicas: 50,000,000 is above 1,000,000; expected at most 1,000,000 replicas (more is a typo, not a plan)',
    ],
  },
  {
    name: 'memory in GB',
    text: swap('memory: 2Gi', 'memory: 2GB'),
    expected: [
      '6:36: workloads.app.requests.memory: "2GB" is not a quantity: unknown suffix "GB" (did you mean Gi, binary, or G, decimal?); expected a number with an optional suffix: m (milli), k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e9 (e.g. 300m, 1.5, 2Gi, 512Mi, 1e9)',
    ],
  },
  {
    name: 'negative cpu',
    text: swap('cpu: 300m', 'cpu: -300m'),
    expected: ['6:22: workloads.app.requests.cpu: "-300m" is negative; CPU must be 0 or more'],
  },
  {
    name: 'no memory request',
    text: swap('requests: { cpu: 300m, memory: 2Gi }', 'requests: { cpu: 300m }'),
    expected: [
      '6:15: workloads.app.requests: no memory request; expected requests: { cpu: 300m, memory: 2Gi } here or in an included manifest',
    ],
  },
  {
    name: 'unknown kind',
    text: swap('    replicas: 3', '    kind: DaemonSet\n    replicas: 3'),
    expected: ['5:11: workloads.app.kind: "DaemonSet" is not one of Deployment, StatefulSet'],
  },
  {
    name: 'volumes on a Deployment',
    text: swap('    replicas: 3', '    replicas: 3\n    volumesPerReplica: 1'),
    expected: [
      '6:24: workloads.app.volumesPerReplica: only a StatefulSet has volumes per replica; expected kind: StatefulSet',
    ],
  },
  {
    name: 'hpa min above max',
    text: swap('    replicas: 3', '    replicas: 3\n    hpa: { minReplicas: 5, maxReplicas: 2 }'),
    expected: [
      '6:41: workloads.app.hpa.maxReplicas: maxReplicas 2 is below minReplicas 5; expected minReplicas ≤ maxReplicas',
    ],
  },
  {
    name: 'hpa metric with both targets',
    text: swap(
      '    replicas: 3',
      '    replicas: 3\n    hpa: { maxReplicas: 9, metrics: [{ resource: cpu, targetUtilization: 60, targetAverageValue: 200m }] }',
    ),
    expected: [
      '6:38: workloads.app.hpa.metrics[0]: give exactly one of targetUtilization (percent of request) and targetAverageValue (a quantity per pod)',
    ],
  },
  {
    name: 'hpa on an unknown resource',
    text: swap(
      '    replicas: 3',
      '    replicas: 3\n    hpa: { maxReplicas: 9, metrics: [{ resource: gpu, targetUtilization: 60 }] }',
    ),
    expected: ['6:50: workloads.app.hpa.metrics[0].resource: "gpu" is not one of cpu, memory (did you mean cpu?)'],
  },
  {
    name: 'hpa policy of unknown type',
    text: swap(
      '    replicas: 3',
      '    replicas: 3\n    hpa: { maxReplicas: 9, behavior: { scaleUp: { policies: [{ type: Pod, value: 4, period: 15s }] } } }',
    ),
    expected: [
      '6:70: workloads.app.hpa.behavior.scaleUp.policies[0].type: "Pod" is not one of Pods, Percent (did you mean Pods?)',
    ],
  },
  {
    name: 'image layers that do not add up',
    text: swap('    replicas: 3', '    replicas: 3\n    image: { name: app:1, size: 1G, layers: [500M, 200M] }'),
    expected: [
      '6:45: workloads.app.image.layers: the layers add up to 700000000 bytes but size is 1000000000; expected layers that add up to size',
    ],
  },
  {
    name: 'a rollout with neither surge nor unavailability (upstream refuses it)',
    text: swap('    replicas: 3', '    replicas: 3\n    rollouts: [{ at: 5m, maxSurge: 0, maxUnavailable: 0 }]'),
    expected: [
      '6:55: workloads.app.rollouts[0].maxUnavailable: may not be 0 when `maxSurge` is 0; expected e.g. maxSurge: 25%, maxUnavailable: 0',
    ],
  },
  // load
  {
    name: 'load for an unknown workload',
    text: add('load:\n  ap:\n    cpuPerRequest: 1m\n    profile: { constant: 100 }'),
    expected: ['14:3: load.ap: no workload is called "ap" (did you mean app?); expected one of the workloads\' names'],
  },
  {
    name: 'misspelt load profile',
    text: add('load:\n  app:\n    cpuPerRequest: 1m\n    profile: { constnt: 100 }'),
    expected: [
      '16:16: load.app.profile.constnt: unknown kind "constnt" (did you mean constant?); expected one of the kinds constant, step, ramp, spike, diurnal or trace, e.g. profile: { constant: 500 }',
    ],
  },
  {
    name: 'missing trace file',
    text: add('load:\n  app:\n    cpuPerRequest: 1m\n    profile: { trace: { file: traces/none.csv } }'),
    expected: ['16:31: load.app.profile.trace.file: cannot read "traces/none.csv": no such file'],
  },
  // designs and pools
  {
    name: 'no designs',
    text: BASE.replace(/designs:[\s\S]*/, 'designs: {}\n'),
    expected: [
      '7:10: designs: no designs; expected at least one, e.g. designs: { big: { pools: { main: { instanceType: e2-standard-8, max: 5 } } } }',
    ],
  },
  {
    name: 'design without pools',
    text: BASE.replace(/ {4}pools:[\s\S]*/, '    pools: {}\n'),
    expected: [
      '9:12: designs.big.pools: no pools; expected at least one, e.g. main: { instanceType: e2-standard-4, max: 10 } (or karpenter: { nodePools: [default] } beside pools)',
    ],
  },
  {
    name: 'unknown instance type',
    text: swap('e2-standard-4', 'e2-standard-44'),
    expected: [
      '11:23: designs.big.pools.main.instanceType: unknown instance type "e2-standard-44" (did you mean e2-standard-4?); expected a built-in type (see `poolsim instances`) or one defined under catalog',
    ],
  },
  {
    name: 'no instance type anywhere',
    text: swap('        instanceType: e2-standard-4\n', ''),
    expected: [
      '11:9: designs.big.pools.main: no instanceType; expected one here or in defaults, e.g. instanceType: e2-standard-4 or instanceType: { cpu: 4, memory: 16Gi }',
    ],
  },
  {
    name: 'min above max',
    text: pool('min: 5'),
    expected: ['12:14: designs.big.pools.main.max: max 3 is below min 5; expected min ≤ max'],
  },
  {
    name: 'initial above max',
    text: pool('initial: 9'),
    expected: [
      '13:18: designs.big.pools.main.initial: initial 9 is outside min 0 … max 3; expected min ≤ initial ≤ max',
    ],
  },
  {
    name: 'a design named as a file every run writes',
    text: swap('  big:\n', '  report.html:\n'),
    expected: [
      '8:3: designs["report.html"]: is the name of a file every run writes beside the designs\' folders (charts, comparison.csv, report.html); expected another name',
    ],
  },
  {
    name: 'absurd node count',
    text: swap('max: 3', 'max: 250000'),
    expected: [
      '12:14: designs.big.pools.main.max: 250,000 is above 100,000; expected at most 100,000 nodes (more is a typo: Kubernetes is designed for 5,000 nodes a cluster)',
    ],
  },
  {
    name: 'negative max',
    text: swap('max: 3', 'max: -1'),
    expected: ['12:14: designs.big.pools.main.max: -1 is below 0; expected a number ≥ 0'],
  },
  {
    name: 'pod CIDR too small',
    text: pool('podCidr: 31'),
    expected: [
      '13:18: designs.big.pools.main.podCidr: /31 is not a usable pod CIDR; expected a prefix length from 8 to 30 (24 gives 254 pod IPs)',
    ],
  },
  {
    name: 'lognormal p95 below median',
    text: pool('provisioning: { lognormal: { median: 2m, p95: 30s } }'),
    expected: [
      '13:23: designs.big.pools.main.provisioning: lognormal p95 30s is below its median 2m; expected a p95 at least the median',
    ],
  },
  {
    name: 'misspelt distribution',
    text: pool('provisioning: { lognormall: { median: 2m, p95: 5m } }'),
    expected: [
      '13:23: designs.big.pools.main.provisioning: { lognormall } is not a form this field takes (did you mean lognormal?); expected a duration such as 90s, or a distribution: { constant }, { uniform: [min, max] }, { normal: { mean, stddev } }, { lognormal: { median, p95 } }, { exponential: { mean } } or { empirical: [values] }',
    ],
  },
  {
    name: 'uniform bounds reversed',
    text: pool('nodeStartup: { uniform: [30s, 10s] }'),
    expected: [
      '13:22: designs.big.pools.main.nodeStartup: uniform lower bound 30s is above its upper bound 10s; expected [min, max]',
    ],
  },
  {
    name: 'unknown reservation profile',
    text: pool('reservation: gce'),
    expected: [
      '13:22: designs.big.pools.main.reservation: "gce" is not one of gke, eks, aks, aks-legacy, none (did you mean gke?)',
    ],
  },
  {
    name: 'unknown supervisor setting',
    text: pool('supervisor: { systemd: { restart: alway } }'),
    expected: [
      '13:43: designs.big.pools.main.supervisor.systemd.restart: "alway" is not one of no, always, on-success, on-failure, on-abnormal, on-abort, on-watchdog (did you mean always?)',
    ],
  },
  {
    name: 'bandwidth without /s',
    text: pool('imagePull: { bandwidth: 100M }'),
    expected: [
      '13:33: designs.big.pools.main.imagePull.bandwidth: "100M" is not a bandwidth; expected bytes per second as a quantity with "/s", e.g. 100M/s or 1Gi/s',
    ],
  },
  {
    name: 'bad pool name',
    text: swap('      main:', '      Main_Pool:'),
    expected: [
      '10:7: designs.big.pools.Main_Pool: key "Main_Pool" must be lower-case letters, digits, dashes and dots, starting and ending with a letter or digit (e.g. web-api)',
    ],
  },
  {
    name: 'unknown expander',
    text: add('autoscaler: { expander: least-wast }'),
    expected: [
      '13:25: autoscaler.expander: "least-wast" is not one of least-waste, most-pods, least-nodes, random, price, priority (did you mean least-waste?)',
    ],
  },
  {
    name: 'utilization threshold above 1',
    text: add('autoscaler: { scaleDownUtilizationThreshold: 1.5 }'),
    expected: ['13:46: autoscaler.scaleDownUtilizationThreshold: 1.5 is above 1; expected at most 1'],
  },
  {
    name: 'infinite replicas',
    text: swap('replicas: 3', 'replicas: .inf'),
    expected: ['5:15: workloads.app.replicas: Infinity is not a finite number; expected a number'],
  },
  // found in review: prototype names, zero periods, unions, nested defaults
  {
    name: 'instance type named like an object property',
    text: swap('e2-standard-4', 'constructor'),
    expected: [
      '11:23: designs.big.pools.main.instanceType: unknown instance type "constructor"; expected a built-in type (see `poolsim instances`) or one defined under catalog',
    ],
  },
  {
    name: 'fault that would repeat without end',
    text: add('faults:\n  - kubeletCrash: { interval: 0s }'),
    expected: [
      '14:31: faults[0].kubeletCrash.interval: is 0 half the time or more, so faults would repeat without end; expected a typical interval above 0, e.g. { exponential: { mean: 6h } }',
    ],
  },
  {
    name: 'diurnal with no period',
    text: add('load:\n  app:\n    cpuPerRequest: 1m\n    profile: { diurnal: { mean: 10, amplitude: 5, period: 0s } }'),
    expected: ['16:59: load.app.profile.diurnal.period: must be above 0; expected e.g. 24h'],
  },
  {
    name: 'ramp that ends before it starts',
    text: add('load:\n  app:\n    cpuPerRequest: 1m\n    profile: { ramp: { start: 10m, end: 5m, to: 100 } }'),
    expected: ['16:41: load.app.profile.ramp.end: comes before start; expected a ramp that ends after it starts'],
  },
  {
    name: 'HPA policy with no period',
    text: swap(
      '    replicas: 3',
      '    replicas: 3\n    hpa: { maxReplicas: 9, behavior: { scaleUp: { policies: [{ type: Pods, value: 4, period: 0s }] } } }',
    ),
    expected: [
      '6:94: workloads.app.hpa.behavior.scaleUp.policies[0].period: must be above 0; expected e.g. 15s (periodSeconds ≥ 1)',
    ],
  },
  {
    name: 'zero scan interval',
    text: add('autoscaler: { scanInterval: 0s }'),
    expected: ['13:29: autoscaler.scanInterval: must be above 0; expected e.g. 10s'],
  },
  {
    name: 'priorities for an unknown pool',
    text: add('autoscaler: { expander: priority, priorities: { mian: 10 } }'),
    expected: [
      '13:49: autoscaler.priorities.mian: no design has a pool "mian" (did you mean main?); expected one of main',
    ],
  },
  {
    name: 'misspelt key inside a supervisor',
    text: pool('supervisor: { systemd: { restartSex: 5s } }'),
    expected: [
      '13:34: designs.big.pools.main.supervisor.systemd.restartSex: unknown key "restartSex" (did you mean restartSec?); expected one of restart, restartSec, startLimitBurst, startLimitInterval, restartSteps, restartMaxDelay',
    ],
  },
  {
    name: 'misspelt key inside a fault',
    text: add('faults:\n  - kubeletCrash: { at: 5m, exitcod: 1 }'),
    expected: [
      '14:29: faults[0].kubeletCrash.exitcod: unknown key "exitcod" (did you mean exitCode?); expected one of at, interval, pool, nodes, fraction, exitCode, signal, overload',
    ],
  },
  {
    name: 'misspelt key in an inline instance type',
    text: swap('instanceType: e2-standard-4', 'instanceType: { cpu: 4, memroy: 16Gi }'),
    expected: [
      '11:23: designs.big.pools.main.instanceType.memory: missing; expected a quantity of bytes such as 2Gi or 512Mi',
      '11:33: designs.big.pools.main.instanceType.memroy: unknown key "memroy" (did you mean memory?); expected one of provider, cpu, memory, pricePerHour, maxPods, podIPs, attachableVolumes, arch',
    ],
  },
  {
    name: 'inline instance type with no CPU',
    text: swap('instanceType: e2-standard-4', 'instanceType: { cpu: 0, memory: 16Gi }'),
    expected: [
      '11:23: designs.big.pools.main.instanceType: has no CPU or no memory; expected e.g. { cpu: 4, memory: 16Gi }',
    ],
  },
  {
    name: 'reservations the kubelet would refuse',
    text: swap('instanceType: e2-standard-4', 'instanceType: { cpu: 1, memory: 1Gi }\n        reservation: eks'),
    expected: [
      "11:9: designs.big.pools.main: kube/system reserved plus the eviction threshold exceed the node's memory; the kubelet would refuse to start; expected a larger instance type or smaller reservations",
    ],
  },
  {
    name: 'DaemonSets that do not fit the node',
    text: pool('daemonSets: [{ name: agent, cpu: "5", memory: 1Gi }]'),
    expected: [
      '11:9: designs.big.pools.main: the DaemonSets need more CPU than is allocatable; some DaemonSet pods would stay pending, which poolsim does not simulate (every node runs every DaemonSet pod); expected fewer or smaller DaemonSets, or a larger instance type',
    ],
  },
  {
    name: "too many nodes across a design's pools",
    text: swap('        max: 3\n', '        max: 60000\n      second: { instanceType: e2-standard-4, max: 60000 }\n'),
    expected: ['9:5: designs.big: its pools reach 120,000 nodes together; expected at most 100,000 in a design'],
  },
  {
    name: 'a mistake in defaults is reported once',
    text: BASE.replace('designs:', 'defaults: { maxPods: 0 }\ndesigns:').replace(
      '        max: 3\n',
      '        max: 3\n      second: { instanceType: e2-standard-4 }\n',
    ),
    expected: ['7:22: defaults.maxPods: 0 is below 1; expected a number ≥ 1'],
  },
  {
    name: 'many mistakes at once: schema and cross-field problems together',
    text:
      'name: t\nduration: 1h\nworkloads:\n  app:\n    replicas: three\n    requests: { cpu: 1, memory: 1Gi }\n' +
      '  api: { requests: { cpu: 1, memory: 1Gi }, hpa: { minReplicas: 5, maxReplicas: 2 } }\nload:\n' +
      '  app: { cpuPerRequest: 1m, profile: { constant: 5 } }\n  ap: { cpuPerRequest: 1m, profile: { constant: 5 } }\n' +
      'designs:\n  big:\n    pools:\n      main: { instanceType: e2-standard-44, min: 5, max: 3 }\n' +
      '      bad: { instanceType: e2-standard-4, max: -1 }\nfaults:\n  - nodeLoss: { at: 5m, pool: bad }\n  - nodeLoss: { at: 5m, pool: mian }\n',
    expected: [
      '5:15: workloads.app.replicas: "three" is text; expected a number',
      '15:48: designs.big.pools.bad.max: -1 is below 0; expected a number ≥ 0',
      '10:3: load.ap: no workload is called "ap" (did you mean app?); expected one of the workloads\' names',
      '7:81: workloads.api.hpa.maxReplicas: maxReplicas 2 is below minReplicas 5; expected minReplicas ≤ maxReplicas',
      '14:29: designs.big.pools.main.instanceType: unknown instance type "e2-standard-44" (did you mean e2-standard-4?); expected a built-in type (see `poolsim instances`) or one defined under catalog',
      '14:58: designs.big.pools.main.max: max 3 is below min 5; expected min ≤ max',
      '18:31: faults[1].nodeLoss.pool: no design has a pool "mian" (did you mean main?); expected one of main, bad',
    ],
  },
  {
    name: 'a top-level typo does not hide the cross-field problems',
    text: add('descripton: x').replace('max: 3', 'max: 3\n        min: 5'),
    expected: [
      '14:1: descripton: unknown key "descripton" (did you mean description?); expected one of name, description, duration, seed, kubernetesVersion, sampleInterval, start, warmup, zones, include, workloads, load, priorityClasses, podDisruptionBudgets, defaults, autoscaler, apiServer, scheduler, designs, faults, catalog, sweep',
      '12:14: designs.big.pools.main.max: max 3 is below min 5; expected min ≤ max',
    ],
  },
  {
    name: 'a workloads list is reported, without false references from load',
    text: BASE.replace(
      /workloads:[\s\S]*?designs:/,
      'workloads: [app]\nload:\n  app: { cpuPerRequest: 1m, profile: { constant: 5 } }\ndesigns:',
    ),
    expected: ['3:12: workloads: got a list; expected a mapping (key: value)'],
  },
  {
    name: 'min and max from defaults are reported once, at defaults',
    text: BASE.replace('designs:', 'defaults: { min: 5, max: 3 }\ndesigns:').replace(
      '        max: 3\n',
      '      second: { instanceType: e2-standard-4 }\n',
    ),
    expected: ['7:26: defaults.max: max 3 is below min 5; expected min ≤ max'],
  },
  {
    name: 'several YAML documents in one scenario',
    text: `${BASE}---\nname: u\n`,
    expected: ['13:1: the file holds several YAML documents (---); expected one scenario a file'],
  },
  {
    name: 'a scale event after the end of the run',
    text: swap('    replicas: 3', '    replicas: 3\n    scale: [{ at: 2h, replicas: 5 }]'),
    expected: [
      '6:19: workloads.app.scale[0].at: 2h is after the end of the run (1h), so it never happens; expected a time within duration',
    ],
  },
  {
    name: 'an image larger than any',
    text: swap('    replicas: 3', '    replicas: 3\n    image: { name: app:1, size: 2Ti }'),
    expected: [
      '6:33: workloads.app.image.size: 2199023255552 bytes is beyond 1 TiB, larger than any container image; expected a real size, e.g. 1G',
    ],
  },
  // found by fuzzing (fuzz.test.ts): what once aborted or hung the loader
  {
    name: 'collections nested 10,000 deep',
    text: add(`description: ${'['.repeat(10_000)}`),
    expected: ['13:114: collections nest more than 100 deep here; expected a scenario of ordinary depth'],
  },
  {
    name: 'an alias inside its own anchor',
    text: add('description: &d [*d]'),
    expected: [
      '13:18: *d is inside its own anchor &d, which makes the value endless; expected an alias after the block it names',
    ],
  },
  {
    name: 'billion laughs',
    text: add(
      `description: [&a [${'x, '.repeat(9)}x], ${['a', 'b', 'c', 'd', 'e'].map((a, i) => `&${String.fromCharCode(98 + i)} [${`*${a}, `.repeat(9)}*${a}]`).join(', ')}]`,
    ),
    expected: [
      '13:217: the aliases up to here stand for more than 100,000 copied nodes (a "billion laughs"); expected aliases to small blocks',
    ],
  },
  {
    name: 'thousands of aliases',
    text: add(`description: [&e [], ${'*e, '.repeat(5000)}*e]`),
    expected: ['13:20018: more than 5,000 anchors and aliases; expected a few, to share blocks (<<: *defaults)'],
  },
  // limits (docs/model.md#limits): the limit, and why
  {
    name: 'a sample interval under a second',
    text: add('sampleInterval: 1ms'),
    expected: [
      '13:17: sampleInterval: 1ms is shorter than 1s; expected at least 1s, e.g. 10s (each sample is a row per workload: a finer grid makes outputs too large to use)',
    ],
  },
  {
    name: 'a price that would make costs overflow',
    text: pool('pricePerHour: 1e308'),
    expected: [
      '13:23: designs.big.pools.main.pricePerHour: 1e+308 is above 10,000; expected at most 10,000 USD an hour (more is a typo: the dearest cloud VMs cost a few hundred USD an hour)',
    ],
  },
  {
    name: 'an infinite price',
    text: pool('pricePerHour: 1e400'),
    expected: ['13:23: designs.big.pools.main.pricePerHour: Infinity is not a finite number; expected a number'],
  },
  {
    name: 'an absurd price in the catalog',
    text: add('catalog:\n  dear: { cpu: 4, memory: 16Gi, pricePerHour: 20000 }'),
    expected: [
      '14:47: catalog.dear.pricePerHour: 20,000 is above 10,000; expected at most 10,000 USD an hour (more is a typo: the dearest cloud VMs cost a few hundred USD an hour)',
    ],
  },
  {
    name: 'an absurd price in an inline instance type',
    text: swap('instanceType: e2-standard-4', 'instanceType: { cpu: 4, memory: 16Gi, pricePerHour: 1e20 }'),
    expected: [
      '11:61: designs.big.pools.main.instanceType.pricePerHour: 1e+20 is above 10,000; expected at most 10,000 USD an hour (more is a typo: the dearest cloud VMs cost a few hundred USD an hour)',
    ],
  },
  {
    name: 'more CPU and memory than any machine',
    text: swap('{ cpu: 300m, memory: 2Gi }', '{ cpu: 200k, memory: 2Pi }'),
    expected: [
      '6:22: workloads.app.requests.cpu: "200k" is more CPU than 100,000 cores; expected at most 100k (the largest machines have about 2,000 cores)',
      '6:36: workloads.app.requests.memory: "2Pi" is more memory than 1 PiB; expected at most 1Pi (the largest machines have 32 TiB)',
    ],
  },
  {
    name: 'quantities written as huge numbers',
    text: swap('{ cpu: 300m, memory: 2Gi }', '{ cpu: 1e308, memory: .inf }'),
    expected: [
      '6:22: workloads.app.requests.cpu: "1e+308" is out of range: exponent 308 is beyond ±100; expected a quantity of a real size, e.g. 300m, 2Gi or 1e9',
      '6:37: workloads.app.requests.memory: Infinity is not a form this field takes; expected a quantity of bytes such as 2Gi or 512Mi',
    ],
  },
  {
    name: 'a count past a million',
    text: pool('attachableVolumes: 1e300'),
    expected: [
      '13:28: designs.big.pools.main.attachableVolumes: 1e+300 is above 1,000,000; expected at most 1,000,000 (more is a typo, not a setting)',
    ],
  },
  {
    name: 'replicas of 300 digits: one problem, not two',
    text: swap('replicas: 3', 'replicas: 1e300'),
    expected: [
      '5:15: workloads.app.replicas: 1e+300 is above 1,000,000; expected at most 1,000,000 replicas (more is a typo, not a plan)',
    ],
  },
  {
    name: 'a duration past ten years',
    text: add('autoscaler: { scanInterval: 99999999999999999999s }'),
    expected: [
      '13:29: autoscaler.scanInterval: "99999999999999999999s" is longer than ten years (87600h); expected a shorter duration (a run lasts at most 31 days)',
    ],
  },
  {
    name: 'a bandwidth past any network',
    text: pool('imagePull: { bandwidth: 2Pi/s }'),
    expected: [
      '13:33: designs.big.pools.main.imagePull.bandwidth: "2Pi/s" is above 1Pi/s; expected at most 1Pi/s (the fastest network links carry 100 GB/s)',
    ],
  },
  {
    name: 'a request rate past any service',
    text: add('load:\n  app: { cpuPerRequest: 1m, profile: [{ constant: 1e308 }, { step: { at: 1m, rps: -2e9 } }] }'),
    expected: [
      '14:51: load.app.profile[0].constant: 1e+308 is above 1,000,000,000; expected at most 1,000,000,000 requests per second (a billion is more than any service serves)',
      '14:83: load.app.profile[1].step.rps: -2,000,000,000 is below -1,000,000,000; expected a change of at most 1,000,000,000 requests per second either way (a billion is more than any service serves)',
    ],
  },
  {
    name: 'a scenario name too long for a folder',
    text: swap('name: t', `name: ${'n'.repeat(101)}`),
    expected: [
      '1:7: name: is 101 characters long; expected at most 100 characters: the name becomes the output folder out/<name>/ and its siblings (out/<name>-sweep-shard-K-of-N, …), whose names must fit in 255 bytes',
    ],
  },
  {
    name: 'a design name too long for a folder',
    text: swap('  big:', `  ${'d'.repeat(150)}:`),
    expected: [
      `8:3: designs["${'d'.repeat(40)}…"]: is 150 characters long; expected at most 100 characters: a design becomes the folder out/<scenario>/<design>/, whose names must fit in 255 bytes`,
    ],
  },
  // faults, catalog, includes
  {
    name: 'fault with neither time nor interval',
    text: add('faults:\n  - kubeletCrash: { pool: main }'),
    expected: [
      '14:19: faults[0].kubeletCrash: give exactly one of at (once, at a time) and interval (again and again, e.g. { exponential: { mean: 6h } }) and overload (whenever a kubelet is under load)',
    ],
  },
  {
    name: 'fault with both an exit status and a signal',
    text: add('faults:\n  - kubeletCrash: { at: 5m, exitCode: 1, signal: SIGTERM }'),
    expected: [
      '14:19: faults[0].kubeletCrash: give exitCode or signal, not both; expected one of them (default signal SIGKILL)',
    ],
  },
  {
    name: 'fault with an unknown signal',
    text: add('faults:\n  - kubeletCrash: { at: 5m, signal: SIGKIL }'),
    expected: [
      '14:37: faults[0].kubeletCrash.signal: "SIGKIL" is not one of SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGKILL, SIGSEGV, SIGPIPE, SIGTERM (did you mean SIGKILL?)',
    ],
  },
  {
    name: 'overload fault without a threshold',
    text: add('faults:\n  - kubeletCrash: { overload: {} }'),
    expected: [
      '14:31: faults[0].kubeletCrash.overload: sets no threshold; expected apiQueue, podChurn or both, e.g. { apiQueue: 100 }',
    ],
  },
  {
    name: 'overload fault with a node count',
    text: add('faults:\n  - kubeletCrash: { overload: { apiQueue: 50 }, nodes: 2 }'),
    expected: [
      '14:31: faults[0].kubeletCrash.overload: hits every overloaded kubelet, so nodes and fraction do not apply; expected them left out',
    ],
  },
  {
    name: 'fault on an unknown pool',
    text: add('faults:\n  - nodeLoss: { at: 5m, pool: mian }'),
    expected: [
      '14:31: faults[0].nodeLoss.pool: no design has a pool "mian" (did you mean main?); expected one of main',
    ],
  },
  {
    name: 'unknown fault kind',
    text: add('faults:\n  - kubeletCrsh: { at: 5m }'),
    expected: [
      '14:5: faults[0].kubeletCrsh: unknown kind "kubeletCrsh" (did you mean kubeletCrash?); expected one of the kinds kubeletCrash, nodeLoss or zoneOutage, e.g. { kubeletCrash: { interval: { exponential: { mean: 6h } } } }',
    ],
  },
  {
    name: 'catalog type without memory',
    text: add('catalog:\n  tiny: { cpu: 1 }'),
    expected: ['14:9: catalog.tiny.memory: missing; expected a quantity of bytes such as 2Gi or 512Mi'],
  },
  {
    name: 'missing include file',
    text: add('include: [manifests/missing.yaml]'),
    expected: ['13:11: include[0]: cannot read "manifests/missing.yaml": no such file'],
  },
  // Zones, node labels and taints, pod placement
  {
    name: 'pool zone not among the scenario zones',
    text: `zones: [us-a, us-b]\n${pool('zones: [us-a, us-c]')}`,
    expected: [
      `14:23: designs.big.pools.main.zones[1]: zone "us-c" is not one of the scenario's zones (did you mean us-a?); expected one of us-a, us-b`,
    ],
  },
  {
    name: 'pool zones with no scenario zones',
    text: pool('zones: [us-a]'),
    expected: [
      '13:17: designs.big.pools.main.zones[0]: zone "us-a" is not one of the scenario\'s zones, and it names none; expected zones: [us-a, …] at the top of the scenario',
    ],
  },
  {
    name: 'pool label poolsim sets per node',
    text: pool('labels: { kubernetes.io/hostname: n1 }'),
    expected: [
      '13:19: designs.big.pools.main.labels["kubernetes.io/hostname"]: is set on each node by poolsim (its name, its zone); expected it left out',
    ],
  },
  {
    name: 'pool taint with an effect upstream does not know',
    text: pool('taints: [{ key: dedicated, effect: NoRun }]'),
    expected: [
      '13:44: designs.big.pools.main.taints[0].effect: "NoRun" is not one of NoSchedule, PreferNoSchedule, NoExecute',
    ],
  },
  {
    name: 'malformed label value',
    text: pool('labels: { tier: "web tier" }'),
    expected: [
      `13:25: designs.big.pools.main.labels.tier: "web tier" is not a label value; expected at most 63 characters, letters, digits, '-', '_', '.' inside, or empty`,
    ],
  },
  {
    name: 'unknown label selector operator',
    text: swap(
      '    requests: { cpu: 300m, memory: 2Gi }\n',
      '    requests: { cpu: 300m, memory: 2Gi }\n    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchExpressions: [{ key: app, operator: Equals, values: [x] }] } }]\n',
    ),
    expected: [
      '7:176: workloads.app.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator: "Equals" is not one of In, NotIn, Exists, DoesNotExist',
    ],
  },
  {
    name: 'zone outage of an unknown zone',
    text: `zones: [us-a, us-b]\n${add('faults:\n  - zoneOutage: { zone: us-c, at: 5m, duration: 10m }')}`,
    expected: [
      `15:25: faults[0].zoneOutage.zone: zone "us-c" is not one of the scenario's zones (did you mean us-a?); expected one of us-a, us-b`,
    ],
  },
];
