// A segment tree over nodes' free CPU, memory and pod slots. Each inner entry holds the largest
// free amount below it, so a search for a node with room skips whole runs of full nodes: on a
// 5,000-node cluster that is mostly full, finding a candidate costs about log2(5000) ≈ 13 steps
// per run skipped instead of a scan of every node. It holds the smallest too, so that a run where
// every node has room (a cluster with room to spare) is visited leaf by leaf, without the tree.

// Runs of this many leaves or fewer are scanned rather than descended into.
const LEAF_RUN = 16;
// How many fits forEachFit reads from the tree at a time.
const VISIT_BATCH = 64;

/** NodeIndex finds nodes whose free CPU, memory and pod slots can take a request. */
export class NodeIndex {
  private readonly leaves: number;
  private readonly cpu: Float64Array;
  private readonly memory: Float64Array;
  private readonly slots: Float64Array;
  private readonly cpuMin: Float64Array;
  private readonly memoryMin: Float64Array;
  private readonly slotsMin: Float64Array;
  private batch: Int32Array | undefined; // forEachFit's, made on first use

  constructor(
    readonly capacity: number,
    reuse?: NodeIndex,
  ) {
    let leaves = 1;
    while (leaves < Math.max(1, capacity)) leaves *= 2;
    this.leaves = leaves;
    if (reuse !== undefined && reuse.leaves === leaves) {
      // Its arrays, as they are: the caller fills them (NodeIndex.refilled).
      ({ cpu: this.cpu, memory: this.memory, slots: this.slots } = reuse);
      ({ cpuMin: this.cpuMin, memoryMin: this.memoryMin, slotsMin: this.slotsMin } = reuse);
      return;
    }
    // Unused leaves hold -1: nothing fits them.
    this.cpu = new Float64Array(2 * leaves).fill(-1);
    this.memory = new Float64Array(2 * leaves).fill(-1);
    this.slots = new Float64Array(2 * leaves).fill(-1);
    this.cpuMin = new Float64Array(2 * leaves).fill(-1);
    this.memoryMin = new Float64Array(2 * leaves).fill(-1);
    this.slotsMin = new Float64Array(2 * leaves).fill(-1);
  }

  /**
   * refilled is an index over `count` nodes filled as fill() does, on `old`'s arrays when its tree is
   * the same size (`old` must not be used again), else on new ones: a caller that makes an index
   * every loop (the autoscaler's room searches, ~0.8 MB of arrays at 5,000 nodes) makes no garbage.
   */
  static refilled(
    old: NodeIndex | null,
    count: number,
    cpu: ArrayLike<number>,
    memory: ArrayLike<number>,
    slots: ArrayLike<number>,
  ): NodeIndex {
    const index = new NodeIndex(Math.max(1, count), old ?? undefined);
    index.fill(count, cpu, memory, slots);
    return index;
  }

  /** fill records every node's free resources at once (node i's are `cpu[i]`, `memory[i]` and `slots[i]` for i below `count`; the rest out), in one bottom-up pass. */
  fill(count: number, cpu: ArrayLike<number>, memory: ArrayLike<number>, slots: ArrayLike<number>): void {
    for (let i = 0; i < this.leaves; i++) {
      const at = this.leaves + i;
      const inside = i < count;
      this.cpu[at] = this.cpuMin[at] = inside ? cpu[i]! : -1;
      this.memory[at] = this.memoryMin[at] = inside ? memory[i]! : -1;
      this.slots[at] = this.slotsMin[at] = inside ? slots[i]! : -1;
    }
    for (let at = this.leaves - 1; at >= 1; at--) this.pull(at);
  }

  /** set records node `i`'s free resources; pass -1s to take it out (a node that is gone). */
  set(i: number, freeCpuMilli: number, freeMemoryBytes: number, freeSlots: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.capacity)
      throw new RangeError(`Node index ${i} is outside 0..${this.capacity - 1}`);
    let at = this.leaves + i;
    this.cpu[at] = this.cpuMin[at] = freeCpuMilli;
    this.memory[at] = this.memoryMin[at] = freeMemoryBytes;
    this.slots[at] = this.slotsMin[at] = freeSlots;
    for (at >>= 1; at >= 1; at >>= 1) this.pull(at);
  }

  // An inner entry from its two children: the largest and the smallest of each below it.
  private pull(at: number): void {
    const l = 2 * at;
    this.cpu[at] = Math.max(this.cpu[l]!, this.cpu[l + 1]!);
    this.memory[at] = Math.max(this.memory[l]!, this.memory[l + 1]!);
    this.slots[at] = Math.max(this.slots[l]!, this.slots[l + 1]!);
    this.cpuMin[at] = Math.min(this.cpuMin[l]!, this.cpuMin[l + 1]!);
    this.memoryMin[at] = Math.min(this.memoryMin[l]!, this.memoryMin[l + 1]!);
    this.slotsMin[at] = Math.min(this.slotsMin[l]!, this.slotsMin[l + 1]!);
  }

  /**
   * forEachFit visits, in index order, each node in [from, to) with room for the request; it stops
   * when `visit` returns false. (It reads the tree a batch of fits at a time: collectFits.)
   */
  forEachFit(from: number, to: number, cpuMilli: number, memoryBytes: number, visit: (i: number) => boolean): void {
    const batch = (this.batch ??= new Int32Array(VISIT_BATCH));
    for (let at = from; ;) {
      const n = this.collectFits(at, to, cpuMilli, memoryBytes, batch);
      for (let k = 0; k < n; k++) if (!visit(batch[k]!)) return;
      if (n < VISIT_BATCH) return;
      at = batch[n - 1]! + 1;
    }
  }

  /**
   * collectFits fills `out`, in index order, with the first nodes in [from, to) with room for the
   * request (as many as `out` holds, at most), in one walk of the tree, and returns how many it
   * wrote. A caller that wants more calls it again from one past the last.
   */
  collectFits(from: number, to: number, cpuMilli: number, memoryBytes: number, out: Int32Array): number {
    const end = Math.min(to, this.capacity);
    if (from >= end || out.length === 0) return 0;
    const q: FitQuery = { from, to: end, cpuMilli, memoryBytes, out, max: out.length, found: 0 };
    this.walk(1, 0, this.leaves, q);
    return q.found;
  }

  // Collects the fitting leaves of node `at`, which spans [lo, hi); returns false once `max` are found.
  private walk(at: number, lo: number, hi: number, q: FitQuery): boolean {
    if (
      hi <= q.from ||
      lo >= q.to ||
      this.cpu[at]! < q.cpuMilli ||
      this.memory[at]! < q.memoryBytes ||
      this.slots[at]! < 1
    )
      return true;
    if (hi - lo === 1) return found(q, lo);
    // Every node below has room: take those in range one after another.
    if (this.cpuMin[at]! >= q.cpuMilli && this.memoryMin[at]! >= q.memoryBytes && this.slotsMin[at]! >= 1) {
      const end = Math.min(hi, q.to);
      for (let i = Math.max(lo, q.from); i < end; i++) if (!found(q, i)) return false;
      return true;
    }
    // A short run is read leaf by leaf: cheaper than the descent into it.
    if (hi - lo <= LEAF_RUN) return this.scan(lo, hi, q);
    const mid = (lo + hi) >> 1;
    return this.walk(2 * at, lo, mid, q) && this.walk(2 * at + 1, mid, hi, q);
  }

  // The leaves of [lo, hi) in range with room for the request, taken in order (as walk would).
  private scan(lo: number, hi: number, q: FitQuery): boolean {
    const end = Math.min(hi, q.to);
    const { cpu, memory, slots } = this;
    for (let i = Math.max(lo, q.from); i < end; i++) {
      const at = this.leaves + i;
      if (cpu[at]! >= q.cpuMilli && memory[at]! >= q.memoryBytes && slots[at]! >= 1 && !found(q, i)) return false;
    }
    return true;
  }
}

// One search of collectFits: the range of node indices, the request, and the fits found so far.
interface FitQuery {
  readonly from: number;
  readonly to: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
  readonly out: Int32Array;
  readonly max: number;
  found: number;
}

// Node i fits: it is written down; false once the search has all it asked for.
function found(q: FitQuery, i: number): boolean {
  q.out[q.found++] = i;
  return q.found < q.max;
}
