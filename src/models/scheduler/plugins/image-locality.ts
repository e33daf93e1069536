// ImageLocality's Score: a node that already has the pod's images scores by their size, each
// scaled by the share of nodes that have it (to keep pods from piling onto the first node that
// pulled an image), between 23 MiB (0) and 1,000 MiB a container (100). kubernetes/kubernetes
// pkg/scheduler/framework/plugins/imagelocality/image_locality.go (Score, calculatePriority,
// sumImageScores, scaledImageScore, normalizedImageName); a node's images are its
// status.images, as the snapshot's ImageStates hold them. No NormalizeScore.
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE, type PreparedScore } from './normalize-score.js';
import type { ClusterEntry } from './pod-topology-spread.js';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName is the CRI name of an image: ":latest" added when it names no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** scaledImageScore is an image's size scaled by the share of the cluster's nodes that have it. */
export function scaledImageScore(sizeBytes: number, numNodes: number, totalNumNodes: number): number {
  return Math.trunc(sizeBytes * (numNodes / totalNumNodes));
}

/** imageLocalityPriority is calculatePriority: the summed scaled sizes between the thresholds, as 0–100. */
export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = Math.min(maxThreshold, Math.max(MIN_THRESHOLD, sumScores));
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

// A node's images by normalized name, with their sizes (node.status.images).
function imagesOf(node: Node): Map<string, number> {
  const out = new Map<string, number>();
  for (const image of node.status?.images ?? [])
    for (const name of image.names ?? []) out.set(normalizedImageName(name), image.sizeBytes ?? 0);
  return out;
}

/** prepareImageLocalityScore scores the nodes to score for the pod's init and regular containers' images, counting holders over `cluster`. */
export function prepareImageLocalityScore(
  pod: Pod,
  nodes: readonly Node[],
  cluster: readonly ClusterEntry[],
): PreparedScore {
  const holders = new Map<string, number>();
  for (const { node } of cluster)
    for (const name of imagesOf(node).keys()) holders.set(name, (holders.get(name) ?? 0) + 1);
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const wanted = containers.map((c) => normalizedImageName(c.image ?? ''));
  return {
    score: (k) => {
      const have = imagesOf(nodes[k]!);
      let sum = 0;
      for (const name of wanted) {
        const size = have.get(name);
        if (size !== undefined) sum += scaledImageScore(size, holders.get(name) ?? 0, cluster.length);
      }
      return imageLocalityPriority(sum, containers.length);
    },
    normalize: () => {},
  };
}
