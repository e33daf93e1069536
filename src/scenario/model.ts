// A scenario after loading: every default applied, every reference resolved, integer units
// (ms, millicores, bytes). This is what the simulator runs; nothing here is optional by accident.
import type { Distribution } from '../sim/distributions.js';
import type { NodeSpec } from '../models/allocatable.js';
import type { HpaRules } from '../models/hpa-behavior.js';
import type { Tolerance } from '../models/hpa.js';
import type { LoadComponent } from '../models/load.js';
import type { Resources } from '../models/resources.js';
import type { ApiServerSettings } from '../models/apiserver.js';
import type { ProcessEnd, SupervisorSpec } from '../models/supervisor.js';
import type { StatefulSetUpdateStrategy } from '../models/statefulset.js';
import type { Pod as PodObject, Taint } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { BudgetSpec } from '../models/disruption.js';
import type { SpotSettings } from '../models/karpenter/spot.js';
import type { NodeBase } from '../models/karpenter/catalog.js';
import type { NodePoolSpec } from './karpenter-node-pool.js';

export type { HpaRules, LoadComponent };

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly durationMs: number;
  readonly seed: number;
  readonly kubernetesVersion: KubernetesVersion;
  readonly sampleIntervalMs: number;
  /** start: steady begins with the initial replicas Running and Ready on the initial nodes; cold with nothing running. */
  readonly start: 'steady' | 'cold';
  /** warmupMs: the first part of the run, left out of every summary metric (timelines keep it). */
  readonly warmupMs: number;
  readonly nodeLifecycle: NodeLifecycleSettings;
  readonly apiServer: ApiServerSettings;
  readonly workloads: readonly Workload[];
  readonly designs: readonly Design[];
  readonly faults: readonly Fault[];
  /** zones are the cluster's zones (none: nodes carry no zone label). */
  readonly zones: readonly string[];
  readonly zoneOutages: readonly ZoneOutage[];
  readonly budgets: readonly DisruptionBudget[];
}

/** DisruptionBudget is a PodDisruptionBudget: its selector, minAvailable or maxUnavailable, and the workloads whose pods it selects. */
export interface DisruptionBudget {
  readonly name: string;
  readonly namespace: string;
  readonly selector: LabelSelector;
  readonly spec: BudgetSpec;
  readonly workloads: readonly string[];
}

/** ZoneOutage is a zone gone dark from atMs for durationMs: its kubelets unreachable, no node created there. */
export interface ZoneOutage {
  readonly zone: string;
  readonly atMs: number;
  readonly durationMs: number;
}

/** NodeLifecycleSettings are kube-controller-manager's node lifecycle controller's, by version. */
export interface NodeLifecycleSettings {
  readonly nodeMonitorPeriodMs: number;
  readonly nodeMonitorGracePeriodMs: number;
  readonly nodeStartupGracePeriodMs: number;
  /** tolerationSeconds of the default not-ready/unreachable tolerations, in ms. */
  readonly notReadyTolerationMs: number;
}

export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

export interface Workload {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly replicas: number;
  readonly requests: Resources;
  /** limits: one pod's CPU and memory limits, all containers together; null where there is none (a container without one leaves its pod unlimited). */
  readonly limits: Limits;
  readonly image: Image;
  readonly containerStart: Distribution;
  readonly readinessDelay: Distribution;
  readonly terminationGracePeriodMs: number;
  readonly volumesPerReplica: number;
  readonly hostPort: number | null;
  readonly spread: boolean;
  /**
   * template is the pod as the scheduler reads it, in Kubernetes' own shape: metadata.namespace and
   * labels; spec.nodeSelector, tolerations, affinity and topologySpreadConstraints where written.
   */
  readonly template: PodObject;
  /** priority is its pods' priority, from their PriorityClass (0 without one): the queue's order, preemption, the autoscaler's expendable cutoff. */
  readonly priority: number;
  /** unreachableTolerationMs: how long its pods stay on a node tainted not-ready or unreachable NoExecute (null: for ever). */
  readonly unreachableTolerationMs: number | null;
  readonly scale: ReadonlyArray<{ readonly atMs: number; readonly replicas: number }>;
  readonly hpa: Hpa | null;
  readonly load: Load | null;
  /** podManagementPolicy: how a StatefulSet creates and removes its pods (a Deployment's is Parallel in effect, unused). */
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  /** updateStrategy: how a StatefulSet's rollout replaces its pods (a Deployment's is unused). */
  readonly updateStrategy: StatefulSetUpdateStrategy;
  /** strategy: how a Deployment's rollout replaces its pods (a StatefulSet's is RollingUpdate, unused). */
  readonly strategy: DeploymentStrategy;
  /** minReadyMs: how long a pod is Ready before it counts as available (minReadySeconds). */
  readonly minReadyMs: number;
  /** progressDeadlineMs: a rollout without progress this long is ProgressDeadlineExceeded. */
  readonly progressDeadlineMs: number;
  /** rollouts: new pod templates, in time order. */
  readonly rollouts: readonly Rollout[];
}

/** DeploymentStrategy is spec.strategy: RollingUpdate with its surge and unavailability (a count or "25%"), or Recreate. */
export type DeploymentStrategy =
  | { readonly type: 'RollingUpdate'; readonly maxSurge: number | string; readonly maxUnavailable: number | string }
  | { readonly type: 'Recreate' };

/** Rollout is a new pod template at `atMs`: its image (the same, or a new one) and the strategy from then on. */
export interface Rollout {
  readonly atMs: number;
  readonly image: Image;
  readonly strategy: DeploymentStrategy;
}

export interface Image {
  readonly name: string;
  readonly sizeBytes: number;
  readonly layerBytes: readonly number[];
  /** layerIds name the layers (beside layerBytes): a digest written in the scenario, else one of this image's own. */
  readonly layerIds: readonly string[];
}

export interface Hpa {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** tolerance: one for both directions, or each its own (behavior.scaleUp/scaleDown.tolerance). */
  readonly tolerance: Tolerance;
  readonly metrics: readonly HpaMetric[];
  /** behavior is null on the legacy path (no `behavior` written). */
  readonly behavior: { readonly scaleUp: HpaRules | null; readonly scaleDown: HpaRules | null } | null;
}

export interface HpaMetric {
  readonly resource: 'cpu' | 'memory';
  /** target: percent of the request, or an average per pod in millicores (cpu) or bytes (memory). */
  readonly target:
    | { readonly type: 'Utilization'; readonly averageUtilization: number }
    | { readonly type: 'AverageValue'; readonly averageValue: number };
}

/** Limits are a pod's CPU limit (its CFS quota) and memory limit (past it, OOMKilled); null: none. */
export interface Limits {
  readonly cpuMilli: number | null;
  readonly memoryBytes: number | null;
}

export interface Load {
  readonly cpuPerRequestMilli: number;
  readonly baseCpuMilli: number;
  /** profile components, summed; the total is never below 0 (none: no requests at all). */
  readonly profile: readonly LoadComponent[];
  /** baseMemoryBytes: a pod's working set with no load; memoryPerRpsBytes: what each request a second it serves adds. */
  readonly baseMemoryBytes: number;
  readonly memoryPerRpsBytes: number;
  /** leakBytesPerHour: how fast a running container's working set grows (a leak); a restart starts it again. */
  readonly leakBytesPerHour: number;
}

export interface Design {
  readonly name: string;
  readonly description: string;
  readonly pools: readonly Pool[];
  readonly autoscaler: AutoscalerSettings;
  readonly scoringStrategy: 'LeastAllocated' | 'MostAllocated';
  /** karpenter: the NodePools Karpenter provisions from (null: the cluster autoscaler's pools alone). */
  readonly karpenter: KarpenterDesign | null;
}

/** KarpenterDesign is Karpenter in a design: its NodePools, the zones it launches in, spot prices and interruption rates, and what every node of it shares. */
export interface KarpenterDesign {
  readonly nodePools: readonly KarpenterNodePool[];
  /** zones are where nodes launch: the scenario's zones, or [''] for a scenario without zones (no zone label). */
  readonly zones: readonly string[];
  readonly spot: SpotSettings;
  /** nodes: the settings every Karpenter node takes (delays, image pulls, kubelet, supervisor, reservation, DaemonSets); its size, price and labels come from the launch. */
  readonly nodes: Pool;
  /** base: what every node shares whatever its type (the reservation profile, DaemonSets, and defaults.maxPods where written, else each type's ENI limit). */
  readonly base: NodeBase;
}

/** KarpenterNodePool is a NodePool with the catalog types its requirements allow, cheapest first. */
export interface KarpenterNodePool extends NodePoolSpec {
  readonly instanceTypes: readonly string[];
}

export interface Pool {
  /** name is the node group's: the pool's, with its zone after a dash when it spans zones. */
  readonly name: string;
  /** nodePool is the pool as written, which may span several zones (node groups). */
  readonly nodePool: string;
  readonly zone: string | null;
  /** labels are on every node of the group (kubernetes.io/hostname is added per node). */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** instanceType is the catalog name, or null for an inline type. */
  readonly instanceType: string | null;
  /** capacityType: on-demand, or spot for a Karpenter node launched as spot. */
  readonly capacityType: 'on-demand' | 'spot';
  /** karpenter: the NodePool a Karpenter node group launches for (null: a node group of the cluster autoscaler's). */
  readonly karpenter: string | null;
  readonly node: NodeSpec;
  readonly pricePerHour: number;
  readonly min: number;
  readonly max: number;
  readonly initial: number;
  readonly provisioning: Distribution;
  readonly nodeStartup: Distribution;
  readonly imagePull: ImagePullSettings;
  readonly supervisor: SupervisorSpec;
  readonly kubelet: {
    readonly apiQPS: number;
    readonly apiBurst: number;
    readonly eventQPS: number;
    readonly eventBurst: number;
    readonly startup: Distribution;
  };
}

export interface ImagePullSettings {
  readonly nodeBandwidth: number;
  /** unpackRate is how fast one layer is decompressed as it streams in, in compressed bytes a second (Infinity: no limit). */
  readonly unpackRate: number;
  readonly serialize: boolean;
  readonly maxParallel: number;
  readonly registry: { readonly latencyMs: number; readonly bandwidth: number };
  readonly mirror: { readonly latencyMs: number; readonly bandwidth: number } | null;
  readonly peerToPeer: boolean;
  readonly prePulled: readonly string[];
  readonly registryQPS: number;
  readonly registryBurst: number;
}

export interface AutoscalerSettings {
  readonly enabled: boolean;
  readonly scanIntervalMs: number;
  readonly expander: 'least-waste' | 'most-pods' | 'least-nodes' | 'random' | 'price' | 'priority';
  readonly priorities: Readonly<Record<string, number>>;
  readonly maxNodesTotal: number;
  /** maxCoresTotal and maxMemoryTotalBytes: --max-cores-total and --max-memory-total (null: no limit). */
  readonly maxCoresTotal: number | null;
  readonly maxMemoryTotalBytes: number | null;
  readonly balanceSimilarNodeGroups: boolean;
  readonly maxNodeProvisionTimeMs: number;
  readonly scaleDownEnabled: boolean;
  readonly scaleDownUtilizationThreshold: number;
  readonly scaleDownUnneededTimeMs: number;
  readonly scaleDownDelayAfterAddMs: number;
  readonly scaleDownDelayAfterFailureMs: number;
  readonly maxEmptyBulkDelete: number;
  readonly newPodScaleUpDelayMs: number;
  readonly initialNodeGroupBackoffMs: number;
  readonly maxNodeGroupBackoffMs: number;
  readonly scaleDownUnreadyTimeMs: number;
  readonly okTotalUnreadyCount: number;
  readonly maxTotalUnreadyPercentage: number;
}

export interface Fault {
  readonly kind: 'kubeletCrash' | 'nodeLoss';
  /** when: once at a time, repeatedly with a random interval, or whenever a kubelet is overloaded (null: no such threshold). */
  readonly when:
    | { readonly atMs: number }
    | { readonly interval: Distribution }
    | { readonly overload: { readonly apiQueue: number | null; readonly podChurnPerMinute: number | null } };
  readonly pool: string | null;
  readonly target: { readonly nodes: number } | { readonly fraction: number };
  /** end is how a crashed kubelet ends: an exit status, or a signal (default SIGKILL, as `kill -9`). */
  readonly end: ProcessEnd;
}
