// Node pools, the cluster autoscaler's settings, faults and extra instance types.
import { z } from 'zod';
import { INSTANCE_TYPES, PROVIDERS } from '../../models/instance-types.js';
import { RESERVATION_PROFILES } from '../../models/reservation.js';
import { SIGNALS, type SignalName } from '../../models/supervisor.js';
import { INTERRUPTION_BANDS } from '../../models/karpenter/spot.js';
import {
  Bandwidth,
  Count,
  Cpu,
  CpuMemory,
  Duration,
  DurationDistribution,
  Fraction,
  Memory,
  MemoryWithUnit,
  Name,
  NodeCount,
  PricePerHour,
  WorkloadName,
} from './primitives.js';
import { Labels, Taint } from './placement.js';

/** Zone is a zone's name, as topology.kubernetes.io/zone carries it. */
export const Zone = z
  .string()
  .regex(
    /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'is not a zone name; expected a label value, e.g. us-east-1a',
  )
  .meta({ id: 'Zone' });

/** InlineInstance is an instance type written out: size, limits and price. */
export const InlineInstance = z
  .strictObject({
    provider: z.enum(PROVIDERS).optional().meta({ description: 'Picks the default reservation profile.' }),
    cpu: Cpu,
    memory: Memory,
    pricePerHour: PricePerHour.optional().meta({ description: 'On-demand USD per hour. Default 0.' }),
    maxPods: Count.optional(),
    podIPs: Count.optional(),
    attachableVolumes: Count.optional(),
    arch: z
      .enum(['amd64', 'arm64'])
      .optional()
      .meta({ description: 'kubernetes.io/arch of its nodes. Default amd64.' }),
  })
  .meta({ id: 'InstanceType' });

const Reservation = z.union([
  z.enum(RESERVATION_PROFILES.filter((p) => p !== 'custom') as ['gke', 'eks', 'aks', 'aks-legacy', 'none']),
  z.strictObject({
    custom: z.strictObject({
      kubeReserved: CpuMemory.optional(),
      systemReserved: CpuMemory.optional(),
      evictionHard: Memory.optional(),
    }),
  }),
]);

const Registry = z.strictObject({ latency: Duration.optional(), bandwidth: Bandwidth.optional() });

const ImagePull = z.strictObject({
  bandwidth: Bandwidth.optional().meta({ description: "A node's download bandwidth." }),
  unpackRate: Bandwidth.optional().meta({
    description:
      'How fast a node decompresses one layer as it streams in, in compressed bytes a second (one core; gzip). Default 88M/s (Go gzip, containerd/containerd#13559).',
  }),
  serialize: z.boolean().optional().meta({ description: 'serializeImagePulls; default true (EKS AMIs: false).' }),
  maxParallel: z.number().int().min(1).optional().meta({ description: 'maxParallelImagePulls when not serialized.' }),
  registry: Registry.optional(),
  mirror: Registry.optional().meta({ description: "A registry mirror inside the cluster's network." }),
  peerToPeer: z.boolean().optional().meta({ description: 'Nodes pull layers from peers that have them (Spegel).' }),
  prePulled: z.array(z.string().min(1)).optional().meta({ description: 'Images baked into the node image.' }),
  registryQPS: z.number().min(0).optional(),
  registryBurst: z.number().int().min(1).optional(),
});

const Supervisor = z.union([
  z.enum(['supervisord', 'systemd', 'kubeadm', 'eks-al2', 'eks-al2023', 'none']).meta({ description: 'A preset.' }),
  z.strictObject({
    supervisord: z.strictObject({
      startsecs: Duration.optional(),
      startretries: Count.optional(),
      autorestart: z.union([z.boolean(), z.literal('unexpected')]).optional(),
      exitcodes: z.array(z.number().int()).optional(),
      chatty: z.boolean().optional().meta({
        description:
          "The program keeps its pipes busy and wakes supervisord's loop, so an exit is reaped and respawned at once (the kubelet). false: a quiet program, reaped at the loop's next pass and respawned ~1 s later. Default true.",
      }),
      shellWrapper: z.boolean().optional().meta({
        description:
          'The program runs under a shell, so a death by signal N exits 128 + N (137 for SIGKILL) rather than status −1. Default false.',
      }),
    }),
  }),
  z.strictObject({
    systemd: z.strictObject({
      restart: z
        .enum(['no', 'always', 'on-success', 'on-failure', 'on-abnormal', 'on-abort', 'on-watchdog'])
        .optional(),
      restartSec: Duration.optional(),
      startLimitBurst: Count.optional(),
      startLimitInterval: Duration.optional(),
      restartSteps: Count.optional(),
      restartMaxDelay: Duration.optional(),
    }),
  }),
  z.strictObject({ none: z.strictObject({ humanResponse: DurationDistribution.optional() }) }),
]);

/** Pool is one node pool's settings; in `defaults` and in designs every field is optional, merged design over defaults. */
export const Pool = z
  .strictObject({
    // The enum only offers editors the built-in names; any name is accepted and checked against the catalogs.
    instanceType: z
      .union([z.enum(INSTANCE_TYPES.map((t) => t.name) as [string, ...string[]]), z.string().min(1), InlineInstance])
      .optional()
      .meta({
        description:
          'A built-in or catalog type name (see `poolsim instances`), or an inline { cpu, memory, pricePerHour }.',
      }),
    reservation: Reservation.optional().meta({ description: "Default: the instance's provider profile, else gke." }),
    min: NodeCount.optional(),
    max: NodeCount.optional(),
    initial: NodeCount.optional().meta({ description: 'Nodes at the start. Default min.' }),
    maxPods: z.number().int().min(1).max(5_000).optional(),
    podCidr: z
      .union([z.number().int(), z.string().regex(/^\/?\d+$/)])
      .optional()
      .meta({ description: 'Pod CIDR prefix per node, e.g. 24 or "/24".' }),
    attachableVolumes: Count.optional(),
    provisioning: DurationDistribution.optional().meta({ description: 'VM create to kubelet registered.' }),
    nodeStartup: DurationDistribution.optional().meta({
      description: 'Kubelet registered to Ready (CNI, DaemonSets).',
    }),
    daemonSets: z
      .array(z.strictObject({ name: WorkloadName, cpu: Cpu, memory: Memory, hostNetwork: z.boolean().optional() }))
      .optional(),
    imagePull: ImagePull.optional(),
    supervisor: Supervisor.optional().meta({ description: 'What restarts a crashed kubelet.' }),
    kubelet: z
      .strictObject({
        apiQPS: z
          .number()
          .min(0)
          .optional()
          .meta({ description: 'kubeAPIQPS; default 5 before 1.27, 50 from 1.27; 0 means no limit.' }),
        apiBurst: z
          .number()
          .int()
          .min(1)
          .optional()
          .meta({ description: 'kubeAPIBurst; default 10 before 1.27, 100 from 1.27.' }),
        eventQPS: z
          .number()
          .min(0)
          .optional()
          .meta({ description: 'eventRecordQPS; default 5 before 1.27, 50 from 1.27.' }),
        eventBurst: z
          .number()
          .int()
          .min(1)
          .optional()
          .meta({ description: 'eventBurst; default 10 before 1.27, 100 from 1.27.' }),
        startup: DurationDistribution.optional().meta({
          description: "A restarted kubelet's start-up before it renews its lease again.",
        }),
      })
      .optional(),
    pricePerHour: PricePerHour.optional().meta({ description: "Overrides the instance type's price." }),
    zones: z.array(Zone).min(1).optional().meta({
      description:
        "The zones the pool spans, from the scenario's zones: one node group per zone, as cloud node groups are, with min, max and initial per zone (as a GKE node pool's). Default: every scenario zone (none without them).",
    }),
    labels: Labels.optional().meta({
      description:
        'Labels on every node, beside the well-known ones the cloud sets (kubernetes.io/hostname, topology.kubernetes.io/zone, node.kubernetes.io/instance-type, kubernetes.io/arch, kubernetes.io/os).',
    }),
    taints: z.array(Taint).optional().meta({
      description: 'Taints on every node, e.g. [{ key: dedicated, value: batch, effect: NoSchedule }].',
    }),
  })
  .meta({ id: 'Pool' });

/** Autoscaler is the cluster autoscaler's settings (upstream flag names in camelCase). */
export const Autoscaler = z
  .strictObject({
    enabled: z.boolean().optional(),
    scanInterval: Duration.optional(),
    expander: z.enum(['least-waste', 'most-pods', 'least-nodes', 'random', 'price', 'priority']).optional(),
    priorities: z
      .record(Name, z.number().int())
      .optional()
      .meta({ description: 'Pool priorities for the priority expander.' }),
    maxNodesTotal: NodeCount.optional().meta({ description: '0 means no limit, as upstream.' }),
    maxCoresTotal: Count.optional().meta({
      description:
        "--max-cores-total: the cluster's cores (each node's CPU rounded up), upcoming nodes included, beyond which no node is added. Default: no limit.",
    }),
    maxMemoryTotal: MemoryWithUnit.optional().meta({
      description:
        "--max-memory-total: the cluster's memory (e.g. 2Ti), beyond which no node is added. Default: no limit.",
    }),
    balanceSimilarNodeGroups: z.boolean().optional().meta({
      description:
        '--balance-similar-node-groups: split a scale-up among pools of the same machines that take the same pods, smallest first. Default false.',
    }),
    maxNodeProvisionTime: Duration.optional(),
    scaleDownEnabled: z.boolean().optional(),
    scaleDownUtilizationThreshold: Fraction.optional(),
    scaleDownUnneededTime: Duration.optional(),
    scaleDownDelayAfterAdd: Duration.optional(),
    scaleDownDelayAfterFailure: Duration.optional(),
    maxEmptyBulkDelete: z.number().int().min(1).optional(),
    newPodScaleUpDelay: Duration.optional(),
    initialNodeGroupBackoff: Duration.optional(),
    maxNodeGroupBackoff: Duration.optional(),
    scaleDownUnreadyTime: Duration.optional().meta({
      description: 'How long an unready node must be unneeded before removal. Default 20m.',
    }),
    okTotalUnreadyCount: Count.optional().meta({
      description: 'Unready nodes always tolerated before the cluster counts as unhealthy. Default 3.',
    }),
    maxTotalUnreadyPercentage: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .meta({ description: 'Unready share (percent) beyond which the autoscaler stops. Default 45.' }),
  })
  .meta({ id: 'Autoscaler' });

const FaultTarget = {
  at: Duration.optional().meta({ description: 'Once, at this time.' }),
  interval: DurationDistribution.optional().meta({
    description: 'Again and again, this long apart (e.g. { exponential: { mean: 6h } }).',
  }),
  pool: Name.optional().meta({ description: 'Only nodes of this pool. Default: any pool.' }),
  nodes: NodeCount.min(1).optional().meta({ description: 'How many nodes. Default 1.' }),
  fraction: Fraction.optional().meta({ description: 'Or: this fraction of the nodes (rounded; at least one).' }),
};

/** Fault is a kubelet crash or a node loss, at a time or at a random rate. */
export const Fault = z.union([
  z.strictObject({
    kubeletCrash: z.strictObject({
      ...FaultTarget,
      exitCode: z
        .number()
        .int()
        .min(0)
        .max(255)
        .optional()
        .meta({ description: 'The kubelet exits with this status (instead of a signal).' }),
      signal: z
        .enum(Object.keys(SIGNALS) as [SignalName, ...SignalName[]])
        .optional()
        .meta({
          description: 'The signal that kills the kubelet (instead of an exit status). Default SIGKILL (kill -9).',
        }),
      overload: z
        .strictObject({
          apiQueue: Count.optional().meta({
            description: "Crash when more than this many API requests wait for the kubelet's QPS limit.",
          }),
          podChurn: Count.optional().meta({
            description: 'Crash when more than this many pods start or stop on the node within a minute.',
          }),
        })
        .optional()
        .meta({ description: 'Instead of at or interval: crash any kubelet under this load (an avalanche).' }),
    }),
  }),
  z.strictObject({ nodeLoss: z.strictObject(FaultTarget) }),
  z.strictObject({
    zoneOutage: z
      .strictObject({
        zone: Zone,
        at: Duration.meta({ description: 'When the zone goes dark.' }),
        duration: Duration.meta({ description: 'How long it stays dark; its nodes come back after.' }),
      })
      .meta({
        description:
          "A zone's network goes dark: its kubelets stop renewing their leases (the nodes turn NotReady, their pods are evicted after their toleration) and the cloud creates no node there until it is back.",
      }),
  }),
]);

/** Scheduler is kube-scheduler's NodeResourcesFit scoring strategy. */
export const Scheduler = z.strictObject({
  scoringStrategy: z
    .enum(['LeastAllocated', 'MostAllocated'])
    .optional()
    .meta({ description: 'LeastAllocated (the default) spreads pods over nodes; MostAllocated packs them.' }),
});

const SpotDiscount = z
  .number()
  .min(0)
  .max(0.95)
  .meta({ description: 'The spot price is the on-demand price less this fraction (0.6: 60% off).' });
const InterruptionBand = z.enum(INTERRUPTION_BANDS).meta({
  description:
    "The Spot Instance Advisor's interruption-frequency band: the share of instances interrupted in a month.",
});

/** Karpenter is Karpenter in a design: the NodePools (from included manifests) it launches nodes for. */
export const Karpenter = z
  .strictObject({
    nodePools: z
      .array(Name)
      .min(1)
      .meta({ description: 'Names of karpenter.sh/v1 NodePool objects in the included manifests.' }),
    provisioning: DurationDistribution.optional().meta({
      description: 'Launch to kubelet registered. Default: defaults.provisioning, else its default.',
    }),
    nodeStartup: DurationDistribution.optional().meta({
      description: 'Kubelet registered to Ready. Default: defaults.nodeStartup, else its default.',
    }),
    spot: z
      .strictObject({
        discount: SpotDiscount.optional().meta({ description: 'Default 0.6.' }),
        interruption: InterruptionBand.optional().meta({ description: 'Default 5-10%.' }),
        instanceTypes: z
          .record(
            z.string().min(1).max(64),
            z.strictObject({ discount: SpotDiscount.optional(), interruption: InterruptionBand.optional() }),
          )
          .optional()
          .meta({ description: 'Per instance type, over the defaults above.' }),
      })
      .optional(),
  })
  .meta({ description: 'Karpenter provisions and consolidates nodes for pending pods from these NodePools.' });

/** Design is one node-pool design to compare. */
export const Design = z.strictObject({
  description: z.string().optional(),
  pools: z
    .record(Name, Pool)
    .optional()
    .meta({ description: "The cluster autoscaler's node pools. Default: none (Karpenter's alone)." }),
  karpenter: Karpenter.optional(),
  autoscaler: Autoscaler.optional(),
  scheduler: Scheduler.optional(),
});
