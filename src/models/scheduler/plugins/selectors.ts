// Label selectors, node selectors and tolerations as the API machinery matches them:
// k8s.io/apimachinery pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector), pkg/labels/selector.go;
// k8s.io/component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go (NodeSelectorTerm
// matching, Gt/Lt on integers, matchFields on metadata.name only); api/core/v1/toleration.go
// (ToleratesTaint). A selector the API server would reject (an unknown operator, values where
// none may be) matches nothing, as upstream's conversion error leaves it.
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1.js';

type Labels = Readonly<Record<string, string>>;

// apimachinery validation IsValidLabelValue: at most 63 characters, alphanumerics with '-', '_', '.' inside.
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** isLabelValue is IsValidLabelValue: empty, or at most 63 characters, alphanumerics with '-', '_', '.' inside. */
export const isLabelValue = (v: string): boolean => v.length <= 63 && LABEL_VALUE.test(v);

/** matchesLabelSelector is LabelSelectorAsSelector(selector).Matches(labels): a nil selector matches nothing, an empty one everything. */
export function matchesLabelSelector(selector: LabelSelector | undefined | null, labels: Labels = {}): boolean {
  if (selector === undefined || selector === null) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (values.length === 0 || !has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (values.length === 0 || (has && values.includes(labels[e.key]!))) return false;
        break;
      case 'Exists':
        if (values.length > 0 || !has) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0 || has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

// One node selector requirement against a set of labels (or fields).
function matchesRequirement(r: NodeSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(labels[r.key]!);
    case 'NotIn':
      return !has || !values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const [a, b] = [Number(labels[r.key]), Number(values[0])];
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** matchesNodeSelectorTerm is a term against a node: every expression on its labels and every field (metadata.name) on its fields; an empty term matches nothing. */
function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  // newNodeSelectorTerm: a value that is not a valid label value makes the term match nothing.
  if (expressions.some((r) => (r.operator === 'In' || r.operator === 'NotIn') && !(r.values ?? []).every(isLabelValue)))
    return false;
  const labels = node.metadata?.labels ?? {};
  const nodeFields = { 'metadata.name': node.metadata?.name ?? '' };
  return (
    expressions.every((r) => matchesRequirement(r, labels)) &&
    fields.every(
      (r) =>
        r.key === 'metadata.name' &&
        (r.operator === 'In' || r.operator === 'NotIn') &&
        matchesRequirement(r, nodeFields),
    )
  );
}

/** matchesNodeSelectorTerms: any of the terms (ORed) matches the node. */
export function matchesNodeSelectorTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => matchesNodeSelectorTerm(t, node));
}

/** toleratesTaint is Toleration.ToleratesTaint: an empty key with Exists tolerates every key; an empty effect every effect. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** isHardTaint: a taint the filters enforce (NoSchedule, NoExecute); PreferNoSchedule is for scoring. */
export const isHardTaint = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** firstUntoleratedTaint is FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function firstUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (t: Taint) => boolean,
): Taint | undefined {
  return taints.find((taint) => filter(taint) && !tolerations.some((t) => toleratesTaint(t, taint)));
}
