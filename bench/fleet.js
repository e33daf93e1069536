// One run of a generated fleet scenario in a child process, so that its peak memory (maxRSS) is its
// own: `node bench/fleet.js SCALE [--charts]` prints one JSON line {seconds, maxRssMiB, events,
// nodesPeak, outputMiB, reportMiB}. With SCALE 1 it runs scenarios/fleet-5k.yaml itself; SCALE 10 is
// the 50,000-node fleet. It runs as `poolsim run --no-charts` does (the simulation in a worker
// thread, the timeline and events streamed to disk), or with `--charts` as the default run does
// (charts and report.html too), since that is what a user's day of the fleet costs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/main.js';
import { fleetScenarioYaml } from './fleet-scenario.js';

const scale = Number(process.argv[2] ?? '1');
const charts = process.argv.includes('--charts');
// Ten times the fleet passes run's default budgets of pod-hours and node-hours (which guard against a typo'd scenario).
const budgets = scale > 1 ? ['--budget-pod-hours', '100000000', '--budget-node-hours', '3000000'] : [];
const dir = mkdtempSync(join(tmpdir(), 'poolsim-fleet-'));
try {
  const file = scale === 1 ? 'scenarios/fleet-5k.yaml' : join(dir, 'fleet.yaml');
  if (scale !== 1) writeFileSync(file, fleetScenarioYaml(scale));
  const out = join(dir, 'out');
  let stderr = '';
  const quiet = { stdout: () => {}, stderr: (t) => void (stderr += t) };
  const start = process.hrtime.bigint();
  const code = await main(['run', file, ...(charts ? [] : ['--no-charts']), ...budgets, '--out', out], quiet);
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
      outputMiB: mib(sizeOf(out)),
      reportMiB: existsSync(join(out, 'report.html')) ? mib(statSync(join(out, 'report.html')).size) : null,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The bytes of every file under `path`.
function sizeOf(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function mib(bytes) {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}
