// Numbers with units, for people: millicores as "1930m", bytes in binary units.
import { GiB, KiB, MiB } from '../models/units.js';
import { stripControls } from '../util/text.js';

/** formatMilliCpu prints millicores the way Kubernetes writes CPU requests: "1930m". */
export function formatMilliCpu(milli: number): string {
  return `${milli}m`;
}

/** formatBytes prints bytes in the largest binary unit that keeps the number readable: "7.34 GiB", "574 MiB". */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= GiB) return `${(bytes / GiB).toFixed(2)} GiB`;
  if (abs >= MiB) return `${trimmed(bytes / MiB)} MiB`;
  if (abs >= KiB) return `${trimmed(bytes / KiB)} KiB`;
  return `${bytes} B`;
}

// One decimal at most, none when the value is whole: 574 MiB, 127.5 MiB.
function trimmed(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** formatMemoryRequest prints bytes as a Kubernetes quantity when they are whole Gi or Mi ("2Gi"), else as formatBytes. */
export function formatMemoryRequest(bytes: number): string {
  if (bytes > 0 && bytes % GiB === 0) return `${bytes / GiB}Gi`;
  if (bytes > 0 && bytes % MiB === 0) return `${bytes / MiB}Mi`;
  return formatBytes(bytes);
}

/** formatCount prints a per-node count, with "unlimited" for Infinity. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? String(n) : 'unlimited';
}

/** formatPercent prints a fraction as a whole percentage: 0.257 → "26%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Align says how a table column lines up. */
export type Align = 'left' | 'right';

/**
 * renderTable lays rows out in columns padded to their widest cell. Every cell is stripped of control
 * characters first: names come from files, and an escape sequence or a newline must not reach the terminal.
 */
export function renderTable(table: ReadonlyArray<readonly string[]>, align: readonly Align[]): string {
  const rows = table.map((r) => r.map(stripControls));
  const widths = align.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
