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
      message: `operator ${JSON.stringify(operator)} is not one of ${OPERATORS.join(', ')}`,
    });
    return null;
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    out.push({ path: [...path, 'values'], message: 'values must be a list of strings' });
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
    out.push({ path: [...path, 'values'], message: 'In needs at least one value' });
  if ((operator === 'Exists' || operator === 'DoesNotExist') && strings.length > 0)
    out.push({ path: [...path, 'values'], message: `${operator} takes no values` });
  if ((operator === 'Gt' || operator === 'Lt') && (strings.length !== 1 || !/^[0-9]+$/.test(strings[0]!)))
    out.push({ path: [...path, 'values'], message: `${operator} takes one non-negative integer` });
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
  return { key, operator: operator as NodePoolRequirement['operator'], values: strings };
}

function readTaints(v: unknown, path: (string | number)[], out: NodePoolProblem[]): Taint[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    out.push({ path, message: 'taints must be a list' });
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
        message: 'a taint needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute',
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
    try {
      if (k === 'cpu') limits.cpuMilli = parseCpuMilli(q as string);
      else if (k === 'memory') limits.memoryBytes = parseMemoryBytes(q as string);
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
    out.push({ path: ['spec', 'disruption', 'budgets'], message: 'budgets must be a list' });
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
    return { nodePool: null, problems: [{ path: [], message: 'not a karpenter.sh/v1 NodePool with a name' }] };
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
      message: `weight ${JSON.stringify(weight)} is not an integer from 1 to 100`,
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
