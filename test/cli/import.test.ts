// `poolsim import` and `poolsim calibrate` on the shipped dump (examples/cluster-dump): a scenario
// that loads and runs as it is, the same from -o json as from -o yaml, nothing secret copied, and
// delays fitted to the cluster's own events.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-import-');
const DUMP = 'examples/cluster-dump';
const body = (yaml: string) =>
  yaml
    .split('\n')
    .filter((l) => !/^#|^description: Imported from/.test(l))
    .join('\n');

describe('poolsim import', () => {
  it('writes a scenario that loads as it is, with pools from the EKS node groups and every workload', async () => {
    const r = await runCli('import', `${DUMP}/cluster.json`);
    expect(r.code).toBe(0);
    const loaded = loadScenarioText('imported.yaml', r.stdout);
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    const s = loaded.scenario!;
    expect(s.kubernetesVersion).toEqual({ major: 1, minor: 31 });
    expect(s.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const written = parse(r.stdout);
    // general has 4 nodes over 3 zones (2, 1, 1): a pool per zone keeps each count.
    expect(Object.keys(written.designs.current.pools)).toEqual([
      'batch',
      'general-us-east-1a',
      'general-us-east-1b',
      'general-us-east-1c',
      'memory',
    ]);
    // memory's two nodes sit one a zone: one pool over both zones, one node a zone.
    expect(written.designs.current.pools.memory).toMatchObject({
      instanceType: 'r5.2xlarge',
      initial: 1,
      zones: ['us-east-1a', 'us-east-1b'],
      taints: [{ key: 'dedicated', value: 'memory', effect: 'NoSchedule' }],
    });
    expect(written.defaults.reservation).toBe('eks');
    expect(r.stdout).toContain("reservation: eks # guessed from the nodes' EKS node group labels");
    expect(s.workloads.map((w) => w.name).sort()).toEqual([
      'batch/transcoder',
      'cache',
      'kube-system/coredns',
      'payments/api',
      'payments/ledger',
      'payments/worker',
      'platform/ingress-nginx-controller',
      'platform/metrics-server',
      'shop/cart',
      'shop/search',
      'shop/web',
    ]);
    expect(s.workloads.find((w) => w.name === 'shop/web')!.hpa).not.toBeNull();
    expect(s.budgets.map((b) => b.name)).toEqual(['payments/api']);
    expect(r.stderr).toContain('note: the dump gives no image sizes: 11 workload(s)');
  });

  it('copies nothing secret: no environment variable, secret reference or annotation', async () => {
    const dump = readFileSync(`${DUMP}/cluster.json`, 'utf8');
    expect(dump).toContain('hunter2-not-real'); // the dump has them
    const { stdout } = await runCli('import', `${DUMP}/cluster.json`);
    for (const text of ['hunter2', 'DB_PASSWORD', 'secretKeyRef', 'last-applied-configuration', 'env:'])
      expect(stdout).not.toContain(text);
  });

  it('gives the same scenario from -o yaml as from -o json', async () => {
    const json = await runCli('import', `${DUMP}/cluster.json`);
    const yaml = await runCli('import', `${DUMP}/cluster.yaml`);
    expect(yaml.code).toBe(0);
    expect(body(yaml.stdout)).toBe(body(json.stdout));
  });

  it.each(['cluster.json', 'cluster.yaml'])(
    'runs end to end from %s: import, then run the scenario it wrote',
    async (dump) => {
      const dir = tmp();
      const file = join(dir, 'scenario.yaml');
      expect(
        (await runCli('import', `${DUMP}/${dump}`, '--out', file, '--what-if', 'pools.*.instanceType=m5.2xlarge')).code,
      ).toBe(0);
      const r = await runCli('run', file, '--no-charts', '--out', join(dir, 'out'));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const current = JSON.parse(readFileSync(join(dir, 'out', 'current', 'summary.json'), 'utf8'));
      expect(current.nodes.initial).toBe(9);
      expect(current.pods.neverReady).toBe(0);
      expect(readFileSync(join(dir, 'out', 'instancetype-m5-2xlarge', 'summary.json'), 'utf8')).toContain(
        '"design": "instancetype-m5-2xlarge"',
      );
    },
    60_000,
  );

  it('refuses what is not Kubernetes output, and exits 2 only when nothing usable remains', async () => {
    const dir = tmp();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'junk.json'), '{"hello": "world"}');
    writeFileSync(join(dir, 'services.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n');
    writeFileSync(
      join(dir, 'odd-node.yaml'),
      'apiVersion: v1\nkind: Node\nmetadata: { name: mystery, labels: { team: a } }\n',
    );
    const junk = await runCli('import', join(dir, 'junk.json'), join(dir, 'services.yaml'));
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain(
      `${join(dir, 'junk.json')}: item 0: not a Kubernetes object (no kind or metadata.name); skipped`,
    );
    expect(junk.stderr).toContain('note: skipped 1 Service');
    expect(junk.stderr).toContain('nothing usable remains');
    expect(junk.stderr).not.toContain('    at ');
    const partial = await runCli('import', `${DUMP}/cluster.json`, join(dir, 'odd-node.yaml'));
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain('Node mystery: has no node.kubernetes.io/instance-type label; skipped');
  });
});

describe('poolsim calibrate', () => {
  it("fits each pool's provisioning and start-up and the workloads' delays to the events, and refuses fewer than 5 samples", async () => {
    const r = await runCli('calibrate', `${DUMP}/cluster.json`, '--events', `${DUMP}/events.json`);
    expect(r.code).toBe(0);
    const s = parse(r.stdout);
    expect(loadScenarioText('calibrated.yaml', r.stdout).problems).toEqual([]);
    // The general group's six scale-ups: 70, 85, 90, 100, 120, 150 s to register; 8 to 20 s to Ready.
    const logs = [70, 85, 90, 100, 120, 150].map(Math.log);
    const mu = logs.reduce((a, b) => a + b) / 6;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / 5);
    const seconds = (x: number) => `${Math.round(x * 10) / 10}s`;
    for (const pool of ['general-us-east-1a', 'general-us-east-1b', 'general-us-east-1c'])
      expect(s.designs.current.pools[pool].provisioning).toEqual({
        lognormal: { median: seconds(Math.exp(mu)), p95: seconds(Math.exp(mu + 1.6448536269514722 * sd)) },
      });
    expect(r.stdout).toContain('# fitted to 6 samples, 70s to 150s');
    // batch scaled up twice: no fit, and it says so.
    expect(s.designs.current.pools.batch.provisioning).toBeUndefined();
    expect(r.stderr).toContain('note: pool batch provisioning: 2 sample(s); a fit needs at least 5; kept the default');
    // The web image's size from the kubelet's Pulled events.
    expect(s.workloads['shop/web'].image.size).toBe('412345678');
  });
});
