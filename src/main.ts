// The CLI's one try/catch: it runs a command and maps what went wrong to an exit code.
import { Command, CommanderError } from 'commander';
import { EXIT, GateFailed, InputError } from './util/errors.js';
import { processIo, type Io } from './util/io.js';
import { POOLSIM_VERSION as VERSION } from './util/version.js';
import { escapeControls } from './util/text.js';

const visibleLines = (text: string) => text.split('\n').map(escapeControls).join('\n');

type Register = (program: Command, io: Io) => Promise<void>;

/**
 * COMMANDS are the commands in the order --help lists them, each loaded when it is run: a
 * command's module brings what it needs (the scenario schema, the simulation, the charts), and
 * `poolsim --version` or another command need not wait for it.
 */
const COMMANDS: ReadonlyArray<readonly [readonly string[], Register]> = [
  [['run'], async (p, io) => (await import('./commands/run.js')).registerRun(p, io)],
  [['sweep'], async (p, io) => (await import('./commands/sweep.js')).registerSweep(p, io)],
  [['merge'], async (p, io) => (await import('./commands/merge.js')).registerMerge(p, io)],
  [['compare'], async (p, io) => (await import('./commands/compare.js')).registerCompare(p, io)],
  [['capacity'], async (p, io) => (await import('./commands/capacity.js')).registerCapacity(p, io)],
  [
    ['import', 'calibrate'],
    async (p, io) => {
      const m = await import('./commands/import.js');
      m.registerImport(p, io);
      m.registerCalibrate(p, io);
    },
  ],
  [['instances'], async (p, io) => (await import('./commands/instances.js')).registerInstances(p, io)],
  [
    ['validate', 'schema'],
    async (p, io) => {
      const m = await import('./commands/validate.js');
      m.registerValidate(p, io);
      m.registerSchema(p, io);
    },
  ],
];

// The commands `args` runs: the one it names; none for --version alone; every one otherwise (for
// --help's list, and for the suggestion after a misspelt command).
function commandsFor(args: readonly string[]): ReadonlyArray<readonly [readonly string[], Register]> {
  const first = args.find((a) => !a.startsWith('-'));
  const named = COMMANDS.filter(([names]) => first !== undefined && names.includes(first));
  if (named.length > 0) return named;
  if (first === undefined && args.length > 0 && args.every((a) => a === '--version' || a === '-V')) return [];
  return COMMANDS;
}

/** buildProgram assembles the commander program for `args`, writing through `io`. */
async function buildProgram(io: Io, args: readonly string[]): Promise<Command> {
  const program = new Command()
    .name('poolsim')
    .description(
      'Discrete-event simulator of Kubernetes autoscaling: compare node-pool designs with timelines instead of opinions.',
    )
    .version(VERSION)
    .showSuggestionAfterError()
    .configureOutput(output(io, 'poolsim'))
    .exitOverride()
    .addHelpText('after', '\nExample:\n  $ poolsim capacity --instance m5.large --pod-cpu 300m --pod-memory 2Gi');
  for (const [, register] of commandsFor(args)) await register(program, io);
  // Subcommands inherit the output settings and the exit override.
  for (const command of program.commands)
    command.configureOutput(output(io, `poolsim ${command.name()}`)).exitOverride();
  return program;
}

// Commander's own errors ("error: unknown option") get the same prefix as ours, and a pointer to --help.
function output(io: Io, prefix: string) {
  return {
    writeOut: io.stdout,
    writeErr: io.stderr,
    // One line per problem: "error: unknown option '--memroy'\n(Did you mean --memory?)" becomes one line.
    outputError: (message: string, write: (text: string) => void) =>
      write(
        `${message
          .replace(/^error: /, `${prefix}: `)
          .trimEnd()
          .replace(/\n\(Did you mean (.*)\)$/, ' (did you mean $1)')}; see '${prefix} --help'\n`,
      ),
  };
}

/** main runs poolsim with `args` (without node and script) and returns the exit code. */
export async function main(args: readonly string[], io: Io = processIo): Promise<number> {
  const program = await buildProgram(io, args);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return exitCodeFor(error, io, program.args[0]);
  }
}

function exitCodeFor(error: unknown, io: Io, command: string | undefined): number {
  if (error instanceof CommanderError) {
    // Help and --version "fail" with code 0; commander has printed the message already.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof GateFailed) return EXIT.failed;
  // By name: from a worker thread it comes back as a plain Error.
  if (error instanceof Error && error.name === 'InvariantViolation') {
    io.stderr(
      `poolsim${command === undefined ? '' : ` ${command}`}: ${error.message}\npoolsim: this is a bug in poolsim, not in the scenario; please report it with the scenario and the command you ran\n`,
    );
    return EXIT.internal;
  }
  if (error instanceof InputError) {
    const prefix = command === undefined ? 'poolsim' : `poolsim ${command}`;
    // Problems may quote names from untrusted files: no escape sequence reaches the terminal.
    for (const problem of error.problems.map(visibleLines))
      io.stderr(error.located ? `${problem}\n` : `${prefix}: ${problem}\n`);
    return EXIT.badInput;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`poolsim: internal error — please report it with the command you ran:\n${detail}\n`);
  return EXIT.internal;
}
