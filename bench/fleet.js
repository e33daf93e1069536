// One run of a generated fleet scenario in a child process, so that its peak memory (maxRSS) is its
// own: `node bench/fleet.js SCALE` prints one JSON line {seconds, maxRssMiB, events, nodesPeak}.
// With SCALE 1 it runs scenarios/fleet-5k.yaml itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../dist/commands/run.js';
import { loadScenario } from '../dist/scenario/load.js';
import { fleetScenarioYaml } from './fleet-scenario.js';

const scale = Number(process.argv[2] ?? '1');
const dir = mkdtempSync(join(tmpdir(), 'poolsim-fleet-'));
try {
  const file = scale === 1 ? 'scenarios/fleet-5k.yaml' : join(dir, 'fleet.yaml');
  if (scale !== 1) writeFileSync(file, fleetScenarioYaml(scale));
  const loaded = loadScenario(file);
  if (loaded.scenario === null) throw new Error(`${file} does not load: ${JSON.stringify(loaded.problems[0])}`);
  const start = process.hrtime.bigint();
  const { summaries } = runScenario(loaded.scenario, []);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const s = summaries[0];
  console.log(JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, events: s.simulationEvents, nodesPeak: s.nodes.peak, startupP95: s.pods.startupSeconds.p95 }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
