// The items of a JSON List, one at a time, from the file's bytes: a cluster's `kubectl get … -o
// json` runs to hundreds of megabytes, and decoding it whole and parsing it at once would hold the
// text and every object together (several times the file). Each item's bytes are found by scanning
// (JSON's structural characters are single bytes in UTF-8, never inside a multi-byte character),
// then decoded and parsed alone.

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const DELIMITERS = new Set([COMMA, CLOSE_OBJECT, CLOSE_ARRAY, ...SPACE]);

/** jsonListItems yields each item of a JSON object's top-level `items` array, parsed; null when the bytes are not such an object (the caller parses them whole). Malformed JSON throws SyntaxError. */
export function jsonListItems(bytes: Buffer): { readonly kind: unknown; readonly items: Iterable<unknown> } | null {
  const parse = (from: number, to: number): unknown => JSON.parse(bytes.toString('utf8', from, to));
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_OBJECT) return null;
  i = skipSpace(bytes, i + 1);
  let itemsAt = -1;
  let kind: unknown;
  while (i < bytes.length && bytes[i] !== CLOSE_OBJECT) {
    if (bytes[i] !== QUOTE) throw new SyntaxError(`expected a key at byte ${i}`);
    const keyEnd = stringEnd(bytes, i);
    const key = parse(i, keyEnd);
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) throw new SyntaxError(`expected ":" at byte ${i}`);
    i = skipSpace(bytes, i + 1);
    const end = valueEnd(bytes, i);
    if (key === 'items' && bytes[i] === OPEN_ARRAY) itemsAt = i;
    else if (key === 'kind') kind = parse(i, end);
    i = skipSpace(bytes, end);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
  }
  if (itemsAt < 0) return null;
  return { kind, items: itemsOf(bytes, itemsAt, parse) };
}

function* itemsOf(bytes: Buffer, at: number, parse: (from: number, to: number) => unknown): Generator<unknown> {
  let i = skipSpace(bytes, at + 1);
  while (i < bytes.length && bytes[i] !== CLOSE_ARRAY) {
    const end = valueEnd(bytes, i);
    yield parse(i, end);
    i = skipSpace(bytes, end);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
  }
}

function skipSpace(bytes: Buffer, i: number): number {
  while (i < bytes.length && SPACE.has(bytes[i]!)) i++;
  return i;
}

// The index after the string that opens at `i`.
function stringEnd(bytes: Buffer, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    if (bytes[j] === BACKSLASH) j++;
    else if (bytes[j] === QUOTE) return j + 1;
  }
  throw new SyntaxError(`unterminated string at byte ${i}`);
}

// The index after the value that starts at `i`: a string, an object or array (by nesting), or a literal.
function valueEnd(bytes: Buffer, i: number): number {
  const c = bytes[i];
  if (c === QUOTE) return stringEnd(bytes, i);
  if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
    let j = i;
    while (j < bytes.length && !DELIMITERS.has(bytes[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const d = bytes[j];
    if (d === QUOTE) j = stringEnd(bytes, j) - 1;
    else if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
    else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new SyntaxError(`unterminated value at byte ${i}`);
}
