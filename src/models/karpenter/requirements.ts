// Karpenter's node requirements: a set of allowed values per label key, or its complement, with
// integer bounds (Gt/Lt), and how two of them intersect. kubernetes-sigs/karpenter
// pkg/scheduling/requirement.go (NewRequirementWithFlexibility, Intersection, HasIntersection, Has,
// Operator, withinBounds) and requirements.go (Add, Compatible, Intersects); label aliases from
// pkg/apis/v1/labels.go (NormalizedLabels). A NodePool's requirements, a pod's node selector and an
// instance type's offerings all become Requirements; a NodeClaim keeps the intersection.

/** Operator is a node selector operator as Karpenter reads it (Gte and Lte are its own, for bounds). */
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';

/** Requirement is one key's allowed values: `values` or, with `complement`, any but them; within [gte, lte] when bounded. */
export interface Requirement {
  readonly key: string;
  readonly complement: boolean;
  readonly values: ReadonlySet<string>;
  readonly gte?: number;
  readonly lte?: number;
  readonly minValues?: number;
}

/** Requirements are requirements by key. */
export type Requirements = ReadonlyMap<string, Requirement>;

/** NORMALIZED_LABELS are the aliases Karpenter reads as their stable keys. */
const NORMALIZED_LABELS: Readonly<Record<string, string>> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

const bounded = (r: { gte?: number; lte?: number }) => ({
  ...(r.gte === undefined ? {} : { gte: r.gte }),
  ...(r.lte === undefined ? {} : { lte: r.lte }),
});

/** newRequirement is NewRequirementWithFlexibility: Gt N becomes Gte N+1 and Lt N Lte N−1 (values of Gt/Lt are pre-validated integers). */
export function newRequirement(
  rawKey: string,
  operator: Operator,
  values: readonly string[] = [],
  minValues?: number,
): Requirement {
  const key = NORMALIZED_LABELS[rawKey] ?? rawKey;
  const base = { key, ...(minValues === undefined ? {} : { minValues }) };
  const bound = Number.parseInt(values[0] ?? '', 10);
  switch (operator) {
    case 'In':
      return { ...base, complement: false, values: new Set(values) };
    case 'NotIn':
      return { ...base, complement: true, values: new Set(values) };
    case 'DoesNotExist':
      return { ...base, complement: false, values: new Set() };
    case 'Exists':
      return { ...base, complement: true, values: new Set() };
    case 'Gt':
      // Gt MaxInt (Go's Atoi clamps anything larger to it; as a float it reads 2^63) allows nothing.
      if (bound >= 2 ** 63) return newRequirement(key, 'DoesNotExist');
      return { ...base, complement: true, values: new Set(), gte: bound + 1 };
    case 'Lt':
      return { ...base, complement: true, values: new Set(), lte: bound - 1 };
    case 'Gte':
      return { ...base, complement: true, values: new Set(), gte: bound };
    case 'Lte':
      return { ...base, complement: true, values: new Set(), lte: bound };
  }
}

/** withinBounds: with bounds set, only integers inside them. */
function withinBounds(value: string, gte?: number, lte?: number): boolean {
  if (gte === undefined && lte === undefined) return true;
  if (!/^[-+]?\d+$/.test(value)) return false;
  const n = Number(value);
  return (gte === undefined || n >= gte) && (lte === undefined || n <= lte);
}

const maxOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
const minOf = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/** has says whether the requirement allows `value`. */
export function has(r: Requirement, value: string): boolean {
  return (r.complement ? !r.values.has(value) : r.values.has(value)) && withinBounds(value, r.gte, r.lte);
}

/** operatorOf is Operator: NotIn or Exists for a complement (by whether it names values), In or DoesNotExist otherwise. */
export function operatorOf(r: Requirement): 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' {
  if (r.complement) return r.values.size > 0 ? 'NotIn' : 'Exists';
  return r.values.size > 0 ? 'In' : 'DoesNotExist';
}

/** intersection is Intersection: what both allow (bounds kept only on a complement). */
export function intersection(a: Requirement, b: Requirement): Requirement {
  const complement = a.complement && b.complement;
  const gte = maxOf(a.gte, b.gte);
  const lte = minOf(a.lte, b.lte);
  const minValues = maxOf(a.minValues, b.minValues);
  if (gte !== undefined && lte !== undefined && gte > lte) return newRequirement(a.key, 'DoesNotExist', [], minValues);
  let values: Set<string>;
  if (a.complement && b.complement) values = new Set([...a.values, ...b.values]);
  else if (a.complement) values = new Set([...b.values].filter((v) => !a.values.has(v)));
  else if (b.complement) values = new Set([...a.values].filter((v) => !b.values.has(v)));
  else values = new Set([...a.values].filter((v) => b.values.has(v)));
  for (const v of values) if (!withinBounds(v, gte, lte)) values.delete(v);
  return {
    key: a.key,
    complement,
    values,
    ...(complement ? bounded({ gte, lte }) : {}),
    ...(minValues === undefined ? {} : { minValues }),
  };
}

/** hasIntersection is HasIntersection: whether some value is allowed by both. */
function hasIntersection(a: Requirement, b: Requirement): boolean {
  const gte = maxOf(a.gte, b.gte);
  const lte = minOf(a.lte, b.lte);
  if (gte !== undefined && lte !== undefined && gte > lte) return false;
  if (a.complement && b.complement) return true;
  if (a.complement) return [...b.values].some((v) => !a.values.has(v) && withinBounds(v, gte, lte));
  if (b.complement) return [...a.values].some((v) => !b.values.has(v) && withinBounds(v, gte, lte));
  return [...a.values].some((v) => b.values.has(v) && withinBounds(v, gte, lte));
}

/** addRequirements is Requirements.Add: each key's requirement intersected with what is already there. */
export function addRequirements(to: Requirements, ...more: readonly Requirement[]): Requirements {
  const out = new Map(to);
  for (const r of more) {
    const existing = out.get(r.key);
    out.set(r.key, existing === undefined ? r : intersection(r, existing));
  }
  return out;
}

/** requirementsOf builds Requirements from node selector requirements as written (NewNodeSelectorRequirements). */
export function requirementsOf(
  list: ReadonlyArray<{ key: string; operator: string; values?: readonly string[]; minValues?: number }>,
): Requirements {
  return addRequirements(
    new Map(),
    ...list.map((r) => newRequirement(r.key, r.operator as Operator, r.values ?? [], r.minValues)),
  );
}

const excluding = (op: string) => op === 'NotIn' || op === 'DoesNotExist';

/** intersects is Intersects: the first key both have whose requirements share no value (two exclusions pass), or null. */
export function intersects(existing: Requirements, incoming: Requirements): string | null {
  for (const [key, inc] of incoming) {
    const ex = existing.get(key);
    if (ex === undefined || hasIntersection(ex, inc)) continue;
    if (excluding(operatorOf(inc)) && excluding(operatorOf(ex))) continue;
    return key;
  }
  return null;
}

/**
 * compatible is Compatible: every key `incoming` requires must be one `existing` defines (unless it
 * is in `allowUndefined` or only excludes), and the shared keys must intersect. Null when they are
 * compatible, else the key that is not.
 */
export function compatible(
  existing: Requirements,
  incoming: Requirements,
  allowUndefined: ReadonlySet<string>,
): string | null {
  for (const [key, r] of incoming) {
    if (allowUndefined.has(key) || existing.has(key) || excluding(operatorOf(r))) continue;
    return key;
  }
  return intersects(existing, incoming);
}
