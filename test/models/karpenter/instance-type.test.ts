// EC2 types as Karpenter's AWS provider describes them, matched against NodePool and pod requirements.
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES, findInstanceType, type InstanceType } from '../../../src/models/instance-types.js';
import { instanceTypeRequirements, LABELS, WELL_KNOWN_LABELS } from '../../../src/models/karpenter/instance-type.js';
import {
  compatible,
  has,
  intersects,
  requirementsOf,
  type Requirements,
} from '../../../src/models/karpenter/requirements.js';

const ZONES = ['us-east-1a', 'us-east-1b'];
const reqs = (t: InstanceType) => instanceTypeRequirements(t, ZONES, ['on-demand', 'spot']);
const valueOf = (r: Requirements, key: string) => [...r.get(key)!.values];

// The types a NodePool's requirements allow, as the provisioner filters them (nodeclaim.go
// compatible: the type's requirements Intersect the NodePool's).
const allowed = (nodePool: Requirements) =>
  INSTANCE_TYPES.filter((t) => t.provider === 'eks' && intersects(reqs(t), nodePool) === null).map((t) => t.name);

describe('instanceTypeRequirements', () => {
  it('labels m5.large as computeRequirements does', () => {
    const r = reqs(findInstanceType('m5.large')!);
    expect(valueOf(r, LABELS.category)).toEqual(['m']);
    expect(valueOf(r, LABELS.generation)).toEqual(['5']);
    expect(valueOf(r, LABELS.family)).toEqual(['m5']);
    expect(valueOf(r, LABELS.size)).toEqual(['large']);
    expect(valueOf(r, LABELS.cpu)).toEqual(['2']);
    expect(valueOf(r, LABELS.memory)).toEqual(['8192']);
    expect(valueOf(r, LABELS.arch)).toEqual(['amd64']);
    expect(valueOf(r, LABELS.zone)).toEqual(ZONES);
    expect(valueOf(r, LABELS.capacityType)).toEqual(['on-demand', 'spot']);
  });

  it('reads the category and generation past a "-<n>tb" part (instanceTypeScheme)', () => {
    const t = { ...findInstanceType('m5.large')!, name: 'u-6tb1.56xlarge' };
    const r = reqs(t);
    expect(valueOf(r, LABELS.category)).toEqual(['u']);
    expect(valueOf(r, LABELS.generation)).toEqual(['1']);
    expect(valueOf(r, LABELS.family)).toEqual(['u-6tb1']);
  });
});

describe('a NodePool choosing among the catalog', () => {
  it('m5 up to 32 vCPU is m5.large … m5.8xlarge', () => {
    const nodePool = requirementsOf([
      { key: LABELS.family, operator: 'In', values: ['m5'] },
      { key: LABELS.cpu, operator: 'Lt', values: ['33'] },
    ]);
    expect(allowed(nodePool).sort()).toEqual(['m5.2xlarge', 'm5.4xlarge', 'm5.8xlarge', 'm5.large', 'm5.xlarge']);
  });

  it('categories c, m, r of generation 6 or later on Graviton are all arm64 types', () => {
    const nodePool = requirementsOf([
      { key: LABELS.category, operator: 'In', values: ['c', 'm', 'r'] },
      { key: LABELS.generation, operator: 'Gt', values: ['5'] },
      { key: LABELS.arch, operator: 'In', values: ['arm64'] },
    ]);
    const names = allowed(nodePool);
    expect(names).toContain('m6g.large');
    expect(names).toContain('c7g.xlarge');
    expect(names).not.toContain('m6i.large');
    expect(names.every((n) => findInstanceType(n)!.arch === 'arm64' && /^[cmr]/.test(n))).toBe(true);
  });

  it("a label of the NodePool's own filters no type: Intersects looks at the keys both name", () => {
    const custom = requirementsOf([{ key: 'team', operator: 'In', values: ['a'] }]);
    expect(allowed(custom).length).toBeGreaterThan(900);
  });

  it('a pod asking for a label the NodePool does not define is not compatible (Compatible, CanAdd)', () => {
    const pod = requirementsOf([{ key: 'team', operator: 'In', values: ['a'] }]);
    const t = reqs(findInstanceType('m5.large')!);
    expect(compatible(t, pod, WELL_KNOWN_LABELS)).toBe('team');
    const excludes = requirementsOf([{ key: 'team', operator: 'NotIn', values: ['a'] }]);
    expect(compatible(t, excludes, WELL_KNOWN_LABELS)).toBeNull();
  });

  it('a capacity type or zone narrows the offerings, not the type', () => {
    const spotInB = requirementsOf([
      { key: LABELS.capacityType, operator: 'In', values: ['spot'] },
      { key: LABELS.zone, operator: 'In', values: ['us-east-1b'] },
    ]);
    expect(allowed(spotInB)).toContain('m5.large');
    expect(has(spotInB.get(LABELS.zone)!, 'us-east-1a')).toBe(false);
    const elsewhere = requirementsOf([{ key: LABELS.zone, operator: 'In', values: ['us-west-2a'] }]);
    expect(allowed(elsewhere)).toEqual([]);
  });
});
