// The fit rule, and every decision that uses it agreeing with it: the scheduler's filters, the
// cluster autoscaler's placement, estimator and NotTriggerScaleUp message, and `poolsim capacity`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podsThatFit } from '../../src/models/allocatable.js';
import { estimateNodes } from '../../src/models/cluster-autoscaler/estimator.js';
import { fitsRoom, placeFirstFit } from '../../src/models/cluster-autoscaler/placement.js';
import { whyNoScaleUp } from '../../src/models/cluster-autoscaler/scale-up.js';
import {
  addPod,
  fitsResources,
  freeResources,
  insufficientResources,
  type NodeResources,
  type PodRequest,
} from '../../src/models/resources.js';
import { filterNode, fitsRequest } from '../../src/models/scheduler/filter.js';
import { budget } from '../property/budget.js';
import { free, pending, room } from './builders.js';

const request = (cpuMilli: number, memoryBytes: number, over: Partial<PodRequest> = {}): PodRequest => ({
  cpuMilli,
  memoryBytes,
  volumes: 0,
  hostPort: null,
  hostNetwork: false,
  ...over,
});

describe('insufficientResources, the fit rule', () => {
  it.each([
    ['fits exactly', request(1000, 1000), free(1000, 1000), []],
    ['one slot left', request(1, 1), free(10, 10, { pods: 1 }), []],
    [
      'every limit short, in order',
      request(11, 11, { volumes: 2 }),
      free(10, 10, { pods: 0, podIPs: 0, volumes: 1 }),
      ['pods', 'cpu', 'memory', 'podIPs', 'volumes'],
    ],
    ['a request of zero never fails, even overcommitted', request(0, 0), free(-500, -1), []],
    ['the host network needs no pod IP', request(1, 1, { hostNetwork: true }), free(10, 10, { podIPs: 0 }), []],
    ['unlimited volumes', request(1, 1, { volumes: 40 }), free(10, 10), []],
  ])('%s', (_name, pod, room, short) => {
    expect(insufficientResources(pod, room)).toEqual(short);
    expect(fitsResources(pod, room)).toBe(short.length === 0);
  });

  it('is what addPod takes away: one pod a slot, a pod IP unless on the host network', () => {
    const v = free(1000, 1000, { podIPs: 5, volumes: 4 });
    addPod(v, request(100, 10, { volumes: 2 }), -1);
    addPod(v, request(100, 10, { hostNetwork: true }), -1);
    expect(v).toEqual({ cpuMilli: 800, memoryBytes: 980, pods: 8, podIPs: 4, volumes: 2 });
    expect(
      freeResources({
        allocatable: free(1000, 1000, { podIPs: 5, volumes: 4 }),
        requested: free(200, 20, { pods: 2, podIPs: 1, volumes: 2 }),
      }),
    ).toEqual({ cpuMilli: 800, memoryBytes: 980, pods: 8, podIPs: 4, volumes: 2 });
  });
});

// A node's free room, limits that may be short, zero or (CPU and memory, overcommitted) negative.
const freeRoom = fc.record({
  cpuMilli: fc.integer({ min: -200, max: 4000 }),
  memoryBytes: fc.integer({ min: -200, max: 4000 }),
  pods: fc.integer({ min: 0, max: 3 }),
  podIPs: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Infinity)),
  volumes: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Infinity)),
});
const podAsking = fc.record({
  cpuMilli: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 })),
  memoryBytes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 })),
  volumes: fc.integer({ min: 0, max: 3 }),
  hostPort: fc.constant(null),
  hostNetwork: fc.boolean(),
});
const nonNegative = (v: NodeResources) => v.cpuMilli >= 0 && v.memoryBytes >= 0;

describe('every decision that asks whether a pod fits agrees with the fit rule', () => {
  it('the scheduler, placement, the estimator, NotTriggerScaleUp and capacity', () => {
    fc.assert(
      fc.property(freeRoom, podAsking, fc.integer({ min: 0, max: 50 }), (room_, pod, used) => {
        const fits = fitsResources(pod, room_);
        // The scheduler sees a node's allocatable and what is requested of it, whatever it holds.
        const requested = { cpuMilli: used, memoryBytes: used, pods: 1, podIPs: 1, volumes: 0 };
        const allocatable = {
          cpuMilli: room_.cpuMilli + used,
          memoryBytes: room_.memoryBytes + used,
          pods: room_.pods + 1,
          podIPs: room_.podIPs + 1,
          volumes: room_.volumes,
        };
        const node = { allocatable, requested, unschedulable: false, taints: [], hostPorts: new Set<number>() };
        expect(filterNode(pod, node).length === 0).toBe(fits);
        if (fitsRequest(pod, node).length > 0) expect(fits).toBe(false);
        const placed = pending(pod.cpuMilli, pod.memoryBytes, pod);
        expect(fitsRoom(room({ ...room_ }), placed)).toBe(fits);
        expect(placeFirstFit([placed], [room({ ...room_ })]).length === 0).toBe(fits);
        expect(podsThatFit(room_, pod).pods >= 1).toBe(fits);
        if (!nonNegative(room_)) return;
        // A new node's template is never overcommitted.
        expect(estimateNodes({ template: room_, podGroups: [{ ...pod, count: 1 }] }).scheduledPods === 1).toBe(fits);
        expect(
          whyNoScaleUp(pod, [{ name: 'g', template: room_ }], [], 0, 0).endsWith(
            'waiting for a node group to make room',
          ),
        ).toBe(fits);
      }),
      budget(2000),
    );
  });

  it('capacity counts exactly the pods the rule admits one after another', () => {
    fc.assert(
      fc.property(freeRoom.filter(nonNegative), podAsking, (room_, pod) => {
        const n = podsThatFit(room_, pod).pods;
        fc.pre(Number.isFinite(n) && n <= 4000);
        const left = { ...room_ };
        for (let i = 0; i < n; i++) {
          expect(fitsResources(pod, left)).toBe(true);
          addPod(left, pod, -1);
        }
        expect(fitsResources(pod, left)).toBe(false);
      }),
      budget(1000),
    );
  });
});
