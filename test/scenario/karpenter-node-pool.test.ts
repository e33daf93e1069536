// NodePool manifests read as Karpenter's CRD reads them: defaults, and refusals of what poolsim
// does not simulate or the API server would not take.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { durationMs, readNodePool } from '../../src/scenario/karpenter-node-pool.js';

// Karpenter's getting-started NodePool, with a custom label and a budget.
const DEFAULT = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    metadata: { labels: { team: web } }
    spec:
      requirements:
        - { key: kubernetes.io/arch, operator: In, values: [amd64] }
        - { key: kubernetes.io/os, operator: In, values: [linux] }
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
        - { key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m, r] }
        - { key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["2"] }
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      expireAfter: 720h
  limits: { cpu: 1000, memory: 4000Gi }
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: 1m
    budgets:
      - { nodes: "20%", reasons: [Empty, Drifted] }
      - { nodes: "0", schedule: "0 9 * * mon-fri", duration: 8h }
`;

const read = (text: string) => readNodePool(parse(text));
const withSpec = (edit: (m: any) => void) => {
  const m = parse(DEFAULT);
  edit(m);
  return readNodePool(m);
};

describe('readNodePool', () => {
  it("reads Karpenter's getting-started NodePool", () => {
    const { nodePool, problems } = read(DEFAULT);
    expect(problems).toEqual([]);
    expect(nodePool).toMatchObject({
      name: 'default',
      weight: 0,
      labels: { team: 'web' },
      expireAfterMs: 720 * 3_600_000,
      limits: { cpuMilli: 1_000_000, memoryBytes: 4000 * 2 ** 30 },
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfterMs: 60_000,
      budgets: [
        { nodes: '20%', reasons: ['Empty', 'Drifted'] },
        { nodes: '0', schedule: '0 9 * * mon-fri', durationMs: 8 * 3_600_000 },
      ],
    });
    expect(nodePool!.requirements.map((r) => `${r.key} ${r.operator} ${r.values.join(',')}`)).toEqual([
      'kubernetes.io/arch In amd64',
      'kubernetes.io/os In linux',
      'karpenter.sh/capacity-type In on-demand',
      'karpenter.k8s.aws/instance-category In c,m,r',
      'karpenter.k8s.aws/instance-generation Gt 2',
    ]);
  });

  it('gives the CRD defaults: expireAfter 720h, WhenEmptyOrUnderutilized after 0s, budget nodes 10%', () => {
    const { nodePool, problems } = read(`apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: bare }
spec: { template: { spec: { nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default } } } }
`);
    expect(problems).toEqual([]);
    expect(nodePool).toMatchObject({
      expireAfterMs: 720 * 3_600_000,
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfterMs: 0,
      budgets: [{ nodes: '10%' }],
      requirements: [],
      limits: {},
    });
  });

  it('reads Never as no expiry and no consolidation', () => {
    const { nodePool } = withSpec((m) => {
      m.spec.template.spec.expireAfter = 'Never';
      m.spec.disruption.consolidateAfter = 'Never';
    });
    expect(nodePool).toMatchObject({ expireAfterMs: null, consolidateAfterMs: null });
  });

  it.each([
    [
      'an unknown operator',
      (m: any) => (m.spec.template.spec.requirements[0].operator = 'Matches'),
      ['spec', 'template', 'spec', 'requirements', 0, 'operator'],
      /is unknown; expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt/,
    ],
    [
      'a requirement key poolsim does not simulate',
      (m: any) => (m.spec.template.spec.requirements[0].key = 'karpenter.k8s.aws/instance-gpu-count'),
      ['spec', 'template', 'spec', 'requirements', 0, 'key'],
      /is refused: poolsim gives nodes no such label; expected one of node\.kubernetes\.io\/instance-type/,
    ],
    [
      'a label of your own that is not one In value',
      (m: any) => m.spec.template.spec.requirements.push({ key: 'team', operator: 'NotIn', values: ['db'] }),
      ['spec', 'template', 'spec', 'requirements', 5, 'operator'],
      /expected operator In with one value/,
    ],
    [
      'Gt with a word',
      (m: any) => (m.spec.template.spec.requirements[4].values = ['two']),
      ['spec', 'template', 'spec', 'requirements', 4, 'values'],
      /Gt needs one value; expected one non-negative integer/,
    ],
    [
      'minValues',
      (m: any) => (m.spec.template.spec.requirements[3].minValues = 2),
      ['spec', 'template', 'spec', 'requirements', 3, 'minValues'],
      /minValues asks Karpenter .* which poolsim refuses/,
    ],
    [
      'a budget that does not parse',
      (m: any) => (m.spec.disruption.budgets[0].nodes = '150%'),
      ['spec', 'disruption', 'budgets', 0],
      /nodes "150%" is neither a count nor a percentage; expected/,
    ],
    [
      'a cron schedule that does not parse',
      (m: any) => (m.spec.disruption.budgets[1].schedule = '0 9 * * tue-mon'),
      ['spec', 'disruption', 'budgets', 1],
      /is not a cron schedule/,
    ],
    [
      'a duration outside the CRD pattern',
      (m: any) => (m.spec.template.spec.expireAfter = '30 days'),
      ['spec', 'template', 'spec', 'expireAfter'],
      /is not a duration; expected e\.g\. 720h/,
    ],
    [
      'a limit on something else',
      (m: any) => (m.spec.limits['nvidia.com/gpu'] = 4),
      ['spec', 'limits', 'nvidia.com/gpu'],
      /a limit on nvidia\.com\/gpu is refused/,
    ],
    [
      'a weight out of range',
      (m: any) => (m.spec.weight = 0),
      ['spec', 'weight'],
      /is out of range; expected an integer from 1 to 100/,
    ],
    [
      'an unknown consolidation policy',
      (m: any) => (m.spec.disruption.consolidationPolicy = 'WhenUnderutilized'),
      ['spec', 'disruption', 'consolidationPolicy'],
      /expected WhenEmpty or WhenEmptyOrUnderutilized/,
    ],
  ])('refuses %s at its path', (_what, edit, path, message) => {
    const { problems } = withSpec(edit);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(path);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('durationMs', () => {
  it.each([
    ['720h', 720 * 3_600_000],
    ['1h30m', 90 * 60_000],
    ['30s', 30_000],
    ['0s', 0],
    ['Never', null],
    ['1d', undefined],
    ['-5m', undefined],
    ['1.5h', undefined],
  ])('%s is %s ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });
});
