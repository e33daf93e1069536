// Upstream's own cases for Karpenter's requirement algebra, ported to src/models/karpenter/requirements.ts:
//
// - kubernetes-sigs/karpenter pkg/scheduling/requirement_test.go and pkg/scheduling/requirements_test.go
//   (stored version 2266468104f36373ed002241afaee2d3bbc26078). Both are Ginkgo; each DescribeTable becomes an
//   it.each over the same entries, in upstream's order, each It an it. Upstream's fixtures keep their names.
// - requirement_test.go: "should normalize labels" (NewNodeSelectorRequirements only, see below); the three
//   Intersection tables (without minValues, minValues with without, both with minValues), every entry, compared
//   as upstream does with Equal (reflect.DeepEqual), here toStrictEqual. A &Requirement{...} literal is
//   req({...}); a nil gte/lte/MinValues is an absent field. Upstream lists "existsOperatorWithFlexibility ∩
//   exists" and "existsOperatorWithFlexibility ∩ existsOperatorWithFlexibility" twice in the two minValues
//   tables; the duplicates are kept. Has, Operator and Len, every entry. The "Gte and Lte Operators" Its.
// - requirements_test.go: "should normalize aliased labels"; "should be compatible with well-known v1 labels
//   undefined" and "should be strictly compatible", each a full 15 × 15 cross-product of requirements on
//   topology.kubernetes.io/zone, kept as a cross-product: one row per receiver (existing), one mark per
//   argument (incoming), in the order of the names below; '+' is Expect(...).To(Succeed()) (compatible
//   returns null) and '-' is ToNot(Succeed()) (compatible returns the key, the zone being the only one).
//   AllowUndefinedWellKnownLabels is v1.WellKnownLabels (pkg/apis/v1/labels.go), copied below; without the
//   option the set is empty.
//
// Adapted:
// - Len: the module has no Len; lenOf below is requirement.go's Len (MaxInt64 − |values| for a complement,
//   |values| otherwise) over the module's fields, so the table checks complement and values.
// - "Gte and Lte Operators": where upstream reads intersection.NodeSelectorRequirement()'s Operator and Values,
//   the bound it reads is checked instead (NodeSelectorRequirement gives Gte [gte] when gte is set, else
//   Lte [lte]): Operator Gte with Values ["5"] is gte 5 here.
// - Error Messages tables ("should detect well known label truncations", "... typos", "should display an
//   error message for unknown labels"): compatible returns a key, not an error; the key the message names is
//   checked, the message text (labelHint's "typo of" hint) is not.
//
// Not ported:
// - HasIntersection: requirement_test.go has no table or It for it; it is exercised through Compatible (via
//   Intersects) above.
// - "should normalize labels": NewLabelRequirements and NewPodRequirements (the module has neither); only
//   NewNodeSelectorRequirements (requirementsOf) is checked.
// - Any (the module has no Any), String and "Stringify Requirements" (no String()), both "NodeSelectorRequirements
//   Conversion" contexts and "should return both Gte and Lte requirements when both bounds exist" (no
//   NodeSelectorRequirement(s) round-trip), "should return valid value from Any() for Gte/Lte".
// - TestRequirementsProfile: a CPU/heap profile, no assertions.
import { describe, expect, it } from 'vitest';
import {
  addRequirements,
  compatible,
  has,
  intersection,
  newRequirement,
  operatorOf,
  requirementsOf,
  type Requirement,
  type Requirements,
} from '../../../src/models/karpenter/requirements.js';

/** req is a &Requirement{Key: "key", ...} literal; absent fields are nil. */
function req(r: {
  complement: boolean;
  values: readonly string[];
  gte?: number | undefined;
  lte?: number | undefined;
  minValues?: number;
}): Requirement {
  return {
    key: 'key',
    complement: r.complement,
    values: new Set(r.values),
    ...(r.gte === undefined ? {} : { gte: r.gte }),
    ...(r.lte === undefined ? {} : { lte: r.lte }),
    ...(r.minValues === undefined ? {} : { minValues: r.minValues }),
  };
}

const MAX_INT64 = 2n ** 63n - 1n;

/** lenOf is requirement.go's Len. */
const lenOf = (r: Requirement): bigint => (r.complement ? MAX_INT64 - BigInt(r.values.size) : BigInt(r.values.size));

describe('Requirement (requirement_test.go)', () => {
  // Requirements created without minValues
  const exists = newRequirement('key', 'Exists');
  const doesNotExist = newRequirement('key', 'DoesNotExist');
  const inA = newRequirement('key', 'In', ['A']);
  const inB = newRequirement('key', 'In', ['B']);
  const inAB = newRequirement('key', 'In', ['A', 'B']);
  const notInA = newRequirement('key', 'NotIn', ['A']);
  const in1 = newRequirement('key', 'In', ['1']);
  const in9 = newRequirement('key', 'In', ['9']);
  const in19 = newRequirement('key', 'In', ['1', '9']);
  const notIn12 = newRequirement('key', 'NotIn', ['1', '2']);
  const greaterThan1 = newRequirement('key', 'Gt', ['1']);
  const greaterThan9 = newRequirement('key', 'Gt', ['9']);
  const lessThan1 = newRequirement('key', 'Lt', ['1']);
  const lessThan9 = newRequirement('key', 'Lt', ['9']);

  // Requirements created with minValues flexibility
  const existsOperatorWithFlexibility = newRequirement('key', 'Exists', [], 1);
  const doesNotExistOperatorWithFlexibility = newRequirement('key', 'DoesNotExist', [], 1);
  const inAOperatorWithFlexibility = newRequirement('key', 'In', ['A'], 1);
  const inBOperatorWithFlexibility = newRequirement('key', 'In', ['B'], 1);
  const inABOperatorWithFlexibility = newRequirement('key', 'In', ['A', 'B'], 2);
  const notInAOperatorWithFlexibility = newRequirement('key', 'NotIn', ['A'], 1);
  const in1OperatorWithFlexibility = newRequirement('key', 'In', ['1'], 1);
  const in9OperatorWithFlexibility = newRequirement('key', 'In', ['9'], 1);
  const in19OperatorWithFlexibility = newRequirement('key', 'In', ['1', '9'], 2);
  const notIn12OperatorWithFlexibility = newRequirement('key', 'NotIn', ['1', '2'], 2);
  const greaterThan1OperatorWithFlexibility = newRequirement('key', 'Gt', ['1'], 1);
  const greaterThan9OperatorWithFlexibility = newRequirement('key', 'Gt', ['9'], 1);
  const lessThan1OperatorWithFlexibility = newRequirement('key', 'Lt', ['1'], 1);
  const lessThan9OperatorWithFlexibility = newRequirement('key', 'Lt', ['9'], 1);

  const names = new Map<Requirement, string>(
    Object.entries({
      exists,
      doesNotExist,
      inA,
      inB,
      inAB,
      notInA,
      in1,
      in9,
      in19,
      notIn12,
      greaterThan1,
      greaterThan9,
      lessThan1,
      lessThan9,
      existsOperatorWithFlexibility,
      doesNotExistOperatorWithFlexibility,
      inAOperatorWithFlexibility,
      inBOperatorWithFlexibility,
      inABOperatorWithFlexibility,
      notInAOperatorWithFlexibility,
      in1OperatorWithFlexibility,
      in9OperatorWithFlexibility,
      in19OperatorWithFlexibility,
      notIn12OperatorWithFlexibility,
      greaterThan1OperatorWithFlexibility,
      greaterThan9OperatorWithFlexibility,
      lessThan1OperatorWithFlexibility,
      lessThan9OperatorWithFlexibility,
    }).map(([name, r]) => [r, name]),
  );
  const nameOf = (r: Requirement) => names.get(r) ?? '?';
  type Entry = readonly [existing: Requirement, incoming: Requirement, expected: Requirement];
  const named = (table: readonly Entry[]) => table.map(([a, b, e]) => [nameOf(a), nameOf(b), a, b, e] as const);

  describe('NewRequirements', () => {
    it('should normalize labels', () => {
      const nodeSelector: Record<string, string> = {
        'failure-domain.beta.kubernetes.io/zone': 'test', // corev1.LabelFailureDomainBetaZone
        'failure-domain.beta.kubernetes.io/region': 'test', // corev1.LabelFailureDomainBetaRegion
        'beta.kubernetes.io/arch': 'test',
        'beta.kubernetes.io/os': 'test',
        'beta.kubernetes.io/instance-type': 'test', // corev1.LabelInstanceType
      };
      const requirements = Object.entries(nodeSelector).map(([key, value]) => ({
        key,
        operator: 'In',
        values: [value],
      }));
      const r = requirementsOf(requirements);
      expect([...r.keys()].sort()).toEqual(
        [
          'kubernetes.io/arch',
          'kubernetes.io/os',
          'node.kubernetes.io/instance-type',
          'topology.kubernetes.io/region',
          'topology.kubernetes.io/zone',
        ].sort(),
      );
    });
  });

  describe('Intersect requirements', () => {
    // requirement_test.go lines 104-316
    const withoutMinValues: Entry[] = [
      [exists, exists, exists],
      [exists, doesNotExist, doesNotExist],
      [exists, inA, inA],
      [exists, inB, inB],
      [exists, inAB, inAB],
      [exists, notInA, notInA],
      [exists, in1, in1],
      [exists, in9, in9],
      [exists, in19, in19],
      [exists, notIn12, notIn12],
      [exists, greaterThan1, greaterThan1],
      [exists, greaterThan9, greaterThan9],
      [exists, lessThan1, lessThan1],
      [exists, lessThan9, lessThan9],

      [doesNotExist, exists, doesNotExist],
      [doesNotExist, doesNotExist, doesNotExist],
      [doesNotExist, inA, doesNotExist],
      [doesNotExist, inB, doesNotExist],
      [doesNotExist, inAB, doesNotExist],
      [doesNotExist, notInA, doesNotExist],
      [doesNotExist, in1, doesNotExist],
      [doesNotExist, in9, doesNotExist],
      [doesNotExist, in19, doesNotExist],
      [doesNotExist, notIn12, doesNotExist],
      [doesNotExist, greaterThan1, doesNotExist],
      [doesNotExist, greaterThan9, doesNotExist],
      [doesNotExist, lessThan1, doesNotExist],
      [doesNotExist, lessThan9, doesNotExist],

      [inA, exists, inA],
      [inA, doesNotExist, doesNotExist],
      [inA, inA, inA],
      [inA, inB, doesNotExist],
      [inA, inAB, inA],
      [inA, notInA, doesNotExist],
      [inA, in1, doesNotExist],
      [inA, in9, doesNotExist],
      [inA, in19, doesNotExist],
      [inA, notIn12, inA],
      [inA, greaterThan1, doesNotExist],
      [inA, greaterThan9, doesNotExist],
      [inA, lessThan1, doesNotExist],
      [inA, lessThan9, doesNotExist],

      [inB, exists, inB],
      [inB, doesNotExist, doesNotExist],
      [inB, inA, doesNotExist],
      [inB, inB, inB],
      [inB, inAB, inB],
      [inB, notInA, inB],
      [inB, in1, doesNotExist],
      [inB, in9, doesNotExist],
      [inB, in19, doesNotExist],
      [inB, notIn12, inB],
      [inB, greaterThan1, doesNotExist],
      [inB, greaterThan9, doesNotExist],
      [inB, lessThan1, doesNotExist],
      [inB, lessThan9, doesNotExist],

      [inAB, exists, inAB],
      [inAB, doesNotExist, doesNotExist],
      [inAB, inA, inA],
      [inAB, inB, inB],
      [inAB, inAB, inAB],
      [inAB, notInA, inB],
      [inAB, in1, doesNotExist],
      [inAB, in9, doesNotExist],
      [inAB, in19, doesNotExist],
      [inAB, notIn12, inAB],
      [inAB, greaterThan1, doesNotExist],
      [inAB, greaterThan9, doesNotExist],
      [inAB, lessThan1, doesNotExist],
      [inAB, lessThan9, doesNotExist],

      [notInA, exists, notInA],
      [notInA, doesNotExist, doesNotExist],
      [notInA, inA, doesNotExist],
      [notInA, inB, inB],
      [notInA, inAB, inB],
      [notInA, notInA, notInA],
      [notInA, in1, in1],
      [notInA, in9, in9],
      [notInA, in19, in19],
      [notInA, notIn12, req({ complement: true, values: ['A', '1', '2'] })],
      [notInA, greaterThan1, greaterThan1],
      [notInA, greaterThan9, greaterThan9],
      [notInA, lessThan1, lessThan1],
      [notInA, lessThan9, lessThan9],

      [in1, exists, in1],
      [in1, doesNotExist, doesNotExist],
      [in1, inA, doesNotExist],
      [in1, inB, doesNotExist],
      [in1, inAB, doesNotExist],
      [in1, notInA, in1],
      [in1, in1, in1],
      [in1, in9, doesNotExist],
      [in1, in19, in1],
      [in1, notIn12, doesNotExist],
      [in1, greaterThan1, doesNotExist],
      [in1, greaterThan9, doesNotExist],
      [in1, lessThan1, doesNotExist],
      [in1, lessThan9, in1],

      [in9, exists, in9],
      [in9, doesNotExist, doesNotExist],
      [in9, inA, doesNotExist],
      [in9, inB, doesNotExist],
      [in9, inAB, doesNotExist],
      [in9, notInA, in9],
      [in9, in1, doesNotExist],
      [in9, in9, in9],
      [in9, in19, in9],
      [in9, notIn12, in9],
      [in9, greaterThan1, in9],
      [in9, greaterThan9, doesNotExist],
      [in9, lessThan1, doesNotExist],
      [in9, lessThan9, doesNotExist],

      [in19, exists, in19],
      [in19, doesNotExist, doesNotExist],
      [in19, inA, doesNotExist],
      [in19, inB, doesNotExist],
      [in19, inAB, doesNotExist],
      [in19, notInA, in19],
      [in19, in1, in1],
      [in19, in9, in9],
      [in19, in19, in19],
      [in19, notIn12, in9],
      [in19, greaterThan1, in9],
      [in19, greaterThan9, doesNotExist],
      [in19, lessThan1, doesNotExist],
      [in19, lessThan9, in1],

      [notIn12, exists, notIn12],
      [notIn12, doesNotExist, doesNotExist],
      [notIn12, inA, inA],
      [notIn12, inB, inB],
      [notIn12, inAB, inAB],
      [notIn12, notInA, req({ complement: true, values: ['A', '1', '2'] })],
      [notIn12, in1, doesNotExist],
      [notIn12, in9, in9],
      [notIn12, in19, in9],
      [notIn12, notIn12, notIn12],
      [notIn12, greaterThan1, req({ complement: true, values: ['2'], gte: greaterThan1.gte })],
      [notIn12, greaterThan9, req({ complement: true, values: [], gte: greaterThan9.gte })],
      [notIn12, lessThan1, req({ complement: true, values: [], lte: lessThan1.lte })],
      [notIn12, lessThan9, req({ complement: true, values: ['1', '2'], lte: lessThan9.lte })],

      [greaterThan1, exists, greaterThan1],
      [greaterThan1, doesNotExist, doesNotExist],
      [greaterThan1, inA, doesNotExist],
      [greaterThan1, inB, doesNotExist],
      [greaterThan1, inAB, doesNotExist],
      [greaterThan1, notInA, greaterThan1],
      [greaterThan1, in1, doesNotExist],
      [greaterThan1, in9, in9],
      [greaterThan1, in19, in9],
      [greaterThan1, notIn12, req({ complement: true, values: ['2'], gte: greaterThan1.gte })],
      [greaterThan1, greaterThan1, greaterThan1],
      [greaterThan1, greaterThan9, greaterThan9],
      [greaterThan1, lessThan1, doesNotExist],
      [greaterThan1, lessThan9, req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte })],

      [greaterThan9, exists, greaterThan9],
      [greaterThan9, doesNotExist, doesNotExist],
      [greaterThan9, inA, doesNotExist],
      [greaterThan9, inB, doesNotExist],
      [greaterThan9, inAB, doesNotExist],
      [greaterThan9, notInA, greaterThan9],
      [greaterThan9, in1, doesNotExist],
      [greaterThan9, in9, doesNotExist],
      [greaterThan9, in19, doesNotExist],
      [greaterThan9, notIn12, greaterThan9],
      [greaterThan9, greaterThan1, greaterThan9],
      [greaterThan9, greaterThan9, greaterThan9],
      [greaterThan9, lessThan1, doesNotExist],
      [greaterThan9, lessThan9, doesNotExist],

      [lessThan1, exists, lessThan1],
      [lessThan1, doesNotExist, doesNotExist],
      [lessThan1, inA, doesNotExist],
      [lessThan1, inB, doesNotExist],
      [lessThan1, inAB, doesNotExist],
      [lessThan1, notInA, lessThan1],
      [lessThan1, in1, doesNotExist],
      [lessThan1, in9, doesNotExist],
      [lessThan1, in19, doesNotExist],
      [lessThan1, notIn12, lessThan1],
      [lessThan1, greaterThan1, doesNotExist],
      [lessThan1, greaterThan9, doesNotExist],
      [lessThan1, lessThan1, lessThan1],
      [lessThan1, lessThan9, lessThan1],

      [lessThan9, exists, lessThan9],
      [lessThan9, doesNotExist, doesNotExist],
      [lessThan9, inA, doesNotExist],
      [lessThan9, inB, doesNotExist],
      [lessThan9, inAB, doesNotExist],
      [lessThan9, notInA, lessThan9],
      [lessThan9, in1, in1],
      [lessThan9, in9, doesNotExist],
      [lessThan9, in19, in1],
      [lessThan9, notIn12, req({ complement: true, values: ['1', '2'], lte: lessThan9.lte })],
      [lessThan9, greaterThan1, req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte })],
      [lessThan9, greaterThan9, doesNotExist],
      [lessThan9, lessThan1, lessThan1],
      [lessThan9, lessThan9, lessThan9],
    ];
    it.each(named(withoutMinValues))(
      'should intersect two requirements without minValues: %s ∩ %s',
      (_a, _b, a, b, e) => {
        expect(intersection(a, b)).toStrictEqual(e);
      },
    );

    // requirement_test.go lines 318-531
    const minValuesWithWithout: Entry[] = [
      [existsOperatorWithFlexibility, exists, existsOperatorWithFlexibility],
      [existsOperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [existsOperatorWithFlexibility, inA, inAOperatorWithFlexibility],
      [existsOperatorWithFlexibility, inB, inBOperatorWithFlexibility],
      [existsOperatorWithFlexibility, inAB, req({ complement: false, values: ['A', 'B'], minValues: 1 })],
      [existsOperatorWithFlexibility, notInA, notInAOperatorWithFlexibility],
      [existsOperatorWithFlexibility, in1, in1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, in9, in9OperatorWithFlexibility],
      [existsOperatorWithFlexibility, in19, req({ complement: false, values: ['1', '9'], minValues: 1 })],
      [existsOperatorWithFlexibility, notIn12, req({ complement: true, values: ['1', '2'], minValues: 1 })],
      [existsOperatorWithFlexibility, greaterThan1, greaterThan1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, greaterThan9, greaterThan9OperatorWithFlexibility],
      [existsOperatorWithFlexibility, lessThan1, lessThan1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, lessThan9, lessThan9OperatorWithFlexibility],
      [existsOperatorWithFlexibility, exists, existsOperatorWithFlexibility],

      [doesNotExistOperatorWithFlexibility, exists, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, notInA, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, in19, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, notIn12, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, greaterThan1, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, lessThan9, doesNotExistOperatorWithFlexibility],

      [inAOperatorWithFlexibility, exists, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, inA, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, inAB, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, notInA, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in19, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, notIn12, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, greaterThan1, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, lessThan9, doesNotExistOperatorWithFlexibility],

      [inBOperatorWithFlexibility, exists, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, inB, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, inAB, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, notInA, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in19, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, notIn12, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, greaterThan1, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, lessThan9, doesNotExistOperatorWithFlexibility],

      [inABOperatorWithFlexibility, exists, inABOperatorWithFlexibility],
      [inABOperatorWithFlexibility, doesNotExist, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, inA, req({ complement: false, values: ['A'], minValues: 2 })],
      [inABOperatorWithFlexibility, inB, req({ complement: false, values: ['B'], minValues: 2 })],
      [inABOperatorWithFlexibility, inAB, inABOperatorWithFlexibility],
      [inABOperatorWithFlexibility, notInA, req({ complement: false, values: ['B'], minValues: 2 })],
      [inABOperatorWithFlexibility, in1, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, in9, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, in19, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, notIn12, req({ complement: false, values: ['A', 'B'], minValues: 2 })],
      [inABOperatorWithFlexibility, greaterThan1, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, greaterThan9, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, lessThan1, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, lessThan9, req({ complement: false, values: [], minValues: 2 })],

      [notInAOperatorWithFlexibility, exists, notInAOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, inB, inBOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, inAB, inBOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, notInA, notInAOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, in1, in1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, in9, in9OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, in19, req({ complement: false, values: ['1', '9'], minValues: 1 })],
      [notInAOperatorWithFlexibility, notIn12, req({ complement: true, values: ['A', '1', '2'], minValues: 1 })],
      [notInAOperatorWithFlexibility, greaterThan1, greaterThan1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, greaterThan9, greaterThan9OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, lessThan1, lessThan1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, lessThan9, lessThan9OperatorWithFlexibility],

      [in1OperatorWithFlexibility, exists, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, notInA, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, in1, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, in19, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, notIn12, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, greaterThan1, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, lessThan9, in1OperatorWithFlexibility],

      [in9OperatorWithFlexibility, exists, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, notInA, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, in9, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, in19, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, notIn12, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, greaterThan1, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, lessThan9, doesNotExistOperatorWithFlexibility],

      [in19OperatorWithFlexibility, exists, in19OperatorWithFlexibility],
      [in19OperatorWithFlexibility, doesNotExist, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, inA, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, inB, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, inAB, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, notInA, req({ complement: false, values: ['1', '9'], minValues: 2 })],
      [in19OperatorWithFlexibility, in1, req({ complement: false, values: ['1'], minValues: 2 })],
      [in19OperatorWithFlexibility, in9, req({ complement: false, values: ['9'], minValues: 2 })],
      [in19OperatorWithFlexibility, in19, in19OperatorWithFlexibility],
      [in19OperatorWithFlexibility, notIn12, req({ complement: false, values: ['9'], minValues: 2 })],
      [in19OperatorWithFlexibility, greaterThan1, req({ complement: false, values: ['9'], minValues: 2 })],
      [in19OperatorWithFlexibility, greaterThan9, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, lessThan1, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, lessThan9, req({ complement: false, values: ['1'], minValues: 2 })],

      [notIn12OperatorWithFlexibility, exists, notIn12OperatorWithFlexibility],
      [notIn12OperatorWithFlexibility, doesNotExist, req({ complement: false, values: [], minValues: 2 })],
      [notIn12OperatorWithFlexibility, inA, req({ complement: false, values: ['A'], minValues: 2 })],
      [notIn12OperatorWithFlexibility, inB, req({ complement: false, values: ['B'], minValues: 2 })],
      [notIn12OperatorWithFlexibility, inAB, inABOperatorWithFlexibility],
      [notIn12OperatorWithFlexibility, notInA, req({ complement: true, values: ['A', '1', '2'], minValues: 2 })],
      [notIn12OperatorWithFlexibility, in1, req({ complement: false, values: [], minValues: 2 })],
      [notIn12OperatorWithFlexibility, in9, req({ complement: false, values: ['9'], minValues: 2 })],
      [notIn12OperatorWithFlexibility, in19, req({ complement: false, values: ['9'], minValues: 2 })],
      [notIn12OperatorWithFlexibility, notIn12, notIn12OperatorWithFlexibility],
      [
        notIn12OperatorWithFlexibility,
        greaterThan1,
        req({ complement: true, values: ['2'], gte: greaterThan1.gte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        greaterThan9,
        req({ complement: true, values: [], gte: greaterThan9.gte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        lessThan1,
        req({ complement: true, values: [], lte: lessThan1.lte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        lessThan9,
        req({ complement: true, values: ['1', '2'], lte: lessThan9.lte, minValues: 2 }),
      ],

      [greaterThan1OperatorWithFlexibility, exists, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, notInA, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, in9, in9OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, in19, in9OperatorWithFlexibility],
      [
        greaterThan1OperatorWithFlexibility,
        notIn12,
        req({ complement: true, values: ['2'], gte: greaterThan1.gte, minValues: 1 }),
      ],
      [greaterThan1OperatorWithFlexibility, greaterThan1, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, greaterThan9, greaterThan9OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [
        greaterThan1OperatorWithFlexibility,
        lessThan9,
        req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte, minValues: 1 }),
      ],

      [greaterThan9OperatorWithFlexibility, exists, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, notInA, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, in19, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, notIn12, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, greaterThan1, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, greaterThan9, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, lessThan1, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, lessThan9, doesNotExistOperatorWithFlexibility],

      [lessThan1OperatorWithFlexibility, exists, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, notInA, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, in1, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, in19, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, notIn12, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, greaterThan1, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, lessThan1, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, lessThan9, lessThan1OperatorWithFlexibility],

      [lessThan9OperatorWithFlexibility, exists, lessThan9OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, doesNotExist, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, inA, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, inB, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, inAB, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, notInA, lessThan9OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, in1, in1OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, in9, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, in19, in1OperatorWithFlexibility],
      [
        lessThan9OperatorWithFlexibility,
        notIn12,
        req({ complement: true, values: ['1', '2'], lte: lessThan9.lte, minValues: 1 }),
      ],
      [
        lessThan9OperatorWithFlexibility,
        greaterThan1,
        req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte, minValues: 1 }),
      ],
      [lessThan9OperatorWithFlexibility, greaterThan9, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, lessThan1, lessThan1OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, lessThan9, lessThan9OperatorWithFlexibility],
    ];
    it.each(named(minValuesWithWithout))(
      'should intersect requirement with minValues with a requirement without: %s ∩ %s',
      (_a, _b, a, b, e) => {
        expect(intersection(a, b)).toStrictEqual(e);
      },
    );

    // requirement_test.go lines 533-747
    const withMinValues: Entry[] = [
      [existsOperatorWithFlexibility, existsOperatorWithFlexibility, existsOperatorWithFlexibility],
      [existsOperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [existsOperatorWithFlexibility, inAOperatorWithFlexibility, inAOperatorWithFlexibility],
      [existsOperatorWithFlexibility, inBOperatorWithFlexibility, inBOperatorWithFlexibility],
      [
        existsOperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: ['A', 'B'], minValues: 2 }),
      ],
      [existsOperatorWithFlexibility, notInAOperatorWithFlexibility, notInAOperatorWithFlexibility],
      [existsOperatorWithFlexibility, in1OperatorWithFlexibility, in1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, in9OperatorWithFlexibility, in9OperatorWithFlexibility],
      [
        existsOperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['1', '9'], minValues: 2 }),
      ],
      [
        existsOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: ['1', '2'], minValues: 2 }),
      ],
      [existsOperatorWithFlexibility, greaterThan1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, greaterThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [existsOperatorWithFlexibility, lessThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [existsOperatorWithFlexibility, lessThan9OperatorWithFlexibility, lessThan9OperatorWithFlexibility],
      [existsOperatorWithFlexibility, existsOperatorWithFlexibility, existsOperatorWithFlexibility],

      [doesNotExistOperatorWithFlexibility, existsOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        doesNotExistOperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [doesNotExistOperatorWithFlexibility, notInAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        doesNotExistOperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        doesNotExistOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [doesNotExistOperatorWithFlexibility, greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [doesNotExistOperatorWithFlexibility, lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],

      [inAOperatorWithFlexibility, existsOperatorWithFlexibility, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, inAOperatorWithFlexibility, inAOperatorWithFlexibility],
      [inAOperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        inAOperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: ['A'], minValues: 2 }),
      ],
      [inAOperatorWithFlexibility, notInAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, in19OperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [
        inAOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: ['A'], minValues: 2 }),
      ],
      [inAOperatorWithFlexibility, greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inAOperatorWithFlexibility, lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],

      [inBOperatorWithFlexibility, existsOperatorWithFlexibility, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, inBOperatorWithFlexibility, inBOperatorWithFlexibility],
      [
        inBOperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [inBOperatorWithFlexibility, notInAOperatorWithFlexibility, inBOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, in19OperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [
        inBOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [inBOperatorWithFlexibility, greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [inBOperatorWithFlexibility, lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],

      [inABOperatorWithFlexibility, existsOperatorWithFlexibility, inABOperatorWithFlexibility],
      [
        inABOperatorWithFlexibility,
        doesNotExistOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        inAOperatorWithFlexibility,
        req({ complement: false, values: ['A'], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        inBOperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [inABOperatorWithFlexibility, inABOperatorWithFlexibility, inABOperatorWithFlexibility],
      [
        inABOperatorWithFlexibility,
        notInAOperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [inABOperatorWithFlexibility, in1OperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, in9OperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [inABOperatorWithFlexibility, in19OperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [
        inABOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: ['A', 'B'], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        greaterThan1OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        greaterThan9OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        lessThan1OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        inABOperatorWithFlexibility,
        lessThan9OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],

      [notInAOperatorWithFlexibility, existsOperatorWithFlexibility, notInAOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, inBOperatorWithFlexibility, inBOperatorWithFlexibility],
      [
        notInAOperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [notInAOperatorWithFlexibility, notInAOperatorWithFlexibility, notInAOperatorWithFlexibility],
      [notInAOperatorWithFlexibility, in1OperatorWithFlexibility, in1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, in9OperatorWithFlexibility, in9OperatorWithFlexibility],
      [
        notInAOperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['1', '9'], minValues: 2 }),
      ],
      [
        notInAOperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: ['A', '1', '2'], minValues: 2 }),
      ],
      [notInAOperatorWithFlexibility, greaterThan1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, greaterThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, lessThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [notInAOperatorWithFlexibility, lessThan9OperatorWithFlexibility, lessThan9OperatorWithFlexibility],

      [in1OperatorWithFlexibility, existsOperatorWithFlexibility, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, inABOperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [in1OperatorWithFlexibility, notInAOperatorWithFlexibility, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, in1OperatorWithFlexibility, in1OperatorWithFlexibility],
      [in1OperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        in1OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['1'], minValues: 2 }),
      ],
      [
        in1OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [in1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in1OperatorWithFlexibility, lessThan9OperatorWithFlexibility, in1OperatorWithFlexibility],

      [in9OperatorWithFlexibility, existsOperatorWithFlexibility, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, inABOperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [in9OperatorWithFlexibility, notInAOperatorWithFlexibility, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, in9OperatorWithFlexibility, in9OperatorWithFlexibility],
      [
        in9OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [
        in9OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [in9OperatorWithFlexibility, greaterThan1OperatorWithFlexibility, in9OperatorWithFlexibility],
      [in9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [in9OperatorWithFlexibility, lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],

      [in19OperatorWithFlexibility, existsOperatorWithFlexibility, in19OperatorWithFlexibility],
      [
        in19OperatorWithFlexibility,
        doesNotExistOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [in19OperatorWithFlexibility, inAOperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, inBOperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [in19OperatorWithFlexibility, inABOperatorWithFlexibility, req({ complement: false, values: [], minValues: 2 })],
      [
        in19OperatorWithFlexibility,
        notInAOperatorWithFlexibility,
        req({ complement: false, values: ['1', '9'], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        in1OperatorWithFlexibility,
        req({ complement: false, values: ['1'], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        in9OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [in19OperatorWithFlexibility, in19OperatorWithFlexibility, in19OperatorWithFlexibility],
      [
        in19OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        greaterThan1OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        greaterThan9OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        lessThan1OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        in19OperatorWithFlexibility,
        lessThan9OperatorWithFlexibility,
        req({ complement: false, values: ['1'], minValues: 2 }),
      ],

      [notIn12OperatorWithFlexibility, existsOperatorWithFlexibility, notIn12OperatorWithFlexibility],
      [
        notIn12OperatorWithFlexibility,
        doesNotExistOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        inAOperatorWithFlexibility,
        req({ complement: false, values: ['A'], minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        inBOperatorWithFlexibility,
        req({ complement: false, values: ['B'], minValues: 2 }),
      ],
      [notIn12OperatorWithFlexibility, inABOperatorWithFlexibility, inABOperatorWithFlexibility],
      [
        notIn12OperatorWithFlexibility,
        notInAOperatorWithFlexibility,
        req({ complement: true, values: ['A', '1', '2'], minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        in1OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        in9OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [notIn12OperatorWithFlexibility, notIn12OperatorWithFlexibility, notIn12OperatorWithFlexibility],
      [
        notIn12OperatorWithFlexibility,
        greaterThan1OperatorWithFlexibility,
        req({ complement: true, values: ['2'], gte: greaterThan1.gte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        greaterThan9OperatorWithFlexibility,
        req({ complement: true, values: [], gte: greaterThan9.gte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        lessThan1OperatorWithFlexibility,
        req({ complement: true, values: [], lte: lessThan1.lte, minValues: 2 }),
      ],
      [
        notIn12OperatorWithFlexibility,
        lessThan9OperatorWithFlexibility,
        req({ complement: true, values: ['1', '2'], lte: lessThan9.lte, minValues: 2 }),
      ],

      [greaterThan1OperatorWithFlexibility, existsOperatorWithFlexibility, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        greaterThan1OperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [greaterThan1OperatorWithFlexibility, notInAOperatorWithFlexibility, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, in9OperatorWithFlexibility, in9OperatorWithFlexibility],
      [
        greaterThan1OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['9'], minValues: 2 }),
      ],
      [
        greaterThan1OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: ['2'], gte: greaterThan1.gte, minValues: 2 }),
      ],
      [greaterThan1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [greaterThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        greaterThan1OperatorWithFlexibility,
        lessThan9OperatorWithFlexibility,
        req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte, minValues: 1 }),
      ],

      [greaterThan9OperatorWithFlexibility, existsOperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        greaterThan9OperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [greaterThan9OperatorWithFlexibility, notInAOperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        greaterThan9OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        greaterThan9OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: [], gte: greaterThan9.gte, minValues: 2 }),
      ],
      [greaterThan9OperatorWithFlexibility, greaterThan1OperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [greaterThan9OperatorWithFlexibility, lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],

      [lessThan1OperatorWithFlexibility, existsOperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        lessThan1OperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [lessThan1OperatorWithFlexibility, notInAOperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, in1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        lessThan1OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [
        lessThan1OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: [], lte: lessThan1.lte, minValues: 2 }),
      ],
      [lessThan1OperatorWithFlexibility, greaterThan1OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [lessThan1OperatorWithFlexibility, lessThan9OperatorWithFlexibility, lessThan1OperatorWithFlexibility],

      [lessThan9OperatorWithFlexibility, existsOperatorWithFlexibility, lessThan9OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, inAOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, inBOperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        lessThan9OperatorWithFlexibility,
        inABOperatorWithFlexibility,
        req({ complement: false, values: [], minValues: 2 }),
      ],
      [lessThan9OperatorWithFlexibility, notInAOperatorWithFlexibility, lessThan9OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, in1OperatorWithFlexibility, in1OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, in9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [
        lessThan9OperatorWithFlexibility,
        in19OperatorWithFlexibility,
        req({ complement: false, values: ['1'], minValues: 2 }),
      ],
      [
        lessThan9OperatorWithFlexibility,
        notIn12OperatorWithFlexibility,
        req({ complement: true, values: ['1', '2'], lte: lessThan9.lte, minValues: 2 }),
      ],
      [
        lessThan9OperatorWithFlexibility,
        greaterThan1OperatorWithFlexibility,
        req({ complement: true, values: [], gte: greaterThan1.gte, lte: lessThan9.lte, minValues: 1 }),
      ],
      [lessThan9OperatorWithFlexibility, greaterThan9OperatorWithFlexibility, doesNotExistOperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, lessThan1OperatorWithFlexibility, lessThan1OperatorWithFlexibility],
      [lessThan9OperatorWithFlexibility, lessThan9OperatorWithFlexibility, lessThan9OperatorWithFlexibility],
    ];
    it.each(named(withMinValues))('should intersect two requirements with minValues: %s ∩ %s', (_a, _b, a, b, e) => {
      expect(intersection(a, b)).toStrictEqual(e);
    });
  });

  describe('Has', () => {
    // requirement_test.go lines 749-829
    const table: [Requirement, string, boolean][] = [
      [exists, 'A', true],
      [doesNotExist, 'A', false],
      [inA, 'A', true],
      [inB, 'A', false],
      [inAB, 'A', true],
      [notInA, 'A', false],
      [in1, 'A', false],
      [in9, 'A', false],
      [in19, 'A', false],
      [notIn12, 'A', true],
      [greaterThan1, 'A', false],
      [greaterThan9, 'A', false],
      [lessThan1, 'A', false],
      [lessThan9, 'A', false],

      [exists, 'B', true],
      [doesNotExist, 'B', false],
      [inA, 'B', false],
      [inB, 'B', true],
      [inAB, 'B', true],
      [notInA, 'B', true],
      [in1, 'B', false],
      [in9, 'B', false],
      [in19, 'B', false],
      [notIn12, 'B', true],
      [greaterThan1, 'B', false],
      [greaterThan9, 'B', false],
      [lessThan1, 'B', false],
      [lessThan9, 'B', false],

      [exists, '1', true],
      [doesNotExist, '1', false],
      [inA, '1', false],
      [inB, '1', false],
      [inAB, '1', false],
      [notInA, '1', true],
      [in1, '1', true],
      [in9, '1', false],
      [in19, '1', true],
      [notIn12, '1', false],
      [greaterThan1, '1', false],
      [greaterThan9, '1', false],
      [lessThan1, '1', false],
      [lessThan9, '1', true],

      [exists, '2', true],
      [doesNotExist, '2', false],
      [inA, '2', false],
      [inB, '2', false],
      [inAB, '2', false],
      [notInA, '2', true],
      [in1, '2', false],
      [in9, '2', false],
      [in19, '2', false],
      [notIn12, '2', false],
      [greaterThan1, '2', true],
      [greaterThan9, '2', false],
      [lessThan1, '2', false],
      [lessThan9, '2', true],

      [exists, '9', true],
      [doesNotExist, '9', false],
      [inA, '9', false],
      [inB, '9', false],
      [inAB, '9', false],
      [notInA, '9', true],
      [in1, '9', false],
      [in9, '9', true],
      [in19, '9', true],
      [notIn12, '9', true],
      [greaterThan1, '9', true],
      [greaterThan9, '9', false],
      [lessThan1, '9', false],
      [lessThan9, '9', false],
    ];
    it.each(table.map(([r, v, e]) => [nameOf(r), v, r, e] as const))(
      'should have the right values: %s has %s',
      (_n, value, r, expected) => {
        expect(has(r, value)).toBe(expected);
      },
    );
  });

  describe('Operator', () => {
    // requirement_test.go lines 831-851
    const table: [Requirement, string][] = [
      [exists, 'Exists'],
      [doesNotExist, 'DoesNotExist'],
      [inA, 'In'],
      [inB, 'In'],
      [inAB, 'In'],
      [notInA, 'NotIn'],
      [in1, 'In'],
      [in9, 'In'],
      [in19, 'In'],
      [notIn12, 'NotIn'],
      [greaterThan1, 'Exists'],
      [greaterThan9, 'Exists'],
      [lessThan1, 'Exists'],
      [lessThan9, 'Exists'],
    ];
    it.each(table.map(([r, op]) => [nameOf(r), op, r] as const))(
      'should return the right operator: %s is %s',
      (_n, op, r) => {
        expect(operatorOf(r)).toBe(op);
      },
    );
  });

  describe('Len', () => {
    // requirement_test.go lines 853-873
    const table: [Requirement, bigint][] = [
      [exists, MAX_INT64],
      [doesNotExist, 0n],
      [inA, 1n],
      [inB, 1n],
      [inAB, 2n],
      [notInA, MAX_INT64 - 1n],
      [in1, 1n],
      [in9, 1n],
      [in19, 2n],
      [notIn12, MAX_INT64 - 2n],
      [greaterThan1, MAX_INT64],
      [greaterThan9, MAX_INT64],
      [lessThan1, MAX_INT64],
      [lessThan9, MAX_INT64],
    ];
    it.each(table.map(([r, n]) => [nameOf(r), n, r] as const))('should have the correct length: %s', (_n, n, r) => {
      expect(lenOf(r)).toBe(n);
    });
  });

  describe('Gte and Lte Operators', () => {
    // requirement_test.go lines 953-1082
    // Gte 2 should be equivalent to Gt 1 (value >= 2 means value > 1)
    const gte2 = newRequirement('key', 'Gte', ['2']);
    // Lte 8 should be equivalent to Lt 9 (value <= 8 means value < 9)
    const lte8 = newRequirement('key', 'Lte', ['8']);

    it('should treat Gte as inclusive lower bound', () => {
      expect(has(gte2, '2')).toBe(true);
      expect(has(gte2, '3')).toBe(true);
      expect(has(gte2, '100')).toBe(true);
      expect(has(gte2, '1')).toBe(false);
      expect(has(gte2, '0')).toBe(false);
    });
    it('should treat Lte as inclusive upper bound', () => {
      expect(has(lte8, '8')).toBe(true);
      expect(has(lte8, '7')).toBe(true);
      expect(has(lte8, '0')).toBe(true);
      expect(has(lte8, '9')).toBe(false);
      expect(has(lte8, '10')).toBe(false);
    });
    it('should intersect Gte and Lte correctly', () => {
      const i = intersection(gte2, lte8);
      expect(has(i, '2')).toBe(true);
      expect(has(i, '5')).toBe(true);
      expect(has(i, '8')).toBe(true);
      expect(has(i, '1')).toBe(false);
      expect(has(i, '9')).toBe(false);
    });
    it('should be equivalent to adjusted Gt/Lt', () => {
      const gt1 = newRequirement('key', 'Gt', ['1']);
      expect(has(gte2, '2')).toBe(has(gt1, '2'));
      expect(has(gte2, '1')).toBe(has(gt1, '1'));
      const lt9 = newRequirement('key', 'Lt', ['9']);
      expect(has(lte8, '8')).toBe(has(lt9, '8'));
      expect(has(lte8, '9')).toBe(has(lt9, '9'));
    });
    it('should collapse redundant bounds in intersection', () => {
      // Gt 4 AND Gte 5: both are >= 5; Gte 5 is kept
      const gt4 = newRequirement('key', 'Gt', ['4']);
      const gte5 = newRequirement('key', 'Gte', ['5']);
      const i = intersection(gt4, gte5);
      expect(has(i, '5')).toBe(true);
      expect(has(i, '4')).toBe(false);
      // NodeSelectorRequirement(): Operator Gte, Values ["5"]
      expect(i.gte).toBe(5);
    });
    it('should keep Gt when Gt is more restrictive', () => {
      // Gt 5 AND Gte 5: Gt 5 is canonicalized to Gte 6
      const gt5 = newRequirement('key', 'Gt', ['5']);
      const gte5 = newRequirement('key', 'Gte', ['5']);
      const i = intersection(gt5, gte5);
      expect(has(i, '6')).toBe(true);
      expect(has(i, '5')).toBe(false);
      // NodeSelectorRequirement(): Operator Gte, Values ["6"]
      expect(i.gte).toBe(6);
    });
    it('should keep more restrictive Gte when Gte > Gt+1', () => {
      const gt3 = newRequirement('key', 'Gt', ['3']);
      const gte6 = newRequirement('key', 'Gte', ['6']);
      const i = intersection(gt3, gte6);
      expect(has(i, '6')).toBe(true);
      expect(has(i, '5')).toBe(false);
      // NodeSelectorRequirement(): Operator Gte
      expect(i.gte).toBeDefined();
    });
    it('should keep Lt when Lt is more restrictive', () => {
      // Lt 5 AND Lte 5: Lt 5 is canonicalized to Lte 4
      const lt5 = newRequirement('key', 'Lt', ['5']);
      const lte5 = newRequirement('key', 'Lte', ['5']);
      const i = intersection(lt5, lte5);
      expect(has(i, '4')).toBe(true);
      expect(has(i, '5')).toBe(false);
      // NodeSelectorRequirement(): Operator Lte, Values ["4"]
      expect(i.gte).toBeUndefined();
      expect(i.lte).toBe(4);
    });
    it('should keep more restrictive Lte when Lte < Lt-1', () => {
      const lt9 = newRequirement('key', 'Lt', ['9']);
      const lte5 = newRequirement('key', 'Lte', ['5']);
      const i = intersection(lt9, lte5);
      expect(has(i, '5')).toBe(true);
      expect(has(i, '6')).toBe(false);
      // NodeSelectorRequirement(): Operator Lte, Values ["5"]
      expect(i.gte).toBeUndefined();
      expect(i.lte).toBe(5);
    });
    it('should handle Gte 0 boundary', () => {
      const gte0 = newRequirement('key', 'Gte', ['0']);
      expect(has(gte0, '0')).toBe(true);
      expect(has(gte0, '-1')).toBe(false);
    });
    it('should handle Lte 0 boundary', () => {
      const lte0 = newRequirement('key', 'Lte', ['0']);
      expect(has(lte0, '0')).toBe(true);
      expect(has(lte0, '1')).toBe(false);
    });
    it('should return DoesNotExist for Gt MaxInt', () => {
      // strconv.Itoa(math.MaxInt) on a 64-bit platform
      const gtMaxInt = newRequirement('key', 'Gt', ['9223372036854775807']);
      expect(operatorOf(gtMaxInt)).toBe('DoesNotExist');
      expect(lenOf(gtMaxInt)).toBe(0n);
    });
  });
});

describe('Requirements (requirements_test.go)', () => {
  const zone = 'topology.kubernetes.io/zone'; // corev1.LabelTopologyZone
  /** NewRequirements: Add onto an empty set. */
  const newRequirements = (...r: Requirement[]): Requirements => addRequirements(new Map(), ...r);
  /** AllowUndefinedWellKnownLabels: v1.WellKnownLabels (pkg/apis/v1/labels.go). */
  const wellKnownLabels: ReadonlySet<string> = new Set([
    'karpenter.sh/nodepool', // NodePoolLabelKey
    'topology.kubernetes.io/zone',
    'topology.kubernetes.io/region',
    'node.kubernetes.io/instance-type',
    'kubernetes.io/arch',
    'kubernetes.io/os',
    'karpenter.sh/capacity-type', // CapacityTypeLabelKey
    'node.kubernetes.io/windows-build',
  ]);
  const strict: ReadonlySet<string> = new Set();

  describe('Compatibility', () => {
    it('should normalize aliased labels', () => {
      const requirements = newRequirements(newRequirement('failure-domain.beta.kubernetes.io/zone', 'In', ['test']));
      expect(requirements.has('failure-domain.beta.kubernetes.io/zone')).toBe(false);
      const r = requirements.get(zone);
      expect(r !== undefined && has(r, 'test')).toBe(true);
    });

    // Use a well known label like zone, because it behaves differently than custom labels
    const fixtures = {
      unconstrained: newRequirements(),
      exists: newRequirements(newRequirement(zone, 'Exists')),
      doesNotExist: newRequirements(newRequirement(zone, 'DoesNotExist')),
      inA: newRequirements(newRequirement(zone, 'In', ['A'])),
      inB: newRequirements(newRequirement(zone, 'In', ['B'])),
      inAB: newRequirements(newRequirement(zone, 'In', ['A', 'B'])),
      notInA: newRequirements(newRequirement(zone, 'NotIn', ['A'])),
      in1: newRequirements(newRequirement(zone, 'In', ['1'])),
      in9: newRequirements(newRequirement(zone, 'In', ['9'])),
      in19: newRequirements(newRequirement(zone, 'In', ['1', '9'])),
      notIn12: newRequirements(newRequirement(zone, 'NotIn', ['1', '2'])),
      greaterThan1: newRequirements(newRequirement(zone, 'Gt', ['1'])),
      greaterThan9: newRequirements(newRequirement(zone, 'Gt', ['9'])),
      lessThan1: newRequirements(newRequirement(zone, 'Lt', ['1'])),
      lessThan9: newRequirements(newRequirement(zone, 'Lt', ['9'])),
    };
    type Name = keyof typeof fixtures;
    // The order of the marks in each row below.
    const order = Object.keys(fixtures) as Name[];

    /** crossProduct expands a matrix: the receiver's row, one '+' (Succeed) or '-' (ToNot) per argument. */
    const crossProduct = (matrix: Record<Name, string>) =>
      order.flatMap((existing) => {
        const marks = matrix[existing].split(' ');
        if (marks.length !== order.length) throw new Error(`row ${existing}: ${marks.length} marks`);
        return order.map((incoming, i) => [existing, incoming, marks[i] === '+'] as const);
      });

    // requirements_test.go lines 57-297
    const wellKnownUndefined: Record<Name, string> = {
      // columns: unconstrained exists doesNotExist inA inB inAB notInA in1 in9 in19 notIn12 greaterThan1 greaterThan9
      //          lessThan1 lessThan9
      unconstrained: '+ + + + + + + + + + + + + + +',
      exists: '+ + - + + + + + + + + + + + +',
      doesNotExist: '+ - + - - - + - - - + - - - -',
      inA: '+ + - + - + - - - - + - - - -',
      inB: '+ + - - + + + - - - + - - - -',
      inAB: '+ + - + + + + - - - + - - - -',
      notInA: '+ + + - + + + + + + + + + + +',
      in1: '+ + - - - - + + - + - - - - +',
      in9: '+ + - - - - + - + + + + - - -',
      in19: '+ + - - - - + + + + + + - - +',
      notIn12: '+ + + + + + + - + + + + + + +',
      greaterThan1: '+ + - - - - + - + + + + + - +',
      greaterThan9: '+ + - - - - + - - - + + + - -',
      lessThan1: '+ + - - - - + - - - + - - + +',
      lessThan9: '+ + - - - - + + - + + + - + +',
    };
    it.each(crossProduct(wellKnownUndefined))(
      'should be compatible with well-known v1 labels undefined: %s.Compatible(%s) succeeds: %s',
      (existing, incoming, succeeds) => {
        expect(compatible(fixtures[existing], fixtures[incoming], wellKnownLabels)).toBe(succeeds ? null : zone);
      },
    );

    // requirements_test.go lines 298-542 (upstream lists unconstrained's failures first; same pairs)
    const strictlyCompatible: Record<Name, string> = {
      // columns: unconstrained exists doesNotExist inA inB inAB notInA in1 in9 in19 notIn12 greaterThan1 greaterThan9
      //          lessThan1 lessThan9
      unconstrained: '+ - + - - - + - - - + - - - -',
      exists: '+ + - + + + + + + + + + + + +',
      doesNotExist: '+ - + - - - + - - - + - - - -',
      inA: '+ + - + - + - - - - + - - - -',
      inB: '+ + - - + + + - - - + - - - -',
      inAB: '+ + - + + + + - - - + - - - -',
      notInA: '+ + + - + + + + + + + + + + +',
      in1: '+ + - - - - + + - + - - - - +',
      in9: '+ + - - - - + - + + + + - - -',
      in19: '+ + - - - - + + + + + + - - +',
      notIn12: '+ + + + + + + - + + + + + + +',
      greaterThan1: '+ + - - - - + - + + + + + - +',
      greaterThan9: '+ + - - - - + - - - + + + - -',
      lessThan1: '+ + - - - - + - - - + - - + +',
      lessThan9: '+ + - - - - + + - + + + - + +',
    };
    it.each(crossProduct(strictlyCompatible))(
      'should be strictly compatible: %s.Compatible(%s) succeeds: %s',
      (existing, incoming, succeeds) => {
        expect(compatible(fixtures[existing], fixtures[incoming], strict)).toBe(succeeds ? null : zone);
      },
    );
  });

  describe('Error Messages', () => {
    // requirements_test.go lines 544-572: the key each message names (see the header)
    const unconstrained = newRequirements();
    it.each([
      ['Zone Label', 'zone'],
      ['Region Label', 'region'],
      ['NodePool Name Label', 'nodepool'],
      ['Instance Type Label', 'instance-type'],
      ['Architecture Label', 'arch'],
      ['Capacity Type Label', 'capacity-type'],
    ])('should detect well known label truncations: %s', (_name, badLabel) => {
      const r = newRequirements(newRequirement(badLabel, 'Exists'));
      expect(compatible(unconstrained, r, wellKnownLabels)).toBe(badLabel);
    });
    it.each([
      ['Zone Label #1', 'topology.kubernetesio/zone'],
      ['Zone Label #1', 'node.io/zone'],
      ['Region Label #1', 'topology.kubernetes.io/regio'],
      ['Region Label #2', 'node.kubernetes.io/region'],
      ['NodePool Label #2', 'karpenter/nodepool'],
    ])('should detect well known label typos: %s (%s)', (_name, badLabel) => {
      const r = newRequirements(newRequirement(badLabel, 'Exists'));
      expect(compatible(unconstrained, r, wellKnownLabels)).toBe(badLabel);
    });
    it('should display an error message for unknown labels', () => {
      const r = newRequirements(newRequirement('deployment', 'Exists'));
      expect(compatible(unconstrained, r, strict)).toBe('deployment');
    });
  });
});
