// Karpenter in a scenario: NodePools and EC2NodeClasses from included manifests, the design's
// `karpenter` block, and what is refused, at file:line:col in the manifest that says it.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';

const scenario = (designs = 'karpenter: { nodePools: [general] }', extra = '') => `name: kb
duration: 30m
include: [np.yaml]
workloads:
  app: { replicas: 1, requests: { cpu: "1", memory: 1Gi } }
${extra}designs:
  k:
    ${designs}
`;

const nodePool = (spec: string, tail = '') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: general }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
${spec}${tail}`;

const requirements = (...lines: string[]) => `      requirements:\n${lines.map((l) => `        - ${l}`).join('\n')}\n`;

const load = (text: string, np: string) =>
  loadScenarioText('kb.yaml', text, (path) => {
    if (!path.endsWith('np.yaml')) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return np;
  });
const problems = (text: string, np: string) => load(text, np).problems.map(formatProblem);

describe('Karpenter NodePools in a scenario', () => {
  it('reads a NodePool into the design: its types over the EC2 catalog, cheapest first, and the EKS reservation', () => {
    const r = load(
      scenario(),
      nodePool(
        requirements(
          '{ key: karpenter.k8s.aws/instance-family, operator: In, values: [m5] }',
          '{ key: karpenter.k8s.aws/instance-size, operator: In, values: [large, xlarge, 2xlarge] }',
        ),
      ),
    );
    expect(r.problems.map(formatProblem)).toEqual([]);
    const k = r.scenario!.designs[0]!.karpenter!;
    expect(k.nodePools.map((np) => [np.name, np.instanceTypes])).toEqual([
      ['general', ['m5.large', 'm5.xlarge', 'm5.2xlarge']],
    ]);
    expect(k.nodes.node.reservation).toEqual({ name: 'eks' });
    expect(k.zones).toEqual(['']);
    expect(k.spot).toEqual({ discount: 0.6, interruption: '5-10%', instanceTypes: {} });
    expect(r.scenario!.designs[0]!.pools).toEqual([]);
  });

  it('launches in the scenario zones a NodePool allows', () => {
    const r = load(
      scenario(undefined, 'zones: [us-east-1a, us-east-1b]\n'),
      nodePool(
        requirements(
          '{ key: node.kubernetes.io/instance-type, operator: In, values: [m5.large] }',
          '{ key: topology.kubernetes.io/zone, operator: In, values: [us-east-1b] }',
        ),
      ),
    );
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario!.designs[0]!.karpenter!.zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(r.scenario!.designs[0]!.karpenter!.nodePools[0]!.instanceTypes).toEqual(['m5.large']);
  });

  it('reads karpenter.sh/do-not-disrupt from a Deployment manifest onto its pods', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: app }
spec:
  replicas: 1
  selector: { matchLabels: { app: app } }
  template:
    metadata:
      labels: { app: app }
      annotations: { karpenter.sh/do-not-disrupt: "true" }
    spec:
      containers: [{ name: app, image: app:1, resources: { requests: { cpu: "1", memory: 1Gi } } }]
`;
    const r = loadScenarioText(
      'kb.yaml',
      `name: kb
duration: 30m
include: [np.yaml, app.yaml]
workloads:
  app: { image: { name: app:1, size: 100M } }
designs:
  k:
    karpenter: { nodePools: [general] }
`,
      (path) => (path.endsWith('app.yaml') ? deployment : nodePool('')),
    );
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.scenario!.workloads[0]!.template.metadata?.annotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true' });
  });

  it.each([
    [
      'an unknown requirement key',
      nodePool(requirements('{ key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ["0"] }')),
      /^np\.yaml:9:18: spec\.template\.spec\.requirements\[0\]\.key: NodePool general: karpenter\.k8s\.aws\/instance-gpu-count is refused: poolsim gives nodes no such label; expected one of /,
    ],
    [
      'an unknown operator',
      nodePool(requirements('{ key: kubernetes.io/arch, operator: Near, values: [amd64] }')),
      /^np\.yaml:9:48: spec\.template\.spec\.requirements\[0\]\.operator: NodePool general: operator "Near" is unknown; expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt$/,
    ],
    [
      'an instance type not in the catalog',
      nodePool(requirements('{ key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.huge] }')),
      /^np\.yaml:9:85: spec\.template\.spec\.requirements\[0\]\.values\[1\]: NodePool general: instance type "m5\.huge" is not in poolsim's EC2 catalog; expected a type/,
    ],
    [
      'budgets that do not parse',
      nodePool(
        '',
        '  disruption:\n    budgets: [{ nodes: "ten" }, { nodes: "1", schedule: "0 25 * * *", duration: 1h }]\n',
      ),
      /^np\.yaml:9:15: spec\.disruption\.budgets\[0\]: NodePool general: nodes "ten" is neither a count nor a percentage; expected e\.g\. 10% or 5$/,
    ],
    [
      'a field poolsim does not simulate',
      nodePool('      terminationGracePeriod: 1h\n'),
      /^np\.yaml:8:31: spec\.template\.spec\.terminationGracePeriod: NodePool general: spec\.template\.spec\.terminationGracePeriod is refused: poolsim does not simulate it; expected only /,
    ],
    [
      'requirements no type meets',
      nodePool(
        requirements(
          '{ key: karpenter.k8s.aws/instance-family, operator: In, values: [m5] }',
          '{ key: kubernetes.io/arch, operator: In, values: [arm64] }',
        ),
      ),
      /^np\.yaml:9:9: spec\.template\.spec\.requirements: no instance type of poolsim's EC2 catalog meets these requirements/,
    ],
  ])('refuses %s at its place in the manifest', (_, np, message) => {
    const found = problems(scenario(), np);
    expect(
      found.some((p) => message.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it('refuses a schedule that does not parse', () => {
    const found = problems(
      scenario(),
      nodePool('', '  disruption:\n    budgets: [{ nodes: "1", schedule: "0 25 * * *", duration: 1h }]\n'),
    );
    expect(found.join('\n')).toMatch(
      /^np\.yaml:9:15: spec\.disruption\.budgets\[0\]: NodePool general: schedule "0 25 \* \* \*" is not a cron schedule/m,
    );
  });

  it('refuses a NodePool the design names but no manifest defines', () => {
    expect(problems(scenario('karpenter: { nodePools: [general, gpu] }'), nodePool(''))).toEqual([
      'kb.yaml:8:39: designs.k.karpenter.nodePools[1]: no included manifest defines NodePool gpu; expected one of general',
    ]);
  });

  it("refuses an EC2NodeClass's kubelet settings, which would change what nodes offer pods", () => {
    const np = `${nodePool('')}---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: { name: default }
spec:
  amiSelectorTerms: [{ alias: al2023@latest }]
  kubelet: { maxPods: 110 }
`;
    expect(problems(scenario(), np)).toEqual([
      'np.yaml:14:12: spec.kubelet: EC2NodeClass default: spec.kubelet is refused: it changes what nodes offer pods (maxPods, reservations), and poolsim takes those from the scenario (defaults.reservation, defaults.maxPods); expected it left out',
    ]);
  });

  it('refuses spot settings for a type not in the catalog, and a design with neither pools nor Karpenter', () => {
    expect(
      problems(
        scenario('karpenter: { nodePools: [general], spot: { instanceTypes: { m5.huge: { discount: 0.5 } } } }'),
        nodePool(''),
      ),
    ).toEqual([
      expect.stringMatching(
        /^kb\.yaml:8:65: designs\.k\.karpenter\.spot\.instanceTypes\["m5\.huge"\]: instance type "m5\.huge" is not in poolsim's EC2 catalog/,
      ),
    ]);
    expect(problems(scenario('description: nothing'), nodePool(''))).toEqual([
      expect.stringMatching(/^kb\.yaml:8:5: designs\.k: no pools; expected at least one/),
    ]);
  });
});
