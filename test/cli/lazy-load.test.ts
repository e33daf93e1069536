// A command loads what it needs when it runs: `poolsim --version` and `poolsim instances` never load
// the scenario schema (zod), the charts (vega-lite) or the worker pools (piscina). Checked by the
// modules node resolves, not by time: a package left outside the bundle by its folder in
// node_modules, a bundled one by its chunk (scripts/bundle.js names zod's, yaml's, vega's and
// vega-lite's after them).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-lazy-');

// The packages node resolves while poolsim runs `args`.
function packagesLoaded(args: readonly string[]): Set<string> {
  const dir = tmp();
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    "export async function resolve(s, c, next) { const r = await next(s, c); const m = /node_modules\\/((@[^/]+\\/)?[^/]+)|dist\\/bin\\/(vega|vega-lite|vega-common|zod|yaml)\\.js$/.exec(r.url); if (m) process.stderr.write('PACKAGE ' + (m[1] ?? m[3]) + '\\n'); return r; }\n",
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, 'dist/bin/poolsim.js', ...args], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return new Set([...r.stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]!));
}

describe('what a command loads', () => {
  it('--version loads no command: neither the schema, the charts nor the worker pools', () => {
    const loaded = packagesLoaded(['--version']);
    for (const heavy of ['zod', 'vega-lite', 'vega', 'piscina', 'yaml']) expect(loaded.has(heavy), heavy).toBe(false);
  });

  it('instances loads its catalog only; validate loads the schema but not the charts', () => {
    expect(packagesLoaded(['instances', '--provider', 'aks']).has('zod')).toBe(false);
    const validate = packagesLoaded(['validate', 'scenarios/node-size.yaml']);
    expect(validate.has('zod')).toBe(true);
    expect(validate.has('vega-lite')).toBe(false);
  });

  it('run with charts loads vega-lite here and vega on the drawing threads', () => {
    const dir = tmp();
    const run = packagesLoaded(['run', 'scenarios/node-size.yaml', '--out', join(dir, 'out')]);
    for (const used of ['zod', 'yaml', 'vega-lite', 'vega', 'piscina']) expect(run.has(used), used).toBe(true);
  });
});
