import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { formatProblem } from '../../src/scenario/source.js';
import { BASE, CASES } from './malformed-cases.js';

const noFiles = () => {
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};

describe('malformed scenarios', () => {
  it('the catalog has at least 40 cases, and its base is sound', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const base = loadScenarioText('bad.yaml', BASE, noFiles);
    expect(base.problems).toEqual([]);
    expect(base.scenario).not.toBeNull();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = loadScenarioText('bad.yaml', c.text, noFiles);
    expect(result.scenario).toBeNull();
    const lines = result.problems.map(formatProblem);
    expect(lines).toEqual(c.expected.map((e) => `bad.yaml:${e}`));
    // Every problem says where, and what is wrong; the text after the place never starts empty.
    for (const line of lines) expect(line).toMatch(/^bad\.yaml:\d+:\d+: \S/);
  });
});
