// One design through one scenario: the nodes of its pools, the workloads' pods, and the loops
// that move them (ReplicaSet controller, scheduler, kubelets), sampled into a timeline.
// The cluster autoscaler grows and shrinks the pools between their min and max.
import { requestRate } from '../models/load.js';
import { RandomStreams } from '../sim/random.js';
import { Priority, Simulation } from '../sim/simulation.js';
import type { Design, Scenario, Workload } from '../scenario/model.js';
import { ClusterAutoscaler, type AutoscalerStats } from './autoscaler.js';
import { Cluster, type ClusterNode } from './cluster.js';
import { EventLog, type RunEvent } from './event-log.js';
import { startHpaController } from './hpa-controller.js';
import { ImagePulls, type ImageStats } from './image-pulls.js';
import { Kubelets } from './kubelet.js';
import { LoadMeter } from './load-meter.js';
import { METRIC_RESOLUTION_MS, MetricsServer } from './metrics-server.js';
import { Nodes, type NodeRecord } from './nodes.js';
import type { Pod } from './pod.js';
import { ReplicaController } from './replica-controller.js';
import { SchedulerLoop } from './scheduler-loop.js';

/** TimelineRow is one sample of one workload, with the cluster's state at that time. */
export interface TimelineRow {
  readonly time_s: number;
  readonly workload: string;
  readonly desired_replicas: number;
  readonly ready_pods: number;
  readonly pending_pods: number;
  readonly nodes_ready: number;
  readonly nodes_provisioning: number;
  readonly container_creating_pods: number;
  readonly image_pulls_in_flight: number;
  readonly cpu_requested_fraction: number;
  readonly memory_requested_fraction: number;
  readonly unserved_rps: number;
}

/** DesignRunResult is everything a design's run leaves for the reports. */
export interface DesignRunResult {
  readonly design: string;
  readonly timeline: readonly TimelineRow[];
  readonly events: readonly RunEvent[];
  readonly pods: readonly Pod[];
  readonly nodes: readonly NodeRecord[];
  readonly autoscaler: AutoscalerStats;
  readonly images: ImageStats;
  readonly eventsProcessed: number;
  /** load is the requests offered and left unserved over the run, all workloads together. */
  readonly load: { readonly offered: number; readonly unserved: number };
}

/** runDesign simulates `design` for the scenario's duration. Every design draws from the same seeded streams. */
export function runDesign(scenario: Scenario, design: Design): DesignRunResult {
  const sim = new Simulation();
  const streams = new RandomStreams(scenario.seed);
  const log = new EventLog(sim);
  const cluster = new Cluster();
  const poolOf = new Map(design.pools.map((p) => [p.name, p]));
  const pulls = new ImagePulls(sim, log);
  // (`scheduler` and `autoscaler` are declared below; they are called only once the simulation runs.)
  const nodes = new Nodes(sim, cluster, log, streams, design, {
    onReady: () => scheduler.kick(),
    onRegistered: (node) => pulls.addNode(node, poolOf.get(node.pool)!.imagePull),
    onRemoved: (node) => pulls.removeNode(node),
  });
  const meters = new Map(scenario.workloads.map((w) => [w.name, new LoadMeter(w)]));
  // Every change of a workload's ready pods closes a span of the meter's integral (the meter keeps
  // the count of the span, so one call after each change suffices).
  // (`replicas` is declared below: the loops refer to each other, and run only once the simulation does.)
  const measure = (workload: string) => meters.get(workload)!.advance(sim.now, replicas.readyPods(workload));
  const kubelets = new Kubelets(sim, streams, log, pulls, (pod) => measure(pod.workload), (node) => {
    const r = nodes.recordOf(node);
    return { requestedMs: r.requestedMs, readyMs: r.readyMs ?? sim.now };
  });
  const scheduler = new SchedulerLoop(sim, cluster, log, streams.stream('scheduler'), (pod, node) => kubelets.start(pod, node), design.scoringStrategy);
  const replicas = new ReplicaController(sim, cluster, log, (pod) => scheduler.add(pod), (pod) => scheduler.remove(pod), () => scheduler.kick());
  const autoscaler = new ClusterAutoscaler(sim, design, cluster, nodes, {
    unschedulable: () => scheduler.pendingPods.filter((p) => p.attempts > 0),
    podsOn: () => replicas.podsByNode(),
    evict: (pod) => {
      replicas.evict(pod);
      measure(pod.workload);
    },
  }, log, streams.stream('autoscaler/expander'));
  const setReplicas = (w: Workload, n: number) => {
    replicas.setReplicas(w, n);
    measure(w.name); // deleting pods may have unreadied some
  };

  logWhatIsNotSimulated(sim, log, scenario);
  for (const w of scenario.workloads) {
    sim.at(0, () => setReplicas(w, w.replicas));
    for (const s of w.scale) sim.at(s.atMs, () => setReplicas(w, s.replicas));
  }
  const phase = Math.floor(streams.stream('metrics-server/phase').next() * METRIC_RESOLUTION_MS);
  const metrics = new MetricsServer(sim, scenario.workloads, (w) => replicas.livePods(w), phase);
  startHpaController(sim, scenario.workloads, {
    desiredReplicas: (w) => replicas.desiredReplicas(w),
    setReplicas,
    podsOf: (w) => replicas.livePods(w),
  }, metrics, log);
  const timeline: TimelineRow[] = [];
  sim.every(scenario.sampleIntervalMs, (now) => timeline.push(...sample(now, scenario.workloads, replicas, scheduler, nodes, pulls, meters)), { priority: Priority.late });
  sim.run({ until: scenario.durationMs });
  for (const w of scenario.workloads) measure(w.name);
  const load = { offered: 0, unserved: 0 };
  for (const m of meters.values()) [load.offered, load.unserved] = [load.offered + m.offered, load.unserved + m.unserved];
  return { design: design.name, timeline, events: log.events, pods: replicas.pods, nodes: nodes.records, autoscaler: autoscaler.stats, images: pulls.stats, eventsProcessed: sim.eventsProcessed, load };
}

// Not modelled yet: faults, rolling updates. Say so in the events, at the time
// each would happen, rather than ignore them.
function logWhatIsNotSimulated(sim: Simulation, log: EventLog, scenario: Scenario): void {
  for (const f of scenario.faults) {
    sim.at('atMs' in f.when ? f.when.atMs : 0, () => log.add('Node', f.pool ?? '(any pool)', 'FaultNotSimulated', `${f.kind} faults are not simulated yet; nothing happens`));
  }
  for (const w of scenario.workloads) {
    for (const r of w.rollouts) sim.at(r.atMs, () => log.add(w.kind, w.name, 'RolloutNotSimulated', 'rolling updates are not simulated yet; the pods stay as they are'));
  }
}

function sample(now: number, workloads: readonly Workload[], replicas: ReplicaController, scheduler: SchedulerLoop, nodes: Nodes, pulls: ImagePulls, meters: ReadonlyMap<string, LoadMeter>): TimelineRow[] {
  const live: ClusterNode[] = [];
  let provisioning = 0;
  for (const r of nodes.records) {
    if (r.removedMs !== undefined || r.failedMs !== undefined) continue;
    if (r.readyMs === undefined) provisioning++;
    else live.push(r.node!);
  }
  const sum = (f: (n: ClusterNode) => number) => live.reduce((total, n) => total + f(n), 0);
  const cpu = sum((n) => n.requested.cpuMilli) / Math.max(1, sum((n) => n.allocatable.cpuMilli));
  const memory = sum((n) => n.requested.memoryBytes) / Math.max(1, sum((n) => n.allocatable.memoryBytes));
  return workloads.map((w) => {
    const ready = replicas.readyPods(w.name);
    return {
      time_s: now / 1000,
      workload: w.name,
      desired_replicas: replicas.desiredReplicas(w.name),
      ready_pods: ready,
      pending_pods: scheduler.pendingPods.filter((p) => p.workload === w.name).length,
      nodes_ready: live.length,
      nodes_provisioning: provisioning,
      container_creating_pods: replicas.livePods(w.name).filter((p) => p.phase === 'ContainerCreating').length,
      image_pulls_in_flight: pulls.inFlight,
      cpu_requested_fraction: round(cpu),
      memory_requested_fraction: round(memory),
      unserved_rps: round(w.load === null ? 0 : Math.max(0, requestRate(w.load.profile, now) - ready * meters.get(w.name)!.servedPerPod)),
    };
  });
}


const round = (x: number) => Math.round(x * 1e6) / 1e6;
