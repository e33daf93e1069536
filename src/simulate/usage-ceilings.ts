// The ready pods' ceilings (the requests a second each can serve until the next sample) as one
// usage sample finds them, node by node, handed to the load meters workload by workload. An entry
// is appended to flat arrays and the entries are grouped by workload once, at the end, by a stable
// counting sort: so each workload's ceilings keep the order they were found in, and a fleet's
// sample (~150,000 entries over 300 workloads) writes memory in a row instead of to 300 arrays.

/** SampleCeilings collects one sample's ceilings, `count` pods each, by workload slot. */
export class SampleCeilings {
  // The entries in the order found: workload slot, ceiling, pods it stands for.
  private slots = new Int32Array(1024);
  private values = new Float64Array(1024);
  private counts = new Float64Array(1024);
  private size = 0;
  // The entries grouped by workload (after group()), and where each workload's begin.
  private groupedValues = new Float64Array(1024);
  private groupedCounts = new Float64Array(1024);
  private readonly starts: Int32Array;
  // By workload: how many entries, and how many pods they stand for.
  private readonly filled: Int32Array;
  private readonly pods: Float64Array;

  constructor(workloads: number) {
    this.starts = new Int32Array(workloads + 1);
    this.filled = new Int32Array(workloads);
    this.pods = new Float64Array(workloads);
  }

  /** clear forgets the entries, for a new sample. */
  clear(): void {
    this.size = 0;
    this.filled.fill(0);
    this.pods.fill(0);
  }

  /** add is a ceiling of workload `slot` that stands for `count` ready pods. */
  add(slot: number, ceiling: number, count: number): void {
    const k = this.size;
    if (k === this.slots.length) this.grow();
    this.slots[k] = slot;
    this.values[k] = ceiling;
    this.counts[k] = count;
    this.size = k + 1;
    this.filled[slot]!++;
    this.pods[slot]! += count;
  }

  /** podsOf is how many ready pods workload `slot`'s ceilings stand for so far. */
  podsOf(slot: number): number {
    return this.pods[slot]!;
  }

  /** group puts each workload's entries together, in the order they were added. */
  group(): void {
    const n = this.filled.length;
    for (let s = 0; s < n; s++) this.starts[s + 1] = this.starts[s]! + this.filled[s]!;
    if (this.groupedValues.length < this.size) {
      this.groupedValues = new Float64Array(this.slots.length);
      this.groupedCounts = new Float64Array(this.slots.length);
    }
    const next = this.starts.slice(0, n);
    const { slots, values, counts, groupedValues, groupedCounts } = this;
    for (let k = 0; k < this.size; k++) {
      const at = next[slots[k]!]!++;
      groupedValues[at] = values[k]!;
      groupedCounts[at] = counts[k]!;
    }
  }

  /** ceilingsOf and countsOf are workload `slot`'s entries, after group(). */
  ceilingsOf(slot: number): Float64Array {
    return this.groupedValues.subarray(this.starts[slot]!, this.starts[slot + 1]!);
  }

  countsOf(slot: number): Float64Array {
    return this.groupedCounts.subarray(this.starts[slot]!, this.starts[slot + 1]!);
  }

  private grow(): void {
    const size = 2 * this.slots.length;
    const slots = new Int32Array(size);
    const values = new Float64Array(size);
    const counts = new Float64Array(size);
    slots.set(this.slots);
    values.set(this.values);
    counts.set(this.counts);
    [this.slots, this.values, this.counts] = [slots, values, counts];
  }
}
