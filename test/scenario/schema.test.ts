import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema/scenario.js';

describe('poolsim.schema.json', () => {
  it('is current: regenerate it with `npx poolsim schema > poolsim.schema.json` when the format changes', () => {
    const committed = JSON.parse(readFileSync('poolsim.schema.json', 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('keeps defaulted fields optional for editors (the input side of the schema)', () => {
    const schema = scenarioJsonSchema() as { required: string[]; definitions: Record<string, unknown> };
    expect(schema.required.sort()).toEqual(['designs', 'duration', 'name']);
    expect(Object.keys(schema.definitions)).toEqual(
      expect.arrayContaining(['Duration', 'DurationDistribution', 'Pool', 'Workload']),
    );
  });
});
