// A workload's pods as the scheduler and the taint eviction controller read them: the pod template's
// namespace and labels and where it may run, in Kubernetes' own shape, with what the API server's
// admission adds (DefaultTolerationSeconds).
import { DO_NOT_DISRUPT } from '../models/karpenter/pod-requirements.js';
import { replicaSetPodTemplate } from '../models/deployment.js';
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import { TO_BE_DELETED_TAINT } from '../models/cluster-autoscaler/scale-down.js';
import { UNREACHABLE_TAINT } from '../models/node-lifecycle.js';
import { NOT_READY_TAINT } from '../models/provisioner.js';
import { toleratesTaint } from '../models/scheduler/plugins/selectors.js';
import type { Located } from './issues.js';
import type { ScenarioFileOutput } from './schema/scenario.js';

type WrittenWorkload = NonNullable<ScenarioFileOutput['workloads']>[string];

/** UNREACHABLE_NO_EXECUTE is the taint the node lifecycle controller puts on a node whose kubelet went silent. */
const UNREACHABLE_NO_EXECUTE = { key: UNREACHABLE_TAINT, effect: 'NoExecute' } as const;

/** DEFAULT_TOLERATION_SECONDS is DefaultTolerationSeconds' --default-unreachable-toleration-seconds. */
const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * withDefaultTolerations is the DefaultTolerationSeconds admission plugin
 * (kubernetes/kubernetes plugin/pkg/admission/defaulttolerationseconds/admission.go): a pod that
 * does not tolerate not-ready or unreachable NoExecute (a toleration with that key, or none, and
 * that effect, or none) gets one for 300 s.
 */
function withDefaultTolerations(tolerations: readonly Toleration[]): Toleration[] {
  const covers = (key: string) =>
    tolerations.some(
      (t) => ((t.key ?? '') === key || (t.key ?? '') === '') && ((t.effect ?? '') === 'NoExecute' || !t.effect),
    );
  const added = [NOT_READY_TAINT, UNREACHABLE_NO_EXECUTE.key]
    .filter((key) => !covers(key))
    .map((key) => ({
      key,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
    }));
  return [...tolerations, ...added];
}

/**
 * unreachableTolerationMs is how long the taint eviction controller leaves a pod on an unreachable
 * node (kubernetes/kubernetes pkg/controller/tainteviction getMinTolerationTime): at once when no
 * toleration matches, for ever when one matching has no tolerationSeconds, else the least of them
 * (negative counts as 0).
 */
export function unreachableTolerationMs(tolerations: readonly Toleration[]): number | null {
  const matching = tolerations.filter((t) => toleratesTaint(t, UNREACHABLE_NO_EXECUTE));
  if (matching.length === 0) return 0;
  if (matching.some((t) => t.tolerationSeconds === undefined)) return null;
  return Math.max(0, Math.min(...matching.map((t) => t.tolerationSeconds!))) * 1000;
}

type WrittenClasses = NonNullable<ScenarioFileOutput['priorityClasses']>;

/** SYSTEM_PRIORITY_CLASSES are the classes every cluster has (pkg/apis/scheduling/types.go). */
const SYSTEM_PRIORITY_CLASSES: WrittenClasses = {
  'system-cluster-critical': { value: 2_000_000_000 },
  'system-node-critical': { value: 2_000_001_000 },
};

/** PodPriority is what the Priority admission plugin sets on a pod: its priority and preemption policy. */
export interface PodPriority {
  readonly className: string | null;
  readonly value: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
}

/**
 * podPriority is the Priority admission plugin (kubernetes/kubernetes plugin/pkg/admission/priority):
 * the named class's value and policy; with no name, the globalDefault class's, else 0. An unknown
 * class is a problem at the workload's priorityClassName.
 */
export function podPriority(
  workload: string,
  className: string | undefined,
  written: WrittenClasses,
  problems: Located[],
): PodPriority {
  const classes = { ...SYSTEM_PRIORITY_CLASSES, ...written };
  if (className === undefined) {
    const fallback = Object.entries(written).find(([, c]) => c.globalDefault === true);
    if (fallback === undefined) return { className: null, value: 0, preemptionPolicy: 'PreemptLowerPriority' };
    return {
      className: fallback[0],
      value: fallback[1].value,
      preemptionPolicy: fallback[1].preemptionPolicy ?? 'PreemptLowerPriority',
    };
  }
  const c = Object.hasOwn(classes, className) ? classes[className] : undefined;
  if (c === undefined) {
    problems.push({
      path: ['workloads', workload, 'priorityClassName'],
      message: `no PriorityClass "${className}" is defined; expected one of ${Object.keys(classes).join(', ')} (define it under priorityClasses, or include its manifest)`,
    });
    return { className, value: 0, preemptionPolicy: 'PreemptLowerPriority' };
  }
  return { className, value: c.value, preemptionPolicy: c.preemptionPolicy ?? 'PreemptLowerPriority' };
}

/** checkPriorityClasses refuses a second globalDefault class, as the API server does. */
export function checkPriorityClasses(written: WrittenClasses, problems: Located[]): void {
  const defaults = Object.entries(written)
    .filter(([, c]) => c.globalDefault === true)
    .map(([n]) => n);
  for (const name of defaults.slice(1))
    problems.push({
      path: ['priorityClasses', name, 'globalDefault'],
      message: `a second globalDefault class (${defaults[0]} is one); expected at most one`,
    });
}

/** podTemplate is a workload's pod as the scheduler reads it; its tolerations and priority already admitted. */
export function podTemplate(
  name: string,
  w: WrittenWorkload,
  priority: PodPriority,
  kind: 'Deployment' | 'StatefulSet',
): Pod {
  // A workload from a manifest in a namespace is named namespace/name.
  const slash = name.indexOf('/');
  const namespace = w.namespace ?? (slash >= 0 ? name.slice(0, slash) : 'default');
  const short = slash >= 0 ? name.slice(slash + 1) : name;
  const labels = w.labels ?? { app: short };
  // The controller that owns the pods, whose pods the cluster-default spread counts together: a
  // StatefulSet, or the Deployment's first ReplicaSet (replicaSetPodTemplate).
  const owner = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: short,
    uid: `${namespace}/${short}`,
    controller: true,
  };
  const pod: Pod = {
    metadata: {
      namespace,
      labels: { ...labels },
      ...(w.doNotDisrupt === true ? { annotations: { [DO_NOT_DISRUPT]: 'true' } } : {}),
      ...(kind === 'StatefulSet' ? { ownerReferences: [owner] } : {}),
    },
    spec: {
      containers: [],
      priority: priority.value,
      ...(priority.className === null ? {} : { priorityClassName: priority.className }),
      preemptionPolicy: priority.preemptionPolicy,
      ...(w.nodeSelector === undefined ? {} : { nodeSelector: { ...w.nodeSelector } }),
      tolerations: withDefaultTolerations(w.tolerations ?? []),
      ...(w.affinity === undefined ? {} : { affinity: w.affinity }),
      ...(w.topologySpreadConstraints === undefined ? {} : { topologySpreadConstraints: w.topologySpreadConstraints }),
    },
  };
  return kind === 'Deployment' ? replicaSetPodTemplate(pod, short, 0) : pod;
}

/** Problem is a problem at a path inside the workload. */
type Refusal = { readonly path: readonly (string | number)[]; readonly message: string };

// The node-lifecycle and autoscaler taints, NoSchedule: poolsim places no pod on a node that is not
// ready, unreachable or being removed, whatever it tolerates.
const SCHEDULING_TAINTS = [
  { key: NOT_READY_TAINT, effect: 'NoSchedule' },
  { key: UNREACHABLE_TAINT, effect: 'NoSchedule' },
  { key: TO_BE_DELETED_TAINT, effect: 'NoSchedule' },
] as const;
const TIMED_KEYS: readonly string[] = [NOT_READY_TAINT, UNREACHABLE_TAINT];

/** unsimulatedTolerations lists the tolerations whose effect poolsim does not simulate: refused, never ignored. */
export function unsimulatedTolerations(w: WrittenWorkload): Refusal[] {
  const out: Refusal[] = [];
  (w.tolerations ?? []).forEach((t, i) => {
    const tolerated = SCHEDULING_TAINTS.filter((taint) => toleratesTaint(t, taint)).map((x) => x.key);
    if (tolerated.length > 0)
      out.push({
        path: ['tolerations', i],
        message: `tolerates ${tolerated.join(', ')} for scheduling, which poolsim does not simulate (no pod is placed on a node that is not ready, unreachable or being removed); expected a toleration with effect: NoExecute, or none`,
      });
    if (t.tolerationSeconds !== undefined && !TIMED_KEYS.includes(t.key ?? ''))
      out.push({
        path: ['tolerations', i, 'tolerationSeconds'],
        message: `a timed toleration is simulated for ${TIMED_KEYS.join(' and ')} only (a pod tolerating a pool's NoExecute taint for a while would be evicted from it); expected key: node.kubernetes.io/unreachable, or no tolerationSeconds`,
      });
  });
  return out;
}
