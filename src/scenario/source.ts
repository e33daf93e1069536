// Where things are in the files the user wrote: a parsed YAML document with its line counter, so
// that a path such as designs.big.pools.main.max maps back to line:col.
import {
  Composer,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  visit,
  type CST,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

import { escapeControls, MAX_EXCERPT } from '../util/text.js';

export type Path = ReadonlyArray<string | number>;

/** Problem is one thing wrong with the input, where it is, and what is expected. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly path: string;
  readonly message: string;
}

/** formatProblem prints a problem as `file:line:col: path: what is wrong; what is expected`. */
export function formatProblem(p: Problem): string {
  return escapeControls(`${p.file}:${p.line}:${p.col}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
}

// The longest key a path shows whole: longer ones are cut, as values are (issues.ts describeValue).
const MAX_KEY = 40;

/** formatPath prints a path the way the user reads the file: workloads.app.hpa.metrics[0].resource. */
export function formatPath(path: Path): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (key.length <= MAX_KEY && /^[A-Za-z_][\w-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      // A key from a file that is not a scenario (a line of a secrets file) is shown cut short.
      return `[${JSON.stringify(key.length > MAX_KEY ? `${key.slice(0, MAX_KEY)}…` : key)}]`;
    })
    .join('');
}

/** SourceDoc is one YAML document of one file, ready to answer "where is this path?". */
export class SourceDoc {
  constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** at returns the problem for `path`: at the value's node, the key's node (`onKey`), or the nearest enclosing node. */
  problem(path: Path, message: string, onKey = false): Problem {
    const { line, col } = this.position(path, onKey);
    return { file: this.file, line, col, path: formatPath(path), message };
  }

  /** toJS converts the document to plain data, or returns a problem (an alias to no anchor, a bad merge). */
  toJS(): { value: unknown } | { problem: Problem } {
    try {
      // maxAliasCount: -1, because parseYaml has bounded the aliases (aliasProblem), and yaml's own
      // count visits the whole document for each alias it counts.
      return { value: this.doc.toJS({ maxAliasCount: -1 }) };
    } catch (e) {
      // The first alias to an anchor not set before it, in one pass (node.resolve visits the whole document each time).
      let offset: number | undefined;
      const anchors = new Set<string>();
      visit(this.doc, {
        Node: (_, node) => {
          if (isAlias(node) && offset === undefined && !anchors.has(node.source)) offset = node.range?.[0];
          else if (!isAlias(node) && node.anchor !== undefined) anchors.add(node.anchor);
        },
      });
      const { line, col } = offset === undefined ? { line: 1, col: 1 } : this.lines.linePos(offset);
      return { problem: { file: this.file, line, col, path: '', message: `YAML: ${(e as Error).message}` } };
    }
  }

  /** has says whether `path` exists in the document. */
  has(path: Path): boolean {
    return this.nodeAt(path) !== undefined;
  }

  private position(path: Path, onKey: boolean): { line: number; col: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const prefix = path.slice(0, depth);
      const node = onKey && depth === path.length ? this.keyNode(prefix) : this.nodeAt(prefix);
      const offset = isNode(node) ? node.range?.[0] : depth === 0 ? this.doc.contents?.range?.[0] : undefined;
      if (offset !== undefined) return this.lines.linePos(offset);
    }
    return { line: 1, col: 1 };
  }

  // The node at `path`, as doc.getIn(path, true) finds it, but through each mapping's index: a
  // problem is placed by looking up its path, and a file of 100,000s of keys has as many problems,
  // so a scan of the mapping per look-up would make it quadratic (minutes for a 10 MB file).
  private nodeAt(path: Path): unknown {
    let node: unknown = this.doc.contents;
    for (const key of path) {
      if (isMap(node)) node = this.pairOf(node, key)?.value;
      else if (isSeq(node) && typeof key === 'number') node = node.items[key];
      else return undefined;
    }
    return node;
  }

  private readonly pairsByKey = new Map<YAMLMap, Map<unknown, Pair>>();

  private pairOf(map: YAMLMap, key: unknown): Pair | undefined {
    let pairs = this.pairsByKey.get(map);
    if (pairs === undefined) {
      pairs = new Map();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!pairs.has(k)) pairs.set(k, pair as Pair);
      }
      this.pairsByKey.set(map, pairs);
    }
    return pairs.get(key);
  }

  // The key node of the last path element, for "unknown key" problems.
  private keyNode(path: Path): Node | undefined {
    const parent = path.length === 0 ? undefined : this.nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const key = this.pairOf(parent, path[path.length - 1])?.key;
    return isScalar(key) ? key : undefined;
  }
}

/** ParsedYaml is a file's documents, and its syntax errors as problems. */
export interface ParsedYaml {
  readonly docs: SourceDoc[];
  readonly problems: Problem[];
}

// merge: YAML 1.1 merge keys (<<: *defaults), which people use to share blocks within a file.
// uniqueKeys: false, because yaml compares each key with every earlier one; duplicateKeys below
// does it in one pass. logLevel: 'error', because yaml's warnings go to the process's stderr
// (e.g. "Keys with collection values will be stringified"), where they would be lines without a place.
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, merge: true, logLevel: 'error' } as const;

/**
 * MAX_DEPTH is how deeply collections may nest. yaml builds documents recursively, and a recursion
 * that reaches the end of the stack can abort the whole process (V8 reports a regular expression
 * compiled there as "out of memory", which no catch sees). Scenarios and manifests nest ~10 deep.
 */
const MAX_DEPTH = 100;

/**
 * MAX_TOKENS is how many YAML tokens a file may hold (keys, values, punctuation, line breaks). yaml
 * reads ~1 µs a token and every key may become a problem to explain, so 10 MB of keys would take
 * minutes; fleet-5k.yaml, 300 workloads on 5,000 nodes, is 68,000. Comments and long strings are
 * one token each: a file padded with them still loads.
 */
const MAX_TOKENS = 500_000;

/** MAX_QUOTED is how many problems of a document may quote a piece of it (a duplicated key). */
const MAX_QUOTED = 3;

/** parseYaml parses one file; `multi` allows several documents (Kubernetes manifests). */
export function parseYaml(file: string, text: string, multi: boolean): ParsedYaml {
  const lines = new LineCounter();
  const at = (offset: number) => lines.linePos(offset);
  const cst = readCst(text, lines);
  if ('tooBig' in cst) return { docs: [], problems: [{ file, ...at(cst.offset), path: '', message: cst.tooBig }] };
  const parsed = Array.from(new Composer(YAML_OPTIONS).compose(cst.tokens, !multi, text.length));
  const docs = (multi ? parsed : parsed.slice(0, 1)).map((doc) => new SourceDoc(file, doc, lines));
  const problems: Problem[] = [];
  for (const doc of docs) {
    // After a syntax error the parser's further complaints are mostly its consequences: keep the
    // first, and every duplicate key (each is a mistake of its own).
    const found = doc.doc.errors.slice(0, 1).map((e) => ({ offset: e.pos[0], message: yamlMessage(e.message) }));
    // Each names its key, the first few only: a file is never quoted at length.
    for (const [i, offset] of duplicateKeys(doc.doc).entries())
      found.push({ offset, message: duplicateMessage(i < MAX_QUOTED ? text.slice(offset, offset + 1000) : '') });
    const aliases = aliasProblem(doc.doc);
    if (aliases !== undefined) found.push(aliases);
    for (const { offset, message } of found.sort((a, b) => a.offset - b.offset))
      problems.push({ file, ...at(offset), path: '', message });
  }
  const second = parsed[1];
  if (!multi && second !== undefined && problems.length === 0) {
    problems.push({
      file,
      ...at(second.range[0]),
      path: '',
      message: 'the file holds several YAML documents (---); expected one scenario a file',
    });
  }
  return { docs, problems };
}

// The file's CST (yaml's parser is a loop, not a recursion), or where it first nests too deeply or
// grows too big; it stops there rather than read the rest.
function readCst(text: string, lines: LineCounter): { tokens: CST.Token[] } | { tooBig: string; offset: number } {
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  let count = 0;
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack holds the document and each open collection (and a scalar being read).
    if (parser.stack.length > MAX_DEPTH + 2)
      return {
        tooBig: `collections nest more than ${MAX_DEPTH} deep here; expected a scenario of ordinary depth`,
        offset,
      };
    if (++count > MAX_TOKENS)
      return {
        tooBig: `the file goes on past ${MAX_TOKENS.toLocaleString('en-US')} YAML tokens (keys, values, punctuation, line breaks) here; expected a smaller scenario`,
        offset,
      };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

// The offsets of keys that repeat an earlier key of their mapping (compared as yaml does: scalars by value).
function duplicateKeys(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const offset = key.range?.[0];
        if (seen.has(key.value) && offset !== undefined) offsets.push(offset);
        seen.add(key.value);
      }
    },
  });
  return offsets;
}

/** MAX_ANCHORS is how many anchors and aliases a document may hold; MAX_EXPANSION how many nodes its aliases may add. */
const MAX_ANCHORS = 5_000;
const MAX_EXPANSION = 100_000;

// Aliases, bounded before yaml expands them. A "billion laughs" (lists of aliases to lists of
// aliases) expands exponentially: MAX_EXPANSION. yaml's own bound (maxAliasCount) visits the whole
// document per alias and counts nothing behind an alias to an empty list, so 64 kB of such aliases
// took 70 s: toJS goes without it. And yaml finds each alias's anchor by a scan of the anchors and
// aliases before it: MAX_ANCHORS keeps that under ~0.3 s. An alias inside its own anchor would make
// a cyclic value, and endless recursion where it is merged (<<).
function aliasProblem(doc: Document): { offset: number; message: string } | undefined {
  const sizes = new Map<string, number>(); // anchor → nodes it stands for, or OPEN while it is read
  const OPEN = -1;
  let anchors = 0;
  let added = 0;
  let problem: { offset: number; message: string } | undefined;
  const stop = (node: Node, message: string) => void (problem = { offset: node.range?.[0] ?? 0, message });
  const tooMany = `more than ${MAX_ANCHORS.toLocaleString('en-US')} anchors and aliases; expected a few, to share blocks (<<: *defaults)`;
  const size = (node: unknown): number => {
    if (problem !== undefined || !isNode(node)) return 1;
    if (isAlias(node)) {
      const n = sizes.get(node.source) ?? 1;
      if (n === OPEN)
        stop(
          node,
          `*${node.source} is inside its own anchor &${node.source}, which makes the value endless; expected an alias after the block it names`,
        );
      else if (++anchors > MAX_ANCHORS) stop(node, tooMany);
      else if ((added += n - 1) > MAX_EXPANSION)
        stop(
          node,
          `the aliases up to here stand for more than ${MAX_EXPANSION.toLocaleString('en-US')} copied nodes (a "billion laughs"); expected aliases to small blocks`,
        );
      return Math.max(n, 1);
    }
    if (node.anchor !== undefined) {
      sizes.set(node.anchor, OPEN);
      if (++anchors > MAX_ANCHORS) stop(node, tooMany);
    }
    let n = 1;
    if (isMap(node)) for (const pair of node.items) n += size(pair.key) + size(pair.value);
    else if (isSeq(node)) for (const item of node.items) n += size(item);
    if (node.anchor !== undefined) sizes.set(node.anchor, n);
    return n;
  };
  size(doc.contents);
  return problem;
}

function duplicateMessage(source: string): string {
  const key = /^\s*("[^"]*"|'[^']*'|[^:\n]+?)\s*:/.exec(source)?.[1];
  const shown = key === undefined || key.length > MAX_EXCERPT ? '' : ` ${key}`;
  return `duplicate key${shown}; expected each key once in a mapping`;
}

function yamlMessage(message: string): string {
  // yaml's first line says what is wrong; the lines after it quote the file, which is not repeated.
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax: ${first.length > 2 * MAX_EXCERPT ? `${first.slice(0, 2 * MAX_EXCERPT)}…` : first}`;
}
