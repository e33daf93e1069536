// The scenario file, top level.
import { z } from 'zod';
import { z as zod } from 'zod';
import { Count, Duration, Name, WorkloadName } from './primitives.js';

// A version written unquoted is a YAML number, and 1.30 reads as 1.3: insist on quotes.
const KubernetesVersion = zod
  .union([zod.string(), zod.number()])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: `${v} is a number to YAML (1.30 would read as 1.3); expected the version quoted, e.g. "${v}"`,
      });
      return zod.NEVER;
    }
    if (!/^v?1\.\d+(\.\d+)?$/.test(v)) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: `${JSON.stringify(v)} is not a Kubernetes version; expected e.g. "1.31"`,
      });
      return zod.NEVER;
    }
    return v;
  })
  .meta({
    id: 'KubernetesVersion',
    description: 'A Kubernetes version, quoted: "1.31".',
    pattern: '^v?1\\.[0-9]+(\\.[0-9]+)?$',
  });
import { Autoscaler, Design, Fault, InlineInstance, Karpenter, Pool, Scheduler, Zone } from './pool.js';
import { Load, Workload } from './workload.js';
import { PodDisruptionBudget, PriorityClass } from './placement.js';

/** ScenarioFile is what a scenario YAML file holds, as written. */
export const ScenarioFile = z
  .strictObject({
    name: Name.meta({ description: 'Names the output directory, out/<name>/.' }),
    description: z.string().optional(),
    duration: Duration.meta({ description: 'How much time to simulate.' }),
    seed: z.number().int().min(0).optional().meta({ description: 'Seeds every random stream. Default 1.' }),
    kubernetesVersion: KubernetesVersion.optional().meta({
      description: 'Drives version-dependent defaults (kubelet API QPS, node monitor grace period). Default "1.34".',
    }),
    sampleInterval: Duration.optional().meta({ description: 'Timeline resolution. Default 10s.' }),
    start: z.enum(['steady', 'cold']).optional().meta({
      description:
        'How the run begins. steady (default): the initial replicas Running and Ready on the initial nodes, their images cached, the kubelets in their steady request pattern. cold: an empty cluster at t = 0 (every pod created, scheduled, pulled and started).',
    }),
    warmup: Duration.optional().meta({
      description:
        'The first part of the run left out of every summary metric and of compare; timelines keep it, marked, and charts shade it. Default 0.',
    }),
    zones: z.array(Zone).min(1).optional().meta({
      description:
        "The cluster's zones. Pools span all of them unless they name their own; the node lifecycle controller and zone outages work zone by zone.",
    }),
    include: z.array(z.string().min(1)).optional().meta({
      description:
        'Kubernetes manifests (Deployment, StatefulSet, HorizontalPodAutoscaler, DaemonSet, PodDisruptionBudget, PriorityClass) to take workloads from.',
    }),
    workloads: z.record(WorkloadName, Workload).optional().meta({
      description: 'Workloads by name, or namespace/name for one in a namespace (as an included manifest names it).',
    }),
    load: z.record(WorkloadName, Load).optional(),
    priorityClasses: z.record(WorkloadName, PriorityClass).optional().meta({
      description: 'PriorityClasses by name, beside the built-in system-cluster-critical and system-node-critical.',
    }),
    podDisruptionBudgets: z.record(WorkloadName, PodDisruptionBudget).optional().meta({
      description: 'PodDisruptionBudgets by name (namespace/name for one from a manifest in a namespace).',
    }),
    defaults: Pool.optional().meta({ description: 'Pool settings every pool of every design starts from.' }),
    autoscaler: Autoscaler.optional(),
    apiServer: z
      .strictObject({
        maxRequestsInflight: Count.min(1)
          .optional()
          .meta({ description: '--max-requests-inflight (reads). Default 400.' }),
        maxMutatingRequestsInflight: Count.min(1)
          .optional()
          .meta({ description: '--max-mutating-requests-inflight (writes). Default 200.' }),
        readServiceTime: Duration.optional().meta({ description: 'Time a read holds its slot. Default 5ms.' }),
        writeServiceTime: Duration.optional().meta({
          description: 'Time a write holds its slot (etcd commit included). Default 25ms.',
        }),
      })
      .optional()
      .meta({ description: 'kube-apiserver capacity: overload shows up as latency.' }),
    scheduler: Scheduler.optional(),
    designs: z.record(Name, Design),
    faults: z.array(Fault).optional(),
    catalog: z
      .record(z.string().min(1), InlineInstance)
      .optional()
      .meta({ description: 'Extra or overridden instance types.' }),
    sweep: z
      .strictObject({
        design: Name.optional().meta({ description: 'The design whose variants are run. Default: the first design.' }),
        vary: z
          .record(
            z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, {
              message: 'is not a dotted path; expected e.g. pools.main.instanceType',
            }),
            z.array(z.unknown()).min(1),
          )
          .meta({
            description:
              'Dotted paths, into the design (pools.main.max) or the scenario (workloads.app.replicas), each with the values to try; `poolsim sweep` runs the cross product.',
          }),
      })
      .optional()
      .meta({ description: 'Variants of one design for `poolsim sweep` (ignored by `poolsim run`).' }),
  })
  .meta({ title: 'poolsim scenario', description: 'Workloads, their load, and the node-pool designs to compare.' });

export type ScenarioFileOutput = z.output<typeof ScenarioFile>;
export type PoolOutput = z.output<typeof Pool>;
export type AutoscalerOutput = z.output<typeof Autoscaler>;
export type KarpenterOutput = z.output<typeof Karpenter>;

/** scenarioJsonSchema is the JSON Schema of the written format, for editors (`poolsim schema`). */
export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(ScenarioFile, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as unknown as { definitions: Record<string, { type?: unknown }> };
  // The parser takes a number only to explain why it must be quoted; editors should ask for text.
  schema.definitions.KubernetesVersion!.type = 'string';
  return schema;
}
