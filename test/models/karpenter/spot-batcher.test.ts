// Spot interruptions drawn from the Spot Advisor's bands, and Karpenter's batch window.
import { describe, expect, it } from 'vitest';
import { BATCH_IDLE_MS, BATCH_MAX_MS, batchClosesAt } from '../../../src/models/karpenter/batcher.js';
import {
  INTERRUPTION_BANDS,
  interruptionDelayMs,
  monthlyInterruptionFraction,
  SPOT_INTERRUPTION_NOTICE_MS,
} from '../../../src/models/karpenter/spot.js';

const DAY_MS = 86_400_000;

describe('spot interruptions', () => {
  it('take each band at its middle, >20% as 25%', () => {
    expect(INTERRUPTION_BANDS.map(monthlyInterruptionFraction)).toEqual([0.025, 0.075, 0.125, 0.175, 0.25]);
    expect(SPOT_INTERRUPTION_NOTICE_MS).toBe(2 * 60_000);
  });

  it("interrupt the band's share of nodes within 30 days: the draw at u = fraction is exactly 30 days", () => {
    for (const band of INTERRUPTION_BANDS) {
      const f = monthlyInterruptionFraction(band);
      expect(interruptionDelayMs(f, f)).toBeCloseTo(30 * DAY_MS, 0);
    }
  });

  it('draw later for a calmer band and never for a fraction of 0', () => {
    expect(interruptionDelayMs(0.025, 0.5)).toBeGreaterThan(interruptionDelayMs(0.25, 0.5));
    expect(interruptionDelayMs(0, 0.99)).toBe(Infinity);
    expect(interruptionDelayMs(0.075, 0)).toBe(0);
  });

  it('over many uniform draws, interrupt about the fraction within 30 days', () => {
    const n = 10_000;
    let within = 0;
    for (let i = 0; i < n; i++) if (interruptionDelayMs(0.125, (i + 0.5) / n) <= 30 * DAY_MS) within++;
    expect(within / n).toBeCloseTo(0.125, 3);
  });
});

describe('the batch window', () => {
  it('closes one idle second after the last pod', () => {
    expect(batchClosesAt(0, 0)).toBe(BATCH_IDLE_MS);
    expect(batchClosesAt(0, 2_500)).toBe(3_500);
  });

  it('closes at the latest ten seconds after it opened, however pods keep coming', () => {
    expect(batchClosesAt(0, 9_800)).toBe(BATCH_MAX_MS);
    expect(batchClosesAt(5_000, 14_900)).toBe(15_000);
  });
});
