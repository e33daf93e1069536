// Vega-Lite specs compiled to Vega once, on the thread that writes the run: the drawing threads
// get Vega (so they never load vega-lite, ~0.1 s of a thread's start) and report.html reuses the
// same compiled charts rather than compiling each again.
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * chartFolder is where a set of charts is written, and the first part of its charts' keys: a
 * design's own (`<design>/charts`), or every design's overlaid (`charts`, design null).
 */
export function chartFolder(design: string | null): string {
  return design === null ? 'charts' : `${design}/charts`;
}

/** compileChart compiles one Vega-Lite spec to Vega. */
export function compileChart(spec: TopLevelSpec): VegaSpec {
  return compile(spec).spec;
}

/**
 * CompiledCharts compiles each chart once, known by a key naming it (`<chartFolder>/<name>`):
 * the same key must always name the same spec.
 */
export class CompiledCharts {
  private readonly byKey = new Map<string, VegaSpec>();

  compiled(key: string, spec: TopLevelSpec): VegaSpec {
    let vega = this.byKey.get(key);
    if (vega === undefined) {
      vega = compileChart(spec);
      this.byKey.set(key, vega);
    }
    return vega;
  }
}
