// The CLI as users run it (package.json's bin): dist/bin/poolsim.js and its two worker threads'
// modules, bundled from tsc's dist/ by `npm run build` (node scripts/bundle.js). Node loads one file per chunk instead of
// ~150 modules of ours and ~100 of vega's, d3's and zod's, each resolved and compiled on its own:
// `poolsim run` of a small scenario starts ~0.1 s sooner, and each chart-drawing thread ~0.1 s.
// Commands still load only what they use: each dynamic import is its own chunk, and the big
// packages have chunks named after them (test/cli/lazy-load.test.ts checks which load).
import { build } from 'rolldown';

// A module's package, for a module under node_modules.
const packageOf = (id) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1] ?? null;

const VENDOR_CHUNKS = new Set(['vega', 'vega-lite', 'vega-common', 'zod', 'yaml']);

// zod's, yaml's and vega-lite's own chunks; what vega-lite shares with vega in vega-common, so that
// compiling a chart does not load vega; vega and everything it draws with (d3, its parsers) in vega's.
function vendorChunk(id) {
  const pkg = packageOf(id);
  if (pkg === null) return null;
  if (pkg === 'vega-lite' || pkg === 'zod' || pkg === 'yaml') return pkg;
  if (pkg === 'vega-util' || pkg === 'vega-event-selector' || pkg === 'vega-expression') return 'vega-common';
  if (/^(vega|d3-|delaunator$|robust-predicates$|topojson-client$|internmap$)/.test(pkg)) return 'vega';
  return null;
}

await build({
  input: {
    poolsim: 'dist/cli.js',
    // Beside the chunks under the names util/worker-file.ts looks for.
    worker: 'dist/parallel/worker.js',
    'chart-worker': 'dist/report/chart-worker.js',
  },
  platform: 'node',
  logLevel: 'warn',
  // Required where a group does not take its modules' dependencies along (vega-common above).
  preserveEntrySignatures: 'allow-extension',
  // piscina starts threads on a module of its own; resvg is a native addon.
  external: ['piscina', '@resvg/resvg-js'],
  output: {
    dir: 'dist/bin',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: (chunk) => (VENDOR_CHUNKS.has(chunk.name) ? '[name].js' : '[name]-[hash].js'),
    cleanDir: true,
    codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: vendorChunk, debugName: 'vendor' }] },
  },
});
