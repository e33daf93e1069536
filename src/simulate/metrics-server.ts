// metrics-server's view of pods: every resolution period it scrapes each running pod's CPU, as
// the HPA will read it. A pod's CPU is its base use plus its share of the workload's load; ready
// pods share the load evenly and a pod uses at most its request. Simplified: one scrape per
// resolution with a window of the same length. Only CPU: memory use is not modelled (an HPA on
// memory is refused at load, normalize-workloads.ts).
import { requestRate } from '../models/load.js';
import type { Simulation } from '../sim/simulation.js';
import type { Workload } from '../scenario/model.js';
import { unconnected } from './links.js';
import { isActive, type Pod } from './pod.js';

/** METRIC_RESOLUTION_MS is metrics-server's --metric-resolution as its release manifests set it, 15 s (the flag's own default is 60 s). */
export const METRIC_RESOLUTION_MS = 15_000;

/** PodMetric is one pod's CPU sample. */
export interface PodMetric {
  readonly usageMilli: number;
  readonly timeMs: number;
}

/** podCpuUsage is what one ready pod of `w` uses at `rps` requests/second over `readyPods` pods. */
export function podCpuUsage(w: Workload, rps: number, readyPods: number): number {
  if (w.load === null) return 0;
  const share = readyPods > 0 ? rps / readyPods : 0;
  return Math.min(w.requests.cpuMilli, Math.round(w.load.baseCpuMilli + share * w.load.cpuPerRequestMilli));
}

/** MetricsServerOptions: the run's engine, the workloads, and `phaseMs` (0 … 15 s), which places the scrapes against the HPA's syncs (in a cluster it is arbitrary, so the run draws it). */
export interface MetricsServerOptions {
  readonly sim: Simulation;
  readonly workloads: readonly Workload[];
  readonly phaseMs: number;
}

/** MetricsServerLinks: a workload's pods not gone yet. */
export interface MetricsServerLinks {
  readonly podsOf: (workload: string) => readonly Pod[];
}

/** MetricsServer scrapes the pods of every workload with load or an HPA. */
export class MetricsServer {
  // A pod's sample lives on the pod (usage and the scrape it came from), not in a map rebuilt every
  // 15 s: with 10,000 pods and more, refilling a Map costs ~100× a field write. A sample from an
  // earlier scrape is no sample, as when metrics-server forgets a pod it no longer sees.
  private scrape = 0;
  private scrapeMs = 0;
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
        const scrape = ++this.scrape;
        this.scrapeMs = now;
        for (const w of this.o.workloads) {
          // A workload without load uses no CPU: scraped only when an HPA reads it (and scales it to its minimum).
          if (w.load === null && w.hpa === null) continue;
          const pods = this.links.podsOf(w.name);
          let ready = 0;
          for (const p of pods) if (p.ready && isActive(p)) ready++;
          const rps = w.load === null ? 0 : requestRate(w.load.profile, now);
          const readyUsage = podCpuUsage(w, rps, ready);
          // Running but not yet ready pods serve nothing and use their base CPU.
          const baseUsage = Math.min(w.requests.cpuMilli, w.load?.baseCpuMilli ?? 0);
          for (const p of pods) {
            if (p.phase !== 'Running') continue;
            p.metricUsageMilli = p.ready ? readyUsage : baseUsage;
            p.metricScrape = scrape;
          }
        }
      },
      { start: this.o.phaseMs },
    );
  }

  /** usage is a pod's CPU at the latest scrape, if that scrape saw it Running. */
  usage(pod: Pod): number | undefined {
    return pod.metricScrape === this.scrape && this.scrape > 0 ? pod.metricUsageMilli : undefined;
  }

  /** metric is a pod's latest sample, if the latest scrape saw it Running. */
  metric(pod: Pod): PodMetric | undefined {
    return pod.metricScrape === this.scrape && this.scrape > 0
      ? { usageMilli: pod.metricUsageMilli!, timeMs: this.scrapeMs }
      : undefined;
  }
}
