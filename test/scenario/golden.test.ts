// Every bundled scenario is a golden test: its comparison and each design's summary are committed
// under test/golden/<scenario>/ and must come out byte for byte. When a model changes on purpose,
// regenerate them with `UPDATE_GOLDEN=1 npm test` and read the diff before committing it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';

const update = process.env.UPDATE_GOLDEN === '1';
// fleet-5k.yaml is the performance target, minutes of work today: npm run bench runs it instead.
const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && f !== 'fleet-5k.yaml');

describe('golden outputs of the bundled scenarios', () => {
  it.each(scenarios)('%s', (file) => {
    const scenario = loadScenario(join('scenarios', file)).scenario!;
    const { files } = runScenario(scenario, []);
    const golden = [...files].filter(([name]) => name === 'comparison.csv' || name.endsWith('/summary.json'));
    for (const [name, content] of golden) {
      const path = join('test', 'golden', scenario.name, name);
      if (update) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
        continue;
      }
      expect(existsSync(path), `${path} is missing; create it with UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(
        content,
        `${path} differs; if the change is intended, run UPDATE_GOLDEN=1 npm test and review the diff`,
      ).toBe(readFileSync(path, 'utf8'));
    }
  });
});
