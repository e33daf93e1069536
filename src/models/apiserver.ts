// kube-apiserver's capacity as its max-in-flight filter bounds it (staging/src/k8s.io/apiserver
// pkg/server/filters/maxinflight.go; --max-requests-inflight 400 reads, --max-mutating-requests-inflight
// 200 writes): each class serves that many requests at once, each for its service time, so it can
// complete maxInFlight / serviceTime requests a second. What arrives beyond that waits, and the
// wait is the latency overload shows up as.
// Simplified: each class is one fluid queue drained at that rate (no API Priority and Fairness
// levels or seat shares, no 429 rejections and client retries, arrivals counted per second).

/** ApiServerSettings are the server's limits and the time one request holds a slot. */
export interface ApiServerSettings {
  readonly maxRequestsInflight: number;
  readonly maxMutatingRequestsInflight: number;
  readonly readServiceMs: number;
  readonly writeServiceMs: number;
}

/** DEFAULT_API_SERVER: upstream's in-flight limits; service times of a GET served from the watch cache (~5 ms) and a write committed to etcd (~25 ms). */
export const DEFAULT_API_SERVER: ApiServerSettings = {
  maxRequestsInflight: 400,
  maxMutatingRequestsInflight: 200,
  readServiceMs: 5,
  writeServiceMs: 25,
};

/** RequestClass: reads (GET, LIST, WATCH) and writes (POST, PUT, PATCH, DELETE) have separate limits. */
export type RequestClass = 'read' | 'write';

/** ClassQueue is one class's backlog: requests waiting for a slot at `atMs`. */
export interface ClassQueue {
  readonly backlog: number;
  readonly atMs: number;
}

/** serviceRate is how many requests of a class the server completes a second. */
export function serviceRate(settings: ApiServerSettings, cls: RequestClass): number {
  return cls === 'read'
    ? (settings.maxRequestsInflight * 1000) / settings.readServiceMs
    : (settings.maxMutatingRequestsInflight * 1000) / settings.writeServiceMs;
}

/**
 * advanceQueue moves a class's queue to `nowMs`: steady traffic flows in at `steadyRate` (requests/s)
 * the whole time, and the server drains at `rate`; the backlog never goes below 0.
 */
export function advanceQueue(queue: ClassQueue, nowMs: number, rate: number, steadyRate: number): ClassQueue {
  if (nowMs <= queue.atMs) return queue;
  const seconds = (nowMs - queue.atMs) / 1000;
  return { backlog: Math.max(0, queue.backlog + (steadyRate - rate) * seconds), atMs: nowMs };
}

/** arrive adds `count` requests to the backlog at the queue's time. */
export const arrive = (queue: ClassQueue, count: number): ClassQueue => ({
  backlog: queue.backlog + count,
  atMs: queue.atMs,
});

/** latencyMs is how long a request arriving now takes: the wait for the backlog ahead of it, and its own service. */
export function latencyMs(queue: ClassQueue, rate: number, serviceMs: number): number {
  return serviceMs + (queue.backlog / rate) * 1000;
}
