// What the pods use, sampled at metrics-server's scrapes: each running pod's CPU demand (its base
// plus its share of the load), what CFS gives it on its node (models/cpu-share.ts: beyond its
// request up to its limit when the node has CPU to spare, shared by cpu.weight when not), its
// memory working set (base + per request a second it serves + a leak since its container started),
// and what follows: the load meters' ceilings, OOM kills past a memory limit, and the nodes'
// memory for the eviction manager. CPU and memory are integrated for the summary.
// Simplified: usage is sampled every scrape (15 s) and held until the next; the kernel's OOM killer
// acts at once, here at the sample where the working set has passed the limit.
// Simplified: DaemonSet pods use exactly their requests; kube- and system-reserved are used in full.
// Settled pods are sampled as cohorts (usage-cohorts.ts): one figure for each template's members on
// nodes with CPU to spare, so that a sample costs O(workloads + nodes + pods in transition).
import { burstCeilings, shareCpu, throttledMilli } from '../models/cpu-share.js';
import { requestRate } from '../models/load.js';
import type { Workload } from '../scenario/model.js';
import type { Clock } from '../sim/recorder.js';
import { cpuSharesToCPUWeight, milliCPUToShares } from '../models/cpu-share.js';
import type { ClusterNode } from './cluster.js';
import { unconnected } from './links.js';
import { storePoint } from './metrics-server.js';
import type { Pod, UsageCohort } from './pod.js';
import { SampleCeilings, type CeilingList } from './usage-ceilings.js';
import { CPU_INITIALIZATION_PERIOD_MS, Individuals, Membership, newCohort } from './usage-cohorts.js';

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

// A cohort's figures at a sample (figures()).
interface CohortFigures {
  readonly demandMilli: number;
  readonly usedMilli: number;
  readonly grows: boolean;
  readonly servedRps: number;
  readonly workingSetBytes: number;
}

// A cohort's figures at a sample by cohort index (ResourceUsage.laid).
interface Laid {
  used: Float64Array;
  growing: Float64Array;
  burst: Float64Array;
  throttled: Float64Array;
  workingSet: Float64Array;
}

// CPU rates in millicores: used, requested by running pods, used beyond requests, held back by limits.
interface Rates {
  used: number;
  requested: number;
  burst: number;
  throttled: number;
}

/** UsageLinks: a workload's and a node's pods, whether a node's VM is gone, and whom the usage concerns. */
export interface UsageLinks {
  readonly podsOf: (workload: string) => readonly Pod[];
  readonly podsOn: (node: ClusterNode) => readonly Pod[];
  /** runtimeGone: the node's VM is lost; its pods run nothing. */
  readonly runtimeGone: (node: ClusterNode) => boolean;
  /** ceilings: the requests a second the ready pods of a workload can serve until the next sample. */
  readonly ceilings: (workload: string, ceilings: CeilingList) => void;
  /** oomKilled: a container's working set passed its memory limit. */
  readonly oomKilled: (pod: Pod) => void;
  /** memory: a node after a sample (its working set is set), and its pods with load (theirs set when asked for), for its eviction manager. */
  readonly memory: (node: ClusterNode, pods: (node: ClusterNode) => readonly Pod[]) => void;
  /** sampled: every node's pods have been measured. */
  readonly sampled: () => void;
}

// The pods' own order (by id): kills, evictions and CPU shares go in it.
const byId = (a: Pod, b: Pod): number => a.id - b.id;

// A ready pod whose CPU grows with the requests it serves may take what its node spares.
const isElastic = (p: Pod): boolean => p.ready && p.spec.load!.cpuPerRequestMilli > 0;

// The CPU a node's workload pods share: what its DaemonSet pods leave of its allocatable.
const podCapacity = (node: ClusterNode): number => Math.max(0, node.allocatable.cpuMilli - node.daemonsets.cpuMilli);

// A template whose pods may form a cohort: with load, and a working set that does not grow with age.
const cohortable = (spec: Workload): boolean => spec.load !== null && spec.load.leakBytesPerHour === 0;

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
  // The latest sample's pods with load in no cohort by node index, the nodes it measured, the pods OOM-killed.
  private readonly byNode: Pod[][] = [];
  private readonly touched: ClusterNode[] = [];
  private readonly killed: Pod[] = [];
  // By node index: the CPU its pods want (each up to its limit), the weight of those that may grow,
  // whether the sample measured it, and whether it ran short of CPU (its members then left their cohorts).
  private wanted: Float64Array = new Float64Array(64);
  private growing: Float64Array = new Float64Array(64);
  private measured: Uint8Array = new Uint8Array(64);
  private short: Uint8Array = new Uint8Array(64);
  // By node index: the CPU its pods share (podCapacity; a node's allocatable and DaemonSets never
  // change), read from the node once instead of at every sample (-1: not read yet).
  private capacity: Float64Array = new Float64Array(64).fill(-1);
  // Each node measured so far, by index.
  private readonly nodeAt: Array<ClusterNode | null> = [];
  // The ready pods' ceilings at this sample and at the one before (the meters read those up to now);
  // by workload, how many of its pods are ready and each ready pod's share of the load.
  private ceilings: SampleCeilings;
  private before: SampleCeilings;
  private readonly ready: Int32Array;
  private readonly shares: Float64Array;
  // Each workload's pods in no cohort, its cohorts (one a template), and who is in which.
  private readonly slots: ReadonlyMap<string, number>;
  private readonly individuals: Individuals;
  private readonly membership = new Membership();
  private readonly cohorts = new Map<Workload, UsageCohort>();
  private readonly cohortList: UsageCohort[] = [];
  private readonly cohortsBySlot: UsageCohort[][];
  // By cohort index, this sample's figures (worked out once, after the load is shared) and laid out
  // for the pass over the nodes: each member's CPU, its cpu.weight if it may grow (else 0), CPU
  // beyond its request, CPU its limit holds back and its working set.
  private next: CohortFigures[] = [];
  private readonly laid: Laid = {
    used: new Float64Array(16),
    growing: new Float64Array(16),
    burst: new Float64Array(16),
    throttled: new Float64Array(16),
    workingSet: new Float64Array(16),
  };

  /** `cohorts` false samples every pod on its own (the reference the cohorts are tested against). */
  constructor(
    private readonly clock: Clock,
    private readonly workloads: readonly Workload[],
    private readonly useCohorts: boolean = true,
  ) {
    const n = workloads.length;
    this.ceilings = new SampleCeilings(n);
    this.before = new SampleCeilings(n);
    this.ready = new Int32Array(n);
    this.shares = new Float64Array(n);
    this.slots = new Map(workloads.map((w, i) => [w.name, i]));
    this.individuals = new Individuals(n);
    this.cohortsBySlot = workloads.map(() => []);
  }

  /** connect gives the usage its links. */
  connect(links: UsageLinks): void {
    this.links = links;
  }

  /** track lists a new pod (in no cohort yet). */
  track(p: Pod): void {
    p.usageSlot = this.slots.get(p.workload)!;
    this.individuals.add(p);
  }

  /** forget takes a gone pod off the lists. */
  forget(p: Pod): void {
    if (p.cohort !== null) this.membership.leave(p);
    else if (p.usageIndex >= 0) this.individuals.remove(p);
  }

  /** unsettle takes a pod out of its cohort (its Ready condition changed): it is sampled on its own again. */
  unsettle(p: Pod): void {
    if (p.cohort === null) return;
    this.membership.leave(p);
    this.individuals.add(p);
  }

  /** individualsOf are a workload's live pods in no cohort. */
  individualsOf(workload: string): readonly Pod[] {
    return this.individuals.of(this.slots.get(workload)!);
  }

  /** cohortsOf are a workload's cohorts (their members settled, each with the cohort's figures). */
  cohortsOf(workload: string): readonly UsageCohort[] {
    return this.cohortsBySlot[this.slots.get(workload)!]!;
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
    // A cohort's metric is the rate between two scrapes: a sample between them (only the run's
    // first, at t = 0) is taken pod by pod.
    if (!scrape) this.dissolve();
    this.sampledMs = now;
    this.scrapedMs = scrape ? now : this.scrapedMs;
    this.integrate(now);
    this.rates = { used: 0, requested: 0, burst: 0, throttled: 0 };
    this.workingSet = 0;
    this.killed.length = 0;
    this.resetNodes();
    this.shareLoad(now);
    this.next = this.cohortList.map((c) => this.figures(c));
    this.demands(now);
    this.releaseOverLimit(now);
    this.holdOrRelease(now);
    this.advanceCohorts(now, scrape);
    for (const node of this.touched) {
      const pods = this.byNode[node.index]!;
      if (this.links.runtimeGone(node))
        pods.length = 0; // its VM is gone, and its pods' use with it
      else this.shareNode(node, pods, now);
    }
    this.stats.peakWorkingSetBytes = Math.max(this.stats.peakWorkingSetBytes, this.workingSet);
    const ceilings = this.ceilings;
    for (const c of this.cohortList) if (c.members > 0) ceilings.members(c.slot, c.members);
    this.workloads.forEach((w, i) => {
      // A ready pod the sample did not measure (its VM just lost) serves nothing.
      const counted = ceilings.podsOf(i);
      if (w.load !== null && counted < this.ready[i]!) ceilings.add(i, 0, this.ready[i]! - counted);
    });
    ceilings.finish();
    this.workloads.forEach((w, i) => {
      if (w.load !== null) this.links.ceilings(w.name, ceilings.listOf(i));
    });
    // In a canonical order (the pods' and nodes' own), whatever the order the sample met them in:
    // kills draw restart delays and evictions make pods, so their order is part of the outcome.
    this.killed.sort(byId);
    for (const p of this.killed) {
      this.stats.oomKills++;
      // Its memory is freed on the node; metrics-server keeps what the container used up to then.
      p.node!.workingSetBytes -= p.workingSetBytes;
      this.links.oomKilled(p);
    }
    // In index order: a scan of the measured flags (the touched nodes are most of them), not a sort.
    for (let i = 0; i < this.nodeAt.length; i++)
      if (this.measured[i] === 1) this.links.memory(this.nodeAt[i]!, this.podsWithLoad);
    if (scrape && this.useCohorts) this.settle(now);
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

  // The nodes the last sample measured: emptied, and their figures back to nothing.
  private resetNodes(): void {
    for (const node of this.touched) {
      const pods = this.byNode[node.index]!;
      if (pods.length !== 0) pods.length = 0; // (most nodes list none: their pods are members)
      this.measured[node.index] = this.short[node.index] = 0;
      node.cpuUsedMilli = node.workingSetBytes = 0;
    }
    this.touched.length = 0;
    [this.ceilings, this.before] = [this.before, this.ceilings];
    this.ceilings.clear();
  }

  // Each workload's ready pods (its members are) and each one's share of the load now.
  private shareLoad(now: number): void {
    this.workloads.forEach((w, slot) => {
      let ready = 0;
      for (const p of this.individuals.of(slot)) if (p.ready) ready++;
      for (const c of this.cohortsBySlot[slot]!) ready += c.members;
      this.ready[slot] = ready;
      this.shares[slot] = w.load === null || ready === 0 ? 0 : requestRate(w.load.profile, now) / ready;
    });
  }

  // Each running pod in no cohort: its CPU counter, its demand and its share of the load, on its
  // node's list (this.touched, this.byNode) with what it wants.
  private demands(now: number): void {
    this.workloads.forEach((w, slot) => {
      const load = w.load;
      const share = this.shares[slot]!;
      let requested = 0;
      for (const p of this.individuals.of(slot)) {
        accumulate(p, now);
        p.cpuDemandMilli = p.cpuUsedMilli = p.workingSetBytes = p.servedRps = p.servedCapRps = 0;
        if (p.phase !== 'Running' || p.node === null) continue;
        requested += p.cpuMilli;
        if (p.containerStartedMs === undefined) continue; // waiting to restart: uses nothing, no sample
        if (load === null) {
          if (this.scrapedMs === now) storePoint(p, now); // it uses nothing, and metrics-server says so
          continue;
        }
        if (p.ready) p.servedRps = share;
        this.place(p, load.baseCpuMilli + p.servedRps * load.cpuPerRequestMilli);
      }
      this.rates.requested += requested;
    });
  }

  // The nodes holding cohort members: they stay when the node has CPU for every pod's demand and
  // its VM runs; else they leave their cohorts and are sampled one by one, from now on. A held
  // node's members are measured as use() gives each (from the figures laid out by cohort index) in
  // the same pass that sums what they want: this runs for every cohort on every node at every
  // scrape, so typed arrays and locals only.
  private holdOrRelease(now: number): void {
    for (const c of this.cohortList) this.layOut(c, this.next[c.index]!);
    // (A node whose members all leave is taken out of `holders` as it is visited: a Set allows that.)
    const m = this.membership;
    this.ceilings.snapshot(m.cohortAt.subarray(0, m.size), m.countAt.subarray(0, m.size)); // the held nodes' stay so
    const { cohortAt, countAt } = m;
    const { used, growing: weights, burst, throttled, workingSet } = this.laid;
    const r = this.rates;
    // The sample's sums, added to in the same order as use() would: the same figures to the last
    // bit. A node's additions are kept only if it holds.
    let rUsed = r.used;
    let rBurst = r.burst;
    let rThrottled = r.throttled;
    let total = this.workingSet;
    for (const node of m.holders) {
      const start = m.startOf(node);
      const end = start + m.lengthOf(node);
      let wanted = 0;
      let growing = 0;
      let memory = 0;
      let nodeUsed = rUsed;
      let nodeBurst = rBurst;
      let nodeThrottled = rThrottled;
      let nodeTotal = total;
      for (let k = start; k < end; k++) {
        const i = cohortAt[k]!;
        const count = countAt[k]!;
        const u = used[i]!;
        wanted += count * u;
        growing += count * weights[i]!;
        nodeUsed += count * u;
        if (burst[i]! > 0) nodeBurst += count * burst[i]!;
        if (throttled[i]! > 0) nodeThrottled += count * throttled[i]!;
        const set = workingSet[i]!;
        if (set !== 0) {
          memory += count * set; // (whole bytes: exact in any order)
          nodeTotal += count * set;
        }
      }
      this.measure(node);
      const at = node.index;
      const capacity = this.capacity[at]!;
      if (!this.links.runtimeGone(node) && this.wanted[at]! + wanted <= capacity) {
        // Its members stay, and their use is known now (the node's other pods are placed).
        const all = (this.wanted[at]! += wanted);
        const grows = (this.growing[at]! += growing);
        node.cpuUsedMilli += wanted; // (each member uses what it wants)
        node.workingSetBytes += memory;
        rUsed = nodeUsed;
        rBurst = nodeBurst;
        rThrottled = nodeThrottled;
        total = nodeTotal;
        // (What the node spares a unit of cpu.weight.)
        this.ceilings.node(start, end, grows > 0 ? (capacity - all) / grows : 0);
        continue;
      }
      this.short[at] = 1;
      for (const p of this.links.podsOn(node)) if (p.cohort !== null) this.resample(p, now);
    }
    r.used = rUsed;
    r.burst = rBurst;
    r.throttled = rThrottled;
    this.workingSet = total;
  }

  // A cohort's figures at this sample on a node with CPU to spare, as use() gives each member:
  // what it wants and uses, whether it may grow, the requests it serves and its working set.
  private figures(c: UsageCohort): CohortFigures {
    const load = c.spec.load!;
    const share = this.shares[c.slot]!;
    const perRequest = load.cpuPerRequestMilli;
    const demandMilli = load.baseCpuMilli + share * perRequest;
    const limit = c.spec.limits.cpuMilli ?? Infinity;
    const usedMilli = demandMilli < limit ? demandMilli : limit;
    const servedRps = perRequest > 0 ? Math.min(share, Math.max(0, usedMilli - load.baseCpuMilli) / perRequest) : share;
    const workingSetBytes =
      load.baseMemoryBytes !== 0 || load.memoryPerRpsBytes !== 0
        ? Math.round(load.baseMemoryBytes + load.memoryPerRpsBytes * servedRps + 0) // no leak in a cohort
        : 0;
    return { demandMilli, usedMilli, grows: usedMilli < limit && perRequest > 0, servedRps, workingSetBytes };
  }

  // Every cohort's counter and metric up to now (the rate of what each member used since the last
  // scrape), then its figures at this sample.
  private advanceCohorts(now: number, scrape: boolean): void {
    for (const c of this.cohortList) {
      if (c.lastMs >= 0) {
        c.cumulative += c.usedMilli * (now - c.lastMs);
        if (scrape) {
          c.metricCpuMilli = Math.round(c.usedMilli);
          c.metricWindowMs = now - c.lastMs;
          c.metricMs = now;
        }
      }
      c.lastMs = now;
      const next = this.next[c.index]!;
      c.demandMilli = next.demandMilli;
      c.usedMilli = next.usedMilli;
      c.servedRps = next.servedRps;
      c.workingSetBytes = next.workingSetBytes;
      this.rates.requested += c.members * c.spec.requests.cpuMilli;
    }
  }

  // Cohorts whose members would pass their memory limit: they leave, to be killed one by one.
  private releaseOverLimit(now: number): void {
    for (const c of this.cohortList) {
      const memoryLimit = c.spec.limits.memoryBytes;
      if (memoryLimit === null || c.members === 0 || this.next[c.index]!.workingSetBytes <= memoryLimit) continue;
      for (const p of this.links.podsOf(c.spec.name)) if (p.cohort === c) this.resample(p, now);
    }
  }

  // A member that leaves its cohort at this sample (as of the sample before), sampled on its own from now.
  private resample(p: Pod, now: number): void {
    this.unsettle(p);
    accumulate(p, now);
    p.cpuDemandMilli = p.cpuUsedMilli = p.workingSetBytes = p.servedRps = p.servedCapRps = 0;
    this.rates.requested += p.cpuMilli;
    p.servedRps = this.shares[p.usageSlot]!;
    const load = p.spec.load!;
    this.place(p, load.baseCpuMilli + p.servedRps * load.cpuPerRequestMilli);
  }

  // A cohort's figures at this sample (before it is advanced to them), by its index, for the pass over the nodes.
  private layOut(c: UsageCohort, next: CohortFigures): void {
    const i = c.index;
    const f = this.laid;
    if (i >= f.used.length) {
      const size = 2 * f.used.length;
      for (const key of Object.keys(f) as Array<keyof Laid>) f[key] = resized(f[key], size);
    }
    const request = c.spec.requests.cpuMilli;
    const limit = c.spec.limits.cpuMilli;
    const used = next.usedMilli;
    f.used[i] = used;
    f.growing[i] = next.grows ? c.cpuWeight : 0;
    f.burst[i] = used > request ? used - request : 0;
    f.throttled[i] = limit !== null && used >= limit - 1e-6 ? throttledMilli(next.demandMilli, limit) : 0;
    f.workingSet[i] = next.workingSetBytes;
    this.ceilings.cohort(i, {
      slot: c.slot,
      usedMilli: used,
      limitMilli: limit ?? Infinity,
      baseCpuMilli: c.spec.load!.baseCpuMilli,
      cpuPerRequestMilli: c.spec.load!.cpuPerRequestMilli,
      cpuWeight: c.cpuWeight,
    });
  }

  // Every cohort's members leave it (a sample taken pod by pod).
  private dissolve(): void {
    for (const node of this.membership.holders)
      for (const p of this.links.podsOn(node)) if (p.cohort !== null) this.unsettle(p);
  }

  // A node on this sample's list, with nothing wanted yet.
  private measure(node: ClusterNode): void {
    const at = node.index;
    if (at >= this.wanted.length) {
      let size = this.wanted.length;
      while (at >= size) size *= 2;
      this.wanted = resized(this.wanted, size);
      this.growing = resized(this.growing, size);
      this.measured = resized(this.measured, size);
      this.short = resized(this.short, size);
      this.capacity = resized(this.capacity, size).fill(-1, this.capacity.length);
    }
    if (this.measured[at] === 1) return;
    this.measured[at] = 1;
    if (this.capacity[at]! < 0) this.capacity[at] = podCapacity(node);
    while (this.nodeAt.length <= at) this.nodeAt.push(null);
    this.nodeAt[at] = node;
    this.touched.push(node);
    this.byNode[at] ??= [];
    this.wanted[at] = this.growing[at] = 0;
  }

  // A pod with load on its node's list, with what it wants (up to its limit) added to the node's.
  private place(p: Pod, demand: number): void {
    const node = p.node!;
    this.measure(node);
    const at = node.index;
    this.byNode[at]!.push(p);
    p.cpuDemandMilli = demand;
    const limit = p.spec.limits.cpuMilli ?? Infinity;
    const cap = demand < limit ? demand : limit;
    p.cpuUsedMilli = cap; // what it gets if all fit
    this.wanted[at]! += cap;
    if (cap < limit && isElastic(p)) this.growing[at]! += p.cpuWeight;
  }

  // CFS on one node: each pod's CPU, and so what it serves, its working set and its ceiling.
  private shareNode(node: ClusterNode, pods: readonly Pod[], now: number): void {
    const capacity = this.capacity[node.index]!;
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
      return; // its cohorts' members were measured as the node was held (holdOrRelease)
    }
    (pods as Pod[]).sort(byId); // CFS shares by claim: in the pods' own order, however they were listed
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
      this.ceilings.add(p.usageSlot, p.servedCapRps, 1);
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

  // The pods with load on a node, each with its own figures: its cohorts' members leave them (the eviction manager ranks them).
  // (A field, not a method: one function for every node and sample, not a closure each.)
  private readonly podsWithLoad = (node: ClusterNode): readonly Pod[] => {
    const pods = this.byNode[node.index]!;
    if (this.membership.lengthOf(node) === 0) return pods.sort(byId);
    for (const p of this.links.podsOn(node)) {
      if (p.cohort === null) continue;
      this.unsettle(p);
      pods.push(p);
    }
    return pods.sort(byId);
  };

  // Pods sampled at this scrape that are settled join their template's cohort when they have its
  // figures: Running and Ready since the CPU initialization period, on a node with CPU to spare, with
  // the cohort's metric (the cohort had one at the scrape before).
  private settle(now: number): void {
    const initEnd = now - CPU_INITIALIZATION_PERIOD_MS;
    this.workloads.forEach((w, slot) => {
      if (!cohortable(w)) return;
      const list = this.individuals.of(slot);
      for (let i = list.length - 1; i >= 0; i--) {
        const p = list[i]!;
        if (
          !p.ready ||
          p.phase !== 'Running' ||
          p.node === null ||
          p.containerStartedMs === undefined ||
          p.scheduledMs === undefined ||
          p.scheduledMs > initEnd ||
          p.metricMs !== now ||
          this.short[p.node.index] === 1 ||
          this.links.runtimeGone(p.node) ||
          !cohortable(p.spec)
        )
          continue;
        const c = this.cohortOf(p, slot);
        if (
          c.metricMs !== now ||
          p.revision !== c.revision ||
          (p.readySinceMs ?? now) + w.minReadyMs > now || // available, as the timeline counts it
          p.cpuWeight !== c.cpuWeight ||
          p.cpuUsedMilli !== c.usedMilli ||
          p.cpuDemandMilli !== c.demandMilli ||
          p.servedRps !== c.servedRps ||
          p.workingSetBytes !== c.workingSetBytes ||
          p.metricCpuMilli !== c.metricCpuMilli ||
          p.metricWindowMs !== c.metricWindowMs
        )
          continue;
        this.individuals.remove(p);
        this.membership.join(p, c);
      }
    });
  }

  // The cohort of `p`'s template, made (empty) the first time.
  private cohortOf(p: Pod, slot: number): UsageCohort {
    const spec = p.spec;
    let c = this.cohorts.get(spec);
    if (c === undefined) {
      c = newCohort(spec, {
        slot,
        index: this.cohortList.length,
        revision: p.revision,
        cpuWeight: cpuSharesToCPUWeight(milliCPUToShares(spec.requests.cpuMilli)),
      });
      this.cohorts.set(spec, c);
      this.cohortList.push(c);
      this.cohortsBySlot[slot]!.push(c);
    }
    return c;
  }

  // Every running container's point, after the sample that measured them (one taken pod by pod:
  // no cohort has members after a sample that is not a scrape).
  private storePoints(now: number): void {
    this.scrapedMs = now;
    this.workloads.forEach((_, slot) => {
      for (const p of this.individuals.of(slot))
        if (
          p.phase === 'Running' &&
          p.containerStartedMs !== undefined &&
          p.node !== null &&
          !this.links.runtimeGone(p.node)
        )
          storePoint(p, now);
    });
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

// A typed array of `size`, with what `buffer` held.
function resized<T extends Float64Array | Uint8Array>(buffer: T, size: number): T {
  const bigger = new (buffer.constructor as new (n: number) => T)(size);
  bigger.set(buffer);
  return bigger;
}
