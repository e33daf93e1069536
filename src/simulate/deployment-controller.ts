// The deployment controller (and the figures of a StatefulSet's rollouts, whose pods the StatefulSet
// controller in replica-controller.ts replaces): at each of a Deployment's rollouts a new ReplicaSet (a template with
// perhaps a new image), and after every change of its pods or desired count one sync, as upstream's
// syncDeployment makes it (pkg/controller/deployment/sync.go, rolling.go, recreate.go; the decisions
// are models/deployment*.ts): a scaling event shares the new count among the ReplicaSets, else the
// rollout's strategy grows the new one and shrinks the old ones. A sync that changes a ReplicaSet is
// followed at once by another, as the ReplicaSet's update would trigger one upstream.
// Simplified: one template change at a time is tracked for progress; a rollout that starts before the
// last completed leaves the older ones to the scale-down (as upstream does), its figures its own.
import {
  isPodAvailable,
  replicaSetPodTemplate,
  type DeploymentState,
  type ReplicaSetState,
  type ScaleDecision,
} from '../models/deployment.js';
import {
  isScalingEvent,
  replicasAnnotations,
  rolloutRecreate,
  rolloutRolling,
  scale,
} from '../models/deployment-rollout.js';
import type { Simulation } from '../sim/simulation.js';
import type { Rollout, Workload } from '../scenario/model.js';
import type { EventLog } from './event-log.js';
import type { ImagePulls } from './image-pulls.js';
import { unconnected } from './links.js';
import type { Pod } from './pod.js';
import type { ReplicaController } from './replica-controller.js';

/** RolloutStats is one rollout as summary.json gives it (times in ms here). */
export interface RolloutStats {
  readonly workload: string;
  readonly atMs: number;
  completedMs: number | null;
  /** peakUnavailable: the most desired replicas not available at once; peakSurge: the most pods above the desired count. */
  peakUnavailable: number;
  peakSurge: number;
  /** imageBytesBefore: what had been pulled of the rollout's image when it began. */
  readonly image: string;
  readonly imageBytesBefore: number;
  deadlineExceeded: boolean;
}

/** DeploymentLinks: the pods and their ReplicaSets (the ReplicaSet controller), and the image pulls. */
export interface DeploymentLinks {
  readonly replicas: ReplicaController;
  readonly pulls: ImagePulls;
}

interface Tracked {
  readonly workload: Workload;
  strategyOf: Rollout['strategy'];
  /** annotations: each ReplicaSet's desired- and max-replicas annotations, as last stamped. */
  readonly annotations: Array<{ desiredReplicas: number; maxReplicas: number } | undefined>;
  readonly created: number[];
  current: RolloutStats | null;
  lastProgressMs: number;
  progress: string;
  syncQueued: boolean;
  /** deadlineDue: when the progress deadline check is scheduled (one event per progress, not per sync). */
  deadlineDue: number;
}

// A ReplicaSet's name: its Deployment's and its revision's (upstream hashes the template instead).
const rsName = (t: Tracked, revision: number) => `${t.workload.name}-r${revision}`;

// Sync passes at one instant before the controller is taken to be stuck (a decision that never settles).
const MAX_SYNCS_AT_ONCE = 50;

/** DeploymentController rolls out the scenario's Deployments. */
export class DeploymentController {
  /** rollouts are every rollout's figures, in the order they began. */
  readonly rollouts: RolloutStats[] = [];
  private readonly tracked = new Map<string, Tracked>();
  private links: DeploymentLinks = unconnected('DeploymentController');

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
    private readonly workloads: readonly Workload[],
  ) {}

  /** connect gives the controller its links. */
  connect(links: DeploymentLinks): void {
    this.links = links;
  }

  /** start schedules every Deployment's rollouts. */
  start(): void {
    for (const w of this.workloads) for (const r of w.rollouts) this.sim.at(r.atMs, () => this.rollOut(w, r));
  }

  /** changed: a pod of `workload` changed (Ready or not, gone), or its desired count: a sync is due, and another once a new Ready pod is available. */
  changed(workload: string, pod?: Pod): void {
    const t = this.tracked.get(workload);
    if (t === undefined) return;
    this.kick(t);
    const minReady = t.workload.minReadyMs;
    if (pod?.ready === true && minReady > 0 && pod.readySinceMs !== undefined)
      this.sim.at(pod.readySinceMs + minReady, () => this.kick(t));
  }

  private rollOut(w: Workload, r: Rollout): void {
    const replicas = this.links.replicas;
    let t = this.tracked.get(w.name);
    if (t === undefined) {
      const desired = replicas.desiredReplicas(w.name);
      t = {
        workload: w,
        strategyOf: w.strategy,
        annotations: [undefined],
        created: [0],
        current: null,
        lastProgressMs: this.sim.now,
        progress: '',
        syncQueued: false,
        deadlineDue: -1,
      };
      this.tracked.set(w.name, t);
      t.annotations[0] = replicasAnnotations(this.state(t, desired));
    }
    t.strategyOf = r.strategy;
    // The new ReplicaSet's pods carry its pod-template-hash and owner (the first is revision 0).
    const next = replicas.templatesOf(w.name)?.specs.length ?? 1;
    const template = replicaSetPodTemplate(w.template, w.name.slice(w.name.indexOf('/') + 1), next);
    const revision = replicas.addRevision(w, { ...w, image: r.image, template });
    t.annotations[revision] = undefined;
    t.created[revision] = this.sim.now;
    t.current = {
      workload: w.name,
      atMs: this.sim.now,
      completedMs: null,
      peakUnavailable: 0,
      peakSurge: 0,
      image: r.image.name,
      imageBytesBefore: this.links.pulls.bytesOfImage(r.image.name),
      deadlineExceeded: false,
    };
    this.rollouts.push(t.current);
    t.lastProgressMs = this.sim.now;
    this.log.add(w.kind, w.name, 'RolloutStarted', `Rolling out revision ${revision} (image ${r.image.name})`);
    // A StatefulSet's controller replaces its own pods (ReplicaController, models/statefulset.ts).
    if (w.kind === 'StatefulSet') replicas.syncStatefulSet(w);
    this.sync(t);
  }

  private kick(t: Tracked): void {
    if (t.syncQueued) return;
    t.syncQueued = true;
    this.sim.after(0, () => {
      t.syncQueued = false;
      this.sync(t);
    });
  }

  // syncDeployment: decide, apply, and again until nothing changes.
  private sync(t: Tracked): void {
    for (let pass = 0; pass < MAX_SYNCS_AT_ONCE && t.workload.kind === 'Deployment'; pass++) {
      const decision = this.decide(t);
      if (Object.keys(decision).length === 0) break;
      this.apply(t, decision);
    }
    this.observe(t);
  }

  private decide(t: Tracked): ScaleDecision {
    const sets = this.replicaSets(t);
    const d = this.state(t, this.links.replicas.desiredReplicas(t.workload.name));
    const newRS = sets.at(-1)!;
    const oldRSs = sets.slice(0, -1);
    if (isScalingEvent(d, sets)) return scale(d, newRS, oldRSs);
    if (t.strategyOf.type === 'Recreate') {
      const pods = this.links.replicas
        .livePods(t.workload.name)
        .map(
          (p) => ({ replicaSet: rsName(t, p.revision), phase: p.phase === 'Running' ? 'Running' : 'Pending' }) as const,
        );
      return rolloutRecreate(d, newRS, oldRSs, pods);
    }
    return rolloutRolling(d, newRS, oldRSs);
  }

  private apply(t: Tracked, decision: ScaleDecision): void {
    const replicas = this.links.replicas;
    const templates = replicas.templatesOf(t.workload.name)!;
    const d = this.state(t, replicas.desiredReplicas(t.workload.name));
    for (const [name, n] of Object.entries(decision)) {
      const revision = Number(name.slice(name.lastIndexOf('-r') + 2));
      const was = templates.desired[revision]!;
      t.annotations[revision] = replicasAnnotations(d);
      if (was === n) continue;
      this.log.add(
        'Deployment',
        t.workload.name,
        'ScalingReplicaSet',
        `Scaled ${n > was ? 'up' : 'down'} replica set ${name} from ${was} to ${n}`,
      );
      replicas.scaleRevision(t.workload.name, revision, n);
    }
  }

  // The rollout's figures after a sync: its peaks, its completion, its progress deadline.
  private observe(t: Tracked): void {
    const r = t.current;
    if (r === null || r.completedMs !== null) return;
    const name = t.workload.name;
    const desired = this.links.replicas.desiredReplicas(name);
    const active = this.links.replicas.activePods(name);
    const latest = this.links.replicas.templatesOf(name)!.specs.length - 1;
    const available = active.filter((p) => this.available(t, p)).length;
    r.peakUnavailable = Math.max(r.peakUnavailable, desired - available);
    r.peakSurge = Math.max(r.peakSurge, active.length - desired);
    const updated = active.filter((p) => p.revision === latest);
    const progress = `${updated.length}/${active.length}/${available}`;
    if (progress !== t.progress) {
      t.progress = progress;
      t.lastProgressMs = this.sim.now;
    }
    // A partitioned StatefulSet update is done once the ordinals from the partition up are updated
    // (kubectl rollout status: "partitioned roll out complete").
    const u = t.workload.updateStrategy;
    const partition =
      t.workload.kind === 'StatefulSet' && u.type === 'RollingUpdate' ? (u.rollingUpdate?.partition ?? 0) : 0;
    const wanted = Math.max(0, desired - partition);
    if (updated.length >= wanted && active.length === desired && available === desired) {
      r.completedMs = this.sim.now;
      this.log.add(
        t.workload.kind,
        name,
        t.workload.kind === 'Deployment' ? 'NewReplicaSetAvailable' : 'RolloutComplete',
        `Rolled out in ${(this.sim.now - r.atMs) / 1000} s: ${desired} updated replicas available`,
      );
      return;
    }
    // DeploymentTimedOut: no progress for progressDeadlineSeconds (a StatefulSet has no deadline).
    if (t.workload.kind !== 'Deployment') return;
    const due = t.lastProgressMs + t.workload.progressDeadlineMs;
    if (r.deadlineExceeded || due === t.deadlineDue) return;
    t.deadlineDue = due;
    this.sim.at(due, () => this.deadline(t, r, due));
  }

  private deadline(t: Tracked, r: RolloutStats, due: number): void {
    if (r.completedMs !== null || r.deadlineExceeded || t.lastProgressMs + t.workload.progressDeadlineMs !== due)
      return;
    r.deadlineExceeded = true;
    this.log.add(
      'Deployment',
      t.workload.name,
      'ProgressDeadlineExceeded',
      `ReplicaSet ${rsName(t, this.links.replicas.templatesOf(t.workload.name)!.specs.length - 1)} has timed out progressing: no progress for ${t.workload.progressDeadlineMs / 1000} s`,
    );
  }

  private available(t: Tracked, p: Pod): boolean {
    return p.ready && isPodAvailable(p.readySinceMs ?? null, t.workload.minReadyMs / 1000, this.sim.now);
  }

  // The Deployment as the decisions read it.
  private state(t: Tracked, replicas: number): DeploymentState {
    const s = t.strategyOf;
    return s.type === 'Recreate'
      ? { replicas, strategy: 'Recreate' }
      : { replicas, strategy: 'RollingUpdate', maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable };
  }

  // Each ReplicaSet as the decisions read it: its count, its pods and those available.
  private replicaSets(t: Tracked): ReplicaSetState[] {
    const name = t.workload.name;
    const templates = this.links.replicas.templatesOf(name)!;
    const active = this.links.replicas.activePods(name);
    return templates.desired.map((replicas, revision) => {
      const mine = active.filter((p) => p.revision === revision);
      const notes = t.annotations[revision];
      return {
        name: rsName(t, revision),
        created: t.created[revision]!,
        replicas,
        availableReplicas: Math.min(replicas, mine.filter((p) => this.available(t, p)).length),
        statusReplicas: mine.length,
        ...(notes === undefined ? {} : notes),
      };
    });
  }
}
