// The ready pods' ceilings (the requests a second each can serve until the next sample) as one
// usage sample finds them, handed to the load meters workload by workload. A meter reads a
// workload's ceilings one by one only when the load per pod passes the lowest of them, which at a
// fleet's ~150,000 (node, cohort) entries a sample is rare: so the sample keeps a cohort member's
// entry as found (its cohort, how many members, its node's spare CPU a unit of cpu.weight), the
// lowest ceiling of each workload, and works the ceilings out and groups them by workload (a stable
// counting sort, so each keeps the order it was found in) only when a meter first asks.

/** CeilingList is a workload's ceilings at one usage sample: how many ready pods they stand for, the lowest, and the entries (`counts[i]` pods each `ceilings[i]`), worked out when asked. */
export interface CeilingList {
  readonly pods: number;
  readonly lowest: number;
  entries(): { readonly ceilings: Float64Array; readonly counts: Float64Array };
}

/** CohortCeiling is what a cohort member's ceiling is worked out from: its CPU, limit (Infinity: none), base CPU, CPU a request and cpu.weight. */
export interface CohortCeiling {
  readonly slot: number;
  readonly usedMilli: number;
  readonly limitMilli: number;
  readonly baseMilli: number;
  readonly perRequestMilli: number;
  readonly cpuWeight: number;
}

/** memberCeiling is a cohort member's ceiling on a node that spares `perWeight` millicores a unit of cpu.weight (as ResourceUsage.use gives a pod). */
export function memberCeiling(c: CohortCeiling, perWeight: number): number {
  const each = c.perRequestMilli;
  if (each <= 0) return Infinity;
  const ceiling = perWeight > 0 ? Math.min(c.limitMilli, c.usedMilli + perWeight * c.cpuWeight) : c.usedMilli;
  return Math.max(0, ceiling - c.baseMilli) / each;
}

/** SampleCeilings collects one sample's ceilings by workload slot. */
export class SampleCeilings {
  // Pods on their own (and pods not measured): workload slot, ceiling, pods it stands for.
  private slots: Int32Array = new Int32Array(256);
  private values: Float64Array = new Float64Array(256);
  private counts: Float64Array = new Float64Array(256);
  private size = 0;
  // Cohort members, by node and cohort as found: the cohort's index, how many, the node's spare CPU a unit of weight.
  private memberCohorts: Int32Array = new Int32Array(1024);
  private memberCounts: Float64Array = new Float64Array(1024);
  private memberSpare: Float64Array = new Float64Array(1024);
  private members = 0;
  // By cohort index: its figures at this sample, its workload's slot, and the least spare CPU a unit
  // of weight of a node holding members.
  private cohorts: CohortCeiling[] = [];
  private slotOf = new Int32Array(16);
  private leastSpare = new Float64Array(16);
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
    this.size = this.members = 0;
    this.pods.fill(0);
    this.lowest.fill(Infinity);
    this.leastSpare.fill(Infinity);
    this.grouped = null;
  }

  /** cohort gives cohort `index`'s figures at this sample (before its members are added). */
  cohort(index: number, figures: CohortCeiling): void {
    this.cohorts[index] = figures;
    if (index >= this.leastSpare.length) {
      const bigger = new Float64Array(2 * index + 2).fill(Infinity);
      bigger.set(this.leastSpare);
      this.leastSpare = bigger;
      const slots = new Int32Array(bigger.length);
      slots.set(this.slotOf);
      this.slotOf = slots;
    }
    this.slotOf[index] = figures.slot;
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

  /** member is `count` members of cohort `index` on a node that spares `perWeight` millicores a unit of cpu.weight. */
  member(index: number, count: number, perWeight: number): void {
    const k = this.members;
    if (k === this.memberCohorts.length)
      [this.memberCohorts, this.memberCounts, this.memberSpare] = grown(
        this.memberCohorts,
        this.memberCounts,
        this.memberSpare,
      );
    this.memberCohorts[k] = index;
    this.memberCounts[k] = count;
    this.memberSpare[k] = perWeight;
    this.members = k + 1;
    if (perWeight < this.leastSpare[index]!) this.leastSpare[index] = perWeight;
    this.pods[this.slotOf[index]!]! += count;
  }

  /** podsOf is how many ready pods workload `slot`'s ceilings stand for so far. */
  podsOf(slot: number): number {
    return this.pods[slot]!;
  }

  /** finish closes the sample: each workload's lowest ceiling takes in its cohorts' (a member's ceiling grows with its node's spare CPU, as it uses no more than its limit, so a cohort's lowest is on the node sparing least). */
  finish(): void {
    for (let i = 0; i < this.cohorts.length; i++) {
      const c = this.cohorts[i];
      if (c === undefined || this.leastSpare[i] === Infinity) continue;
      const least = memberCeiling(c, this.leastSpare[i]!);
      if (least < this.lowest[c.slot]!) this.lowest[c.slot] = least;
    }
  }

  /** listOf is workload `slot`'s ceilings, after finish(). */
  listOf(slot: number): CeilingList {
    return {
      pods: this.pods[slot]!,
      lowest: this.lowest[slot]!,
      entries: () => {
        const g = (this.grouped ??= this.group());
        return {
          ceilings: g.values.subarray(g.starts[slot]!, g.starts[slot + 1]!),
          counts: g.counts.subarray(g.starts[slot]!, g.starts[slot + 1]!),
        };
      },
    };
  }

  // Every entry's ceiling, grouped by workload: for each, its members' entries in the order found,
  // then its own pods' in the order added.
  private group(): { values: Float64Array; counts: Float64Array; starts: Int32Array } {
    const n = this.pods.length;
    const starts = new Int32Array(n + 1);
    const slotOf = (k: number) => this.cohorts[this.memberCohorts[k]!]!.slot;
    for (let k = 0; k < this.members; k++) starts[slotOf(k) + 1]!++;
    for (let k = 0; k < this.size; k++) starts[this.slots[k]! + 1]!++;
    for (let s = 0; s < n; s++) starts[s + 1]! += starts[s]!;
    const next = starts.slice(0, n);
    const values = new Float64Array(this.members + this.size);
    const counts = new Float64Array(this.members + this.size);
    for (let k = 0; k < this.members; k++) {
      const c = this.cohorts[this.memberCohorts[k]!]!;
      const at = next[c.slot]!++;
      values[at] = memberCeiling(c, this.memberSpare[k]!);
      counts[at] = this.memberCounts[k]!;
    }
    for (let k = 0; k < this.size; k++) {
      const at = next[this.slots[k]!]!++;
      values[at] = this.values[k]!;
      counts[at] = this.counts[k]!;
    }
    return { values, counts, starts };
  }
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
