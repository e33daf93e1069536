// The HPA's stabilization and rate limits, as upstream applies them after the replica calculation:
// kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go (stabilizeRecommendation[WithBehaviors],
// convertDesiredReplicasWithRules, convertDesiredReplicasWithBehaviorRate,
// calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors, getReplicasChangePerPeriod)
// and the defaults of pkg/apis/autoscaling/v2/defaults.go. Ages are seconds before now.

/** HpaRules is one direction of `behavior`; absent fields take upstream's defaults. */
export interface HpaRules {
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
  readonly policies?: ReadonlyArray<{
    readonly type: 'Pods' | 'Percent';
    readonly value: number;
    readonly periodSeconds: number;
  }>;
}

/** HpaScaleEvent is a past replica change and how long ago it was made. */
export interface HpaScaleEvent {
  readonly replicaChange: number;
  readonly ageSeconds: number;
}

/** HpaRecommendation is a past (unstabilized) recommendation and its age. */
export interface HpaRecommendation {
  readonly replicas: number;
  readonly ageSeconds: number;
}

/** HpaCondition is upstream's ScalingLimited reason. */
export type HpaCondition =
  'DesiredWithinRange' | 'ScaleUpLimit' | 'TooManyReplicas' | 'ScaleDownLimit' | 'TooFewReplicas';

// GenerateHPAScaleUpRules / GenerateHPAScaleDownRules.
const SCALE_UP_DEFAULTS: Required<HpaRules> = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN_DEFAULTS: Required<HpaRules> = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

const withDefaults = (r: HpaRules | undefined, d: Required<HpaRules>): Required<HpaRules> => ({
  stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? d.stabilizationWindowSeconds,
  selectPolicy: r?.selectPolicy ?? d.selectPolicy,
  policies: r?.policies ?? d.policies,
});

// getReplicasChangePerPeriod: events newer than the period (timestamp.After(now − period)).
const changeWithin = (periodSeconds: number, events: readonly HpaScaleEvent[]) =>
  events.reduce((sum, e) => sum + (e.ageSeconds < periodSeconds ? e.replicaChange : 0), 0);

function scaleUpLimit(
  current: number,
  up: readonly HpaScaleEvent[],
  down: readonly HpaScaleEvent[],
  rules: Required<HpaRules>,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const periodStart = current - changeWithin(p.periodSeconds, up) + changeWithin(p.periodSeconds, down);
    // Percent rounds up, or a small count could never grow.
    const proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

function scaleDownLimit(
  current: number,
  up: readonly HpaScaleEvent[],
  down: readonly HpaScaleEvent[],
  rules: Required<HpaRules>,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // Scaling down, the smallest change ('Min') is the largest count.
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const periodStart = current - changeWithin(p.periodSeconds, up) + changeWithin(p.periodSeconds, down);
    const proposed = p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** HpaBehaviorInput is convertDesiredReplicasWithBehaviorRate's input. */
export interface HpaBehaviorInput {
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly scaleUp?: HpaRules;
  readonly scaleDown?: HpaRules;
  readonly scaleUpEvents: readonly HpaScaleEvent[];
  readonly scaleDownEvents: readonly HpaScaleEvent[];
}

/** hpaBehaviorReplicas is convertDesiredReplicasWithBehaviorRate: the rate limits of `behavior`, then min/max. */
export function hpaBehaviorReplicas(a: HpaBehaviorInput): { replicas: number; condition: HpaCondition } {
  if (a.desiredReplicas > a.currentReplicas) {
    // Until old scale-up events age out, do not scale up further.
    const limit = Math.max(
      a.currentReplicas,
      scaleUpLimit(a.currentReplicas, a.scaleUpEvents, a.scaleDownEvents, withDefaults(a.scaleUp, SCALE_UP_DEFAULTS)),
    );
    const [max, condition]: [number, HpaCondition] =
      a.maxReplicas > limit ? [limit, 'ScaleUpLimit'] : [a.maxReplicas, 'TooManyReplicas'];
    if (a.desiredReplicas > max) return { replicas: max, condition };
  } else if (a.desiredReplicas < a.currentReplicas) {
    const limit = Math.min(
      a.currentReplicas,
      scaleDownLimit(
        a.currentReplicas,
        a.scaleUpEvents,
        a.scaleDownEvents,
        withDefaults(a.scaleDown, SCALE_DOWN_DEFAULTS),
      ),
    );
    const [min, condition]: [number, HpaCondition] =
      a.minReplicas < limit ? [limit, 'ScaleDownLimit'] : [a.minReplicas, 'TooFewReplicas'];
    if (a.desiredReplicas < min) return { replicas: min, condition };
  }
  return { replicas: a.desiredReplicas, condition: 'DesiredWithinRange' };
}

/** hpaLegacyReplicas is convertDesiredReplicasWithRules, the path without `behavior`: min/max and a scale-up limit of max(2 × current, 4). */
export function hpaLegacyReplicas(a: {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
}): { replicas: number; condition: HpaCondition } {
  const scaleUpLimit = Math.trunc(Math.max(2 * a.currentReplicas, 4));
  const [max, condition]: [number, HpaCondition] =
    a.maxReplicas > scaleUpLimit ? [scaleUpLimit, 'ScaleUpLimit'] : [a.maxReplicas, 'TooManyReplicas'];
  if (a.desiredReplicas < a.minReplicas) return { replicas: a.minReplicas, condition: 'TooFewReplicas' };
  if (a.desiredReplicas > max) return { replicas: max, condition };
  return { replicas: a.desiredReplicas, condition: 'DesiredWithinRange' };
}

/** HpaStabilizeInput is stabilizeRecommendationWithBehaviors's input. */
export interface HpaStabilizeInput {
  readonly recommendations: readonly HpaRecommendation[];
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly scaleUpWindowSeconds: number;
  readonly scaleDownWindowSeconds: number;
}

/**
 * hpaStabilize is stabilizeRecommendationWithBehaviors: the recommendation held between the lowest
 * recent one (up window) and the highest (down window); then the new recommendation is stored,
 * replacing one older than both windows if there is one, else appended.
 */
export function hpaStabilize(a: HpaStabilizeInput): { replicas: number; recommendations: HpaRecommendation[] } {
  const { replicas, oldIndex } = hpaStabilizeAt(a);
  return { replicas, recommendations: stored(a.recommendations, oldIndex, a.desiredReplicas) };
}

/**
 * HpaStabilized is a stabilization's replicas and where its new recommendation is stored: over the
 * last one older than the window(s) (`oldIndex`), or appended (-1).
 */
export interface HpaStabilized {
  readonly replicas: number;
  readonly oldIndex: number;
}

/** hpaStabilizeAt is hpaStabilize without the new list: for a caller that keeps its list and stores the new one in place. */
export function hpaStabilizeAt(a: HpaStabilizeInput): HpaStabilized {
  let up = a.desiredReplicas;
  let down = a.desiredReplicas;
  let oldIndex = -1;
  const list = a.recommendations;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (r.ageSeconds < a.scaleUpWindowSeconds) up = Math.min(up, r.replicas);
    if (r.ageSeconds < a.scaleDownWindowSeconds) down = Math.max(down, r.replicas);
    if (r.ageSeconds > a.scaleUpWindowSeconds && r.ageSeconds > a.scaleDownWindowSeconds) oldIndex = i;
  }
  return { replicas: Math.min(Math.max(a.currentReplicas, up), down), oldIndex };
}

/** hpaStabilizeLegacy is stabilizeRecommendation, the path without `behavior`: the highest recommendation in the downscale window. */
export function hpaStabilizeLegacy(a: {
  recommendations: readonly HpaRecommendation[];
  desiredReplicas: number;
  windowSeconds?: number;
}): { replicas: number; recommendations: HpaRecommendation[] } {
  const { replicas, oldIndex } = hpaStabilizeLegacyAt(a.recommendations, a.desiredReplicas, a.windowSeconds);
  return { replicas, recommendations: stored(a.recommendations, oldIndex, a.desiredReplicas) };
}

/** hpaStabilizeLegacyAt is hpaStabilizeLegacy without the new list (hpaStabilizeAt's counterpart). */
export function hpaStabilizeLegacyAt(
  recommendations: readonly HpaRecommendation[],
  desiredReplicas: number,
  windowSeconds = 300, // --horizontal-pod-autoscaler-downscale-stabilization
): HpaStabilized {
  let max = desiredReplicas;
  let oldIndex = -1;
  for (let i = 0; i < recommendations.length; i++) {
    const r = recommendations[i]!;
    if (r.ageSeconds > windowSeconds) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  }
  return { replicas: max, oldIndex };
}

// Upstream's replace-or-append: the last entry older than the window(s) makes room for the new one.
function stored(list: readonly HpaRecommendation[], oldIndex: number, replicas: number): HpaRecommendation[] {
  const next = [...list];
  const fresh = { replicas, ageSeconds: 0 };
  if (oldIndex >= 0) next[oldIndex] = fresh;
  else next.push(fresh);
  return next;
}
