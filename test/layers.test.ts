// The layers of src/ point one way, and no file imports itself back through others: the README's
// architecture, held against every import of the code (static, type-only and dynamic alike).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/**
 * LAYERS lists src/'s folders from the bottom up ('.' is src/ itself: cli.ts, main.ts, index.ts).
 * A file may import its own folder's files and those of lower layers; folders of one layer do not
 * import each other. A folder missing here is an error: a new folder takes its place on purpose.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['sim', 'util'], // the engine, and helpers with no domain: they import nothing of poolsim's
  ['models'], // Kubernetes' decisions, as pure functions
  ['scenario'], // scenario files and manifests in
  ['simulate'], // the models wired onto the engine: one design's run
  ['report'], // summaries, CSV, charts, HTML, comparisons, atomic output
  ['parallel'], // one design on one seed, the unit of work, and its pool of worker threads
  ['run', 'sweep'], // a scenario's designs on seeds, written out; sweeps of a design's settings
  ['commands'], // the CLI's commands: flags in, a core called, results printed
  ['.'], // the CLI's entry, main and the library's index
];

/** Imports maps each file (relative to src/) to the files it imports (likewise). */
type Imports = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Every relative import of every file, as TypeScript's own pre-processor finds them.
function readImports(): Imports {
  const imports = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const found = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
    const targets = found
      .map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(dirname(file), name)).replace(/\.js$/, '.ts'));
    imports.set(relative(SRC, file), targets);
  }
  return imports;
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

/** layerViolations lists every import that points up or sideways, and every folder with no layer. */
function layerViolations(imports: Imports, layers: ReadonlyArray<readonly string[]>): string[] {
  const rank = new Map(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const out: string[] = [];
  for (const [file, targets] of imports) {
    const from = folderOf(file);
    if (!rank.has(from)) {
      out.push(`${file}: its folder ${from}/ has no layer; add it to LAYERS`);
      continue;
    }
    for (const target of targets) {
      const to = folderOf(target);
      if (to === from) continue;
      if (!rank.has(to)) out.push(`${file} imports ${target}, whose folder ${to}/ has no layer`);
      else if (rank.get(to)! >= rank.get(from)!)
        out.push(`${file} (${from}/) imports ${target} (${to}/), not below it`);
    }
  }
  return out;
}

/** importCycles lists each cycle of imports once, as file → … → the same file (Tarjan's strongly connected components). */
function importCycles(imports: Imports): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of imports.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      component.push(top);
    } while (top !== file);
    const selfImport = (imports.get(file) ?? []).includes(file);
    if (component.length > 1 || selfImport) cycles.push([...component.reverse(), component[0]].join(' → '));
  };
  for (const file of imports.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('src/ imports', () => {
  const imports = readImports();

  it('finds the imports it checks', () => {
    expect(imports.size).toBeGreaterThan(100);
    expect(imports.get('cli.ts')).toContain('main.ts');
  });

  it('point down the layers only', () => {
    expect(layerViolations(imports, LAYERS)).toEqual([]);
  });

  it('form no cycle', () => {
    expect(importCycles(imports)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const graph = (edges: Record<string, string[]>): Imports => new Map(Object.entries(edges));

  it('flag an import from a lower layer to a higher one, between folders of one layer, and an unplaced folder', () => {
    const imports = graph({
      'models/hpa.ts': ['simulate/pod.ts', 'models/load.ts'],
      'sim/random.ts': ['util/io.ts'],
      'simulate/pod.ts': ['models/hpa.ts'],
      'extra/x.ts': [],
    });
    expect(layerViolations(imports, LAYERS)).toEqual([
      'models/hpa.ts (models/) imports simulate/pod.ts (simulate/), not below it',
      'sim/random.ts (sim/) imports util/io.ts (util/), not below it',
      'extra/x.ts: its folder extra/ has no layer; add it to LAYERS',
    ]);
  });

  it('find every cycle, a file importing itself included', () => {
    const imports = graph({
      'a.ts': ['b.ts'],
      'b.ts': ['c.ts'],
      'c.ts': ['a.ts'],
      'd.ts': ['d.ts'],
      'e.ts': ['a.ts'],
    });
    expect(importCycles(imports)).toEqual(['a.ts → b.ts → c.ts → a.ts', 'd.ts → d.ts']);
  });
});
