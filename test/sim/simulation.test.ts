import { describe, expect, it } from 'vitest';
import { Priority, Recorder, Simulation } from '../../src/sim/index.js';

// Each test records [time, event] pairs and compares them with the expected list, as SimPy's do.
function setup() {
  const sim = new Simulation();
  const rec = new Recorder(sim);
  return { sim, rec, log: (name: string) => () => rec.record(name) };
}

describe('Simulation ordering', () => {
  it('runs events in time order whatever order they were scheduled in', () => {
    const { sim, rec, log } = setup();
    sim.at(300, log('c'));
    sim.at(100, log('a'));
    sim.after(200, log('b'));
    sim.run();
    expect(rec.trace()).toEqual([
      [100, 'a'],
      [200, 'b'],
      [300, 'c'],
    ]);
  });

  it('breaks ties on time by priority, then first-scheduled first', () => {
    const { sim, rec, log } = setup();
    sim.at(50, log('normal-1'));
    sim.at(50, log('late'), Priority.late);
    sim.at(50, log('normal-2'));
    sim.at(50, log('urgent'), Priority.urgent);
    sim.at(50, log('normal-3'));
    sim.run();
    expect(rec.trace()).toEqual([
      [50, 'urgent'],
      [50, 'normal-1'],
      [50, 'normal-2'],
      [50, 'normal-3'],
      [50, 'late'],
    ]);
  });

  it('keeps FIFO order among many equal-time events (the heap alone is not stable)', () => {
    const { sim, rec } = setup();
    for (let i = 0; i < 200; i++) sim.at(10, () => rec.record(String(i)));
    sim.run();
    expect(rec.trace().map(([, e]) => Number(e))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('lets an action schedule at the current time, which runs after the events already due then', () => {
    const { sim, rec, log } = setup();
    sim.at(10, () => {
      rec.record('first');
      sim.after(0, log('spawned'));
    });
    sim.at(10, log('second'));
    sim.run();
    expect(rec.trace()).toEqual([
      [10, 'first'],
      [10, 'second'],
      [10, 'spawned'],
    ]);
  });

  it('accepts schedule({ at }) and schedule({ after }) and passes the time to the action', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule({ at: 40 }, (now) => {
      seen.push(now);
      sim.schedule({ after: 15 }, (t) => seen.push(t));
    });
    sim.run();
    expect(seen).toEqual([40, 55]);
  });
});

describe('Simulation.run and step', () => {
  it('runs events due at or before `until`, leaves later ones queued, and sets the clock to `until`', () => {
    const { sim, rec, log } = setup();
    sim.at(100, log('a'));
    sim.at(200, log('b'));
    sim.at(201, log('c'));
    sim.run({ until: 200 });
    expect(rec.trace()).toEqual([
      [100, 'a'],
      [200, 'b'],
    ]);
    expect(sim.now).toBe(200);
    expect(sim.pending).toBe(1);
    sim.run({ until: 1000 });
    expect(rec.trace().at(-1)).toEqual([201, 'c']);
    expect(sim.now).toBe(1000);
  });

  it('steps one event at a time and reports when nothing is left', () => {
    const { sim, rec, log } = setup();
    sim.at(5, log('a'));
    sim.at(7, log('b'));
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(5);
    expect(sim.peekTime()).toBe(7);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(7);
    expect(rec.trace()).toEqual([
      [5, 'a'],
      [7, 'b'],
    ]);
    expect(sim.eventsProcessed).toBe(2);
  });

  it('runs an empty simulation to `until` without events', () => {
    const sim = new Simulation();
    sim.run({ until: 60_000 });
    expect(sim.now).toBe(60_000);
    expect(sim.eventsProcessed).toBe(0);
  });
});

describe('Simulation.cancel', () => {
  it('skips a cancelled event and says whether the cancel did anything', () => {
    const { sim, rec, log } = setup();
    const a = sim.at(10, log('a'));
    sim.at(20, log('b'));
    expect(sim.pending).toBe(2);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.pending).toBe(1);
    expect(sim.peekTime()).toBe(20);
    sim.run();
    expect(rec.trace()).toEqual([[20, 'b']]);
  });

  it('cannot cancel an event that already ran', () => {
    const { sim, log } = setup();
    const a = sim.at(10, log('a'));
    sim.run();
    expect(a.state).toBe('done');
    expect(sim.cancel(a)).toBe(false);
    expect(sim.pending).toBe(0);
  });

  it('lets one event cancel another due at the same time', () => {
    const { sim, rec, log } = setup();
    const later: { b?: ReturnType<Simulation['at']> } = {};
    sim.at(10, () => {
      rec.record('a');
      sim.cancel(later.b!);
    });
    later.b = sim.at(10, log('b'));
    sim.run();
    expect(rec.trace()).toEqual([[10, 'a']]);
  });
});

describe('Simulation.every', () => {
  it('ticks at start and every period after, like a controller sync loop', () => {
    const { sim, rec } = setup();
    sim.every(15_000, () => rec.record('hpa-sync'));
    sim.run({ until: 60_000 });
    expect(rec.trace()).toEqual([0, 15_000, 30_000, 45_000, 60_000].map((t) => [t, 'hpa-sync']));
  });

  it('starts at a given time and stops when cancelled, even from inside its own tick', () => {
    const { sim, rec } = setup();
    let ticks = 0;
    const loop = sim.every(
      10,
      () => {
        rec.record('tick');
        if (++ticks === 3) loop.cancel();
      },
      { start: 5 },
    );
    sim.run({ until: 1000 });
    expect(rec.trace()).toEqual([
      [5, 'tick'],
      [15, 'tick'],
      [25, 'tick'],
    ]);
    expect(sim.pending).toBe(0);
  });

  it('stops when cancelled from outside between ticks', () => {
    const { sim, rec } = setup();
    const loop = sim.every(10, () => rec.record('tick'));
    sim.at(25, () => loop.cancel());
    sim.run({ until: 100 });
    expect(rec.trace()).toEqual([
      [0, 'tick'],
      [10, 'tick'],
      [20, 'tick'],
    ]);
  });
});

describe('Simulation rejects bad times with a sentence naming them', () => {
  it('refuses to schedule in the past, naming both times', () => {
    const sim = new Simulation();
    sim.run({ until: 1000 });
    expect(() => sim.at(900, () => {})).toThrow('Cannot schedule an event at 900 ms: the clock is already at 1000 ms');
    expect(() => sim.after(-1, () => {})).toThrow('Negative delay -1 ms');
    expect(() => sim.run({ until: 10 })).toThrow('Cannot run until 10 ms: the clock is already at 1000 ms');
  });

  it('refuses fractional and non-finite times, periods and bounds', () => {
    const sim = new Simulation();
    expect(() => sim.after(1.5, () => {})).toThrow('Delay 1.5 ms is not a whole number of milliseconds');
    expect(() => sim.at(Number.NaN, () => {})).toThrow('Event time is NaN, not a number of milliseconds');
    expect(() => sim.every(0, () => {})).toThrow('Period 0 ms must be a whole number of milliseconds above 0');
    expect(() => sim.run({ until: Number.NaN })).toThrow('Run bound until is NaN');
    expect(() => sim.run({ until: 1.5 })).toThrow('Run bound until 1.5 ms is not a whole number');
    expect(() => sim.after(1e300, () => {})).toThrow("Delay 1e+300 ms is beyond the simulation's range");
    expect(() => sim.at(5, () => {}, Number.NaN)).toThrow('Priority NaN must be a whole number');
  });

  it('refuses run() from inside an action, which would move the clock under it', () => {
    const sim = new Simulation();
    let error: unknown;
    sim.at(10, () => {
      try {
        sim.run({ until: 100 });
      } catch (e) {
        error = e;
      }
    });
    sim.run();
    expect(String(error)).toContain('run() was called from inside an event action');
    expect(sim.now).toBe(10);
  });
});
