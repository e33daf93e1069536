// What the pods use, sampled at metrics-server's scrapes: each running pod's CPU demand (its base
// plus its share of the load), what CFS gives it on its node (models/cpu-share.ts: beyond its
// request up to its limit when the node has CPU to spare, shared by cpu.weight when not), its
// memory working set (base + per request a second it serves + a leak since its container started),
// and what follows: the load meters' ceilings, OOM kills past a memory limit, and the nodes'
// memory for the eviction manager. CPU and memory are integrated for the summary.
// Simplified: usage is sampled every scrape (15 s) and held until the next; the kernel's OOM killer
// acts at once, here at the sample where the working set has passed the limit.
// Simplified: DaemonSet pods use exactly their requests; kube- and system-reserved are used in full.
import { burstCeilings, shareCpu, throttledMilli } from '../models/cpu-share.js';
import { requestRate } from '../models/load.js';
import type { Workload } from '../scenario/model.js';
import type { Clock } from '../sim/recorder.js';
import type { ClusterNode } from './cluster.js';
import { unconnected } from './links.js';
import { storePoint } from './metrics-server.js';
import type { Pod } from './pod.js';

const HOUR_MS = 3_600_000;

/** UsageStats are the run's CPU and memory so far: core-seconds, bytes, counts. */
export interface UsageStats {
  /** usedCoreSeconds: CPU the pods used; requestedCoreSeconds: what running pods requested. */
  usedCoreSeconds: number;
  requestedCoreSeconds: number;
  /** burstCoreSeconds: CPU used beyond the pods' requests; throttledCoreSeconds: demand their CPU limits held back. */
  burstCoreSeconds: number;
  throttledCoreSeconds: number;
  /** peakWorkingSetBytes: the most memory the pods' working sets took at once, all nodes together. */
  peakWorkingSetBytes: number;
  oomKills: number;
}

// CPU rates in millicores: used, requested by running pods, used beyond requests, held back by limits.
interface Rates {
  used: number;
  requested: number;
  burst: number;
  throttled: number;
}

/** UsageLinks: a workload's pods, whether a node's VM is gone, and whom the usage concerns. */
export interface UsageLinks {
  readonly podsOf: (workload: string) => readonly Pod[];
  /** runtimeGone: the node's VM is lost; its pods run nothing. */
  readonly runtimeGone: (node: ClusterNode) => boolean;
  /** ceilings: the requests a second each ready pod of a workload can serve until the next sample. */
  readonly ceilings: (workload: string, ceilings: Float64Array) => void;
  /** oomKilled: a container's working set passed its memory limit. */
  readonly oomKilled: (pod: Pod) => void;
  /** memory: a node's pods with load, after a sample (the node's and the pods' working sets are set), for its eviction manager. */
  readonly memory: (node: ClusterNode, pods: readonly Pod[]) => void;
  /** sampled: every node's pods have been measured. */
  readonly sampled: () => void;
}

// A ready pod whose CPU grows with the requests it serves may take what its node spares.
const isElastic = (p: Pod): boolean => p.ready && p.spec.load!.cpuPerRequestMilli > 0;

/** ResourceUsage samples the pods' CPU and memory. */
export class ResourceUsage {
  readonly stats: UsageStats = {
    usedCoreSeconds: 0,
    requestedCoreSeconds: 0,
    burstCoreSeconds: 0,
    throttledCoreSeconds: 0,
    peakWorkingSetBytes: 0,
    oomKills: 0,
  };
  private links: UsageLinks = unconnected('ResourceUsage');
  private lastMs = -1; // integrated up to here
  private sampledMs = -1;
  private scrapedMs = -1;
  // The rates of the latest sample, held until the next (millicores), and the working sets' total.
  private rates: Rates = { used: 0, requested: 0, burst: 0, throttled: 0 };
  private workingSet = 0;
  // The latest sample's pods with load by node index, the nodes that have some, the pods OOM-killed.
  private readonly byNode: Pod[][] = [];
  private readonly touched: ClusterNode[] = [];
  private readonly killed: Pod[] = [];
  // By node index: the CPU its pods want (each up to its limit), and the weight of those that may grow.
  private wanted: Float64Array = new Float64Array(64);
  private growing: Float64Array = new Float64Array(64);
  // By workload: its ready pods' ceilings, and how many of its pods are ready.
  private readonly ceilings: Float64Array[];
  private readonly filled: Int32Array;
  private readonly ready: Int32Array;

  constructor(
    private readonly clock: Clock,
    private readonly workloads: readonly Workload[],
  ) {
    this.ceilings = workloads.map(() => new Float64Array(16));
    this.filled = new Int32Array(workloads.length);
    this.ready = new Int32Array(workloads.length);
  }

  /** connect gives the usage its links. */
  connect(links: UsageLinks): void {
    this.links = links;
  }

  /**
   * sample measures every pod's usage now (once a millisecond however often asked) and acts on it;
   * at metrics-server's scrapes (`scrape`) each running container's point is stored as it is measured.
   */
  sample(scrape = false): void {
    const now = this.clock.now;
    if (now === this.sampledMs) {
      if (scrape && this.scrapedMs !== now) this.storePoints(now); // a scrape in the same ms as another sample
      return;
    }
    this.sampledMs = now;
    this.scrapedMs = scrape ? now : this.scrapedMs;
    this.integrate(now);
    this.rates = { used: 0, requested: 0, burst: 0, throttled: 0 };
    this.workingSet = 0;
    this.killed.length = 0;
    this.demands(now);
    for (const node of this.touched) {
      const pods = this.byNode[node.index]!;
      if (this.links.runtimeGone(node))
        pods.length = 0; // its VM is gone, and its pods' use with it
      else this.shareNode(node, pods, now);
    }
    this.stats.peakWorkingSetBytes = Math.max(this.stats.peakWorkingSetBytes, this.workingSet);
    this.workloads.forEach((w, i) => {
      if (w.load === null) return;
      // A ready pod the sample did not measure (its VM just lost) serves nothing.
      while (this.filled[i]! < this.ready[i]!) this.addCeiling(i, 0);
      this.links.ceilings(w.name, this.ceilings[i]!.subarray(0, this.filled[i]!));
    });
    for (const p of this.killed) {
      this.stats.oomKills++;
      // Its memory is freed on the node; metrics-server keeps what the container used up to then.
      p.node!.workingSetBytes -= p.workingSetBytes;
      this.links.oomKilled(p);
    }
    for (const node of this.touched) this.links.memory(node, this.byNode[node.index]!);
    this.links.sampled();
  }

  /** integrate adds the held rates up to `now` (the run's end, or a warm-up's). */
  integrate(now: number): void {
    const seconds = this.lastMs < 0 ? 0 : (now - this.lastMs) / 1000;
    const r = this.rates;
    this.stats.usedCoreSeconds += (r.used / 1000) * seconds;
    this.stats.requestedCoreSeconds += (r.requested / 1000) * seconds;
    this.stats.burstCoreSeconds += (r.burst / 1000) * seconds;
    this.stats.throttledCoreSeconds += (r.throttled / 1000) * seconds;
    this.lastMs = now;
  }

  // Each running pod's CPU demand and its share of the load, and the nodes of the pods with load
  // (this.touched, this.byNode) with what they want.
  private demands(now: number): void {
    for (const node of this.touched) {
      this.byNode[node.index]!.length = 0;
      node.cpuUsedMilli = node.workingSetBytes = 0;
    }
    this.touched.length = 0;
    this.workloads.forEach((w, slot) => {
      const pods = this.links.podsOf(w.name);
      let ready = 0;
      for (const p of pods) if (p.ready) ready++;
      this.ready[slot] = ready;
      this.filled[slot] = 0;
      const load = w.load;
      const share = load === null || ready === 0 ? 0 : requestRate(load.profile, now) / ready;
      let requested = 0;
      for (const p of pods) {
        accumulate(p, now);
        p.cpuDemandMilli = p.cpuUsedMilli = p.workingSetBytes = p.servedRps = p.servedCapRps = 0;
        if (p.phase !== 'Running' || p.node === null) continue;
        requested += p.cpuMilli;
        if (p.containerStartedMs === undefined) continue; // waiting to restart: uses nothing, no sample
        if (load === null) {
          if (this.scrapedMs === now) storePoint(p, now); // it uses nothing, and metrics-server says so
          continue;
        }
        p.usageSlot = slot;
        if (p.ready) p.servedRps = share;
        this.place(p, load.baseCpuMilli + p.servedRps * load.cpuPerRequestMilli);
      }
      this.rates.requested += requested;
    });
  }

  // A pod with load on its node's list, with what it wants (up to its limit) added to the node's.
  private place(p: Pod, demand: number): void {
    const node = p.node!;
    const at = node.index;
    const list = (this.byNode[at] ??= []);
    if (list.length === 0) {
      this.touched.push(node);
      while (at >= this.wanted.length) [this.wanted, this.growing] = [grow(this.wanted), grow(this.growing)];
      this.wanted[at] = this.growing[at] = 0;
    }
    list.push(p);
    p.cpuDemandMilli = demand;
    const limit = p.spec.limits.cpuMilli ?? Infinity;
    const cap = demand < limit ? demand : limit;
    p.cpuUsedMilli = cap; // what it gets if all fit
    this.wanted[at]! += cap;
    if (cap < limit && isElastic(p)) this.growing[at]! += p.cpuWeight;
  }

  // CFS on one node: each pod's CPU, and so what it serves, its working set and its ceiling.
  private shareNode(node: ClusterNode, pods: readonly Pod[], now: number): void {
    // Workload pods share what the node's DaemonSet pods leave of its allocatable.
    const capacity = Math.max(0, node.allocatable.cpuMilli - node.daemonsets.cpuMilli);
    const wanted = this.wanted[node.index]!;
    const growing = this.growing[node.index]!;
    // Most nodes have CPU to spare: then every pod gets what it wants, and this fast path, without
    // allocations, gives what shareCpu and burstCeilings would.
    if (wanted <= capacity) {
      const perWeight = growing > 0 ? (capacity - wanted) / growing : 0;
      for (const p of pods) {
        const used = p.cpuUsedMilli;
        const ceiling =
          perWeight > 0 && isElastic(p)
            ? Math.min(p.spec.limits.cpuMilli ?? Infinity, used + perWeight * p.cpuWeight)
            : used;
        this.use(p, used, ceiling, now);
      }
      return;
    }
    const claims = pods.map((p) => ({
      requestMilli: p.cpuMilli,
      limitMilli: p.spec.limits.cpuMilli,
      demandMilli: p.cpuDemandMilli,
      elastic: isElastic(p),
    }));
    const alloc = shareCpu(capacity, claims);
    const ceilings = burstCeilings(capacity, claims, alloc);
    pods.forEach((p, i) => this.use(p, alloc[i]!, ceilings[i]!, now));
  }

  // A pod's CPU at this sample; the requests it serves with it and so its working set; the most
  // it could serve until the next sample.
  private use(p: Pod, used: number, ceiling: number, now: number): void {
    const limit = p.spec.limits.cpuMilli;
    const r = this.rates;
    const node = p.node!;
    p.cpuUsedMilli = used;
    node.cpuUsedMilli += used;
    r.used += used;
    if (used > p.cpuMilli) r.burst += used - p.cpuMilli;
    // Throttled only when it runs at its quota: a pod held lower by contention never reaches it.
    if (limit !== null && used >= limit - 1e-6) r.throttled += throttledMilli(p.cpuDemandMilli, limit);
    const load = p.spec.load!;
    const perRequest = load.cpuPerRequestMilli;
    if (p.ready) {
      if (perRequest > 0) {
        p.servedRps = Math.min(p.servedRps, Math.max(0, used - load.baseCpuMilli) / perRequest);
        p.servedCapRps = Math.max(0, ceiling - load.baseCpuMilli) / perRequest;
      } else p.servedCapRps = Infinity;
      this.addCeiling(p.usageSlot, p.servedCapRps);
    }
    if (load.baseMemoryBytes !== 0 || load.memoryPerRpsBytes !== 0 || load.leakBytesPerHour !== 0) {
      const leak = (load.leakBytesPerHour * (now - p.containerStartedMs!)) / HOUR_MS;
      const workingSet = Math.round(load.baseMemoryBytes + load.memoryPerRpsBytes * p.servedRps + leak);
      p.workingSetBytes = workingSet;
      node.workingSetBytes += workingSet;
      this.workingSet += workingSet;
      const memoryLimit = p.spec.limits.memoryBytes;
      if (memoryLimit !== null && workingSet > memoryLimit) this.killed.push(p);
    }
    if (this.scrapedMs === now) storePoint(p, now);
  }

  // Every running container's point, after the sample that measured them.
  private storePoints(now: number): void {
    this.scrapedMs = now;
    for (const w of this.workloads)
      for (const p of this.links.podsOf(w.name))
        if (
          p.phase === 'Running' &&
          p.containerStartedMs !== undefined &&
          p.node !== null &&
          !this.links.runtimeGone(p.node)
        )
          storePoint(p, now);
  }

  private addCeiling(slot: number, ceiling: number): void {
    const n = this.filled[slot]!;
    if (n === this.ceilings[slot]!.length) this.ceilings[slot] = grow(this.ceilings[slot]!);
    this.ceilings[slot]![n] = ceiling;
    this.filled[slot] = n + 1;
  }
}

// The container's CPU counter, as the kubelet keeps it: what it used since it started, each
// sample's CPU held until the next. A container started since the last sample counts from now
// (no sample of it was held before).
function accumulate(p: Pod, now: number): void {
  const start = p.containerStartedMs;
  if (start === undefined || p.phase !== 'Running') return;
  if (start > p.cumulativeAtMs) p.cpuCumulative = 0;
  else p.cpuCumulative += p.cpuUsedMilli * (now - p.cumulativeAtMs);
  p.cumulativeAtMs = now;
}

// A buffer twice as long, with what it held.
function grow(buffer: Float64Array): Float64Array {
  const bigger = new Float64Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}
