// Calibration: a lognormal fitted to measured delays, refused on too few; and the delays the
// events measure, with known values.
import { describe, expect, it } from 'vitest';
import { eventDelays, fitLognormal, type KubeEvent } from '../../src/models/calibration.js';

const ev = (atS: number, reason: string, message: string, kind = 'Pod', name = 'p', namespace = 'shop'): KubeEvent => ({
  atMs: Math.round(atS * 1000),
  reason,
  message,
  kind,
  name,
  namespace,
});

describe('fitLognormal', () => {
  it('gives the geometric mean as the median and exp(mu + 1.645 sigma) as the p95', () => {
    // logs of 1, e, e^2, e^3, e^4 s: mu = 2 (e^2 s), sigma = sqrt(2.5) (sample deviation).
    const xs = [0, 1, 2, 3, 4].map((k) => Math.exp(k) * 1000);
    const fit = fitLognormal(xs);
    expect(fit).toMatchObject({ samples: 5, medianMs: Math.round(Math.exp(2) * 1000), minMs: 1000 });
    expect('p95Ms' in fit && fit.p95Ms).toBe(Math.round(Math.exp(2 + 1.6448536269514722 * Math.sqrt(2.5)) * 1000));
  });

  it('refuses fewer than 5 samples, saying how many it saw', () => {
    expect(fitLognormal([1000, 2000, 3000, 4000])).toEqual({
      samples: 4,
      refused: '4 sample(s); a fit needs at least 5',
    });
  });
});

describe('eventDelays', () => {
  it('pairs a scale-up with the next node to register, then its NodeReady', () => {
    const d = eventDelays([
      ev(100, 'TriggeredScaleUp', 'pod triggered scale-up: [{eks-general-abc 3->4 (max: 10)}]'),
      // the same scale-up named by another pending pod counts once
      ev(100, 'TriggeredScaleUp', 'pod triggered scale-up: [{eks-general-abc 3->4 (max: 10)}]', 'Pod', 'q'),
      ev(190, 'RegisteredNode', 'Node n1 event: Registered Node n1 in Controller', 'Node', 'n1', ''),
      ev(202, 'NodeReady', 'Node n1 status is now: NodeReady', 'Node', 'n1', ''),
      ev(300, 'TriggeredScaleUp', 'pod triggered scale-up: [{eks-general-abc 4->6 (max: 10)}]'),
      ev(370, 'RegisteredNode', '', 'Node', 'n2', ''),
      ev(385, 'RegisteredNode', '', 'Node', 'n3', ''),
      ev(380, 'NodeReady', '', 'Node', 'n2', ''),
    ]);
    expect(d.provisioningMs.get('eks-general-abc')).toEqual([90_000, 70_000, 85_000]);
    expect(d.startupMs.get('eks-general-abc')).toEqual([12_000, 10_000]);
  });

  it("reads a pull's duration and image size from the kubelet's Pulled message, and container start to Started", () => {
    const d = eventDelays([
      ev(10, 'Pulling', 'Pulling image "registry.example.com/web:4.2"'),
      ev(
        14.1,
        'Pulled',
        'Successfully pulled image "registry.example.com/web:4.2" in 4.1s (4.1s including waiting). Image size: 412345678 bytes.',
      ),
      ev(16.1, 'Started', 'Started container web'),
      ev(
        20,
        'Pulled',
        'Successfully pulled image "registry.example.com/web:4.2" in 850ms (850ms including waiting). Image size: 412345678 bytes.',
        'Pod',
        'p2',
      ),
      ev(21, 'Started', 'Started container web', 'Pod', 'p2'),
    ]);
    expect(d.pulls.get('registry.example.com/web:4.2')).toEqual({ ms: [4100, 850], sizeBytes: 412345678 });
    expect(d.containerStartMs.get('shop/p')).toEqual([2000]);
    expect(d.containerStartMs.get('shop/p2')).toEqual([1000]);
  });
});

describe('eventDelays over a day', () => {
  it('counts a group that scales down and back up to the same size again', () => {
    const d = eventDelays([
      ev(0, 'TriggeredScaleUp', 'pod triggered scale-up: [{g 2->3 (max: 10)}]'),
      ev(90, 'RegisteredNode', '', 'Node', 'a', ''),
      ev(5000, 'TriggeredScaleUp', 'pod triggered scale-up: [{g 2->3 (max: 10)}]'),
      ev(5100, 'RegisteredNode', '', 'Node', 'b', ''),
    ]);
    expect(d.provisioningMs.get('g')).toEqual([90_000, 100_000]);
  });
});
