// A Deployment's rollout settings as the simulation runs them: its strategy (RollingUpdate with
// maxSurge and maxUnavailable, or Recreate), minReadySeconds, progressDeadlineSeconds and the
// rollouts the scenario makes (a new pod template at a time, perhaps a new image). Checked as the
// API server checks a Deployment (pkg/apis/apps/validation ValidateDeploymentSpec).
import { DEPLOYMENT_DEFAULTS, validateRollingUpdate } from '../models/deployment.js';
import { validateStatefulSetSpec, type StatefulSetUpdateStrategy } from '../models/statefulset.js';
import { formatDuration } from './duration.js';
import { normalizeImage } from './image.js';
import type { Located } from './issues.js';
import type { DeploymentStrategy, Image, Rollout, Workload } from './model.js';
import type { ScenarioFileOutput } from './schema/scenario.js';
import type { Path } from './source.js';

type WrittenWorkload = NonNullable<ScenarioFileOutput['workloads']>[string];
type WrittenStrategy = NonNullable<WrittenWorkload['strategy']>;
type WrittenRollout = NonNullable<WrittenWorkload['rollouts']>[number];

/** DEFAULT_PROGRESS_DEADLINE_MS is progressDeadlineSeconds' default, 600 s. */
const DEFAULT_PROGRESS_DEADLINE_MS = DEPLOYMENT_DEFAULTS.progressDeadlineSeconds * 1000;

/** RolloutSettings are a workload's pod management, strategies, availability delay, progress deadline and rollouts. */
type RolloutSettings = Pick<
  Workload,
  'podManagementPolicy' | 'updateStrategy' | 'strategy' | 'minReadyMs' | 'progressDeadlineMs' | 'rollouts'
>;

/**
 * normalizeRollouts reads a workload's rollout settings; `image` is the workload's own, which a
 * rollout keeps unless it names another. A StatefulSet has none of them (its updates are refused).
 */
export function normalizeRollouts(
  path: Path,
  w: WrittenWorkload,
  context: { kind: 'Deployment' | 'StatefulSet'; image: Image; durationMs: number },
  problems: Located[],
): RolloutSettings {
  const deploymentOnly = context.kind === 'StatefulSet' ? (['strategy', 'progressDeadline'] as const) : [];
  for (const key of deploymentOnly)
    if (w[key] !== undefined)
      problems.push({
        path: [...path, key],
        onKey: true,
        message:
          key === 'strategy'
            ? "is a Deployment's; expected updateStrategy for a StatefulSet, e.g. updateStrategy: { partition: 2 }"
            : "is a Deployment's setting; expected it left out of a StatefulSet",
      });
  if (context.kind === 'Deployment' && w.updateStrategy !== undefined)
    problems.push({
      path: [...path, 'updateStrategy'],
      onKey: true,
      message:
        "is a StatefulSet's; expected strategy for a Deployment, e.g. strategy: { maxSurge: 25%, maxUnavailable: 0 }",
    });
  const updateStrategy = statefulUpdateStrategy([...path, 'updateStrategy'], w.updateStrategy, problems);
  if (context.kind === 'StatefulSet')
    (w.rollouts ?? []).forEach((r, i) => {
      for (const key of ['maxSurge', 'maxUnavailable'] as const)
        if (r[key] !== undefined)
          problems.push({
            path: [...path, 'rollouts', i, key],
            message: "is a Deployment's; expected the StatefulSet's updateStrategy: { partition, maxUnavailable }",
          });
    });
  if (context.kind === 'Deployment' && w.podManagementPolicy !== undefined)
    problems.push({
      path: [...path, 'podManagementPolicy'],
      onKey: true,
      message: "is a StatefulSet's setting; expected kind: StatefulSet, or it left out",
    });
  const strategy = normalizeStrategy([...path, 'strategy'], w.strategy, problems);
  const rollouts = (w.rollouts ?? []).map((r, i) =>
    normalizeRollout(
      [...path, 'rollouts', i],
      r,
      { strategy, image: context.image, durationMs: context.durationMs },
      problems,
    ),
  );
  return {
    podManagementPolicy: w.podManagementPolicy ?? 'OrderedReady',
    updateStrategy,
    strategy,
    minReadyMs: w.minReady ?? 0,
    progressDeadlineMs: w.progressDeadline ?? DEFAULT_PROGRESS_DEADLINE_MS,
    rollouts: rollouts.sort((a, b) => a.atMs - b.atMs),
  };
}

// A StatefulSet's update strategy as written, defaults applied (SetDefaults_StatefulSet), checked
// as upstream's validation checks it (models/statefulset.ts validateStatefulSetSpec).
function statefulUpdateStrategy(
  path: Path,
  s: WrittenWorkload['updateStrategy'],
  problems: Located[],
): StatefulSetUpdateStrategy {
  const type = s?.type ?? 'RollingUpdate';
  const written =
    type === 'OnDelete'
      ? { type, ...(s?.partition !== undefined || s?.maxUnavailable !== undefined ? { rollingUpdate: {} } : {}) }
      : {
          type,
          rollingUpdate: {
            partition: s?.partition ?? 0,
            ...(s?.maxUnavailable === undefined ? {} : { maxUnavailable: s.maxUnavailable }),
          },
        };
  const errors = validateStatefulSetSpec({ replicas: 0, podManagementPolicy: 'OrderedReady', updateStrategy: written });
  for (const e of errors)
    problems.push({
      path: e.path.includes('rollingUpdate') ? [...path, ...e.path.slice(e.path.indexOf('rollingUpdate') + 1)] : path,
      message: `${e.message}; expected e.g. updateStrategy: { partition: 2 } or { type: OnDelete }`,
    });
  return type === 'OnDelete' ? { type } : { type, rollingUpdate: written.rollingUpdate! };
}

// A strategy as written, defaults applied, checked as ValidateDeploymentStrategy does.
function normalizeStrategy(path: Path, s: WrittenStrategy | undefined, problems: Located[]): DeploymentStrategy {
  if (s?.type === 'Recreate') {
    for (const key of ['maxSurge', 'maxUnavailable'] as const)
      if (s[key] !== undefined)
        problems.push({
          path: [...path, key],
          message:
            "may not be specified when strategy type is 'Recreate'; expected it left out, or type: RollingUpdate",
        });
    return { type: 'Recreate' };
  }
  const maxSurge = s?.maxSurge ?? DEPLOYMENT_DEFAULTS.maxSurge;
  const maxUnavailable = s?.maxUnavailable ?? DEPLOYMENT_DEFAULTS.maxUnavailable;
  for (const e of validateRollingUpdate(maxSurge, maxUnavailable))
    problems.push({
      path: [...path, ...e.path],
      message: `${e.message}; expected e.g. maxSurge: 25%, maxUnavailable: 0`,
    });
  return { type: 'RollingUpdate', maxSurge, maxUnavailable };
}

function normalizeRollout(
  path: Path,
  r: WrittenRollout,
  context: { strategy: DeploymentStrategy; image: Image; durationMs: number },
  problems: Located[],
): Rollout {
  if (r.at > context.durationMs)
    problems.push({
      path: [...path, 'at'],
      message: `${formatDuration(r.at)} is after the end of the run (${formatDuration(context.durationMs)}), so it never happens; expected a time within duration`,
    });
  let strategy = context.strategy;
  if (r.maxSurge !== undefined || r.maxUnavailable !== undefined) {
    if (strategy.type === 'Recreate')
      problems.push({
        path: [...path, r.maxSurge !== undefined ? 'maxSurge' : 'maxUnavailable'],
        message:
          "may not be specified when strategy type is 'Recreate'; expected it left out, or strategy: { type: RollingUpdate }",
      });
    else strategy = normalizeStrategy(path, { ...strategy, ...r, type: 'RollingUpdate' }, problems);
  }
  return {
    atMs: r.at,
    image: r.image === undefined ? context.image : normalizeImage([...path, 'image'], r.image, problems),
    strategy,
  };
}
