// Where things are in the files the user wrote: a parsed YAML document with its line counter, so
// that a path such as designs.big.pools.main.max maps back to line:col.
import { isMap, isNode, isPair, isScalar, LineCounter, parseAllDocuments, parseDocument, visit, type Document, type Node } from 'yaml';

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
  return `${p.file}:${p.line}:${p.col}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** formatPath prints a path the way the user reads the file: workloads.app.hpa.metrics[0].resource. */
export function formatPath(path: Path): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_][\w-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
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

  /** toJS converts the document to plain data, or returns a problem (an alias to no anchor, too many aliases). */
  toJS(): { value: unknown } | { problem: Problem } {
    try {
      return { value: this.doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
      let offset: number | undefined;
      visit(this.doc, {
        Alias: (_, node) => {
          if (offset === undefined && node.resolve(this.doc) === undefined) offset = node.range?.[0];
        },
      });
      const { line, col } = offset === undefined ? { line: 1, col: 1 } : this.lines.linePos(offset);
      return { problem: { file: this.file, line, col, path: '', message: `YAML: ${(e as Error).message}` } };
    }
  }

  /** has says whether `path` exists in the document. */
  has(path: Path): boolean {
    return this.doc.getIn(path as unknown[], true) !== undefined;
  }

  private position(path: Path, onKey: boolean): { line: number; col: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const prefix = path.slice(0, depth);
      const node = onKey && depth === path.length ? this.keyNode(prefix) : this.doc.getIn(prefix as unknown[], true);
      const offset = isNode(node) ? node.range?.[0] : depth === 0 ? this.doc.contents?.range?.[0] : undefined;
      if (offset !== undefined) return this.lines.linePos(offset);
    }
    return { line: 1, col: 1 };
  }

  // The key node of the last path element, for "unknown key" problems.
  private keyNode(path: Path): Node | undefined {
    const parent = path.length <= 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1) as unknown[], true);
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
    return pair !== undefined && isNode(pair.key) ? pair.key : undefined;
  }
}

/** ParsedYaml is a file's documents, and its syntax errors as problems. */
export interface ParsedYaml {
  readonly docs: SourceDoc[];
  readonly problems: Problem[];
}

// merge: YAML 1.1 merge keys (<<: *defaults), which people use to share blocks within a file.
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, maxAliasCount: 100, merge: true } as const;

/** parseYaml parses one file; `multi` allows several documents (Kubernetes manifests). */
export function parseYaml(file: string, text: string, multi: boolean): ParsedYaml {
  const lines = new LineCounter();
  const parsed = multi ? parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lines }) : [parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines })];
  const docs = (Array.isArray(parsed) ? parsed : []).map((doc) => new SourceDoc(file, doc, lines));
  const problems: Problem[] = [];
  for (const doc of docs) {
    // After a syntax error the parser's further complaints are mostly its consequences: keep the
    // first, and every duplicate key (each is a mistake of its own).
    const errors = doc.doc.errors.filter((e, i) => i === 0 || e.code === 'DUPLICATE_KEY');
    for (const error of errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push({ file, line, col, path: '', message: yamlMessage(error.code, error.message, text.slice(error.pos[0])) });
    }
  }
  return { docs, problems };
}

function yamlMessage(code: string, message: string, source: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*("[^"]*"|'[^']*'|[^:\n]+?)\s*:/.exec(source)?.[1];
    return `duplicate key${key === undefined ? '' : ` ${key}`}; expected each key once in a mapping`;
  }
  if (code === 'MULTIPLE_DOCS') return 'the file holds several YAML documents (---); expected one scenario a file';
  if (first.includes('Maximum call stack size exceeded')) return 'the document nests too deeply to read; expected a scenario of ordinary depth';
  return `YAML syntax: ${first}`;
}
