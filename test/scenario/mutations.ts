// Random mutations of the bundled scenarios, for the fuzz tests (issue 9): edits at random places
// of the parsed YAML (re-stringified with yaml's Document API), edits at random offsets of the text,
// binary junk, deep nesting and 10 MB files. Each arbitrary gives a Mutant: a scenario to load and
// the one file (the scenario or a manifest it includes) replaced by the mutated content.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, Pair, parseAllDocuments, type Document } from 'yaml';

/** ROOT is the repository; scenarios are loaded as scenarios/<name>, as a user in it would. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Path = ReadonlyArray<unknown>;

/** Source is a bundled file to mutate: a scenario, or a manifest that `scenario` includes. */
interface Source {
  /** scenario is the scenario to load, relative to scenarios/. */
  readonly scenario: string;
  /** file is the file mutated, relative to scenarios/: the scenario itself or one of its includes. */
  readonly file: string;
  readonly text: string;
}

/** Mutant is one mutated input: `content` replaces `file` when `scenario` is loaded. */
export interface Mutant {
  readonly category: string;
  readonly what: string;
  readonly scenario: string;
  readonly file: string;
  readonly content: string | Uint8Array;
}

const read = (name: string) => readFileSync(`${ROOT}scenarios/${name}`, 'utf8');

// Every bundled scenario and every manifest one of them includes.
function bundledSources(): Source[] {
  const sources: Source[] = [];
  for (const scenario of readdirSync(`${ROOT}scenarios`)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const text = read(scenario);
    sources.push({ scenario, file: scenario, text });
    const include = parseAllDocuments(text)[0]?.toJS()?.include;
    for (const file of Array.isArray(include) ? (include as string[]) : [])
      sources.push({ scenario, file, text: read(file) });
  }
  return sources;
}

/** SOURCES is every file that can be mutated; LIGHT_SOURCES leaves out fleet-5k (150 kB), for the heavy categories. */
const SOURCES: readonly Source[] = bundledSources();
const LIGHT_SOURCES: readonly Source[] = SOURCES.filter((s) => s.scenario !== 'fleet-5k.yaml');

// fleet-5k takes ~0.6 s a mutant (printing and loading): it is drawn now and then, the small files most of the time.
const anySource: fc.Arbitrary<Source> = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...LIGHT_SOURCES) },
  { weight: 1, arbitrary: fc.constantFrom(...SOURCES.filter((s) => s.scenario === 'fleet-5k.yaml')) },
);
const lightSource: fc.Arbitrary<Source> = fc.constantFrom(...LIGHT_SOURCES);

// A mutant prints as its description and the start of its content, not 10 MB of it.
function mutant(category: string, what: string, source: Source, content: string | Uint8Array): Mutant {
  const head =
    typeof content === 'string' ? content.slice(0, 160) : Buffer.from(content.subarray(0, 120)).toString('latin1');
  return {
    category,
    what,
    scenario: source.scenario,
    file: source.file,
    content,
    [fc.toStringMethod]: () =>
      `${category} of ${source.file}: ${what} (${content.length} ${typeof content === 'string' ? 'chars' : 'bytes'}, starting ${JSON.stringify(head)})`,
  } as Mutant;
}

/** example is a mutant written out by hand: a case that once failed, run first by its property. */
export function example(category: string, what: string, file: string, content: string | Uint8Array): Mutant {
  return mutant(
    category,
    what,
    SOURCES.find((s) => s.file === file)!,
    content,
  );
}

// ---- Edits at random paths of the parsed YAML ----------------------------------------------------

// The documents of a file (manifests hold several), parsed once and cloned for each edit.
const parsedCache = new Map<string, Document[]>();
function documentsOf(source: Source): Document[] {
  let docs = parsedCache.get(source.file);
  if (docs === undefined) {
    docs = parseAllDocuments(source.text, { merge: true }) as Document[];
    parsedCache.set(source.file, docs);
  }
  return docs.map((d) => d.clone());
}

// Every path in a document, keys and list items, in document order.
function pathsOf(doc: Document): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const at = [...path, isScalar(pair.key) ? pair.key.value : pair.key];
        out.push(at);
        walk(pair.value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        out.push([...path, i]);
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

// A placeholder that yaml prints as it is (a plain scalar), replaced by raw text after printing:
// how text that is not a valid YAML value (1e309 as written, `[` alone, `*nowhere`) gets to a path.
const RAW = 'zzfuzzrawzz';

/** Edit changes one document at one path; it returns raw text for RAW, if it placed RAW. */
type Edit = (doc: Document, path: Path, all: readonly Path[]) => string | void;

interface Placed {
  readonly source: Source;
  readonly doc: number;
  readonly at: number;
}

const placed = (source: fc.Arbitrary<Source>): fc.Arbitrary<Placed> =>
  fc.record({ source, doc: fc.nat(), at: fc.nat() });

// Applies `edit` at the chosen path (indices wrap around) and prints the file again.
function applyEdit(category: string, what: string, p: Placed, edit: Edit): Mutant {
  const docs = documentsOf(p.source);
  const doc = docs[p.doc % docs.length]!;
  const paths = pathsOf(doc);
  const path = paths.length === 0 ? [] : paths[p.at % paths.length]!;
  const raw = edit(doc, path, paths);
  const text = docs.map((d) => d.toString()).join('');
  const content = raw === undefined ? text : text.replace(RAW, () => raw);
  return mutant(category, `${what} at ${JSON.stringify(path)}`, p.source, content);
}

const setRaw =
  (raw: string): Edit =>
  (doc, path) => {
    if (path.length === 0) doc.contents = doc.createNode(RAW);
    else doc.setIn(path, RAW);
    return raw;
  };

/** deletedKey removes the key or list item at a random path. */
export const deletedKey: fc.Arbitrary<Mutant> = placed(anySource).map((p) =>
  applyEdit('deleted key', 'delete', p, (doc, path) => void doc.deleteIn(path)),
);

// Values of every kind but the one expected: text for numbers, lists for mappings, and so on.
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '3', '300m', '1h', 'true', 'null', 'e2-standard-4', 'web'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), {
    maxKeys: 3,
  }),
  fc.constantFrom({}, [], [[]], { a: {} }),
);

/** wrongType puts a value of another kind at a random path. */
export const wrongType: fc.Arbitrary<Mutant> = fc.tuple(placed(anySource), wrongValue).map(([p, value]) =>
  applyEdit('wrong type', `set ${JSON.stringify(value)}`, p, (doc, path) => {
    if (path.length === 0) doc.contents = doc.createNode(value);
    else doc.setIn(path, doc.createNode(value));
  }),
);

// Numbers at the edges, as YAML text: 1e309 reads as Infinity, .nan as NaN, and quantities and
// durations take a number with a unit (1e309Gi, -1h, 99999999999999999999s).
const oddNumberText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        '1e309',
        '-1e309',
        '.nan',
        '.NaN',
        '.inf',
        '-.inf',
        '+.inf',
        '1e308',
        '-0',
        '0',
        '-1',
        '1e-400',
        '5e-324',
        '9007199254740993',
        '-9007199254740993',
        '1e21',
        '99999999999999999999999999',
        '0x7fffffff',
        '0o777',
        '1_000',
        '+12',
        '.5',
        '3.',
        'NaN',
        'Infinity',
        '-Infinity',
        '1e',
        '--1',
        '1..2',
        '0.1e-10',
        '1.7976931348623157e308',
        '4294967296',
        '-2147483649',
      ),
      fc.double().map((x) => String(x)),
      fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((x) => String(x)),
      fc.integer().map((x) => String(x)),
    ),
    fc.constantFrom('', '', '', 'm', 'k', 'Mi', 'Gi', 'Ei', 'e9', 's', 'ms', 'h', 'm30s', '%', 'M/s', 'G'),
  )
  .map(([n, unit]) => `${n}${unit}`);

/** oddNumber puts a huge, negative, NaN or infinite number (with or without a unit) at a random path. */
export const oddNumber: fc.Arbitrary<Mutant> = fc
  .tuple(placed(anySource), oddNumberText)
  .map(([p, n]) => applyEdit('odd number', `set ${n}`, p, setRaw(n)));

// Text that breaks YAML where a value stands.
const brokenValueText: fc.Arbitrary<string> = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  '[a, b',
  '{a: 1',
  '{a: [1}',
  '"unterminated',
  "'unterminated",
  '"bad \\escape \\x4"',
  '*nowhere',
  '&',
  '&a',
  '*',
  '!!binary ###',
  '!!int x',
  '!!float y',
  '!!bool maybe',
  '!!timestamp x',
  '!!null x',
  '!!map [1]',
  '!!seq {a: 1}',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!<tag:yaml.org,2002:str> 1',
  '!nope x',
  '!!python/object:os.system',
  '|',
  '|\n  text',
  '>-',
  '? ',
  ': :',
  '- - -',
  '%',
  '@x',
  '`x',
  '{<<: *nowhere}',
  '{<<: 5}',
  '{<<: [1, 2]}',
  'a: b: c',
  '\t1',
  'x\n\tb: 1',
  '"\n"',
  '---',
  '...',
  '# only a comment',
  '"\\u0000"',
  '"\\uD800"',
  '{ ? [a, b] : 1 }',
  '{ [a]: 1 }',
  '{ {a: 1}: 2 }',
  '{ __proto__: { polluted: 1 } }',
  '{ constructor: 1, toString: 2 }',
);

/** brokenNode puts broken YAML where a random value stands. */
export const brokenNode: fc.Arbitrary<Mutant> = fc
  .tuple(placed(anySource), brokenValueText)
  .map(([p, raw]) => applyEdit('broken YAML', `set raw ${raw}`, p, setRaw(raw)));

/** duplicateKey writes a random key of a mapping a second time (with its value). */
export const duplicateKey: fc.Arbitrary<Mutant> = placed(anySource).map((p) =>
  applyEdit('broken YAML', 'duplicate key', p, (doc, path) => {
    const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent) || parent.items.length === 0) return;
    const last = path[path.length - 1];
    const pair = parent.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === last) ?? parent.items[0]!;
    parent.items.push(new Pair(isScalar(pair.key) ? pair.key.clone() : pair.key, pair.value));
  }),
);

/** anchorAndAlias sets an anchor at one random path and an alias to it at another (maybe before it, or inside it). */
export const anchorAndAlias: fc.Arbitrary<Mutant> = fc
  .tuple(placed(anySource), fc.nat(), fc.constantFrom('*fz', '{<<: *fz}', '[*fz, *fz]', '*fz_nowhere'))
  .map(([p, other, alias]) =>
    applyEdit('broken YAML', `anchor &fz, ${alias} at path #${other}`, p, (doc, path, all) => {
      const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (isScalar(node) || isMap(node) || isSeq(node)) node.anchor = 'fz';
      const target = all.length === 0 ? [] : all[other % all.length]!;
      return setRaw(alias)(doc, target, all);
    }),
  );

// "Billion laughs": each level is a list of `fanout` aliases to the level below.
function laughs(levels: number, fanout: number): string {
  const items = (alias: string) => Array.from({ length: fanout }, () => alias).join(', ');
  const levelsText = Array.from({ length: levels }, (_, i) =>
    i === 0 ? `&l0 [${items('lol')}]` : `&l${i} [${items(`*l${i - 1}`)}]`,
  );
  return `[${levelsText.join(', ')}]`;
}

/** aliasBomb puts a billion-laughs list at a random path. */
export const aliasBomb: fc.Arbitrary<Mutant> = fc
  .tuple(placed(anySource), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 }))
  .map(([p, levels, fanout]) =>
    applyEdit('broken YAML', `billion laughs ${levels}×${fanout}`, p, setRaw(laughs(levels, fanout))),
  );

/** aliasFlood puts thousands of aliases at a random path, to a list that holds an alias to an empty list (yaml counts nothing behind those). */
export const aliasFlood: fc.Arbitrary<Mutant> = fc
  .tuple(placed(anySource), fc.integer({ min: 500, max: 6000 }))
  .map(([p, count]) =>
    applyEdit(
      'broken YAML',
      `${count} aliases`,
      p,
      setRaw(`[&fe [], &fx [*fe], ${Array.from({ length: count }, () => '*fx').join(', ')}]`),
    ),
  );

// ---- Edits at random offsets of the text --------------------------------------------------------

const brokenSnippet: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    '\t',
    ': ',
    ':',
    '- ',
    '? ',
    '|',
    '>',
    '#',
    '&a ',
    '*a ',
    '*nowhere ',
    '!!str ',
    '!tag ',
    '<<: *x\n',
    '\n',
    '\n ',
    '\n\t',
    '\r',
    '\r\n',
    '---\n',
    '...\n',
    '%YAML 1.1\n',
    '%TAG ! tag:x,2000:\n',
    '\\',
    ',',
    '@',
    '`',
    '%',
    '\u2028',
    '\u0085',
    '\ufeff',
    '\u00a0',
    '\ud800',
    '\u0000',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** textEdit breaks the text at a random offset: a snippet inserted, a slice deleted, a line duplicated, re-indented or swapped, or the end cut. */
export const textEdit: fc.Arbitrary<Mutant> = fc
  .tuple(
    anySource,
    fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), snippet: brokenSnippet }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('duplicate line' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('indent' as const),
        at: fc.nat(),
        by: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant('\t')),
      }),
      fc.record({ kind: fc.constant('swap lines' as const), at: fc.nat(), with: fc.nat() }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    ),
  )
  .map(([source, e]) => {
    const text = source.text;
    const at = e.at % (text.length + 1);
    const lines = text.split('\n');
    const line = e.at % lines.length;
    let out: string;
    switch (e.kind) {
      case 'insert':
        out = text.slice(0, at) + e.snippet + text.slice(at);
        break;
      case 'delete':
        out = text.slice(0, at) + text.slice(at + e.length);
        break;
      case 'cut':
        out = text.slice(0, at);
        break;
      case 'duplicate line':
        out = [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
        break;
      case 'indent': {
        const l = lines[line]!;
        lines[line] =
          e.by === '\t' ? `\t${l}` : e.by >= 0 ? ' '.repeat(e.by) + l : l.replace(new RegExp(`^ {0,${-e.by}}`), '');
        out = lines.join('\n');
        break;
      }
      case 'swap lines': {
        const other = e.with % lines.length;
        [lines[line], lines[other]] = [lines[other]!, lines[line]!];
        out = lines.join('\n');
        break;
      }
    }
    return mutant(
      'broken YAML',
      `${e.kind} at ${e.kind === 'insert' || e.kind === 'delete' || e.kind === 'cut' ? `offset ${at}` : `line ${line + 1}`}${e.kind === 'insert' ? ` ${JSON.stringify(e.snippet)}` : ''}`,
      source,
      out,
    );
  });

// ---- Binary junk ---------------------------------------------------------------------------------

const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];
const BOMS: Record<string, number[]> = {
  'UTF-8 BOM': [0xef, 0xbb, 0xbf],
  'UTF-16LE BOM': [0xff, 0xfe],
  'UTF-16BE BOM': [0xfe, 0xff],
  'UTF-32 BOM': [0x00, 0x00, 0xfe, 0xff],
};

const splice = (bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array => {
  const i = at % (bytes.length + 1);
  return Uint8Array.from([...bytes.subarray(0, i), ...Array.from(insert), ...bytes.subarray(i + remove)]);
};

/** binaryJunk spoils the file's bytes: random bytes, NUL bytes, invalid UTF-8, byte-order marks, another encoding, or nothing but junk. */
export const binaryJunk: fc.Arbitrary<Mutant> = fc
  .tuple(
    anySource,
    fc.oneof(
      fc.record({
        kind: fc.constant('random bytes' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }),
        overwrite: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('NUL bytes' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
      fc.record({
        kind: fc.constant('invalid UTF-8' as const),
        at: fc.nat(),
        which: fc.nat({ max: INVALID_UTF8.length - 1 }),
      }),
      fc.record({
        kind: fc.constant('BOM' as const),
        at: fc.oneof(fc.constant(0), fc.nat()),
        which: fc.constantFrom(...Object.keys(BOMS)),
        twice: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('UTF-16' as const), bom: fc.boolean() }),
      fc.record({ kind: fc.constant('only junk' as const), bytes: fc.uint8Array({ maxLength: 2048 }) }),
    ),
  )
  .map(([source, e]) => {
    const bytes = new Uint8Array(Buffer.from(source.text, 'utf8'));
    let out: Uint8Array;
    switch (e.kind) {
      case 'random bytes':
        out = splice(bytes, e.at, e.overwrite ? e.bytes.length : 0, e.bytes);
        break;
      case 'NUL bytes':
        out = splice(bytes, e.at, 0, new Array<number>(e.count).fill(0));
        break;
      case 'invalid UTF-8':
        out = splice(bytes, e.at, 0, INVALID_UTF8[e.which]!);
        break;
      case 'BOM': {
        const bom = BOMS[e.which]!;
        out = splice(bytes, e.at, 0, e.twice ? [...bom, ...bom] : bom);
        break;
      }
      case 'UTF-16':
        out = new Uint8Array(
          Buffer.concat([Buffer.from(e.bom ? [0xff, 0xfe] : []), Buffer.from(source.text, 'utf16le')]),
        );
        break;
      case 'only junk':
        out = e.bytes;
        break;
    }
    return mutant('binary junk', `${e.kind}${'at' in e ? ` at byte ${e.at % (bytes.length + 1)}` : ''}`, source, out);
  });

// ---- Deep nesting --------------------------------------------------------------------------------

// n levels of one shape; the indented ones grow as n², so they go to 1,000 levels at most.
const NESTINGS: Record<string, (n: number) => string> = {
  '[': (n) => '['.repeat(n),
  '{': (n) => '{'.repeat(n),
  '{a: ': (n) => '{a: '.repeat(n),
  '- ': (n) => '- '.repeat(n),
  '[…] closed': (n) => `${'['.repeat(n)}1${']'.repeat(n)}`,
  '{a: …} closed': (n) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`,
  '[- ': (n) => '[- '.repeat(n),
  'indented a:': (n) => Array.from({ length: Math.min(n, 1000) }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
  'indented - ': (n) => Array.from({ length: Math.min(n, 1000) }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n'),
};

/** deepNesting nests 10,000 or 100,000 levels (or about the limit) as the whole file, at a random path, or at a random offset. */
export const deepNesting: fc.Arbitrary<Mutant> = fc
  .tuple(
    placed(lightSource),
    fc.constantFrom(...Object.keys(NESTINGS)),
    fc.oneof(fc.constantFrom(10_000, 100_000), fc.integer({ min: 95, max: 105 })),
    fc.constantFrom('whole file', 'at a path', 'at an offset'),
  )
  .map(([p, shape, depth, where]) => {
    const nest = NESTINGS[shape]!(depth);
    const what = `${depth} levels of ${JSON.stringify(shape)} ${where}`;
    if (where === 'whole file') return mutant('deep nesting', what, p.source, nest);
    if (where === 'at a path') return applyEdit('deep nesting', what, p, setRaw(nest));
    const at = p.at % (p.source.text.length + 1);
    return mutant(
      'deep nesting',
      `${what} ${at}`,
      p.source,
      p.source.text.slice(0, at) + nest + p.source.text.slice(at),
    );
  });

/** aliasChain nests through aliases: anchors at the top, each `depth` levels around an alias to the one before, and the last one's alias at a random path. */
export const aliasChain: fc.Arbitrary<Mutant> = fc
  .tuple(placed(lightSource), fc.integer({ min: 50, max: 99 }), fc.integer({ min: 2, max: 150 }), fc.boolean())
  .map(([p, depth, count, maps]) => {
    const [open, close] = maps ? ['{a: ', '}'] : ['[', ']'];
    const anchors = Array.from(
      { length: count },
      (_, i) => `fz${i}: &c${i} ${open.repeat(depth)}${i === 0 ? '1' : `*c${i - 1}`}${close.repeat(depth)}\n`,
    ).join('');
    const m = applyEdit(
      'deep nesting',
      `alias chain ${count}×${depth} ${maps ? 'mappings' : 'lists'}`,
      p,
      setRaw(`*c${count - 1}`),
    );
    return mutant(m.category, m.what, p.source, anchors + (m.content as string));
  });

// ---- 10 MB files ---------------------------------------------------------------------------------

const TEN_MB = 10 * 2 ** 20;

// A cheap deterministic stream of key names from a seed: 10 MB of keys through fast-check would take minutes.
function randomKeys(seed: number, bytes: number, indent: string): string {
  let x = seed >>> 0 || 1;
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const line = `${indent}k${x.toString(36)}${(size % 7).toString()}: ${x % 3 === 0 ? 'x' : x % 1000}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/** tenMegabytes makes a 10 MB file: a sound scenario padded with a comment, a 10 MB value, 10 MB of keys, or 10 MB of one character. */
export const tenMegabytes: fc.Arbitrary<Mutant> = fc
  .tuple(
    placed(lightSource),
    fc.constantFrom(
      'padded with a comment',
      'padded with blank lines',
      'a 10 MB string value',
      'a 10 MB block scalar',
      '10 MB of random keys at the top',
      '10 MB of random keys at a path',
      '10 MB flow list',
      '10 MB unterminated string',
      '10 MB of one character',
    ),
    fc.integer(),
    fc.constantFrom('x', ' ', '\n', '[', '-', ':', '#', '"', '\t', '\u00e9'),
  )
  .map(([p, kind, seed, ch]) => {
    const text = p.source.text;
    const what = kind === '10 MB of one character' ? `${kind} ${JSON.stringify(ch)}` : kind;
    switch (kind) {
      case 'padded with a comment':
        return mutant('10 MB', what, p.source, `${text}\n# ${'x'.repeat(TEN_MB)}\n`);
      case 'padded with blank lines':
        return mutant('10 MB', what, p.source, `${'\n'.repeat(TEN_MB / 2)}${text}${' \n'.repeat(TEN_MB / 4)}`);
      case 'a 10 MB string value':
        return applyEdit('10 MB', what, p, setRaw(`"${'y'.repeat(TEN_MB)}"`));
      case 'a 10 MB block scalar':
        return applyEdit('10 MB', what, p, setRaw(`|\n${'    lorem ipsum dolor sit amet\n'.repeat(TEN_MB / 30)}`));
      case '10 MB of random keys at the top':
        return mutant('10 MB', what, p.source, text + randomKeys(seed, TEN_MB, ''));
      case '10 MB of random keys at a path':
        return applyEdit('10 MB', what, p, setRaw(`{${randomKeys(seed, TEN_MB, '').replace(/\n/g, ', ')}}`));
      case '10 MB flow list':
        return applyEdit('10 MB', what, p, setRaw(`[${'1, '.repeat(TEN_MB / 3)}1]`));
      case '10 MB unterminated string':
        return mutant('10 MB', what, p.source, `${text}\nfz: "${'z\n'.repeat(TEN_MB / 2)}`);
      default:
        return mutant('10 MB', what, p.source, ch.repeat(TEN_MB / ch.length));
    }
  });
