// Property and metamorphic tests of whole runs, over random valid scenarios (arbitraries.ts: YAML
// text loaded through loadScenarioText). Each property tries a fixed number of cases on a fixed
// seed (budget.ts); for a longer hunt:
//   POOLSIM_PROPERTY_RUNS=3000 npx vitest run test/property/simulation.test.ts
// A failure prints fast-check's seed and path, and the shrunk scenario as YAML (both runs' for a
// metamorphic property), ready for `poolsim run`.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario, runScenarioOnSeeds } from '../../src/run/outputs.js';
import { nodeAllocatable } from '../../src/models/allocatable.js';
import { summarize } from '../../src/report/summary.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runDesign } from '../../src/simulate/design-run.js';
import {
  ANY,
  doubled,
  fixedSize,
  growing,
  load,
  mirrored,
  oneShape,
  parallelPods,
  poolCount,
  scenarioSpec,
  slower,
  toYaml,
  unsharedPulls,
  type GenOptions,
  type ScenarioSpec,
  type WorkloadSpec,
} from './arbitraries.js';
import { budget, testTimeoutMs } from './budget.js';

/** tried counts the scenarios each property ran, and those that could have shown a difference; printed once at the end. */
export const tried: Record<string, { scenarios: number; telling: number }> = {};
const count = (property: string, telling = false) => {
  const t = (tried[property] ??= { scenarios: 0, telling: 0 });
  t.scenarios++;
  if (telling) t.telling++;
};

afterAll(() => {
  for (const [property, t] of Object.entries(tried))
    console.log(
      `property ${property}: ${t.scenarios} scenarios${t.telling === 0 ? '' : ` (${t.telling} where it could tell)`}`,
    );
});

// A case prints as its scenario's YAML; a metamorphic pair as both scenarios'.
const shown = (arb: fc.Arbitrary<ScenarioSpec>): fc.Arbitrary<ScenarioSpec> =>
  arb.map((s) => Object.defineProperty(s, fc.toStringMethod, { value: () => `\n${toYaml(s)}`, enumerable: false }));
const pairOf = (
  arb: fc.Arbitrary<ScenarioSpec>,
  variant: (s: ScenarioSpec) => fc.Arbitrary<ScenarioSpec>,
): fc.Arbitrary<[ScenarioSpec, ScenarioSpec]> =>
  arb.chain((s) =>
    variant(s).map((v): [ScenarioSpec, ScenarioSpec] =>
      Object.defineProperty([s, v], fc.toStringMethod, {
        value: () => `\n# the scenario\n${toYaml(s)}\n# the variant\n${toYaml(v)}`,
        enumerable: false,
      }),
    ),
  );

const run = (scenario: Scenario, design: Scenario['designs'][number]) => runDesign(scenario, design, { check: true });

// ---------------------------------------------------------------------------------------------
// 1, 3, 4: anything goes (faults, HPAs, spread, host ports, scale-down, every distribution).

describe('every scenario', () => {
  it(
    'keeps every invariant in every design: runDesign with check on never throws',
    () => {
      fc.assert(
        fc.property(shown(scenarioSpec(ANY)), (spec) => {
          count('invariants hold');
          const scenario = load(spec);
          for (const d of scenario.designs) run(scenario, d);
        }),
        budget(300),
      );
    },
    testTimeoutMs(300, 12),
  );

  it(
    'gives the same bytes for the same seed (runScenario twice, each on its own load of the text)',
    () => {
      fc.assert(
        fc.property(shown(scenarioSpec(ANY)), (spec) => {
          count('same seed, same bytes');
          const a = runScenario(load(spec), []).files;
          const b = runScenario(load(spec), []).files;
          expect([...b.keys()]).toEqual([...a.keys()]);
          for (const [path, content] of a) expect(b.get(path), path).toBe(content);
        }),
        budget(60),
      );
    },
    testTimeoutMs(60, 4),
  );

  // Slow (worker threads start for each case): a few cases only.
  it(
    'gives the same bytes on one worker thread or two (3 seeds)',
    async () => {
      await fc.assert(
        fc.asyncProperty(shown(scenarioSpec(ANY)), async (spec) => {
          count('1 worker = 2 workers');
          const scenario = load(spec);
          const one = await runScenarioOnSeeds(scenario, { designs: [], seeds: 3 }, { workers: 1 });
          const two = await runScenarioOnSeeds(scenario, { designs: [], seeds: 3 }, { workers: 2 });
          expect([...two.files.keys()]).toEqual([...one.files.keys()]);
          for (const [path, content] of one.files) expect(two.files.get(path), path).toBe(content);
        }),
        budget(3),
      );
    },
    testTimeoutMs(3, 2),
  );
});

// ---------------------------------------------------------------------------------------------
// 2. Every pod that can fit eventually runs, when capacity allows.
//
// "Can fit", by construction: each workload's requests are at most 70% of the smallest room any pool
// of any design leaves for workload pods (allocatable after reservations and DaemonSets, as
// src/models/allocatable.ts computes it), so every replica fits every pool. A node of pool P then
// takes at least k_P = min(⌊CPU room / largest CPU request⌋, ⌊memory room / largest memory request⌋,
// pod slots, pod IPs, ⌊volumes / most volumes a replica⌋) pods of any mix of the shapes: while it
// holds fewer it has room for one more of any of them, so no packing order strands a pod. The pools
// at their max hold Σ max_P × k_P; the counts are cut until every workload's final count (its HPA's
// maxReplicas, else its last scale step) fits that, in every design, and the autoscaler can always
// add a node a pending pod fits on until the pools are at max.
// Besides: no faults (a lost node or a kubelet left down takes capacity away); no topology spread or
// host ports (they pin a pod to nodes holding few of its kind, which the count above ignores);
// provisioning and node start-up from bounded distributions (a lognormal tail past
// --max-node-provision-time makes the autoscaler give up on a node and back off, which is real but not
// "capacity allows"); no maxNodesTotal; and no change in the last 20 minutes, no scale step, no load
// change, no diurnal load, so the HPA has settled and its pods have had time to get a node (≤ 4 min
// 40 s), pull and start. Scale-down stays: the autoscaler drains a node only when its pods fit elsewhere.
const SETTLE_S = 20 * 60;
const FITTING: GenOptions = {
  faults: 'none',
  settleS: SETTLE_S,
  delays: 'bounded',
  placementFree: true,
  hpa: true,
  scaleDown: true,
};

/** podsThatFitAtMax is how many pods of any mix of the scenario's shapes its pools hold at their max, the least over the designs. */
function podsThatFitAtMax(scenario: Scenario): number {
  const most = (f: (w: Scenario['workloads'][number]) => number) => Math.max(...scenario.workloads.map(f));
  const cpu = most((w) => w.requests.cpuMilli);
  const memory = most((w) => w.requests.memoryBytes);
  const volumes = most((w) => w.volumesPerReplica);
  return Math.min(
    ...scenario.designs.map((d) =>
      d.pools.reduce((n, p) => {
        const room = nodeAllocatable(p.node).forWorkloads;
        const perNode = Math.min(
          Math.floor(room.cpuMilli / cpu),
          Math.floor(room.memoryBytes / memory),
          room.pods,
          room.podIPs,
          volumes > 0 ? Math.floor(room.volumes / volumes) : Infinity,
        );
        return n + p.max * perNode;
      }, 0),
    ),
  );
}

const finalReplicas = (w: WorkloadSpec) => (w.hpa !== null ? w.hpa.max : (w.scale.at(-1)?.replicas ?? w.replicas));

// Cuts every count of each workload to an equal share of what fits; an HPA whose minimum is above
// its share goes, with its load.
function fitting(spec: ScenarioSpec): ScenarioSpec {
  const fit = podsThatFitAtMax(load(spec));
  if (spec.workloads.reduce((n, w) => n + finalReplicas(w), 0) <= fit) return spec;
  const share = Math.floor(fit / spec.workloads.length);
  const cut = (n: number) => Math.min(n, share);
  return {
    ...spec,
    workloads: spec.workloads.map((w): WorkloadSpec => {
      const hpa = w.hpa === null || share < w.hpa.min ? null : { ...w.hpa, max: cut(w.hpa.max) };
      return {
        ...w,
        replicas: cut(w.replicas),
        scale: w.scale.map((s) => ({ ...s, replicas: cut(s.replicas) })),
        hpa,
        load: hpa === null ? null : w.load,
      };
    }),
  };
}

describe('every pod that can fit', () => {
  it(
    'runs in the end: ready pods = desired replicas and none pending, in every design',
    () => {
      fc.assert(
        fc.property(shown(scenarioSpec(FITTING).map(fitting)), (spec) => {
          const scenario = load(spec);
          expect(spec.workloads.reduce((n, w) => n + finalReplicas(w), 0)).toBeLessThanOrEqual(
            podsThatFitAtMax(scenario),
          );
          let telling = false;
          for (const d of scenario.designs) {
            const r = run(scenario, d);
            telling ||= r.nodes.some((n) => n.requestedMs !== null);
            const end = scenario.durationMs / 1000;
            const last = r.timeline.filter((row) => row.time_s === end);
            expect(last.map((row) => row.workload)).toEqual(scenario.workloads.map((w) => w.name));
            for (const row of last) {
              expect({
                design: d.name,
                workload: row.workload,
                ready: row.ready_pods,
                pending: row.pending_pods,
              }).toEqual({ design: d.name, workload: row.workload, ready: row.desired_replicas, pending: 0 });
            }
          }
          count('pods that fit run', telling); // telling: some design had to add a node
        }),
        budget(120),
      );
    },
    testTimeoutMs(120, 4),
  );
});

// ---------------------------------------------------------------------------------------------
// Metamorphic properties: a scenario and a variant that changes one thing, design by design.

describe('metamorphic', () => {
  // 5. Twice the CPU and memory per node never adds pending pod-seconds (summary.pods.pendingPodSeconds).
  //
  // Only where it must hold, for in general it does not, in Kubernetes either (found by this property
  // before each restriction, shrunk, and read in events.csv):
  // - The autoscaler buys whole nodes for the pods pending now: fewer big nodes can leave less
  //   headroom than more small ones, and a later pod waits for a node where the small design had room
  //   (found with an HPA's pod; by hand with one shape: 7 replicas of 890Mi on 4 GiB GKE nodes get 3
  //   nodes with room for 9, on 8 GiB nodes 1 node with room for 7; scaled to 8, the doubled design
  //   waits a provisioning delay: 560 → 640 pod-s). The autoscaler also drains the doubled design's
  //   half-empty nodes, and random delays give more small nodes more chances of a fast one. So pool
  //   sizes are fixed (min = initial = max).
  // - Pending pod-seconds counts pods, and the scheduler is first come first served: more room lets
  //   earlier big pods in, which strand more small ones (one node, 3 × 556m then 10 × 33m: on 940m
  //   one big pod runs and 2 wait; on 1930m three run and 3 small ones wait). So one pod shape, with
  //   no spread or host port (which pin pods to nodes by count).
  // - Pods the HPA then deletes hold room for their grace period that a later pod waits for; a scale
  //   step down does the same. So no HPA and no step down.
  // - A lost node takes more pods with it when it is bigger, and its replacement is sized for them:
  //   no node losses. Crashes under load (pod churn, API queue) come more often on nodes with more
  //   pods: none of those either. Kubelet crashes at a time or at random intervals stay: they hit the
  //   same nodes in both runs (the same nodes exist), and the pods evicted from them find at least as
  //   much room on the other nodes.
  // With these, both runs create the same pods at the same times, each node of the doubled run holds
  // at least as many pods of the one shape (allocatable at least doubles under every reservation
  // profile: the tiers are concave, EKS's and AKS's memory depend on max pods, which stays), and a pod
  // waits only when every node is full — so no more pods wait, at any time.
  it(
    'twice the CPU and memory per node never adds pending pod-seconds (fixed pools, one pod shape, counts only up)',
    () => {
      const gen = scenarioSpec({ ...ANY, faults: 'timedCrashes', hpa: false, placementFree: true }).map((s) =>
        oneShape(growing(fixedSize(s))),
      );
      fc.assert(
        fc.property(
          pairOf(gen, (s) => fc.constant(doubled(s))),
          ([spec, variant]) => {
            const a = load(spec);
            const b = load(variant);
            let telling = false;
            a.designs.forEach((d, i) => {
              const before = summarize(a, d, run(a, d)).pods.pendingPodSeconds;
              const after = summarize(b, b.designs[i]!, run(b, b.designs[i]!)).pods.pendingPodSeconds;
              telling ||= before > 0;
              expect({ design: d.name, pendingPodSeconds: after }).toEqual({
                design: d.name,
                pendingPodSeconds: Math.min(after, before),
              });
            });
            count('2× node size, no more pending', telling); // telling: some pod waited before
          },
        ),
        budget(100),
      );
    },
    testTimeoutMs(100, 5),
  );

  // 6. A longer provisioning delay never shortens start-up.
  //
  // Start-up is a pod's time from creation to Ready as the control plane sees it (the summary's
  // startupSeconds), and the figure compared is its mean over every pod created, a pod not Ready by
  // the end counting its age then. Not the summary's percentiles: they are over the pods that became
  // Ready, and a longer delay can drop the slowest pods from that set and so lower them. Not pod by
  // pod either: container start and readiness delays are drawn, per workload, in the order the
  // kubelets take the pods, which the delay reorders; over the same pods the same draws add up the same.
  // Restricted, because in general it does not hold (each found by this property before the restriction):
  // - Pulls share links: the registry's or mirror's egress, a peer's upload, and where a layer comes
  //   from depends on which peers hold it when the pull starts. A node that arrives later competes with
  //   fewer pulls: three nodes pulling from a 20 MB/s mirror finish sooner when the fourth is late, and
  //   the mean start-up drops (80.7 → 76.4 s). So no peer-to-peer and egress that never saturates.
  // - Where pods land depends on when nodes arrive, and with several pod shapes some packings strand
  //   more pods than others. Topology spread counts the registered nodes: two nodes 4 s apart instead
  //   of 1 s (a lognormal scaled ×4) put both spread pods on the first, and the host-port pod that
  //   never ran got the second. Without spread, the scheduler's backoff: pods created after the first
  //   new node was Ready overtook older ones still backing off, took the other new nodes, and left 4
  //   small pods pending to the end where the slower run left one big pod (3 × e2-medium for 6 × 1348Mi
  //   and 13 × 28Mi; mean 313.7 → 293.0 s). So one pod shape, no spread and no host port: any pod then
  //   fits wherever any other does, whatever the order.
  // - Pods created or deleted by what a run sees (the HPA, scale-down drains, steps down, faults that
  //   hit whichever nodes exist then, an OrderedReady StatefulSet waiting for each pod to be Ready
  //   before the next) make the runs' pods differ: none of those. The pods are then the
  //   same in both runs, created at the same times, which the property checks too.
  it(
    'a longer provisioning delay never shortens the mean start-up (pods on a fixed schedule, one pod shape, unshared pulls)',
    () => {
      const gen = scenarioSpec({ ...ANY, faults: 'none', hpa: false, scaleDown: false, placementFree: true }).map((s) =>
        unsharedPulls(parallelPods(oneShape(growing(s)))),
      );
      const meanStartup = (scenario: Scenario, d: Scenario['designs'][number]) => {
        const r = run(scenario, d);
        const end = scenario.durationMs;
        const startups = r.pods.map((p) => (p.readyMs ?? end) - p.createdMs);
        return {
          pods: r.pods.map((p) => `${p.name}@${p.createdMs}`),
          mean: startups.reduce((a, b) => a + b, 0) / Math.max(1, startups.length),
          added: r.nodes.some((n) => n.requestedMs !== null),
        };
      };
      fc.assert(
        fc.property(
          pairOf(gen, (s) => fc.integer({ min: 1, max: 300 }).map((by) => slower(s, by))),
          ([spec, variant]) => {
            const a = load(spec);
            const b = load(variant);
            let telling = false;
            a.designs.forEach((d, i) => {
              const before = meanStartup(a, d);
              const after = meanStartup(b, b.designs[i]!);
              telling ||= before.added;
              expect(after.pods).toEqual(before.pods);
              expect({ design: d.name, meanStartupMs: after.mean }).toEqual({
                design: d.name,
                meanStartupMs: Math.max(after.mean, before.mean),
              });
            });
            count('longer provisioning, no shorter start-up', telling); // telling: some design added a node
          },
        ),
        budget(100),
      );
    },
    testTimeoutMs(100, 5),
  );

  // 7. A registry mirror never adds bytes pulled from the upstream registry (summary.images.bytesBySource.registry).
  //
  // The mirror goes on some of the pools (on all of them the registry would trivially serve nothing).
  // Restricted, because in general it does not hold (each shown by a scenario of two pools, p2p on):
  // - A mirror slower than the registry delays the moment a node holds the image and can serve it to
  //   peers: the other pool's nodes then find no peer and pull from the registry (a 20 MB/s mirror on
  //   one pool's node, which pulls a 1 GB image in 50 s instead of 8: the two nodes of the other pool
  //   that need it at 20 s pull it from the registry, not from that peer; 1 GB → 2 GB).
  //   So the mirror is at least as fast: latency at most, bandwidth at least the pool's registry's.
  // - Readiness feeds the HPA, which (as upstream) counts unready pods as using nothing when scaling
  //   up: pods the mirror makes ready in time for a load spike scale the workload up where the slow
  //   pulls kept it, and the new replicas land on a pool without the mirror (2 GB → 6 GB from the
  //   registry). So no HPA, and no crashes under load (the kubelet's API queue and churn follow the
  //   pods' start-up too).
  // Faults at a time or at random intervals stay: which nodes exist does not depend on how fast they pull.
  it(
    'a mirror at least as fast as the registry never adds registry bytes (no HPA)',
    () => {
      const gen = scenarioSpec({ ...ANY, faults: 'timed', hpa: false });
      const variant = (s: ScenarioSpec) =>
        fc
          .record({
            pick: fc.array(fc.boolean(), { minLength: poolCount(s), maxLength: poolCount(s) }),
            latency: fc.double({ min: 0, max: 1, noNaN: true }),
            bandwidth: fc.double({ min: 1, max: 4, noNaN: true }),
          })
          .map(({ pick, latency, bandwidth }) => mirrored(s, pick, { latency, bandwidth }));
      fc.assert(
        fc.property(pairOf(gen, variant), ([spec, variant]) => {
          const a = load(spec);
          const b = load(variant);
          let telling = false;
          a.designs.forEach((d, i) => {
            const before = summarize(a, d, run(a, d)).images.bytesBySource.registry;
            const after = summarize(b, b.designs[i]!, run(b, b.designs[i]!)).images.bytesBySource.registry;
            telling ||=
              before > 0 &&
              b.designs[i]!.pools.some((p, j) => p.imagePull.mirror !== null && d.pools[j]!.imagePull.mirror === null);
            expect({ design: d.name, registryBytes: after }).toEqual({
              design: d.name,
              registryBytes: Math.min(after, before),
            });
          });
          count('a mirror, no more registry bytes', telling); // telling: a pool that pulled from the registry got a mirror
        }),
        budget(100),
      );
    },
    testTimeoutMs(100, 5),
  );
});

// ---------------------------------------------------------------------------------------------
// Cohorts of settled pods (src/simulate/usage-cohorts.ts) are a way of computing, not a model: a
// run samples the same figures with them as with every pod sampled on its own, byte for byte.
describe('usage cohorts', () => {
  it(
    'change no output: every design gives the same rows, events and summary without them',
    () => {
      fc.assert(
        fc.property(shown(scenarioSpec(ANY)), (spec) => {
          const scenario = load(spec);
          for (const design of scenario.designs) {
            let settled = false;
            const whole = (cohorts: boolean) => {
              const run = runDesign(scenario, design, { usageCohorts: cohorts });
              if (cohorts) settled = run.pods.some((p) => p.cohort !== null);
              const { timeline, apiTimeline, poolTimeline, events } = run;
              return JSON.stringify({
                timeline,
                apiTimeline,
                poolTimeline,
                events,
                summary: summarize(scenario, design, run),
              });
            };
            expect(whole(true)).toBe(whole(false));
            count('cohorts = pod by pod', settled);
          }
        }),
        budget(60),
      );
    },
    testTimeoutMs(60, 4),
  );
});
