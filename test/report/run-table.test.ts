// The terminal's run table: OOM kills and memory-pressure evictions get a column only when a
// design has some, so that the usual table stays as narrow as it was.
import { describe, expect, it } from 'vitest';
import { runTable } from '../../src/report/run-table.js';
import { runScenario } from '../../src/run/outputs.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Summary } from '../../src/report/summary.js';

const { summaries } = runScenario(loadScenario('scenarios/node-size.yaml').scenario!, []);
const withMemory = (s: Summary, oomKills: number, evictions: number): Summary => ({
  ...s,
  memory: { ...s.memory, oomKills, evictions },
});

describe('the run table', () => {
  it('has no memory column when no design had an OOM kill or an eviction', () => {
    expect(runTable(summaries)).not.toContain('OOM');
  });

  it('has one, between the kubelets and the unserved load, when a design had some', () => {
    const lines = runTable([withMemory(summaries[0]!, 3, 0), withMemory(summaries[1]!, 0, 2)]).split('\n');
    expect(lines[0]).toMatch(/kubelet down \/ node NotReady {2}OOM kills \/ memory evictions {2}unserved load/);
    expect(lines[1]).toMatch(/^big .* node-s {2,}3 \/ 0 {2,}0%/);
    expect(lines[2]).toMatch(/^small .* node-s {2,}0 \/ 2 {2,}0%/);
  });
});
