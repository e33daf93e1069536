// What Karpenter reads of a pending pod to choose its node: its node selector and node affinity as
// requirements, each relaxation it tries when the pod fits nowhere, and whether it tolerates a
// NodePool's taints. kubernetes-sigs/karpenter (v1.13) pkg/scheduling/requirements.go
// (NewPodRequirements: nodeSelector as In, the heaviest preferred term treated as required, the
// first required term), pkg/controllers/provisioning/scheduling/preferences.go (Relax: the
// required terms dropped one by one while more than one is left, then the preferred terms, heaviest
// first) and pkg/scheduling/taints.go (Taints.ToleratesPod). Simplified: the relaxations that
// drop preferred pod (anti-)affinity, ScheduleAnyway spread and PreferNoSchedule taints change
// nothing here (the provisioner's solve reads none of them).
import type { Pod, Taint } from 'kubernetes-types/core/v1.js';
import { firstUntoleratedTaint, isHardTaint } from '../scheduler/plugins/selectors.js';
import { addRequirements, newRequirement, requirementsOf, type Requirements } from './requirements.js';

/** DO_NOT_DISRUPT is the pod annotation that keeps Karpenter from disrupting the pod's node (pkg/apis/v1 DoNotDisruptAnnotationKey). */
export const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';

/** podRequirements are the requirements Karpenter first tries for `pod`, then each relaxation in turn (none for a pod without a template). */
export function podRequirements(pod: Pod | undefined): Requirements[] {
  const spec = pod?.spec;
  if (spec === undefined) return [new Map()];
  const selector = Object.entries(spec.nodeSelector ?? {}).map(([k, v]) => newRequirement(k, 'In', [v]));
  const affinity = spec.affinity?.nodeAffinity;
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  // A stable sort, heaviest first (upstream's sort.Slice is not stable; ties keep their order here).
  const preferred = [...(affinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])].sort(
    (a, b) => b.weight - a.weight,
  );
  const of = (terms: ReadonlyArray<{ matchExpressions?: readonly NodeSelectorRequirementLike[] }>) =>
    terms.flatMap((t) => [...requirementsOf(t.matchExpressions ?? []).values()]);
  const out: Requirements[] = [];
  // Each required term while more than one is left, then the preferred terms dropped heaviest first.
  for (let r = 0; r < Math.max(1, required.length); r++)
    out.push(
      addRequirements(
        new Map(),
        ...of(preferred.slice(0, 1).map((p) => p.preference)),
        ...of(required.slice(r, r + 1)),
        ...selector,
      ),
    );
  for (let p = 1; p <= preferred.length; p++)
    out.push(
      addRequirements(
        new Map(),
        ...of(preferred.slice(p, p + 1).map((t) => t.preference)),
        ...of(required.slice(-1)),
        ...selector,
      ),
    );
  return out;
}

type NodeSelectorRequirementLike = { key: string; operator: string; values?: readonly string[] };

/** toleratesTaints is Taints.ToleratesPod for the taints that keep pods off (NoSchedule, NoExecute). */
export function toleratesTaints(pod: Pod | undefined, taints: readonly Taint[]): boolean {
  return firstUntoleratedTaint(taints, pod?.spec?.tolerations ?? [], isHardTaint) === undefined;
}
