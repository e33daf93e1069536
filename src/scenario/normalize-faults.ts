// Faults as written → the model: kubelet crashes and node losses (their timing and targets), and
// zone outages.
import type { ProcessEnd } from '../models/supervisor.js';
import { quantile } from '../sim/distributions.js';
import { suggestion } from '../util/suggest.js';
import type { Located } from './issues.js';
import type { Design, Fault, ZoneOutage } from './model.js';
import { afterEnd } from './normalize-workloads.js';
import type { ScenarioFileOutput } from './schema/scenario.js';

type WrittenFault = NonNullable<ScenarioFileOutput['faults']>[number];

// How a crashed kubelet ends: the exit status or signal written, else SIGKILL (`kill -9`).
function crashEnd(f: WrittenFault): ProcessEnd {
  if ('kubeletCrash' in f && f.kubeletCrash.exitCode !== undefined) return { exitCode: f.kubeletCrash.exitCode };
  return { signal: ('kubeletCrash' in f ? f.kubeletCrash.signal : undefined) ?? 'SIGKILL' };
}

/** normalizeFaults checks and resolves the kubelet crashes and node losses. */
export function normalizeFaults(
  written: readonly WrittenFault[],
  designs: readonly Design[],
  durationMs: number,
  problems: Located[],
): Fault[] {
  const poolNames = [...new Set(designs.flatMap((d) => d.pools.map((p) => p.nodePool)))];
  return written.flatMap((f, i): Fault[] => {
    if ('zoneOutage' in f) return [];
    const kind = 'kubeletCrash' in f ? 'kubeletCrash' : 'nodeLoss';
    const spec = 'kubeletCrash' in f ? f.kubeletCrash : f.nodeLoss;
    const path = ['faults', i, kind];
    const before = problems.length;
    const overload =
      'overload' in spec && spec.overload !== undefined
        ? (spec.overload as { apiQueue?: number; podChurn?: number })
        : undefined;
    if ([spec.at, spec.interval, overload].filter((x) => x !== undefined).length !== 1) {
      problems.push({
        path,
        message: `give exactly one of at (once, at a time) and interval (again and again, e.g. { exponential: { mean: 6h } })${kind === 'kubeletCrash' ? ' and overload (whenever a kubelet is under load)' : ''}`,
      });
    }
    if (overload !== undefined && overload.apiQueue === undefined && overload.podChurn === undefined) {
      problems.push({
        path: [...path, 'overload'],
        message: 'sets no threshold; expected apiQueue, podChurn or both, e.g. { apiQueue: 100 }',
      });
    }
    if (overload !== undefined && (spec.nodes !== undefined || spec.fraction !== undefined)) {
      problems.push({
        path: [...path, 'overload'],
        message: 'hits every overloaded kubelet, so nodes and fraction do not apply; expected them left out',
      });
    }
    if ('kubeletCrash' in f && f.kubeletCrash.exitCode !== undefined && f.kubeletCrash.signal !== undefined)
      problems.push({
        path,
        message: 'give exitCode or signal, not both; expected one of them (default signal SIGKILL)',
      });
    if (spec.nodes !== undefined && spec.fraction !== undefined)
      problems.push({ path, message: 'give nodes or fraction, not both; expected one of them' });
    if (spec.at !== undefined) afterEnd([...path, 'at'], spec.at, durationMs, problems);
    if (spec.interval !== undefined && quantile(spec.interval, 0.5) <= 0) {
      problems.push({
        path: [...path, 'interval'],
        message:
          'is 0 half the time or more, so faults would repeat without end; expected a typical interval above 0, e.g. { exponential: { mean: 6h } }',
      });
    }
    if (spec.pool !== undefined && !poolNames.includes(spec.pool)) {
      const expected = poolNames.length > 0 ? `one of ${poolNames.join(', ')}` : 'a design with pools';
      problems.push({
        path: [...path, 'pool'],
        message: `no design has a pool "${spec.pool}"${suggestion(spec.pool, poolNames)}; expected ${expected}`,
      });
    }
    if (problems.length > before) return [];
    return [
      {
        kind,
        when:
          spec.at !== undefined
            ? { atMs: spec.at }
            : spec.interval !== undefined
              ? { interval: spec.interval }
              : { overload: { apiQueue: overload!.apiQueue ?? null, podChurnPerMinute: overload!.podChurn ?? null } },
        pool: spec.pool ?? null,
        target: spec.fraction !== undefined ? { fraction: spec.fraction } : { nodes: spec.nodes ?? 1 },
        end: crashEnd(f),
      },
    ];
  });
}

/** normalizeZoneOutages checks the zone outages: a zone of the scenario's, at a time within the run. */
export function normalizeZoneOutages(
  written: readonly WrittenFault[],
  zones: readonly string[],
  durationMs: number,
  problems: Located[],
): ZoneOutage[] {
  return written.flatMap((f, i): ZoneOutage[] => {
    if (!('zoneOutage' in f)) return [];
    const { zone, at, duration } = f.zoneOutage;
    const path = ['faults', i, 'zoneOutage'];
    const before = problems.length;
    if (!zones.includes(zone))
      problems.push({
        path: [...path, 'zone'],
        message:
          zones.length === 0
            ? `zone "${zone}" is not one of the scenario's zones, and it names none; expected zones: [${zone}, …] at the top of the scenario`
            : `zone "${zone}" is not one of the scenario's zones${suggestion(zone, zones)}; expected one of ${zones.join(', ')}`,
      });
    afterEnd([...path, 'at'], at, durationMs, problems);
    if (duration <= 0) problems.push({ path: [...path, 'duration'], message: 'must be above 0; expected e.g. 30m' });
    return problems.length > before ? [] : [{ zone, atMs: at, durationMs: duration }];
  });
}
