// Text from untrusted files on its way to a person: control and invisible characters made
// visible, excerpts short, and JSON syntax errors without V8's quote of the file.
import { describe, expect, it } from 'vitest';
import { escapeControls, excerpt, jsonSyntaxReason, stripControls } from '../../src/util/text.js';

const reasonFor = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return jsonSyntaxReason(e);
  }
  throw new Error('parsed');
};

describe('jsonSyntaxReason', () => {
  it.each([
    ['aws_secret_access_key=SECRET123', 'Unexpected character'],
    ['{"password": CONTENTSECRET42hunter2}', 'Unexpected character'],
    ['{"a": 1} SECRET', 'Unexpected non-whitespace character after JSON at position 9'],
    ['{"a": "SECRET', 'Unterminated string'],
    ['', 'Unexpected end of JSON input'],
  ])('says what is wrong with %j, quoting none of it', (text, reason) => {
    const said = reasonFor(text);
    expect(said.startsWith(reason)).toBe(true);
    expect(said).not.toMatch(/SECRET|password|aws/);
  });
});

describe('escapeControls and stripControls', () => {
  const sneaky = 'a\u001b[2Jb\u202ec\u200fd\u2028e\ufefff\u00adg\u009bh';
  it('make every control, bidi and invisible character visible, or drop it', () => {
    expect(escapeControls(sneaky)).toBe('a\\u001b[2Jb\\u202ec\\u200fd\\u2028e\\ufefff\\u00adg\\u009bh');
    expect(stripControls(sneaky)).toBe('a[2Jbcdefgh');
  });

  it('cut an excerpt at 80 characters, escaped', () => {
    const cut = excerpt(`\u001b${'x'.repeat(200)}`);
    expect(cut).toBe(`"\\u001b${'x'.repeat(79)}…"`);
  });
});
