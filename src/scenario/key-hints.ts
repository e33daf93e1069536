// What to write instead of the keys people carry over from elsewhere (Kubernetes, a cloud's node
// groups), and examples of fields that take a mapping: the tables issues.ts consults, by the meta id
// of the mapping a key is written in (src/scenario/schema/*.ts).

/** Alias is what to write instead of a key people carry over from elsewhere (Kubernetes, a cloud's node groups). */
export interface Alias {
  readonly mean: string;
  readonly expected: string;
}

const NODE_COUNT: Alias = {
  mean: 'initial',
  expected:
    "initial for the nodes at the start, min and max for the cluster autoscaler's bounds, e.g. { initial: 3, min: 1, max: 10 }",
};
const MIN_NODES: Alias = {
  mean: 'min',
  expected: 'min, the fewest nodes the pool scales down to, e.g. { min: 1, max: 10 }',
};
const MAX_NODES: Alias = {
  mean: 'max',
  expected: 'max, the most nodes the pool scales up to, e.g. { min: 1, max: 10 }',
};
const MACHINE: Alias = {
  mean: 'instanceType',
  expected:
    'instanceType, a type name (see `poolsim instances`) or { cpu, memory, pricePerHour }, e.g. instanceType: e2-standard-4',
};
const request = (resource: string): Alias => ({
  mean: `requests.${resource}`,
  expected: "requests, one replica's cpu and memory, e.g. requests: { cpu: 500m, memory: 1Gi }",
});
const hpaBound = (bound: string): Alias => ({
  mean: `hpa.${bound}`,
  expected: 'hpa, the HorizontalPodAutoscaler, e.g. hpa: { minReplicas: 2, maxReplicas: 10 }',
});

// Keys that are not a slip of the keyboard, by the meta id of the mapping they are written in:
// consulted before the spelling suggestion, which would offer hpa for cpu.
export const ALIASES: Readonly<Record<string, Readonly<Record<string, Alias>>>> = {
  Pool: {
    nodes: NODE_COUNT,
    count: NODE_COUNT,
    nodeCount: NODE_COUNT,
    initialNodeCount: NODE_COUNT,
    desiredSize: NODE_COUNT,
    minNodes: MIN_NODES,
    minSize: MIN_NODES,
    minNodeCount: MIN_NODES,
    maxNodes: MAX_NODES,
    maxSize: MAX_NODES,
    maxNodeCount: MAX_NODES,
    machineType: MACHINE,
    vmSize: MACHINE,
  },
  Workload: {
    cpu: request('cpu'),
    memory: request('memory'),
    resources: {
      mean: 'requests',
      expected:
        "requests and limits, one replica's cpu and memory, e.g. requests: { cpu: 500m, memory: 1Gi }, limits: { memory: 1Gi }",
    },
    replica: { mean: 'replicas', expected: 'replicas, how many run at the start, e.g. replicas: 3' },
    replicaCount: { mean: 'replicas', expected: 'replicas, how many run at the start, e.g. replicas: 3' },
    minReplicas: hpaBound('minReplicas'),
    maxReplicas: hpaBound('maxReplicas'),
    terminationGracePeriodSeconds: {
      mean: 'terminationGracePeriod',
      expected: 'terminationGracePeriod, a duration, e.g. terminationGracePeriod: 30s',
    },
  },
};

// An example of a field that takes a mapping, by the meta id of the mapping it is a field of: a
// scalar written there (image: web:1) is shown in the form it takes.
export const FIELD_EXAMPLES: Readonly<Record<string, Readonly<Record<string, (written: unknown) => string>>>> = {
  Workload: {
    image: (written) =>
      `image: { name: ${typeof written === 'string' && /^[\w./:@-]{1,80}$/.test(written) ? written : 'registry.example.com/web:4.2'}, size: 400M }`,
    requests: () => 'requests: { cpu: 500m, memory: 1Gi }',
    hpa: () => 'hpa: { minReplicas: 2, maxReplicas: 10 }',
  },
};
