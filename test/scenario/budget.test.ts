// What a scenario asks for, and the budget (docs/model.md#limits), with figures computed by hand.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetProblems, DEFAULT_BUDGET, demandOf } from '../../src/scenario/budget.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';

const NO_BUDGET = { podHours: Infinity, nodeHours: Infinity, timelineRows: Infinity };

const load = (o: { duration: string; top?: string; workloads: string; designs: string }): Scenario => {
  const r = loadScenarioText(
    'b.yaml',
    `name: b
duration: ${o.duration}
${o.top ?? ''}
workloads:
${o.workloads}
designs:
${o.designs}
`,
    () => '',
    undefined,
    NO_BUDGET, // the loader would refuse what these tests measure against the budget
  );
  expect(r.problems).toEqual([]);
  return r.scenario!;
};

const REQUESTS = 'requests: { cpu: 10m, memory: 16Mi }';
const SMALL_DESIGN = '  d: { pools: { main: { instanceType: e2-standard-4, max: 5 } } }';

describe('demandOf: pods, nodes and timeline rows as upper bounds', () => {
  it('one workload, one pool: 3 pods × 2 h = 6 pod-hours, 5 nodes × 2 h = 10 node-hours, 721 samples', () => {
    const d = demandOf(
      load({ duration: '2h', workloads: `  app: { replicas: 3, ${REQUESTS} }`, designs: SMALL_DESIGN }),
    );
    expect(d).toMatchObject({ hours: 2, pods: 3, podHours: 6, nodeHours: 10, samples: 721, timelineRows: 721 });
    expect(d.largest).toMatchObject({ name: 'app', amount: 3, path: ['workloads', 'app', 'replicas'] });
  });

  it.each([
    // [workload, most pods, where it is written]
    [`{ replicas: 3, hpa: { maxReplicas: 12 }, ${REQUESTS} }`, 12, ['hpa', 'maxReplicas']],
    [`{ replicas: 50, hpa: { maxReplicas: 30 }, ${REQUESTS} }`, 50, ['replicas']], // above max until the HPA acts
    [`{ replicas: 10, scale: [{ at: 5m, replicas: 40 }, { at: 9m, replicas: 2 }], ${REQUESTS} }`, 40, ['scale']],
    [`{ replicas: 40, hpa: { maxReplicas: 40 }, ${REQUESTS} }`, 40, ['hpa', 'maxReplicas']], // a tie: the HPA's
    [`{ kind: StatefulSet, replicas: 20, ${REQUESTS} }`, 20, ['replicas']],
    [`{ hpa: { minReplicas: 4, maxReplicas: 9 }, ${REQUESTS} }`, 9, ['hpa', 'maxReplicas']],
    [`{ ${REQUESTS} }`, 1, ['replicas']], // the default, 1
  ] as const)('a workload %s runs at most %i pods', (w, pods, at) => {
    const d = demandOf(load({ duration: '1h', workloads: `  app: ${w}`, designs: SMALL_DESIGN }));
    expect(d.pods).toBe(pods);
    expect(d.largest!.path).toEqual(['workloads', 'app', ...at]);
  });

  it('pods add up over the workloads: 40 + 50 + 20 = 110 pods × 1.5 h = 165 pod-hours', () => {
    const d = demandOf(
      load({
        duration: '90m',
        workloads: [
          `  a: { replicas: 10, scale: [{ at: 5m, replicas: 40 }], ${REQUESTS} }`,
          `  b: { replicas: 50, hpa: { maxReplicas: 30 }, ${REQUESTS} }`,
          `  c: { kind: StatefulSet, replicas: 20, ${REQUESTS} }`,
        ].join('\n'),
        designs: SMALL_DESIGN,
      }),
    );
    expect(d).toMatchObject({ hours: 1.5, pods: 110, podHours: 165 });
    expect(d.largest).toMatchObject({ name: 'b', amount: 50 });
  });

  it.each([
    // [pools and autoscaler, nodes, largest pool's field]
    [
      'pools: { a: { instanceType: e2-standard-4, initial: 2, max: 30 }, b: { instanceType: e2-standard-4, max: 20 } }',
      50,
      'a',
      'max',
    ],
    // The autoscaler off: only the initial nodes.
    [
      'pools: { a: { instanceType: e2-standard-4, initial: 7, max: 100 }, b: { instanceType: e2-standard-4, min: 3, max: 90 } }, autoscaler: { enabled: false }',
      10,
      'a',
      'initial',
    ],
    // maxNodesTotal holds 60 + 40 to 50 …
    [
      'pools: { a: { instanceType: e2-standard-4, max: 60 }, b: { instanceType: e2-standard-4, max: 40 } }, autoscaler: { maxNodesTotal: 50 }',
      50,
      'a',
      'max',
    ],
    // … but not below the initial nodes, which are there from the start.
    [
      'pools: { a: { instanceType: e2-standard-4, initial: 30, max: 60 }, b: { instanceType: e2-standard-4, initial: 25, max: 40 } }, autoscaler: { maxNodesTotal: 50 }',
      55,
      'a',
      'max',
    ],
  ] as const)('design %s: at most %i nodes', (design, nodes, pool, field) => {
    const d = demandOf(load({ duration: '3h', workloads: `  app: { ${REQUESTS} }`, designs: `  x: { ${design} }` }));
    expect(d.designs).toEqual([expect.objectContaining({ design: 'x', nodes, nodeHours: nodes * 3 })]);
    expect(d.designs[0]!.largest!.path).toEqual(['designs', 'x', 'pools', pool, field]);
    expect(d.nodeHours).toBe(nodes * 3);
  });

  it("designs run one at a time: node-hours are the largest design's, timeline rows every design's", () => {
    const d = demandOf(
      load({
        duration: '10h',
        top: 'sampleInterval: 1m',
        workloads: `  a: { ${REQUESTS} }\n  b: { ${REQUESTS} }`,
        designs: [
          '  big: { pools: { main: { instanceType: e2-standard-4, max: 80 } } }',
          '  small: { pools: { main: { instanceType: e2-standard-4, max: 20 } } }',
          '  mid: { pools: { main: { instanceType: e2-standard-4, max: 50 } } }',
        ].join('\n'),
      }),
    );
    expect(d.designs.map((x) => [x.design, x.nodeHours])).toEqual([
      ['big', 800],
      ['small', 200],
      ['mid', 500],
    ]);
    expect(d.nodeHours).toBe(800);
    // 10 h every minute: 600 + 1 samples × 2 workloads × 3 designs.
    expect(d).toMatchObject({ samples: 601, timelineRows: 3606 });
  });
});

describe('budgetProblems', () => {
  const hpa = (max: number, duration = '24h') =>
    load({
      duration,
      workloads: `  app: { replicas: 2, hpa: { maxReplicas: ${max} }, ${REQUESTS} }`,
      designs: SMALL_DESIGN,
    });

  it('a million pods for a day is over a budget of 20,000,000 pod-hours, at the HPA that asks for them', () => {
    expect(budgetProblems(hpa(1_000_000), { ...DEFAULT_BUDGET, podHours: 20_000_000 })).toEqual([
      {
        path: ['workloads', 'app', 'hpa', 'maxReplicas'],
        message:
          "the scenario asks for up to 1,000,000 pods (workload app: its HPA's maxReplicas) × 24 h = 24,000,000 pod-hours, over the budget of 20,000,000; expected fewer replicas or a shorter duration, or raise the budget with --budget-pod-hours 24000000",
      },
    ]);
    // Raised to what the message says, the budget admits it; the default admits it too.
    expect(budgetProblems(hpa(1_000_000), { ...DEFAULT_BUDGET, podHours: 24_000_000 })).toEqual([]);
    expect(budgetProblems(hpa(1_000_000))).toEqual([]);
  });

  it('rounds fractions up: 3 pods × 1.5 h = 4.5 pod-hours is written 5, and --budget-pod-hours 5 admits it', () => {
    const s = load({ duration: '90m', workloads: `  app: { replicas: 3, ${REQUESTS} }`, designs: SMALL_DESIGN });
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, podHours: 4 }).map((p) => p.message)).toEqual([
      'the scenario asks for up to 3 pods (workload app: its replicas) × 1.5 h = 5 pod-hours, over the budget of 4; expected fewer replicas or a shorter duration, or raise the budget with --budget-pod-hours 5',
    ]);
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, podHours: 5 })).toEqual([]);
  });

  it('points at duration when no workload has half the pods', () => {
    const s = load({
      duration: '10h',
      workloads: ['a', 'b', 'c'].map((w) => `  ${w}: { replicas: 100, ${REQUESTS} }`).join('\n'),
      designs: SMALL_DESIGN,
    });
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, podHours: 2_000 })).toEqual([
      {
        path: ['duration'],
        message:
          'the scenario asks for up to 300 pods (the most, 100, from workload a: its replicas) × 10 h = 3,000 pod-hours, over the budget of 2,000; expected fewer replicas or a shorter duration, or raise the budget with --budget-pod-hours 3000',
      },
    ]);
  });

  it('admits the 50,000-node day by default: 1,500,000 pods and 50,000 nodes for 24 h', () => {
    const s = load({
      duration: '24h',
      top: 'sampleInterval: 1m',
      workloads: ['a', 'b', 'c']
        .map((w) => `  ${w}: { replicas: 1000, hpa: { maxReplicas: 500000 }, ${REQUESTS} }`)
        .join('\n'),
      designs:
        '  fleet: { pools: { a: { instanceType: e2-standard-8, max: 30000 }, b: { instanceType: e2-highmem-8, max: 20000 } } }',
    });
    const d = demandOf(s);
    expect(d).toMatchObject({ pods: 1_500_000, podHours: 36_000_000, nodeHours: 1_200_000, timelineRows: 1441 * 3 });
    expect(budgetProblems(s)).toEqual([]);
  });

  it('a design over the node-hours budget, at its largest pool; each design on its own', () => {
    const s = load({
      duration: '31h',
      workloads: `  app: { ${REQUESTS} }`,
      designs: [
        '  fleet: { pools: { a: { instanceType: e2-standard-8, max: 30000 }, b: { instanceType: e2-highmem-8, max: 20000 } } }',
        '  even: { pools: { a: { instanceType: e2-standard-8, max: 20000 }, b: { instanceType: e2-highmem-8, max: 20000 }, c: { instanceType: e2-highmem-8, max: 20000 } } }',
        '  capped: { pools: { a: { instanceType: e2-standard-8, max: 90000 } }, autoscaler: { maxNodesTotal: 40000 } }',
        '  fits: { pools: { a: { instanceType: e2-standard-8, max: 48000 } } }',
      ].join('\n'),
    });
    expect(budgetProblems(s)).toEqual([
      {
        path: ['designs', 'fleet', 'pools', 'a', 'max'],
        message:
          'design fleet asks for up to 50,000 nodes (the most, 30,000, from pool a: its max) × 31 h = 1,550,000 node-hours, over the budget of 1,500,000; expected smaller pools or a shorter duration, or raise the budget with --budget-node-hours 1550000',
      },
      {
        path: ['designs', 'even'],
        message:
          'design even asks for up to 60,000 nodes (the most, 20,000, from pool a: its max) × 31 h = 1,860,000 node-hours, over the budget of 1,500,000; expected smaller pools or a shorter duration, or raise the budget with --budget-node-hours 1860000',
      },
    ]);
    // capped: 40,000 × 31 = 1,240,000; fits: 48,000 × 31 = 1,488,000.
    expect(demandOf(s).designs.map((d) => d.nodeHours)).toEqual([1_550_000, 1_860_000, 1_240_000, 1_488_000]);
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, nodeHours: 1_000_000 }).map((p) => p.path)).toEqual([
      ['designs', 'fleet', 'pools', 'a', 'max'],
      ['designs', 'even'],
      ['designs', 'capped'],
      ['designs', 'fits', 'pools', 'a', 'max'],
    ]);
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, nodeHours: 1_000_000 })[2]!.message).toContain(
      "design capped asks for up to 40,000 nodes (the autoscaler's maxNodesTotal) × 31 h = 1,240,000 node-hours",
    );
  });

  it('a month sampled every 10s with 40 workloads is over the timeline budget: 267,841 × 40 = 10,713,640 rows', () => {
    const s = load({
      duration: '744h',
      workloads: Array.from({ length: 40 }, (_, i) => `  w${i}: { ${REQUESTS} }`).join('\n'),
      designs: SMALL_DESIGN,
    });
    expect(budgetProblems(s)).toEqual([
      {
        path: ['duration'], // sampleInterval is the default: it is not written
        message:
          'the timeline has 267,841 samples (744 h, one every 10s) × 40 workloads × 1 design = 10,713,640 rows, over the budget of 10,000,000; expected a coarser sampleInterval (15s fits), a shorter duration or fewer designs, or raise the budget with --budget-timeline-rows 10713640',
      },
    ]);
  });

  it('a month sampled every second: at sampleInterval, with the interval that fits', () => {
    const s = load({
      duration: '744h',
      top: 'sampleInterval: 1s',
      workloads: `  a: { ${REQUESTS} }\n  b: { ${REQUESTS} }`,
      designs: `${SMALL_DESIGN}\n  e: { pools: { main: { instanceType: e2-standard-4, max: 5 } } }`,
    });
    // 744 × 3,600 + 1 = 2,678,401 samples × 2 workloads × 2 designs; every 5s: 535,681 × 4 = 2,142,724.
    const [problem] = budgetProblems(s);
    expect(problem).toEqual({
      path: ['sampleInterval'],
      message:
        'the timeline has 2,678,401 samples (744 h, one every 1s) × 2 workloads × 2 designs = 10,713,604 rows, over the budget of 10,000,000; expected a coarser sampleInterval (2s fits), a shorter duration or fewer designs, or raise the budget with --budget-timeline-rows 10713604',
    });
    expect(budgetProblems(s, { ...DEFAULT_BUDGET, timelineRows: 2_000_000 })[0]!.message).toContain('(10s fits)');
  });

  it('says nothing of a figure within budget', () => {
    expect(budgetProblems(hpa(10))).toEqual([]);
  });
});

describe('the bundled scenarios are well within the default budget', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s asks for at most a sixth of each figure', (file) => {
    const s = loadScenario(`scenarios/${file}`).scenario!;
    expect(budgetProblems(s)).toEqual([]);
    const d = demandOf(s);
    expect(d.podHours).toBeLessThan(DEFAULT_BUDGET.podHours / 6);
    expect(d.nodeHours).toBeLessThan(DEFAULT_BUDGET.nodeHours / 6);
    expect(d.timelineRows).toBeLessThan(DEFAULT_BUDGET.timelineRows / 6);
  });

  it('fleet-5k.yaml: 240,521 pods × 24 h, 6,600 nodes × 24 h, 1,441 samples × 300 workloads', () => {
    const d = demandOf(loadScenario('scenarios/fleet-5k.yaml').scenario!);
    expect(d).toMatchObject({ pods: 240_521, podHours: 5_772_504, nodeHours: 158_400, timelineRows: 432_300 });
  });
});

describe('the loader', () => {
  it('refuses a sound scenario over the budget, at file:line:col', () => {
    const r = loadScenarioText(
      'b.yaml',
      `name: b
duration: 1h
workloads:
  app: { replicas: 10, ${REQUESTS} }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, max: 50 } } }
`,
      () => '',
      undefined,
      { ...DEFAULT_BUDGET, nodeHours: 49 },
    );
    expect(r.scenario).toBeNull();
    expect(r.problems.map((p) => [p.line, p.path])).toEqual([[6, 'designs.d.pools.main.max']]);
    expect(r.problems[0]!.message).toContain('over the budget of 49;');
  });
});
