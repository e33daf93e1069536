// PodDisruptionBudgets as written (or read from manifests) → the model: each with the workloads
// whose pods its selector picks, in its namespace.
import { matchesLabelSelector } from '../models/scheduler/plugins/selectors.js';
import type { Located } from './issues.js';
import type { DisruptionBudget, Workload } from './model.js';
import type { ScenarioFileOutput } from './schema/scenario.js';

/** normalizeBudgets resolves each budget's workloads; one that selects none is refused (it would guard nothing). */
export function normalizeBudgets(
  file: ScenarioFileOutput,
  workloads: readonly Workload[],
  problems: Located[],
): DisruptionBudget[] {
  return Object.entries(file.podDisruptionBudgets ?? {}).flatMap(([name, b]): DisruptionBudget[] => {
    const namespace = b.namespace ?? (name.includes('/') ? name.slice(0, name.indexOf('/')) : 'default');
    const selected = workloads.filter(
      (w) =>
        (w.template.metadata?.namespace ?? 'default') === namespace &&
        matchesLabelSelector(b.selector, w.template.metadata?.labels),
    );
    if (selected.length === 0) {
      problems.push({
        path: ['podDisruptionBudgets', name, 'selector'],
        message: `selects no workload's pods in namespace ${namespace}, so it would guard nothing; expected a selector matching a workload's labels, e.g. matchLabels: { app: web }`,
      });
      return [];
    }
    const spec =
      b.minAvailable !== undefined ? { minAvailable: b.minAvailable } : { maxUnavailable: b.maxUnavailable! };
    return [{ name, namespace, selector: b.selector, spec, workloads: selected.map((w) => w.name) }];
  });
}
