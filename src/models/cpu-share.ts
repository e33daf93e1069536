// How a node's CPU is shared among its pods under CFS with cgroup v2. The kubelet turns a pod's CPU
// request into cpu.shares (kubernetes/kubernetes pkg/kubelet/cm/helpers_linux.go MilliCPUToShares)
// and writes it as cpu.weight (pkg/kubelet/cm/cgroup_manager_linux.go cpuSharesToCPUWeight, once
// named CpuSharesToCpuWeight: the linear map of KEP-2254); its CPU limit becomes a CFS quota
// (MilliCPUToQuota). When pods want more than the node has, CFS divides the CPU in proportion to
// weights; a pod that needs less than its share, or is held at its quota, leaves the rest to the
// others (the scheduler is work-conserving).
// Simplified: a flat set of sibling cgroups (upstream nests pods under kubepods/burstable and
// kubepods/besteffort, whose weights are the sums of their pods' requests, so the split is close).
// Simplified: demand and limit are steady rates; CFS quota is enforced per 100 ms period, so a
// multi-threaded burst can be throttled even when its average stays under the limit.
// Simplified: allocations are fractional millicores; cores, cpusets and SMT are not modelled.

/** CpuClaim is one pod's CPU as CFS sees it: request (weight), limit (quota, null: none), demand. */
export interface CpuClaim {
  readonly requestMilli: number;
  readonly limitMilli: number | null;
  readonly demandMilli: number;
}

// helpers_linux.go: MinShares, MaxShares, SharesPerCPU, MilliCPUToCPU.
const MinShares = 2;
const MaxShares = 262144;
const SharesPerCPU = 1024;
const MilliCPUToCPU = 1000;

/** milliCPUToShares is MilliCPUToShares: request × 1024 / 1000, at least 2 (also for no request). */
export function milliCPUToShares(milliCPU: number): number {
  const shares = Math.floor((milliCPU * SharesPerCPU) / MilliCPUToCPU);
  return Math.min(MaxShares, Math.max(MinShares, shares));
}

/** cpuSharesToCPUWeight is the kubelet's linear cgroup v2 map: [2, 262144] → [1, 10000]. */
export const cpuSharesToCPUWeight = (shares: number): number => 1 + Math.floor(((shares - 2) * 9999) / 262142);

/**
 * convertCPUSharesToCgroupV2Value is opencontainers/cgroups' newer, quadratic map (runc PR 4785,
 * kubernetes/kubernetes issue 131216), which sends 1024 shares to the default weight 100.
 */
export function convertCPUSharesToCgroupV2Value(shares: number): number {
  if (shares <= 2) return 1;
  if (shares >= MaxShares) return 10000;
  const l = Math.log2(shares);
  return Math.ceil(Math.pow(10, (l * l + 125 * l) / 612 - 7 / 34));
}

/** throttledMilli is the demand above the CPU limit that the CFS quota holds back. */
export const throttledMilli = (demandMilli: number, limitMilli: number | null): number =>
  limitMilli === null ? 0 : Math.max(0, demandMilli - limitMilli);

/**
 * shareCpu is each pod's CPU in millicores: min(demand, limit) when all fit, otherwise water-filling
 * by cpu.weight, a pod held by its demand or limit giving what it leaves to the others.
 */
export function shareCpu(
  capacityMilli: number,
  pods: readonly CpuClaim[],
  toWeight: (shares: number) => number = cpuSharesToCPUWeight,
): number[] {
  if (!(capacityMilli >= 0)) throw new Error(`Negative or missing CPU capacity ${capacityMilli}`);
  const claims = pods.map((p, i) => {
    if (!(p.demandMilli >= 0)) throw new Error(`Negative or missing CPU demand ${p.demandMilli} (pod ${i})`);
    const cap = Math.min(p.demandMilli, p.limitMilli ?? Infinity);
    return { i, cap, weight: toWeight(milliCPUToShares(p.requestMilli)) };
  });
  if (claims.reduce((s, p) => s + p.cap, 0) <= capacityMilli) return claims.map((p) => p.cap);
  const alloc = claims.map(() => 0);
  let active = claims.filter((p) => p.cap > 0);
  let left = capacityMilli;
  for (;;) {
    const total = active.reduce((s, p) => s + p.weight, 0);
    const held = active.filter((p) => p.cap <= (left * p.weight) / total);
    if (held.length === 0) {
      for (const p of active) alloc[p.i] = (left * p.weight) / total;
      return alloc;
    }
    // Pods that want less than their share take it all; the rest is shared again among the others.
    for (const p of held) {
      alloc[p.i] = p.cap;
      left -= p.cap;
    }
    active = active.filter((p) => !held.includes(p));
  }
}

/**
 * burstCeilings is how much CPU each pod could take if its demand rose until the next usage sample,
 * its neighbours' staying as they are, given `alloc` (shareCpu's result). On a node with CPU to
 * spare: its allocation plus its weight's part of the spare, shared among the pods that may grow
 * (`elastic`, below their limit); on a contended node: the CFS level its weight sets, or what it
 * has if more. Never above its limit.
 * Simplified (poolsim's estimate, not an upstream rule): the spare is split as if every elastic pod
 * grew at once; CFS would give it to whichever grows first.
 */
export function burstCeilings(
  capacityMilli: number,
  pods: ReadonlyArray<CpuClaim & { readonly elastic: boolean }>,
  alloc: readonly number[],
  toWeight: (shares: number) => number = cpuSharesToCPUWeight,
): number[] {
  const weights = pods.map((p) => toWeight(milliCPUToShares(p.requestMilli)));
  const limit = (i: number) => pods[i]!.limitMilli ?? Infinity;
  const used = alloc.reduce((s, a) => s + a, 0);
  const spare = capacityMilli - used;
  if (spare > 1e-9) {
    let growing = 0;
    pods.forEach((p, i) => {
      if (p.elastic && alloc[i]! < limit(i)) growing += weights[i]!;
    });
    return pods.map((p, i) =>
      p.elastic && growing > 0 ? Math.min(limit(i), alloc[i]! + (spare * weights[i]!) / growing) : alloc[i]!,
    );
  }
  // Contended: the pods held neither by demand nor by limit share one level, CPU per unit of weight.
  let level = 0;
  pods.forEach((p, i) => {
    if (alloc[i]! < Math.min(p.demandMilli, limit(i)) - 1e-9) level = Math.max(level, alloc[i]! / weights[i]!);
  });
  if (level === 0) pods.forEach((_, i) => (level = Math.max(level, alloc[i]! / weights[i]!)));
  return pods.map((p, i) => (p.elastic ? Math.min(limit(i), Math.max(alloc[i]!, level * weights[i]!)) : alloc[i]!));
}
