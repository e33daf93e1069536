import { describe, expect, it } from 'vitest';
import { loadScenarioText, type LoadResult } from '../../src/scenario/load.js';
import { formatWarning, WARNING_CODES, type ScenarioWarning, type WarningCode } from '../../src/scenario/warnings.js';

// A reader over in-memory files, for scenarios that include manifests.
const files = (map: Record<string, string>) => (path: string) => {
  const name = path.replace(`${process.cwd()}/`, '');
  if (map[name] === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return map[name]!;
};

// Sound and clear: a priced type, a sized image, an HPA with a load it can serve (500 req/s at
// 100 a pod: 5 pods of maxReplicas 10; e2-standard-4 holds 7 pods of 500m, 5 nodes 35).
const CLEAN = `name: t
duration: 1h
workloads:
  web:
    requests: { cpu: 500m, memory: 1Gi }
    image: { name: web:1, size: 300M }
    hpa: { minReplicas: 2, maxReplicas: 10 }
load:
  web: { cpuPerRequest: 5m, profile: { constant: 500 } }
designs:
  d:
    pools:
      main: { instanceType: e2-standard-4, min: 1, max: 5 }
`;

function load(text: string, manifests: Record<string, string> = {}): LoadResult {
  const r = loadScenarioText('s.yaml', text, files({ 's.yaml': text, ...manifests }));
  expect(r.problems).toEqual([]);
  return r;
}

// Where each warning is and what it is: file:line:col: path [code] (design).
const placed = (ws: readonly ScenarioWarning[]) =>
  ws.map((w) => `${w.file}:${w.line}:${w.col}: ${w.path} [${w.code}]${w.design === undefined ? '' : ` (${w.design})`}`);

describe('scenario warnings', () => {
  it('are none for a scenario that says what it means', () => {
    expect(load(CLEAN).warnings).toEqual([]);
  });

  // Each: the edit of CLEAN, and the warnings it gives.
  const cases: ReadonlyArray<[WarningCode, string, (t: string) => string, string[]]> = [
    [
      'no-price',
      'an inline type without pricePerHour',
      (t) => t.replace('instanceType: e2-standard-4', 'instanceType: { cpu: 4, memory: 16Gi }'),
      ['s.yaml:13:29: designs.d.pools.main.instanceType [no-price] (d)'],
    ],
    [
      'no-price',
      'a catalog type without pricePerHour, at its catalog entry',
      (t) => `${t.replace('e2-standard-4', 'mine')}catalog:\n  mine: { cpu: 4, memory: 16Gi }\n`,
      ['s.yaml:15:9: catalog.mine [no-price] (d)'],
    ],
    [
      'image-no-size',
      'an image with no size',
      (t) => t.replace('{ name: web:1, size: 300M }', '{ name: web:1 }'),
      ['s.yaml:6:12: workloads.web.image [image-no-size]'],
    ],
    [
      'initial-above-min',
      'initial above min with scale-down on',
      (t) => t.replace('min: 1,', 'min: 1, initial: 3,'),
      ['s.yaml:13:61: designs.d.pools.main.initial [initial-above-min] (d)'],
    ],
    [
      'hpa-no-driver',
      'an HPA with no load',
      (t) => t.replace(/load:\n.*\n/, ''),
      ['s.yaml:7:10: workloads.web.hpa [hpa-no-driver]'],
    ],
    [
      'load-beyond-max',
      "a peak beyond what the HPA's maxReplicas serve",
      (t) => t.replace('constant: 500', 'constant: 1500'),
      ['s.yaml:7:41: workloads.web.hpa.maxReplicas [load-beyond-max]'],
    ],
    [
      'load-beyond-max',
      "a peak beyond what the design's pools hold at max",
      (t) => t.replace('constant: 500', 'constant: 4000').replace('maxReplicas: 10', 'maxReplicas: 50'),
      ['s.yaml:13:57: designs.d.pools.main.max [load-beyond-max] (d)'],
    ],
    [
      'load-beyond-max',
      'a peak beyond what fixed replicas serve (no HPA)',
      (t) => t.replace('    hpa: { minReplicas: 2, maxReplicas: 10 }', '    replicas: 3'),
      ['s.yaml:7:15: workloads.web.replicas [load-beyond-max]'],
    ],
    [
      'load-beyond-max',
      'a peak beyond what the initial nodes hold when there is no autoscaler',
      (t) =>
        `${t.replace('constant: 500', 'constant: 4000').replace('maxReplicas: 10', 'maxReplicas: 50')}autoscaler: { enabled: false }\n`,
      ['s.yaml:13:13: designs.d.pools.main [load-beyond-max] (d)'],
    ],
    [
      'requests-fit-no-pool',
      'requests no node holds',
      (t) => t.replace('cpu: 500m', 'cpu: "4"').replace('cpuPerRequest: 5m', 'cpuPerRequest: 50m'),
      ['s.yaml:5:15: workloads.web.requests [requests-fit-no-pool] (d)'],
    ],
    [
      'placement-fits-no-pool',
      'a nodeSelector no pool has the labels for',
      (t) => t.replace('    hpa:', '    nodeSelector: { tier: gpu }\n    hpa:'),
      ['s.yaml:7:19: workloads.web.nodeSelector [placement-fits-no-pool] (d)'],
    ],
    [
      'placement-fits-no-pool',
      "a pool's taint the pods do not tolerate",
      (t) =>
        t.replace(
          'min: 1, max: 5 }',
          'min: 1, max: 5, taints: [{ key: dedicated, value: batch, effect: NoSchedule }] }',
        ),
      ['s.yaml:5:15: workloads.web.requests [placement-fits-no-pool] (d)'],
    ],
  ];

  it('name the constraint and what rejects the pods in each pool', () => {
    const ws = load(
      CLEAN.replace(
        'min: 1, max: 5 }',
        'min: 1, max: 5, taints: [{ key: dedicated, value: batch, effect: NoSchedule }] }',
      ),
    ).warnings;
    expect(ws.map((w) => w.message)).toEqual([
      "no pool of design d can ever run web's pods (main: taint dedicated=batch:NoSchedule not tolerated), so they stay pending; give the design a pool they may use, or change the constraint",
    ]);
  });

  it.each(cases)('%s: %s', (_code, _what, edit, expected) => {
    expect(placed(load(edit(CLEAN)).warnings)).toEqual(expected);
  });

  it('cover every code', () => {
    const tested = new Set<string>([...cases.map(([code]) => code), 'ignored-kind']);
    expect([...tested].sort()).toEqual([...WARNING_CODES].sort());
  });

  it('say what is wrong and the fix, in one line', () => {
    const r = load(CLEAN.replace('constant: 500', 'constant: 1500'));
    expect(r.warnings.map(formatWarning)).toEqual([
      's.yaml:7:41: workloads.web.hpa.maxReplicas: warning[load-beyond-max]: the load peaks at 1,500 req/s, but maxReplicas 10 pods serve at most 1,000 (100 a pod before its CPU reaches its request); raise maxReplicas to at least 15',
    ]);
    const initial = load(CLEAN.replace('min: 1,', 'min: 1, initial: 3,'));
    expect(initial.warnings[0]!.message).toBe(
      "initial 3 is above min 1 while the autoscaler's scale-down is on, so it may remove up to 2 of these nodes once they are unneeded for 10m (scale-down-unneeded-time); set min: 3 to keep them, or autoscaler: { scaleDownEnabled: false }",
    );
  });

  it('take a price or a scale-down written on purpose as meant', () => {
    const free = CLEAN.replace(
      'instanceType: e2-standard-4',
      'instanceType: { cpu: 4, memory: 16Gi, pricePerHour: 0 }',
    );
    expect(load(free).warnings).toEqual([]);
    const kept = `${CLEAN.replace('min: 1,', 'min: 1, initial: 3,')}autoscaler: { scaleDownEnabled: false }\n`;
    expect(load(kept).warnings).toEqual([]);
  });

  it('warn once for a setting in defaults that every design uses, naming no design', () => {
    const shared = CLEAN.replace('instanceType: e2-standard-4, ', '').replace(
      'designs:',
      'defaults: { instanceType: { cpu: 4, memory: 16Gi } }\ndesigns:\n  e:\n    pools:\n      main: { max: 5 }',
    );
    expect(placed(load(shared).warnings)).toEqual(['s.yaml:10:27: defaults.instanceType [no-price]']);
  });

  it("place a manifest's image without a size in the manifest, and an ignored kind with its code", () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1
          resources:
            requests: { cpu: 100m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: api
`;
    const text = `${CLEAN}include: [api.yaml]\n`;
    const r = load(text, { 'api.yaml': manifest });
    expect(placed(r.warnings)).toEqual([
      'api.yaml:15:7: kind [ignored-kind]',
      'api.yaml:10:18: spec.template.spec.containers[0].image [image-no-size]',
    ]);
    expect(r.warnings[1]!.message).toContain('workloads.api.image: { name: "registry.example.com/api:1", size: 300M }');
    // Restated with a size in the scenario, it is known.
    const restated = text.replace('load:', '  api:\n    image: { name: registry.example.com/api:1, size: 80M }\nload:');
    expect(placed(load(restated, { 'api.yaml': manifest }).warnings)).toEqual(['api.yaml:15:7: kind [ignored-kind]']);
  });

  it('are not given for a scenario that is not sound', () => {
    const r = loadScenarioText('s.yaml', CLEAN.replace('max: 5', 'max: -1').replace('size: 300M', ''));
    expect(r.problems).not.toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('print with control characters escaped', () => {
    const w: ScenarioWarning = { file: 's.yaml', line: 1, col: 2, path: 'a', message: 'x\u001b[2Jy', code: 'no-price' };
    expect(formatWarning(w)).toBe('s.yaml:1:2: a: warning[no-price]: x\\u001b[2Jy');
  });
});
