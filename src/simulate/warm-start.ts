// A steady start (`start: steady`, the default): the run begins in a cluster that has been running
// a while. Each workload's initial replicas are already Running and Ready on the initial nodes
// (placed by the scheduler's own filters and scores, in workload order), their images in the nodes'
// caches; the kubelets serve without their start-up requests (connect.ts). A replica that does not
// fit stays Pending at t = 0 and starts as in a cold start: that is the scenario's own shortfall.
// Simplified: the pods' history (restarts, past scale-downs) is not made up; they are all alike.
import type { Components } from './components.js';
import type { Pod } from './pod.js';

/** STEADY_SINCE_MS: when a steady pod was created and became Ready (an hour before the run): long settled, as the HPA's CPU initialization period sees it. */
export const STEADY_SINCE_MS = -3_600_000;

/** startSteady creates every workload's initial replicas and settles those that fit on the initial nodes. */
export function startSteady(c: Components): void {
  // With Karpenter, the nodes it would have launched for every initial replica are there already.
  const made = new Map<string, Pod[]>();
  if (c.karpenter !== null) {
    for (const w of c.scenario.workloads) {
      c.replicas.setSteadyReplicas(w, w.replicas);
      made.set(
        w.name,
        Array.from({ length: w.replicas }, (_, i) => c.replicas.createSteady(w, i)),
      );
    }
    c.karpenter.provisioner.launchSteady([...made.values()].flat());
  }
  for (const w of c.scenario.workloads) {
    const pods = made.get(w.name);
    if (pods === undefined) c.replicas.setSteadyReplicas(w, w.replicas);
    // An OrderedReady StatefulSet never made the ordinals after one that could not run.
    const ordered = w.kind === 'StatefulSet' && w.podManagementPolicy === 'OrderedReady';
    let settled = 0;
    for (let i = 0; i < w.replicas; i++) {
      const pod = pods?.[i] ?? c.replicas.createSteady(w, i);
      if (!c.scheduler.bindNow(pod)) {
        c.scheduler.add(pod);
        if (ordered && pods === undefined) break;
        continue;
      }
      settle(c, pod);
      settled++;
    }
    c.readiness.measure(w.name);
    if (settled > 0)
      c.log.add(
        w.kind,
        w.name,
        'SteadyStart',
        `${settled} of ${w.replicas} replicas Running and Ready at the start, their images cached`,
      );
  }
}

// A bound pod as it is after a long time on its node: started, Ready, seen Ready by the control plane.
function settle(c: Components, pod: Pod): void {
  const node = pod.node!;
  c.replicas.bound(pod);
  c.pulls.cache(node, pod.spec.image);
  pod.steady = true;
  pod.createdMs = STEADY_SINCE_MS;
  pod.scheduledMs = STEADY_SINCE_MS;
  pod.pulledMs = STEADY_SINCE_MS;
  pod.runningMs = STEADY_SINCE_MS;
  pod.containerStartedMs = 0; // a leak grows from the run's start, not from before it
  pod.kubeletReadyMs = STEADY_SINCE_MS;
  pod.readyMs = STEADY_SINCE_MS;
  pod.phase = 'Running';
  pod.kubeletReady = true;
  c.readiness.reported(pod, true);
}
