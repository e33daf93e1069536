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
  it('places as a scan does, many rooms and pods, overcommitted rooms and zero requests included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: -200, max: 1000 }), mem: fc.integer({ min: -200, max: 1000 }) }), {
          minLength: 64,
          maxLength: 150,
        }),
        fc.array(fc.record({ cpu: fc.constantFrom(0, 100, 250, 600), mem: fc.constantFrom(0, 100, 300) }), {
          minLength: 2,
          maxLength: 40,
        }),
        (frees, requests) => {
          const rooms = () => frees.map((f) => room(free(f.cpu, f.mem)));
          const pods = requests.map((r) => pending(r.cpu, r.mem));
          const indexed = rooms();
          const viaIndex = placeEach(pods, indexed);
          // The scan: one pod at a time (the index is made only for two pods or more).
          const scanned = rooms();
          const viaScan = pods.map((p) => placeEach([p], scanned));
          expect(viaIndex.left.length).toBe(viaScan.reduce((n, r) => n + r.left.length, 0));
          expect(viaIndex.placed.map(([room]) => indexed.indexOf(room))).toEqual(
            viaScan.flatMap((r) => r.placed.map(([room]) => scanned.indexOf(room))),
          );
        },
      ),
      { numRuns: 300, seed: 25 },
    );
  });
});
