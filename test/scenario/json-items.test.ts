// A JSON List item by item, from its bytes: the same objects JSON.parse gives, whatever the
// strings hold (braces, brackets, escaped quotes, multi-byte characters).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonListItems } from '../../src/scenario/json-items.js';

const items = (text: string) => {
  const list = jsonListItems(Buffer.from(text, 'utf8'));
  return list === null ? null : { kind: list.kind, items: [...list.items] };
};

describe('jsonListItems', () => {
  it('gives the shipped dump item by item, as JSON.parse does', () => {
    const text = readFileSync('examples/cluster-dump/cluster.json', 'utf8');
    const whole = JSON.parse(text) as { kind: string; items: unknown[] };
    expect(items(text)).toEqual({ kind: whole.kind, items: whole.items });
  });

  it('reads strings that hold braces, brackets, escaped quotes and multi-byte characters', () => {
    const text =
      '{"kind":"List","items":[{"a":"} ] { [","b":"say \\"hi\\" \\\\"},{"c":"é 日本 😀","d":[1,{"e":null}]},true,-1.5e3]}';
    expect(items(text)).toEqual(JSON.parse(text));
  });

  it('leaves to JSON.parse what is not an object with items', () => {
    expect(items('[1, 2]')).toBeNull();
    expect(items('{"kind": "Node", "metadata": {"name": "a"}}')).toBeNull();
  });

  it('throws SyntaxError on a truncated List', () => {
    expect(() => items('{"kind":"List","items":[{"a":1},{"b":')).toThrow(SyntaxError);
  });

  it('agrees with JSON.parse on any list of JSON values', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.boolean(), (values, pretty) => {
        const text = JSON.stringify({ apiVersion: 'v1', items: values, kind: 'List' }, null, pretty ? 4 : undefined);
        expect(items(text)).toEqual({ kind: 'List', items: JSON.parse(text).items });
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
