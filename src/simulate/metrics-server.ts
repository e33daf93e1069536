// metrics-server's view of pods: every resolution period it scrapes each running container's CPU
// and memory working set, as the HPA will read them: what the usage sample (resource-usage.ts)
// measured at that moment. CPU may pass the request when the node has CPU to spare, so the HPA's
// utilization may pass 100%, as upstream's does. A container waiting to restart has no sample.
// Simplified: one scrape per resolution with a window of the same length.
import type { Simulation } from '../sim/simulation.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';

/** METRIC_RESOLUTION_MS is metrics-server's --metric-resolution as its release manifests set it, 15 s (the flag's own default is 60 s). */
export const METRIC_RESOLUTION_MS = 15_000;

/** PodMetric is one pod's sample: CPU in millicores, or memory in bytes. */
export interface PodMetric {
  readonly usageMilli: number;
  readonly timeMs: number;
}

/** MetricsServerOptions: the run's engine, and `phaseMs` (0 … 15 s), which places the scrapes against the HPA's syncs (in a cluster it is arbitrary, so the run draws it). */
export interface MetricsServerOptions {
  readonly sim: Simulation;
  readonly phaseMs: number;
}

/** MetricsServerLinks: the usage sample to take. */
export interface MetricsServerLinks {
  /** sampleUsage measures every pod's usage now (resource-usage.ts). */
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
        this.links.sampleUsage();
        this.scrapeMs = now;
      },
      { start: this.o.phaseMs },
    );
  }

  /** usage is a pod's CPU (millicores) at the latest scrape, if that scrape saw its container running. */
  usage(pod: Pod): number | undefined {
    return pod.sampledMs === this.scrapeMs ? Math.round(pod.cpuUsedMilli) : undefined;
  }

  /** memory is a pod's working set at the latest scrape, if that scrape saw its container running. */
  memory(pod: Pod): number | undefined {
    return pod.sampledMs === this.scrapeMs ? pod.workingSetBytes : undefined;
  }

  /** metric is a pod's latest sample of `resource`, if the latest scrape saw it running. */
  metric(pod: Pod, resource: 'cpu' | 'memory' = 'cpu'): PodMetric | undefined {
    const usage = resource === 'cpu' ? this.usage(pod) : this.memory(pod);
    return usage === undefined ? undefined : { usageMilli: usage, timeMs: this.scrapeMs };
  }
}
