// Each node's kubelet process under its pool's supervisor: crashes go to the supervisor's state
// machine (models/supervisor.ts supervisorTimeline, re-run over all the node's exits so far: a
// crash never changes the past), whose transitions are played as they come. A process that starts
// serves only after the kubelet's own start-up; a lost VM runs nothing again.
import { sampleMilliseconds } from '../sim/distributions.js';
import type { RandomStreams } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import type { Pool } from '../scenario/model.js';
import type { SupervisorSpec } from '../models/supervisor.js';
import {
  describeEnd,
  supervisorTimeline,
  type Exit,
  type ProcessEnd,
  type SupervisorTransition,
} from '../models/supervisor.js';
import type { ClusterNode } from './cluster.js';
import type { EventLog } from './event-log.js';
import { unconnected } from './links.js';

/** KubeletStats are summary.json's `kubelet` counts (with the lifecycle's). */
export interface KubeletStats {
  crashes: number;
  restarts: number;
  fatal: number;
}

/** KubeletProcessesOptions are what the processes are built from: the run's engine, random streams and log, and its end. */
export interface KubeletProcessesOptions {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly log: EventLog;
  readonly untilMs: number;
}

/** ProcessLinks: the kubelet starts serving (its start-up done) or stops (the process died). */
export interface ProcessLinks {
  readonly serving: (node: ClusterNode) => void;
  readonly stopped: (node: ClusterNode) => void;
}

interface Process {
  readonly pool: Pool;
  readonly exits: Exit[];
  readonly humanDelays: number[];
  readonly pollPhaseMs: number;
  /** applied counts the timeline's transitions already played; generation drops stale plans. */
  applied: number;
  generation: number;
  alive: boolean;
  lost: boolean;
}

/** KubeletProcesses runs every node's kubelet process. */
export class KubeletProcesses {
  readonly stats: KubeletStats = { crashes: 0, restarts: 0, fatal: 0 };
  private readonly processes = new Map<ClusterNode, Process>();

  private readonly sim: Simulation;
  private readonly streams: RandomStreams;
  private readonly log: EventLog;
  private readonly untilMs: number;
  private hooks: ProcessLinks = unconnected('KubeletProcesses');

  constructor(o: KubeletProcessesOptions) {
    this.sim = o.sim;
    this.streams = o.streams;
    this.log = o.log;
    this.untilMs = o.untilMs;
  }

  /** connect gives the processes their links. */
  connect(links: ProcessLinks): void {
    this.hooks = links;
  }

  /** add starts a registered node's kubelet, up and serving. */
  add(node: ClusterNode, pool: Pool): void {
    const pollPhaseMs = Math.floor(this.streams.stream('supervisor/poll-phase').next() * 1000);
    this.processes.set(node, {
      pool,
      exits: [],
      humanDelays: [],
      pollPhaseMs,
      applied: 1,
      generation: 0,
      alive: true,
      lost: false,
    });
  }

  /** remove forgets a removed node. */
  remove(node: ClusterNode): void {
    const p = this.processes.get(node);
    if (p !== undefined) p.generation++;
    this.processes.delete(node);
  }

  /** isAlive says whether the node's kubelet process is running (serving or starting). */
  isAlive(node: ClusterNode): boolean {
    return this.processes.get(node)?.alive === true;
  }

  /** crash ends a running kubelet as `end` says (an exit status, or a signal); false when it was not running. */
  crash(node: ClusterNode, end: ProcessEnd, why: string): boolean {
    const p = this.processes.get(node);
    if (p === undefined || !p.alive || p.lost) return false;
    this.stats.crashes++;
    p.exits.push({ atMs: this.sim.now, ...end });
    this.log.add('Node', node.name, 'KubeletCrashed', `kubelet on ${node.name} ${describeEnd(end)} (${why})`);
    // The process is gone now, whenever its supervisor notices (a quiet program's exit is reaped at
    // supervisord's next pass).
    p.alive = false;
    this.hooks.stopped(node);
    this.replan(node, p);
    return true;
  }

  /** lose is the node's VM gone: the kubelet stops and nothing restarts it. */
  lose(node: ClusterNode): void {
    const p = this.processes.get(node);
    if (p === undefined || p.lost) return;
    p.lost = true;
    p.generation++;
    if (p.alive) {
      p.alive = false;
      this.hooks.stopped(node);
    }
  }

  private replan(node: ClusterNode, p: Process): void {
    const generation = ++p.generation;
    let draw = 0;
    const human = p.pool.supervisor.kind === 'none' ? p.pool.supervisor.humanResponse : null;
    const timeline = supervisorTimeline({
      supervisor: p.pool.supervisor,
      crashes: p.exits,
      pollPhaseMs: p.pollPhaseMs,
      untilMs: this.untilMs,
      // The same draws in the same order on every re-run: a re-run only adds to the end.
      humanDelayMs: () => {
        if (draw === p.humanDelays.length)
          p.humanDelays.push(sampleMilliseconds(human!, this.streams.stream(`human-response/${p.pool.name}`)));
        return p.humanDelays[draw++]!;
      },
    });
    // What happens now (the exit, and supervisord's respawn within the same millisecond) happens at
    // once, so a second crash in the same millisecond finds the process as it is.
    for (const t of timeline.slice(p.applied)) {
      const play = () => {
        if (p.generation !== generation) return;
        p.applied++;
        this.play(node, p, t, generation);
      };
      if (t.time <= this.sim.now) play();
      else this.sim.at(t.time, play);
    }
  }

  private play(node: ClusterNode, p: Process, t: SupervisorTransition, generation: number): void {
    const was = p.alive;
    p.alive = t.running;
    if (isFinal(p.pool.supervisor, t)) {
      this.stats.fatal++;
      this.log.add(
        'Node',
        node.name,
        'KubeletGaveUp',
        `${p.pool.supervisor.kind}: kubelet ${t.state}; nothing will restart it`,
      );
    } else if (t.state !== 'EXITED') {
      this.log.add('Node', node.name, 'KubeletState', `${describe(p.pool.supervisor)}: kubelet ${t.state}`);
    }
    if (was && !t.running) this.hooks.stopped(node);
    if (!was && t.running) {
      this.stats.restarts++;
      const startup = sampleMilliseconds(p.pool.kubelet.startup, this.streams.stream(`kubelet-startup/${p.pool.name}`));
      this.sim.after(startup, () => {
        if (p.generation === generation && p.alive) this.hooks.serving(node);
      });
    }
  }
}

// The supervisor's end: supervisord's FATAL, systemd's failed (start limit hit, or no restart for this exit).
function isFinal(s: SupervisorSpec, t: SupervisorTransition): boolean {
  return (
    (s.kind === 'supervisord' && t.state === 'FATAL') ||
    (s.kind === 'systemd' && (t.state === 'failed' || t.state === 'inactive'))
  );
}

function describe(s: SupervisorSpec) {
  return s.kind === 'none' ? 'a human' : s.kind;
}
