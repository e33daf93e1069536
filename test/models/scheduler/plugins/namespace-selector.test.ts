// InterPodAffinity's namespaceSelector: a namespace's one label is its name
// (kubernetes.io/metadata.name), so a term may select namespaces by name; an empty selector selects all.
import { describe, expect, it } from 'vitest';
import { runFilterPlugins } from '../../../../src/index.js';

const node = { metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } } };
const existing = (namespace: string) => ({
  metadata: { name: 'db', namespace, labels: { app: 'db' } },
  spec: { containers: [] },
});
const incoming = (namespaceSelector: object) => ({
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    containers: [],
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector },
        ],
      },
    },
  },
});
const fits = (sel: object, ns: string) =>
  runFilterPlugins({
    pod: incoming(sel),
    node,
    cluster: [{ node, pods: [existing(ns)] }],
    plugins: ['InterPodAffinity'],
  }).fits;

describe('a namespaceSelector', () => {
  it.each([
    [
      'by name, the namespace of the pod it avoids',
      { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
      'data',
      false,
    ],
    ['by name, another namespace', { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, 'other', true],
    ['empty: every namespace', {}, 'anywhere', false],
    [
      'In a list of names',
      { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'data'] }] },
      'data',
      false,
    ],
  ])('%s', (_what, sel, ns, expected) => {
    expect(fits(sel, ns)).toBe(expected);
  });
});
