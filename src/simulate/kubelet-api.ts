// Each node's kubelet as an API client (models/kubelet.ts): its limiters, the requests waiting for
// a token, its pod status syncs (one at a time per pod, carrying the latest status when it goes),
// and its steady streams while it serves. A kubelet that dies loses what was still waiting.
import {
  podStatusSyncRequests,
  ticksWithin,
  type ApiRequest,
  type ApiRequestKind,
  type KubeletClient,
  type SteadyStream,
} from '../models/kubelet.js';
import { fullBucket, reserveToken, type TokenBucket } from '../models/token-bucket.js';
import type { Simulation } from '../sim/simulation.js';
import type { ApiTraffic } from './api-traffic.js';
import type { ClusterNode } from './cluster.js';
import { unconnected } from './links.js';

/** ClientLimits are a kubelet's kubeAPIQPS/kubeAPIBurst and eventRecordQPS/eventBurst. */
export interface ClientLimits {
  readonly apiQPS: number;
  readonly apiBurst: number;
  readonly eventQPS: number;
  readonly eventBurst: number;
}

interface Waiting {
  readonly request: ApiRequest;
  readonly admitMs: number;
  readonly waited: boolean;
}

interface Client {
  readonly limits: ClientLimits;
  serving: boolean;
  servingSinceMs: number;
  /** beforeRunMs: how long it had served when the run began (a steady start); those requests are not the run's. */
  beforeRunMs: number;
  /** downSinceMs: when a kubelet that had served stopped; null while it serves (or before it first did). */
  downSinceMs: number | null;
  /** epoch changes whenever the kubelet stops: what an earlier process scheduled is dropped. */
  epoch: number;
  buckets: Record<Exclude<KubeletClient, 'heartbeat'>, TokenBucket>;
  waiting: Waiting[];
  readonly syncing: Set<object>;
}

/** KubeletApiLinks: who hears a kubelet's main queue length after each request it queues (for load-triggered crashes). */
export interface KubeletApiLinks {
  readonly queued: (node: ClusterNode, waiting: number) => void;
}

/** KubeletApi sends the kubelets' requests through their limiters to ApiTraffic. */
export class KubeletApi {
  /** downMs sums the time kubelets that had served were not serving (closed spans; `finish` closes the rest). */
  downMs = 0;
  private readonly clients = new Map<ClusterNode, Client>();

  private links: KubeletApiLinks = unconnected('KubeletApi');

  /** `streams` are the steady requests every serving kubelet makes (leases, status reports). */
  constructor(
    private readonly sim: Simulation,
    private readonly traffic: ApiTraffic,
    private readonly streams: readonly SteadyStream[],
  ) {}

  /** connect gives the clients their links. */
  connect(links: KubeletApiLinks): void {
    this.links = links;
  }

  /** add gives a registered node its (not yet serving) kubelet client. */
  add(node: ClusterNode, limits: ClientLimits): void {
    this.clients.set(node, {
      limits,
      serving: false,
      servingSinceMs: 0,
      beforeRunMs: 0,
      downSinceMs: null,
      epoch: 0,
      buckets: { main: fullBucket(limits.apiBurst, this.sim.now), events: fullBucket(limits.eventBurst, this.sim.now) },
      waiting: [],
      syncing: new Set(),
    });
  }

  /**
   * serve marks the kubelet up: its steady streams start, and `requests` (its start-up's) are sent.
   * `sinceMs` before now is a kubelet already serving when the run began (a steady start): its lease
   * renewals keep the phase they had.
   */
  serve(node: ClusterNode, requests: readonly ApiRequest[], sinceMs = this.sim.now): void {
    const c = this.clients.get(node)!;
    if (c.serving) return;
    c.serving = true;
    c.servingSinceMs = sinceMs;
    c.beforeRunMs = this.sim.now - sinceMs;
    if (c.downSinceMs !== null) this.downMs += this.sim.now - c.downSinceMs;
    c.downSinceMs = null;
    this.traffic.steady(this.streams, 1, this.sim.now);
    this.send(node, requests);
  }

  /** stop marks the kubelet down (crashed, or its node gone): its streams stop and its waiting requests are lost. */
  stop(node: ClusterNode): void {
    const c = this.clients.get(node);
    if (c === undefined || !c.serving) return;
    const now = this.sim.now;
    c.serving = false;
    c.downSinceMs = now;
    c.epoch++;
    this.traffic.steady(this.streams, -1, now, now - c.servingSinceMs, c.beforeRunMs);
    c.beforeRunMs = 0;
    for (const w of c.waiting) if (w.admitMs > now) this.traffic.unrecord(w.request, w.admitMs, w.waited);
    c.waiting = [];
    c.syncing.clear();
    // A new process starts with full buckets.
    c.buckets = { main: fullBucket(c.limits.apiBurst, now), events: fullBucket(c.limits.eventBurst, now) };
  }

  /** remove forgets a node's client (stopping it first). */
  remove(node: ClusterNode): void {
    this.stop(node);
    this.closeDown(node);
    this.clients.delete(node);
  }

  /** finish counts the steady requests of the kubelets still serving at the end of the run, and the time the others were down. */
  finish(): void {
    for (const node of this.clients.keys()) {
      if (this.clients.get(node)!.serving) this.stop(node);
      else this.closeDown(node);
    }
  }

  /** soFar is what the kubelets did up to now: requests by kind (the steady ones of serving kubelets counted to now) and the time down, open spans included. */
  soFar(): { requests: Record<ApiRequestKind, number>; downMs: number } {
    const requests = { ...this.traffic.totals };
    const now = this.sim.now;
    let downMs = this.downMs;
    for (const c of this.clients.values()) {
      if (c.downSinceMs !== null) downMs += now - c.downSinceMs;
      if (!c.serving) continue;
      for (const s of this.streams)
        requests[s.request.kind] += ticksWithin(s, now - c.servingSinceMs) - ticksWithin(s, c.beforeRunMs);
    }
    return { requests, downMs };
  }

  private closeDown(node: ClusterNode): void {
    const c = this.clients.get(node);
    if (c?.downSinceMs === null || c === undefined) return;
    this.downMs += this.sim.now - c.downSinceMs;
    c.downSinceMs = null;
  }

  /** isServing says whether the node's kubelet is up and talking to the API server. */
  isServing(node: ClusterNode): boolean {
    return this.clients.get(node)?.serving === true;
  }

  /** servingSinceMs is when the node's kubelet last started serving. */
  servingSinceMs(node: ClusterNode): number {
    return this.clients.get(node)!.servingSinceMs;
  }

  /** send queues requests on their clients; nothing is sent by a kubelet that is down. Returns when the last one goes. */
  send(node: ClusterNode, requests: readonly ApiRequest[]): number {
    const c = this.clients.get(node);
    const now = this.sim.now;
    if (c === undefined || !c.serving) return now;
    let last = now;
    for (const request of requests) {
      let admitMs = now;
      if (request.client !== 'heartbeat') {
        const [qps, burst] =
          request.client === 'main' ? [c.limits.apiQPS, c.limits.apiBurst] : [c.limits.eventQPS, c.limits.eventBurst];
        const r = reserveToken(c.buckets[request.client], now, qps, burst);
        c.buckets[request.client] = r.bucket;
        admitMs = r.admitMs;
      }
      const waited = admitMs > now;
      this.traffic.record(request, admitMs, waited);
      if (waited) c.waiting.push({ request, admitMs, waited });
      last = Math.max(last, admitMs);
    }
    if (c.waiting.length > 0) {
      c.waiting = c.waiting.filter((w) => w.admitMs > now);
      this.links.queued(node, c.waiting.filter((w) => w.request.client === 'main').length);
    }
    return last;
  }

  /**
   * syncPodStatus sends a pod's status (syncPod: a GET, then a PATCH). While one is waiting, a new
   * change rides along: `read` takes the status when the PATCH goes, and `deliver` gets it once the
   * API server has it. A kubelet that is down sends nothing; it re-syncs when it is back.
   */
  syncPodStatus<T>(node: ClusterNode, pod: object, read: () => T, deliver: (status: T) => void): void {
    const c = this.clients.get(node);
    if (c === undefined || !c.serving || c.syncing.has(pod)) return;
    c.syncing.add(pod);
    const epoch = c.epoch;
    const at = this.send(node, podStatusSyncRequests());
    this.sim.at(at, () => {
      if (c.epoch !== epoch) return; // the kubelet died before the PATCH went
      c.syncing.delete(pod);
      const status = read();
      this.sim.after(Math.ceil(this.traffic.latencyAt(this.sim.now, 'write')), () => deliver(status));
    });
  }
}
