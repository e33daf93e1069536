// An EC2 instance type as Karpenter's AWS provider describes it to the scheduler: its requirements,
// one value a label, and the zones and capacity types of its offerings.
// aws/karpenter-provider-aws pkg/providers/instancetype/types.go (computeRequirements,
// instanceTypeScheme) and pkg/apis/v1/labels.go. Simplified: only the labels a capacity question
// turns on (type, architecture, OS, zone, capacity type, and the instance-category, -family,
// -generation, -size, -cpu and -memory labels); the others (GPU, network, EBS, local NVMe, ...) are
// not set, so a NodePool or pod that requires them matches no type.
import type { InstanceType } from '../instance-types.js';
import { addRequirements, newRequirement, type Requirements } from './requirements.js';

/** LABELS are the label keys Karpenter and its AWS provider set on nodes, which NodePools and pods may require. */
export const LABELS = {
  instanceType: 'node.kubernetes.io/instance-type',
  arch: 'kubernetes.io/arch',
  os: 'kubernetes.io/os',
  zone: 'topology.kubernetes.io/zone',
  capacityType: 'karpenter.sh/capacity-type',
  nodePool: 'karpenter.sh/nodepool',
  category: 'karpenter.k8s.aws/instance-category',
  family: 'karpenter.k8s.aws/instance-family',
  generation: 'karpenter.k8s.aws/instance-generation',
  size: 'karpenter.k8s.aws/instance-size',
  cpu: 'karpenter.k8s.aws/instance-cpu',
  memory: 'karpenter.k8s.aws/instance-memory',
} as const;

/** WELL_KNOWN_LABELS are the keys a requirement may name though a node does not define them (karpenter v1.WellKnownLabels with the AWS provider's). */
export const WELL_KNOWN_LABELS: ReadonlySet<string> = new Set(Object.values(LABELS));

// instanceTypeScheme: the category letters, an optional "-<n>tb", then the generation digits.
const INSTANCE_TYPE_SCHEME = /(^[a-z]+)(-[0-9]+tb)?([0-9]+).*\./;

/** instanceTypeRequirements are the type's requirements, offered in `zones` as `capacityTypes`. */
export function instanceTypeRequirements(
  t: InstanceType,
  zones: readonly string[],
  capacityTypes: readonly string[],
): Requirements {
  const parts = INSTANCE_TYPE_SCHEME.exec(t.name);
  const dot = t.name.split('.');
  const oneOf = (key: string, value: string | undefined) =>
    newRequirement(key, value === undefined ? 'DoesNotExist' : 'In', value === undefined ? [] : [value]);
  return addRequirements(
    new Map(),
    newRequirement(LABELS.instanceType, 'In', [t.name]),
    newRequirement(LABELS.arch, 'In', [t.arch]),
    newRequirement(LABELS.os, 'In', ['linux']),
    newRequirement(LABELS.zone, 'In', zones),
    newRequirement(LABELS.capacityType, 'In', capacityTypes),
    newRequirement(LABELS.cpu, 'In', [String(t.vcpu)]),
    newRequirement(LABELS.memory, 'In', [String(Math.round(t.memoryGiB * 1024))]),
    oneOf(LABELS.category, parts?.[1]),
    oneOf(LABELS.generation, parts?.[3]),
    oneOf(LABELS.family, dot.length === 2 ? dot[0] : undefined),
    oneOf(LABELS.size, dot.length === 2 ? dot[1] : undefined),
  );
}
