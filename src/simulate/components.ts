// Building a design's run: every component from the run's shared parts alone (the engine, the
// event log, the random streams, the cluster, the API traffic) and its own settings, none of them
// referring to another. connect.ts links them; design-run.ts starts and runs them.
import { steadyStreams } from '../models/kubelet.js';
import type { Design, Scenario } from '../scenario/model.js';
import { RandomStreams } from '../sim/random.js';
import { Simulation } from '../sim/simulation.js';
import { ApiTraffic } from './api-traffic.js';
import { ClusterAutoscaler } from './autoscaler.js';
import { CloudNodeLifecycle } from './cloud-node-lifecycle.js';
import { Cluster } from './cluster.js';
import { DeploymentController } from './deployment-controller.js';
import { EventLog } from './event-log.js';
import { Faults } from './faults.js';
import { HpaController } from './hpa-controller.js';
import { ImagePulls } from './image-pulls.js';
import { Kubelets } from './kubelet.js';
import { KubeletApi } from './kubelet-api.js';
import { KubeletProcesses } from './kubelet-process.js';
import { METRIC_RESOLUTION_MS, MetricsServer } from './metrics-server.js';
import { NodeLifecycleController } from './node-lifecycle.js';
import { Nodes } from './nodes.js';
import { PodGc } from './pod-gc.js';
import { PodReadiness } from './pod-readiness.js';
import { ReplicaController } from './replica-controller.js';
import { Resilience } from './resilience.js';
import { ResourceUsage } from './resource-usage.js';
import { EvictionManager } from './eviction-manager.js';
import { TimelineSampler } from './sampler.js';
import { SchedulerLoop } from './scheduler-loop.js';
import type { RunSink } from './timeline.js';
import { ZoneOutages } from './zone-outages.js';
import { KarpenterProvisioner } from './karpenter-provisioner.js';
import { KarpenterDisruption } from './karpenter-disruption.js';

/** Components are a design's run: its shared parts, and the controllers and node agents that move it. */
export interface Components {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly log: EventLog;
  readonly cluster: Cluster;
  readonly traffic: ApiTraffic;
  readonly pulls: ImagePulls;
  readonly api: KubeletApi;
  readonly faults: Faults;
  readonly processes: KubeletProcesses;
  readonly nodes: Nodes;
  readonly cloud: CloudNodeLifecycle;
  readonly podGc: PodGc;
  readonly readiness: PodReadiness;
  readonly resilience: Resilience;
  readonly kubelets: Kubelets;
  readonly scheduler: SchedulerLoop;
  readonly replicas: ReplicaController;
  readonly deployments: DeploymentController;
  readonly lifecycle: NodeLifecycleController;
  readonly autoscaler: ClusterAutoscaler;
  readonly usage: ResourceUsage;
  readonly eviction: EvictionManager;
  readonly metrics: MetricsServer;
  readonly hpa: HpaController;
  readonly sampler: TimelineSampler;
  readonly zones: ZoneOutages;
  /** karpenter: its provisioner and disruption controller, in a design that has it (null otherwise). */
  readonly karpenter: { readonly provisioner: KarpenterProvisioner; readonly disruption: KarpenterDisruption } | null;
}

/** buildComponents builds every component of `design`'s run, unconnected; `sink` takes its rows, and its events unless the log is to keep them (`keepEvents`). */
export function buildComponents(
  scenario: Scenario,
  design: Design,
  sink: RunSink,
  keepEvents: boolean,
  options: { readonly usageCohorts?: boolean; readonly timelineWorkloads?: ReadonlySet<string> | null } = {},
): Components {
  const sim = new Simulation();
  const streams = new RandomStreams(scenario.seed);
  const log = new EventLog(sim, keepEvents ? undefined : (e) => sink.event(e));
  const cluster = new Cluster();
  const traffic = new ApiTraffic(scenario.sampleIntervalMs, scenario.apiServer);
  const kinds = new Map(scenario.workloads.map((w) => [w.name, w.kind]));
  // A periodic controller's passes fall anywhere within its period in a real cluster: each run draws where.
  const phase = (name: string) => streams.stream(`${name}/phase`).next();
  const v = scenario.kubernetesVersion;
  return {
    scenario,
    design,
    sim,
    streams,
    log,
    cluster,
    traffic,
    pulls: new ImagePulls(sim, log),
    api: new KubeletApi(sim, traffic, steadyStreams(v.major > 1 ? Infinity : v.minor)),
    faults: new Faults({ sim, faults: scenario.faults, streams, log }),
    processes: new KubeletProcesses({ sim, streams, log, untilMs: scenario.durationMs }),
    nodes: new Nodes({ sim, cluster, log, streams, design }),
    cloud: new CloudNodeLifecycle(sim, phase('cloud-node-lifecycle')),
    podGc: new PodGc(sim, phase('pod-gc')),
    readiness: new PodReadiness(sim, scenario.workloads),
    resilience: new Resilience({ log, clock: sim, kindOf: (w) => kinds.get(w)! }),
    kubelets: new Kubelets({ sim, streams, log }),
    scheduler: new SchedulerLoop({
      sim,
      cluster,
      log,
      random: streams.stream('scheduler'),
      strategy: design.scoringStrategy,
    }),
    replicas: new ReplicaController({ sim, cluster, log }),
    deployments: new DeploymentController(sim, log, scenario.workloads),
    lifecycle: new NodeLifecycleController({
      sim,
      log,
      settings: scenario.nodeLifecycle,
      phaseMs: Math.floor(phase('node-lifecycle') * scenario.nodeLifecycle.nodeMonitorPeriodMs),
    }),
    autoscaler: new ClusterAutoscaler({ sim, cluster, log, design, random: streams.stream('autoscaler/expander') }),
    usage: new ResourceUsage(sim, scenario.workloads, options.usageCohorts ?? true),
    eviction: new EvictionManager(sim, log, cluster),
    metrics: new MetricsServer({
      sim,
      phaseMs: Math.floor(phase('metrics-server') * METRIC_RESOLUTION_MS),
    }),
    hpa: new HpaController({ sim, log, workloads: scenario.workloads }),
    sampler: new TimelineSampler({
      sim,
      traffic,
      workloads: scenario.workloads,
      intervalMs: scenario.sampleIntervalMs,
      warmupMs: scenario.warmupMs,
      sink,
      timelineWorkloads: options.timelineWorkloads ?? null,
    }),
    zones: new ZoneOutages(sim, log, scenario.zoneOutages),
    karpenter: buildKarpenter({ sim, log, cluster, design, streams, untilMs: scenario.durationMs }),
  };
}

// A design's Karpenter: its provisioner and disruption controller (null: the design has none).
function buildKarpenter({
  sim,
  log,
  cluster,
  design,
  streams,
  untilMs,
}: {
  sim: Simulation;
  log: EventLog;
  cluster: Cluster;
  design: Design;
  streams: RandomStreams;
  untilMs: number;
}): Components['karpenter'] {
  if (design.karpenter === null) return null;
  return {
    provisioner: new KarpenterProvisioner(sim, log, cluster, design.karpenter),
    disruption: new KarpenterDisruption({
      sim,
      log,
      cluster,
      karpenter: design.karpenter,
      spotStream: streams.stream('karpenter/spot-interruptions'),
      untilMs,
    }),
  };
}
