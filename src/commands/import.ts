// `poolsim import`: kubectl output in, a scenario out (stdout, or --out written atomically).
import type { Command } from 'commander';
import { calibrate, readEvents } from '../scenario/calibrate-cluster.js';
import { importCluster, NO_IMAGE_SIZES, scenarioYaml, type DumpFile, type WhatIf } from '../scenario/import-cluster.js';
import { writeFileAtomically } from '../report/write-atomic.js';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import { readBytesBounded, ReadRefused } from '../util/read-file.js';
import { collect, once } from './flags.js';

/** MAX_DUMP_BYTES bounds one dump file: a large cluster's `kubectl get … -o json` is tens of MB. */
const MAX_DUMP_BYTES = 256 * 1024 * 1024;

interface ImportFlags {
  out?: string;
  name?: string;
  whatIf?: string[];
  events?: string[];
}

function readDumps(paths: readonly string[]): DumpFile[] {
  return paths.map((file) => {
    try {
      return { file, bytes: readBytesBounded(file, MAX_DUMP_BYTES) };
    } catch (e) {
      if (e instanceof ReadRefused) throw new InputError([`${file}: ${e.message}`]);
      throw e;
    }
  });
}

// The scenario to stdout, or to --out (atomically).
function emit(io: Io, yaml: string, out: string | undefined, command: string): void {
  if (out === undefined) io.stdout(yaml);
  else {
    writeFileAtomically(out, yaml);
    io.stderr(`poolsim ${command}: wrote ${out}\n`);
  }
}

function whatIfOf(text: string): WhatIf {
  const eq = text.indexOf('=');
  const values = text
    .slice(eq + 1)
    .split(',')
    .filter((v) => v !== '');
  if (eq <= 0 || values.length === 0)
    throw new InputError([
      `--what-if: "${text}" is not path=value[,value…]; expected e.g. pools.*.instanceType=e2-standard-8,e2-standard-32`,
    ]);
  return { path: text.slice(0, eq).split('.'), values };
}

/** registerImport adds `poolsim import` to the program. */
export function registerImport(program: Command, io: Io): void {
  program
    .command('import')
    .summary("write a scenario from a cluster's kubectl output")
    .description(
      'Read what `kubectl get nodes,pods,deployments,statefulsets,daemonsets,horizontalpodautoscalers,' +
        'poddisruptionbudgets,priorityclasses -A -o json` (or -o yaml, or several such files) prints, and write a ' +
        'scenario that runs as it is: pools from the nodes (GKE node pools, EKS node groups, AKS agent pools, ' +
        'Karpenter NodePools, else instance types) with their size, zones, labels and taints; the workloads with ' +
        'their replicas, requests, limits, images, probes, strategies, HPAs, PodDisruptionBudgets, PriorityClasses ' +
        'and DaemonSets; the cluster as the design `current`. Only the fields poolsim reads are written: never an ' +
        'environment variable or a secret. What it skipped or guessed goes to stderr; exit 2 only when nothing usable remains.',
    )
    .argument('<file...>', 'kubectl output, JSON or YAML (a List, or objects)')
    .option('--out <file>', 'write the scenario there (atomically) instead of to stdout', once)
    .option('--name <name>', 'the scenario name (default: imported)', once)
    .option(
      '--what-if <path=values>',
      'add a design per value, e.g. pools.*.instanceType=e2-standard-8,e2-standard-32; repeatable',
      collect,
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ kubectl get nodes,pods,deployments,statefulsets,daemonsets,hpa,pdb,priorityclasses -A -o json > cluster.json\n' +
        '  $ poolsim import cluster.json --out scenario.yaml\n' +
        '  $ poolsim import cluster.json --what-if pools.*.instanceType=m5.2xlarge,m5.4xlarge > scenario.yaml',
    )
    .action((paths: string[], flags: ImportFlags) => {
      const whatIf = (flags.whatIf ?? []).map(whatIfOf);
      const r = importCluster(readDumps(paths), { ...(flags.name === undefined ? {} : { name: flags.name }), whatIf });
      for (const p of r.problems) io.stderr(`poolsim import: ${p}\n`);
      for (const n of r.notes) io.stderr(`poolsim import: note: ${n}\n`);
      if (!r.usable) throw new InputError(['nothing usable remains; expected kubectl output with nodes and workloads']);
      emit(io, r.yaml, flags.out, 'import');
    });
}

/** registerCalibrate adds `poolsim calibrate` to the program. */
export function registerCalibrate(program: Command, io: Io): void {
  program
    .command('calibrate')
    .summary('import a cluster with its delays fitted to its own events')
    .description(
      "Import a cluster as `poolsim import` does, and fit its delays to its own history: each pool's provisioning " +
        "(the cluster autoscaler's TriggeredScaleUp to the node's RegisteredNode) and node start-up (to NodeReady), " +
        "each workload's image size and container start (the kubelet's Pulled and Started events) and readiness (its " +
        "pods' conditions), each as a lognormal (median, p95) with its sample count in a comment. A fit needs 5 samples; " +
        'with fewer the field keeps its default and stderr says how many there were.',
    )
    .argument('<file...>', 'kubectl output of the cluster, JSON or YAML')
    .requiredOption('--events <file>', 'what `kubectl get events -A -o json` prints; repeatable', collect)
    .option('--out <file>', 'write the scenario there (atomically) instead of to stdout', once)
    .option('--name <name>', 'the scenario name (default: imported)', once)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ kubectl get events -A -o json > events.json\n' +
        '  $ poolsim calibrate cluster.json --events events.json --out scenario.yaml',
    )
    .action((paths: string[], flags: ImportFlags) => {
      const r = importCluster(readDumps(paths), flags.name === undefined ? {} : { name: flags.name });
      const problems = [...r.problems];
      const events = readEvents(readDumps(flags.events ?? []), problems);
      const c = calibrate(r.scenario, events, r.pods);
      for (const p of problems) io.stderr(`poolsim calibrate: ${p}\n`);
      // The import's note on image sizes no longer holds for those the events gave.
      const unsized = Object.values(r.scenario.workloads ?? {}).filter(
        (w) => typeof w === 'object' && w !== null && (w as { image?: { size?: unknown } }).image?.size === undefined,
      ).length;
      const notes = r.notes.filter((n) => !n.startsWith(NO_IMAGE_SIZES));
      if (unsized > 0) notes.push(`${unsized} workload(s) still have no image size (no Pulled event gave it)`);
      for (const n of [...notes, ...c.notes]) io.stderr(`poolsim calibrate: note: ${n}\n`);
      if (!r.usable) throw new InputError(['nothing usable remains; expected kubectl output with nodes and workloads']);
      const header = `${r.header}\n Calibrated from ${(flags.events ?? []).join(', ')}: ${c.comments.length} field(s) fitted.`;
      const workloads = (r.scenario.workloads ?? {}) as Record<string, { image?: { size?: unknown } }>;
      const stillUnsized = r.comments.filter(
        (k) => k.path[0] !== 'workloads' || workloads[String(k.path[1])]?.image?.size === undefined,
      );
      emit(io, scenarioYaml(r.scenario, header, [...stillUnsized, ...c.comments]), flags.out, 'calibrate');
    });
}
