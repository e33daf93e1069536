// npm run bench: performance figures measured in one run, as ratios where a ratio is what
// matters, so that a noisy shared machine slows both sides alike. Prints one figure a line (with
// its target), then, last, one JSON line with every figure (null where one could not be measured,
// with the reason printed above). Never a timed unit test: these machines are shared.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { measureCli } from './cli.js';
import { measureEngine } from './engine.js';
import { measureScheduler } from './scheduler.js';
import { measureSimpy } from './simpy.js';

const run = promisify(execFile);
const millions = (rate) => `${(rate / 1e6).toFixed(2)} M events/s`;
const figures = {};
const say = (line) => console.log(line);

// Each fleet run in its own process: its wall time and peak memory (maxRSS) are its own.
async function fleet(args, timeoutSeconds) {
  try {
    const { stdout } = await run(process.execPath, ['bench/fleet.js', ...args], {
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

// 4. The full fleet and its halves: 5,000 nodes, 300 Deployments, ~150,000 pods at peak, 24 h, one
// seed, charts off; then the default run (charts and report.html); then, unless BENCH_SKIP_50K=1,
// ten times the fleet. Scaling: each doubling from 1/8 of the fleet to the whole; the worst counts.
const fleetTimeout = Number(process.env.BENCH_FLEET_TIMEOUT ?? 600);
const sizes = [1 / 8, 1 / 4, 1 / 2, 1];
const scaled = [];
for (const scale of sizes) scaled.push(await fleet([String(scale)], fleetTimeout));
const done = scaled.filter((r) => r.error === undefined);
done.forEach((r, i) =>
  say(
    `fleet at ${sizes[i]} of fleet-5k: ${r.seconds.toFixed(2)} s, ${Math.round(r.maxRssMiB)} MiB, ${r.events.toLocaleString('en')} events, ${r.nodesPeak} nodes at peak, ${r.outputMiB} MiB written`,
  ),
);
const ratios = done.slice(1).map((r, i) => r.seconds / done[i].seconds);
figures.scalingRatio2x = ratios.length === 0 ? null : Number(Math.max(...ratios).toFixed(2));
const reach = done.length === sizes.length ? 'the whole fleet' : `${sizes[done.length - 1] ?? 0} of it`;
say(
  `scalingRatio2x: ${figures.scalingRatio2x} (wall time of 2× the nodes and pods ÷ 1×, the worst doubling from 1/8 up to ${reach}; ${ratios.map((x) => x.toFixed(2)).join(', ')}; target ≤ 2.3)${done.length < sizes.length ? ` — ${scaled[done.length].error}` : ''}`,
);

const full = scaled.at(-1);
if (full.error !== undefined) {
  figures.fleetWallSeconds = null;
  figures.fleetPeakMemoryMiB = null;
  say(`fleetWallSeconds: null — fleet-5k ${full.error}`);
} else {
  figures.fleetWallSeconds = Number(full.seconds.toFixed(2));
  figures.fleetPeakMemoryMiB = Math.round(full.maxRssMiB);
  say(
    `fleet-5k: ${full.events.toLocaleString('en')} events, ${full.nodesPeak} nodes at peak, start-up p95 ${full.startupP95} s, ${full.outputMiB} MiB written`,
  );
  say(`fleetWallSeconds: ${figures.fleetWallSeconds} (--no-charts; target ≤ 10)`);
}

const endToEnd = await fleet(['1', '--charts'], fleetTimeout);
if (endToEnd.error !== undefined) {
  figures.fleetEndToEndSeconds = null;
  say(`fleetEndToEndSeconds: null — fleet-5k with charts ${endToEnd.error}`);
} else {
  figures.fleetEndToEndSeconds = Number(endToEnd.seconds.toFixed(2));
  figures.fleetPeakMemoryMiB = Math.max(figures.fleetPeakMemoryMiB ?? 0, Math.round(endToEnd.maxRssMiB));
  say(
    `fleetEndToEndSeconds: ${figures.fleetEndToEndSeconds} (charts and report.html; ${endToEnd.outputMiB} MiB written, report.html ${endToEnd.reportMiB} MiB; target ≤ 20)`,
  );
}
if (figures.fleetPeakMemoryMiB !== null)
  say(`fleetPeakMemoryMiB: ${figures.fleetPeakMemoryMiB} (the more of the two runs; target ≤ 1024)`);

if (process.env.BENCH_SKIP_50K === '1') {
  figures.fleet50kSeconds = null;
  say('fleet50kSeconds: null — skipped (BENCH_SKIP_50K=1)');
} else {
  const big = await fleet(['10'], Number(process.env.BENCH_50K_TIMEOUT ?? 1800));
  figures.fleet50kSeconds = big.error === undefined ? Number(big.seconds.toFixed(2)) : null;
  figures.fleet50kMemoryMiB = big.error === undefined ? Math.round(big.maxRssMiB) : null;
  say(
    big.error === undefined
      ? `fleet50kSeconds: ${figures.fleet50kSeconds} (${big.nodesPeak} nodes at peak, ${Math.round(big.maxRssMiB)} MiB; targets ≤ 150 s, ≤ 4096 MiB)`
      : `fleet50kSeconds: null — ${big.error}`,
  );
}

// 5. The CLI as a user meets it.
const cli = measureCli();
Object.assign(figures, cli);
say(`cliStartSeconds: ${cli.cliStartSeconds} (poolsim --version, median of 7; target ≤ 0.15)`);
say(`validateSeconds: ${cli.validateSeconds} (poolsim validate scenarios/node-size.yaml, median of 5; target ≤ 0.3)`);
say(
  `readmeRunSeconds: ${cli.readmeRunSeconds} (poolsim run scenarios/node-size.yaml, charts and report, median of 3; target ≤ 1.5)`,
);
say(`peer100Seconds: ${cli.peer100Seconds} (100 nodes, 1,067 pods, 10 min, --no-charts, median of 3; target ≤ 0.5)`);

// 6. Monte Carlo: 1,000 seeds of node-size.yaml on 2 workers, through the CLI as a user runs it.
const out = mkdtempSync(join(tmpdir(), 'poolsim-bench-mc-'));
try {
  const start = process.hrtime.bigint();
  await run(
    process.execPath,
    [
      'dist/bin/poolsim.js',
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
  'fleetEndToEndSeconds',
  'fleetPeakMemoryMiB',
  'scalingRatio2x',
  'fleet50kSeconds',
  'fleet50kMemoryMiB',
  'cliStartSeconds',
  'validateSeconds',
  'readmeRunSeconds',
  'peer100Seconds',
  'monteCarlo1000Seconds',
  'simpyRatio',
  'schedulerIndexSpeedup',
];
console.log(JSON.stringify(Object.fromEntries(order.map((k) => [k, figures[k] ?? null]))));
