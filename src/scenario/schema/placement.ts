// Where pods may run, as a pod spec writes it (nodeSelector, tolerations, affinity, topology spread)
// and what nodes carry (labels, taints). Written in Kubernetes' own spelling so that a manifest's
// fields pass through unchanged, and checked as the API server checks them:
// kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateNodeSelectorRequirement,
// validateTolerations, validateTaints, validateTopologySpreadConstraints, validatePodAffinityTerm)
// and apimachinery pkg/apis/meta/v1/validation (ValidateLabelSelector, ValidateLabels).
import { z } from 'zod';
import { isLabelValue } from '../../models/scheduler/plugins/selectors.js';

// apimachinery IsQualifiedName: an optional DNS subdomain prefix and "/", then a name of at most
// 63 characters, alphanumerics with '-', '_', '.' inside.
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** isQualifiedName is apimachinery's IsQualifiedName: a label key, a topology key. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  const prefix = parts.length === 2 ? parts[0]! : null;
  return NAME.test(name) && (prefix === null || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/** LabelKey is a label or topology key. */
const LabelKey = z.string().refine(isQualifiedName, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not a label key; expected a name of at most 63 characters (letters, digits, '-', '_', '.'), optionally prefixed by a DNS subdomain and '/', e.g. topology.kubernetes.io/zone`,
});

/** LabelValue is a label's value. */
const LabelValue = z.string().refine(isLabelValue, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not a label value; expected at most 63 characters, letters, digits, '-', '_', '.' inside, or empty`,
});

/** Labels are a node's or a pod's labels. */
export const Labels = z.record(LabelKey, LabelValue);

/** checkOperator reports an operator's values as upstream's validation does: none for Exists and DoesNotExist, some for In and NotIn, one integer for Gt and Lt. */
function checkValues(operator: string, values: readonly string[] | undefined, ctx: z.RefinementCtx): void {
  const n = values?.length ?? 0;
  const wrong = (message: string) => ctx.addIssue({ code: 'custom', path: ['values'], message });
  if ((operator === 'In' || operator === 'NotIn') && n === 0)
    wrong(`${operator} needs values; expected a non-empty list`);
  if ((operator === 'Exists' || operator === 'DoesNotExist') && n > 0)
    wrong(`${operator} takes no values; expected values left out`);
  if ((operator === 'Gt' || operator === 'Lt') && (n !== 1 || !/^-?\d+$/.test(values![0]!)))
    wrong(`${operator} compares with one integer; expected values: ["<integer>"]`);
}

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const NODE_OPERATORS = [...LABEL_OPERATORS, 'Gt', 'Lt'] as const;

/** LabelSelector is metav1.LabelSelector. */
const LabelSelector = z.strictObject({
  matchLabels: Labels.optional(),
  matchExpressions: z
    .array(
      z
        .strictObject({
          key: LabelKey,
          operator: z.enum(LABEL_OPERATORS),
          values: z.array(LabelValue).optional(),
        })
        .superRefine((r, ctx) => checkValues(r.operator, r.values, ctx)),
    )
    .optional(),
});

const NodeSelectorRequirement = z
  .strictObject({ key: LabelKey, operator: z.enum(NODE_OPERATORS), values: z.array(z.string()).optional() })
  .superRefine((r, ctx) => checkValues(r.operator, r.values, ctx));

// matchFields takes metadata.name only (validateNodeFieldSelectorRequirement), with In or NotIn and one value.
const FieldSelectorRequirement = z.strictObject({
  key: z.literal('metadata.name'),
  operator: z.enum(['In', 'NotIn']),
  values: z.array(z.string()).length(1),
});

const NodeSelectorTerm = z.strictObject({
  matchExpressions: z.array(NodeSelectorRequirement).optional(),
  matchFields: z.array(FieldSelectorRequirement).optional(),
});

const Weight = z.number().int().min(1).max(100);

// Namespaces carry one label in poolsim, their name: a selector on any other would select nothing.
const NamespaceSelector = LabelSelector.superRefine((sel, ctx) => {
  const keys = [...Object.keys(sel.matchLabels ?? {}), ...(sel.matchExpressions ?? []).map((e) => e.key)];
  for (const key of keys.filter((k) => k !== 'kubernetes.io/metadata.name'))
    ctx.addIssue({
      code: 'custom',
      message: `selects namespaces by "${key}", but poolsim's namespaces carry only kubernetes.io/metadata.name (their name); expected that key, or namespaces: [names]`,
    });
});

const PodAffinityTerm = z.strictObject({
  labelSelector: LabelSelector.optional(),
  namespaces: z.array(z.string()).optional(),
  namespaceSelector: NamespaceSelector.optional(),
  topologyKey: LabelKey,
  matchLabelKeys: z.array(LabelKey).optional(),
  mismatchLabelKeys: z.array(LabelKey).optional(),
});

const PodAffinity = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z
    .array(z.strictObject({ weight: Weight, podAffinityTerm: PodAffinityTerm }))
    .optional(),
});

/** Affinity is core/v1 Affinity. */
export const Affinity = z.strictObject({
  nodeAffinity: z
    .strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z
        .strictObject({ nodeSelectorTerms: z.array(NodeSelectorTerm).min(1) })
        .optional(),
      preferredDuringSchedulingIgnoredDuringExecution: z
        .array(z.strictObject({ weight: Weight, preference: NodeSelectorTerm }))
        .optional(),
    })
    .optional(),
  podAffinity: PodAffinity.optional(),
  podAntiAffinity: PodAffinity.optional(),
});

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Toleration is core/v1 Toleration, checked as validateTolerations does. */
export const Toleration = z
  .strictObject({
    key: z.union([LabelKey, z.literal('')]).optional(),
    operator: z.enum(['Equal', 'Exists']).optional(),
    value: LabelValue.optional(),
    effect: z.union([z.enum(EFFECTS), z.literal('')]).optional(),
    tolerationSeconds: z.number().int().optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.key ?? '') === '' && t.operator !== 'Exists')
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: 'a toleration with no key must have operator Exists; expected operator: Exists, or a key',
      });
    if (t.operator === 'Exists' && (t.value ?? '') !== '')
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'operator Exists takes no value; expected value left out',
      });
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      ctx.addIssue({
        code: 'custom',
        path: ['tolerationSeconds'],
        message: 'tolerationSeconds applies to NoExecute taints only; expected effect: NoExecute with it',
      });
  });

/** Taint is a node's taint: core/v1 Taint without timeAdded. */
export const Taint = z.strictObject({
  key: LabelKey,
  value: LabelValue.optional(),
  effect: z.enum(EFFECTS),
});

/** TopologySpreadConstraint is core/v1 TopologySpreadConstraint, checked as validateTopologySpreadConstraints does. */
const TopologySpreadConstraint = z
  .strictObject({
    maxSkew: z.number().int().min(1),
    topologyKey: LabelKey,
    whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
    labelSelector: LabelSelector.optional(),
    minDomains: z.number().int().min(1).optional(),
    nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).optional(),
    nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).optional(),
    matchLabelKeys: z.array(LabelKey).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule')
      ctx.addIssue({
        code: 'custom',
        path: ['minDomains'],
        message: 'minDomains applies to DoNotSchedule only; expected whenUnsatisfiable: DoNotSchedule with it',
      });
    if ((c.matchLabelKeys ?? []).length > 0 && c.labelSelector === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['matchLabelKeys'],
        message: 'matchLabelKeys needs a labelSelector; expected a labelSelector beside it',
      });
  });

/** TopologySpreadConstraints are a pod's constraints; one per topology key and whenUnsatisfiable, as upstream insists. */
export const TopologySpreadConstraints = z.array(TopologySpreadConstraint).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const key = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `a second constraint on ${c.topologyKey} with ${c.whenUnsatisfiable}; expected one per topology key and whenUnsatisfiable`,
      });
    seen.add(key);
  });
});

// A count, or a percentage of at most 100% (IsValidPercent, and ValidatePodDisruptionBudgetSpec's bound).
const IntOrPercent = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(/^(100|[1-9]?[0-9])%$/, 'is not a percentage; expected a count (2) or a percentage up to 100% ("25%")'),
]);

/** PodDisruptionBudget is a policy/v1 PodDisruptionBudget's spec, with the namespace it is in. */
export const PodDisruptionBudget = z
  .strictObject({
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label, e.g. shop')
      .optional()
      .meta({ description: 'Default default.' }),
    selector: LabelSelector.meta({ description: "The pods it guards: a label selector over the workloads' labels." }),
    minAvailable: IntOrPercent.optional(),
    maxUnavailable: IntOrPercent.optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.minAvailable === undefined) === (b.maxUnavailable === undefined))
      ctx.addIssue({
        code: 'custom',
        path: b.minAvailable === undefined ? [] : ['maxUnavailable'],
        message:
          b.minAvailable === undefined
            ? 'sets neither minAvailable nor maxUnavailable; expected one of them, e.g. maxUnavailable: 1'
            : 'sets both minAvailable and maxUnavailable; expected one of them, as the API server insists',
      });
  })
  .meta({
    description:
      'A PodDisruptionBudget (policy/v1 spec): the autoscaler removes no node whose pods would take more disruptions than it allows.',
  });

/** PriorityClass is a scheduling.k8s.io/v1 PriorityClass: its value, whether it preempts, and whether it is the default. */
export const PriorityClass = z
  .strictObject({
    value: z
      .number()
      .int()
      .max(1_000_000_000, 'is above 1000000000, which only the system classes may use; expected at most 1000000000'),
    preemptionPolicy: z
      .enum(['PreemptLowerPriority', 'Never'])
      .optional()
      .meta({ description: 'Default PreemptLowerPriority.' }),
    globalDefault: z.boolean().optional().meta({ description: 'The class of pods that name none. At most one.' }),
  })
  .meta({ description: 'A PriorityClass (scheduling.k8s.io/v1): pods that name it get its value as their priority.' });
