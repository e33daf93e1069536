// One run of a generated fleet scenario in a child process, so that its peak memory (maxRSS) is its
// own: `node bench/fleet.js SCALE` prints one JSON line {seconds, maxRssMiB, events, nodesPeak}.
// With SCALE 1 it runs scenarios/fleet-5k.yaml itself. It runs as `poolsim run --no-charts` does
// (the simulation in a worker thread, the timeline and events streamed to disk), since that is
// what a user's day of the fleet costs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/main.js';
import { fleetScenarioYaml } from './fleet-scenario.js';

const scale = Number(process.argv[2] ?? '1');
const dir = mkdtempSync(join(tmpdir(), 'poolsim-fleet-'));
try {
  const file = scale === 1 ? 'scenarios/fleet-5k.yaml' : join(dir, 'fleet.yaml');
  if (scale !== 1) writeFileSync(file, fleetScenarioYaml(scale));
  const out = join(dir, 'out');
  let stderr = '';
  const quiet = { stdout: () => {}, stderr: (t) => void (stderr += t) };
  const start = process.hrtime.bigint();
  const code = await main(['run', file, '--no-charts', '--out', out], quiet);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) throw new Error(`poolsim run ${file} exited ${code}: ${stderr}`);
  const s = JSON.parse(readFileSync(join(out, 'mixed', 'summary.json'), 'utf8'));
  console.log(
    JSON.stringify({
      seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      events: s.simulationEvents,
      nodesPeak: s.nodes.peak,
      startupP95: s.pods.startupSeconds.p95,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
