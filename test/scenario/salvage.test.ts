import { describe, expect, it } from 'vitest';
import { causedByDropping, salvage } from '../../src/scenario/salvage.js';

describe('salvage', () => {
  const raw = {
    name: 'T',
    duration: '1h',
    workloads: { app: { replicas: 'x' }, api: { replicas: 2 } },
    designs: { d: { pools: { main: { max: -1 }, other: { max: 2 } }, autoscaler: { expander: 'nope' } } },
    faults: [{ nodeLoss: { at: 'soon' } }, { nodeLoss: { at: '5m' } }],
  };

  it('puts neutral stand-ins where rejected entries were, keeping names and positions', () => {
    const paths = [
      ['name'],
      ['workloads', 'app', 'replicas'],
      ['designs', 'd', 'pools', 'main', 'max'],
      ['designs', 'd', 'autoscaler', 'expander'],
      ['faults', 0, 'nodeLoss', 'at'],
    ];
    const s = salvage(
      raw,
      paths.map((path) => ({ path })),
    )!;
    expect(s.raw).toEqual({
      name: 'salvaged',
      duration: '1h',
      workloads: { app: { requests: { cpu: 0, memory: 0 } }, api: { replicas: 2 } },
      designs: { d: { pools: { main: { instanceType: { cpu: 1, memory: '1Gi' } }, other: { max: 2 } } } },
      faults: [{ nodeLoss: { at: '0s' } }, { nodeLoss: { at: '5m' } }],
    });
    expect(raw.workloads.app.replicas).toBe('x'); // the input is left alone
  });

  it('gives up when a whole section is the wrong shape', () => {
    expect(salvage({ workloads: 'none' }, [{ path: ['workloads', 'x'] }])).toBeNull();
    expect(salvage({}, [{ path: [] }])).toBeNull();
  });

  it('removes just a misspelt key, or a badly named entry, so the rest of its entry is still checked', () => {
    const s = salvage({ designs: { d: { pools: { main: { max: 3, mxa: 4 } } } }, workloads: { Web: {}, app: {} } }, [
      { path: ['designs', 'd', 'pools', 'main', 'mxa'], exact: true },
      { path: ['workloads', 'Web'], exact: true },
    ])!;
    expect(s.raw).toEqual({ designs: { d: { pools: { main: { max: 3 } } } }, workloads: { app: {} } });
  });

  it('leaves out problems about dropped entries and the containers that lost them', () => {
    const dropped = [['designs', 'd', 'pools', 'main']];
    expect(causedByDropping(['designs', 'd', 'pools', 'main', 'max'], dropped)).toBe(true);
    expect(causedByDropping(['designs', 'd', 'pools'], dropped)).toBe(true);
    expect(causedByDropping(['designs', 'd', 'pools', 'other', 'max'], dropped)).toBe(false);
  });
});
