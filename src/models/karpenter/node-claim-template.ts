// A NodePool as the provisioner holds it: its requirements (written ones and its nodes' labels,
// karpenter.sh/nodepool among them) and the instance types they allow, each with its offerings,
// filtered by what the NodePool's limits still leave. kubernetes-sigs/karpenter
// pkg/controllers/provisioning/scheduling/nodeclaimtemplate.go (NewNodeClaimTemplate),
// scheduler.go (filterByRemainingResources: an instance type whose capacity exceeds what a limit
// leaves is left out) and provisioner.go (instance types compatible with the template).
import { instanceSize, type InstanceType } from '../instance-types.js';
import { instanceTypeRequirements, LABELS } from './instance-type.js';
import type { InstanceTypeOption, NodeClaimTemplate, Offering, Resources } from './provisioning.js';
import { addRequirements, intersects, newRequirement, requirementsOf, type Requirements } from './requirements.js';

/** NodePoolShape is what a template needs of a NodePool. */
export interface NodePoolShape {
  readonly name: string;
  readonly weight: number;
  readonly requirements: ReadonlyArray<{
    readonly key: string;
    readonly operator: string;
    readonly values: readonly string[];
  }>;
  readonly labels: Readonly<Record<string, string>>;
}

/** Catalog is what the cloud offers: the types, the zones, what a node of a type leaves its pods, and its prices. */
export interface Catalog {
  readonly types: readonly InstanceType[];
  readonly zones: readonly string[];
  /** allocatable is what a node of the type offers pods (capacity less reservations), pods included. */
  readonly allocatable: (t: InstanceType) => Resources;
  /** spotPrice is the type's spot price an hour, or null where it has no spot capacity. */
  readonly spotPrice: (t: InstanceType) => number | null;
}

/** offeringsOf is a type's offerings: on-demand at its list price and, where it has one, spot, in every zone. */
function offeringsOf(t: InstanceType, catalog: Catalog): Offering[] {
  const spot = catalog.spotPrice(t);
  return catalog.zones.flatMap((zone): Offering[] => [
    { zone, capacityType: 'on-demand', pricePerHour: t.pricePerHourUSD },
    ...(spot === null ? [] : [{ zone, capacityType: 'spot' as const, pricePerHour: spot }]),
  ]);
}

/** templateRequirements are NewNodeClaimTemplate's: the written requirements, then each node label as In its value. */
export function templateRequirements(nodePool: NodePoolShape): Requirements {
  const labels = { ...nodePool.labels, [LABELS.nodePool]: nodePool.name };
  return addRequirements(
    requirementsOf(nodePool.requirements),
    ...Object.entries(labels).map(([k, v]) => newRequirement(k, 'In', [v])),
  );
}

/** nodeClaimTemplate is the NodePool with the catalog's types its requirements allow, as options. */
export function nodeClaimTemplate(
  nodePool: NodePoolShape,
  catalog: Catalog,
  daemonOverhead: Resources,
): NodeClaimTemplate {
  const requirements = templateRequirements(nodePool);
  const options: InstanceTypeOption[] = [];
  for (const type of catalog.types) {
    const offerings = offeringsOf(type, catalog);
    const capacityTypes = [...new Set(offerings.map((o) => o.capacityType))];
    const typeRequirements = instanceTypeRequirements(type, catalog.zones, capacityTypes);
    // filterInstanceTypesByRequirements' compatible: the keys both name intersect (a label of the
    // NodePool's own names nothing a type has, so it leaves every type in).
    if (intersects(typeRequirements, requirements) !== null) continue;
    options.push({ type, requirements: typeRequirements, allocatable: catalog.allocatable(type), offerings });
  }
  return { nodePool: nodePool.name, weight: nodePool.weight, requirements, options, daemonOverhead };
}

/** withinLimits is filterByRemainingResources: the template without the types whose capacity exceeds what the NodePool's limits leave. */
export function withinLimits(
  template: NodeClaimTemplate,
  remaining: { readonly cpuMilli?: number; readonly memoryBytes?: number },
): NodeClaimTemplate {
  const options = template.options.filter((o) => {
    const size = instanceSize(o.type);
    return (
      (remaining.cpuMilli === undefined || size.cpuMilli <= remaining.cpuMilli) &&
      (remaining.memoryBytes === undefined || size.memoryBytes <= remaining.memoryBytes)
    );
  });
  return { ...template, options };
}
