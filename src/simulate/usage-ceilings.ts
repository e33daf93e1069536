// The ready pods' ceilings (the requests a second each can serve until the next sample) as one
// usage sample finds them, handed to the load meters workload by workload. A meter reads a
// workload's ceilings one by one only when the load per pod passes the lowest of them, which at a
// fleet's ~150,000 (node, cohort) entries a sample is rare. So the sample keeps a snapshot of the
// membership's entries (cohort, members), each held node's range of them and its spare CPU a unit
// of cpu.weight, and each workload's lowest ceiling; it works the ceilings out and groups them by
// workload (a stable counting sort, so each keeps the order it was found in) only when a meter
// first asks.

import { servedPerPod } from '../models/load.js';

/** CeilingList is a workload's ceilings at one usage sample: how many ready pods they stand for, the lowest, and the entries (`counts[i]` pods each `ceilings[i]`), worked out when asked. */
export interface CeilingList {
  readonly pods: number;
  readonly lowest: number;
  entries(): { readonly ceilings: Float64Array; readonly counts: Float64Array };
}

/** CohortCeiling is what a cohort member's ceiling is worked out from: its CPU, limit (Infinity: none), its load's base CPU and CPU a request, and cpu.weight. */
export interface CohortCeiling {
  readonly slot: number;
  readonly usedMilli: number;
  readonly limitMilli: number;
  readonly baseCpuMilli: number;
  readonly cpuPerRequestMilli: number;
  readonly cpuWeight: number;
}

/** memberCeiling is a cohort member's ceiling on a node that spares `perWeight` millicores a unit of cpu.weight (as ResourceUsage.use gives a pod). */
export function memberCeiling(c: CohortCeiling, perWeight: number): number {
  const ceiling = perWeight > 0 ? Math.min(c.limitMilli, c.usedMilli + perWeight * c.cpuWeight) : c.usedMilli;
  return servedPerPod(ceiling, c);
}

/** SampleCeilings collects one sample's ceilings by workload slot. */
export class SampleCeilings {
  // Pods on their own (and pods not measured): workload slot, ceiling, pods it stands for.
  private slots: Int32Array = new Int32Array(256);
  private values: Float64Array = new Float64Array(256);
  private counts: Float64Array = new Float64Array(256);
  private size = 0;
  // The membership's entries at this sample (cohort index, members), and the held nodes in the order
  // found: where their entries start and end, and what each spares a unit of cpu.weight.
  private entryCohorts: Int32Array = new Int32Array(0);
  private entryCounts: Int32Array = new Int32Array(0);
  private nodeStarts: Int32Array = new Int32Array(256);
  private nodeEnds: Int32Array = new Int32Array(256);
  private nodeSpare: Float64Array = new Float64Array(256);
  private nodes = 0;
  // By cohort index: its figures at this sample, and the least spare CPU a unit of weight of a node
  // holding members.
  private cohorts: CohortCeiling[] = [];
  private spare = new Float64Array(16);
  // By workload: pods the entries stand for and the lowest ceiling.
  private readonly pods: Float64Array;
  private readonly lowest: Float64Array;
  // The entries grouped by workload, and where each workload's begin (null: not grouped yet).
  private grouped: { values: Float64Array; counts: Float64Array; starts: Int32Array } | null = null;

  constructor(workloads: number) {
    this.pods = new Float64Array(workloads);
    this.lowest = new Float64Array(workloads);
  }

  /** clear forgets the entries, for a new sample. */
  clear(): void {
    this.size = this.nodes = 0;
    this.pods.fill(0);
    this.lowest.fill(Infinity);
    this.spare.fill(Infinity);
    this.grouped = null;
  }

  /** cohort gives cohort `index`'s figures at this sample (before its members are added). */
  cohort(index: number, figures: CohortCeiling): void {
    this.cohorts[index] = figures;
    if (index >= this.spare.length) {
      const bigger = new Float64Array(2 * index + 2).fill(Infinity);
      bigger.set(this.spare);
      this.spare = bigger;
    }
  }

  /** add is a ceiling of workload `slot` that stands for `count` ready pods. */
  add(slot: number, ceiling: number, count: number): void {
    const k = this.size;
    if (k === this.slots.length) [this.slots, this.values, this.counts] = grown(this.slots, this.values, this.counts);
    this.slots[k] = slot;
    this.values[k] = ceiling;
    this.counts[k] = count;
    this.size = k + 1;
    this.pods[slot]! += count;
    if (ceiling < this.lowest[slot]!) this.lowest[slot] = ceiling;
  }

  /** snapshot copies the membership's entries (cohort index, members there), before any node's are given. */
  snapshot(cohortAt: Int32Array, countAt: Int32Array): void {
    if (this.entryCohorts.length < cohortAt.length) {
      this.entryCohorts = new Int32Array(cohortAt.length);
      this.entryCounts = new Int32Array(cohortAt.length);
    }
    this.entryCohorts.set(cohortAt);
    this.entryCounts.set(countAt);
  }

  /** node gives a node's entries (`start` to `end`, after snapshot()) that hold, on a node sparing `perWeight` millicores a unit of cpu.weight. */
  node(start: number, end: number, perWeight: number): void {
    // Each of its cohorts' lowest ceiling is on the node sparing least.
    const { entryCohorts, spare } = this;
    for (let k = start; k < end; k++) if (perWeight < spare[entryCohorts[k]!]!) spare[entryCohorts[k]!] = perWeight;
    const k = this.nodes;
    if (k === this.nodeStarts.length) {
      const size = 2 * k;
      this.nodeStarts = resized(this.nodeStarts, new Int32Array(size));
      this.nodeEnds = resized(this.nodeEnds, new Int32Array(size));
      this.nodeSpare = resized(this.nodeSpare, new Float64Array(size));
    }
    this.nodeStarts[k] = start;
    this.nodeEnds[k] = end;
    this.nodeSpare[k] = perWeight;
    this.nodes = k + 1;
  }

  /** members are `count` of workload `slot`'s pods in cohorts (their entries given with node()). */
  members(slot: number, count: number): void {
    this.pods[slot]! += count;
  }

  /** podsOf is how many ready pods workload `slot`'s ceilings stand for so far. */
  podsOf(slot: number): number {
    return this.pods[slot]!;
  }

  /** finish closes the sample: each workload's lowest ceiling takes in its cohorts' (a member's ceiling grows with its node's spare CPU, as it uses no more than its limit, so a cohort's lowest is on the node sparing least). */
  finish(): void {
    for (let i = 0; i < this.cohorts.length; i++) {
      const c = this.cohorts[i]!;
      if (this.spare[i] === Infinity) continue; // (no held node has its members)
      const least = memberCeiling(c, this.spare[i]!);
      if (least < this.lowest[c.slot]!) this.lowest[c.slot] = least;
    }
  }

  /** listOf is workload `slot`'s ceilings, after finish(). */
  listOf(slot: number): CeilingList {
    let entries: ReturnType<CeilingList['entries']> | null = null; // worked out once, when first asked
    return {
      pods: this.pods[slot]!,
      lowest: this.lowest[slot]!,
      entries: () => {
        if (entries === null) {
          const g = (this.grouped ??= this.group());
          const [from, to] = [g.starts[slot]!, g.starts[slot + 1]!];
          entries = { ceilings: g.values.subarray(from, to), counts: g.counts.subarray(from, to) };
        }
        return entries;
      },
    };
  }

  // Every entry's ceiling, grouped by workload: for each, its members' entries in the order found,
  // then its own pods' in the order added.
  private group(): { values: Float64Array; counts: Float64Array; starts: Int32Array } {
    const n = this.pods.length;
    const starts = new Int32Array(n + 1);
    const { entryCohorts, entryCounts, nodeStarts, nodeEnds, nodeSpare } = this;
    let members = 0;
    for (let j = 0; j < this.nodes; j++)
      for (let k = nodeStarts[j]!; k < nodeEnds[j]!; k++) {
        starts[this.cohorts[entryCohorts[k]!]!.slot + 1]!++;
        members++;
      }
    for (let k = 0; k < this.size; k++) starts[this.slots[k]! + 1]!++;
    for (let s = 0; s < n; s++) starts[s + 1]! += starts[s]!;
    const next = starts.slice(0, n);
    const values = new Float64Array(members + this.size);
    const counts = new Float64Array(members + this.size);
    for (let j = 0; j < this.nodes; j++)
      for (let k = nodeStarts[j]!; k < nodeEnds[j]!; k++) {
        const c = this.cohorts[entryCohorts[k]!]!;
        const at = next[c.slot]!++;
        values[at] = memberCeiling(c, nodeSpare[j]!);
        counts[at] = entryCounts[k]!;
      }
    for (let k = 0; k < this.size; k++) {
      const at = next[this.slots[k]!]!++;
      values[at] = this.values[k]!;
      counts[at] = this.counts[k]!;
    }
    return { values, counts, starts };
  }
}

// `bigger` with what `buffer` held.
function resized<A extends Int32Array | Float64Array>(buffer: A, bigger: A): A {
  bigger.set(buffer);
  return bigger;
}

// Three parallel arrays twice as long, with what they held.
function grown<A extends Int32Array | Float64Array>(
  a: A,
  b: Float64Array,
  c: Float64Array,
): [A, Float64Array, Float64Array] {
  const size = 2 * a.length;
  const a2 = new (a.constructor as new (n: number) => A)(size);
  const b2 = new Float64Array(size);
  const c2 = new Float64Array(size);
  a2.set(a);
  b2.set(b);
  c2.set(c);
  return [a2, b2, c2];
}
