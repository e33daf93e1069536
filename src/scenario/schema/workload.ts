// Workloads (Deployments and StatefulSets), their HPAs, and the load that drives them.
import { z } from 'zod';
import {
  Count,
  Cpu,
  CpuMemory,
  Duration,
  DurationDistribution,
  Memory,
  MemoryWithUnit,
  Replicas,
  Rps,
  RpsChange,
} from './primitives.js';
import { Affinity, Labels, Toleration, TopologySpreadConstraints } from './placement.js';

const ScalingPolicy = z.strictObject({
  type: z.enum(['Pods', 'Percent']),
  value: z.number().int().min(1),
  period: Duration.meta({ description: 'periodSeconds, written as a duration (15s).' }),
});

/** HpaScalingRules is one direction of autoscaling/v2 `behavior`; absent fields take upstream's defaults. */
const HpaScalingRules = z.strictObject({
  stabilizationWindow: Duration.optional().meta({
    description: 'stabilizationWindowSeconds as a duration; upstream default 0s up, 5m down.',
  }),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z.array(ScalingPolicy).optional(),
  tolerance: z.number().min(0).max(1).optional().meta({
    description: "This direction's tolerance (KEP-4951, Kubernetes 1.33). Default: the HPA's tolerance.",
  }),
});

/** HpaMetric is one resource metric target: utilization (percent of request) or average value. */
const HpaMetric = z
  .strictObject({
    resource: z.enum(['cpu', 'memory']),
    targetUtilization: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "averageUtilization: percent of the pods' request." }),
    targetAverageValue: z
      .union([z.string(), z.number()])
      .optional()
      .meta({ description: 'averageValue: a CPU or memory quantity per pod.' }),
  })
  .meta({ description: 'A Resource metric: give targetUtilization or targetAverageValue.' });

/** Hpa is an autoscaling/v2 HorizontalPodAutoscaler for its workload. */
const Hpa = z.strictObject({
  minReplicas: Replicas.min(1).optional().meta({ description: 'Default 1.' }),
  maxReplicas: Replicas.min(1),
  metrics: z.array(HpaMetric).min(1).optional().meta({ description: 'Default: cpu at 80% utilization, as upstream.' }),
  behavior: z
    .strictObject({ scaleUp: HpaScalingRules.optional(), scaleDown: HpaScalingRules.optional() })
    .optional()
    .meta({
      description: 'Absent: the legacy path (scale-up limit max(2 × current, 4), 5 min downscale stabilization).',
    }),
  tolerance: z.number().min(0).max(1).optional().meta({ description: 'Default 0.1.' }),
});

// A count of pods, or a percentage of the desired count ("25%"), as in a Deployment's strategy.
const SurgeOrUnavailable = z.union([
  Count,
  z.string().regex(/^\d+%$/, { message: 'is not a count or a percentage; expected e.g. 1 or "25%"' }),
]);

const Image = z.strictObject({
  name: z.string().min(1),
  size: Memory.optional().meta({
    description: 'Compressed size a node downloads, e.g. 1G. Default 0: nothing to pull.',
  }),
  layers: z
    .array(
      z.union([
        Memory,
        z.strictObject({
          size: Memory,
          digest: z.string().min(1).max(200).meta({
            description:
              'Names the layer: images with a layer of the same digest share it, and a node that has it does not pull it again.',
          }),
        }),
      ]),
    )
    .min(1)
    .optional()
    .meta({
      description:
        'Layer sizes (e.g. [775M, 200M, 25M]), or { size, digest } for a layer shared with other images (a base layer a new tag keeps); they add up to size. Default: one layer.',
    }),
});

/** Workload is a Deployment or StatefulSet as the scenario writes it. */
export const Workload = z
  .strictObject({
    kind: z.enum(['Deployment', 'StatefulSet']).optional().meta({ description: 'Default Deployment.' }),
    replicas: Replicas.optional().meta({ description: "Initial replicas; default 1 (or the HPA's minReplicas)." }),
    requests: CpuMemory.partial()
      .optional()
      .meta({ description: 'Requests of one replica (all containers together).' }),
    limits: CpuMemory.partial().optional().meta({
      description:
        'Limits of one replica (all containers together): CPU beyond its request up to this (CFS quota); memory past it is OOMKilled. Absent: none.',
    }),
    image: Image.optional(),
    containerStart: DurationDistribution.optional().meta({
      description: 'From image present to container running. Default 1s.',
    }),
    readinessDelay: DurationDistribution.optional().meta({
      description: 'From container running to Ready. Default 0s.',
    }),
    terminationGracePeriod: Duration.optional().meta({ description: 'Default 30s.' }),
    volumesPerReplica: Count.optional().meta({
      description: 'StatefulSet volumeClaimTemplates: volumes each replica attaches.',
    }),
    hostPort: z.number().int().min(1).max(65535).optional(),
    spread: z
      .boolean()
      .optional()
      .meta({ description: 'Spread replicas across nodes (topology spread, max skew 1). Default false.' }),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label, e.g. shop')
      .optional()
      .meta({ description: "The pods' namespace, for pod affinity terms and spread selectors. Default default." }),
    labels: Labels.optional().meta({
      description:
        "The pod template's labels, which selectors in spread constraints and pod affinity match. Default { app: <workload name> }.",
    }),
    nodeSelector: Labels.optional().meta({
      description: 'Node labels the pods require (spec.nodeSelector).',
    }),
    doNotDisrupt: z.boolean().optional().meta({
      description:
        'The pods carry the annotation karpenter.sh/do-not-disrupt: "true": Karpenter does not consolidate a node that runs one. Default false.',
    }),
    tolerations: z.array(Toleration).optional().meta({
      description:
        'Taints the pods tolerate (spec.tolerations). A NoExecute toleration of node.kubernetes.io/not-ready or unreachable sets how long the pods stay on a failed node (default 300 s).',
    }),
    affinity: Affinity.optional().meta({
      description: 'Node affinity and pod (anti-)affinity (spec.affinity), required or preferred.',
    }),
    priorityClassName: z.string().min(1).optional().meta({
      description:
        "The pods' PriorityClass (under priorityClasses, or system-cluster-critical / system-node-critical): the queue's order, preemption, and the autoscaler's expendable cutoff (below -10 it adds no node for them).",
    }),
    topologySpreadConstraints: TopologySpreadConstraints.optional().meta({
      description:
        'spec.topologySpreadConstraints, on any node label (kubernetes.io/hostname, topology.kubernetes.io/zone).',
    }),
    scale: z
      .array(z.strictObject({ at: Duration, replicas: Replicas }))
      .optional()
      .meta({ description: 'Replica changes at given times, as `kubectl scale` would make them.' }),
    podManagementPolicy: z.enum(['OrderedReady', 'Parallel']).optional().meta({
      description:
        'A StatefulSet: OrderedReady (default) creates one pod at a time in ordinal order, each after the one before is Running and Ready, and removes from the highest; Parallel all at once.',
    }),
    updateStrategy: z
      .strictObject({
        type: z.enum(['RollingUpdate', 'OnDelete']).optional().meta({ description: 'Default RollingUpdate.' }),
        partition: Count.optional().meta({
          description: 'RollingUpdate: ordinals below it keep the old template. Default 0.',
        }),
        maxUnavailable: SurgeOrUnavailable.optional().meta({
          description: 'RollingUpdate: pods updated at once (a count or a percentage). Default 1.',
        }),
      })
      .optional()
      .meta({
        description:
          "A StatefulSet's spec.updateStrategy: RollingUpdate replaces pods from the highest ordinal down to the partition; OnDelete only when a pod is deleted.",
      }),
    strategy: z
      .strictObject({
        type: z.enum(['RollingUpdate', 'Recreate']).optional().meta({ description: 'Default RollingUpdate.' }),
        maxSurge: SurgeOrUnavailable.optional().meta({
          description: 'RollingUpdate: pods above the desired count during a rollout. Default 25%.',
        }),
        maxUnavailable: SurgeOrUnavailable.optional().meta({
          description: 'RollingUpdate: pods below the desired count during a rollout. Default 25%.',
        }),
      })
      .optional()
      .meta({ description: "A Deployment's spec.strategy: how a rollout replaces its pods." }),
    minReady: Duration.optional().meta({
      description: 'minReadySeconds: how long a new pod is Ready before it counts as available. Default 0s.',
    }),
    progressDeadline: Duration.optional().meta({
      description:
        'progressDeadlineSeconds: a rollout making no progress this long is ProgressDeadlineExceeded. Default 10m.',
    }),
    rollouts: z
      .array(
        z.strictObject({
          at: Duration,
          from: z.string().min(1).optional().meta({
            description:
              "A manifest file (in the scenario's folder) holding the workload's new version: its first container's image is the rollout's (restate its size under image).",
          }),
          image: Image.optional().meta({
            description: "The new pod template's image (a new tag, with its size and layers). Default: the same image.",
          }),
          maxSurge: SurgeOrUnavailable.optional().meta({
            description: 'Pods above the desired count during the rollout. Default 25%.',
          }),
          maxUnavailable: SurgeOrUnavailable.optional().meta({
            description: 'Pods below the desired count during the rollout. Default 25%.',
          }),
        }),
      )
      .optional()
      .meta({
        description:
          "Rolling replacements of every pod (a new pod template), as a Deployment's RollingUpdate strategy does them.",
      }),
    hpa: Hpa.optional(),
  })
  .meta({ id: 'Workload' });

/** LoadProfile is one component of a request-rate profile; a list of them is summed. */
const LoadProfile = z.union([
  z.strictObject({ constant: Rps }),
  z
    .strictObject({ step: z.strictObject({ at: Duration, rps: RpsChange }) })
    .meta({ description: 'Adds rps (may be negative) from `at` on.' }),
  z
    .strictObject({ ramp: z.strictObject({ start: Duration, end: Duration, from: Rps.optional(), to: Rps }) })
    .meta({ description: 'From `from` (default 0) before start, linearly to `to` at end, `to` after.' }),
  z.strictObject({ spike: z.strictObject({ at: Duration, duration: Duration, rps: Rps }) }),
  z
    .strictObject({
      diurnal: z.strictObject({ mean: Rps, amplitude: Rps, period: Duration.optional(), peakAt: Duration.optional() }),
    })
    .meta({ description: 'mean + amplitude × cos(2π (t − peakAt) / period); period default 24h, peakAt default 14h.' }),
  z
    .strictObject({ trace: z.strictObject({ file: z.string().min(1), scale: z.number().min(0).optional() }) })
    .meta({ description: 'A CSV file of time,rps rows (time a duration or seconds); held until the next row.' }),
]);

/**
 * Load is the request rate a workload serves over time, what a request costs in CPU, and the
 * memory its pods use. Without a profile it serves nothing, and only its memory fields apply.
 */
export const Load = z.strictObject({
  cpuPerRequest: Cpu.optional().meta({
    description: 'CPU one request per second costs a pod, e.g. 2m. Needed with a profile.',
  }),
  baseCpu: Cpu.optional().meta({ description: 'CPU a pod uses with no load. Default 0. Needs a profile.' }),
  profile: z
    .union([LoadProfile, z.array(LoadProfile).min(1)])
    .optional()
    .meta({ description: 'The request rate over time. Absent: no requests (a pod that uses memory only).' }),
  baseMemory: MemoryWithUnit.optional().meta({
    description: 'Working set of one pod with no load, e.g. 256Mi. Default 0.',
  }),
  memoryPerRps: MemoryWithUnit.optional().meta({
    description: 'Working set each request a second a pod serves adds, e.g. 2Mi. Needs a profile.',
  }),
  leak: MemoryWithUnit.optional().meta({
    description:
      "Growth of a running container's working set per hour (a leak), e.g. 50Mi; a restart starts it again. Default 0.",
  }),
});
