// npm run bench: performance figures measured in one run, as ratios where a ratio is what
// matters, so that a noisy shared machine slows both sides alike. Prints one figure a line (with
// its target), then, last, one JSON line with every figure (null where one could not be measured,
// with the reason printed above). Never a timed unit test: these machines are shared.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { measureEngine } from './engine.js';
import { measureScheduler } from './scheduler.js';
import { measureSimpy } from './simpy.js';

const run = promisify(execFile);
const millions = (rate) => `${(rate / 1e6).toFixed(2)} M events/s`;
const figures = {};
const say = (line) => console.log(line);

// Each fleet run in its own process: its wall time and peak memory (maxRSS) are its own.
async function fleet(scale, timeoutSeconds) {
  try {
    const { stdout } = await run(process.execPath, ['bench/fleet.js', String(scale)], {
      timeout: timeoutSeconds * 1000,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1));
  } catch (error) {
    return {
      error: error.killed
        ? `did not finish within ${timeoutSeconds} s`
        : String(error.stderr || error.message)
            .trim()
            .split('\n')[0],
    };
  }
}

// 1. The engine against a bare typed-array heap on the same hold workload.
const engine = measureEngine();
figures.engineRatio = engine.engineRatio;
say(
  `engine (Simulation, 100,000 pending): ${millions(engine.engineEventsPerSecond)}; bare typed-array heap: ${millions(engine.bareEventsPerSecond)}`,
);
say(`engineRatio: ${engine.engineRatio} (engine ÷ bare heap, best of 5; target ≥ 0.5)`);

// 2. SimPy on the same workload.
const simpy = await measureSimpy(engine.engineEventsPerSecond);
figures.simpyRatio = simpy.simpyRatio;
say(
  `SimPy: ${simpy.simpyEventsPerSecond === null ? 'not measured' : millions(simpy.simpyEventsPerSecond)} — ${simpy.note}`,
);
say(`simpyRatio: ${simpy.simpyRatio} (engine ÷ SimPy events/s)`);

// 3. The scheduler's node index against a scan of every node.
const scheduler = measureScheduler();
figures.schedulerIndexSpeedup = scheduler.schedulerIndexSpeedup;
say(
  `scheduleOne, 5,000 nodes 95% full: ${scheduler.indexedPerSecond} pods/s indexed, ${scheduler.scannedPerSecond} pods/s scanning every node`,
);
say(`schedulerIndexSpeedup: ${scheduler.schedulerIndexSpeedup}`);

// 4. Scaling: the fleet at 1×, 2× and 4× (1/32, 1/16, 1/8 of fleet-5k); the worst doubling counts.
const sizes = [1 / 32, 1 / 16, 1 / 8];
const scaled = [];
for (const scale of sizes) scaled.push(await fleet(scale, 600));
if (scaled.some((r) => r.error !== undefined)) {
  figures.scalingRatio2x = null;
  say(`scalingRatio2x: null — ${scaled.find((r) => r.error !== undefined).error}`);
} else {
  const ratios = [scaled[1].seconds / scaled[0].seconds, scaled[2].seconds / scaled[1].seconds];
  figures.scalingRatio2x = Number(Math.max(...ratios).toFixed(2));
  scaled.forEach((r, i) =>
    say(
      `fleet ×${2 ** i} (${sizes[i]} of fleet-5k): ${r.seconds.toFixed(2)} s, ${Math.round(r.maxRssMiB)} MiB, ${r.events.toLocaleString('en')} events, ${r.nodesPeak} nodes at peak`,
    ),
  );
  say(
    `scalingRatio2x: ${figures.scalingRatio2x} (wall time of 2× the nodes and pods ÷ 1×, the worse of 1→2 and 2→4; ${ratios.map((x) => x.toFixed(2)).join(', ')}; target ≤ 2.3)`,
  );
}

// 5. The full fleet: 5,000 nodes, 300 Deployments, ~150,000 pods at peak, 24 h, one seed.
const full = await fleet(1, Number(process.env.BENCH_FLEET_TIMEOUT ?? 600));
if (full.error !== undefined) {
  figures.fleetWallSeconds = null;
  figures.fleetPeakMemoryMiB = null;
  say(`fleetWallSeconds: null — fleet-5k ${full.error}`);
} else {
  figures.fleetWallSeconds = Number(full.seconds.toFixed(2));
  figures.fleetPeakMemoryMiB = Math.round(full.maxRssMiB);
  say(
    `fleet-5k: ${full.events.toLocaleString('en')} events, ${full.nodesPeak} nodes at peak, start-up p95 ${full.startupP95} s`,
  );
  say(`fleetWallSeconds: ${figures.fleetWallSeconds} (target ≤ 10)`);
  say(`fleetPeakMemoryMiB: ${figures.fleetPeakMemoryMiB} (target ≤ 1024)`);
}

// 6. Monte Carlo: 1,000 seeds of node-size.yaml on 2 workers, through the CLI as a user runs it.
const out = mkdtempSync(join(tmpdir(), 'poolsim-bench-mc-'));
try {
  const start = process.hrtime.bigint();
  await run(
    process.execPath,
    [
      'dist/cli.js',
      'run',
      'scenarios/node-size.yaml',
      '--seeds',
      '1000',
      '--workers',
      '2',
      '--no-charts',
      '--out',
      join(out, 'mc'),
    ],
    { timeout: 600_000, maxBuffer: 16 << 20 },
  );
  figures.monteCarlo1000Seconds = Number((Number(process.hrtime.bigint() - start) / 1e9).toFixed(2));
  say(
    `monteCarlo1000Seconds: ${figures.monteCarlo1000Seconds} (node-size.yaml, 2 designs × 1,000 seeds, 2 workers; target ≤ 30)`,
  );
} catch (error) {
  figures.monteCarlo1000Seconds = null;
  say(
    `monteCarlo1000Seconds: null — ${
      String(error.stderr || error.message)
        .trim()
        .split('\n')[0]
    }`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}

const order = [
  'engineRatio',
  'fleetWallSeconds',
  'fleetPeakMemoryMiB',
  'scalingRatio2x',
  'monteCarlo1000Seconds',
  'simpyRatio',
  'schedulerIndexSpeedup',
];
console.log(JSON.stringify(Object.fromEntries(order.map((k) => [k, figures[k] ?? null]))));
