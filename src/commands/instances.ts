// `poolsim instances`: the built-in instance catalog, so users can find a type's exact name.
import type { Command } from 'commander';
import { formatCount, renderTable } from '../report/format.js';
import { INSTANCE_TYPES, PRICE_SOURCES, PROVIDERS, type Provider } from '../models/instance-types.js';
import type { Io } from '../util/io.js';
import { InputError } from '../util/errors.js';
import { suggestion } from '../util/suggest.js';

interface InstancesFlags {
  provider?: string;
  json?: boolean;
}

/** registerInstances adds `poolsim instances` to the program. */
export function registerInstances(program: Command, io: Io): void {
  program
    .command('instances')
    .summary('list the built-in instance types')
    .description(
      'List the built-in instance types: size, per-node limits and on-demand list price, with where each price was read.',
    )
    .option('--provider <name>', `only one provider: ${PROVIDERS.join(', ')}`)
    .option('--json', 'print a JSON array instead of the table')
    .addHelpText('after', '\nExamples:\n  $ poolsim instances --provider eks\n  $ poolsim instances --json')
    .action((flags: InstancesFlags) => {
      const provider = flags.provider;
      if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) {
        throw new InputError([
          `--provider: unknown provider "${provider}"${suggestion(provider, PROVIDERS)}; expected one of ${PROVIDERS.join(', ')}`,
        ]);
      }
      const types = INSTANCE_TYPES.filter((t) => provider === undefined || t.provider === provider);
      if (flags.json === true) {
        io.stdout(
          `${JSON.stringify(
            types.map((t) => ({ ...t, priceSource: PRICE_SOURCES[t.provider] })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      const rows = types.map((t) => [
        t.name,
        t.provider,
        t.arch,
        String(t.vcpu),
        `${t.memoryGiB} GiB`,
        String(t.maxPods),
        String(t.podIPs),
        formatCount(t.attachableVolumes),
        `$${t.pricePerHourUSD.toFixed(4)}`,
      ]);
      const header = ['type', 'provider', 'arch', 'vCPU', 'memory', 'max pods', 'pod IPs', 'volumes', 'USD/hour'];
      const shown = provider === undefined ? PROVIDERS : [provider as Provider];
      const sources = shown.map(
        (p) => `  ${p}: ${PRICE_SOURCES[p].region}, ${PRICE_SOURCES[p].read}; ${PRICE_SOURCES[p].source}`,
      );
      io.stdout(
        `${renderTable([header, ...rows], ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'])}\n\nOn-demand Linux list prices:\n${sources.join('\n')}\n`,
      );
    });
}
