// What a node's kubelet does with a pod bound to it: make sure its image is on the node (pulled
// by ImagePulls, one pull a node and image however many pods wait on it), start the container,
// and mark the pod Ready after its readiness delay.
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStreams } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import type { ImagePulls } from './image-pulls.js';
import type { Pod } from './pod.js';
import { describeBreakdown, startupBreakdown } from './startup-breakdown.js';

/** Kubelets runs the start-up of every pod bound to a node. */
export class Kubelets {
  constructor(
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    private readonly log: EventLog,
    private readonly pulls: ImagePulls,
    private readonly onChange: (pod: Pod) => void,
    private readonly nodeDates: (node: ClusterNode) => { readonly requestedMs: number | null; readonly readyMs: number },
  ) {}

  /** start begins a bound pod's start-up: ContainerCreating until its image is there and the container started. */
  start(pod: Pod, node: ClusterNode): void {
    pod.phase = 'ContainerCreating';
    // Drawn at binding, so a pod's draws do not depend on how long its pull took.
    const start = sampleMilliseconds(pod.spec.containerStart, this.streams.stream(`container-start/${pod.workload}`));
    const ready = sampleMilliseconds(pod.spec.readinessDelay, this.streams.stream(`readiness/${pod.workload}`));
    this.pulls.ensure(node, pod.spec.image, pod.name, () => {
      if (pod.phase !== 'ContainerCreating') return; // deleted meanwhile
      pod.pulledMs = this.sim.now;
      this.sim.after(start, () => {
        if (pod.phase !== 'ContainerCreating') return;
        pod.phase = 'Running';
        pod.runningMs = this.sim.now;
        this.log.add('Pod', pod.name, 'Started', `Started container on ${node.name}`);
        this.onChange(pod);
        this.sim.after(ready, () => {
          if (pod.phase !== 'Running') return;
          pod.ready = true;
          pod.readyMs = this.sim.now;
          const dates = { createdMs: pod.createdMs, scheduledMs: pod.scheduledMs!, pulledMs: pod.pulledMs!, runningMs: pod.runningMs!, readyMs: pod.readyMs };
          const b = startupBreakdown(dates, this.nodeDates(node));
          this.log.add('Pod', pod.name, 'Ready', `Ready after ${(this.sim.now - pod.createdMs) / 1000} s: ${describeBreakdown(b)}`);
          this.onChange(pod);
        });
      });
    });
  }
}
