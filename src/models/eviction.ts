// The kubelet's node-pressure eviction decisions for memory: parse a hard eviction threshold, decide
// whether it is met, and rank pods for eviction. From kubernetes/kubernetes pkg/kubelet/eviction/helpers.go
// (parseThresholdStatement, parsePercentage, thresholdsMet, exceedMemoryRequests, priority, memory,
// orderedBy, rankMemoryPressure; read at 008b3652959ca58af8be3fb5b6ecfe9ae7638282) and
// pkg/kubelet/eviction/api/types.go (GetThresholdQuantity).
// Simplified: only the memory.available signal is modelled; other signals are refused, not ignored.
// Simplified: soft thresholds and grace periods are not modelled (hard thresholds only).
// Simplified: ties keep their input order (Array.prototype.sort is stable; Go's sort.Sort is not).

import { parseMemoryBytes, parseQuantity } from './quantity.js';

/** ThresholdError says why an eviction threshold is not one poolsim can use. */
export class ThresholdError extends Error {
  override name = 'ThresholdError';
}

/** ThresholdValue is an absolute amount or a fraction of capacity (upstream evictionapi.ThresholdValue). */
export type ThresholdValue = { readonly quantityBytes: number } | { readonly percentage: number };

/** Threshold is a hard eviction threshold: evict when available < value (upstream OpLessThan). */
export interface Threshold {
  readonly signal: 'memory.available';
  readonly value: ThresholdValue;
  /** minReclaim is how far below value eviction must push available before it stops. */
  readonly minReclaim?: ThresholdValue;
}

const MEMORY_AVAILABLE = 'memory.available';
// Upstream's other signals (signalToResource): accepted by the kubelet, not modelled here.
const OTHER_SIGNALS = [
  'allocatableMemory.available',
  'nodefs.available',
  'nodefs.inodesFree',
  'imagefs.available',
  'imagefs.inodesFree',
  'containerfs.available',
  'containerfs.inodesFree',
  'pid.available',
];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * parseThresholdStatement parses one hard threshold such as `memory.available<100Mi` or
 * `memory.available<10%`. It returns null for 0% and 100%, which upstream reads as "disabled".
 * Simplified: the percentage must be a plain decimal (Go's ParseFloat would also take 1e1, Inf, NaN).
 */
function parseThresholdStatement(statement: string): Threshold | null {
  const at = statement.indexOf('<');
  if (at < 0) throw new ThresholdError(`"${statement}" is not a threshold; expected e.g. memory.available<100Mi`);
  const signal = statement.slice(0, at);
  const val = statement.slice(at + 1);
  if (signal !== MEMORY_AVAILABLE) {
    const known = OTHER_SIGNALS.includes(signal) ? ' (a kubelet signal poolsim does not simulate)' : '';
    throw new ThresholdError(`unsupported eviction signal ${signal}${known}; expected ${MEMORY_AVAILABLE}`);
  }
  if (val.endsWith('%')) {
    if (val === '0%' || val === '100%') return null;
    const percentage = parsePercentage(val);
    if (percentage < 0) throw new ThresholdError(`eviction percentage threshold ${signal} must be >= 0%: ${val}`);
    if (percentage > 1) throw new ThresholdError(`eviction percentage threshold ${signal} must be <= 100%: ${val}`);
    return { signal, value: { percentage } };
  }
  const q = parseQuantity(val);
  if (q.negative || q.digits === 0n) throw new ThresholdError(`eviction threshold ${signal} must be positive: ${val}`);
  return { signal, value: { quantityBytes: parseMemoryBytes(val) } };
}

// parsePercentage: ParseFloat(..., 32) then float32 / 100, so "10%" is float32(0.1), not 0.1.
function parsePercentage(val: string): number {
  const text = val.slice(0, -1);
  if (!DECIMAL.test(text)) throw new ThresholdError(`"${val}" is not a percentage; expected e.g. 10%`);
  return Math.fround(Math.fround(Number(text)) / 100);
}

/**
 * parseThresholdConfig parses a comma-separated --eviction-hard value such as
 * `memory.available<100Mi`; a signal given twice is an error (as the flag form upstream was).
 */
export function parseThresholdConfig(evictionHard: string): Threshold[] {
  if (evictionHard === '') return [];
  const seen = new Set<string>();
  const results: Threshold[] = [];
  for (const statement of evictionHard.split(',')) {
    const signal = statement.split('<')[0] ?? '';
    if (seen.has(signal)) throw new ThresholdError(`found duplicate eviction threshold for signal ${signal}`);
    seen.add(signal);
    const threshold = parseThresholdStatement(statement);
    if (threshold !== null) results.push(threshold);
  }
  return results;
}

/** getThresholdQuantity is the threshold in bytes: the quantity, or int64(capacity × percentage). */
export function getThresholdQuantity(value: ThresholdValue, capacityBytes: number): number {
  return 'quantityBytes' in value ? value.quantityBytes : Math.trunc(capacityBytes * value.percentage);
}

/** SignalObservation is what the kubelet observed: memory.available and its capacity (available + working set). */
export interface SignalObservation {
  readonly availableBytes: number;
  readonly capacityBytes: number;
}

/**
 * thresholdMet says whether a threshold is met (thresholdsMet, for one threshold): its quantity,
 * plus minReclaim when enforceMinReclaim, is strictly greater than what is available.
 */
export function thresholdMet(threshold: Threshold, observed: SignalObservation, enforceMinReclaim = false): boolean {
  let quantity = getThresholdQuantity(threshold.value, observed.capacityBytes);
  if (enforceMinReclaim && threshold.minReclaim !== undefined) {
    quantity += getThresholdQuantity(threshold.minReclaim, observed.capacityBytes);
  }
  return quantity > observed.availableBytes;
}

/** EvictionPod is what memory-pressure ranking reads of a pod. */
export interface EvictionPod {
  readonly name: string;
  readonly priority: number;
  /** memoryRequestBytes is the pod's memory request (0 when none, as for BestEffort pods). */
  readonly memoryRequestBytes: number;
  /** memoryUsageBytes is the pod's working set, or null when the kubelet has no stats for it. */
  readonly memoryUsageBytes: number | null;
}

type CmpFunc = (p1: EvictionPod, p2: EvictionPod) => number;

// cmpBool places true before false.
const cmpBool = (a: boolean, b: boolean): number => (a === b ? 0 : a ? -1 : 1);

/** exceedMemoryRequests puts pods without stats first, then pods whose usage exceeds their request. */
export const exceedMemoryRequests: CmpFunc = (p1, p2) => {
  if (p1.memoryUsageBytes === null || p2.memoryUsageBytes === null) {
    return cmpBool(p1.memoryUsageBytes === null, p2.memoryUsageBytes === null);
  }
  return cmpBool(p1.memoryUsageBytes > p1.memoryRequestBytes, p2.memoryUsageBytes > p2.memoryRequestBytes);
};

/** priority puts lower-priority pods first. */
export const priority: CmpFunc = (p1, p2) => Math.sign(p1.priority - p2.priority);

/** memory puts pods without stats first, then the largest usage above request first. */
export const memory: CmpFunc = (p1, p2) => {
  if (p1.memoryUsageBytes === null || p2.memoryUsageBytes === null) {
    return cmpBool(p1.memoryUsageBytes === null, p2.memoryUsageBytes === null);
  }
  return Math.sign(p2.memoryUsageBytes - p2.memoryRequestBytes - (p1.memoryUsageBytes - p1.memoryRequestBytes));
};

/** orderedBy sorts a copy of pods by the comparators in turn, the first that differs deciding. */
export function orderedBy(...cmp: CmpFunc[]): (pods: readonly EvictionPod[]) => EvictionPod[] {
  return (pods) =>
    [...pods].sort((a, b) => {
      for (const c of cmp) {
        const r = c(a, b);
        if (r !== 0) return r;
      }
      return 0;
    });
}

/**
 * rankMemoryPressure orders pods for eviction under memory pressure, the first to evict first:
 * orderedBy(exceedMemoryRequests, priority, memory).
 */
export function rankMemoryPressure(pods: readonly EvictionPod[]): EvictionPod[] {
  return orderedBy(exceedMemoryRequests, priority, memory)(pods);
}
