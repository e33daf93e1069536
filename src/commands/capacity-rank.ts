// `poolsim capacity --rank`: the pod shape and filters from the flags → every built-in instance
// type ranked by cost per pod-hour, as a table, CSV or JSON, and optionally a chart file.
import { extname } from 'node:path';
import type { Command } from 'commander';
import { INSTANCE_TYPES, PROVIDERS, type InstanceType } from '../models/instance-types.js';
import { instanceFamily, rankInstanceTypes } from '../models/instance-ranking.js';
import { rankChartSpec, rankCsv, rankJson, rankTable } from '../report/instance-ranking.js';
import { writeFileAtomically } from '../report/write-atomic.js';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import { suggestion } from '../util/suggest.js';
import { parseDaemonSet, podFromFlags, type CapacityFlags } from './capacity-flags.js';
import { collect, once, parseCount, Problems } from './flags.js';

const FILTER_KEYS = ['family', 'provider', 'arch'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const CHART_EXTENSIONS = ['.svg', '.png', '.vl.json'];

const valueOf = (t: InstanceType, key: FilterKey) =>
  key === 'family' ? instanceFamily(t) : key === 'provider' ? t.provider : t.arch;

// Each --filter key=v1,v2 (and --provider) as a test on a type; every filter must pass.
function filtersFrom(flags: CapacityFlags, problems: Problems): Array<(t: InstanceType) => boolean> {
  const out: Array<(t: InstanceType) => boolean> = [];
  const written = [...(flags.filter ?? []), ...(flags.provider === undefined ? [] : [`provider=${flags.provider}`])];
  for (const text of written) {
    const eq = text.indexOf('=');
    const key = text.slice(0, eq) as FilterKey;
    const values = text
      .slice(eq + 1)
      .split(',')
      .filter((v) => v !== '');
    if (eq < 0 || !FILTER_KEYS.includes(key) || values.length === 0) {
      problems.add(
        '--filter',
        `"${text}" is not key=value[,value…]; expected a key of ${FILTER_KEYS.join(', ')}, e.g. family=m5,c5`,
      );
      continue;
    }
    const known = [...new Set(INSTANCE_TYPES.map((t) => valueOf(t, key)))];
    for (const v of values)
      if (!known.includes(v))
        problems.add(
          key === 'provider' && flags.provider !== undefined && text === `provider=${flags.provider}`
            ? '--provider'
            : '--filter',
          `no built-in type has ${key} "${v}"${suggestion(v, known)}; expected one of ${key === 'family' ? 'the families `poolsim instances` shows (m5, e2-standard, Standard_Ds_v5, …)' : known.join(', ')}`,
        );
    out.push((t) => values.includes(valueOf(t, key)));
  }
  return out;
}

const chartTitle = (flags: CapacityFlags) =>
  `Cost per pod-hour against stranded share, pods of ${flags.podCpu ?? '0'} CPU and ${flags.podMemory ?? '0'} memory`;

/** rankOptions adds --rank and the flags that go with it to `poolsim capacity`. */
export function rankOptions(command: Command): Command {
  return command
    .option('--rank', 'rank every built-in instance type for the pod shape, cheapest per pod-hour first')
    .option('--provider <name>', `with --rank: one provider's types, ${PROVIDERS.join(', ')}`, once)
    .option(
      '--filter <key=values>',
      'with --rank: keep the types whose family, provider or arch is one of the values, e.g. family=m5,c5; repeatable',
      collect,
    )
    .option('--top <n>', 'with --rank: only the first n types', once)
    .option('--csv', 'with --rank: print CSV instead of the table')
    .option(
      '--chart <file>',
      'with --rank: also write a scatter of cost per pod-hour against stranded share (.svg, .png or .vl.json)',
      once,
    );
}

/** refuseRankOnly refuses, without --rank, the flags that only go with it. */
export function refuseRankOnly(flags: CapacityFlags): void {
  const rankOnly = (['provider', 'filter', 'top', 'csv', 'chart'] as const).filter((k) => flags[k] !== undefined);
  if (rankOnly.length > 0)
    throw new InputError(
      rankOnly.map((k) => `--${k}: applies only with --rank; expected --rank with it, or it left out`),
    );
}

/** rankAction runs `capacity --rank`. */
export async function rankAction(flags: CapacityFlags, io: Io): Promise<void> {
  const problems = new Problems();
  for (const flag of ['instance', 'cpu', 'memory', 'maxPods', 'podCidr', 'volumes', 'profile'] as const)
    if (flags[flag] !== undefined)
      problems.add(
        `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        'describes one node; --rank ranks every built-in type, each with its own provider profile; expected it left out',
      );
  const pod = podFromFlags(flags, problems);
  if (pod === undefined && flags.podCpu === undefined && flags.podMemory === undefined)
    problems.add('--pod-cpu', 'missing; --rank needs a pod shape, e.g. --pod-cpu 500m --pod-memory 1Gi');
  const daemonSets = (flags.daemonset ?? [])
    .map((spec, i) => problems.check('--daemonset', () => parseDaemonSet(spec, i)))
    .filter((d) => d !== undefined);
  const filters = filtersFrom(flags, problems);
  const top = flags.top === undefined ? undefined : problems.check('--top', () => parseCount(flags.top!, 1, 100_000));
  if (flags.csv === true && flags.json === true) problems.add('--csv', 'and --json both given; expected one of them');
  if (flags.chart !== undefined && !CHART_EXTENSIONS.some((e) => flags.chart!.endsWith(e)))
    problems.add(
      '--chart',
      `"${flags.chart}" has no chart extension (${extname(flags.chart) || 'none'}); expected a file ending in ${CHART_EXTENSIONS.join(', ')}`,
    );
  problems.throwIfAny();
  const types = INSTANCE_TYPES.filter((t) => filters.every((f) => f(t)));
  const ranked = rankInstanceTypes(types, pod!, { daemonSets });
  const shown = top === undefined ? ranked : ranked.slice(0, top);
  const none = ranked.filter((r) => r.pods === 0).length;
  if (flags.chart !== undefined) await writeChart(flags.chart, rankChartSpec(ranked, chartTitle(flags)));
  if (flags.json === true) return io.stdout(rankJson(shown));
  if (flags.csv === true) return io.stdout(rankCsv(shown));
  io.stdout(
    `${rankTable(shown)}\n${types.length} types (${[...new Set(types.map((t) => t.provider))].join(', ')})` +
      `${top !== undefined && top < ranked.length ? `, the first ${top} shown` : ''}` +
      `${none > 0 ? `; ${none} hold no such pod (listed last)` : ''}. Cost per pod-hour: the on-demand list price over the pods a node holds.\n`,
  );
}

// The chart as its extension asks: the spec itself, or drawn (SVG, PNG) on a worker thread.
async function writeChart(file: string, spec: ReturnType<typeof rankChartSpec>): Promise<void> {
  if (file.endsWith('.vl.json')) return writeFileAtomically(file, `${JSON.stringify(spec, null, 2)}\n`);
  const { renderChart } = await import('../report/render-charts.js');
  const drawn = await renderChart(spec);
  writeFileAtomically(file, file.endsWith('.png') ? drawn.png : drawn.svg);
}
