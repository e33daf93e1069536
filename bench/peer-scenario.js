// The size of a published cross-tool benchmark (100 nodes, 1,067 pods), where a static placement
// tool took 2 s, KWOK 32 s and SimKube 279 s: one pool of 100 nodes that the pods fit on, ten
// Deployments of mixed requests created at once, 10 minutes simulated. peer100Seconds times
// `poolsim run` of it end to end, from the process's start to its last file written.
const DEPLOYMENTS = [
  // [replicas, cpu, memory]
  [200, '100m', '128Mi'],
  [150, '250m', '256Mi'],
  [120, '200m', '512Mi'],
  [110, '500m', '512Mi'],
  [100, '100m', '1Gi'],
  [100, '150m', '256Mi'],
  [90, '300m', '384Mi'],
  [80, '250m', '768Mi'],
  [60, '400m', '256Mi'],
  [57, '50m', '64Mi'],
];

/** PEER_PODS is the pods of the scenario, all Deployments together (1,067). */
export const PEER_PODS = DEPLOYMENTS.reduce((s, [n]) => s + n, 0);

/** peerScenarioYaml is the scenario's text. */
export function peerScenarioYaml() {
  const lines = [
    'name: peer-100',
    'description: 100 nodes and 1,067 pods created at once, 10 minutes (a published cross-tool benchmark).',
    'duration: 10m',
    'start: cold',
    'seed: 1',
    'kubernetesVersion: "1.34"',
    'defaults:',
    '  reservation: gke',
    '  provisioning: { lognormal: { median: 100s, p95: 4m } }',
    'designs:',
    '  fixed:',
    '    description: One pool of 100 e2-standard-8 nodes.',
    '    pools:',
    '      main: { instanceType: e2-standard-8, min: 100, initial: 100, max: 100 }',
    'workloads:',
  ];
  DEPLOYMENTS.forEach(([replicas, cpu, memory], i) => {
    lines.push(`  svc-${i}:`);
    lines.push(`    replicas: ${replicas}`);
    lines.push(`    requests: { cpu: ${cpu}, memory: ${memory} }`);
    lines.push(`    image: { name: registry.example.com/svc-${i}:1.0, size: 200M }`);
  });
  return `${lines.join('\n')}\n`;
}
