// intstr.IntOrString: a count or a percentage, and how a percentage of a total becomes a count.

/** IntOrString is a count (2) or a percentage of some total ("25%"), as intstr.IntOrString. */
export type IntOrString = number | string;

// k8s.io/apimachinery/pkg/util/intstr/intstr.go
/** getScaledValueFromIntOrPercent is GetScaledValueFromIntOrPercent: a count, or a percentage of total rounded. */
export function getScaledValueFromIntOrPercent(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^([+-]?\d+)%$/.exec(v);
  if (m === null)
    throw new Error(
      `invalid value for IntOrString: ${JSON.stringify(v)} is not a percentage; ` +
        'expected a count (2) or a percentage ("25%")',
    );
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
