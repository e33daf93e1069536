import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../../src/models/units.js';
import { runCli } from './run-cli.js';

describe('poolsim capacity', () => {
  it("prints the breakdown in the articles' order, then the fit (4 vCPU / 16 GiB)", async () => {
    const { code, stdout, stderr } = await runCli(
      'capacity',
      '--profile',
      'gke',
      '--cpu',
      '4',
      '--memory',
      '16Gi',
      '--pod-cpu',
      '300m',
      '--pod-memory',
      '2Gi',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const order = [
      'capacity',
      'kube/system reserved',
      'eviction threshold',
      'allocatable',
      'DaemonSets',
      'for workload pods',
      'that fit',
      'Stranded',
    ];
    const positions = order.map((label) => stdout.indexOf(label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(stdout).toMatch(/= allocatable\s+3920m\s+13\.30 GiB\s+110/);
    expect(stdout).toContain(
      'Pods of 300m / 2Gi that fit: 6 — memory binds (by cpu 13, memory 6, pods 110, pod IPs 254)',
    );
  });

  it('--json prints the contract fields with integer units', async () => {
    const { code, stdout } = await runCli(
      'capacity',
      '--cpu',
      '4',
      '--memory',
      '32Gi',
      '--pod-cpu',
      '300m',
      '--pod-memory',
      '2Gi',
      '--json',
    );
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const key of ['capacity', 'reserved', 'eviction', 'daemonsets', 'allocatable']) {
      expect(Object.keys(r[key])).toEqual(expect.arrayContaining(['cpuMilli', 'memoryBytes']));
    }
    expect(r.capacity).toEqual({ cpuMilli: 4000, memoryBytes: 32 * GiB });
    expect(r.reserved.cpuMilli).toBe(80);
    expect(r.eviction).toEqual({ cpuMilli: 0, memoryBytes: 100 * MiB });
    expect(r.allocatable.pods).toBe(110);
    expect(r.allocatable.cpuMilli).toBe(3920);
    expect(r.fit).toMatchObject({ pods: 13, bindingResource: 'cpu' });
    expect(r.forWorkloads.volumes).toBeNull(); // unlimited
  });

  it('--instance takes size, limits and profile from the catalog', async () => {
    const { code, stdout } = await runCli('capacity', '--instance', 'm5.large', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.node).toMatchObject({ instanceType: 'm5.large', profile: 'eks', maxPods: 29, podIPs: 27 });
    expect(r.reserved).toEqual({ cpuMilli: 70, memoryBytes: 574 * MiB }); // docs/model.md#node-allocatable-and-reservations
    expect(r.fit).toBeUndefined();
  });

  it('counts DaemonSets before workload pods, host-network ones without a pod IP', async () => {
    const { stdout } = await runCli(
      'capacity',
      '--instance',
      'm5.large',
      '--daemonset',
      'kube-proxy=100m/128Mi/hostNetwork',
      '--daemonset',
      '100m/200Mi',
      '--json',
    );
    const r = JSON.parse(stdout);
    expect(r.daemonsets).toMatchObject({ cpuMilli: 200, memoryBytes: 328 * MiB, count: 2, podIPs: 1 });
    expect(r.node.daemonSets).toEqual(['kube-proxy', 'daemonset-2']);
    expect(r.forWorkloads).toMatchObject({ cpuMilli: 1730, pods: 27, podIPs: 26 });
  });

  it('custom profile takes explicit reservations, and a pod CIDR sets the pod IPs', async () => {
    const { code, stdout } = await runCli(
      'capacity',
      '--profile',
      'custom',
      '--cpu',
      '8',
      '--memory',
      '32Gi',
      '--kube-reserved',
      '200m/2Gi',
      '--system-reserved',
      '100m/512Mi',
      '--eviction',
      '500Mi',
      '--pod-cidr',
      '/25',
      '--json',
    );
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.reserved).toEqual({ cpuMilli: 300, memoryBytes: 2.5 * GiB });
    expect(r.eviction.memoryBytes).toBe(500 * MiB);
    expect(r.node.podIPs).toBe(126);
  });

  it('reports every bad flag at once, each naming its flag, exit 2 and no stack trace', async () => {
    const { code, stdout, stderr } = await runCli(
      'capacity',
      '--instance',
      'm5.larg',
      '--max-pods',
      'x',
      '--daemonset',
      '1/2/3',
      '--pod-memory',
      '2GB',
      '--profile',
      'gkee',
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toEqual([
      'poolsim capacity: --instance: unknown instance type "m5.larg" (did you mean m5.large?); `poolsim instances` lists the built-in types',
      'poolsim capacity: --max-pods: "x" is not a whole number from 1 to 10000',
      'poolsim capacity: --profile: unknown profile "gkee" (did you mean gke?); expected one of gke, eks, aks, aks-legacy, none, custom',
      'poolsim capacity: --daemonset: "1/2/3" is not [NAME=]CPU/MEMORY[/hostNetwork]; expected e.g. fluent-bit=100m/200Mi or kube-proxy=100m/128Mi/hostNetwork',
      expect.stringContaining(
        'poolsim capacity: --pod-memory: "2GB" is not a quantity: unknown suffix "GB" (did you mean Gi, binary, or G, decimal?); expected',
      ),
    ]);
  });

  it.each([
    [['capacity'], '--cpu: missing; give --cpu and --memory'],
    [['capacity', '--cpu', '4'], '--memory: missing; give it with --cpu'],
    [['capacity', '--cpu', '0', '--memory', '1Gi'], '--cpu: "0" must be above 0'],
    [['capacity', '--instance', 'm5.large', '--cpu', '4'], '--instance: is an alternative to --cpu/--memory'],
    [
      ['capacity', '--cpu', '4', '--memory', '16Gi', '--kube-reserved', '1/1Gi'],
      '--kube-reserved: only applies with --profile custom; the gke profile computes its own',
    ],
    [
      ['capacity', '--cpu', '4', '--memory', '16Gi', '--pod-cidr', '31'],
      '--pod-cidr: "31" is not a whole number from 8 to 30',
    ],
    [
      ['capacity', '--cpu', '4', '--memroy', '16Gi'],
      "poolsim capacity: unknown option '--memroy' (did you mean --memory?); see 'poolsim capacity --help'\n",
    ],
    [['capcity'], "poolsim: unknown command 'capcity' (did you mean capacity?); see 'poolsim --help'\n"],
    [['capacity', '--cpu', '4', '--cpu', '8', '--memory', '1Gi'], 'given twice ("4", then "8"); give it once'],
    [
      ['capacity', '--instance', 'm5.large', '--max-pods', '5000'],
      "the node as given: kube/system reserved plus the eviction threshold exceed the node's memory; the kubelet would refuse to start",
    ],
  ])('%j → exit 2: %s', async (args, message) => {
    const { code, stderr } = await runCli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('warns, on stderr, when the DaemonSets do not fit, and still prints the breakdown', async () => {
    const { code, stdout, stderr } = await runCli('capacity', '--cpu', '2', '--memory', '4Gi', '--daemonset', '5/1Gi');
    expect(code).toBe(0);
    expect(stderr).toBe(
      'poolsim capacity: warning: the DaemonSets need more CPU than is allocatable; some DaemonSet pods would stay pending\n',
    );
    expect(stdout).toMatch(/= for workload pods\s+0m/);
  });

  it('shows what is stranded of every limit once the binding one runs out', async () => {
    const { stdout } = await runCli(
      'capacity',
      '--cpu',
      '4',
      '--memory',
      '32Gi',
      '--pod-cpu',
      '300m',
      '--pod-memory',
      '2Gi',
    );
    expect(stdout).toContain(
      'Stranded once cpu runs out: 20m CPU (1%), 2.34 GiB memory (8%), 97 pod slots, 241 pod IPs',
    );
  });

  it('--help exits 0 with examples', async () => {
    const { code, stdout } = await runCli('capacity', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('poolsim capacity --profile gke --cpu 4 --memory 16Gi');
  });
});

describe('poolsim instances', () => {
  it("lists a provider's types with prices and where they were read", async () => {
    const { code, stdout } = await runCli('instances', '--provider', 'eks');
    expect(code).toBe(0);
    expect(stdout).toMatch(/m5\.large\s+eks\s+amd64\s+2\s+8 GiB\s+29\s+27\s+26\s+\$0\.0960/);
    expect(stdout).toMatch(/m6g\.large\s+eks\s+arm64\s+2\s+8 GiB/);
    expect(stdout).not.toContain('e2-standard-4');
    expect(stdout).toContain('us-east-1');
  });

  it('--json gives each type with where its price was read', async () => {
    const types = JSON.parse((await runCli('instances', '--json')).stdout);
    expect(types.find((t: { name: string }) => t.name === 'c5.4xlarge')).toMatchObject({
      maxPods: 234,
      arch: 'amd64',
      priceSource: { region: 'us-east-1', read: '2026-07-20' },
    });
  });

  it('rejects an unknown provider with a suggestion', async () => {
    const { code, stderr } = await runCli('instances', '--provider', 'ekss');
    expect(code).toBe(2);
    expect(stderr).toContain('poolsim instances: --provider: unknown provider "ekss" (did you mean eks?)');
  });
});
