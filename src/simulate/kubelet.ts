// What a node's kubelet does with a pod bound to it: make sure its image is on the node (pulled
// by ImagePulls, one pull a node and image however many pods wait on it), start the container,
// see it Ready after its readiness delay, and report each change through its API client
// (KubeletApi): the control plane, and so the HPA and the endpoints, sees the pod Ready only when
// the status update carrying it reaches the API server.
// Simplified: a kubelet that is down starts no new pod, but the runtime finishes what it had begun
// (pulls, container starts); readiness it saw before a restart holds after it.
import { crashLoopBackOff } from '../models/container-backoff.js';
import { podStartRequests, podTerminationRequests } from '../models/kubelet.js';
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStreams } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import type { ImagePulls } from './image-pulls.js';
import type { KubeletApi } from './kubelet-api.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';
import type { PodReadiness } from './pod-readiness.js';
import { describeBreakdown, startupBreakdown } from './startup-breakdown.js';

/** KubeletsOptions are what the kubelets are built from: the run's engine, random streams and log. */
export interface KubeletsOptions {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly log: EventLog;
}

/** KubeletLinks are what the kubelets use (their image pulls and API clients) and whom they tell. */
export interface KubeletLinks {
  readonly pulls: ImagePulls;
  readonly api: KubeletApi;
  /** readiness is told when a status update lands: the control plane then sees a pod Ready or not. */
  readonly readiness: PodReadiness;
  /** churn: a pod started or stopped on a node (for load-triggered crashes). */
  readonly churn: (node: ClusterNode) => void;
  /** runtimeGone: the node's VM is lost, and its container runtime with it. */
  readonly runtimeGone: (node: ClusterNode) => boolean;
  readonly nodeDates: (node: ClusterNode) => { readonly requestedMs: number | null; readonly readyMs: number };
}

/** Kubelets runs the start-up of every pod bound to a node. */
export class Kubelets {
  // Pods bound to a node while its kubelet was down: it starts them when it is back.
  private readonly parked = new Map<ClusterNode, Pod[]>();
  // When the kubelet last restarted each OOM-killed container (its CrashLoopBackOff counts from there).
  private readonly restartedMs = new WeakMap<Pod, number>();
  private readonly sim: Simulation;
  private readonly streams: RandomStreams;
  private readonly log: EventLog;
  private links: KubeletLinks = unconnected('Kubelets');

  constructor(o: KubeletsOptions) {
    this.sim = o.sim;
    this.streams = o.streams;
    this.log = o.log;
  }

  /** connect gives the kubelets their links. */
  connect(links: KubeletLinks): void {
    this.links = links;
  }

  /** start begins a bound pod's start-up: ContainerCreating until its image is there and the container started. */
  start(pod: Pod, node: ClusterNode): void {
    pod.phase = 'ContainerCreating';
    if (!this.links.api.isServing(node)) {
      const list = this.parked.get(node);
      if (list === undefined) this.parked.set(node, [pod]);
      else list.push(pod);
      return;
    }
    this.begin(pod, node);
  }

  /** resume is a kubelet back at work: it starts the pods bound meanwhile and re-syncs every status the control plane has wrong. */
  resume(node: ClusterNode, pods: readonly Pod[]): void {
    for (const p of pods) if (p.kubeletReady !== p.ready && p.phase === 'Running') this.report(p, node);
    const parked = this.parked.get(node) ?? [];
    this.parked.delete(node);
    for (const p of parked) if (p.phase === 'ContainerCreating') this.begin(p, node);
  }

  /** terminate is the kubelet stopping a deleted pod: its Killing event and final delete, when it is up. */
  terminate(pod: Pod, node: ClusterNode): void {
    this.links.api.syncPodStatus(
      node,
      pod,
      () => null,
      () => {},
    ); // the terminated containers' status
    this.links.api.send(node, podTerminationRequests());
    this.links.churn(node);
  }

  /** forget drops a removed node's parked pods. */
  forget(node: ClusterNode): void {
    this.parked.delete(node);
  }

  private begin(pod: Pod, node: ClusterNode): void {
    this.links.churn(node);
    // Drawn when the kubelet takes the pod, so a pod's draws do not depend on how long its pull took.
    const start = sampleMilliseconds(pod.spec.containerStart, this.streams.stream(`container-start/${pod.workload}`));
    const ready = sampleMilliseconds(pod.spec.readinessDelay, this.streams.stream(`readiness/${pod.workload}`));
    const began = this.sim.now;
    const gone = () => this.links.runtimeGone(node);
    this.report(pod, node); // accepted: Pending, ContainerCreating
    this.links.pulls.ensure(node, pod.spec.image, pod.name, () => {
      if (pod.phase !== 'ContainerCreating' || gone()) return; // deleted meanwhile, or its VM lost
      pod.pulledMs = this.sim.now;
      this.links.api.send(node, podStartRequests(pod.pulledMs > began));
      this.sim.after(start, () => {
        if (pod.phase !== 'ContainerCreating' || gone()) return;
        pod.phase = 'Running';
        pod.runningMs = this.sim.now;
        pod.containerStartedMs = this.sim.now;
        this.log.add('Pod', pod.name, 'Started', `Started container on ${node.name}`);
        this.report(pod, node);
        this.readyAfter(pod, node, ready);
      });
    });
  }

  /**
   * oomKilled: the kernel killed a pod's container, its working set past its memory limit. The pod
   * is not Ready from now; the kubelet restarts the container after its CrashLoopBackOff
   * (models/container-backoff.ts), and it is Ready again after its start and readiness delay.
   * Simplified: the restart does not wait for a kubelet that is down.
   */
  oomKilled(pod: Pod, node: ClusterNode): void {
    const now = this.sim.now;
    const ran = now - (this.restartedMs.get(pod) ?? pod.containerStartedMs ?? now);
    const { delayMs, backoffMs } = crashLoopBackOff(pod.backoffMs, ran);
    pod.backoffMs = backoffMs;
    pod.containerStartedMs = undefined;
    pod.kubeletReady = false;
    this.log.add(
      'Pod',
      pod.name,
      'OOMKilled',
      `Container OOMKilled on ${node.name}: its working set passed its memory limit; restart in ${delayMs / 1000} s`,
    );
    this.report(pod, node);
    this.sim.after(delayMs, () => {
      if (pod.phase !== 'Running' || pod.node !== node || this.links.runtimeGone(node)) return;
      this.restartedMs.set(pod, this.sim.now);
      const start = sampleMilliseconds(pod.spec.containerStart, this.streams.stream(`container-start/${pod.workload}`));
      const ready = sampleMilliseconds(pod.spec.readinessDelay, this.streams.stream(`readiness/${pod.workload}`));
      this.sim.after(start, () => {
        if (pod.phase !== 'Running' || this.links.runtimeGone(node)) return;
        pod.restarts++;
        pod.containerStartedMs = this.sim.now;
        this.log.add('Pod', pod.name, 'Started', `Restarted container on ${node.name} (restart ${pod.restarts})`);
        this.readyAfter(pod, node, ready);
      });
    });
  }

  // The container passes its readiness probe `ready` ms after it started, if it still runs.
  private readyAfter(pod: Pod, node: ClusterNode, ready: number): void {
    const started = pod.containerStartedMs;
    this.sim.after(ready, () => {
      if (pod.phase !== 'Running' || pod.containerStartedMs !== started || this.links.runtimeGone(node)) return;
      pod.kubeletReady = true;
      pod.kubeletReadyMs ??= this.sim.now;
      this.report(pod, node);
    });
  }

  // A status sync; when it lands, the control plane sees the readiness the kubelet had when it went.
  private report(pod: Pod, node: ClusterNode): void {
    this.links.api.syncPodStatus(
      node,
      pod,
      () => pod.kubeletReady,
      (ready) => {
        // (A status that went before the kubelet lost the pod's readiness, its VM gone, no longer holds.)
        if (pod.phase !== 'Running' || pod.ready === ready || pod.node !== node || (ready && !pod.kubeletReady)) return;
        if (ready && pod.readyMs === undefined) {
          pod.readyMs = this.sim.now;
          const dates = {
            createdMs: pod.createdMs,
            scheduledMs: pod.scheduledMs!,
            pulledMs: pod.pulledMs!,
            runningMs: pod.runningMs!,
            kubeletReadyMs: pod.kubeletReadyMs!,
            readyMs: pod.readyMs,
          };
          const b = startupBreakdown(dates, this.links.nodeDates(node));
          this.log.add(
            'Pod',
            pod.name,
            'Ready',
            `Ready after ${(this.sim.now - pod.createdMs) / 1000} s: ${describeBreakdown(b)}`,
          );
        } else if (ready) {
          this.log.add('Pod', pod.name, 'Ready', `Ready again: the kubelet on ${node.name} reported it`);
        }
        this.links.readiness.reported(pod, ready);
      },
    );
  }
}
