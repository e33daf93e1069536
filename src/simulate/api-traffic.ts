// What the API server receives from the kubelets: every request counted by kind, the ones that
// waited on a kubelet's limiter, and the server's queues (models/apiserver.ts), whose backlog is the
// latency a status update sees. Steady periodic traffic (lease renewals, status reports) is never
// an event: it enters as a rate while a kubelet serves, and its requests are counted exactly when
// the kubelet stops (or the run ends) from how long it served. The timeline takes the steady part
// at its rate; the totals count each request.
import {
  advanceQueue,
  arrive,
  latencyMs,
  serviceRate,
  type ApiServerSettings,
  type ClassQueue,
  type RequestClass,
} from '../models/apiserver.js';
import {
  API_REQUEST_KINDS,
  ticksWithin,
  type ApiRequest,
  type ApiRequestKind,
  type SteadyStream,
} from '../models/kubelet.js';

const KINDS = API_REQUEST_KINDS.length;
const KIND_INDEX = new Map(API_REQUEST_KINDS.map((k, i) => [k, i]));
const THROTTLED = KINDS; // the bucket slot counting requests that waited on a limiter

/** ApiWindow is one timeline sample's traffic: requests per second, all and by kind, and those that had waited. */
export interface ApiWindow {
  readonly rps: number;
  readonly throttledRps: number;
  readonly byKind: Readonly<Record<ApiRequestKind, number>>;
}

/** ApiTraffic counts the kubelets' requests for one run. */
export class ApiTraffic {
  /** totals counts every request by kind; throttled those that waited for a token. */
  readonly totals: Record<ApiRequestKind, number> = Object.fromEntries(API_REQUEST_KINDS.map((k) => [k, 0])) as Record<
    ApiRequestKind,
    number
  >;
  throttled = 0;
  /** requests counts every request, apart from `totals`: the two must agree (an invariant check). */
  requests = 0;
  /** peakLatencyMs is the longest latency a request carrying a pod's status saw. */
  peakLatencyMs = 0;
  // Discrete requests by sample window (index floor(t / window)): counts by kind, then throttled.
  private readonly windows = new Map<number, Float64Array>();
  // Arrivals by second, for the server's queues: [reads, writes].
  private readonly seconds = new Map<number, [number, number]>();
  private queues: Record<RequestClass, ClassQueue> = { read: { backlog: 0, atMs: 0 }, write: { backlog: 0, atMs: 0 } };
  private readonly rates: Record<RequestClass, number>;
  // Steady traffic: the rate of each kind and class now, and what it added since the last sample.
  private readonly steadyRate = new Float64Array(KINDS);
  private readonly steadyClassRate: Record<RequestClass, number> = { read: 0, write: 0 };
  private readonly steadySince = new Float64Array(KINDS);
  private steadyAtMs = 0;
  private lastSampleMs = 0;

  constructor(
    private readonly windowMs: number,
    private readonly server: ApiServerSettings,
  ) {
    this.rates = { read: serviceRate(server, 'read'), write: serviceRate(server, 'write') };
  }

  /** record counts one request that reaches the server at `atMs` (now or later); `waited` when it waited for a token. */
  record(request: ApiRequest, atMs: number, waited: boolean): void {
    this.count(request, atMs, waited, 1);
  }

  /** unrecord takes back a request recorded for later that never left (its kubelet died first). */
  unrecord(request: ApiRequest, atMs: number, waited: boolean): void {
    this.count(request, atMs, waited, -1);
  }

  /**
   * steady starts (sign 1) or stops (sign -1) a kubelet's steady streams at `nowMs`; stopping counts
   * its requests over `servedMs`, but for those of its first `beforeMs` (served before the run began).
   */
  steady(streams: readonly SteadyStream[], sign: 1 | -1, nowMs: number, servedMs = 0, beforeMs = 0): void {
    this.accrue(nowMs);
    this.advance(nowMs); // the queues took the old rate up to now
    for (const s of streams) {
      const i = KIND_INDEX.get(s.request.kind)!;
      const rate = 1000 / s.periodMs;
      this.steadyRate[i] = Math.max(0, this.steadyRate[i]! + sign * rate);
      this.steadyClassRate[s.request.cls] = Math.max(0, this.steadyClassRate[s.request.cls] + sign * rate);
      if (sign < 0) {
        const served = ticksWithin(s, servedMs) - ticksWithin(s, beforeMs);
        this.totals[s.request.kind] += served;
        this.requests += served;
      }
    }
  }

  /** latencyAt is what a write of a pod's status reaching the server at `nowMs` waits and takes. */
  latencyAt(nowMs: number, cls: RequestClass): number {
    this.advance(nowMs);
    const ms = latencyMs(
      this.queues[cls],
      this.rates[cls],
      cls === 'read' ? this.server.readServiceMs : this.server.writeServiceMs,
    );
    this.peakLatencyMs = Math.max(this.peakLatencyMs, ms);
    return ms;
  }

  /** sample closes the window ending at `nowMs` and returns its traffic. */
  sample(nowMs: number): ApiWindow {
    this.accrue(nowMs);
    this.advance(nowMs); // keeps the arrivals by second to those still ahead
    const seconds = Math.max(1e-9, (nowMs - this.lastSampleMs) / 1000);
    const index = Math.floor(nowMs / this.windowMs) - 1;
    const counts = this.windows.get(index) ?? new Float64Array(KINDS + 1);
    this.windows.delete(index);
    const byKind = {} as Record<ApiRequestKind, number>;
    let total = 0;
    API_REQUEST_KINDS.forEach((k, i) => {
      const n = counts[i]! + this.steadySince[i]!;
      byKind[k] = round(nowMs > this.lastSampleMs ? n / seconds : 0);
      total += n;
    });
    this.steadySince.fill(0);
    const window = {
      rps: round(nowMs > this.lastSampleMs ? total / seconds : 0),
      throttledRps: round(nowMs > this.lastSampleMs ? counts[THROTTLED]! / seconds : 0),
      byKind,
    };
    this.lastSampleMs = nowMs;
    return window;
  }

  private count(request: ApiRequest, atMs: number, waited: boolean, sign: 1 | -1): void {
    const index = Math.floor(atMs / this.windowMs);
    let counts = this.windows.get(index);
    if (counts === undefined) this.windows.set(index, (counts = new Float64Array(KINDS + 1)));
    counts[KIND_INDEX.get(request.kind)!]! += sign;
    this.totals[request.kind] += sign;
    this.requests += sign;
    if (waited) {
      counts[THROTTLED]! += sign;
      this.throttled += sign;
    }
    // (A request taken back after its second was taken in stays in the queue: a few at most.)
    const second = Math.floor(atMs / 1000);
    let arrivals = this.seconds.get(second);
    if (arrivals === undefined && sign > 0) this.seconds.set(second, (arrivals = [0, 0]));
    if (arrivals !== undefined) arrivals[request.cls === 'read' ? 0 : 1] += sign;
  }

  // The steady streams' requests since the last change, at their rates.
  private accrue(nowMs: number): void {
    const seconds = (nowMs - this.steadyAtMs) / 1000;
    if (seconds <= 0) return;
    for (let i = 0; i < KINDS; i++) this.steadySince[i]! += this.steadyRate[i]! * seconds;
    this.steadyAtMs = nowMs;
  }

  // Moves both queues to `nowMs`, taking in each earlier second's arrivals at its start.
  private advance(nowMs: number): void {
    const due = [...this.seconds.keys()].filter((s) => s * 1000 <= nowMs).sort((a, b) => a - b);
    for (const cls of ['read', 'write'] as const) {
      const slot = cls === 'read' ? 0 : 1;
      let q = this.queues[cls];
      for (const s of due)
        q = arrive(
          advanceQueue(q, Math.max(q.atMs, s * 1000), this.rates[cls], this.steadyClassRate[cls]),
          this.seconds.get(s)![slot],
        );
      this.queues[cls] = advanceQueue(q, nowMs, this.rates[cls], this.steadyClassRate[cls]);
    }
    for (const s of due) this.seconds.delete(s);
  }
}

function round(x: number) {
  return Math.round(x * 1e6) / 1e6;
}
