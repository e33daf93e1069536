// `poolsim capacity`: one node's breakdown from capacity to the replicas that fit, for people
// (a table in the capacity articles' order) and for scripts (one JSON object).
import { nodeAllocatable, podsThatFit, type Fit, type NodeBreakdown, type NodeSpec } from '../models/allocatable.js';
import type { PodAsk } from '../models/resources.js';
import { formatBytes, formatCount, formatMemoryRequest, formatMilliCpu, formatPercent, renderTable } from './format.js';

/** CapacityInput is a node, optionally its catalog name, and optionally a workload pod shape. */
export interface CapacityInput {
  readonly instanceType?: string;
  readonly node: NodeSpec;
  readonly pod?: PodAsk;
}

/** CapacityReport is the node's breakdown plus, when a pod shape was given, how many replicas fit. */
export interface CapacityReport extends NodeBreakdown {
  readonly node: {
    readonly instanceType: string | null;
    readonly profile: string;
    readonly maxPods: number;
    readonly podIPs: number;
    readonly attachableVolumes: number;
    readonly daemonSets: readonly string[];
  };
  readonly pod?: PodAsk;
  readonly fit?: Fit;
}

/** capacityReport computes the report; it is pure. */
export function capacityReport(input: CapacityInput): CapacityReport {
  const { node, pod } = input;
  const breakdown = nodeAllocatable(node);
  return {
    node: {
      instanceType: input.instanceType ?? null,
      profile: node.reservation.name,
      maxPods: node.maxPods,
      podIPs: node.podIPs,
      attachableVolumes: node.attachableVolumes,
      daemonSets: node.daemonSets.map((d) => d.name),
    },
    ...breakdown,
    ...(pod === undefined ? {} : { pod, fit: podsThatFit(breakdown.forWorkloads, pod) }),
  };
}

/** capacityJson is the report as JSON; unlimited counts (Infinity) print as null. */
export function capacityJson(report: CapacityReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (value === Infinity ? null : value), 2);
}

const LIMIT_LABELS = { cpu: 'cpu', memory: 'memory', pods: 'pods', podIPs: 'pod IPs', volumes: 'volumes' } as const;

/** renderCapacityReport prints the breakdown as the capacity articles do, then the fit. */
export function renderCapacityReport(r: CapacityReport): string {
  const cpu = formatMilliCpu;
  const mem = formatBytes;
  const name = r.node.instanceType ?? 'Node';
  const header =
    `${name}: ${r.capacity.cpuMilli / 1000} vCPU, ${mem(r.capacity.memoryBytes)}, max ${r.node.maxPods} pods, ` +
    `${r.node.podIPs} pod IPs, ${formatCount(r.node.attachableVolumes)} volumes; reservation profile ${r.node.profile}`;
  const table = renderTable(
    [
      ['', 'CPU', 'memory', 'pods'],
      ['  capacity', cpu(r.capacity.cpuMilli), mem(r.capacity.memoryBytes), String(r.node.maxPods)],
      ['− kube/system reserved', cpu(r.reserved.cpuMilli), mem(r.reserved.memoryBytes), ''],
      ['− eviction threshold', cpu(r.eviction.cpuMilli), mem(r.eviction.memoryBytes), ''],
      ['= allocatable', cpu(r.allocatable.cpuMilli), mem(r.allocatable.memoryBytes), String(r.allocatable.pods)],
      [
        `− DaemonSets (${r.daemonsets.count})`,
        cpu(r.daemonsets.cpuMilli),
        mem(r.daemonsets.memoryBytes),
        String(r.daemonsets.pods),
      ],
      [
        '= for workload pods',
        cpu(r.forWorkloads.cpuMilli),
        mem(r.forWorkloads.memoryBytes),
        String(r.forWorkloads.pods),
      ],
    ],
    ['left', 'right', 'right', 'right'],
  );
  const lines = [header, '', table];
  if (r.fit !== undefined && r.pod !== undefined) lines.push('', ...renderFit(r, r.fit, r.pod));
  return `${lines.join('\n')}\n`;
}

function renderFit(r: CapacityReport, fit: Fit, pod: PodAsk): string[] {
  const shape =
    `${formatMilliCpu(pod.cpuMilli)} / ${formatMemoryRequest(pod.memoryBytes)}` +
    (pod.volumes ? ` / ${pod.volumes} volume(s)` : '');
  const by = (Object.keys(LIMIT_LABELS) as Array<keyof typeof LIMIT_LABELS>)
    .filter((k) => Number.isFinite(fit.byLimit[k]))
    .map((k) => `${LIMIT_LABELS[k]} ${fit.byLimit[k]}`)
    .join(', ');
  const share = (left: number, room: number) => (room > 0 ? ` (${formatPercent(left / room)})` : '');
  const s = fit.stranded;
  const left = [
    `${formatMilliCpu(s.cpuMilli)} CPU${share(s.cpuMilli, r.forWorkloads.cpuMilli)}`,
    `${formatBytes(s.memoryBytes)} memory${share(s.memoryBytes, r.forWorkloads.memoryBytes)}`,
    `${s.pods} pod slots`,
    `${s.podIPs} pod IPs`,
    ...(Number.isFinite(s.volumes) ? [`${s.volumes} volumes`] : []),
  ];
  return [
    `Pods of ${shape} that fit: ${fit.pods} — ${LIMIT_LABELS[fit.bindingResource]} binds (by ${by})`,
    `Stranded once ${fit.bindingResource === 'pods' ? 'the pod slots run' : `${LIMIT_LABELS[fit.bindingResource]} runs`} out: ${left.join(', ')}`,
  ];
}
