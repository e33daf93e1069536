// The flags of `poolsim capacity` as commander hands them over, and the parsers its one-node report
// and its ranking (--rank) share.
import type { DaemonSetPod } from '../models/allocatable.js';
import { parseCpuMilli, parseMemoryBytes } from '../models/quantity.js';
import type { PodAsk } from '../models/resources.js';
import { parseCount, parseResources, type Problems } from './flags.js';

/** CapacityFlags are the flags as commander hands them over: strings, unchecked. */
export interface CapacityFlags {
  instance?: string;
  profile?: string;
  cpu?: string;
  memory?: string;
  maxPods?: string;
  podCidr?: string;
  volumes?: string;
  daemonset?: string[];
  kubeReserved?: string;
  systemReserved?: string;
  eviction?: string;
  podCpu?: string;
  podMemory?: string;
  podVolumes?: string;
  json?: boolean;
  rank?: boolean;
  provider?: string;
  filter?: string[];
  top?: string;
  csv?: boolean;
  chart?: string;
}

/** parseDaemonSet parses "[NAME=]CPU/MEMORY[/hostNetwork]", e.g. "kube-proxy=100m/128Mi/hostNetwork". */
export function parseDaemonSet(spec: string, index: number): DaemonSetPod {
  const eq = spec.indexOf('=');
  const name = eq >= 0 ? spec.slice(0, eq) : `daemonset-${index + 1}`;
  const parts = spec.slice(eq + 1).split('/');
  const hostNetwork = parts.length === 3 && parts[2] === 'hostNetwork';
  if (name.length === 0 || parts.length < 2 || parts.length > 3 || (parts.length === 3 && !hostNetwork)) {
    throw new RangeError(
      `"${spec}" is not [NAME=]CPU/MEMORY[/hostNetwork]; expected e.g. fluent-bit=100m/200Mi or kube-proxy=100m/128Mi/hostNetwork`,
    );
  }
  return { name, ...parseResources(`${parts[0]}/${parts[1]}`), ...(hostNetwork ? { hostNetwork } : {}) };
}

/** podFromFlags is the pod shape of --pod-cpu, --pod-memory and --pod-volumes (undefined when none is given). */
export function podFromFlags(flags: CapacityFlags, problems: Problems): PodAsk | undefined {
  if (flags.podCpu === undefined && flags.podMemory === undefined && flags.podVolumes === undefined) return undefined;
  const cpuMilli = flags.podCpu === undefined ? 0 : problems.check('--pod-cpu', () => parseCpuMilli(flags.podCpu!));
  const memoryBytes =
    flags.podMemory === undefined ? 0 : problems.check('--pod-memory', () => parseMemoryBytes(flags.podMemory!));
  const volumes =
    flags.podVolumes === undefined ? 0 : problems.check('--pod-volumes', () => parseCount(flags.podVolumes!, 0, 1000));
  if (cpuMilli === undefined || memoryBytes === undefined || volumes === undefined) return undefined;
  return { cpuMilli, memoryBytes, ...(volumes > 0 ? { volumes } : {}) };
}
