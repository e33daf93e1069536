// One design through one scenario: the nodes of its pools, the workloads' pods, and the loops
// that move them (ReplicaSet controller, scheduler, kubelets), sampled into a timeline.
// The cluster autoscaler grows and shrinks the pools between their min and max; kubelets talk to
// the API server, crash and are restarted by their supervisors; the node lifecycle controller
// marks silent nodes NotReady and evicts their pods.
import {
  API_REQUEST_KINDS,
  kubeletStartRequests,
  lastRenewalMs,
  nodeReadyRequests,
  steadyStreams,
  type ApiRequestKind,
} from '../models/kubelet.js';
import { requestRate } from '../models/load.js';
import { passAfter } from '../models/node-lifecycle.js';
import { RandomStreams } from '../sim/random.js';
import { Priority, Simulation } from '../sim/simulation.js';
import type { Design, Scenario, Workload } from '../scenario/model.js';
import { ClusterAutoscaler, type AutoscalerStats } from './autoscaler.js';
import { Cluster, type ClusterNode } from './cluster.js';
import { EventLog, type RunEvent } from './event-log.js';
import { startHpaController } from './hpa-controller.js';
import { ImagePulls, type ImageStats } from './image-pulls.js';
import { Kubelets } from './kubelet.js';
import { KubeletApi } from './kubelet-api.js';
import { KubeletProcesses, type KubeletStats } from './kubelet-process.js';
import { NodeLifecycleController } from './node-lifecycle.js';
import { Resilience, type ResilienceStats } from './resilience.js';
import { Faults } from './faults.js';
import { checkEveryBatch } from './invariant-checker.js';
import { checkByDefault } from './invariants.js';
import { ApiTraffic, type ApiWindow } from './api-traffic.js';
import { LoadMeter } from './load-meter.js';
import { METRIC_RESOLUTION_MS, MetricsServer } from './metrics-server.js';
import { Nodes, type NodeRecord } from './nodes.js';
import type { Pod } from './pod.js';
import { clusterSample, type ApiRow, type ClusterSample, type RunSink, type TimelineRow } from './timeline.js';
import { ReplicaController } from './replica-controller.js';
import { SchedulerLoop } from './scheduler-loop.js';

export type { ApiRow, ClusterSample, RunSink, TimelineRow } from './timeline.js';

/** DesignRunResult is everything a design's run leaves for the reports; the timeline, API rows and events are empty when a sink took them. */
export interface DesignRunResult {
  readonly design: string;
  readonly timeline: readonly TimelineRow[];
  readonly apiTimeline: readonly ApiRow[];
  readonly events: readonly RunEvent[];
  /** samples are each sample's cluster-wide figures (kept even when a sink takes the rows). */
  readonly samples: readonly ClusterSample[];
  readonly eventCount: number;
  readonly pods: readonly Pod[];
  readonly nodes: readonly NodeRecord[];
  readonly autoscaler: AutoscalerStats;
  readonly images: ImageStats;
  /** api: the kubelets' requests by kind, those that waited on a kubelet's limit, the longest status-update latency. */
  readonly api: {
    readonly requests: Readonly<Record<ApiRequestKind, number>>;
    readonly throttled: number;
    readonly peakLatencyMs: number;
  };
  readonly kubelet: KubeletStats & { readonly podsEvicted: number; readonly downMs: number };
  readonly resilience: ResilienceStats;
  readonly eventsProcessed: number;
  /** load is the requests offered and left unserved over the run, all workloads together. */
  readonly load: { readonly offered: number; readonly unserved: number };
}

// Pod GC (pkg/controller/podgc gc_controller.go) force-deletes the pods of a deleted node after a
// 40 s quarantine, on its passes every 20 s; the cloud node lifecycle controller deletes a NotReady
// node whose VM is gone on its passes every 5 s.
const POD_GC_QUARANTINE_MS = 40_000;
const POD_GC_PERIOD_MS = 20_000;
const CLOUD_NODE_MONITOR_PERIOD_MS = 5_000;

/** RunDesignOptions: `check` verifies the invariants after every batch of events (default: POOLSIM_CHECK=1); `sink` takes the rows and events instead of the result. */
export interface RunDesignOptions {
  readonly check?: boolean;
  readonly sink?: RunSink;
}

/** runDesign simulates `design` for the scenario's duration. Every design draws from the same seeded streams. */
export function runDesign(scenario: Scenario, design: Design, options: RunDesignOptions = {}): DesignRunResult {
  const sim = new Simulation();
  const streams = new RandomStreams(scenario.seed);
  const log = new EventLog(sim, options.sink === undefined ? undefined : (e) => options.sink!.event(e));
  const cluster = new Cluster();
  const poolOf = new Map(design.pools.map((p) => [p.name, p]));
  const workloadOf = new Map(scenario.workloads.map((w) => [w.name, w]));
  const phase = (name: string, periodMs: number) => Math.floor(streams.stream(name).next() * periodMs);
  const gcPhase = phase('pod-gc/phase', POD_GC_PERIOD_MS);
  const cloudPhase = phase('cloud-node-lifecycle/phase', CLOUD_NODE_MONITOR_PERIOD_MS);
  const lost = new Set<ClusterNode>();
  // The cloud node lifecycle controller deletes a NotReady node whose VM is gone, on its next pass.
  const deleteLostVm = (node: ClusterNode) =>
    sim.at(passAfter(sim.now, CLOUD_NODE_MONITOR_PERIOD_MS, cloudPhase), () => {
      if (!nodes.isGone(node))
        nodes.remove(node, 'deleted by the cloud node lifecycle controller: its VM no longer exists');
    });
  // The loops refer to each other; those declared further down are called only once the simulation
  // runs (the initial nodes register while Nodes is built, so what they call is built before it).
  const pulls = new ImagePulls(sim, log);
  const traffic = new ApiTraffic(scenario.sampleIntervalMs, scenario.apiServer);
  const v = scenario.kubernetesVersion;
  const api = new KubeletApi(sim, traffic, steadyStreams(v.major > 1 ? Infinity : v.minor), (node, waiting) =>
    faults.apiQueue(node, waiting),
  );
  const faults = new Faults(
    sim,
    scenario.faults,
    streams,
    log,
    {
      candidates: (kind, pool) =>
        nodes.records
          .filter((r) => r.node !== undefined && r.removedMs === undefined && (pool === null || r.pool === pool))
          .map((r) => r.node!)
          .filter((n) => (kind === 'kubeletCrash' ? processes.isAlive(n) : !lost.has(n))),
      crash: (node, exitCode, why) => processes.crash(node, exitCode, why),
      lose: (node) => {
        lost.add(node);
        log.add('Node', node.name, 'NodeLost', `The VM of ${node.name} is gone: its kubelet and its pods with it`);
        resilience.lose([node], 'the loss of VM');
        processes.lose(node);
        if (nodes.recordOf(node).unknownSinceMs !== undefined) deleteLostVm(node); // NotReady already
        // Its pods serve nothing from now (the endpoints still send them requests until the node is NotReady: those fail).
        for (const p of replicas.podsOn(node)) {
          p.kubeletReady = false;
          if (!p.ready) continue;
          p.ready = false;
          changed(p);
        }
      },
    },
    (node) => node.pool,
  );
  const serve = (node: ClusterNode, first: boolean) => {
    api.serve(node, kubeletStartRequests(first));
    if (first) return;
    lifecycle.kubeletBack(node);
    nodes.kubeletBack(node);
    replicas.kubeletBack(node);
    kubelets.resume(node, replicas.podsOn(node));
  };
  const silence = (node: ClusterNode) => {
    if (!api.isServing(node)) return;
    const last = lastRenewalMs(api.servingSinceMs(node), sim.now);
    api.stop(node);
    lifecycle.kubeletSilent(node, last);
  };
  const processes = new KubeletProcesses(sim, streams, log, scenario.durationMs, {
    serving: (node) => serve(node, false),
    stopped: silence,
  });
  const nodes = new Nodes(sim, cluster, log, streams, design, {
    onRegistered: (node) => {
      const pool = poolOf.get(node.pool)!;
      pulls.addNode(node, pool.imagePull);
      processes.add(node, pool);
      api.add(node, pool.kubelet);
      serve(node, true);
    },
    onReady: (node) => {
      api.send(node, nodeReadyRequests());
      scheduler.kick();
    },
    kubeletUp: (node) => api.isServing(node) && !lost.has(node),
    onRemoved: (node) => {
      pulls.removeNode(node);
      api.remove(node);
      processes.remove(node);
      lifecycle.forget(node);
      kubelets.forget(node);
      faults.forget(node);
      sim.at(passAfter(sim.now + POD_GC_QUARANTINE_MS, POD_GC_PERIOD_MS, gcPhase), () =>
        replicas.nodeDeleted(node, 'pod GC: its node is gone'),
      );
    },
  });
  const meters = new Map(scenario.workloads.map((w) => [w.name, new LoadMeter(w)]));
  // Every change of a workload's ready pods closes a span of the meter's integral (the meter keeps
  // the count of the span, so one call after each change suffices).
  const measure = (workload: string) => {
    meters.get(workload)!.advance(sim.now, replicas.readyPods(workload));
    resilience.check(workload);
  };
  const changed = (pod: Pod) => {
    resilience.observe(pod);
    measure(pod.workload);
  };
  const resilience = new Resilience(
    log,
    () => sim.now,
    (w) => replicas.desiredReplicas(w),
    (w) => workloadOf.get(w)!.kind,
  );
  const kubelets = new Kubelets(sim, streams, log, pulls, api, {
    onChange: changed,
    onChurn: (node) => faults.podChurn(node),
    runtimeGone: (node) => lost.has(node),
    nodeDates: (node) => {
      const r = nodes.recordOf(node);
      return { requestedMs: r.requestedMs, readyMs: r.readyMs ?? sim.now };
    },
  });
  const scheduler = new SchedulerLoop(
    sim,
    cluster,
    log,
    streams.stream('scheduler'),
    (pod, node) => {
      replicas.bound(pod);
      kubelets.start(pod, node);
    },
    design.scoringStrategy,
  );
  const replicas = new ReplicaController(
    sim,
    cluster,
    log,
    (pod) => scheduler.add(pod),
    (pod) => scheduler.remove(pod),
    () => scheduler.kick(),
    {
      kubeletServing: (node) => api.isServing(node),
      terminating: (pod, node) => kubelets.terminate(pod, node),
      deleted: (pod) => resilience.observe(pod),
    },
  );
  const evict = (pod: Pod) => {
    replicas.evict(pod);
    measure(pod.workload);
  };
  const lifecycle = new NodeLifecycleController(
    sim,
    scenario.nodeLifecycle,
    nodes,
    log,
    {
      podsOn: (node) => replicas.podsOn(node),
      markPodsNotReady: (node, pods) => {
        resilience.lose([node], 'node unreachable:');
        for (const p of pods) {
          if (!p.ready) continue;
          p.ready = false;
          changed(p);
        }
        if (lost.has(node)) deleteLostVm(node);
      },
      evict,
    },
    phase('node-lifecycle/phase', scenario.nodeLifecycle.nodeMonitorPeriodMs),
  );
  const autoscaler = new ClusterAutoscaler(
    sim,
    design,
    cluster,
    nodes,
    {
      unschedulable: () => scheduler.pendingPods.filter((p) => p.attempts > 0),
      podsOn: (node) => replicas.podsOn(node),
      evict,
    },
    log,
    streams.stream('autoscaler/expander'),
  );
  const setReplicas = (w: Workload, n: number) => {
    replicas.setReplicas(w, n);
    measure(w.name); // deleting pods may have unreadied some
  };

  logWhatIsNotSimulated(sim, log, scenario);
  for (const w of scenario.workloads) {
    sim.at(0, () => setReplicas(w, w.replicas));
    for (const s of w.scale) sim.at(s.atMs, () => setReplicas(w, s.replicas));
  }
  const metrics = new MetricsServer(
    sim,
    scenario.workloads,
    (w) => replicas.livePods(w),
    phase('metrics-server/phase', METRIC_RESOLUTION_MS),
  );
  const hpaDecisions = startHpaController(
    sim,
    scenario.workloads,
    {
      desiredReplicas: (w) => replicas.desiredReplicas(w),
      setReplicas,
      podsOf: (w) => replicas.livePods(w),
    },
    metrics,
    log,
  );
  const timeline: TimelineRow[] = [];
  const apiTimeline: ApiRow[] = [];
  const samples: ClusterSample[] = [];
  const sink: RunSink = options.sink ?? {
    timeline: (rows) => timeline.push(...rows),
    api: (rows) => apiTimeline.push(...rows),
    event: () => {},
  };
  sim.every(
    scenario.sampleIntervalMs,
    (now) => {
      const window = traffic.sample(now);
      sink.api(
        API_REQUEST_KINDS.map((kind) => ({ time_s: now / 1000, kind, requests_per_second: window.byKind[kind] })),
      );
      const rows = sample(now, scenario.workloads, replicas, scheduler, nodes, pulls, meters, window);
      sink.timeline(rows);
      const whole = clusterSample(rows);
      if (whole !== null) samples.push(whole);
    },
    { priority: Priority.late },
  );
  if (options.check ?? checkByDefault()) {
    checkEveryBatch(
      sim,
      {
        nodes: () => cluster.nodes,
        nodesHolding: () => replicas.nodesHolding,
        livePods: () => replicas.allLivePods(),
        pending: () => scheduler.pendingPods,
        removedMs: (node) => nodes.recordOf(node).removedMs,
        hpas: () =>
          [...hpaDecisions].map(([name, replicas]) => {
            const hpa = workloadOf.get(name)!.hpa!;
            return { workload: name, replicas, min: hpa.minReplicas, max: hpa.maxReplicas };
          }),
        images: () => ({ stats: pulls.stats, bytesByNode: pulls.bytesByNode.values() }),
        api: () => ({ byKind: traffic.totals, total: traffic.requests, throttled: traffic.throttled }),
      },
      design.name,
      POD_GC_QUARANTINE_MS + POD_GC_PERIOD_MS,
    );
  }
  sim.run({ until: scenario.durationMs });
  for (const w of scenario.workloads) measure(w.name);
  api.finish();
  const resilienceStats = resilience.finish(); // logs each workload's figures: before the events are taken
  const load = { offered: 0, unserved: 0 };
  for (const m of meters.values())
    [load.offered, load.unserved] = [load.offered + m.offered, load.unserved + m.unserved];
  return {
    design: design.name,
    timeline,
    apiTimeline,
    events: log.events,
    samples,
    eventCount: log.count,
    pods: replicas.pods,
    nodes: nodes.records,
    autoscaler: autoscaler.stats,
    images: pulls.stats,
    api: { requests: { ...traffic.totals }, throttled: traffic.throttled, peakLatencyMs: traffic.peakLatencyMs },
    kubelet: { ...processes.stats, podsEvicted: lifecycle.podsEvicted, downMs: api.downMs },
    resilience: resilienceStats,
    eventsProcessed: sim.eventsProcessed,
    load,
  };
}

// Not modelled yet: rolling updates. Say so in the events, at the time each would happen, rather than ignore them.
function logWhatIsNotSimulated(sim: Simulation, log: EventLog, scenario: Scenario): void {
  for (const w of scenario.workloads) {
    for (const r of w.rollouts)
      sim.at(r.atMs, () =>
        log.add(
          w.kind,
          w.name,
          'RolloutNotSimulated',
          'rolling updates are not simulated yet; the pods stay as they are',
        ),
      );
  }
}

function sample(
  now: number,
  workloads: readonly Workload[],
  replicas: ReplicaController,
  scheduler: SchedulerLoop,
  nodes: Nodes,
  pulls: ImagePulls,
  meters: ReadonlyMap<string, LoadMeter>,
  api: ApiWindow,
): TimelineRow[] {
  const live: ClusterNode[] = [];
  let provisioning = 0;
  let notReady = 0;
  let cost = 0;
  for (const r of nodes.records) {
    cost +=
      nodes.pool(r.pool).pricePerHour *
      ((Math.min(now, r.removedMs ?? r.failedMs ?? now) - (r.requestedMs ?? 0)) / 3_600_000);
    if (r.removedMs !== undefined || r.failedMs !== undefined) continue;
    if (r.readyMs === undefined) provisioning++;
    else if (r.unknownSinceMs !== undefined) notReady++;
    else live.push(r.node!);
  }
  const sum = (f: (n: ClusterNode) => number) => live.reduce((total, n) => total + f(n), 0);
  const cpu =
    sum((n) => n.requested.cpuMilli) /
    Math.max(
      1,
      sum((n) => n.allocatable.cpuMilli),
    );
  const memory =
    sum((n) => n.requested.memoryBytes) /
    Math.max(
      1,
      sum((n) => n.allocatable.memoryBytes),
    );
  // One pass over the pending pods for every workload, not one per workload.
  const pendingOf = new Map<string, number>();
  for (const p of scheduler.pendingPods) pendingOf.set(p.workload, (pendingOf.get(p.workload) ?? 0) + 1);
  return workloads.map((w) => {
    const ready = replicas.readyPods(w.name);
    let creating = 0;
    for (const p of replicas.livePods(w.name)) if (p.phase === 'ContainerCreating') creating++;
    return {
      time_s: now / 1000,
      workload: w.name,
      desired_replicas: replicas.desiredReplicas(w.name),
      ready_pods: ready,
      pending_pods: pendingOf.get(w.name) ?? 0,
      nodes_ready: live.length,
      nodes_provisioning: provisioning,
      nodes_not_ready: notReady,
      container_creating_pods: creating,
      image_pulls_in_flight: pulls.inFlight,
      cpu_requested_fraction: round(cpu),
      memory_requested_fraction: round(memory),
      unserved_rps: round(
        w.load === null ? 0 : Math.max(0, requestRate(w.load.profile, now) - ready * meters.get(w.name)!.servedPerPod),
      ),
      api_rps: api.rps,
      api_throttled_rps: api.throttledRps,
      cost_usd: round(cost),
    };
  });
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
