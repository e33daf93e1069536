// `poolsim merge`: the slices of a sharded sweep back into the outputs one machine would have written.
import type { Command } from 'commander';
import type { Io } from '../util/io.js';
import { readShards } from '../sweep/read-shards.js';
import { combineShards } from '../sweep/shard.js';
import { once, outHolding } from './flags.js';
import { throwProblems } from './compare.js';
import { writeSweepOutputs } from '../sweep/write.js';
import { openOutput } from '../report/open-output.js';
import { InputError } from '../util/errors.js';
import { realLocation } from '../util/paths.js';

interface MergeFlags {
  out?: string;
  charts?: boolean;
}

/** registerMerge adds `poolsim merge` to the program. */
export function registerMerge(program: Command, io: Io): void {
  program
    .command('merge')
    .summary('combine the slices of a sharded sweep into its outputs')
    .description(
      'Combine the slices written by poolsim sweep --shard K/N (every K from 0 to N − 1, each once, of the same sweep) into sweep.csv, sweep.json ' +
        'and the Pareto chart: the same bytes one unsharded run would have written. Exit 2 when a slice is missing, repeated or from another sweep.',
    )
    .argument(
      '<shards...>',
      'directories written by sweep --shard, or their shard.json files (e.g. collected with kubectl logs)',
    )
    .option('--out <dir>', 'output directory (default: out/<scenario>-sweep)', once)
    .option('--no-charts', 'skip the Pareto chart')
    .addHelpText(
      'after',
      '\nExamples:\n  $ poolsim merge shards/0 shards/1 shards/2 --out out/node-size-sweep\n  $ poolsim merge shards/*.json',
    )
    .action(async (paths: string[], flags: MergeFlags) => {
      const problems: string[] = [];
      const shards = readShards(paths, problems);
      const combined = problems.length === 0 ? combineShards(shards, problems) : null;
      throwProblems(problems, 'poolsim merge');
      const { plan, summaries } = combined!;
      // The shards' scenario name is checked as a name (shard.ts), so the default stays under out/.
      const out = flags.out ?? `out/${plan.scenario}-sweep`;
      const holding = outHolding(out, new Set(shards.map((s) => realLocation(s.source))));
      if (holding !== undefined)
        throw new InputError([
          `--out: ${JSON.stringify(out)} holds ${holding}, a shard being merged, which replacing the output would delete; expected an output folder apart from the shards`,
        ]);
      const staged = openOutput(out); // before the chart is drawn: a refusal loses nothing
      io.stdout(await writeSweepOutputs(out, plan, summaries, flags.charts !== false, staged));
    });
}
