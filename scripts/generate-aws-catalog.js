// Writes src/models/aws-instance-types.generated.ts, poolsim's EC2 catalog, from upstream's own
// generated tables:
//   kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go (vCPU, memory,
//     GPUs, architecture);
//   aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go (ENIs and IPv4
//     addresses per ENI, from which the VPC CNI's pod IPs and the EKS AMI's max pods follow);
//   aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (on-demand Linux
//     prices by region).
// Types with GPUs are left out (poolsim schedules CPU and memory only), as are types missing from
// one of the tables. Usage, with a checkout (or a bare clone) of each repository:
//   node scripts/generate-aws-catalog.js <autoscaler> <karpenter-provider-aws>
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CA_TYPES = 'cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go';
export const VPC_LIMITS = 'pkg/providers/instancetype/zz_generated.vpclimits.go';
export const PRICING = 'pkg/providers/pricing/zz_generated.pricing_aws.go';
const OUT = 'src/models/aws-instance-types.generated.ts';

/** parseInstanceTypes reads ec2_instance_types.go: each type's vCPU, memory (MiB), GPUs and architecture, and the list's date. */
export function parseInstanceTypes(go) {
  const types = new Map();
  const row =
    /"([^"]+)": \{\s*InstanceType:\s*"([^"]+)",\s*VCPU:\s*(\d+),\s*MemoryMb:\s*(\d+),\s*GPU:\s*(\d+),\s*Architecture:\s*"([^"]+)",\s*\}/g;
  for (const m of go.matchAll(row))
    types.set(m[1], { vcpu: Number(m[3]), memoryMiB: Number(m[4]), gpus: Number(m[5]), arch: m[6] });
  const date = /StaticListLastUpdateTime = "([^"]+)"/.exec(go)?.[1] ?? 'undated';
  return { types, date };
}

/** parseVpcLimits reads zz_generated.vpclimits.go: each type's ENIs, IPv4 addresses per ENI and hypervisor, and when it was generated. */
export function parseVpcLimits(go) {
  const limits = new Map();
  const entries = [...go.matchAll(/^\t"([^"]+)": \{$/gm)];
  entries.forEach((e, i) => {
    const body = go.slice(e.index, i + 1 < entries.length ? entries[i + 1].index : go.length);
    const enis = /\bInterface:\s*(\d+),/.exec(body);
    const ips = /\bIPv4PerInterface:\s*(\d+),/.exec(body);
    if (enis === null || ips === null) return;
    const hypervisor = /\bHypervisor:\s*"([^"]*)"/.exec(body)?.[1] ?? '';
    limits.set(e[1], { enis: Number(enis[1]), ipv4PerEni: Number(ips[1]), hypervisor });
  });
  const date = /generated at (\S+)/.exec(go)?.[1] ?? 'undated';
  return { limits, date };
}

/** parsePricing reads zz_generated.pricing_aws.go: on-demand prices (USD an hour) by region and type, and when they were read. */
export function parsePricing(go) {
  const regions = new Map();
  const blocks = [...go.matchAll(/^\t"([a-z]{2}(?:-[a-z]+)+-\d)": \{$/gm)];
  blocks.forEach((b, i) => {
    const end = i + 1 < blocks.length ? blocks[i + 1].index : go.length;
    const prices = new Map();
    for (const m of go.slice(b.index, end).matchAll(/"([a-z0-9-]+\.[a-z0-9-]+)": ([0-9.]+)/g))
      prices.set(m[1], Number(m[2]));
    regions.set(b[1], prices);
  });
  const date = /generated at (\S+)/.exec(go)?.[1] ?? 'undated';
  return { regions, date };
}

/** catalogRows joins the three tables: a row per type that has all three and no GPU, sorted by name. */
export function catalogRows(types, limits, prices) {
  const rows = [];
  for (const [name, t] of types) {
    const l = limits.get(name);
    const price = prices?.get(name);
    if (t.gpus > 0 || l === undefined || price === undefined || t.vcpu === 0 || t.memoryMiB === 0) continue;
    rows.push([
      name,
      t.vcpu,
      t.memoryMiB,
      t.arch,
      l.enis,
      l.ipv4PerEni,
      l.hypervisor === 'xen' ? 'xen' : 'nitro',
      price,
    ]);
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

// A file of a repository: from its work tree, or from HEAD of a bare clone; and the commit read.
function readUpstream(repo, path) {
  const inTree = join(repo, path);
  if (existsSync(inTree)) return readFileSync(inTree, 'utf8');
  return execFileSync('git', ['-C', repo, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

const commitOf = (repo) => execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

async function main([autoscaler, karpenter, region = 'us-east-1']) {
  if (autoscaler === undefined || karpenter === undefined) {
    console.error(
      'usage: node scripts/generate-aws-catalog.js <autoscaler repo> <karpenter-provider-aws repo> [region]',
    );
    process.exit(2);
  }
  const ca = parseInstanceTypes(readUpstream(autoscaler, CA_TYPES));
  const vpc = parseVpcLimits(readUpstream(karpenter, VPC_LIMITS));
  const pricing = parsePricing(readUpstream(karpenter, PRICING));
  const prices = pricing.regions.get(region);
  if (prices === undefined) {
    console.error(`no prices for ${region} in ${PRICING}; it has ${[...pricing.regions.keys()].join(', ')}`);
    process.exit(2);
  }
  const rows = catalogRows(ca.types, vpc.limits, prices);
  const text = `// GENERATED by \`node scripts/generate-aws-catalog.js\`; edit that script, not this file.
// Sources (public, machine-readable, generated upstream):
//   kubernetes/autoscaler@${commitOf(autoscaler)} ${CA_TYPES} (list of ${ca.date})
//   aws/karpenter-provider-aws@${commitOf(karpenter)} ${VPC_LIMITS} (generated ${vpc.date})
//   aws/karpenter-provider-aws@${commitOf(karpenter)} ${PRICING} (generated ${pricing.date}, ${region})
// Types with GPUs, and types missing from a table, are left out.

/** AWS_CATALOG_SOURCE says where and when the EC2 catalog was read. */
export const AWS_CATALOG_SOURCE = {
  region: '${region}',
  read: '${pricing.date.slice(0, 10)}',
  source:
    'aws/karpenter-provider-aws ${PRICING}; kubernetes/autoscaler ${CA_TYPES}; ${VPC_LIMITS}',
} as const;

/** AwsInstanceRow is one EC2 type: name, vCPU, memory (MiB), architecture, ENIs, IPv4 addresses per ENI, hypervisor (bare metal counts as nitro), on-demand USD an hour. */
export type AwsInstanceRow = readonly [string, number, number, 'amd64' | 'arm64', number, number, 'nitro' | 'xen', number];

/** AWS_INSTANCE_ROWS are the EC2 types, by name. */
export const AWS_INSTANCE_ROWS: readonly AwsInstanceRow[] = [
${rows.map((r) => `  ['${r[0]}', ${r[1]}, ${r[2]}, '${r[3]}', ${r[4]}, ${r[5]}, '${r[6]}', ${r[7]}],`).join('\n')}
];
`;
  // Formatted as the repository formats its sources, so format:check passes on what is written.
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(OUT);
  writeFileSync(OUT, await prettier.format(text, { ...options, filepath: OUT }));
  console.log(`wrote ${OUT}: ${rows.length} types (of ${ca.types.size} in ${CA_TYPES})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
