// A sweep's values are arbitrary strings from the command line or the scenario: in sweep.csv a
// formula is neutralised (a number is not), and in the printed Pareto table no control character gets through.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import { sweepCsv, sweepRows } from '../../src/sweep/outputs.js';
import type { SweepPlan } from '../../src/sweep/shard.js';
import { writeSweepOutputs } from '../../src/sweep/write.js';
import { stripControls } from '../../src/util/text.js';

const { summaries } = runScenario(loadScenario('scenarios/node-size.yaml').scenario!, []);
const values: unknown[][] = [
  ["=cmd|' /C calc'!A0", -5],
  ['+SUM(1,2)', -0.5],
  ['@NOW()\u001b[31m\nx', 3],
];
const plan: SweepPlan = {
  scenario: 'node-size',
  design: 'big',
  seeds: 1,
  firstSeed: 1,
  vary: [
    { path: 'workloads.web.image', values: values.map((v) => v[0]) },
    { path: 'pools.main.min', values: values.map((v) => v[1]) },
  ],
  variants: values.map((v, i) => ({ name: `v${i + 1}`, values: v })),
  scenarioSha256: '0'.repeat(64),
};
// Every variant gets the same figures, so every one is on the Pareto front.
const all = values.map(() => summaries[0]!);

describe('a sweep with values a spreadsheet or a terminal would act on', () => {
  it('sweep.csv prefixes text formulas with a quote and leaves negative numbers', () => {
    const lines = sweepCsv(plan, sweepRows(plan, all)).split('\n');
    expect(lines[1]).toMatch(/^v1,'=cmd\|' \/C calc'!A0,-5,1,/);
    expect(lines[2]).toMatch(/^v2,"'\+SUM\(1,2\)",-0\.5,1,/);
    expect(lines[4]).toMatch(/^x",3,1,/);
    expect(lines[3]).toBe(`v3,"'@NOW()\u001b[31m`);
  });

  it('the printed Pareto front has one line per variant and no control character', async () => {
    const out = mkdtempSync(join(tmpdir(), 'poolsim-sweep-'));
    try {
      const printed = await writeSweepOutputs(join(out, 'sweep'), plan, all, false);
      const table = printed.split('\n\n')[0]!;
      expect(Array.from(table).some((c) => c !== '\n' && stripControls(c) === '')).toBe(false);
      expect(table.split('\n')).toHaveLength(2 + values.length);
      expect(table).toContain("=cmd|' /C calc'!A0");
      expect(table).toContain('@NOW()[31mx');
      expect(readFileSync(join(out, 'sweep', 'sweep.csv'), 'utf8')).toContain("'@NOW()");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
