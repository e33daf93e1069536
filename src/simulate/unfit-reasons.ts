// Why a pod fits no node, kept between scheduling cycles. A pod that fits nowhere is reported with
// every node's reason counted ("0/5,000 nodes are available: 4,990 Insufficient cpu, …"), and in a
// fleet's scale-up thousands of pending pods fail pass after pass while the pods that do fit change
// a node or two between them: counting every node again for each made the failures grow with
// pods × nodes. For a plain pod (no spread, constraint or taint in play, so that a node's reasons
// depend on the node alone) the tally of its shape is kept with the cluster version it was made at,
// and brought up to date from the nodes changed since (Cluster.changedSince); the words are those a
// count over every node gives.
import { describeReasonCounts } from '../models/scheduler/filter.js';
import type { SchedulableNode } from '../models/scheduler/schedule-one.js';

// A shape's reasons by node index, how many nodes gave each reason, and the version they are as of.
interface Tally {
  version: number;
  readonly reasons: Array<readonly string[] | undefined>;
  readonly counts: Map<string, number>;
}

/** UnfitCluster is what UnfitReasons reads of the cluster. */
export interface UnfitCluster {
  readonly version: number;
  readonly liveNodes: number;
  readonly nodes: ReadonlyArray<SchedulableNode | undefined>;
  changedSince(version: number): ArrayLike<number> | null;
}

// Shapes kept at most (the oldest goes first): each holds a reference a node.
const MAX_SHAPES = 256;

/** UnfitReasons keeps, by pod shape, why it fitted no node. */
export class UnfitReasons {
  private readonly tallies = new Map<string, Tally>();
  // One array for each list of reasons met, so that a tally holds references, not copies.
  private readonly lists = new Map<string, readonly string[]>();
  // By node index, the explain call that last asked the node (so that a node changed many times is asked once).
  private asked = new Int32Array(0);
  private round = 0;

  constructor(private readonly cluster: UnfitCluster) {}

  /** explain words why a pod of `shape` fits no node now, asking `reasonsOn` only of nodes changed since the shape's last tally. */
  explain(shape: string, reasonsOn: (node: SchedulableNode) => readonly string[]): string {
    const { version, nodes } = this.cluster;
    const kept = this.tallies.get(shape);
    const changed = kept === undefined ? null : this.cluster.changedSince(kept.version);
    let tally: Tally;
    if (kept !== undefined && changed !== null && changed.length < nodes.length) {
      tally = kept;
      // Each node changed once or many times is asked once.
      if (this.asked.length < nodes.length) this.asked = new Int32Array(2 * nodes.length);
      const round = ++this.round;
      for (let k = 0; k < changed.length; k++) {
        const i = changed[k]!;
        if (this.asked[i] === round) continue;
        this.asked[i] = round;
        this.recount(tally, i, nodes, reasonsOn);
      }
    } else {
      tally = { version, reasons: [], counts: new Map() };
      for (let i = 0; i < nodes.length; i++) this.recount(tally, i, nodes, reasonsOn);
    }
    // The shapes asked about least recently go first.
    this.tallies.delete(shape);
    if (this.tallies.size >= MAX_SHAPES) this.tallies.delete(this.tallies.keys().next().value!);
    this.tallies.set(shape, tally);
    tally.version = version;
    return describeReasonCounts(this.cluster.liveNodes, tally.counts);
  }

  // Node `i`'s reasons as they are now, in place of those counted before.
  private recount(
    tally: Tally,
    i: number,
    nodes: ReadonlyArray<SchedulableNode | undefined>,
    reasonsOn: (node: SchedulableNode) => readonly string[],
  ): void {
    const { reasons, counts } = tally;
    for (const r of reasons[i] ?? []) {
      const left = counts.get(r)! - 1;
      if (left === 0) counts.delete(r);
      else counts.set(r, left);
    }
    const node = nodes[i];
    const now = node === undefined ? undefined : this.listOf(reasonsOn(node));
    for (const r of now ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
    reasons[i] = now;
  }

  // The one array of these reasons.
  private listOf(reasons: readonly string[]): readonly string[] {
    const key = reasons.join('\n');
    let list = this.lists.get(key);
    if (list === undefined) {
      list = reasons;
      this.lists.set(key, list);
    }
    return list;
  }
}
