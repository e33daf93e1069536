// The input side of resource usage: a workload's limits (written, or summed from a manifest's
// containers), a load's memory use (baseMemory, memoryPerRps, leak), and HPAs on memory.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { formatWarning } from '../../src/scenario/warnings.js';

// A reader over in-memory files, for scenarios that include manifests.
const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

// A sound scenario but for the workload's fields (line 5 on) and its load (after `load:`).
const scenario = (workload: string, load = '{ cpuPerRequest: 5m, profile: { constant: 100 } }', top = '') => `name: t
duration: 1h
workloads:
  web:
${workload
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
load:
  web: ${load}
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
${top}`;

const load = (text: string, manifests: Record<string, string> = {}) => {
  const r = loadScenarioText('s.yaml', text, files({ 's.yaml': text, ...manifests }));
  return { ...r, lines: r.problems.map(formatProblem), warned: r.warnings.map(formatWarning) };
};

const REQUESTS = 'requests: { cpu: 500m, memory: 512Mi }';

describe('limits written in the scenario', () => {
  it('are read as millicores and bytes', () => {
    const r = load(scenario(`${REQUESTS}\nlimits: { cpu: "1", memory: 1Gi }`));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: 1000, memoryBytes: 2 ** 30 });
  });

  it('are null where none is written', () => {
    expect(load(scenario(REQUESTS)).scenario!.workloads[0]!.limits).toEqual({ cpuMilli: null, memoryBytes: null });
    const memoryOnly = load(scenario(`${REQUESTS}\nlimits: { memory: 536870912 }`));
    expect(memoryOnly.lines).toEqual([]);
    expect(memoryOnly.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: null, memoryBytes: 512 * 2 ** 20 });
  });

  it('stand in for a request not written, as the API server defaults it', () => {
    const r = load(scenario('requests: { cpu: 500m }\nlimits: { memory: 1Gi }'));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 500, memoryBytes: 2 ** 30 });
    const both = load(scenario('limits: { cpu: 2, memory: 2Gi }'));
    expect(both.lines).toEqual([]);
    expect(both.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 2000, memoryBytes: 2 ** 31 });
  });

  it('below their request are a problem where the limit is written', () => {
    expect(load(scenario(`${REQUESTS}\nlimits: { cpu: 200m }`)).lines).toEqual([
      's.yaml:6:20: workloads.web.limits.cpu: limit 200m is below the request 500m; expected a limit at or above the request (the API server refuses it)',
    ]);
    expect(load(scenario('requests: { cpu: 500m, memory: 1Gi }\nlimits: { memory: 512Mi }')).lines).toEqual([
      's.yaml:6:23: workloads.web.limits.memory: limit 512Mi is below the request 1Gi; expected a limit at or above the request (the API server refuses it)',
    ]);
  });

  it('of 0 are a problem: the kubelet sets no limit for one', () => {
    expect(load(scenario(`${REQUESTS}\nlimits: { memory: 0 }`)).lines).toEqual([
      's.yaml:6:23: workloads.web.limits.memory: a memory limit of 0 is no limit to the kubelet (it sets none); expected a limit above 0, or none',
    ]);
  });
});

describe("a load's memory use", () => {
  it('is read in bytes, 0 where not written', () => {
    const r = load(
      scenario(
        REQUESTS,
        '{ cpuPerRequest: 5m, profile: { constant: 100 }, baseMemory: 256Mi, memoryPerRps: 2Mi, leak: 50Mi }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.load).toMatchObject({
      baseMemoryBytes: 256 * 2 ** 20,
      memoryPerRpsBytes: 2 * 2 ** 20,
      leakBytesPerHour: 50 * 2 ** 20,
    });
    expect(load(scenario(REQUESTS)).scenario!.workloads[0]!.load).toMatchObject({
      baseMemoryBytes: 0,
      memoryPerRpsBytes: 0,
      leakBytesPerHour: 0,
    });
  });

  it('may stand alone: a pod that uses memory and serves nothing', () => {
    const r = load(scenario(REQUESTS, '{ baseMemory: 1G, leak: 10Mi }'));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.load).toEqual({
      cpuPerRequestMilli: 0,
      baseCpuMilli: 0,
      profile: [],
      baseMemoryBytes: 1e9,
      memoryPerRpsBytes: 0,
      leakBytesPerHour: 10 * 2 ** 20,
    });
  });

  it.each([
    ['512', '{ baseMemory: 512 }', '7:22: load.web.baseMemory: 512 has no unit'],
    ['"512"', '{ baseMemory: "512" }', '7:22: load.web.baseMemory: "512" has no unit'],
    ['1e9', '{ leak: 1e9 }', '7:16: load.web.leak: 1000000000 has no unit'],
  ])('needs a unit: %s is a problem', (_, written, expected) => {
    expect(load(scenario(REQUESTS, written)).lines).toEqual([
      `s.yaml:${expected}; expected a quantity with a unit, e.g. 256Mi (a bare number would be bytes)`,
    ]);
  });

  it('takes 0 without a unit', () => {
    expect(load(scenario(REQUESTS, '{ baseMemory: 0, leak: 1Mi }')).lines).toEqual([]);
  });

  it('refuses milli-bytes and negatives', () => {
    expect(load(scenario(REQUESTS, '{ baseMemory: 512m }')).lines).toEqual([
      's.yaml:7:22: load.web.baseMemory: "512m" is in thousandths of a byte or less (m is milli); expected a quantity with a unit of bytes, e.g. 256Mi or 256M',
    ]);
    expect(
      load(scenario(REQUESTS, '{ cpuPerRequest: 5m, profile: { constant: 1 }, memoryPerRps: -1Mi }')).lines,
    ).toEqual(['s.yaml:7:69: load.web.memoryPerRps: "-1Mi" is negative; memory must be 0 or more']);
  });

  it('per request needs a profile', () => {
    expect(load(scenario(REQUESTS, '{ baseMemory: 256Mi, memoryPerRps: 2Mi }')).lines).toEqual([
      's.yaml:7:43: load.web.memoryPerRps: memoryPerRps needs a load profile (without requests it never adds anything); expected profile: { constant: 100 } beside it',
    ]);
    // A pod's base use needs none: it runs whatever it serves.
    expect(load(scenario(REQUESTS, '{ baseCpu: 100m, baseMemory: 256Mi }')).lines).toEqual([]);
  });

  it('a profile needs cpuPerRequest', () => {
    expect(load(scenario(REQUESTS, '{ profile: { constant: 100 }, baseMemory: 256Mi }')).lines).toEqual([
      's.yaml:7:8: load.web: a profile needs cpuPerRequest; expected e.g. cpuPerRequest: 2m',
    ]);
  });

  it('a load that says nothing is a problem', () => {
    expect(load(scenario(REQUESTS, '{}')).lines).toEqual([
      's.yaml:7:8: load.web: the load says nothing; expected a profile with cpuPerRequest (e.g. { cpuPerRequest: 2m, profile: { constant: 100 } }), or memory use such as baseMemory: 256Mi',
    ]);
  });
});

describe('an HPA on memory', () => {
  const hpa = (metric: string) => `${REQUESTS}\nhpa: { maxReplicas: 5, metrics: [${metric}] }`;
  const memoryLoad = '{ cpuPerRequest: 5m, profile: { constant: 100 }, baseMemory: 256Mi, memoryPerRps: 1Mi }';

  it('takes utilization of the memory request', () => {
    const r = load(scenario(hpa('{ resource: memory, targetUtilization: 70 }'), memoryLoad));
    expect(r.lines).toEqual([]);
    expect(r.warned).toEqual([]);
    expect(r.scenario!.workloads[0]!.hpa!.metrics).toEqual([
      { resource: 'memory', target: { type: 'Utilization', averageUtilization: 70 } },
    ]);
  });

  it('takes an average value in bytes', () => {
    const r = load(scenario(hpa('{ resource: memory, targetAverageValue: 1Gi }'), memoryLoad));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.hpa!.metrics).toEqual([
      { resource: 'memory', target: { type: 'AverageValue', averageValue: 2 ** 30 } },
    ]);
  });

  it('warns when the load writes no memory use, at the metric', () => {
    const r = load(
      scenario(hpa('{ resource: cpu, targetUtilization: 60 }, { resource: memory, targetUtilization: 70 }')),
    );
    expect(r.lines).toEqual([]);
    expect(r.warned).toEqual([
      "s.yaml:6:80: workloads.web.hpa.metrics[1]: warning[hpa-no-driver]: the HPA's memory metric has no memory use to follow (load.web has no baseMemory, memoryPerRps or leak), so the pods' memory stays 0 and this metric never asks for more than minReplicas 1; give load.web memory use, e.g. baseMemory: 256Mi, memoryPerRps: 2Mi",
    ]);
  });

  it('warns when there is no load at all', () => {
    const text = scenario(hpa('{ resource: memory, targetAverageValue: 1Gi }')).replace(/load:\n.*\n/, '');
    const r = load(text);
    expect(r.lines).toEqual([]);
    expect(r.warned).toEqual([
      "s.yaml:6:38: workloads.web.hpa.metrics[0]: warning[hpa-no-driver]: the HPA's memory metric has no memory use to follow (load.web is not written), so the pods' memory stays 0 and this metric never asks for more than minReplicas 1; give load.web memory use, e.g. baseMemory: 256Mi",
    ]);
  });

  it('warns of a cpu metric when the load serves no requests', () => {
    const r = load(scenario(hpa('{ resource: cpu, targetUtilization: 60 }'), '{ baseMemory: 256Mi }'));
    expect(r.lines).toEqual([]);
    expect(r.warned).toEqual([
      "s.yaml:6:38: workloads.web.hpa.metrics[0]: warning[hpa-no-driver]: the HPA's cpu metric has no requests to follow (load.web has no profile), so the pods' CPU stays 0 and this metric never asks for more than minReplicas 1; give load.web a profile and cpuPerRequest, e.g. { cpuPerRequest: 2m, profile: { constant: 100 } }",
    ]);
  });
});

// Containers' resources, as a manifest writes them.
const deployment = (resources: string[], extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:${extra}
      containers:
${resources.map((r, i) => `        - { name: c${i}, image: web:1, resources: ${r} }`).join('\n')}
`;

const withManifest = (manifest: string, workload = 'image: { name: web:1, size: 100M }') => {
  const text = `name: t
duration: 1h
include: [app.yaml]
workloads:
  web: { ${workload} }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, max: 3 } } }
`;
  return load(text, { 'app.yaml': manifest });
};

describe("a manifest's limits", () => {
  it("are the sum of its containers'", () => {
    const r = withManifest(
      deployment([
        '{ requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi } }',
        '{ requests: { cpu: 50m, memory: 64Mi }, limits: { cpu: 250m, memory: 1Gi } }',
      ]),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: 750, memoryBytes: 1280 * 2 ** 20 });
  });

  it('are none for a resource one container has no limit of', () => {
    const r = withManifest(
      deployment([
        '{ requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi } }',
        '{ requests: { cpu: 50m, memory: 64Mi }, limits: { memory: 64Mi } }',
      ]),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: null, memoryBytes: 320 * 2 ** 20 });
  });

  it('count native sidecars, and an init container (with the sidecars before it) when larger', () => {
    const inits = `
      initContainers:
        - { name: proxy, image: web:1, restartPolicy: Always, resources: { limits: { cpu: 100m, memory: 100Mi } } }
        - { name: migrate, image: web:1, resources: { limits: { cpu: "2", memory: 50Mi } } }`;
    const r = withManifest(deployment(['{ limits: { cpu: 500m, memory: 200Mi } }'], inits));
    expect(r.lines).toEqual([]);
    // cpu: max(500m + 100m, 2 + 100m); memory: max(200Mi + 100Mi, 50Mi + 100Mi).
    expect(r.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: 2100, memoryBytes: 300 * 2 ** 20 });
    expect(r.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 2100, memoryBytes: 300 * 2 ** 20 });
  });

  it("take the pod's own limits when written", () => {
    const pod = `
      resources: { limits: { memory: 4Gi } }`;
    const r = withManifest(deployment(['{ requests: { cpu: 100m, memory: 1Gi }, limits: { cpu: 1 } }'], pod));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: 1000, memoryBytes: 4 * 2 ** 30 });
  });

  it('give way to the scenario, and a limit below the request is placed where it is written', () => {
    const manifest = deployment(['{ requests: { cpu: 100m, memory: 1Gi }, limits: { cpu: 1, memory: 2Gi } }']);
    const over = withManifest(manifest, 'image: { name: web:1, size: 100M }, limits: { memory: 3Gi }');
    expect(over.lines).toEqual([]);
    expect(over.scenario!.workloads[0]!.limits).toEqual({ cpuMilli: 1000, memoryBytes: 3 * 2 ** 30 });
    expect(withManifest(manifest, 'image: { name: web:1, size: 100M }, requests: { cpu: 2 }').lines).toEqual([
      'app.yaml:8:103: spec.template.spec.containers[0].resources.limits.cpu: limit 1000m is below the request 2000m; expected a limit at or above the request (the API server refuses it)',
    ]);
  });

  it('that are no quantity are a problem in the manifest', () => {
    const r = withManifest(deployment(['{ requests: { cpu: 100m, memory: 1Gi }, limits: { memory: lots } }']));
    expect(r.lines).toEqual([
      'app.yaml:8:106: spec.template.spec.containers[0].resources.limits.memory: "lots" is not a quantity: it has no digits before its suffix; expected a number with an optional suffix: m (milli), k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e9 (e.g. 300m, 1.5, 2Gi, 512Mi, 1e9)',
    ]);
  });
});

describe("a manifest's HPA on memory", () => {
  it('is read, and warns when the workload writes no memory use', () => {
    const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 5
  metrics:
    - type: Resource
      resource: { name: memory, target: { type: AverageValue, averageValue: 1Gi } }
`;
    const r = withManifest(deployment(['{ requests: { cpu: 100m, memory: 1Gi } }']) + hpa);
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.hpa!.metrics).toEqual([
      { resource: 'memory', target: { type: 'AverageValue', averageValue: 2 ** 30 } },
    ]);
    expect(r.warnings.map((w) => `${w.file}:${w.line}:${w.col}: ${w.path} [${w.code}]`)).toEqual([
      'app.yaml:18:41: spec.metrics[0].resource.target [hpa-no-driver]',
    ]);
  });
});
