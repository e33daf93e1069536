// What a manifest's pod template asks of the nodes: where its pods may run is read into the
// workload; what poolsim does not simulate is refused where it is written (a problem at its path in
// the manifest), never read and dropped.
import { DO_NOT_DISRUPT } from '../models/karpenter/pod-requirements.js';
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

// Problems about these two stand at the affinity that holds them: their names are longer than a
// problem's path shows whole (source.ts formatPath), and the affinity's value begins where they do.
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
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

/** Origin records that the scenario's `field` of a workload was read from `sourcePath` in its manifest. */
export type Origin = (field: Path, sourcePath: Path) => void;

// The pod spec's fields that say where its pods may run, copied as written: the scenario's schema
// checks them as the API server would, and problems point back here through the origins.
const PLACEMENT_FIELDS = ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints'] as const;

/**
 * readWorkloadPod copies what a Deployment's or StatefulSet's pods say about where they run (their
 * labels and namespace, nodeSelector, tolerations, affinity, topology spread) into the scenario's
 * workload `w`, and refuses what is not modelled.
 */
export function readWorkloadPod(m: Json, w: Json, origin: Origin, refuse: Refuse): void {
  const labels = get(m, 'spec', 'template', 'metadata', 'labels');
  if (labels !== undefined) {
    w.labels = labels;
    origin(['labels'], ['spec', 'template', 'metadata', 'labels']);
  }
  // The one pod annotation poolsim simulates: Karpenter leaves a node running such a pod alone.
  const doNotDisrupt = get(m, 'spec', 'template', 'metadata', 'annotations', DO_NOT_DISRUPT);
  if (doNotDisrupt !== undefined) {
    w.doNotDisrupt = doNotDisrupt === 'true';
    origin(['doNotDisrupt'], ['spec', 'template', 'metadata', 'annotations', DO_NOT_DISRUPT]);
  }
  const namespace = get(m, 'metadata', 'namespace');
  if (namespace !== undefined) {
    w.namespace = namespace;
    origin(['namespace'], ['metadata', 'namespace']);
  }
  const pod = get(m, ...POD);
  if (!isObject(pod)) return;
  for (const field of PLACEMENT_FIELDS) {
    if (pod[field] === undefined) continue;
    w[field] = pod[field];
    origin([field], [...POD, field]);
  }
  if (pod.hostNetwork === true)
    refuse(
      [...POD, 'hostNetwork'],
      "host-network pods take the node's IP and ports, which poolsim models for DaemonSets only; expected no hostNetwork (a container's hostPort keeps one pod per node)",
    );
  if (pod.priorityClassName !== undefined) {
    w.priorityClassName = pod.priorityClassName;
    origin(['priorityClassName'], [...POD, 'priorityClassName']);
  }
  // The Priority admission plugin sets spec.priority from the class: a manifest writes the class.
  if (pod.priority !== undefined)
    refuse(
      [...POD, 'priority'],
      'spec.priority is set by the API server from priorityClassName (a pod that writes its own is refused); expected priorityClassName instead',
    );
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
