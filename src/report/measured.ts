// The measured part of a run: from the end of its warm-up (0 without one) to its end. Spans (a
// pod pending, a node paid for) are cut to it; pods count when they were created in it, but for
// those never Ready, which count whenever they were created: a pod that never started is never
// left out. Start-ups of pods never Ready are censored at the run's end (at least that long).
import type { DesignRunResult } from '../simulate/design-run.js';
import { isActive, type Pod, type PodRecord } from '../simulate/pod.js';

/** Window is the measured part of a run, in simulated ms. */
export interface Window {
  readonly fromMs: number;
  readonly endMs: number;
}

/** overlapMs is how much of [startMs, stopMs] lies in the window. */
export function overlapMs(w: Window, startMs: number, stopMs: number): number {
  return Math.max(0, Math.min(stopMs, w.endMs) - Math.max(startMs, w.fromMs));
}

/** inWindow says whether a sample at `timeS` is measured: after the warm-up (every sample without one). */
export const inWindow = (w: Window, timeS: number): boolean => w.fromMs === 0 || timeS * 1000 > w.fromMs;

/** isNeverReady: a pod its controller still wants at the end that was never Ready. */
export const isNeverReady = (p: Pod | PodRecord): boolean => isActive(p) && p.readyMs === undefined;

/** startupsSeconds are the measured start-ups, sorted: Ready pods created in the window, and every pod never Ready, censored at the end. */
export function startupsSeconds(run: DesignRunResult, w: Window): number[] {
  const out: number[] = [];
  for (const p of run.pods) {
    if (p.steady) continue;
    if (p.readyMs !== undefined) {
      if (p.createdMs >= w.fromMs) out.push((p.readyMs - p.createdMs) / 1000);
    } else if (isNeverReady(p)) out.push((w.endMs - p.createdMs) / 1000);
  }
  return out.sort((a, b) => a - b);
}

/** nodeFigures: registered nodes when the window opens, at most at once in it, at its end, and registered in it. */
export function nodeFigures(run: DesignRunResult, w: Window) {
  const lives = run.nodes.filter((n) => n.registeredMs !== undefined);
  const liveAt = (ms: number) =>
    lives.filter((n) => n.registeredMs! <= ms && (n.removedMs === undefined || n.removedMs > ms)).length;
  const initial = liveAt(w.fromMs);
  // Peak: a sweep over the lives' changes in the window (removals first at equal times), not the samples.
  const changes: Array<[number, number]> = [];
  for (const n of lives) {
    if (n.registeredMs! > w.fromMs) changes.push([n.registeredMs!, 1]);
    if (n.removedMs !== undefined && n.removedMs > w.fromMs && n.registeredMs! <= n.removedMs)
      changes.push([n.removedMs, -1]);
  }
  let peak = initial;
  let count = initial;
  for (const [, delta] of changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])) peak = Math.max(peak, (count += delta));
  return {
    initial,
    peak,
    final: lives.filter((n) => n.removedMs === undefined).length,
    provisioned: lives.filter((n) => n.requestedMs !== null && (w.fromMs === 0 || n.registeredMs! > w.fromMs)).length,
  };
}

/** podMs: pod-time pending (created, not yet bound) and Ready (from Ready to deleted), in the window. */
export function podMs(run: DesignRunResult, w: Window): { pending: number; ready: number } {
  let pending = 0;
  let ready = 0;
  for (const p of run.pods) {
    pending += overlapMs(w, p.createdMs, p.scheduledMs ?? p.goneMs ?? w.endMs);
    if (p.readyMs !== undefined) ready += overlapMs(w, p.readyMs, p.deletedMs ?? w.endMs);
  }
  return { pending, ready };
}
