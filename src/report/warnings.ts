// The designs' warnings gathered for a reader: each once, with the designs it concerns (none named
// when it concerns them all), in the order the summaries give them.
import type { Summary, SummaryWarning } from './summary.js';

/** GroupedWarning is one warning and the designs whose summaries carry it (empty: every design). */
export interface GroupedWarning {
  readonly warning: SummaryWarning;
  readonly designs: readonly string[];
}

/** groupWarnings lists every summary's warnings once each. */
export function groupWarnings(summaries: readonly Summary[]): GroupedWarning[] {
  const seen = new Map<string, { warning: SummaryWarning; designs: string[] }>();
  for (const s of summaries) {
    for (const w of s.warnings ?? []) {
      const key = JSON.stringify([w.code, w.location, w.message]);
      const entry = seen.get(key);
      if (entry === undefined) seen.set(key, { warning: w, designs: [s.design] });
      else entry.designs.push(s.design);
    }
  }
  const all = summaries.length;
  return [...seen.values()].map(({ warning, designs }) => ({
    warning,
    designs: designs.length === all && all > 1 ? [] : designs,
  }));
}
