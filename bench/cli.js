// The CLI as a user meets it, each figure the median of a few runs of `node dist/bin/poolsim.js …` (the bundled CLI, as installed) in a
// child process, from its start to its exit: `--version` (cliStartSeconds), `validate` of a small
// scenario (validateSeconds), the README's own run with charts and report (readmeRunSeconds), and
// the 100-node, 1,067-pod scenario of a published cross-tool benchmark (peer100Seconds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peerScenarioYaml } from './peer-scenario.js';

// The median wall time of `runs` runs of the CLI with `args`, in seconds.
function median(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, ['dist/bin/poolsim.js', ...args], { stdio: 'ignore', timeout: 300_000 });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)].toFixed(3));
}

/** measureCli times the CLI's start, a validate, the README's run and the peer benchmark's run. */
export function measureCli() {
  const dir = mkdtempSync(join(tmpdir(), 'poolsim-bench-cli-'));
  try {
    const peer = join(dir, 'peer-100.yaml');
    writeFileSync(peer, peerScenarioYaml());
    return {
      cliStartSeconds: median(['--version'], 7),
      validateSeconds: median(['validate', 'scenarios/node-size.yaml'], 5),
      readmeRunSeconds: median(['run', 'scenarios/node-size.yaml', '--out', join(dir, 'readme')], 3),
      peer100Seconds: median(['run', peer, '--no-charts', '--out', join(dir, 'peer')], 3),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
