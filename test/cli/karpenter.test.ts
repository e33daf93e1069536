// Karpenter designs through the CLI: run writes their figures, pools by instance type and the
// report's chart; compare gates them; a sweep varies their spot inputs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-karpenter-');

const nodePools = (limit = '') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: general }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [m5, c5] }
        - { key: karpenter.k8s.aws/instance-size, operator: In, values: [large, xlarge, 2xlarge] }
${limit}  disruption:
    consolidateAfter: 30s
`;

const scenario = `name: kc
duration: 30m
seed: 3
include: [np.yaml]
workloads:
  app:
    replicas: 4
    requests: { cpu: "1", memory: 2Gi }
    scale: [{ at: 5m, replicas: 12 }, { at: 15m, replicas: 3 }]
designs:
  fixed:
    pools: { main: { instanceType: m5.xlarge, min: 1, max: 10 } }
  karpenter:
    karpenter: { nodePools: [general], spot: { discount: 0.6 } }
`;

const folder = (np = nodePools()) => {
  const dir = join(tmp(), 'scenario');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kc.yaml'), scenario);
  writeFileSync(join(dir, 'np.yaml'), np);
  return dir;
};

describe('Karpenter through the CLI', () => {
  it('runs a Karpenter design beside a fixed pool: its summary, its node groups in pools.csv, its chart', async () => {
    const dir = folder();
    const out = join(tmp(), 'out');
    const { code, stdout, stderr } = await runCli('run', join(dir, 'kc.yaml'), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'karpenter', 'summary.json'), 'utf8'));
    expect(s.karpenter.nodeClaimsLaunched).toBeGreaterThan(0);
    expect(Object.values(s.karpenter.instanceTypes as Record<string, number>).reduce((a, b) => a + b)).toBe(
      s.karpenter.nodeClaimsLaunched,
    );
    expect(s.karpenter.spotFraction).toBe(1); // no capacity type written: spot first
    expect(s.cost.total).toBeCloseTo(s.karpenter.costSpot, 6);
    expect(JSON.parse(readFileSync(join(out, 'fixed', 'summary.json'), 'utf8')).karpenter).toBeNull();
    const pools = readFileSync(join(out, 'karpenter', 'pools.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(
      pools.slice(1).every((l) => /^[0-9.]+,general-(m5|c5)\.[a-z0-9]+-spot,(m5|c5)\.[a-z0-9]+,spot,/.test(l)),
    ).toBe(true);
    const table = stdout.split('\n').find((l) => l.startsWith('karpenter '))!;
    expect(table).toContain(`+${s.karpenter.nodeClaimsLaunched} −${s.karpenter.nodesRemoved}`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="all-instance-types"');
    // Drawn as files too, beside the other charts: per Karpenter design and overlaid.
    expect(readFileSync(join(out, 'charts', 'instance-types.svg'), 'utf8')).toContain('Nodes by instance type');
    expect(JSON.parse(readFileSync(join(out, 'karpenter', 'charts', 'instance-types.vl.json'), 'utf8')).title).toBe(
      'Nodes by instance type (karpenter)',
    );
    expect(existsSync(join(out, 'fixed', 'charts', 'instance-types.vl.json'))).toBe(false);
    expect(html).toContain('NodePool general (Karpenter)');
  }, 60_000);

  it('gates a Karpenter design with compare: a NodePool limit that leaves pods pending is a regression', async () => {
    const base = join(tmp(), 'base');
    await runCli('run', join(folder(), 'kc.yaml'), '--out', base, '--no-charts');
    const limited = join(tmp(), 'limited');
    const dir = folder(nodePools('  limits: { cpu: "4" }\n'));
    const run = await runCli('run', join(dir, 'kc.yaml'), '--out', limited, '--no-charts');
    expect(run.code).toBe(0);
    const r = await runCli('compare', base, limited);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/karpenter\s+pendingPodSeconds\s.*REGRESSION/);
    expect(r.stdout).not.toMatch(/fixed\s+\S+\s.*REGRESSION/);
  }, 60_000);

  it('refuses a bad NodePool with file:line:col lines naming the manifest, exit 2', async () => {
    const dir = folder(
      nodePools().replace(
        'values: [m5, c5] }',
        'values: [m5, c5] }\n        - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.huge] }',
      ),
    );
    const r = await runCli('validate', join(dir, 'kc.yaml'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${dir}/np.yaml:10:75: spec.template.spec.requirements[1].values[0]: NodePool general: instance type "m5.huge" is not in poolsim's EC2 catalog; expected a type \`poolsim instances --provider eks\` lists, e.g. m5.large`,
    ]);
  });

  it('sweeps a Karpenter design over its spot discount: the cost follows it', async () => {
    const out = join(tmp(), 'sweep');
    const r = await runCli(
      'sweep',
      join(folder(), 'kc.yaml'),
      '--design',
      'karpenter',
      '--vary',
      'karpenter.spot.discount=0.2,0.8',
      '--workers',
      '1',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'sweep.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((row) => row[1])).toEqual(['0.2', '0.8']);
    // The same launches at a quarter of the price (1 − 0.8 against 1 − 0.2).
    expect(Number(rows[1]![3]) / Number(rows[0]![3])).toBeCloseTo(0.25, 4); // the costs are rounded to 1e-6 USD
  }, 60_000);
});
