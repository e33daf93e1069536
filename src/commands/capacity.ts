// `poolsim capacity`: flags → a node and a pod shape → the capacity report.
import type { Command } from 'commander';
import { capacityJson, capacityReport, renderCapacityReport, type CapacityInput } from '../report/capacity.js';
import { DEFAULT_MAX_PODS, DEFAULT_POD_CIDR_PREFIX, podIPsForCidr, type NodeSpec } from '../models/allocatable.js';
import { findInstanceType, instanceSize, INSTANCE_TYPES, type InstanceType } from '../models/instance-types.js';
import { parseCpuMilli, parseMemoryBytes } from '../models/quantity.js';
import {
  DEFAULT_EVICTION_BYTES,
  RESERVATION_PROFILES,
  type ReservationProfile,
  type ReservationProfileName,
} from '../models/reservation.js';
import { ZERO } from '../models/resources.js';
import { suggestion } from '../util/suggest.js';
import { InputError } from '../util/errors.js';
import type { Io } from '../util/io.js';
import { collect, once, parseCidrPrefix, parseCount, parseResources, Problems } from './flags.js';
import { rankAction, rankOptions, refuseRankOnly } from './capacity-rank.js';
import { parseDaemonSet, podFromFlags, type CapacityFlags } from './capacity-flags.js';

/** capacityInputFromFlags checks every flag and builds the node and pod; it throws one InputError listing all problems. */
function capacityInputFromFlags(flags: CapacityFlags): CapacityInput {
  const problems = new Problems();
  const instance = lookUpInstance(flags, problems);
  const cpuMilli = instance
    ? instanceSize(instance).cpuMilli
    : problems.check('--cpu', () => parsePositive(flags.cpu, parseCpuMilli));
  const memoryBytes = instance
    ? instanceSize(instance).memoryBytes
    : problems.check('--memory', () => parsePositive(flags.memory, parseMemoryBytes));
  const maxPods =
    flags.maxPods === undefined
      ? (instance?.maxPods ?? DEFAULT_MAX_PODS)
      : problems.check('--max-pods', () => parseCount(flags.maxPods!, 1, 10_000));
  const podIPs =
    flags.podCidr === undefined
      ? (instance?.podIPs ?? podIPsForCidr(DEFAULT_POD_CIDR_PREFIX))
      : problems.check('--pod-cidr', () => podIPsForCidr(parseCidrPrefix(flags.podCidr!)));
  const attachableVolumes =
    flags.volumes === undefined
      ? (instance?.attachableVolumes ?? Infinity)
      : problems.check('--volumes', () => parseCount(flags.volumes!, 0, 10_000));
  const reservation = reservationFromFlags(flags, instance, problems);
  const daemonSets = (flags.daemonset ?? [])
    .map((spec, i) => problems.check('--daemonset', () => parseDaemonSet(spec, i)))
    .filter((d) => d !== undefined);
  const pod = podFromFlags(flags, problems);
  problems.throwIfAny();
  const node: NodeSpec = {
    cpuMilli: cpuMilli!,
    memoryBytes: memoryBytes!,
    maxPods: maxPods!,
    podIPs: podIPs!,
    attachableVolumes: attachableVolumes!,
    reservation: reservation!,
    daemonSets,
  };
  return { ...(instance ? { instanceType: instance.name } : {}), node, ...(pod ? { pod } : {}) };
}

function lookUpInstance(flags: CapacityFlags, problems: Problems): InstanceType | undefined {
  if (flags.instance === undefined) {
    if (flags.cpu === undefined)
      problems.add(
        '--cpu',
        'missing; give --cpu and --memory (e.g. --cpu 4 --memory 16Gi), or --instance (e.g. --instance m5.large)',
      );
    if (flags.memory === undefined && flags.cpu !== undefined)
      problems.add('--memory', 'missing; give it with --cpu (e.g. --memory 16Gi)');
    return undefined;
  }
  if (flags.cpu !== undefined || flags.memory !== undefined) {
    problems.add('--instance', 'is an alternative to --cpu/--memory; give one or the other');
  }
  const found = findInstanceType(flags.instance);
  if (found === undefined) {
    problems.add(
      '--instance',
      `unknown instance type "${flags.instance}"${suggestion(
        flags.instance,
        INSTANCE_TYPES.map((t) => t.name),
      )}; \`poolsim instances\` lists the built-in types`,
    );
  }
  return found;
}

function parsePositive(text: string | undefined, parse: (s: string) => number): number | undefined {
  if (text === undefined) return undefined; // reported as missing already
  const value = parse(text);
  if (value <= 0) throw new RangeError(`"${text}" must be above 0`);
  return value;
}

function reservationFromFlags(
  flags: CapacityFlags,
  instance: InstanceType | undefined,
  problems: Problems,
): ReservationProfile | undefined {
  const name = flags.profile ?? instance?.provider ?? 'gke';
  if (!(RESERVATION_PROFILES as readonly string[]).includes(name)) {
    problems.add(
      '--profile',
      `unknown profile "${name}"${suggestion(name, RESERVATION_PROFILES)}; expected one of ${RESERVATION_PROFILES.join(', ')}`,
    );
    return undefined;
  }
  const customOnly = [
    ['--kube-reserved', flags.kubeReserved],
    ['--system-reserved', flags.systemReserved],
    ['--eviction', flags.eviction],
  ] as const;
  if (name !== 'custom') {
    for (const [flag, value] of customOnly) {
      if (value !== undefined)
        problems.add(flag, `only applies with --profile custom; the ${name} profile computes its own`);
    }
    return { name: name as Exclude<ReservationProfileName, 'custom'> };
  }
  const kubeReserved =
    flags.kubeReserved === undefined
      ? ZERO
      : problems.check('--kube-reserved', () => parseResources(flags.kubeReserved!));
  const systemReserved =
    flags.systemReserved === undefined
      ? ZERO
      : problems.check('--system-reserved', () => parseResources(flags.systemReserved!));
  const evictionMemoryBytes =
    flags.eviction === undefined
      ? DEFAULT_EVICTION_BYTES
      : problems.check('--eviction', () => parseMemoryBytes(flags.eviction!));
  if (kubeReserved === undefined || systemReserved === undefined || evictionMemoryBytes === undefined) return undefined;
  return { name: 'custom', kubeReserved, systemReserved, evictionMemoryBytes };
}

/** registerCapacity adds `poolsim capacity` to the program. */
export function registerCapacity(program: Command, io: Io): void {
  const command = program
    .command('capacity')
    .summary('break one node down from capacity to the pods that fit')
    .description(
      'Break one node down the way the capacity articles do: capacity, minus kube/system reserved and the ' +
        'eviction threshold (= allocatable, as `kubectl describe node` shows it), minus DaemonSets (= what is ' +
        'left for workload pods); then, given a pod shape, how many replicas fit, which resource binds, and ' +
        'what is stranded. Quantities are Kubernetes quantities: 300m, 1.5, 2Gi, 512Mi, 1e9.',
    )
    .option('--instance <type>', 'a built-in instance type (see `poolsim instances`), instead of --cpu/--memory', once)
    .option(
      '--profile <name>',
      `reservation profile: ${RESERVATION_PROFILES.join(', ')} (default: the instance's provider, else gke)`,
      once,
    )
    .option('--cpu <quantity>', 'node CPU, e.g. 4 or 3500m', once)
    .option('--memory <quantity>', 'node memory, e.g. 16Gi', once)
    .option('--max-pods <n>', `kubelet maxPods (default: the instance's, else ${DEFAULT_MAX_PODS})`, once)
    .option(
      '--pod-cidr <prefix>',
      `node pod CIDR prefix length; /24 gives 254 pod IPs (default: the instance's, else /${DEFAULT_POD_CIDR_PREFIX})`,
      once,
    )
    .option('--volumes <n>', "attachable volumes (default: the instance's, else unlimited)", once)
    .option('--daemonset <spec>', 'a DaemonSet pod on every node, [NAME=]CPU/MEMORY[/hostNetwork]; repeatable', collect)
    .option('--kube-reserved <cpu/memory>', 'with --profile custom: kube-reserved, e.g. 100m/1Gi', once)
    .option('--system-reserved <cpu/memory>', 'with --profile custom: system-reserved, e.g. 100m/256Mi', once)
    .option(
      '--eviction <memory>',
      'with --profile custom: hard eviction threshold memory.available (default 100Mi)',
      once,
    )
    .option('--pod-cpu <quantity>', 'CPU request of one workload replica, e.g. 300m', once)
    .option('--pod-memory <quantity>', 'memory request of one workload replica, e.g. 2Gi', once)
    .option('--pod-volumes <n>', 'volumes one replica attaches (StatefulSets)', once)
    .option('--json', 'print one JSON object instead of the table (with --rank: a JSON array)');
  rankOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ poolsim capacity --profile gke --cpu 4 --memory 16Gi --pod-cpu 300m --pod-memory 2Gi\n' +
        '  $ poolsim capacity --instance m5.large --daemonset kube-proxy=100m/128Mi/hostNetwork --daemonset fluent-bit=100m/200Mi\n' +
        '  $ poolsim capacity --profile custom --cpu 8 --memory 32Gi --kube-reserved 200m/2Gi --eviction 500Mi --json\n' +
        '  $ poolsim capacity --rank --pod-cpu 500m --pod-memory 1Gi --provider eks --filter family=m5,c5,r5 --top 10\n' +
        '\nJSON fields: capacity, reserved, eviction, allocatable (with pods), daemonsets, forWorkloads, and fit\n' +
        '{ pods, bindingResource, byLimit, stranded } when a pod shape is given. CPU in millicores (cpuMilli),\n' +
        'memory in bytes (memoryBytes); null means unlimited.',
    )
    .action(async (flags: CapacityFlags) => {
      if (flags.rank === true) {
        await rankAction(flags, io);
        return;
      }
      refuseRankOnly(flags);
      const report = capacityReport(capacityInputFromFlags(flags));
      if (report.refused.length > 0)
        throw new InputError(
          report.refused.map((r) => `the node as given: ${r}; expected reservations smaller than the node`),
        );
      for (const warning of report.warnings) io.stderr(`poolsim capacity: warning: ${warning}\n`);
      io.stdout(flags.json === true ? `${capacityJson(report)}\n` : renderCapacityReport(report));
    });
}
