// metrics-server's view of pods (kubernetes-sigs/metrics-server pkg/storage/pod.go): every
// resolution period it scrapes each running container's CPU counter and working set. A pod's CPU is
// the rate between its last two points, so the HPA sees the CPU of the window just past, not of the
// moment (which may pass the request when its node has CPU to spare); its memory is the last point's
// working set. A pod has metrics only with two points: a container seen for the first time has none,
// unless it started 10–15 s before the scrape (a "fresh container": the rate from its start), and
// one restarted since the last point starts again. The counter and working set are the usage
// sample's (resource-usage.ts).
// Simplified: a fresh container's rate is its CPU at the sample (none of it was sampled before);
// pods running when the run starts (`start: steady`) had their points long before.
import type { Simulation } from '../sim/simulation.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

/** METRIC_RESOLUTION_MS is metrics-server's --metric-resolution as its release manifests set it, 15 s (the flag's own default is 60 s). */
export const METRIC_RESOLUTION_MS = 15_000;

// freshContainerMinMetricsResolution: a container started less than 10 s before a scrape gives no rate yet.
const FRESH_CONTAINER_MIN_MS = 10_000;

/** PodMetric is one pod's sample: CPU in millicores, or memory in bytes; its time and window. */
export interface PodMetric {
  readonly usageMilli: number;
  readonly timeMs: number;
  readonly windowMs: number;
}

/** MetricsServerOptions: the run's engine, and `phaseMs` (0 … 15 s), which places the scrapes against the HPA's syncs (in a cluster it is arbitrary, so the run draws it). */
export interface MetricsServerOptions {
  readonly sim: Simulation;
  readonly phaseMs: number;
}

/** MetricsServerLinks: the usage sample to take at each scrape. */
export interface MetricsServerLinks {
  /** sampleUsage measures every pod's usage now and stores each running container's point (resource-usage.ts). */
  readonly sampleUsage: () => void;
}

/** MetricsServer scrapes every running container. */
export class MetricsServer {
  // A pod's sample lives on the pod (the usage sample's figures and when it was taken), not in a
  // map rebuilt every 15 s: with 10,000 pods and more, refilling a Map costs ~100× a field write. A
  // sample from an earlier scrape is no sample, as when metrics-server forgets a pod it no longer sees.
  private scrapeMs = -2;
  private links: MetricsServerLinks = unconnected('MetricsServer');

  constructor(private readonly o: MetricsServerOptions) {}

  /** connect gives metrics-server its links. */
  connect(links: MetricsServerLinks): void {
    this.links = links;
  }

  /** start begins the scrapes, every resolution period from the phase on. */
  start(): void {
    this.o.sim.every(
      METRIC_RESOLUTION_MS,
      (now) => {
        this.links.sampleUsage(); // which stores each running container's point (storePoint)
        this.scrapeMs = now;
      },
      { start: this.o.phaseMs },
    );
  }

  /** scrapedMs is when the latest scrape was (-2: none yet). */
  get scrapedMs(): number {
    return this.scrapeMs;
  }

  /** usage is a pod's CPU (millicores) at the latest scrape, if it has metrics there. */
  usage(pod: Pod): number | undefined {
    return pod.metricMs === this.scrapeMs ? pod.metricCpuMilli : undefined;
  }

  /** memory is a pod's working set at the latest scrape, if it has metrics there. */
  memory(pod: Pod): number | undefined {
    // The working set stays as the scrape's sample measured it until the next sample, the next scrape.
    return pod.metricMs === this.scrapeMs ? pod.workingSetBytes : undefined;
  }

  /** metric is a pod's latest sample of `resource`, if it has metrics at the latest scrape. */
  metric(pod: Pod, resource: 'cpu' | 'memory' = 'cpu'): PodMetric | undefined {
    const usage = resource === 'cpu' ? this.usage(pod) : this.memory(pod);
    return usage === undefined ? undefined : { usageMilli: usage, timeMs: this.scrapeMs, windowMs: pod.metricWindowMs };
  }
}

// A steady pod seen for the first time: metrics-server had its points from before the run.
const firstOfSteady = (p: Pod): boolean => p.steady && p.pointMs < 0;

/**
 * storePoint is one pod's point at a scrape, and its metrics when it has a point before it
 * (podStorage.Store, GetMetrics): the CPU rate since that point, or since a fresh container's start.
 */
export function storePoint(p: Pod, now: number): void {
  // A container OOM-killed at this very sample ran until now: its counter still reads.
  const start = p.containerStartedMs ?? -Infinity;
  if (p.pointMs >= 0 && start < p.pointMs) {
    p.metricCpuMilli = Math.round((p.cpuCumulative - p.pointCumulative) / (now - p.pointMs));
    p.metricWindowMs = now - p.pointMs;
    p.metricMs = now;
  } else if ((now - start >= FRESH_CONTAINER_MIN_MS && now - start < METRIC_RESOLUTION_MS) || firstOfSteady(p)) {
    p.metricCpuMilli = Math.round(p.cpuUsedMilli);
    p.metricWindowMs = firstOfSteady(p) ? METRIC_RESOLUTION_MS : now - start;
    p.metricMs = now;
  } // else its first point: no rate yet
  p.pointMs = now;
  p.pointCumulative = p.cpuCumulative;
}
