// The kubelet as an API client (kubernetes/kubernetes cmd/kubelet/app/server.go): three clients.
// - heartbeat: node lease renewals and node status, with client-side throttling off (QPS -1);
// - main: limited by kubeAPIQPS/kubeAPIBurst (5/10 before 1.27, 50/100 from 1.27): informers'
//   list/watch, pod status syncs, service account tokens, the final delete of a pod;
// - events: limited by eventRecordQPS/eventBurst (raised with kubeAPIQPS in 1.27).
// Limited requests wait for their token (models/token-bucket.ts reserveToken); they queue, they do
// not fail. Steady traffic: a lease UPDATE every 10 s (the lease controller caches the lease, so no
// GET; component-helpers lease/controller.go); the node status every 10 s, read from the API
// server's cache before 1.31 and from the kubelet's informer since (kubelet_node_status.go,
// PR #123977), and PATCHed only when it changed or every nodeStatusReportFrequency (5 min).
// A pod status sync is a GET and a PATCH (pkg/kubelet/status/status_manager.go syncPod); syncs
// waiting for a token carry the latest status, so they coalesce. Simplified: the 4% jitter of the
// 10 s loops is left out, and a change's status PATCH does not restart the 5 min report timer.
import type { RequestClass } from './apiserver.js';

/** LEASE_RENEW_INTERVAL_MS: the node lease is renewed every 10 s (a quarter of its 40 s duration). */
const LEASE_RENEW_INTERVAL_MS = 10_000;
/** NODE_STATUS_UPDATE_FREQUENCY_MS: the kubelet computes its node status every 10 s. */
const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
/** NODE_STATUS_REPORT_FREQUENCY_MS: an unchanged node status is still reported every 5 min. */
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

/** ApiRequestKind groups the kubelet's requests as the API server's timeline shows them. */
export type ApiRequestKind = 'lease' | 'nodeStatus' | 'podStatus' | 'token' | 'listWatch' | 'event';
export const API_REQUEST_KINDS: readonly ApiRequestKind[] = [
  'lease',
  'nodeStatus',
  'podStatus',
  'token',
  'listWatch',
  'event',
];

/** KubeletClient is which of the kubelet's clients sends a request, and so which limiter it waits on. */
export type KubeletClient = 'heartbeat' | 'main' | 'events';

/** ApiRequest is one request: its kind, read or write, and its client. */
export interface ApiRequest {
  readonly kind: ApiRequestKind;
  readonly cls: RequestClass;
  readonly client: KubeletClient;
}

const req = (kind: ApiRequestKind, cls: RequestClass): ApiRequest => ({
  kind,
  cls,
  client: kind === 'lease' || kind === 'nodeStatus' ? 'heartbeat' : kind === 'event' ? 'events' : 'main',
});
const times = (n: number, r: ApiRequest) => Array.from({ length: n }, () => r);

// The informers a kubelet starts (pods bound to it, its node, services, CSI drivers, runtime
// classes): a LIST and a WATCH each.
const INFORMERS = 5;
// Starting kubelet, NodeHasSufficientMemory, NodeHasNoDiskPressure, NodeHasSufficientPID, NodeAllocatableEnforced.
const START_EVENTS = 5;

/** kubeletStartRequests are what a kubelet sends as it starts: its informers, the lease (GET, then UPDATE), its node status, its start events; the first start also registers the node. */
export function kubeletStartRequests(firstStart: boolean): ApiRequest[] {
  return [
    ...(firstStart ? [req('nodeStatus', 'write')] : []),
    ...times(INFORMERS * 2, req('listWatch', 'read')),
    req('lease', 'read'),
    req('nodeStatus', 'write'),
    ...times(START_EVENTS, req('event', 'write')),
  ];
}

/** nodeReadyRequests: the status PATCH with Ready=True and the NodeReady event. */
export const nodeReadyRequests = (): ApiRequest[] => [req('nodeStatus', 'write'), req('event', 'write')];

/** podStartRequests: the pod's service account token (one TokenRequest per pod) and its events: Pulling (when pulled), Pulled, Created, Started. */
export function podStartRequests(pulled: boolean): ApiRequest[] {
  return [req('token', 'write'), ...times(pulled ? 4 : 3, req('event', 'write'))];
}

/** podStatusSyncRequests: syncPod's GET of the pod and PATCH of its status. */
export const podStatusSyncRequests = (): ApiRequest[] => [req('podStatus', 'read'), req('podStatus', 'write')];

/** podTerminationRequests: the Killing event, and the kubelet's final DELETE once the containers are gone (the terminated status is a sync of its own). */
export const podTerminationRequests = (): ApiRequest[] => [req('event', 'write'), req('podStatus', 'write')];

/** SteadyStream is a kubelet's periodic request: one every `periodMs` while it runs, the first `firstAfterMs` after it starts serving. */
export interface SteadyStream {
  readonly request: ApiRequest;
  readonly periodMs: number;
  readonly firstAfterMs: number;
}

/** steadyStreams are a serving kubelet's periodic requests at a Kubernetes minor version (1.x). */
export function steadyStreams(minor: number): SteadyStream[] {
  return [
    { request: req('lease', 'write'), periodMs: LEASE_RENEW_INTERVAL_MS, firstAfterMs: 0 },
    ...(minor < 31
      ? [{ request: req('nodeStatus', 'read'), periodMs: NODE_STATUS_UPDATE_FREQUENCY_MS, firstAfterMs: 0 }]
      : []),
    {
      request: req('nodeStatus', 'write'),
      periodMs: NODE_STATUS_REPORT_FREQUENCY_MS,
      firstAfterMs: NODE_STATUS_REPORT_FREQUENCY_MS,
    },
  ];
}

/** ticksWithin counts a stream's requests from a kubelet that served for `servedMs`: at firstAfterMs, then every periodMs, before the end. */
export function ticksWithin(stream: SteadyStream, servedMs: number): number {
  if (servedMs <= stream.firstAfterMs) return 0;
  return Math.ceil((servedMs - stream.firstAfterMs) / stream.periodMs);
}

/** lastRenewalMs is the last lease renewal at or before `nowMs` of a kubelet serving since `sinceMs`. */
export function lastRenewalMs(sinceMs: number, nowMs: number): number {
  return sinceMs + Math.floor((nowMs - sinceMs) / LEASE_RENEW_INTERVAL_MS) * LEASE_RENEW_INTERVAL_MS;
}
