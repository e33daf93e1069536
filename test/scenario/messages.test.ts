// Messages that teach (issue 18, point 7): a load profile's mistake is one problem that names the
// kinds, with an example that loads; a key carried over from elsewhere names what to write instead.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';

// A reader with one trace file, for the trace example.
const read = (path: string) => {
  if (path.endsWith('/requests.csv')) return '0,100\n60,200\n';
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};

interface Parts {
  readonly profile?: string;
  readonly workload?: string;
  readonly pool?: string;
  readonly extra?: string;
}

// A sound scenario but for the part a test replaces.
const scenario = ({
  profile = 'profile: { constant: 100 }',
  workload = 'requests: { cpu: 100m, memory: 128Mi }',
  pool = 'instanceType: e2-standard-4, max: 3',
  extra = '',
}: Parts) => `name: t
duration: 24h
workloads:
  web:
    ${workload}
load:
  web:
    cpuPerRequest: 1m
    ${profile}
designs:
  d:
    pools:
      main: { ${pool} }
${extra}`;

const problems = (parts: Parts) => loadScenarioText('s.yaml', scenario(parts), read).problems.map(formatProblem);

const KINDS = 'one of the kinds constant, step, ramp, spike, diurnal or trace';
const DIURNAL = 'profile: { diurnal: { mean: 5000, amplitude: 4000, peakAt: 14h } }';

describe('a load profile written wrong', () => {
  it.each([
    [
      'text',
      'profile: diurnal',
      `s.yaml:9:14: load.web.profile: "diurnal" is text; expected a mapping with ${KINDS}, or a list of them, e.g. ${DIURNAL}`,
    ],
    [
      'a number',
      'profile: 500',
      `s.yaml:9:14: load.web.profile: 500 is a number; expected a mapping with ${KINDS}, or a list of them, e.g. ${DIURNAL}`,
    ],
    [
      'empty',
      'profile:',
      `s.yaml:9:13: load.web.profile: is empty; expected a mapping with ${KINDS}, or a list of them, e.g. ${DIURNAL}`,
    ],
    [
      'an empty mapping',
      'profile: {}',
      `s.yaml:9:14: load.web.profile: the mapping is empty; expected ${KINDS}, or a list of them, e.g. ${DIURNAL}`,
    ],
    [
      'a misspelt kind',
      'profile: { diurnl: { mean: 50, amplitude: 40 } }',
      `s.yaml:9:16: load.web.profile.diurnl: unknown kind "diurnl" (did you mean diurnal?); expected ${KINDS}, e.g. ${DIURNAL}`,
    ],
    [
      "a kind's fields without the kind",
      'profile: { mean: 50, amplitude: 40 }',
      `s.yaml:9:14: load.web.profile: { mean, amplitude } is not a kind (did you mean { diurnal: { mean, amplitude } }?); expected ${KINDS}, or a list of them, e.g. ${DIURNAL}`,
    ],
    [
      'two kinds in one mapping',
      'profile: { constant: 5, spike: { at: 1h, duration: 5m, rps: 50 } }',
      's.yaml:9:14: load.web.profile: { constant, spike } holds 2 kinds; expected one kind per mapping, or a list of them, e.g. profile: [{ constant: … }, { spike: … }]',
    ],
    [
      'a misspelt kind in a list',
      'profile: [{ constant: 5 }, { spkie: { at: 1h } }]',
      `s.yaml:9:34: load.web.profile[1].spkie: unknown kind "spkie" (did you mean spike?); expected ${KINDS}, e.g. { spike: { at: 19h, duration: 20m, rps: 3000 } }`,
    ],
    [
      'text in a list',
      'profile: [{ constant: 5 }, ramp]',
      `s.yaml:9:32: load.web.profile[1]: "ramp" is text; expected a mapping with ${KINDS}, e.g. { ramp: { start: 1h, end: 2h, to: 800 } }`,
    ],
  ])('%s: one problem naming the kinds', (_, profile, expected) => {
    expect(problems({ profile })).toEqual([expected]);
  });

  // A load may go without a profile (memory use alone), but then cpuPerRequest costs nothing.
  it('missing beside cpuPerRequest: one problem at cpuPerRequest, with a profile to add', () => {
    expect(problems({ profile: '' })).toEqual([
      's.yaml:8:20: load.web.cpuPerRequest: cpuPerRequest needs a load profile (without requests it never costs anything); expected profile: { constant: 100 } beside it',
    ]);
  });

  it.each([
    [
      'a misspelt field',
      'profile: { diurnal: { mean: 50, amplitud: 40 } }',
      [
        's.yaml:9:25: load.web.profile.diurnal.amplitude: missing; expected a number',
        's.yaml:9:37: load.web.profile.diurnal.amplitud: unknown key "amplitud" (did you mean amplitude?); expected one of mean, amplitude, period, peakAt',
      ],
    ],
    [
      'a field of the wrong type',
      'profile: { ramp: { start: 1h, end: soon, to: 80 } }',
      [
        's.yaml:9:40: load.web.profile.ramp.end: "soon" is not a duration; expected a number with a unit: ms, s, m or h (e.g. 15s, 5m, 1h30m)',
      ],
    ],
    [
      'a field of the wrong type, in a list',
      'profile: [{ constant: 5 }, { step: { at: 1h } }]',
      ['s.yaml:9:40: load.web.profile[1].step.rps: missing; expected a number'],
    ],
  ])("%s in a kind: that field's own message, not the kinds", (_, profile, expected) => {
    expect(problems({ profile })).toEqual(expected);
  });

  // The example each message gives is one that loads.
  it.each(['constnt', 'stpe', 'rmap', 'spkie', 'diurnl', 'trce'])('the example for %s loads', (kind) => {
    const [message] = problems({ profile: `profile: { ${kind}: {} }` });
    const example = /, e\.g\. (profile: \{ .* \})$/.exec(message!)?.[1];
    expect(example).toBeDefined();
    expect(problems({ profile: example })).toEqual([]);
  });
});

describe('a fault of an unknown kind', () => {
  it('names the kinds, with an example that loads', () => {
    const [message, ...rest] = problems({ extra: 'faults:\n  - nodeLos: { at: 30m }\n' });
    expect(rest).toEqual([]);
    expect(message).toBe(
      's.yaml:15:5: faults[0].nodeLos: unknown kind "nodeLos" (did you mean nodeLoss?); expected one of the kinds kubeletCrash, nodeLoss or zoneOutage, e.g. { nodeLoss: { at: 2h, pool: main } }',
    );
    expect(problems({ extra: 'faults:\n  - { nodeLoss: { at: 2h, pool: main } }\n' })).toEqual([]);
    expect(problems({ extra: 'faults:\n  - { kubeletCrash: { interval: { exponential: { mean: 6h } } } }\n' })).toEqual(
      [],
    );
  });
});

describe('a key carried over from elsewhere', () => {
  const NODES =
    "expected initial for the nodes at the start, min and max for the cluster autoscaler's bounds, e.g. { initial: 3, min: 1, max: 10 }";
  const REQUESTS = "expected requests, one replica's cpu and memory, e.g. requests: { cpu: 500m, memory: 1Gi }";

  it.each([
    ['nodes', `s.yaml:13:52: designs.d.pools.main.nodes: unknown key "nodes" (did you mean initial?); ${NODES}`],
    ['count', `s.yaml:13:52: designs.d.pools.main.count: unknown key "count" (did you mean initial?); ${NODES}`],
    [
      'minNodes',
      's.yaml:13:52: designs.d.pools.main.minNodes: unknown key "minNodes" (did you mean min?); expected min, the fewest nodes the pool scales down to, e.g. { min: 1, max: 10 }',
    ],
    [
      'maxNodes',
      's.yaml:13:52: designs.d.pools.main.maxNodes: unknown key "maxNodes" (did you mean max?); expected max, the most nodes the pool scales up to, e.g. { min: 1, max: 10 }',
    ],
  ])('in a pool, %s names the node counts', (key, expected) => {
    expect(problems({ pool: `instanceType: e2-standard-4, max: 3, ${key}: 2` })).toEqual([expected]);
  });

  it('in defaults too', () => {
    expect(problems({ extra: 'defaults: { nodes: 2 }\n' })).toEqual([
      `s.yaml:14:13: defaults.nodes: unknown key "nodes" (did you mean initial?); ${NODES}`,
    ]);
  });

  it('in a pool, machineType names instanceType', () => {
    expect(problems({ pool: 'machineType: e2-standard-4, max: 3' })).toEqual([
      's.yaml:13:15: designs.d.pools.main.machineType: unknown key "machineType" (did you mean instanceType?); expected instanceType, a type name (see `poolsim instances`) or { cpu, memory, pricePerHour }, e.g. instanceType: e2-standard-4',
    ]);
  });

  it('in a workload, cpu and memory name requests (not hpa, the nearest spelling)', () => {
    const found = problems({ workload: 'cpu: 100m\n    memory: 128Mi\n    requests: { cpu: 100m, memory: 128Mi }' });
    expect(found).toEqual([
      `s.yaml:5:5: workloads.web.cpu: unknown key "cpu" (did you mean requests.cpu?); ${REQUESTS}`,
      `s.yaml:6:5: workloads.web.memory: unknown key "memory" (did you mean requests.memory?); ${REQUESTS}`,
    ]);
  });

  it.each([
    ['replica: 3', 'replica', 'replicas', 'replicas, how many run at the start, e.g. replicas: 3'],
    [
      'resources: { requests: { cpu: 1 } }',
      'resources',
      'requests',
      "requests and limits, one replica's cpu and memory, e.g. requests: { cpu: 500m, memory: 1Gi }, limits: { memory: 1Gi }",
    ],
    [
      'maxReplicas: 10',
      'maxReplicas',
      'hpa.maxReplicas',
      'hpa, the HorizontalPodAutoscaler, e.g. hpa: { minReplicas: 2, maxReplicas: 10 }',
    ],
  ])('in a workload, %s', (written, key, mean, expected) => {
    expect(problems({ workload: `requests: { cpu: 100m, memory: 128Mi }\n    ${written}` })).toEqual([
      `s.yaml:6:5: workloads.web.${key}: unknown key "${key}" (did you mean ${mean}?); expected ${expected}`,
    ]);
  });

  it('a spelling slip still gets the spelling suggestion', () => {
    expect(problems({ workload: 'requests: { cpu: 100m, memory: 128Mi }\n    replcas: 3' })).toEqual([
      's.yaml:6:5: workloads.web.replcas: unknown key "replcas" (did you mean replicas?); expected one of kind, replicas, requests, limits, image, containerStart, readinessDelay, terminationGracePeriod, volumesPerReplica, hostPort, spread, namespace, labels, nodeSelector, doNotDisrupt, tolerations, affinity, priorityClassName, topologySpreadConstraints, scale, podManagementPolicy, updateStrategy, strategy, minReady, progressDeadline, rollouts, hpa',
    ]);
  });
});

describe('a field that takes a mapping, written as text', () => {
  it.each([
    [
      'image: web:1',
      's.yaml:6:12: workloads.web.image: "web:1" is text; expected a mapping (key: value), e.g. image: { name: web:1, size: 400M }',
    ],
    [
      'hpa: 10',
      's.yaml:6:10: workloads.web.hpa: 10 is a number; expected a mapping (key: value), e.g. hpa: { minReplicas: 2, maxReplicas: 10 }',
    ],
  ])('%s shows the form it takes', (written, expected) => {
    expect(problems({ workload: `requests: { cpu: 100m, memory: 128Mi }\n    ${written}` })).toEqual([expected]);
  });

  it('requests as text', () => {
    expect(problems({ workload: 'requests: 500m' })).toEqual([
      's.yaml:5:15: workloads.web.requests: "500m" is text; expected a mapping (key: value), e.g. requests: { cpu: 500m, memory: 1Gi }',
    ]);
  });

  it('the image example loads', () => {
    expect(
      problems({ workload: 'requests: { cpu: 100m, memory: 128Mi }\n    image: { name: web:1, size: 400M }' }),
    ).toEqual([]);
  });
});
