// A NodePool over the generated EC2 catalog: the types it allows, its labels as requirements, the
// limits that leave types out, and what the provisioner then launches.
import { describe, expect, it } from 'vitest';
import { nodeAllocatable } from '../../../src/models/allocatable.js';
import { INSTANCE_TYPES, instanceSize, type InstanceType } from '../../../src/models/instance-types.js';
import { LABELS, WELL_KNOWN_LABELS } from '../../../src/models/karpenter/instance-type.js';
import {
  nodeClaimTemplate,
  templateRequirements,
  withinLimits,
  type Catalog,
} from '../../../src/models/karpenter/node-claim-template.js';
import { launch, solve } from '../../../src/models/karpenter/provisioning.js';
import { compatible, requirementsOf } from '../../../src/models/karpenter/requirements.js';

const GiB = 2 ** 30;
const catalog: Catalog = {
  types: INSTANCE_TYPES.filter((t) => t.provider === 'eks'),
  zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  allocatable: (t: InstanceType) =>
    nodeAllocatable({
      ...instanceSize(t),
      maxPods: t.maxPods,
      podIPs: t.podIPs,
      attachableVolumes: t.attachableVolumes,
      reservation: { name: 'eks' },
      daemonSets: [],
    }).allocatable,
  spotPrice: (t: InstanceType) => Math.round(t.pricePerHourUSD * 0.35 * 1e6) / 1e6,
};
const DAEMONS = { cpuMilli: 125, memoryBytes: 0, pods: 2 };

// Karpenter's getting-started NodePool, with a label of its own.
const GETTING_STARTED = {
  name: 'default',
  weight: 0,
  labels: { team: 'web' },
  requirements: [
    { key: LABELS.arch, operator: 'In', values: ['amd64'] },
    { key: LABELS.capacityType, operator: 'In', values: ['on-demand'] },
    { key: LABELS.category, operator: 'In', values: ['c', 'm', 'r'] },
    { key: LABELS.generation, operator: 'Gt', values: ['2'] },
  ],
};

describe('nodeClaimTemplate', () => {
  const template = nodeClaimTemplate(GETTING_STARTED, catalog, DAEMONS);

  it('keeps the types its requirements allow: c, m and r of generation 3 or later on amd64', () => {
    const names = template.options.map((o) => o.type.name);
    expect(names).toContain('m5.large');
    expect(names).toContain('c7i.xlarge');
    expect(names).not.toContain('m6g.large'); // arm64
    expect(names).not.toContain('t3.large'); // category t
    expect(names).not.toContain('m1.large'); // generation 1
    expect(names.every((n) => /^[cmr]/.test(n) && Number(/^[a-z]+(\d+)/.exec(n)![1]) > 2)).toBe(true);
  });

  it('carries its labels and its name as requirements pods can select', () => {
    const r = templateRequirements(GETTING_STARTED);
    const wants = (key: string, value: string) =>
      compatible(r, requirementsOf([{ key, operator: 'In', values: [value] }]), WELL_KNOWN_LABELS) === null;
    expect(wants('team', 'web')).toBe(true);
    expect(wants('team', 'db')).toBe(false);
    expect(wants(LABELS.nodePool, 'default')).toBe(true);
  });

  it('launches on-demand only, as its capacity-type requirement says, though the types have spot offerings', () => {
    const pods = Array.from({ length: 4 }, (_, id) => ({
      id,
      cpuMilli: 1000,
      memoryBytes: GiB,
      requirements: new Map(),
    }));
    const result = solve(pods, [template]);
    expect(result.nodeClaims).toHaveLength(1);
    expect(launch(result.nodeClaims[0]!)!.capacityType).toBe('on-demand');
  });
});

describe('withinLimits', () => {
  it('leaves out the types larger than what the limits leave (filterByRemainingResources)', () => {
    const template = nodeClaimTemplate(GETTING_STARTED, catalog, DAEMONS);
    const limited = withinLimits(template, { cpuMilli: 8000 });
    expect(limited.options.length).toBeGreaterThan(0);
    expect(limited.options.every((o) => o.type.vcpu <= 8)).toBe(true);
    expect(limited.options.length).toBeLessThan(template.options.length);
    expect(withinLimits(template, { cpuMilli: 999 }).options).toEqual([]); // no type has under 1 vCPU
    expect(withinLimits(template, { memoryBytes: 16 * GiB }).options.every((o) => o.type.memoryGiB <= 16)).toBe(true);
  });
});
