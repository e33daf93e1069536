import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMemoryRequest, formatPercent, renderTable } from '../../src/report/format.js';
import { GiB, MiB } from '../../src/models/units.js';

describe('format', () => {
  it.each([
    [7.34 * GiB, '7.34 GiB'],
    [574 * MiB, '574 MiB'],
    [127.5 * MiB, '127.5 MiB'],
    [2048, '2 KiB'],
    [0, '0 B'],
  ])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([
    [2 * GiB, '2Gi'],
    [512 * MiB, '512Mi'],
    [1.5 * GiB, '1536Mi'],
    [1e9, '953.7 MiB'],
  ])('formatMemoryRequest(%d) = %s', (bytes, text) => expect(formatMemoryRequest(bytes)).toBe(text));

  it('formats counts and percentages', () => {
    expect(formatCount(Infinity)).toBe('unlimited');
    expect(formatCount(29)).toBe('29');
    expect(formatPercent(0.257)).toBe('26%');
  });

  it('pads columns to their widest cell', () => {
    expect(
      renderTable(
        [
          ['a', '1'],
          ['long', '100'],
        ],
        ['left', 'right'],
      ),
    ).toBe('a       1\nlong  100');
  });
});
