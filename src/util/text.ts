// Text from untrusted files on its way to a terminal, a markdown table or an error message: control
// characters (ANSI escapes move the cursor and recolour the screen; a newline breaks a table row)
// are made visible or dropped, and quotes of a file's content are kept short.

// C0 controls, DEL and C1 controls; also the bidirectional marks and overrides, which reorder what
// is shown, the line and paragraph separators, and the invisible ones (soft hyphen, zero widths, BOM).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** stripControls drops every control character from `text` (names on their way to a terminal or a table cell). */
export const stripControls = (text: string): string => text.replace(CONTROLS, '');

/**
 * markdownCell is `text` as a cell of a markdown table: control characters dropped (a newline would
 * end the row), backslashes and pipes escaped (a pipe would start a new column, and a backslash
 * before it would undo its escape).
 */
export const markdownCell = (text: string): string => stripControls(text).replace(/[\\|]/g, (c) => `\\${c}`);

/** escapeControls writes every control character of `text` as \uXXXX: a message stays one line and shows what is there. */
export const escapeControls = (text: string): string =>
  text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** MAX_EXCERPT is how many characters of a file's line an error message may quote. */
export const MAX_EXCERPT = 80;

/**
 * excerpt quotes at most MAX_EXCERPT characters of `text` as a JSON string, with every control
 * character escaped (\u001b, not the escape itself) and "…" where it was cut.
 */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return escapeControls(JSON.stringify(cut));
}

/**
 * jsonSyntaxReason is what JSON.parse's error says is wrong, without the excerpt of the text it
 * quotes (V8: `Unexpected token 'a', "aws_secret"... is not valid JSON`) nor the position.
 */
export const jsonSyntaxReason = (e: unknown): string => {
  const first = String((e as Error).message).split('\n')[0]!;
  const reason = first
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/,? ?(\.\.\.)?".*$/, '') // V8's excerpt: , "text"… or , …"text"…
    .replace(/^Unexpected token .*$/, 'Unexpected character'); // the token is a character of the file
  return escapeControls(reason.slice(0, MAX_EXCERPT));
};

/** withExpected ends a problem with "; expected …" unless it says what is expected already. */
export const withExpected = (problem: string, expected: string): string =>
  problem.includes('; expected') ? problem : `${problem}; expected ${expected}`;

/** escapeHtml makes text safe inside HTML elements and double-quoted attributes. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
