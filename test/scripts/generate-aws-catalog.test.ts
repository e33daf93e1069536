// The EC2 catalog generator's readers, on excerpts of the upstream tables as they are written.
import { describe, expect, it } from 'vitest';
import { catalogRows, parseInstanceTypes, parsePricing, parseVpcLimits } from '../../scripts/generate-aws-catalog.js';

const CA = `// StaticListLastUpdateTime is a string declaring the last time the static list was updated.
var StaticListLastUpdateTime = "2026-01-22"

var InstanceTypes = map[string]*InstanceType{
	"m5.large": {
		InstanceType: "m5.large",
		VCPU:         2,
		MemoryMb:     8192,
		GPU:          0,
		Architecture: "amd64",
	},
	"m6g.large": {
		InstanceType: "m6g.large",
		VCPU:         2,
		MemoryMb:     8192,
		GPU:          0,
		Architecture: "arm64",
	},
	"p3.2xlarge": {
		InstanceType: "p3.2xlarge",
		VCPU:         8,
		MemoryMb:     62464,
		GPU:          1,
		Architecture: "amd64",
	},
	"x9.large": {
		InstanceType: "x9.large",
		VCPU:         2,
		MemoryMb:     8192,
		GPU:          0,
		Architecture: "amd64",
	},
}
`;

const VPC = `// This file was generated at 2026-08-06T04:02:42Z
var Limits = map[string]*VPCLimits{
	"m4.large": {
		Interface:               2,
		IPv4PerInterface:        10,
		IsTrunkingCompatible:    false,
		BranchInterface:         0,
		DefaultNetworkCardIndex: 0,
		NetworkCards: []NetworkCard{
			{
				MaximumNetworkInterfaces: 2,
				NetworkCardIndex:         0,
			},
		},
		Hypervisor:  "xen",
		IsBareMetal: false,
	},
	"m5.large": {
		Interface:               3,
		IPv4PerInterface:        10,
		IsTrunkingCompatible:    true,
		BranchInterface:         9,
		DefaultNetworkCardIndex: 0,
		NetworkCards: []NetworkCard{
			{
				MaximumNetworkInterfaces: 3,
				NetworkCardIndex:         0,
			},
		},
		Hypervisor:  "nitro",
		IsBareMetal: false,
	},
	"m6g.large": {
		Interface:               3,
		IPv4PerInterface:        10,
		Hypervisor:  "nitro",
	},
	"p3.2xlarge": {
		Interface:               4,
		IPv4PerInterface:        15,
		Hypervisor:  "xen",
	},
}
`;

const PRICING = `// generated at 2026-07-20T13:44:30Z for us-east-1

var InitialOnDemandPricesAWS = map[string]map[ec2types.InstanceType]float64{
	// us-east-1
	"us-east-1": {
		// m5 family
		"m5.large": 0.096000, "m5.xlarge": 0.192000,
		// m6g family
		"m6g.large": 0.077000,
		// p3 family
		"p3.2xlarge": 3.060000,
	},
	"us-west-2": {
		"m5.large": 0.096000,
	},
}
`;

describe('generate-aws-catalog', () => {
  it('reads the cluster autoscaler type list with its date', () => {
    const { types, date } = parseInstanceTypes(CA);
    expect(date).toBe('2026-01-22');
    expect(types.get('m6g.large')).toEqual({ vcpu: 2, memoryMiB: 8192, gpus: 0, arch: 'arm64' });
    expect(types.get('p3.2xlarge')?.gpus).toBe(1);
  });

  it("reads Karpenter's VPC limits, nested network cards and all", () => {
    const { limits, date } = parseVpcLimits(VPC);
    expect(date).toBe('2026-08-06T04:02:42Z');
    expect(limits.get('m4.large')).toEqual({ enis: 2, ipv4PerEni: 10, hypervisor: 'xen' });
    expect(limits.get('m5.large')).toEqual({ enis: 3, ipv4PerEni: 10, hypervisor: 'nitro' });
  });

  it('reads on-demand prices per region', () => {
    const { regions, date } = parsePricing(PRICING);
    expect(date).toBe('2026-07-20T13:44:30Z');
    expect([...regions.keys()]).toEqual(['us-east-1', 'us-west-2']);
    expect(regions.get('us-east-1')?.get('m5.xlarge')).toBe(0.192);
    expect(regions.get('us-west-2')?.size).toBe(1);
  });

  it('keeps types that every table has and no GPU, sorted by name', () => {
    const rows = catalogRows(
      parseInstanceTypes(CA).types,
      parseVpcLimits(VPC).limits,
      parsePricing(PRICING).regions.get('us-east-1'),
    );
    expect(rows).toEqual([
      ['m5.large', 2, 8192, 'amd64', 3, 10, 'nitro', 0.096],
      ['m6g.large', 2, 8192, 'arm64', 3, 10, 'nitro', 0.077],
    ]);
  });
});
