// Defaults for what a scenario leaves out, with where each comes from (docs/model.md gives the
// upstream sources, model by model). Version-dependent ones are functions of the Kubernetes version.
import { lognormal } from '../sim/distributions.js';
import type { SupervisorSpec } from '../models/supervisor.js';
import type { AutoscalerSettings, KubernetesVersion } from './model.js';

export const DEFAULT_KUBERNETES_VERSION = '1.34';
export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLE_INTERVAL_MS = 10_000;
export const DEFAULT_TERMINATION_GRACE_MS = 30_000; // pod terminationGracePeriodSeconds

/** atLeast says whether `v` is `major.minor` or newer. */
export const atLeast = (v: KubernetesVersion, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

/** kubeletApiLimits: kubeAPIQPS/kubeAPIBurst, 5/10 before 1.27 and 50/100 from 1.27 (kubelet config defaults.go). */
// eventRecordQPS/eventBurst went from 5/10 to 50/100 in the same change.
export function kubeletApiLimits(v: KubernetesVersion): {
  apiQPS: number;
  apiBurst: number;
  eventQPS: number;
  eventBurst: number;
} {
  return atLeast(v, 1, 27)
    ? { apiQPS: 50, apiBurst: 100, eventQPS: 50, eventBurst: 100 }
    : { apiQPS: 5, apiBurst: 10, eventQPS: 5, eventBurst: 10 };
}

/** nodeMonitorGracePeriodMs: 40 s before 1.32, 50 s from 1.32 (kube-controller-manager). */
export function nodeMonitorGracePeriodMs(v: KubernetesVersion): number {
  return atLeast(v, 1, 32) ? 50_000 : 40_000;
}

/** autoscalerDefaults: cluster-autoscaler's flag defaults (FAQ); the expander is `least-waste` from 1.33, `random` before. */
export function autoscalerDefaults(v: KubernetesVersion): AutoscalerSettings {
  return {
    enabled: true,
    scanIntervalMs: 10_000,
    expander: atLeast(v, 1, 33) ? 'least-waste' : 'random',
    priorities: {},
    maxNodesTotal: 0, // 0 means no limit, as upstream's --max-nodes-total
    maxCoresTotal: null, // upstream's 320,000 cores and 6,400,000 GiB: no limit in practice
    maxMemoryTotalBytes: null,
    balanceSimilarNodeGroups: false,
    maxNodeProvisionTimeMs: 15 * 60_000,
    scaleDownEnabled: true,
    scaleDownUtilizationThreshold: 0.5,
    scaleDownUnneededTimeMs: 10 * 60_000,
    scaleDownDelayAfterAddMs: 10 * 60_000,
    scaleDownDelayAfterFailureMs: 3 * 60_000,
    maxEmptyBulkDelete: 10,
    newPodScaleUpDelayMs: 2_000, // pods younger than 2 s do not trigger a scale-up
    initialNodeGroupBackoffMs: 5 * 60_000,
    maxNodeGroupBackoffMs: 30 * 60_000,
    scaleDownUnreadyTimeMs: 20 * 60_000,
    okTotalUnreadyCount: 3,
    maxTotalUnreadyPercentage: 45,
  };
}

// VM create to kubelet registered. The cluster autoscaler's FAQ: provisioning time "almost entirely
// depends on the cloud provider"; learnk8s ("autoscaling strategies"): 3–5 min for a new VM; EKS
// nodes schedulable in 30–65 s (kube.fm, "Faster EKS node and pod startup": 65 s cut to 45 s);
// GKE 2–5 min pending-to-running (docs/model.md#measured-timings). A median of 100 s with a long tail (p95 4 min),
// the same for every instance size unless a pool says otherwise.
export const DEFAULT_PROVISIONING = lognormal(100_000, 240_000);
// Kubelet registered to Ready: the kubelet reports NotReady until the CNI DaemonSet has written its
// config (pkg/kubelet/kubelet.go updateRuntimeUp, "container runtime network not ready"); no
// measured figure was found, so seconds, median 10 s.
export const DEFAULT_NODE_STARTUP = lognormal(10_000, 30_000);
// Container start once its image is present; the start-up SLO is p99 ≤ 5 s without pulls (sig-scalability).
export const DEFAULT_CONTAINER_START = lognormal(1_000, 3_000);
// A restarted kubelet's own start-up before it renews its lease again.
export const DEFAULT_KUBELET_STARTUP = lognormal(3_000, 8_000);
// With no supervisor, someone notices and restarts the kubelet: minutes to hours.
const DEFAULT_HUMAN_RESPONSE = lognormal(30 * 60_000, 4 * 3_600_000);

// Image pulls: a 1 GB image took 7.3–8.4 s on Azure D4ds_v5 nodes (≈125 MB/s); registries served
// ~25 MB/s per layer on EKS. Shared registry egress 10 Gbit/s.
export const DEFAULT_IMAGE_PULL = {
  nodeBandwidth: 125_000_000,
  // containerd decompresses each gzip layer on one core as it streams in: a 2.7 GiB layer took 30–35 s
  // with Go's gzip on server CPUs (containerd/containerd#13559), ≈ 88 MB/s of compressed bytes.
  unpackRate: 88_000_000,
  registry: { latencyMs: 100, bandwidth: 1_250_000_000 },
  mirrorLatencyMs: 5,
  registryQPS: 5, // kubelet registryPullQPS / registryBurst
  registryBurst: 10,
} as const;

/** SUPERVISOR_PRESETS: supervisord's and systemd's own defaults, and the real kubelet units (docs/model.md#kubelet-supervisors). */
export const SUPERVISOR_PRESETS: Readonly<Record<string, SupervisorSpec>> = {
  supervisord: {
    kind: 'supervisord',
    startsecsMs: 1_000,
    startretries: 3,
    autorestart: 'unexpected',
    exitcodes: [0],
    chatty: true,
    shellWrapper: false,
  },
  systemd: {
    kind: 'systemd',
    restart: 'no',
    restartSecMs: 100,
    startLimitBurst: 5,
    startLimitIntervalMs: 10_000,
    restartSteps: 0,
    restartMaxDelayMs: 0,
  },
  kubeadm: {
    kind: 'systemd',
    restart: 'always',
    restartSecMs: 10_000,
    startLimitBurst: 0,
    startLimitIntervalMs: 0,
    restartSteps: 0,
    restartMaxDelayMs: 0,
  },
  'eks-al2': {
    kind: 'systemd',
    restart: 'always',
    restartSecMs: 5_000,
    startLimitBurst: 5,
    startLimitIntervalMs: 10_000,
    restartSteps: 0,
    restartMaxDelayMs: 0,
  },
  'eks-al2023': {
    kind: 'systemd',
    restart: 'on-failure',
    restartSecMs: 5_000,
    startLimitBurst: 5,
    startLimitIntervalMs: 10_000,
    restartSteps: 0,
    restartMaxDelayMs: 0,
  },
  none: { kind: 'none', humanResponse: DEFAULT_HUMAN_RESPONSE },
};

/** defaultSupervisor: EKS nodes run the AL2023 unit, others a kubeadm-style unit (Restart=always, 10 s). */
export const defaultSupervisor = (provider: string | undefined): string =>
  provider === 'eks' ? 'eks-al2023' : 'kubeadm';
