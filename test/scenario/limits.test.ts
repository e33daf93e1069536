// The limits of the scenario format (docs/model.md#limits) admit every value up to them; the values
// past them are in malformed-cases.ts with their messages.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { MAX_OUTPUT_NAME } from '../../src/scenario/normalize.js';
import { formatProblem } from '../../src/scenario/source.js';

// A reader over in-memory files (manifests, traces).
const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

const scenario = (o: {
  name?: string;
  design?: string;
  top?: string;
  workloads?: string;
  pool?: string;
}) => `name: ${o.name ?? 't'}
duration: 1h
${o.top ?? ''}
workloads:
${o.workloads ?? '  app: { replicas: 2, requests: { cpu: 100m, memory: 128Mi } }'}
designs:
  ${o.design ?? 'd'}:
    pools:
      main: { instanceType: e2-standard-4, max: 3${o.pool ?? ''} }
`;

const load = (text: string, read = files({})) => {
  const r = loadScenarioText('s.yaml', text, read);
  return { ...r, lines: r.problems.map(formatProblem) };
};

describe('values at the limits load', () => {
  it('a sample every second', () => {
    const r = load(scenario({ top: 'sampleInterval: 1s' }));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.sampleIntervalMs).toBe(1000);
  });

  it('a price of 10,000 USD an hour, in a pool, an inline type and the catalog', () => {
    const r = load(
      scenario({
        top: 'catalog: { dear: { cpu: 4, memory: 16Gi, pricePerHour: 10000 } }',
        pool: ', pricePerHour: 10000',
      }),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.designs[0]!.pools[0]!.pricePerHour).toBe(10_000);
  });

  it('100,000 cores and 1 PiB (as a request, however unschedulable)', () => {
    const r = load(scenario({ workloads: '  app: { requests: { cpu: 100k, memory: 1Pi } }' }));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.requests).toEqual({ cpuMilli: 100_000_000, memoryBytes: 2 ** 50 });
  });

  it('a million replicas, and a million as a count', () => {
    const r = load(
      scenario({
        workloads:
          '  app: { kind: StatefulSet, replicas: 1000000, volumesPerReplica: 1000000, requests: { cpu: 1m, memory: 1Mi } }',
      }),
    );
    expect(r.lines).toEqual([]);
  });

  it('request rates of a billion a second, up and down', () => {
    const r = load(
      scenario({
        top: 'load: { app: { cpuPerRequest: 1m, profile: [{ constant: 1e9 }, { step: { at: 1m, rps: -1e9 } }] } }',
      }),
    );
    expect(r.lines).toEqual([]);
  });

  it(`scenario and design names of ${MAX_OUTPUT_NAME} characters`, () => {
    const r = load(scenario({ name: 'n'.repeat(MAX_OUTPUT_NAME), design: 'd'.repeat(MAX_OUTPUT_NAME) }));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.name).toHaveLength(100);
  });
});

describe('names that never become paths keep the Kubernetes limit of 253 characters', () => {
  const long = `${'w'.repeat(200)}.${'x'.repeat(52)}`; // 253, a DNS subdomain

  it('workloads and pools written in the scenario', () => {
    const r = load(
      scenario({ workloads: `  ${long}: { requests: { cpu: 100m, memory: 128Mi } }` }).replace('main:', `${long}:`),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads[0]!.name).toHaveLength(253);
  });

  it('a Deployment and its HPA from an included manifest', () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${long} }
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          resources: { requests: { cpu: 100m, memory: 128Mi } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${long} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${long} }
  minReplicas: 2
  maxReplicas: 10
`;
    const text = `name: t
duration: 1h
include: [app.yaml]
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, max: 3 }
`;
    const r = load(text, files({ 'app.yaml': manifest }));
    expect(r.lines).toEqual([]);
    expect(r.scenario!.workloads.map((w) => [w.name.length, w.hpa?.maxReplicas])).toEqual([[253, 10]]);
  });
});

describe('a trace scaled past a billion requests a second', () => {
  const trace = (scale: string) =>
    load(
      scenario({ top: `load: { app: { cpuPerRequest: 1m, profile: { trace: { file: t.csv${scale} } } } }` }),
      files({ 't.csv': 'time,rps\n0,10\n10m,500\n' }),
    ).lines;

  it('is refused at its scale', () => {
    expect(trace(', scale: 1e7')).toEqual([
      's.yaml:3:75: load.app.profile.trace.scale: the trace reaches 5,000,000,000 requests per second scaled by 10,000,000; expected at most 1,000,000,000 (a billion is more than any service serves)',
    ]);
  });

  it('is admitted up to a billion', () => {
    expect(trace(', scale: 2e6')).toEqual([]);
  });
});
