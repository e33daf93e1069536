// A karpenter.sh/v1 NodePool as written in a manifest, read into what provisioning and disruption
// need, with the CRD's defaults and validation: kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go
// (Disruption: consolidateAfter, consolidationPolicy default WhenEmptyOrUnderutilized, budgets
// default nodes 10%; Limits; Weight 1-100), nodeclaim.go (NodeClaimTemplateSpec: requirements,
// taints, startupTaints, expireAfter default 720h, the duration pattern with Never) and
// nodeclaim_validation_cel (requirement operators and values). Requirement keys are the
// well-known ones poolsim simulates, or a custom label given one value (In), which nodes carry;
// anything else is refused, never ignored.
import type { Taint } from 'kubernetes-types/core/v1.js';
import { parseCpuMilli, parseMemoryBytes, QuantityError } from '../models/quantity.js';
import { budgetProblems, DEFAULT_BUDGETS, type Budget, type DisruptionReason } from '../models/karpenter/budgets.js';
import { LABELS } from '../models/karpenter/instance-type.js';
import { findInstanceType } from '../models/instance-types.js';
import { get as at, isObject } from './pod-template.js';

/** NodePoolRequirement is one of spec.template.spec.requirements as written. */
interface NodePoolRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values: readonly string[];
}

/** NodePoolSpec is what poolsim reads of a NodePool. */
export interface NodePoolSpec {
  readonly name: string;
  readonly weight: number;
  /** labels are spec.template.metadata.labels, which its nodes carry. */
  readonly labels: Readonly<Record<string, string>>;
  readonly requirements: readonly NodePoolRequirement[];
  readonly taints: readonly Taint[];
  readonly startupTaints: readonly Taint[];
  /** expireAfterMs: how long a node lives before it is replaced; null for Never. */
  readonly expireAfterMs: number | null;
  readonly limits: { readonly cpuMilli?: number; readonly memoryBytes?: number };
  readonly consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  /** consolidateAfterMs: how long a node must see no pod come or go before it may be consolidated; null for Never. */
  readonly consolidateAfterMs: number | null;
  readonly budgets: readonly Budget[];
}

/** NodePoolProblem is what is wrong at a path inside the manifest. */
export interface NodePoolProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** SIMULATED_KEYS are the requirement keys poolsim simulates (besides custom labels). */
const SIMULATED_KEYS: readonly string[] = [
  LABELS.instanceType,
  LABELS.family,
  LABELS.category,
  LABELS.cpu,
  LABELS.memory,
  LABELS.generation,
  LABELS.size,
  LABELS.arch,
  LABELS.capacityType,
  LABELS.zone,
  LABELS.os,
];

// Label domains a custom key may not use: they are Kubernetes' or Karpenter's own
// (pkg/apis/v1/labels.go RestrictedLabelDomains).
const RESTRICTED_DOMAINS = ['kubernetes.io', 'k8s.io', 'karpenter.sh', 'karpenter.k8s.aws'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
// The CRD's duration pattern: Go durations of whole h/m/s, or Never.
const DURATION = /^(([0-9]+(s|m|h))+|Never)$/;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000 };

/** durationMs reads a NodePool duration ("720h", "1h30m", "Never": null); undefined when it does not match the CRD's pattern. */
export function durationMs(text: string): number | null | undefined {
  if (!DURATION.test(text)) return undefined;
  if (text === 'Never') return null;
  let ms = 0;
  for (const m of text.matchAll(/([0-9]+)(h|m|s)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

const domainOf = (key: string) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');
const restricted = (key: string) =>
  RESTRICTED_DOMAINS.some((d) => domainOf(key) === d || domainOf(key).endsWith(`.${d}`));

// One requirement: a simulated key with the operator's values, or a custom label with one In value.
function readRequirement(r: unknown, path: (string | number)[], out: NodePoolProblem[]): NodePoolRequirement | null {
  const key = at(r, 'key');
  const operator = at(r, 'operator');
  const values = at(r, 'values') ?? [];
  if (typeof key !== 'string' || key === '') {
    out.push({
      path: [...path, 'key'],
      message: 'a requirement needs a key; expected e.g. karpenter.sh/capacity-type',
    });
    return null;
  }
  if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
    out.push({
      path: [...path, 'operator'],
      message: `operator ${JSON.stringify(operator)} is unknown; expected one of ${OPERATORS.join(', ')}`,
    });
    return null;
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    out.push({ path: [...path, 'values'], message: 'values are not a list of strings; expected e.g. [m5, c5]' });
    return null;
  }
  if (at(r, 'minValues') !== undefined)
    out.push({
      path: [...path, 'minValues'],
      message:
        'minValues asks Karpenter to keep that many types to choose from at launch, which poolsim refuses (it launches the cheapest type that fits); expected it left out',
    });
  const strings = values as string[];
  if (operator === 'In' && strings.length === 0)
    out.push({ path: [...path, 'values'], message: 'In has no values; expected at least one' });
  if ((operator === 'Exists' || operator === 'DoesNotExist') && strings.length > 0)
    out.push({ path: [...path, 'values'], message: `${operator} has values; expected none` });
  if ((operator === 'Gt' || operator === 'Lt') && (strings.length !== 1 || !/^[0-9]+$/.test(strings[0]!)))
    out.push({
      path: [...path, 'values'],
      message: `${operator} needs one value; expected one non-negative integer, e.g. ["4"]`,
    });
  if (!SIMULATED_KEYS.includes(key)) {
    if (restricted(key)) {
      out.push({
        path: [...path, 'key'],
        message: `${key} is refused: poolsim gives nodes no such label; expected one of ${SIMULATED_KEYS.join(', ')}, or a label of your own`,
      });
      return null;
    }
    if (operator !== 'In' || strings.length !== 1) {
      out.push({
        path: [...path, 'operator'],
        message: `a label of your own (${key}) is simulated as one value its nodes carry; expected operator In with one value`,
      });
      return null;
    }
  }
  if (key === LABELS.instanceType) {
    const known = strings.filter((v, i) => {
      if (findInstanceType(v)?.provider === 'eks') return true;
      out.push({
        path: [...path, 'values', i],
        message: `instance type ${JSON.stringify(v)} is not in poolsim's EC2 catalog; expected a type \`poolsim instances --provider eks\` lists, e.g. m5.large`,
      });
      return false;
    });
    // Refused already: the rest of the NodePool is checked without the unknown names.
    if (known.length !== strings.length)
      return known.length === 0 ? null : { key, operator: operator as NodePoolRequirement['operator'], values: known };
  }
  return { key, operator: operator as NodePoolRequirement['operator'], values: strings };
}

// The fields of a NodePool poolsim reads; every other field is refused by name, never ignored.
// nodeClassRef and the template's annotations name things that do not change capacity.
const KNOWN_FIELDS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [[], ['apiVersion', 'kind', 'metadata', 'spec', 'status']],
  [['spec'], ['template', 'disruption', 'limits', 'weight']],
  [
    ['spec', 'template'],
    ['metadata', 'spec'],
  ],
  [
    ['spec', 'template', 'metadata'],
    ['labels', 'annotations'],
  ],
  [
    ['spec', 'template', 'spec'],
    ['requirements', 'taints', 'startupTaints', 'expireAfter', 'nodeClassRef'],
  ],
  [
    ['spec', 'disruption'],
    ['consolidationPolicy', 'consolidateAfter', 'budgets'],
  ],
];

function refuseUnknownFields(m: unknown, out: NodePoolProblem[]): void {
  for (const [path, known] of KNOWN_FIELDS) {
    const v = at(m, ...path);
    if (!isObject(v)) continue;
    for (const key of Object.keys(v))
      if (!known.includes(key))
        out.push({
          path: [...path, key],
          message: `${[...path, key].join('.')} is refused: poolsim does not simulate it; expected only ${known.join(', ')} here`,
        });
  }
}

// EC2NodeClass fields that would change what a node offers its pods: the kubelet's reservations
// and pod limits (karpenter-provider-aws pkg/apis/v1 ec2nodeclass.go KubeletConfiguration).
const EC2_NODE_CLASS_CAPACITY_FIELDS = ['kubelet'];

/** readEc2NodeClass checks a karpenter.k8s.aws/v1 EC2NodeClass: accepted as it is, but for what would change capacity (refused). */
export function readEc2NodeClass(m: unknown): NodePoolProblem[] {
  if (at(m, 'apiVersion') !== 'karpenter.k8s.aws/v1')
    return [
      {
        path: ['apiVersion'],
        message: `${JSON.stringify(at(m, 'apiVersion'))} is not read; expected karpenter.k8s.aws/v1`,
      },
    ];
  return EC2_NODE_CLASS_CAPACITY_FIELDS.filter((f) => at(m, 'spec', f) !== undefined).map((f) => ({
    path: ['spec', f],
    message: `spec.${f} is refused: it changes what nodes offer pods (maxPods, reservations), and poolsim takes those from the scenario (defaults.reservation, defaults.maxPods); expected it left out`,
  }));
}

function readTaints(v: unknown, path: (string | number)[], out: NodePoolProblem[]): Taint[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    out.push({
      path,
      message: 'taints are not a list; expected e.g. [{ key: dedicated, value: batch, effect: NoSchedule }]',
    });
    return [];
  }
  return v.flatMap((t, i) => {
    const key = at(t, 'key');
    const effect = at(t, 'effect');
    if (
      typeof key !== 'string' ||
      key === '' ||
      !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(effect))
    ) {
      out.push({
        path: [...path, i],
        message:
          'the taint lacks a key or an effect; expected a key and an effect of NoSchedule, PreferNoSchedule or NoExecute',
      });
      return [];
    }
    const value = at(t, 'value');
    return [{ key, effect: String(effect), ...(typeof value === 'string' ? { value } : {}) }];
  });
}

function readDuration(
  v: unknown,
  fallback: number | null,
  path: (string | number)[],
  out: NodePoolProblem[],
): number | null {
  if (v === undefined) return fallback;
  const ms = typeof v === 'string' ? durationMs(v) : undefined;
  if (ms === undefined) {
    out.push({ path, message: `${JSON.stringify(v)} is not a duration; expected e.g. 720h, 30m, 1h30m or Never` });
    return fallback;
  }
  return ms;
}

function readLimits(v: unknown, out: NodePoolProblem[]): NodePoolSpec['limits'] {
  if (v === undefined) return {};
  const limits: { cpuMilli?: number; memoryBytes?: number } = {};
  for (const [k, q] of Object.entries(isObject(v) ? v : {})) {
    if (typeof q !== 'string' && typeof q !== 'number') {
      out.push({ path: ['spec', 'limits', k], message: 'is not a quantity; expected e.g. 1000 or 4000Gi' });
      continue;
    }
    try {
      if (k === 'cpu') limits.cpuMilli = parseCpuMilli(String(q));
      else if (k === 'memory') limits.memoryBytes = parseMemoryBytes(String(q));
      else
        out.push({
          path: ['spec', 'limits', k],
          message: `a limit on ${k} is refused: poolsim limits a NodePool's cpu and memory only; expected cpu or memory`,
        });
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      out.push({
        path: ['spec', 'limits', k],
        message: `${JSON.stringify(q)} is not a quantity; expected e.g. 1000 or 4000Gi`,
      });
    }
  }
  return limits;
}

function readBudgets(v: unknown, out: NodePoolProblem[]): Budget[] {
  if (v === undefined) return [...DEFAULT_BUDGETS];
  if (!Array.isArray(v)) {
    out.push({
      path: ['spec', 'disruption', 'budgets'],
      message: 'budgets are not a list; expected e.g. [{ nodes: 10% }]',
    });
    return [...DEFAULT_BUDGETS];
  }
  return v.map((b, i) => {
    const path = ['spec', 'disruption', 'budgets', i];
    const duration = at(b, 'duration');
    const schedule = at(b, 'schedule');
    const reasons = at(b, 'reasons');
    const budget: Budget = {
      nodes: String(at(b, 'nodes') ?? '10%'),
      ...(typeof schedule === 'string' ? { schedule } : {}),
      ...(typeof duration === 'string'
        ? { durationMs: readDuration(duration, 0, [...path, 'duration'], out) ?? 0 }
        : {}),
      ...(Array.isArray(reasons) ? { reasons: reasons.map(String) as DisruptionReason[] } : {}),
    };
    for (const message of budgetProblems(budget)) out.push({ path, message });
    return budget;
  });
}

/** readNodePool reads a NodePool manifest's object; problems name the path inside it. */
export function readNodePool(m: unknown): { nodePool: NodePoolSpec | null; problems: NodePoolProblem[] } {
  const problems: NodePoolProblem[] = [];
  const name = at(m, 'metadata', 'name');
  if (at(m, 'apiVersion') !== 'karpenter.sh/v1' || at(m, 'kind') !== 'NodePool' || typeof name !== 'string')
    return {
      nodePool: null,
      problems: [{ path: ['apiVersion'], message: 'is not read; expected a karpenter.sh/v1 NodePool with a name' }],
    };
  refuseUnknownFields(m, problems);
  const spec = at(m, 'spec', 'template', 'spec');
  const written = at(spec, 'requirements') ?? [];
  const requirements = Array.isArray(written)
    ? written.flatMap((r, i) => readRequirement(r, ['spec', 'template', 'spec', 'requirements', i], problems) ?? [])
    : [];
  // Weight is optional; written, it is 1 to 100 (an unweighted NodePool comes last).
  const weight = at(m, 'spec', 'weight') ?? 0;
  const unwritten = at(m, 'spec', 'weight') === undefined;
  if (!unwritten && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100))
    problems.push({
      path: ['spec', 'weight'],
      message: `weight ${JSON.stringify(weight)} is out of range; expected an integer from 1 to 100`,
    });
  const policy = at(m, 'spec', 'disruption', 'consolidationPolicy') ?? 'WhenEmptyOrUnderutilized';
  if (policy !== 'WhenEmpty' && policy !== 'WhenEmptyOrUnderutilized')
    problems.push({
      path: ['spec', 'disruption', 'consolidationPolicy'],
      message: `${JSON.stringify(policy)} is not a consolidation policy; expected WhenEmpty or WhenEmptyOrUnderutilized`,
    });
  const labels = at(m, 'spec', 'template', 'metadata', 'labels');
  const nodePool: NodePoolSpec = {
    name,
    weight: typeof weight === 'number' ? weight : 0,
    labels: isObject(labels) ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) : {},
    requirements,
    taints: readTaints(at(spec, 'taints'), ['spec', 'template', 'spec', 'taints'], problems),
    startupTaints: readTaints(at(spec, 'startupTaints'), ['spec', 'template', 'spec', 'startupTaints'], problems),
    expireAfterMs: readDuration(
      at(spec, 'expireAfter'),
      720 * 3_600_000,
      ['spec', 'template', 'spec', 'expireAfter'],
      problems,
    ),
    limits: readLimits(at(m, 'spec', 'limits'), problems),
    consolidationPolicy: policy === 'WhenEmpty' ? 'WhenEmpty' : 'WhenEmptyOrUnderutilized',
    consolidateAfterMs: readDuration(
      at(m, 'spec', 'disruption', 'consolidateAfter'),
      0,
      ['spec', 'disruption', 'consolidateAfter'],
      problems,
    ),
    budgets: readBudgets(at(m, 'spec', 'disruption', 'budgets'), problems),
  };
  return { nodePool, problems };
}
