// Progress without a terminal: a plain line every 10% on stderr with the note beside it, none
// before the quiet period is over (a quick run prints nothing).
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/commands/progress.js';

function captured() {
  let text = '';
  return {
    io: { stdout: () => {}, stderr: (t: string) => void (text += t) },
    lines: () => text.split('\n').filter(Boolean),
  };
}

describe('createProgress without a terminal', () => {
  it('prints a line each tenth with its note', () => {
    const { io, lines } = captured();
    const bar = createProgress('hundredths', io);
    for (let i = 1; i <= 100; i++) bar.update(i, 100, `simulated ${i}m · 10 events/s`);
    // The first update, then one a tenth.
    expect(lines()).toHaveLength(11);
    expect(lines()[1]).toBe('poolsim: 10/100 hundredths (10%) · simulated 10m · 10 events/s');
    expect(lines().at(-1)).toBe('poolsim: 100/100 hundredths (100%) · simulated 100m · 10 events/s');
  });

  it('prints nothing within its quiet period, not even the end', () => {
    const { io, lines } = captured();
    const bar = createProgress('hundredths', io, { quietMs: 60_000 });
    for (let i = 1; i <= 100; i++) bar.update(i, 100);
    expect(lines()).toEqual([]);
  });
});
