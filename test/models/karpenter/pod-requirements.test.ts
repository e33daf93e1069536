// What Karpenter reads of a pod: NewPodRequirements (the heaviest preferred term as required, the
// first required term) and each relaxation Preferences.Relax makes when the pod fits nowhere.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podRequirements, toleratesTaints } from '../../../src/models/karpenter/pod-requirements.js';
import type { Requirements } from '../../../src/models/karpenter/requirements.js';

const zone = 'topology.kubernetes.io/zone';
const term = (...zones: string[]) => ({ matchExpressions: [{ key: zone, operator: 'In', values: zones }] });
// Each requirement set as key → its values, sorted.
const show = (rs: Requirements[]) =>
  rs.map((r) => Object.fromEntries([...r].map(([k, v]) => [k, [...v.values].sort().join(',')])));

describe('podRequirements', () => {
  it.each<[string, Pod['spec'] | undefined, Array<Record<string, string>>]>([
    ['no template', undefined, [{}]],
    ['a nodeSelector', { containers: [], nodeSelector: { disk: 'ssd' } }, [{ disk: 'ssd' }]],
    [
      'two required terms: the first, then the second',
      {
        containers: [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('a'), term('b')] },
          },
        },
      },
      [{ [zone]: 'a' }, { [zone]: 'b' }],
    ],
    [
      'preferred terms, heaviest first, then none',
      {
        containers: [],
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, preference: term('c') },
              { weight: 50, preference: term('d') },
            ],
          },
        },
      },
      [{ [zone]: 'd' }, { [zone]: 'c' }, {}],
    ],
    [
      'required terms relaxed before the preferred, which then go over the last required term',
      {
        containers: [],
        nodeSelector: { disk: 'ssd' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term('a', 'b'), term('b', 'c')] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: term('b') }],
          },
        },
      },
      [
        { disk: 'ssd', [zone]: 'b' },
        { disk: 'ssd', [zone]: 'b' },
        { disk: 'ssd', [zone]: 'b,c' },
      ],
    ],
  ])('%s', (_, spec, expected) => {
    expect(show(podRequirements(spec === undefined ? undefined : { spec }))).toEqual(expected);
  });
});

describe('toleratesTaints', () => {
  const taint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };
  it('needs a toleration of each NoSchedule or NoExecute taint, and none of PreferNoSchedule', () => {
    expect(toleratesTaints({ spec: { containers: [] } }, [taint])).toBe(false);
    expect(
      toleratesTaints({ spec: { containers: [], tolerations: [{ key: 'dedicated', operator: 'Exists' }] } }, [taint]),
    ).toBe(true);
    expect(toleratesTaints({ spec: { containers: [] } }, [{ ...taint, effect: 'PreferNoSchedule' }])).toBe(true);
  });
});
