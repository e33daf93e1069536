import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign>;
const pulled = (r: Run, beforeMs = Infinity) =>
  r.events.filter((e) => e.reason === 'Pulled' && e.message.startsWith('Successfully') && e.timeMs < beforeMs);
const pullSeconds = (message: string) => Number(message.match(/ in ([\d.]+)s/)![1]);

// docs/model.md#image-pulls: a 1 GB image (775 MB base) for 13 replicas, through a registry 250 MB/s away.
describe('image-pull.yaml', () => {
  const scenario = loadScenario('scenarios/image-pull.yaml').scenario!;
  const runs = new Map(scenario.designs.map((d) => [d.name, runDesign(scenario, d)]));
  const run = (name: string) => runs.get(name)!;
  const rollout = 15 * 60_000; // the first 13 replicas, before the scale-out to 20

  it('pulls the image once on the big node and thirteen times on the small ones: 1 GB against 13 GB', () => {
    expect(pulled(run('big'), rollout)).toHaveLength(1);
    expect(pulled(run('small'), rollout)).toHaveLength(13);
    expect(run('big').images).toMatchObject({ pulls: 2, bytesPulled: 2e9 }); // and once more on the node added for 20
    expect(run('small').images).toMatchObject({
      pulls: 20,
      bytesPulled: 20e9,
      bytesBySource: { registry: 20e9, mirror: 0, peers: 0 },
    });
  });

  it('times a pull as round trips plus bytes over the narrowest share: the NIC and the unpack rate, or the registry shared by 13', () => {
    // Two round trips for the manifest and config, one per layer (three layers at once), 100 ms each.
    // The big node: 775, 150 and 50 MB share the 125 MB/s NIC from 0.3 s; 50 MB is in at 1.5 s; the
    // 25 MB layer joins at 1.6 s and is in at 2.2 s; 150 MB at 3.3 s; the last 625 MB of the base
    // layer alone, no faster than it is decompressed (88 MB/s).
    expect(pullSeconds(pulled(run('big'), rollout)[0]!.message)).toBeCloseTo(0.3 + 1.2 + 0.1 + 0.6 + 1.1 + 625 / 88, 2);
    for (const e of pulled(run('small'), rollout))
      expect(pullSeconds(e.message)).toBeCloseTo(0.3 + (13 * 1e9) / 250e6, 2);
  });

  it('with a mirror in the cluster, pulls as fast as the node takes them, and nothing from the registry', () => {
    const m = run('small-mirror');
    expect(m.images.bytesBySource).toEqual({ registry: 0, mirror: 20e9, peers: 0 });
    // As the big node's pull, with 5 ms round trips: the base layer's last 625 MB at the unpack rate.
    for (const e of pulled(m))
      expect(pullSeconds(e.message)).toBeCloseTo(0.015 + 1.2 + 0.005 + 0.6 + 1.195 + 625 / 88, 2);
  });

  it('peer to peer: no gain on the first rollout; the nodes added later pull from peers, faster', () => {
    const p2p = run('small-p2p');
    const small = run('small');
    expect(pulled(p2p, rollout).map((e) => e.message)).toEqual(pulled(small, rollout).map((e) => e.message));
    expect(p2p.images.bytesBySource).toEqual({ registry: 13e9, mirror: 0, peers: 7e9 });
    const later = (r: Run) =>
      pulled(r)
        .filter((e) => e.timeMs > rollout)
        .map((e) => pullSeconds(e.message));
    expect(later(p2p)).toHaveLength(7);
    expect(Math.max(...later(p2p))).toBeLessThan(Math.min(...later(small)));
  });

  it('shows pods waiting for their image as ContainerCreating, and the pulls in flight', () => {
    const row = run('small').timeline.find((r) => r.time_s === 70)!;
    expect(row).toMatchObject({ container_creating_pods: 13, image_pulls_in_flight: 13, ready_pods: 0 });
  });
});

const node = (imagePull: string, images: string[]) =>
  loadScenarioText(
    'pulls.yaml',
    `name: pulls
duration: 10m
start: cold
workloads:
${images
  .map(
    (img, i) => `  w${i}:
    replicas: 1
    requests: { cpu: 10m, memory: 16Mi }
    image: { name: ${img}, size: 100M }
    containerStart: 0s
    readinessDelay: 0s`,
  )
  .join('\n')}
defaults:
  imagePull: { bandwidth: 100M/s, ${imagePull.includes('unpackRate') ? '' : 'unpackRate: 1G/s,'} registry: { latency: 0s, bandwidth: 10G/s } ${imagePull} }
designs:
  d: { pools: { main: { instanceType: e2-standard-4, initial: 1, min: 1 } } }
`,
  );

describe('a node pulling several images', () => {
  const run = (imagePull: string, count: number) => {
    const s = node(
      imagePull,
      Array.from({ length: count }, (_, i) => `img${i}`),
    ).scenario!;
    return runDesign(s, s.designs[0]!);
  };

  it('pulls one image at a time by default (serializeImagePulls: true)', () => {
    const r = run('', 2);
    expect(pulled(r).map((e) => e.timeMs)).toEqual([1_000, 2_000]);
  });

  it('pulls in parallel, sharing the bandwidth, when not serialized', () => {
    expect(pulled(run(', serialize: false', 2)).map((e) => e.timeMs)).toEqual([2_000, 2_000]);
    // maxParallelImagePulls 2: the third waits for a slot.
    expect(pulled(run(', serialize: false, maxParallel: 2', 3)).map((e) => e.timeMs)).toEqual([2_000, 2_000, 3_000]);
  });

  it('fails the pulls beyond the registry burst at once ("pull QPS exceeded") and retries them after the back-off', () => {
    const r = run(', serialize: false', 12);
    const failed = r.events.filter((e) => e.reason === 'Failed');
    expect(failed.map((e) => [e.timeMs, e.message])).toEqual([
      [0, 'Failed to pull image "img10": pull QPS exceeded'],
      [0, 'Failed to pull image "img11": pull QPS exceeded'],
    ]);
    expect(r.images).toMatchObject({ pulls: 12, failedPulls: 2 });
    // The first ten share the node's 100 MB/s (10 s); the two retried after the 10 s back-off then share it (2 s).
    expect(pulled(r).map((e) => e.timeMs)).toEqual([...Array(10).fill(10_000), 12_000, 12_000]);
  });

  it('decompresses each layer as it streams in, no faster than the unpack rate (containerd/containerd#13559)', () => {
    // One 100 MB layer at 40 MB/s: 2.5 s, though the NIC takes 100 MB/s.
    expect(pulled(run(', unpackRate: 40M/s', 1)).map((e) => e.timeMs)).toEqual([2_500]);
    // Two pulls at once share the NIC at 50 MB/s each: the unpack rate of 60 MB/s does not bind.
    expect(pulled(run(', unpackRate: 60M/s, serialize: false', 2)).map((e) => e.timeMs)).toEqual([2_000, 2_000]);
  });

  it('does not pull an image baked into the node image', () => {
    const r = run(', prePulled: [img0]', 1);
    expect(r.images.pulls).toBe(0);
    expect(r.events.filter((e) => e.reason === 'Pulled').map((e) => e.message)).toEqual([
      'Container image "img0" already present on machine',
    ]);
  });
});

describe('a peer that goes away mid-transfer', () => {
  it('leaves its layers to start over from the registry', () => {
    // large-0 pulls from the small nodes (peer to peer) at 1 MB/s; the autoscaler removes them meanwhile.
    const s = loadScenarioText(
      'p2p.yaml',
      `name: p2p
duration: 60m
start: cold
workloads:
  small:
    replicas: 2
    requests: { cpu: 300m, memory: 1Gi }
    image: { name: x:1, size: 2G }
    scale: [{ at: 1m, replicas: 1 }]
  big:
    replicas: 0
    requests: { cpu: "3", memory: 1Gi }
    image: { name: x:1, size: 2G }
    scale: [{ at: 2m, replicas: 1 }]
defaults: { reservation: gke, provisioning: 60s, nodeStartup: 10s, imagePull: { peerToPeer: true } }
designs:
  a:
    pools:
      tiny: { instanceType: { cpu: 1, memory: 4Gi, pricePerHour: 1 }, min: 0, initial: 2, max: 5 }
      large: { instanceType: { cpu: 4, memory: 16Gi, pricePerHour: 1 }, min: 0, max: 5, imagePull: { peerToPeer: true, bandwidth: 1M/s } }
`,
    ).scenario!;
    const r = runDesign(s, s.designs[0]!);
    const removed = r.nodes.filter((n) => n.pool === 'tiny' && n.removedMs !== undefined);
    expect(removed).toHaveLength(2);
    const bigPulled = r.events.find((e) => e.reason === 'Pulled' && e.name === 'big-3')!;
    // No byte comes from a node after it is gone: the whole image comes from the registry, 2 GB at 1 MB/s after the last peer left.
    expect(r.images.bytesBySource).toEqual({ registry: 6e9, mirror: 0, peers: 0 });
    expect(bigPulled.timeMs).toBeGreaterThan(Math.max(...removed.map((n) => n.removedMs!)) + 1_900_000);
  });
});
