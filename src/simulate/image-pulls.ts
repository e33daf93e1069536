// Every node's image cache and pulls, over one shared network: the decisions are
// models/image-puller.ts's; this keeps the queues, caches and counters, and reports to the log.
import {
  imagePullBackoffMs,
  layerSource,
  MANIFEST_ROUND_TRIPS,
  MAX_CONCURRENT_DOWNLOADS,
  PEER_LATENCY_MS,
  pullSlots,
} from '../models/image-puller.js';
import { fullBucket, tryAccept, type TokenBucket } from '../models/token-bucket.js';
import type { EventHandle, Simulation } from '../sim/simulation.js';
import type { Image, ImagePullSettings } from '../scenario/model.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { FluidNetwork } from './fluid-network.js';

/** ImageStats are summary.json's `images` block, with the bytes by source. */
export interface ImageStats {
  pulls: number;
  bytesPulled: number;
  bytesBySource: { registry: number; mirror: number; peers: number };
  failedPulls: number;
  /** pullMs are the completed pulls' durations, from the pull's start to the image present. */
  readonly pullMs: number[];
}

interface Pull {
  readonly node: ClusterNode;
  readonly image: Image;
  readonly waiters: Array<{ pod: string; then: () => void }>;
  failures: number;
  startedMs?: number;
  queuedMs: number;
  readonly cancels: Set<() => void>;
}

interface NodeState {
  readonly settings: ImagePullSettings;
  readonly images: Set<string>;
  /** layers on the node's disk, by id: a pull fetches only the layers it lacks. */
  readonly layers: Set<string>;
  readonly pulls: Map<string, Pull>;
  readonly queue: Pull[];
  running: number;
  bucket: TokenBucket;
  gone: boolean;
}

/** ImagePulls runs the pulls of every node of a design. */
export class ImagePulls {
  readonly stats: ImageStats = {
    pulls: 0,
    bytesPulled: 0,
    bytesBySource: { registry: 0, mirror: 0, peers: 0 },
    failedPulls: 0,
    pullMs: [],
  };
  /** bytesByNode is the bytes each node received, by node name: a second tally of `stats.bytesPulled`, for the invariant checks. */
  readonly bytesByNode = new Map<string, number>();
  // The bytes pulled of each image, by name (a rollout's image counts its own).
  private readonly bytesByImage = new Map<string, number>();
  // How many nodes hold each image, by name (what node status reports to the scheduler's ImageLocality).
  private readonly nodesHolding = new Map<string, number>();
  private readonly network: FluidNetwork;
  private readonly nodes = new Map<ClusterNode, NodeState>();
  // Each node's images by its index, for the scheduler's ImageLocality (an array read, not a Map's).
  private readonly imagesByIndex: Array<ReadonlySet<string> | undefined> = [];
  // Each image's holders by node index, for scoring ImageLocality over hundreds of nodes a pod.
  private readonly holderFlags = new Map<string, Uint8Array>();
  // Each node's bandwidth, by name, for the peers that fetch from it.
  private readonly uplinks = new Map<string, number>();
  // The layers each node is serving to peers, from the moment a peer chose it.
  private readonly serving = new Map<string, Set<() => void>>();

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
  ) {
    this.network = new FluidNetwork(sim);
  }

  /** inFlight counts the pulls under way (started, not queued or backing off). */
  get inFlight(): number {
    let n = 0;
    for (const s of this.nodes.values()) n += s.running;
    return n;
  }

  /** addNode gives a node its cache, holding the images baked into its node image. */
  addNode(node: ClusterNode, settings: ImagePullSettings): void {
    this.uplinks.set(node.name, settings.nodeBandwidth);
    const images = new Set(settings.prePulled);
    for (const name of images) this.hold(name, node, 1);
    this.imagesByIndex[node.index] = images;
    this.nodes.set(node, {
      settings,
      images,
      layers: new Set(),
      pulls: new Map(),
      queue: [],
      running: 0,
      bucket: fullBucket(settings.registryBurst, this.sim.now),
      gone: false,
    });
  }

  /** imagesAt is the images the node of index `index` (the cluster's) holds, baked in or pulled, by name; undefined for a node without a cache. */
  imagesAt(index: number): ReadonlySet<string> | undefined {
    return this.imagesByIndex[index];
  }

  /** holdersOf flags, by node index, the nodes holding an image (1: holds it; undefined: none ever did). */
  holdersOf(name: string): Uint8Array | undefined {
    return this.holderFlags.get(name);
  }

  /** nodesWith counts the nodes holding an image. */
  nodesWith(name: string): number {
    return this.nodesHolding.get(name) ?? 0;
  }

  private hold(name: string, node: ClusterNode, by: 1 | -1): void {
    const n = (this.nodesHolding.get(name) ?? 0) + by;
    if (n === 0) this.nodesHolding.delete(name);
    else this.nodesHolding.set(name, n);
    let holders = this.holderFlags.get(name);
    if (holders === undefined || node.index >= holders.length) {
      const longer = new Uint8Array(Math.max(64, 2 * node.index + 1));
      if (holders !== undefined) longer.set(holders);
      this.holderFlags.set(name, (holders = longer));
    }
    holders[node.index] = by > 0 ? 1 : 0;
  }

  /** bytesOfImage is what has been pulled of an image so far, all nodes together. */
  bytesOfImage(name: string): number {
    return this.bytesByImage.get(name) ?? 0;
  }

  /** cache puts an image in a node's cache without a pull (a node that ran it before the run began). */
  cache(node: ClusterNode, image: Image): void {
    const s = this.nodes.get(node)!;
    if (!s.images.has(image.name)) this.hold(image.name, node, 1);
    s.images.add(image.name);
    for (const id of image.layerIds) s.layers.add(id);
  }

  /** removeNode drops a node's cache and stops its pulls. */
  removeNode(node: ClusterNode): void {
    const s = this.nodes.get(node);
    if (s === undefined) return;
    s.gone = true;
    this.imagesByIndex[node.index] = undefined;
    for (const name of s.images) this.hold(name, node, -1);
    this.uplinks.delete(node.name);
    for (const pull of s.pulls.values()) for (const cancel of [...pull.cancels]) cancel();
    this.nodes.delete(node);
    // Peers fetching layers from it start those layers over from another source.
    const served = this.serving.get(node.name);
    this.serving.delete(node.name);
    for (const reroute of [...(served ?? [])]) reroute();
  }

  /** ensure calls `then` once the node has the image: at once if cached, else when its pull ends. */
  ensure(node: ClusterNode, image: Image, pod: string, then: () => void): void {
    const s = this.nodes.get(node)!;
    if (image.sizeBytes === 0 || s.images.has(image.name)) {
      this.log.add('Pod', pod, 'Pulled', `Container image "${image.name}" already present on machine`);
      then();
      return;
    }
    const known = s.pulls.get(image.name);
    if (known !== undefined) {
      known.waiters.push({ pod, then });
      return;
    }
    const pull: Pull = {
      node,
      image,
      waiters: [{ pod, then }],
      failures: 0,
      queuedMs: this.sim.now,
      cancels: new Set(),
    };
    s.pulls.set(image.name, pull);
    s.queue.push(pull);
    this.startQueued(s);
  }

  private startQueued(s: NodeState): void {
    const slots = pullSlots(s.settings.serialize, s.settings.maxParallel);
    while (s.running < slots && s.queue.length > 0) {
      const pull = s.queue.shift()!;
      const pod = pull.waiters[0]!.pod;
      const { accepted, bucket } = tryAccept(s.bucket, this.sim.now, s.settings.registryQPS, s.settings.registryBurst);
      s.bucket = bucket;
      if (!accepted) {
        pull.failures++;
        this.stats.failedPulls++;
        const wait = imagePullBackoffMs(pull.failures);
        this.log.add('Pod', pod, 'Failed', `Failed to pull image "${pull.image.name}": pull QPS exceeded`);
        this.log.add('Pod', pod, 'BackOff', `Back-off pulling image "${pull.image.name}" (${wait / 1000} s)`);
        this.sim.after(wait, () => {
          if (s.gone) return;
          s.queue.push(pull);
          this.startQueued(s);
        });
        continue;
      }
      s.running++;
      pull.startedMs = this.sim.now;
      this.log.add('Pod', pod, 'Pulling', `Pulling image "${pull.image.name}" on ${pull.node.name}`);
      this.fetch(s, pull);
    }
  }

  // The manifest and config first, then the layers, MAX_CONCURRENT_DOWNLOADS at a time, each a
  // round trip to its source and then its bytes. A layer coming from a peer that goes away starts
  // over from another source.
  private fetch(s: NodeState, pull: Pull): void {
    // The layers the node lacks (a new tag on a base it has shares the base's layers).
    const image = pull.image;
    const layers = image.layerBytes.filter((_, i) => !s.layers.has(image.layerIds[i]!));
    const upstream = s.settings.mirror ?? s.settings.registry;
    let next = 0;
    let left = layers.length;
    const fetchLayer = (bytes: number) => {
      const source = layerSource(s.settings.peerToPeer, this.holders(pull), s.settings.mirror !== null);
      const latency = source.kind === 'peer' ? PEER_LATENCY_MS : upstream.latencyMs;
      const links: Array<readonly [string, number]> = [[`node/${pull.node.name}/down`, s.settings.nodeBandwidth]];
      let stop = () => {};
      let release = () => {};
      if (source.kind === 'peer') {
        links.push([`node/${source.peer}/up`, this.uplinks.get(source.peer)!]);
        const served = this.servedBy(source.peer);
        const reroute = () => {
          release();
          stop();
          fetchLayer(bytes);
        };
        served.add(reroute);
        release = () => {
          served.delete(reroute);
          pull.cancels.delete(release);
          release = () => {};
        };
        pull.cancels.add(release);
      } else links.push([`${source.kind}@${upstream.latencyMs}/${upstream.bandwidth}`, upstream.bandwidth]);
      stop = this.later(s, pull, latency, () => {
        // A layer is decompressed as it streams in, on one core: no faster than the unpack rate.
        const cancel = this.network.start(
          bytes,
          links,
          () => {
            pull.cancels.delete(cancel);
            release();
            this.stats.bytesPulled += bytes;
            this.stats.bytesBySource[source.kind === 'peer' ? 'peers' : source.kind] += bytes;
            this.bytesByNode.set(pull.node.name, (this.bytesByNode.get(pull.node.name) ?? 0) + bytes);
            this.bytesByImage.set(pull.image.name, this.bytesOfImage(pull.image.name) + bytes);
            left--;
            if (next < layers.length) fetchLayer(layers[next++]!);
            else if (left === 0) this.done(s, pull);
          },
          s.settings.unpackRate,
        );
        pull.cancels.add(cancel);
        stop = () => {
          pull.cancels.delete(cancel);
          cancel();
        };
      });
    };
    this.later(s, pull, MANIFEST_ROUND_TRIPS * upstream.latencyMs, () => {
      if (layers.length === 0) return this.done(s, pull); // every layer already on the node
      while (next < Math.min(MAX_CONCURRENT_DOWNLOADS, layers.length)) fetchLayer(layers[next++]!);
    });
  }

  // The layer fetches a node serves to peers, each able to start over elsewhere.
  private servedBy(peer: string): Set<() => void> {
    let set = this.serving.get(peer);
    if (set === undefined) this.serving.set(peer, (set = new Set()));
    return set;
  }

  // A step after a round trip, unless the node is gone by then; it returns the step's cancel.
  private later(s: NodeState, pull: Pull, ms: number, step: () => void): () => void {
    let handle: EventHandle | null = null;
    const cancel = () => {
      pull.cancels.delete(cancel);
      if (handle !== null) this.sim.cancel(handle);
    };
    handle = this.sim.after(ms, () => {
      pull.cancels.delete(cancel);
      step();
    });
    pull.cancels.add(cancel);
    if (s.gone) cancel();
    return cancel;
  }

  private done(s: NodeState, pull: Pull): void {
    const took = this.sim.now - pull.startedMs!;
    s.running--;
    s.pulls.delete(pull.image.name);
    if (!s.images.has(pull.image.name)) this.hold(pull.image.name, pull.node, 1);
    s.images.add(pull.image.name);
    for (const id of pull.image.layerIds) s.layers.add(id);
    this.stats.pulls++;
    this.stats.pullMs.push(took);
    this.log.add(
      'Pod',
      pull.waiters[0]!.pod,
      'Pulled',
      `Successfully pulled image "${pull.image.name}" in ${took / 1000}s (${(this.sim.now - pull.queuedMs) / 1000}s including waiting). Image size: ${pull.image.sizeBytes} bytes.`,
    );
    for (const w of pull.waiters) w.then();
    this.startQueued(s);
  }

  // Nodes holding the whole image that serve peers, with the uploads they are serving.
  private holders(pull: Pull): Array<{ name: string; uploads: number }> {
    const out: Array<{ name: string; uploads: number }> = [];
    for (const [node, s] of this.nodes) {
      if (node === pull.node || !s.settings.peerToPeer || !s.images.has(pull.image.name)) continue;
      out.push({ name: node.name, uploads: this.serving.get(node.name)?.size ?? 0 });
    }
    return out;
  }
}
