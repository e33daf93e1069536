// A NodePool's disruption budgets: how many of its nodes Karpenter may disrupt at once, for a reason,
// now. kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go (GetAllowedDisruptionsByReason,
// Budget.GetAllowedDisruptions, Budget.IsActive, GetIntStrFromValue; the CRD's patterns and the
// default budget nodes: 10%) and pkg/controllers/disruption/helpers.go
// (BuildDisruptionBudgetMapping: what is allowed less the nodes already being disrupted).
import { nextAfter, parseCron } from './cron.js';

/** DisruptionReason is why Karpenter would disrupt a node. */
export type DisruptionReason = 'Underutilized' | 'Empty' | 'Drifted';

/** Budget is one of a NodePool's disruption budgets, with its schedule parsed and its duration in ms. */
export interface Budget {
  readonly nodes: string;
  readonly schedule?: string;
  readonly durationMs?: number;
  readonly reasons?: readonly DisruptionReason[];
}

/** DEFAULT_BUDGETS is what a NodePool that writes none gets. */
export const DEFAULT_BUDGETS: readonly Budget[] = Object.freeze([{ nodes: '10%' }]);

/** MAX_INT32 is math.MaxInt32: no limit. */
const MAX_INT32 = 2 ** 31 - 1;

const NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const REASONS: readonly string[] = ['Underutilized', 'Empty', 'Drifted'];

/** budgetProblems lists what the CRD's validation would refuse in a budget, as messages; none when it is valid. */
export function budgetProblems(b: Budget): string[] {
  const out: string[] = [];
  if (!NODES.test(b.nodes)) out.push(`nodes "${b.nodes}" is neither a count nor a percentage; expected e.g. 10% or 5`);
  if ((b.schedule === undefined) !== (b.durationMs === undefined))
    out.push('schedule and duration go together; expected both or neither');
  for (const r of b.reasons ?? [])
    if (!REASONS.includes(r)) out.push(`reason "${r}" is unknown; expected one of ${REASONS.join(', ')}`);
  if (b.schedule !== undefined)
    try {
      parseCron(b.schedule);
    } catch (e) {
      out.push(
        `schedule "${b.schedule}" is not a cron schedule (${(e as Error).message}); expected e.g. "0 9 * * mon-fri"`,
      );
    }
  return out;
}

/** isActive is Budget.IsActive: always without a schedule; else when the schedule hit within the last `durationMs`. */
export function isActive(b: Budget, nowMs: number): boolean {
  if (b.schedule === undefined && b.durationMs === undefined) return true;
  const next = nextAfter(parseCron(b.schedule ?? ''), nowMs - (b.durationMs ?? 0));
  return next !== null && next <= nowMs;
}

/**
 * allowedDisruptions is Budget.GetAllowedDisruptions: its nodes (a percentage of `numNodes` rounded
 * up) while active, no limit otherwise. A RangeError where upstream returns an error (a bad
 * schedule, nodes neither a count nor a percentage).
 */
export function allowedDisruptions(b: Budget, nowMs: number, numNodes: number): number {
  if (!isActive(b, nowMs)) return MAX_INT32;
  // intstr.GetScaledValueFromIntOrPercent: an integer, or digits and "%".
  const percent = /^(\d+)%$/.exec(b.nodes);
  if (percent !== null) return Math.ceil((Number(percent[1]) * numNodes) / 100);
  if (!/^-?\d+$/.test(b.nodes))
    throw new RangeError(`invalid value for IntOrString: invalid type: string is not a percentage: "${b.nodes}"`);
  return Number(b.nodes);
}

/**
 * allowedDisruptionsByReason is GetAllowedDisruptionsByReason: the least any budget for the reason
 * allows. Every budget is evaluated, whatever its reasons: one that errs makes the whole call throw
 * (upstream returns the error beside the figure, and its callers fail closed).
 */
export function allowedDisruptionsByReason(
  budgets: readonly Budget[],
  nowMs: number,
  numNodes: number,
  reason: DisruptionReason,
): number {
  let allowed = MAX_INT32;
  let failure: unknown;
  for (const b of budgets) {
    let value = 0;
    try {
      value = allowedDisruptions(b, nowMs, numNodes);
    } catch (e) {
      failure ??= e;
    }
    if (b.reasons === undefined || b.reasons.includes(reason)) allowed = Math.min(allowed, value);
  }
  if (failure !== undefined) throw failure;
  return allowed;
}

/**
 * disruptionsLeft is BuildDisruptionBudgetMapping for one NodePool: what its budgets allow
 * (MustGetAllowedDisruptions: 0 when a budget errs) less the nodes being disrupted (not ready or
 * marked for deletion), at least 0.
 */
export function disruptionsLeft(
  budgets: readonly Budget[],
  nowMs: number,
  nodes: { readonly total: number; readonly disrupting: number },
  reason: DisruptionReason,
): number {
  try {
    return Math.max(0, allowedDisruptionsByReason(budgets, nowMs, nodes.total, reason) - nodes.disrupting);
  } catch {
    return 0;
  }
}
