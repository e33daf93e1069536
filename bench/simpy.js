// SimPy on the hold workload of engine.js (bench/simpy_hold.py), as a yardstick for the engine:
// the discrete-event library the engine's design follows, run on the same machine.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./simpy_hold.py', import.meta.url));
// python3 on PATH may be a pyenv or venv build that cannot see Debian's python3-simpy.
const PYTHONS = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);

// The first interpreter that imports SimPy 4 or 2.3, with the version it found, or undefined.
async function findSimpy() {
  for (const python of PYTHONS) {
    try {
      const { stdout } = await run(python, [SCRIPT, '--probe'], { timeout: 20_000 });
      return { python, version: JSON.parse(stdout).simpy };
    } catch {
      // Not installed, or no SimPy there (exit status 3): try the next one.
    }
  }
  return undefined;
}

// Installs Debian's SimPy 2.3; apt-get update only if the package lists do not know it yet.
async function installSimpy() {
  const options = { timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  try {
    await run('apt-get', ['install', '-y', 'python3-simpy'], options);
  } catch {
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', 'python3-simpy'], options);
  }
}

const skipped = (note) => ({ simpyEventsPerSecond: null, simpyRatio: null, note });

/**
 * measureSimpy runs the hold workload on SimPy and returns its events per second and
 * simpyRatio = engineEventsPerSecond ÷ SimPy's (how many times faster the engine is). When SimPy
 * is missing it installs python3-simpy as root; otherwise, or on failure, the figures are null
 * and `note` says why.
 */
export async function measureSimpy(engineEventsPerSecond) {
  let found = await findSimpy();
  let installed = '';
  if (found === undefined) {
    if (process.getuid?.() !== 0)
      return skipped('SimPy is not importable and installing python3-simpy needs root: skipped');
    try {
      await installSimpy();
    } catch (error) {
      return skipped(`SimPy is not importable and apt-get install -y python3-simpy failed: ${firstLine(error)}`);
    }
    found = await findSimpy();
    if (found === undefined) return skipped('python3-simpy was installed but no python3 imports SimPy: skipped');
    installed = ', installed by the bench';
  }
  let result;
  try {
    const { stdout } = await run(found.python, [SCRIPT], { timeout: 180_000, maxBuffer: 1 << 20 });
    result = JSON.parse(stdout.trim().split('\n').at(-1));
  } catch (error) {
    return skipped(`SimPy ${found.version} (${found.python}) failed on the hold workload: ${firstLine(error)}`);
  }
  const simpyEventsPerSecond = Math.round(result.events / result.seconds);
  const simpyRatio =
    engineEventsPerSecond > 0 ? Number((engineEventsPerSecond / simpyEventsPerSecond).toFixed(1)) : null;
  const note = `SimPy ${found.version} (${found.python}${installed}): ${result.events.toLocaleString('en')} events in ${result.seconds} s`;
  return { simpyEventsPerSecond, simpyRatio, note };
}

function firstLine(error) {
  return String(error?.stderr || error?.message || error)
    .trim()
    .split('\n')[0];
}

// `node bench/simpy.js [engineEventsPerSecond]` measures SimPy alone.
if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await measureSimpy(Number(process.argv[2]) || null)));
