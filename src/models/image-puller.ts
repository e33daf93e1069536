// How a node gets an image: the kubelet's pullers, its registry QPS limit and image back-off
// (kubernetes/kubernetes pkg/kubelet/images/puller.go, helpers.go throttleImagePulling — TryAccept
// on models/token-bucket.ts: no token fails the pull at once, "pull QPS exceeded" —
// image_manager.go; pkg/kubelet/kubelet.go imageBackOffPeriod/MaxImageBackOff), containerd
// fetching a pull's layers three at a time (internal/cri/config: max_concurrent_downloads), the
// registry protocol's round trips (a manifest and a config fetch, then one GET per layer), and
// where a layer comes from: the registry, a mirror, or a peer holding the image (Spegel advertises
// an image's layers once the whole image is pulled, and proxies a request to one peer; with no
// peer, containerd falls back to the next host). Bandwidth is shared max-min fairly among the
// transfers crossing each link (a node's NIC/disk, the registry's or mirror's egress, a peer's uplink).
// Simplified: one pull per node and image (pods waiting for an image already being pulled wait for
// that pull, where the kubelet would issue a second request that the runtime answers from its cache).

/** MAX_CONCURRENT_DOWNLOADS is containerd's max_concurrent_downloads: layers of one pull fetched at once. */
export const MAX_CONCURRENT_DOWNLOADS = 3;
/** MANIFEST_ROUND_TRIPS: resolving the manifest and fetching the image config before any layer. */
export const MANIFEST_ROUND_TRIPS = 2;
/** PEER_LATENCY_MS: an in-cluster round trip plus Spegel's peer lookup (its resolve timeout is 20 ms). */
export const PEER_LATENCY_MS = 5;
/** IMAGE_BACKOFF_INITIAL_MS and IMAGE_BACKOFF_MAX_MS: kubelet's image pull back-off, 10 s doubling to 300 s. */
const IMAGE_BACKOFF_INITIAL_MS = 10_000;
const IMAGE_BACKOFF_MAX_MS = 300_000;

/** pullSlots is how many pulls a node's kubelet runs at once: one when serialized, else maxParallelImagePulls (unset: no limit). */
export function pullSlots(serialize: boolean, maxParallel: number): number {
  return serialize ? 1 : maxParallel >= 1 ? maxParallel : Infinity;
}

/** imagePullBackoffMs is the back-off after the n-th failed pull (n ≥ 1): 10 s, 20 s, 40 s … 300 s. */
export function imagePullBackoffMs(failures: number): number {
  return Math.min(IMAGE_BACKOFF_MAX_MS, IMAGE_BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1));
}

/** LayerSource is where a layer is fetched from. */
export type LayerSource =
  { readonly kind: 'peer'; readonly peer: string } | { readonly kind: 'mirror' } | { readonly kind: 'registry' };

/** Peer is a node that holds the image, with the uploads it is serving. */
export interface Peer {
  readonly name: string;
  readonly uploads: number;
}

/**
 * layerSource picks a layer's source: with peer-to-peer on, a peer holding the whole image (the
 * least busy one, then by name, standing in for the first the DHT resolves); else the mirror if
 * there is one; else the registry.
 */
export function layerSource(peerToPeer: boolean, holders: readonly Peer[], hasMirror: boolean): LayerSource {
  if (peerToPeer && holders.length > 0) {
    const best = [...holders].sort(
      (a, b) => a.uploads - b.uploads || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )[0]!;
    return { kind: 'peer', peer: best.name };
  }
  return hasMirror ? { kind: 'mirror' } : { kind: 'registry' };
}

/**
 * maxMinFairRates shares link capacities among flows max-min fairly (progressive filling): every
 * flow's rate grows together until a link it crosses is full or it reaches its own cap (`caps`,
 * default none); those stop; the rest go on. Each flow lists the links it crosses; capacities and
 * caps are in bytes a second.
 */
export function maxMinFairRates(
  flows: ReadonlyArray<readonly string[]>,
  capacity: ReadonlyMap<string, number>,
  caps?: readonly number[],
): number[] {
  // The links by number, in the order flows first cross them: what is left of each, and its
  // capacity (the measure of "full"). Arrays, not maps: the image network asks at every transfer's
  // start and end, over every transfer under way.
  const numbers = new Map<string, number>();
  const left: number[] = [];
  const capacityOf: number[] = [];
  const linksOf = flows.map((links) =>
    links.map((l) => {
      let k = numbers.get(l);
      if (k === undefined) {
        k = left.length;
        numbers.set(l, k);
        const c = capacity.get(l);
        left.push(c ?? 0);
        capacityOf.push(c ?? 1);
      }
      return k;
    }),
  );
  const rates = flows.map(() => 0);
  const cap = (i: number) => caps?.[i] ?? Infinity;
  const frozen = flows.map((links, i) => links.length === 0 && cap(i) === Infinity);
  const counts = new Int32Array(left.length);
  const isFull = new Uint8Array(left.length);
  for (let active = frozen.filter((f) => !f).length; active > 0;) {
    counts.fill(0);
    let share = Infinity;
    for (let i = 0; i < flows.length; i++) {
      if (frozen[i]) continue;
      for (const k of linksOf[i]!) counts[k]!++;
      share = Math.min(share, cap(i) - rates[i]!);
    }
    for (let k = 0; k < left.length; k++)
      if (counts[k]! > 0) share = Math.min(share, Math.max(0, left[k]!) / counts[k]!);
    for (let k = 0; k < left.length; k++) {
      if (counts[k] === 0) continue;
      left[k] = left[k]! - share * counts[k]!;
      isFull[k] = left[k]! <= 1e-9 * capacityOf[k]! ? 1 : 0;
    }
    for (let i = 0; i < flows.length; i++) {
      if (frozen[i]) continue;
      rates[i] = rates[i]! + share;
      if (linksOf[i]!.some((k) => isFull[k] === 1) || rates[i]! >= cap(i) * (1 - 1e-9)) {
        frozen[i] = true;
        active--;
      }
    }
  }
  return rates;
}
