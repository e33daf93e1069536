// What a manifest's pod template asks of the nodes that poolsim does not simulate: node labels,
// affinity, zones, priority, its own eviction timing. Each is refused where it is written (a
// problem at its path in the manifest), never read and dropped. Only spread over nodes with
// maxSkew 1, DoNotSchedule, is simulated (the workload's `spread: true`).
import { excerpt } from '../util/text.js';
import type { Path } from './source.js';

/** Json is a manifest's object as YAML parsed it. */
export type Json = Record<string, unknown>;

/** Refuse reports that the value at `path` (inside the manifest object) cannot be simulated. */
export type Refuse = (path: Path, message: string) => void;

/** isObject says whether `v` is a mapping. */
export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** get is the value at `path` inside `v`, or undefined where the path leaves the data. */
export const get = (v: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((at, k) => (isObject(at) || Array.isArray(at) ? (at as Json)[k as string] : undefined), v);

/** POD is where a Deployment's, StatefulSet's or DaemonSet's pod spec stands. */
export const POD = ['spec', 'template', 'spec'] as const;

const HOSTNAME = 'kubernetes.io/hostname';
// Problems about these two stand at the affinity that holds them: their names are longer than a
// problem's path shows whole (source.ts formatPath), and the affinity's value begins where they do.
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const SPREAD = `topologySpreadConstraints: [{ topologyKey: ${HOSTNAME}, maxSkew: 1, whenUnsatisfiable: DoNotSchedule }]`;
const NO_LABELS = "but poolsim's pools have no labels yet, so any pool would take them";
const EVERY_NODE = 'but poolsim puts every included DaemonSet on every node';

// Every simulated node is a Linux node: a selector on that alone picks them all, as it would upstream.
const everyNodeHas = (key: string, op: string, values: readonly unknown[]): boolean =>
  key === 'kubernetes.io/os' && (op === 'Exists' || (op === 'In' && values.includes('linux')));

// The labels a nodeSelector asks for, leaving out those every node has; empty when it asks for none.
function selectorLabels(selector: unknown): string {
  if (!isObject(selector)) return '';
  return Object.entries(selector)
    .filter(([key, value]) => !everyNodeHas(key, 'In', [value]))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

// The required node affinity's terms (ORed) of expressions (ANDed), leaving out those every node meets.
function affinityLabels(required: unknown): string {
  const terms = get(required, 'nodeSelectorTerms');
  if (!Array.isArray(terms)) return '';
  const shown = terms.map((term) =>
    ['matchExpressions', 'matchFields']
      .flatMap((list) => {
        const items = get(term, list);
        return Array.isArray(items) ? items : [];
      })
      .flatMap((e) => {
        const [key, op, values] = [String(get(e, 'key')), String(get(e, 'operator')), get(e, 'values')];
        const list = Array.isArray(values) ? values : [];
        return everyNodeHas(key, op, list) ? [] : [`${key} ${op}${list.length > 0 ? ` (${list.join(', ')})` : ''}`];
      })
      .join(' and '),
  );
  // A term every node meets lets every node take the pods.
  return shown.some((t) => t === '') ? '' : shown.join(' or ');
}

/** checkWorkloadPod refuses what a Deployment's or StatefulSet's pods ask that is not modelled; it returns whether they spread over nodes. */
export function checkWorkloadPod(m: Json, who: string, refuse: Refuse): boolean {
  const pod = get(m, ...POD);
  if (!isObject(pod)) return false;
  const pins = (what: string) => `${who} pins its pods to nodes labelled ${excerpt(what)}, ${NO_LABELS}`;
  const byLabel = selectorLabels(pod.nodeSelector);
  if (byLabel !== '')
    refuse(
      [...POD, 'nodeSelector'],
      `${pins(byLabel)}; expected no nodeSelector (give each design only the pools the workload may use)`,
    );
  const byAffinity = affinityLabels(get(pod, 'affinity', 'nodeAffinity', REQUIRED));
  if (byAffinity !== '')
    refuse(
      [...POD, 'affinity', 'nodeAffinity'],
      `${pins(byAffinity)}; expected no required node affinity (give each design only the pools the workload may use)`,
    );
  checkAffinity(pod, refuse);
  if (pod.hostNetwork === true)
    refuse(
      [...POD, 'hostNetwork'],
      "host-network pods take the node's IP and ports, which poolsim models for DaemonSets only; expected no hostNetwork (a container's hostPort keeps one pod per node)",
    );
  for (const key of ['priorityClassName', 'priority'])
    if (pod[key] !== undefined)
      refuse(
        [...POD, key],
        `pod priority and preemption are not modelled (one scheduling queue, no preemption); expected no ${key}`,
      );
  checkTolerations(pod.tolerations, refuse);
  return checkSpread(pod.topologySpreadConstraints, refuse);
}

// Required pod (anti-)affinity is refused with the spread that is simulated; preferred affinity of
// any kind only weighs in scoring. (Required node affinity is checkWorkloadPod's: it names the labels.)
function checkAffinity(pod: Json, refuse: Refuse): void {
  const at = [...POD, 'affinity'];
  const kinds = [
    ['nodeAffinity', 'node affinity'],
    ['podAffinity', 'pod affinity'],
    ['podAntiAffinity', 'pod anti-affinity'],
  ] as const;
  for (const [kind, name] of kinds) {
    if (kind !== 'nodeAffinity' && get(pod, 'affinity', kind, REQUIRED) !== undefined)
      refuse(
        [...at, kind],
        kind === 'podAntiAffinity'
          ? `required pod anti-affinity is not modelled; expected ${SPREAD} to keep replicas on separate nodes`
          : `required pod affinity is not modelled; expected none (to keep replicas on separate nodes instead: ${SPREAD})`,
      );
    if (get(pod, 'affinity', kind, PREFERRED) !== undefined)
      refuse(
        [...at, kind],
        `preferred ${name} only changes scoring, which poolsim does not model for affinity; expected none`,
      );
  }
}

// The node lifecycle taints, which poolsim's pods tolerate as the DefaultTolerationSeconds admission
// plugin makes them: NoExecute for 300 s, then they are evicted.
const LIFECYCLE_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];
const DEFAULT_TOLERATION_SECONDS = 300;

function checkTolerations(tolerations: unknown, refuse: Refuse): void {
  if (!Array.isArray(tolerations)) return;
  tolerations.forEach((t, i) => {
    const key = get(t, 'key');
    const tolerated = LIFECYCLE_TAINTS.filter(
      (taint) => key === taint || ((key === undefined || key === '') && get(t, 'operator') === 'Exists'),
    );
    const effect = get(t, 'effect') ?? '';
    const seconds = get(t, 'tolerationSeconds');
    if (tolerated.length === 0 || !['', 'NoExecute', 'NoSchedule'].includes(effect as string)) return;
    if (effect === 'NoExecute' && seconds === DEFAULT_TOLERATION_SECONDS) return;
    const taints = tolerated.join(' and ');
    // No effect written tolerates the NoSchedule taints too: for scheduling, if not for eviction.
    if (effect === 'NoSchedule' || (effect === '' && seconds === DEFAULT_TOLERATION_SECONDS))
      return refuse(
        [...POD, 'tolerations', i],
        `tolerates ${taints} for scheduling, which poolsim does not simulate (no pod is placed on a node that is not ready); expected no such toleration`,
      );
    const span = typeof seconds === 'number' ? `for ${seconds} s` : 'for ever';
    refuse(
      [...POD, 'tolerations', i, ...(seconds === undefined ? [] : ['tolerationSeconds'])],
      `tolerates ${taints} ${span}, but poolsim evicts every pod ${DEFAULT_TOLERATION_SECONDS} s after the taint (the default toleration); expected tolerationSeconds: ${DEFAULT_TOLERATION_SECONDS}, or no such toleration`,
    );
  });
}

// A constraint's fields that change which pods or nodes count. Simplified: labelSelector is taken to
// select the workload's own pods (what it selects in practice), and nodeAffinityPolicy changes
// nothing where pools have no labels; these others would, and are refused.
const SPREAD_REFINEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['minDomains', 'minDomains (a floor on the nodes counted)'],
  ['matchLabelKeys', 'matchLabelKeys (counting only pods of the same revision)'],
  ['nodeTaintsPolicy', 'nodeTaintsPolicy: Honor (leaving tainted nodes out of the count)'],
];

// Spread over nodes with maxSkew 1, DoNotSchedule is simulated; any other constraint is refused.
function checkSpread(constraints: unknown, refuse: Refuse): boolean {
  if (!Array.isArray(constraints)) return false;
  constraints.forEach((c, i) => {
    const at = [...POD, 'topologySpreadConstraints', i];
    const key = get(c, 'topologyKey');
    if (key !== HOSTNAME) {
      const why = typeof key === 'string' && /zone|region/.test(key) ? 'nodes have no zones' : 'nodes have no labels';
      refuse([...at, 'topologyKey'], `${excerpt(String(key))} is not modelled yet (${why}); expected ${HOSTNAME}`);
    }
    if (get(c, 'maxSkew') !== 1) refuse([...at, 'maxSkew'], 'spread is simulated with maxSkew 1; expected maxSkew: 1');
    if (get(c, 'whenUnsatisfiable') === 'ScheduleAnyway')
      refuse(
        [...at, 'whenUnsatisfiable'],
        'ScheduleAnyway only changes scoring, which poolsim does not model; expected DoNotSchedule, or no constraint',
      );
    for (const [field, what] of SPREAD_REFINEMENTS)
      if (get(c, field) !== undefined && !(field === 'nodeTaintsPolicy' && get(c, field) === 'Ignore'))
        refuse(
          [...at, field],
          `${what} is not modelled (spread counts the workload's pods on every node); expected it left out`,
        );
  });
  return constraints.length > 0;
}

/** checkDaemonSetPod refuses a DaemonSet that runs on some nodes only: poolsim runs each on every node. */
export function checkDaemonSetPod(m: Json, who: string, refuse: Refuse): void {
  const pod = get(m, ...POD);
  if (!isObject(pod)) return;
  const instead = '(designs.<d>.pools.<p>.daemonSets) instead';
  const byLabel = selectorLabels(pod.nodeSelector);
  if (byLabel !== '')
    refuse(
      [...POD, 'nodeSelector'],
      `${who} runs on some nodes only (labelled ${excerpt(byLabel)}), ${EVERY_NODE}; expected no nodeSelector, or list it under the pools it runs on ${instead}`,
    );
  const byAffinity = affinityLabels(get(pod, 'affinity', 'nodeAffinity', REQUIRED));
  if (byAffinity !== '')
    refuse(
      [...POD, 'affinity', 'nodeAffinity'],
      `${who} runs on some nodes only (labelled ${excerpt(byAffinity)}), ${EVERY_NODE}; expected no required node affinity, or list it under the pools it runs on ${instead}`,
    );
  for (const kind of ['podAffinity', 'podAntiAffinity'])
    if (get(pod, 'affinity', kind, REQUIRED) !== undefined)
      refuse(
        [...POD, 'affinity', kind],
        `${who} runs on some nodes only (those its required ${kind} allows), ${EVERY_NODE}; expected no required ${kind}, or list it under the pools it runs on ${instead}`,
      );
}
