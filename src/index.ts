// poolsim's library API: the engine and the pure models, for scripts and notebooks.
export * from './sim/index.js';
export {
  nodeAllocatable,
  podsThatFit,
  podIPsForCidr,
  FIT_LIMITS,
  type NodeSpec,
  type NodeBreakdown,
  type DaemonSetPod,
  type Fit,
  type FitLimit,
} from './models/allocatable.js';
export {
  reservationFor,
  tieredCpuReservedMilli,
  tieredMemoryReservedBytes,
  gkeMemoryReservedBytes,
  eksMemoryReservedBytes,
  aksCpuReservedMilli,
  aksMemoryReservedBytes,
  RESERVATION_PROFILES,
  type ReservationProfile,
  type ReservationProfileName,
  type Reservation,
  type NodeShape,
} from './models/reservation.js';
export {
  parseQuantity,
  parseCpuMilli,
  parseMemoryBytes,
  parseMilli,
  parseWhole,
  ceilScaled,
  QuantityError,
  type Quantity,
  type QuantityInput,
} from './models/quantity.js';
export {
  INSTANCE_TYPES,
  PRICE_SOURCES,
  PROVIDERS,
  findInstanceType,
  type InstanceType,
  type Provider,
} from './models/instance-types.js';
export { KiB, MiB, GiB, TiB, MB, GB } from './models/units.js';
export {
  insufficientResources,
  fitsResources,
  freeResources,
  podRequest,
  type Resources,
  type NodeResources,
  type PodRequest,
  type PodAsk,
  type ResourceName,
} from './models/resources.js';
export {
  capacityReport,
  renderCapacityReport,
  capacityJson,
  type CapacityInput,
  type CapacityReport,
} from './report/capacity.js';
export { InputError } from './util/errors.js';
export {
  hpaResourceReplicas,
  hpaAverageValueReplicas,
  hpaBehaviorReplicas,
  hpaStabilize,
  hpaStabilizeLegacy,
  hpaLegacyReplicas,
  type HpaPod,
  type HpaResourceInput,
  type HpaAverageValueInput,
  type HpaResourceResult,
  type Tolerance,
  type HpaRules,
  type HpaScaleEvent,
  type HpaRecommendation,
  type HpaCondition,
} from './models/hpa.js';
export { requestRate, componentRate, type LoadComponent } from './models/load.js';
export { getPodsToDelete, comparePodsForDeletion, type RankedPod } from './models/replicaset.js';
export {
  fitsRequest,
  filterNode,
  describeUnschedulable,
  REASONS,
  type InsufficientResource,
  type NodeUsage,
} from './models/scheduler/filter.js';
export {
  runFilterPlugins,
  FILTER_PLUGINS,
  runScorePlugins,
  SCORE_PLUGINS,
  SYSTEM_DEFAULT_CONSTRAINTS,
  type DefaultConstraints,
  type NodeScore,
  type ScoreInput,
  type ScoreOptions,
  type ClusterEntry,
  type Code,
  type FilterInput,
  type FilterResult,
} from './models/scheduler/plugins/index.js';
export {
  leastRequestedScore,
  mostRequestedScore,
  resourceAllocationScore,
  balancedAllocationScore,
  numFeasibleNodesToFind,
  type ScoringStrategy,
} from './models/scheduler/score.js';
export {
  scheduleOne,
  type PendingPod,
  type SchedulableNode,
  type SchedulingContext,
  type ScheduleResult,
} from './models/scheduler/schedule-one.js';
export { calculateBackoffDuration } from './models/scheduler/queue.js';
export { NodeIndex } from './models/scheduler/node-index.js';
export { loadScenario, loadScenarioText, type LoadResult } from './scenario/load.js';
export type { Scenario } from './scenario/model.js';
export { parseDuration, formatDuration } from './scenario/duration.js';
export {
  estimateNodes,
  podGroupScore,
  type EstimateInput,
  type NodeTemplate,
  type PodGroup,
} from './models/cluster-autoscaler/estimator.js';
export { whyNoScaleUp } from './models/cluster-autoscaler/scale-up.js';
export {
  orchestrateScaleUp,
  MAX_NODES_PER_SCALE_UP,
  type OrchestratorInput,
  type OrchestratorNodeGroup,
  type OrchestratorOption,
  type OrchestratorResult,
} from './models/cluster-autoscaler/orchestrator.js';
export {
  QuotaTracker,
  type Quota,
  type QuotaCheck,
  type QuotaResource,
} from './models/cluster-autoscaler/resource-quotas.js';
export { balanceScaleUpBetweenGroups, isNodeInfoSimilar } from './models/cluster-autoscaler/node-group-set.js';
export {
  unneededNodes,
  nodesToRemove,
  trackUnneeded,
  utilization,
  type Candidate,
  type Destination,
  type ScaleDownLimits,
} from './models/cluster-autoscaler/scale-down.js';
export {
  expanderBestOptions,
  type ExpanderConfig,
  type ExpanderName,
  type ExpanderOption,
  type ExpanderPod,
} from './models/cluster-autoscaler/expander-filters.js';
export {
  expanderConfigFor,
  podPrice,
  preferredNodeCpuMilli,
  type Expander,
  type ExpanderPool,
} from './models/cluster-autoscaler/expander.js';
export { backoff, isBackedOff, type BackoffInfo, type BackoffSettings } from './models/cluster-autoscaler/backoff.js';
export { planProvision, type ProvisionPlan } from './models/provisioner.js';
export {
  maxMinFairRates,
  imagePullBackoffMs,
  pullSlots,
  layerSource,
  type LayerSource,
} from './models/image-puller.js';
export { tryAccept, reserveToken, fullBucket, type TokenBucket } from './models/token-bucket.js';
export { startupBreakdown, type StartupBreakdown } from './simulate/startup-breakdown.js';
export {
  supervisorTimeline,
  systemdShallRestart,
  systemdRestartDelayMs,
  type SupervisorInput,
  type SupervisorTransition,
  type Exit,
} from './models/supervisor.js';
export {
  steadyStreams,
  ticksWithin,
  kubeletStartRequests,
  podStartRequests,
  podStatusSyncRequests,
  API_REQUEST_KINDS,
  type ApiRequest,
  type ApiRequestKind,
  type SteadyStream,
} from './models/kubelet.js';
export {
  serviceRate,
  advanceQueue,
  latencyMs,
  DEFAULT_API_SERVER,
  type ApiServerSettings,
  type ClassQueue,
} from './models/apiserver.js';
export { readyUnknownAtMs, computeZoneState, taintingRate, type ZoneState } from './models/node-lifecycle.js';
export { isClusterHealthy } from './models/cluster-autoscaler/clusterstate.js';
