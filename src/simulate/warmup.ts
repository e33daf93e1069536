// A warm-up (`warmup: 10m`): the first part of the run is left out of the summary. At its end the
// counters that only grow are read (requests, pulls, crashes, unserved load…), and the summary
// takes the difference; the spans (pending, cost, NotReady) are cut at its end by the summary itself.
import type { ApiRequestKind } from '../models/kubelet.js';
import type { AutoscalerStats } from './autoscaler.js';
import type { KarpenterStats } from './karpenter-provisioner.js';
import type { Components } from './components.js';
import type { KubeletStats } from './kubelet-process.js';
import type { UsageStats } from './resource-usage.js';

/** WarmupEnd is what the run had counted when its warm-up ended. */
export interface WarmupEnd {
  readonly atMs: number;
  readonly load: { readonly offered: number; readonly unserved: number };
  readonly images: {
    readonly pulls: number;
    readonly bytesPulled: number;
    readonly bytesBySource: { readonly registry: number; readonly mirror: number; readonly peers: number };
    readonly failedPulls: number;
    /** pullCount: how many pull durations were recorded (those after it are the measured part's). */
    readonly pullCount: number;
  };
  readonly autoscaler: AutoscalerStats;
  readonly karpenter: KarpenterStats | null;
  readonly api: { readonly requests: Readonly<Record<ApiRequestKind, number>>; readonly throttled: number };
  readonly kubelet: KubeletStats & { readonly podsEvicted: number; readonly downMs: number };
  /** notReadyMs: the nodes' time NotReady so far, the spans still open included. */
  readonly notReadyMs: number;
  /** usage: CPU and memory so far (its peak starts afresh after the warm-up). */
  readonly usage: UsageStats & { readonly evictions: number };
}

/** endWarmupAt reads the counters at `atMs` into `done`, and starts the tallies that keep a maximum afresh. */
export function endWarmupAt(c: Components, atMs: number, done: (end: WarmupEnd) => void): void {
  c.sim.at(atMs, () => {
    for (const w of c.scenario.workloads) c.readiness.measure(w.name); // the load meters, up to now
    c.usage.integrate(atMs);
    const { requests, downMs } = c.api.soFar();
    const images = c.pulls.stats;
    done({
      atMs,
      load: { ...c.readiness.load },
      images: {
        pulls: images.pulls,
        bytesPulled: images.bytesPulled,
        bytesBySource: { ...images.bytesBySource },
        failedPulls: images.failedPulls,
        pullCount: images.pullMs.length,
      },
      autoscaler: { ...c.autoscaler.stats },
      karpenter: c.karpenter === null ? null : structuredClone(c.karpenter.provisioner.stats),
      api: { requests, throttled: c.traffic.throttled },
      kubelet: { ...c.processes.stats, podsEvicted: c.lifecycle.podsEvicted, downMs },
      usage: { ...c.usage.stats, evictions: c.eviction.evictions },
      notReadyMs: c.nodes.records.reduce(
        (ms, r) => ms + r.notReadyMs + (r.unknownSinceMs === undefined ? 0 : atMs - r.unknownSinceMs),
        0,
      ),
    });
    c.traffic.peakLatencyMs = 0;
    c.usage.stats.peakWorkingSetBytes = 0;
    c.resilience.measureFromNow();
  });
}
