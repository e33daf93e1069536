// What Karpenter reads of a pending pod to choose its node: its node selector and required node
// affinity as requirements, and whether it tolerates a NodePool's taints. kubernetes-sigs/karpenter
// pkg/scheduling/requirements.go (NewPodRequirements: nodeSelector as In, then the required
// affinity's terms) and taints.go (Taints.ToleratesPod). Simplified: of several required terms
// (ORed) only the first is read (Karpenter tries the others only after relaxing a pod that fits
// nowhere); preferred terms are left to the kube-scheduler's scoring.
import type { Pod, Taint } from 'kubernetes-types/core/v1.js';
import { firstUntoleratedTaint, isHardTaint } from '../scheduler/plugins/selectors.js';
import { addRequirements, newRequirement, requirementsOf, type Requirements } from './requirements.js';

/** DO_NOT_DISRUPT is the pod annotation that keeps Karpenter from disrupting the pod's node (pkg/apis/v1 DoNotDisruptAnnotationKey). */
export const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';

/** podRequirements are NewPodRequirements' requirements of `pod` (none for a pod without a template). */
export function podRequirements(pod: Pod | undefined): Requirements {
  const spec = pod?.spec;
  if (spec === undefined) return new Map();
  const selector = Object.entries(spec.nodeSelector ?? {}).map(([k, v]) => newRequirement(k, 'In', [v]));
  const term = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0];
  return addRequirements(requirementsOf(term?.matchExpressions ?? []), ...selector);
}

/** toleratesTaints is Taints.ToleratesPod for the taints that keep pods off (NoSchedule, NoExecute). */
export function toleratesTaints(pod: Pod | undefined, taints: readonly Taint[]): boolean {
  return firstUntoleratedTaint(taints, pod?.spec?.tolerations ?? [], isHardTaint) === undefined;
}
