import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1.js';
import {
  firstUntoleratedTaint,
  matchesLabelSelector,
  matchesNodeSelectorTerms,
  toleratesTaint,
} from '../../../../src/models/scheduler/plugins/selectors.js';

describe('matchesLabelSelector (apimachinery LabelSelectorAsSelector)', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    ['nil selects nothing', undefined, false],
    ['empty selects everything', {}, true],
    ['matchLabels', { matchLabels: { app: 'web' } }, true],
    ['matchLabels, other value', { matchLabels: { app: 'db' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [
      'In with no values is invalid: nothing',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      false,
    ],
    [
      'an unknown operator is invalid: nothing',
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      false,
    ],
  ] as const)('%s', (_name, selector, want) => {
    expect(matchesLabelSelector(selector as never, labels)).toBe(want);
  });
});

describe('matchesNodeSelectorTerms (component-helpers nodeaffinity)', () => {
  const node: Node = { metadata: { name: 'n1', labels: { cores: '8', zone: 'a' } } };
  it.each([
    [
      'terms are ORed',
      [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      ],
      true,
    ],
    [
      'expressions are ANDed',
      [
        {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'cores', operator: 'Gt', values: ['8'] },
          ],
        },
      ],
      false,
    ],
    [
      'Gt and Lt compare integers',
      [
        {
          matchExpressions: [
            { key: 'cores', operator: 'Gt', values: ['4'] },
            { key: 'cores', operator: 'Lt', values: ['16'] },
          ],
        },
      ],
      true,
    ],
    [
      'Gt on a non-integer matches nothing',
      [{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['4'] }] }],
      false,
    ],
    [
      'matchFields on metadata.name',
      [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
      true,
    ],
    ['an empty term matches nothing', [{}], false],
    ['no terms match nothing', [], false],
  ] as const)('%s', (_name, terms, want) => {
    expect(matchesNodeSelectorTerms(terms as never, node)).toBe(want);
  });
});

describe('toleratesTaint (api/core/v1 toleration.go)', () => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it.each([
    ['Equal with the value', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, true],
    ['Equal, another value', { key: 'dedicated', value: 'cpu' }, false],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists' }, true],
    ['an empty key with Exists tolerates every taint', { operator: 'Exists' }, true],
    ['another effect', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
  ] as const)('%s', (_name, toleration, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });

  it('finds the first taint of the effects asked that nothing tolerates', () => {
    const taints = [
      { key: 'a', effect: 'PreferNoSchedule' },
      { key: 'b', value: '1', effect: 'NoSchedule' },
      { key: 'c', effect: 'NoExecute' },
    ];
    const hard = (t: { effect: string }) => t.effect !== 'PreferNoSchedule';
    expect(firstUntoleratedTaint(taints, [], hard)?.key).toBe('b');
    expect(firstUntoleratedTaint(taints, [{ key: 'b', operator: 'Exists' }], hard)?.key).toBe('c');
    expect(firstUntoleratedTaint(taints, [{ operator: 'Exists' }], hard)).toBeUndefined();
  });
});
