import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { runDesign } from '../../src/simulate/design-run.js';

type Run = ReturnType<typeof runDesign>;
const reasons = (r: Run, reason: string) => r.events.filter((e) => e.reason === reason);

// One pod of 1.5 cores a node of e2-standard-2 (1930m allocatable): each replica needs its own node.
const scenario = (pools: string, extra = '', workload = '') =>
  loadScenarioText(
    'ca.yaml',
    `name: ca
duration: 2h
workloads:
  app:
    replicas: 1
    requests: { cpu: 1500m, memory: 1Gi }
    containerStart: 1s
    readinessDelay: 0s
${workload}
${extra}
designs:
  d:
${pools}
`,
  ).scenario!;
const run = (s: ReturnType<typeof scenario>) => runDesign(s, s.designs[0]!);

describe('cluster autoscaler in a run', () => {
  it('gives up on nodes that do not register within max-node-provision-time, and backs the group off 5 min, then 10', () => {
    const s = scenario(
      `    autoscaler: { maxNodeProvisionTime: 5m }
    pools:
      main: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 6m }`,
      '',
      '    scale: [{ at: 1m, replicas: 2 }]',
    );
    const r = run(s);
    const timedOut = reasons(r, 'ScaleUpTimedOut').map((e) => [e.timeMs, e.message.match(/backs off for (\d+) s/)![1]]);
    // Asked at 70 s; at the first loop past the 370 s deadline (380 s) given up and backed off to 680 s;
    // asked again at 680 s, given up at 990 s and backed off twice as long, to 1,590 s.
    expect(timedOut.slice(0, 2)).toEqual([
      [380_000, '300'],
      [990_000, '600'],
    ]);
    expect(
      reasons(r, 'ScaledUpGroup')
        .map((e) => e.timeMs)
        .slice(0, 3),
    ).toEqual([70_000, 680_000, 1_590_000]);
    expect(r.autoscaler.failedProvisions).toBeGreaterThanOrEqual(2);
    expect(r.nodes.filter((n) => n.failedMs !== undefined).every((n) => n.registeredMs === undefined)).toBe(true);
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 1, pending_pods: 1 });
  });

  it('keeps one request a group: a second scale-up moves the deadline, and one timeout backs the group off once', () => {
    const s = scenario(
      `    autoscaler: { maxNodeProvisionTime: 5m }
    pools:
      main: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 6m }`,
      '',
      '    scale: [{ at: 1m, replicas: 2 }, { at: 3m, replicas: 3 }]',
    );
    const r = run(s);
    // Scale-ups at 70 s and 190 s move the deadline to 490 s: the first node registers at 430 s (alone,
    // it would have been given up at 380 s); the second, due at 550 s, is given up at 500 s, once.
    expect(
      reasons(r, 'ScaledUpGroup')
        .map((e) => e.timeMs)
        .slice(0, 2),
    ).toEqual([70_000, 190_000]);
    expect(r.nodes.find((n) => n.requestedMs === 70_000)!.registeredMs).toBe(430_000);
    const first = reasons(r, 'ScaleUpTimedOut')[0]!;
    expect([
      first.timeMs,
      first.message.match(/(\d+) node\(s\) given up/)![1],
      first.message.match(/backs off for (\d+) s/)![1],
    ]).toEqual([500_000, '1', '300']);
  });

  it('stops at max-nodes-total and says why the pod did not trigger a scale-up', () => {
    const s = scenario(
      `    autoscaler: { maxNodesTotal: 2 }
    pools:
      main: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 1m }`,
      '',
      '    scale: [{ at: 1m, replicas: 3 }]',
    );
    const r = run(s);
    expect(r.autoscaler).toMatchObject({ scaleUps: 1, nodesAdded: 1 });
    expect(reasons(r, 'NotTriggerScaleUp').map((e) => e.message)).toContain(
      "pod didn't trigger scale-up: max node total count already reached",
    );
  });

  it('stops at max-cores-total, counting each node as its whole cores, upcoming ones included', () => {
    // e2-standard-2 has 2 cores: one initial node and max 6 cores leave room for two more, not three.
    const s = scenario(
      `    autoscaler: { maxCoresTotal: 6 }
    pools:
      main: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 1m }`,
      '',
      '    scale: [{ at: 1m, replicas: 4 }]',
    );
    const r = run(s);
    expect(r.autoscaler.nodesAdded).toBe(2);
    expect(reasons(r, 'NotTriggerScaleUp').map((e) => e.message)).toContain(
      "pod didn't trigger scale-up: 1 max cluster cpu limit reached",
    );
  });

  it('with balanceSimilarNodeGroups, splits a scale-up among pools of the same machines', () => {
    const pools = (balance: boolean) =>
      scenario(
        `    autoscaler: { balanceSimilarNodeGroups: ${balance} }
    pools:
      zone-a: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 1m }
      zone-b: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 1m }`,
        '',
        '    scale: [{ at: 1m, replicas: 6 }]',
      );
    const grown = (r: Run) =>
      reasons(r, 'ScaledUpGroup')
        .filter((e) => e.timeMs < 120_000)
        .map((e) => [
          e.name,
          e.message
            .match(/size to (\d+) instead of (\d+)/)!
            .slice(1)
            .join('<-'),
        ]);
    expect(grown(run(pools(true)))).toEqual([
      ['zone-a', '3<-1'],
      ['zone-b', '3<-1'],
    ]);
    expect(grown(run(pools(false)))).toHaveLength(1);
  });

  it('removes a node unneeded for 10 min, after the 10 min delay after a scale-up, draining its pod onto another node', () => {
    // Two small pods on two nodes: one node's pod fits next to the other's; the emptied node goes.
    const s = scenario(
      `    pools:
      main: { instanceType: e2-standard-2, initial: 2, min: 1, max: 5 }`,
      '',
      '',
    );
    const s2 = {
      ...s,
      workloads: [{ ...s.workloads[0]!, replicas: 2, requests: { cpuMilli: 200, memoryBytes: 2 ** 28 } }],
    };
    const r = runDesign(s2, s2.designs[0]!);
    const down = reasons(r, 'ScaleDown').find((e) => e.kind === 'Node')!;
    // Unneeded from the first loop (10 s), removable once unneeded for 10 min: the loop at 610 s.
    expect(down.timeMs).toBe(610_000);
    const evicted = reasons(r, 'ScaleDown').filter((e) => e.kind === 'Pod');
    expect(evicted).toHaveLength(1);
    // The node goes after the pod's grace period (30 s); its replacement runs on the other node.
    const removed = r.nodes.find((n) => n.removedMs !== undefined)!;
    expect(removed.removedMs).toBe(640_000);
    expect(r.autoscaler).toMatchObject({ scaleDowns: 1, nodesRemoved: 1 });
    expect(r.timeline.at(-1)).toMatchObject({ ready_pods: 2, nodes_ready: 1 });
    expect(r.pods.filter((p) => p.goneMs === undefined).every((p) => p.node!.name !== removed.name)).toBe(true);
  });

  it('deletes empty nodes in bulk, at most max-empty-bulk-delete at once, and keeps the pool at its min', () => {
    const s = scenario(
      `    autoscaler: { maxEmptyBulkDelete: 2 }
    pools:
      main: { instanceType: e2-standard-2, initial: 6, min: 1, max: 6 }`,
      '',
      '',
    );
    const r = run(s);
    const empty = reasons(r, 'ScaleDownEmpty');
    // Five empty nodes (the pod holds one): two at 610 s, two at the next loop, one more after.
    expect(empty.map((e) => e.timeMs)).toEqual([610_000, 610_000, 620_000, 620_000, 630_000]);
    expect(r.timeline.at(-1)).toMatchObject({ nodes_ready: 1, ready_pods: 1 });
  });

  it('waits 10 min after a scale-up before removing anything', () => {
    const s = scenario(
      `    pools:
      main: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5, provisioning: 1m, nodeStartup: 0s }`,
      '',
      '    scale: [{ at: 1m, replicas: 2 }, { at: 3m, replicas: 1 }]',
    );
    const r = run(s);
    const up = reasons(r, 'ScaledUpGroup')[0]!.timeMs;
    const first = Math.min(...[...reasons(r, 'ScaleDownEmpty'), ...reasons(r, 'ScaleDown')].map((e) => e.timeMs));
    expect(first).toBeGreaterThanOrEqual(up + 10 * 60_000);
  });

  it('picks the pool with the expander: least-waste the small nodes, priority the pool ranked highest', () => {
    // Priorities apply only to the priority expander (and are refused with another).
    const pools = (
      expander: string,
    ) => `    autoscaler: { expander: ${expander}${expander === 'priority' ? ', priorities: { big: 10, small: 5 }' : ''} }
    pools:
      small: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5 }
      big: { instanceType: e2-standard-8, initial: 0, min: 0, max: 5 }`;
    const grown = (expander: string) =>
      reasons(run(scenario(pools(expander), '', '    scale: [{ at: 1m, replicas: 2 }]')), 'ScaledUpGroup')[0]!.name;
    expect(grown('least-waste')).toBe('small');
    expect(grown('priority')).toBe('big');
  });

  it('least-nodes: the pool that needs the fewest new nodes (one big node for pods three small ones would take)', () => {
    const pools = (expander: string) => `    autoscaler: { expander: ${expander} }
    pools:
      small: { instanceType: e2-standard-2, initial: 1, min: 1, max: 5 }
      big: { instanceType: e2-standard-8, initial: 0, min: 0, max: 5 }`;
    // Three more 1.5-core pods: three e2-standard-2 nodes (one each) or one e2-standard-8.
    const up = (expander: string) =>
      reasons(run(scenario(pools(expander), '', '    scale: [{ at: 1m, replicas: 4 }]')), 'ScaledUpGroup')[0]!.message;
    expect(up('least-nodes')).toMatch(/^Scale-up: setting group big size to 1 instead of 0/);
    expect(up('least-waste')).toMatch(/^Scale-up: setting group small size to 4 instead of 1/);
  });
});

describe('cluster autoscaler and topology spread', () => {
  it('scales up for a spreading pod that fits an existing node on resources but not on skew', () => {
    // main-0 is full of another workload; main-1 holds one app pod: the second app pod fits neither.
    const s = loadScenarioText(
      'spread.yaml',
      `name: spread
duration: 10m
workloads:
  filler:
    replicas: 1
    requests: { cpu: 800m, memory: 1Gi }
  app:
    replicas: 0
    spread: true
    requests: { cpu: 300m, memory: 512Mi }
    scale: [{ at: 1m, replicas: 2 }]
defaults: { reservation: gke, provisioning: 60s, nodeStartup: 10s }
designs:
  a: { pools: { main: { instanceType: { cpu: 1, memory: 4Gi, pricePerHour: 1 }, min: 2, initial: 2, max: 5 } } }
`,
    ).scenario!;
    const r = runDesign(s, s.designs[0]!);
    expect(reasons(r, 'FailedScheduling').map((e) => e.message)).toContain(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints.",
    );
    expect(reasons(r, 'ScaledUpGroup').map((e) => e.timeMs)).toEqual([70_000]);
    expect(r.timeline.at(-1)).toMatchObject({ workload: 'app', ready_pods: 2, pending_pods: 0 });
  });
});

describe('diurnal.yaml', () => {
  it('runs a day with nodes added in the day and removed at night', () => {
    const s = loadScenario('scenarios/diurnal.yaml').scenario!;
    const r = runDesign(
      s,
      s.designs.find((d) => d.name === 'small')!,
    );
    expect(r.autoscaler.nodesAdded).toBeGreaterThan(0);
    expect(r.autoscaler.nodesRemoved).toBeGreaterThan(0);
    const nodesAt = (h: number) => r.timeline.find((row) => row.time_s === h * 3600)!.nodes_ready;
    expect(nodesAt(14)).toBeGreaterThan(nodesAt(4));
    expect(nodesAt(23.5)).toBeLessThan(nodesAt(14));
  });
});
