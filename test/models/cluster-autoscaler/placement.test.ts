import { describe, expect, it } from 'vitest';
import {
  copyRoom,
  fitsRoom,
  placeEach,
  placeFirstFit,
  untake,
  type Room,
} from '../../../src/models/cluster-autoscaler/placement.js';

const room = (cpuMilli: number, memoryBytes: number, pods = 10, ports: number[] = []): Room => ({
  cpuMilli,
  memoryBytes,
  pods,
  ports: new Set(ports),
});

describe('placement', () => {
  it.each([
    ['fits', room(1000, 1000), { cpuMilli: 1000, memoryBytes: 1000 }, true],
    ['too much cpu', room(999, 1000), { cpuMilli: 1000, memoryBytes: 1 }, false],
    ['too much memory', room(1000, 999), { cpuMilli: 1, memoryBytes: 1000 }, false],
    ['no pod slot', room(1000, 1000, 0), { cpuMilli: 1, memoryBytes: 1 }, false],
    ['host port taken', room(1000, 1000, 10, [80]), { cpuMilli: 1, memoryBytes: 1, hostPort: 80 }, false],
    ['no volume left', { ...room(1000, 1000), volumes: 0 }, { cpuMilli: 1, memoryBytes: 1, volumes: 1 }, false],
    ['volumes left', { ...room(1000, 1000), volumes: 1 }, { cpuMilli: 1, memoryBytes: 1, volumes: 1 }, true],
    ['another host port', room(1000, 1000, 10, [80]), { cpuMilli: 1, memoryBytes: 1, hostPort: 443 }, true],
  ])('%s', (_name, r, pod, fits) => {
    expect(fitsRoom(r, pod)).toBe(fits);
  });

  it('places in order on the first room that fits, using it up, and returns the rest', () => {
    const rooms = [room(500, 1000), room(1000, 1000)];
    const left = placeFirstFit(
      [
        { cpuMilli: 400, memoryBytes: 0 },
        { cpuMilli: 400, memoryBytes: 0 },
        { cpuMilli: 400, memoryBytes: 0 },
        { cpuMilli: 400, memoryBytes: 0 },
      ],
      rooms,
    );
    expect(left).toHaveLength(1);
    expect(rooms.map((r) => r.cpuMilli)).toEqual([100, 200]);
  });

  it('undoes a placement with untake, host ports and spread counts included', () => {
    const r = { ...room(1000, 1000, 10, [443]), volumes: 4, spread: new Map([['web', 1]]) };
    const before = copyRoom(r);
    const { placed } = placeEach([{ cpuMilli: 100, memoryBytes: 10, hostPort: 80, volumes: 1, spreadKey: 'web' }], [r]);
    expect(r.spread.get('web')).toBe(2);
    for (const [room, pod] of placed) untake(room, pod);
    expect(r).toEqual(before);
  });

  it('keeps a spreading pod off a room where it would break the skew', () => {
    const rooms = [
      { ...room(1000, 1000), spread: new Map([['web', 1]]) },
      { ...room(0, 0), spread: new Map<string, number>() },
    ];
    expect(placeFirstFit([{ cpuMilli: 1, memoryBytes: 1, spreadKey: 'web' }], rooms)).toHaveLength(1);
    expect(placeFirstFit([{ cpuMilli: 1, memoryBytes: 1, spreadKey: 'web' }], [rooms[0]!])).toHaveLength(0);
  });
});
