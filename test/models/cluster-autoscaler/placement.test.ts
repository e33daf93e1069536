import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  copyRoom,
  fitsRoom,
  placeEach,
  placeFirstFit,
  untake,
} from '../../../src/models/cluster-autoscaler/placement.js';
import { free, pending, room } from '../builders.js';

describe('placement', () => {
  it.each([
    ['fits', room(free(1000, 1000)), pending(1000, 1000), true],
    ['too much cpu', room(free(999, 1000)), pending(1000, 1), false],
    ['too much memory', room(free(1000, 999)), pending(1, 1000), false],
    ['no pod slot', room(free(1000, 1000, { pods: 0 })), pending(1, 1), false],
    ['no pod IP', room(free(1000, 1000, { podIPs: 0 })), pending(1, 1), false],
    [
      'no pod IP needed on the host network',
      room(free(1000, 1000, { podIPs: 0 })),
      pending(1, 1, { hostNetwork: true }),
      true,
    ],
    ['host port taken', room(free(1000, 1000), [80]), pending(1, 1, { hostPort: 80 }), false],
    ['no volume left', room(free(1000, 1000, { volumes: 0 })), pending(1, 1, { volumes: 1 }), false],
    ['volumes left', room(free(1000, 1000, { volumes: 1 })), pending(1, 1, { volumes: 1 }), true],
    ['another host port', room(free(1000, 1000), [80]), pending(1, 1, { hostPort: 443 }), true],
  ])('%s', (_name, r, pod, fits) => {
    expect(fitsRoom(r, pod)).toBe(fits);
  });

  it('places in order on the first room that fits, using it up, and returns the rest', () => {
    const rooms = [room(free(500, 1000)), room(free(1000, 1000))];
    const left = placeFirstFit([pending(400, 0), pending(400, 0), pending(400, 0), pending(400, 0)], rooms);
    expect(left).toHaveLength(1);
    expect(rooms.map((r) => r.free.cpuMilli)).toEqual([100, 200]);
  });

  it('undoes a placement with untake, host ports and spread counts included', () => {
    const r = room(free(1000, 1000, { volumes: 4, podIPs: 20 }), [443], [['web', 1]]);
    const before = copyRoom(r);
    const { placed } = placeEach([pending(100, 10, { hostPort: 80, volumes: 1, workload: 'web', spread: true })], [r]);
    expect(r.spread.get('web')).toBe(2);
    expect(r.free).toEqual({ cpuMilli: 900, memoryBytes: 990, pods: 9, podIPs: 19, volumes: 3 });
    for (const [room, pod] of placed) untake(room, pod);
    expect(r).toEqual(before);
  });

  it('keeps a spreading pod off a room where it would break the skew', () => {
    const rooms = [room(free(1000, 1000), [], [['web', 1]]), room(free(0, 0))];
    const web = pending(1, 1, { workload: 'web', spread: true });
    expect(placeFirstFit([web], rooms)).toHaveLength(1);
    expect(placeFirstFit([web], [rooms[0]!])).toHaveLength(0);
  });
});

describe('placeEach through the room index', () => {
  it('places as pod by pod does, scanned or indexed, overcommitted rooms included, skipping what a plain pod found full', () => {
    // Pods of a few shapes (volumes, host network and host ports too) on rooms short of slots, IPs
    // and volumes: later pods start where a pod asking no more first fit, or are left at once.
    const shape = fc.record({
      cpu: fc.constantFrom(0, 100, 250, 600),
      mem: fc.constantFrom(0, 100, 300),
      volumes: fc.constantFrom(0, 1, 2),
      hostNetwork: fc.boolean(),
      hostPort: fc.constantFrom(null, 80),
    });
    const roomShape = fc.record({
      cpu: fc.integer({ min: -200, max: 1200 }),
      mem: fc.integer({ min: -200, max: 800 }),
      pods: fc.integer({ min: 0, max: 4 }),
      podIPs: fc.integer({ min: 0, max: 4 }),
      volumes: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(roomShape, { minLength: 1, maxLength: 150 }),
        fc.array(shape, { minLength: 2, maxLength: 60 }),
        (frees, shapes) => {
          const rooms = () =>
            frees.map((f) => room(free(f.cpu, f.mem, { pods: f.pods, podIPs: f.podIPs, volumes: f.volumes })));
          const pods = shapes.map((x) =>
            pending(x.cpu, x.mem, { volumes: x.volumes, hostNetwork: x.hostNetwork, hostPort: x.hostPort }),
          );
          const together = rooms();
          const all = placeEach(pods, together);
          const alone = rooms();
          const each = pods.map((p) => placeEach([p], alone));
          expect(all.left).toEqual(each.flatMap((r) => r.left));
          expect(all.placed.map(([r]) => together.indexOf(r))).toEqual(
            each.flatMap((r) => r.placed.map(([r2]) => alone.indexOf(r2))),
          );
          // Stopping at the first pod left: the same placements up to it, and just that pod left.
          const stopped = placeEach(pods, rooms(), undefined, [], { stopAtFirstLeft: true });
          const firstLeft = each.findIndex((r) => r.left.length > 0);
          expect(stopped.left).toEqual(firstLeft < 0 ? [] : [pods[firstLeft]]);
          expect(stopped.placed.length).toBe(
            each.slice(0, firstLeft < 0 ? undefined : firstLeft).filter((r) => r.placed.length > 0).length,
          );
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});
