// `poolsim validate` checks scenario files without running them; `poolsim schema` prints the
// JSON Schema editors use to complete and underline scenario files.
import type { Command } from 'commander';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { scenarioJsonSchema } from '../scenario/schema/scenario.js';
import { formatDuration } from '../scenario/duration.js';
import { formatProblem } from '../scenario/source.js';
import { formatWarning } from '../scenario/warnings.js';
import { confinedReader, resolveAllowOutside } from '../scenario/confine.js';
import {
  addBudgetOptions,
  ALLOW_OUTSIDE_FLAG,
  ALLOW_OUTSIDE_HELP,
  collect,
  readBudget,
  type BudgetFlags,
} from './flags.js';

// The names validate lists of a scenario's workloads or designs before it says how many more.
const LISTED = 10;

/** summarize says in one line what a sound scenario holds. */
function summarize(s: Scenario): string {
  // The first few names: a fleet's 300 workloads are a count, not a line of names.
  const names = (items: readonly { name: string }[]) =>
    items.length <= LISTED
      ? items.map((i) => i.name).join(', ')
      : `${items
          .slice(0, LISTED)
          .map((i) => i.name)
          .join(', ')} and ${items.length - LISTED} more`;
  const list = (items: readonly { name: string }[], what: string) =>
    `${items.length} ${what}${items.length === 1 ? '' : 's'}${items.length === 0 ? '' : ` (${names(items)})`}`;
  return `${list(s.workloads, 'workload')}, ${list(s.designs, 'design')}, ${formatDuration(s.durationMs)} simulated, seed ${s.seed}, Kubernetes ${s.kubernetesVersion.major}.${s.kubernetesVersion.minor}`;
}

/** registerValidate adds `poolsim validate` to the program. */
export function registerValidate(program: Command, io: Io): void {
  const command = program
    .command('validate')
    .summary('check scenario files without running them')
    .description(
      "Check scenario files: YAML syntax, every field's type and range, references between workloads, loads, " +
        'designs, pools, HPAs and included manifests. Every problem is reported at once as file:line:col: path: what is wrong; ' +
        'what is expected. Warnings (a sound scenario that may mislead: an instance type with no price, an image with no ' +
        'size, an HPA with no load, a load no design can serve, …) are reported as file:line:col: path: warning[code]: ' +
        'what may mislead; the fix. Exit code 0 when all files are sound, warnings or not; 2 when any is not, or with --strict when any warns.',
    )
    .argument('<files...>', 'scenario YAML files')
    .option(ALLOW_OUTSIDE_FLAG, ALLOW_OUTSIDE_HELP, collect)
    .option('--strict', 'count warnings as problems: exit 2 when any file warns (e.g. in CI)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ poolsim validate scenarios/node-size.yaml\n  $ poolsim validate scenarios/*.yaml\n' +
        '  $ poolsim validate --strict scenarios/*.yaml   # in CI: warnings fail the check too',
    )
    .action((files: string[], flags: BudgetFlags & { allowOutside?: string[]; strict?: boolean }) => {
      const problems: string[] = [];
      const allowed = resolveAllowOutside(flags.allowOutside ?? [], problems);
      const budget = readBudget(flags, problems);
      if (problems.length > 0) throw new InputError(problems);
      for (const file of files) {
        const result = loadScenario(file, confinedReader(file, allowed).read, undefined, budget);
        // With --strict a warning is a problem: printed with them, and the file is not ok.
        for (const w of result.warnings) {
          if (flags.strict === true) problems.push(formatWarning(w));
          else io.stderr(`${formatWarning(w)}\n`);
        }
        for (const p of result.problems) problems.push(formatProblem(p)); // not push(...): a file may have 100,000s
        const ok = result.scenario !== null && (flags.strict !== true || result.warnings.length === 0);
        if (ok) io.stdout(`${file}: ok — ${summarize(result.scenario!)}\n`);
      }
      if (problems.length > 0) throw new InputError(problems, true);
    });
  addBudgetOptions(command);
}

/** registerSchema adds `poolsim schema` to the program. */
export function registerSchema(program: Command, io: Io): void {
  program
    .command('schema')
    .summary("print the scenario format's JSON Schema")
    .description(
      'Print the JSON Schema of scenario files (also committed as poolsim.schema.json). Start a scenario with\n' +
        '# yaml-language-server: $schema=<path to poolsim.schema.json> so that editors complete keys and underline mistakes.',
    )
    .addHelpText('after', '\nExample:\n  $ poolsim schema > poolsim.schema.json')
    .action(() => {
      io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
