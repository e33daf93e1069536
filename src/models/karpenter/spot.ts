// Spot capacity as poolsim draws it: each spot node's time to interruption from its type's
// interruption-frequency band as the AWS Spot Instance Advisor publishes it (the share of instances
// interrupted over the last month: <5%, 5-10%, 10-15%, 15-20%, >20%), and the two-minute notice
// EC2 gives (the Spot interruption notice; Karpenter cordons and drains on it:
// kubernetes-sigs/karpenter pkg/controllers/node/termination, aws/karpenter-provider-aws
// pkg/controllers/interruption). Simplified: interruptions are independent, at a constant rate
// (exponential times) that makes a band's middle fraction of nodes interrupted in 30 days; ">20%"
// is taken as 25%.

/** INTERRUPTION_BANDS are the Spot Instance Advisor's interruption-frequency bands. */
export const INTERRUPTION_BANDS = ['<5%', '5-10%', '10-15%', '15-20%', '>20%'] as const;
export type InterruptionBand = (typeof INTERRUPTION_BANDS)[number];

const BAND_FRACTION: Readonly<Record<InterruptionBand, number>> = {
  '<5%': 0.025,
  '5-10%': 0.075,
  '10-15%': 0.125,
  '15-20%': 0.175,
  '>20%': 0.25,
};

/** SPOT_INTERRUPTION_NOTICE_MS is the warning EC2 gives before it reclaims a spot instance. */
export const SPOT_INTERRUPTION_NOTICE_MS = 120_000;

const MONTH_MS = 30 * 86_400_000;

/** monthlyInterruptionFraction is the share of a band's nodes interrupted within 30 days (the band's middle). */
export const monthlyInterruptionFraction = (band: InterruptionBand): number => BAND_FRACTION[band];

/**
 * interruptionDelayMs is how long a spot node runs before its interruption notice, drawn from `u`
 * (uniform in [0, 1), from a named stream): exponential, with the rate at which `fraction` of nodes
 * are interrupted in 30 days. Infinity for a fraction of 0.
 */
export function interruptionDelayMs(fraction: number, u: number): number {
  if (fraction <= 0) return Infinity;
  const ratePerMs = -Math.log(1 - fraction) / MONTH_MS;
  return u <= 0 ? 0 : -Math.log(1 - u) / ratePerMs;
}

/** SpotSettings: a type's spot price is its on-demand price less the discount, its interruption band the Spot Advisor's; both per type where given. */
export interface SpotSettings {
  readonly discount: number;
  readonly interruption: InterruptionBand;
  readonly instanceTypes: Readonly<
    Record<string, { readonly discount?: number | undefined; readonly interruption?: InterruptionBand | undefined }>
  >;
}

/** DEFAULT_SPOT is what poolsim assumes without spot inputs: 60% off on-demand, interrupted 5-10% a month (typical of m5/c5/r5 in the Spot Advisor). */
export const DEFAULT_SPOT: SpotSettings = { discount: 0.6, interruption: '5-10%', instanceTypes: {} };

/** spotPrice is a type's spot price an hour. */
export function spotPrice(type: string, onDemandPerHour: number, s: SpotSettings): number {
  return onDemandPerHour * (1 - (s.instanceTypes[type]?.discount ?? s.discount));
}

/** interruptionBand is a type's interruption-frequency band. */
export function interruptionBand(type: string, s: SpotSettings): InterruptionBand {
  return s.instanceTypes[type]?.interruption ?? s.interruption;
}
