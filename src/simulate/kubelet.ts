// What a node's kubelet does with a pod bound to it: pull its image unless the node has it (one
// pull a node and image, however many pods wait on it), start the container, and mark the pod
// Ready after its readiness delay. Simplified until the image-pull model: a pull takes the image's
// size over the node's bandwidth, with no registry limits or sharing.
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStreams } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import type { Pod } from './pod.js';

/** Kubelets runs the start-up of every pod bound to a node. */
export class Kubelets {
  // When each image is (or will be) present on each node.
  private readonly images = new Map<ClusterNode, Map<string, number>>();

  constructor(
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    private readonly log: EventLog,
    private readonly bandwidthOf: (node: ClusterNode) => number,
    private readonly onChange: (pod: Pod) => void,
  ) {}

  /** start begins a bound pod's start-up. */
  start(pod: Pod, node: ClusterNode): void {
    pod.phase = 'ContainerCreating';
    const pulled = this.imageReadyAt(pod, node);
    const started = pulled + sampleMilliseconds(pod.spec.containerStart, this.streams.stream(`container-start/${pod.workload}`));
    const ready = sampleMilliseconds(pod.spec.readinessDelay, this.streams.stream(`readiness/${pod.workload}`));
    this.sim.at(started, () => {
      if (pod.phase !== 'ContainerCreating') return; // deleted meanwhile
      pod.phase = 'Running';
      pod.runningMs = this.sim.now;
      this.log.add('Pod', pod.name, 'Started', `Started container on ${node.name}`);
      this.onChange(pod);
      this.sim.after(ready, () => {
        if (pod.phase !== 'Running') return;
        pod.ready = true;
        pod.readyMs = this.sim.now;
        this.log.add('Pod', pod.name, 'Ready', `Ready after ${(this.sim.now - pod.createdMs) / 1000} s`);
        this.onChange(pod);
      });
    });
  }

  /** forget drops a node's image cache when the node is gone. */
  forget(node: ClusterNode): void {
    this.images.delete(node);
  }

  private imageReadyAt(pod: Pod, node: ClusterNode): number {
    const image = pod.spec.image;
    if (image.sizeBytes === 0) return this.sim.now;
    let cache = this.images.get(node);
    if (cache === undefined) this.images.set(node, (cache = new Map()));
    const known = cache.get(image.name);
    if (known !== undefined) return Math.max(known, this.sim.now);
    const readyAt = this.sim.now + Math.round((image.sizeBytes / this.bandwidthOf(node)) * 1000);
    cache.set(image.name, readyAt);
    this.log.add('Pod', pod.name, 'Pulling', `Pulling image "${image.name}" on ${node.name}`);
    return readyAt;
  }
}
