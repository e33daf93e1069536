// Connecting a design's components: every link between them is written here, and nowhere else.
// What a component hears of another, and what it asks of it, can be read off this one file.
import {
  kubeletStartRequests,
  lastRenewalMs,
  NODE_STATUS_REPORT_FREQUENCY_MS,
  nodeReadyRequests,
} from '../models/kubelet.js';
import type { ClusterNode } from './cluster.js';
import { trackedBudgets } from './disruption-budgets.js';
import { isExpendable } from '../models/cluster-autoscaler/scale-up.js';
import type { Components } from './components.js';

/** connectComponents links every component of a run to those it hears from and asks. */
export function connectComponents(c: Components): void {
  connectNodes(c);
  connectKubelets(c);
  connectPods(c);
  connectControllers(c);
  connectFaults(c);
  connectZones(c);
}

// Nodes registering, Ready, removed: each node's agents come and go with it.
function connectNodes(c: Components): void {
  const { nodes, pulls, processes, api, lifecycle, kubelets, faults, podGc, cloud, scheduler, replicas } = c;
  nodes.connect({
    registered: (node) => {
      const pool = nodes.pool(node.pool);
      pulls.addNode(node, pool.imagePull);
      processes.add(node, pool);
      api.add(node, pool.kubelet);
      kubeletServing(c, node, true);
    },
    ready: (node) => {
      api.send(node, nodeReadyRequests());
      scheduler.kick();
    },
    kubeletUp: (node) => api.isServing(node) && !cloud.isLost(node),
    removed: (node) => {
      pulls.removeNode(node);
      api.remove(node);
      processes.remove(node);
      lifecycle.forget(node);
      kubelets.forget(node);
      faults.forget(node);
      podGc.nodeDeleted(node);
      c.karpenter?.provisioner.forget(nodes.recordOf(node));
    },
  });
  cloud.connect({ nodes });
  podGc.connect({ deletePodsOf: (node, reason) => replicas.nodeDeleted(node, reason) });
}

// The kubelet on each node: its process, its API client, and the pods it starts.
function connectKubelets(c: Components): void {
  const { sim, nodes, pulls, processes, api, kubelets, faults, cloud, readiness } = c;
  processes.connect({ serving: (node) => kubeletServing(c, node, false), stopped: (node) => kubeletStopped(c, node) });
  api.connect({ queued: (node, waiting) => faults.apiQueue(node, waiting) });
  kubelets.connect({
    pulls,
    api,
    readiness,
    churn: (node) => faults.podChurn(node),
    runtimeGone: (node) => cloud.isLost(node),
    nodeDates: (node) => {
      const r = nodes.recordOf(node);
      return { requestedMs: r.requestedMs, readyMs: r.readyMs ?? sim.now };
    },
  });
}

// A pod's life: created by its controller, bound by the scheduler, started and reported by its
// kubelet, Ready as the control plane sees it, deleted and gone.
function connectPods(c: Components): void {
  const { scheduler, replicas, kubelets, api, readiness, resilience, deployments } = c;
  scheduler.connect({
    unschedulable: () => c.karpenter?.provisioner.trigger(),
    bound: (pod, node) => {
      replicas.bound(pod);
      kubelets.start(pod, node);
      c.zones.bound(node);
    },
    podsOn: (node) => replicas.podsOn(node),
    budgets: () => trackedBudgets(c.scenario.budgets, replicas),
    imagesAt: (index) => c.pulls.imagesAt(index),
    imageHolders: (image) => c.pulls.holdersOf(image),
    nodesWithImage: (image) => c.pulls.nodesWith(image),
    preempt: (victim, by, node) => {
      c.log.add('Pod', victim.name, 'Preempted', `Preempted by pod ${by.name} on node ${node.name}`);
      replicas.evict(victim);
    },
  });
  replicas.connect({
    made: (pod) => c.usage.track(pod),
    created: (pod) => scheduler.add(pod),
    deletedPending: (pod) => {
      c.usage.forget(pod);
      scheduler.remove(pod);
    },
    gone: (pod) => {
      c.usage.forget(pod);
      scheduler.kick();
      deployments.changed(pod.workload);
    },
    kubeletServing: (node) => api.isServing(node),
    terminating: (pod, node) => kubelets.terminate(pod, node),
    readiness,
    deploymentChanged: (w) => deployments.changed(w),
  });
  readiness.connect({
    readyPods: (w) => replicas.readyPods(w),
    resilience,
    unsettle: (pod) => c.usage.unsettle(pod),
    changed: (pod) => {
      replicas.podChanged(pod);
      deployments.changed(pod.workload, pod);
    },
  });
  deployments.connect({ replicas, pulls: c.pulls });
  resilience.connect({ desired: (w) => replicas.desiredReplicas(w) });
}

// The controllers that watch the cluster: node lifecycle, cluster autoscaler, metrics-server and
// the HPA; and the timeline that samples it all.
function connectControllers(c: Components): void {
  const { nodes, replicas, scheduler, lifecycle, autoscaler, metrics, hpa, sampler, readiness, resilience, cloud } = c;
  const podsOn = (node: ClusterNode) => replicas.podsOn(node);
  lifecycle.connect({
    nodes,
    podsOn,
    markPodsNotReady: (node, pods) => {
      resilience.lose([node], 'node unreachable:');
      readiness.markNotReady(pods);
      if (cloud.isLost(node)) cloud.deleteOnNextPass(node);
    },
    evict: (pod) => replicas.evict(pod),
  });
  autoscaler.connect({
    nodes,
    // FilterOutExpendableAndSplit: expendable pods, and those waiting for their preemption's victims, need no node.
    unschedulable: () =>
      scheduler.pendingPods.filter((p) => p.attempts > 0 && !isExpendable(p) && p.nominatedNode === null),
    podsOn,
    evict: (pod) => replicas.evict(pod),
    budgets: () => trackedBudgets(c.scenario.budgets, replicas),
  });
  connectKarpenter(c);
  connectUsage(c);
  metrics.connect({ sampleUsage: () => c.usage.sample(true) });
  hpa.connect({
    metrics,
    desiredReplicas: (w) => replicas.desiredReplicas(w),
    setReplicas: (w, n) => replicas.setReplicas(w, n),
    podsOf: (w) => c.usage.individualsOf(w),
    cohortsOf: (w) => c.usage.cohortsOf(w),
  });
  sampler.connect({ nodes, replicas, scheduler, pulls: c.pulls, readiness, usage: c.usage });
}

// FilterOutExpendableAndSplit: expendable pods, and those waiting for their preemption's victims,
// need no node (Karpenter, too, leaves a pod nominated to a node to the scheduler).
const unschedulable = (c: Components) =>
  c.scheduler.pendingPods.filter((p) => p.attempts > 0 && !isExpendable(p) && p.nominatedNode === null);

// Karpenter: the provisioner hears of each pod the scheduler could not place; the disruption
// controller of each launch (its expiry and spot interruption).
function connectKarpenter(c: Components): void {
  if (c.karpenter === null) return;
  const { provisioner, disruption } = c.karpenter;
  provisioner.connect({
    nodes: c.nodes,
    unschedulable: () => unschedulable(c),
    podsOn: (node) => c.replicas.podsOn(node),
    launched: (claim) => disruption.launched(claim),
  });
  disruption.connect({
    nodes: c.nodes,
    provisioner,
    podsOn: (node) => c.replicas.podsOn(node),
    evict: (pod) => c.replicas.evict(pod),
    budgets: () => trackedBudgets(c.scenario.budgets, c.replicas),
  });
}

// What the pods use: the load meters' ceilings, OOM kills, and the nodes' memory for eviction.
function connectUsage(c: Components): void {
  const { usage, eviction, replicas, readiness, kubelets, cloud } = c;
  usage.connect({
    podsOf: (w) => replicas.livePods(w),
    podsOn: (node) => replicas.podsOn(node),
    runtimeGone: (node) => cloud.isLost(node),
    ceilings: (w, ceilings) => readiness.setCeilings(w, ceilings),
    oomKilled: (pod) => kubelets.oomKilled(pod, pod.node!),
    memory: (node, pods) => eviction.synchronize(node, pods),
    sampled: () => eviction.settle(),
  });
  eviction.connect({
    evict: (pod, message) => replicas.evictedByKubelet(pod, message),
    kubeletServing: (node) => c.api.isServing(node),
  });
}

// The scenario's faults: crashing kubelets, losing VMs.
function connectFaults(c: Components): void {
  const { nodes, processes, cloud } = c;
  c.faults.connect({
    candidates: (kind, pool) =>
      nodes.live(pool).filter((n) => (kind === 'kubeletCrash' ? processes.isAlive(n) : !cloud.isLost(n))),
    crash: (node, end, why) => processes.crash(node, end, why),
    lose: (node) => vmLost(c, node),
  });
}

// Zone outages: the zone's nodes cut off from the control plane, and reconnected when it is back.
function connectZones(c: Components): void {
  const { nodes, replicas, scheduler, processes, cloud, readiness, resilience } = c;
  c.zones.connect({
    liveNodes: () => nodes.live(null),
    workloads: () => c.scenario.workloads.map((w) => w.name),
    desiredReplicas: (w) => replicas.desiredReplicas(w),
    livePods: (w) => replicas.livePods(w),
    pendingPods: () => scheduler.pendingPods.length,
    setZoneDark: (zone, dark) => nodes.setZoneDark(zone, dark),
    cutOff: (cut, zone) => {
      resilience.lose(cut, `the outage of zone ${zone}:`);
      for (const node of cut) {
        kubeletStopped(c, node);
        // Its pods serve nothing from now: no request from outside the zone reaches them.
        readiness.markNotReady(replicas.podsOn(node));
      }
    },
    reconnect: (node) => {
      if (processes.isAlive(node) && !cloud.isLost(node)) kubeletServing(c, node, false);
    },
  });
}

// An initial node of a steady start: it was up and serving before the run began.
const isSteadyNode = (c: Components, node: ClusterNode) =>
  c.scenario.start === 'steady' && c.nodes.recordOf(node).requestedMs === null;

// A kubelet serving: for the first time on a node that just registered, or again after a restart,
// when the node lifecycle controller, the node, the pods deleted meanwhile and the pods bound
// meanwhile all hear of it.
function kubeletServing(c: Components, node: ClusterNode, first: boolean): void {
  // A kubelet restarted in a dark zone serves nothing the control plane hears until the zone is back.
  if (!first && c.zones.isDark(node)) return;
  if (first && isSteadyNode(c, node)) {
    // Serving long before the run began: no start-up requests, and its periodic requests (lease
    // renewals, status reports) at their own phase, drawn over the longest period.
    const phaseMs = Math.floor(c.streams.stream('kubelet/phase').next() * NODE_STATUS_REPORT_FREQUENCY_MS);
    c.api.serve(node, [], c.sim.now - phaseMs);
    return;
  }
  c.api.serve(node, kubeletStartRequests(first));
  if (first) return;
  c.lifecycle.kubeletBack(node);
  c.nodes.kubeletBack(node);
  c.replicas.kubeletBack(node);
  c.kubelets.resume(node, c.replicas.podsOn(node));
}

// A kubelet stopped (crashed, or its VM gone): its lease stops being renewed.
function kubeletStopped(c: Components, node: ClusterNode): void {
  if (!c.api.isServing(node)) return;
  const last = lastRenewalMs(c.api.servingSinceMs(node), c.sim.now);
  c.api.stop(node);
  c.lifecycle.kubeletSilent(node, last);
}

// A VM lost: its kubelet stops and nothing restarts it; its pods serve nothing from now (the
// endpoints still send them requests until the node is NotReady: those fail), and once the node is
// NotReady the cloud node lifecycle controller deletes it.
function vmLost(c: Components, node: ClusterNode): void {
  c.cloud.lose(node);
  c.log.add('Node', node.name, 'NodeLost', `The VM of ${node.name} is gone: its kubelet and its pods with it`);
  c.resilience.lose([node], 'the loss of VM');
  c.processes.lose(node);
  if (c.nodes.recordOf(node).unknownSinceMs !== undefined) c.cloud.deleteOnNextPass(node); // NotReady already
  const pods = c.replicas.podsOn(node);
  for (const p of pods) p.kubeletReady = false;
  c.readiness.markNotReady(pods);
}
