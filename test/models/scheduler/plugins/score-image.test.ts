// Upstream's own table for ImageLocality, ported to runScorePlugins:
//
// - kubernetes/kubernetes pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go, the newest stored
//   version (the one with the init-container case, ktesting and runtime.NewFramework(ctx, ...); its Score counts
//   init containers and scales maxContainerThreshold by the number of containers, as image_locality.go does at
//   stored version 65faa9c6800dfe97462fd0c8229be1c3435f60fb). The index names no commit for that text (read by
//   its id 299972038); the commit it lists for the path, 3e4a7900d75552087b6d82edb80ac44be8f71d67, and
//   01e014c7d694f5bb2428f3881c6afaf5e9267ada are older versions (framework/v1alpha1, four cases, the unscaled
//   1,000 MiB threshold and other expectations). TestImageLocalityPriority, every case, and
//   TestNormalizedImageName, every case.
//
// Upstream calls Score on every node in order (no NormalizeScore: ScoreExtensions is nil) and compares the whole
// NodeScoreList: here, each result's node name and r.plugins.ImageLocality, in the order of `nodes`. The weighted
// total (r.score) is checked against the default profile's weight (pkg/scheduler/apis/config/v1/default_plugins.go:
// ImageLocality 1) times that score. `cluster` is every test node with no pods (upstream's
// cache.NewSnapshot(nil, test.nodes)), so totalNumNodes is the number of test nodes. framework.MaxNodeScore is 100.
//
// The test builds v1.Pod/v1.Node literals, not st.MakePod()/st.MakeNode(): its pod specs (test40250, ...) and node
// statuses (node403002000, ...) are kept under upstream's names as v1 JSON, and makeImageNode and
// getImageFakeDigest are re-created below. A Go field left at its zero value is left out, except Container.name,
// which has no omitempty ("" here), and PodSpec.containers.
//
// Not ported: none skipped.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Node, NodeStatus, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { runScorePlugins } from '../../../../src/models/scheduler/plugins/index.js';
import { normalizedImageName } from '../../../../src/models/scheduler/plugins/image-locality.js';
import type { NodeScore } from './wrappers.js';

// framework.MaxNodeScore
const MAX_NODE_SCORE = 100;

// default_plugins.go: {Name: names.ImageLocality, Weight: 1}
const WEIGHT = 1;

const mb = 1024 * 1024;

// image_locality_test.go makeImageNode
const makeImageNode = (node: string, status: NodeStatus): Node => ({ metadata: { name: node }, status });

// image_locality_test.go getImageFakeDigest
const getImageFakeDigest = (fakeContent: string): string =>
  `sha256:${createHash('sha256').update(fakeContent).digest('hex')}`;

// A container with only its image set.
const image = (name: string) => ({ name: '', image: name });

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly expectedList: readonly NodeScore[];
}

// upstream: TestImageLocalityPriority
describe('ImageLocality Score: upstream TestImageLocalityPriority', () => {
  const test40250: PodSpec = { containers: [image('gcr.io/40'), image('gcr.io/250')] };
  const test40300: PodSpec = { containers: [image('gcr.io/40'), image('gcr.io/300')] };
  const testMinMax: PodSpec = { containers: [image('gcr.io/10'), image('gcr.io/4000')] };
  const test300600900: PodSpec = { containers: [image('gcr.io/300'), image('gcr.io/600'), image('gcr.io/900')] };
  const test3040: PodSpec = { containers: [image('gcr.io/30'), image('gcr.io/40')] };
  const test30Init300: PodSpec = { containers: [image('gcr.io/30')], initContainers: [image('gcr.io/300')] };

  const node403002000: NodeStatus = {
    images: [
      { names: ['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], sizeBytes: 40 * mb },
      { names: ['gcr.io/300:latest', 'gcr.io/300:v1'], sizeBytes: 300 * mb },
      { names: ['gcr.io/2000:latest'], sizeBytes: 2000 * mb },
    ],
  };
  const node25010: NodeStatus = {
    images: [
      { names: ['gcr.io/250:latest'], sizeBytes: 250 * mb },
      { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], sizeBytes: 10 * mb },
    ],
  };
  const node60040900: NodeStatus = {
    images: [
      { names: ['gcr.io/600:latest'], sizeBytes: 600 * mb },
      { names: ['gcr.io/40:latest'], sizeBytes: 40 * mb },
      { names: ['gcr.io/900:latest'], sizeBytes: 900 * mb },
    ],
  };
  const node300600900: NodeStatus = {
    images: [
      { names: ['gcr.io/300:latest'], sizeBytes: 300 * mb },
      { names: ['gcr.io/600:latest'], sizeBytes: 600 * mb },
      { names: ['gcr.io/900:latest'], sizeBytes: 900 * mb },
    ],
  };
  const node400030: NodeStatus = {
    images: [
      { names: ['gcr.io/4000:latest'], sizeBytes: 4000 * mb },
      { names: ['gcr.io/30:latest'], sizeBytes: 30 * mb },
    ],
  };
  const node203040: NodeStatus = {
    images: [
      { names: ['gcr.io/20:latest'], sizeBytes: 20 * mb },
      { names: ['gcr.io/30:latest'], sizeBytes: 30 * mb },
      { names: ['gcr.io/40:latest'], sizeBytes: 40 * mb },
    ],
  };
  const nodeWithNoImages: NodeStatus = {};

  const cases: ScoreCase[] = [
    {
      // Pod: gcr.io/40 gcr.io/250
      // Node1: gcr.io/40:latest 40MB; 0 (40M/2 < 23M, min-threshold)
      // Node2: gcr.io/250:latest 250MB; 100 * (250M/2 - 23M)/(1000M * 2 - 23M) = 5
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: { spec: test40250 },
      nodes: [makeImageNode('node1', node403002000), makeImageNode('node2', node25010)],
      expectedList: [
        { name: 'node1', score: 0 },
        { name: 'node2', score: 5 },
      ],
    },
    {
      // Pod: gcr.io/40 gcr.io/300
      // Node1: gcr.io/40:latest 40MB, gcr.io/300:latest 300MB; 100 * ((40M + 300M)/2 - 23M)/(1000M * 2 - 23M) = 7
      // Node2: not present; 0
      name: 'two images on one node, prefer this node',
      pod: { spec: test40300 },
      nodes: [makeImageNode('node1', node403002000), makeImageNode('node2', node25010)],
      expectedList: [
        { name: 'node1', score: 7 },
        { name: 'node2', score: 0 },
      ],
    },
    {
      // Pod: gcr.io/4000 gcr.io/10
      // Node1: gcr.io/4000:latest; 100 (4000 * 1/2 >= 1000M * 2, max-threshold)
      // Node2: gcr.io/10:latest 10MB; 0 (10M/2 < 23M, min-threshold)
      name: 'if exceed limit, use limit',
      pod: { spec: testMinMax },
      nodes: [makeImageNode('node1', node400030), makeImageNode('node2', node25010)],
      expectedList: [
        { name: 'node1', score: MAX_NODE_SCORE },
        { name: 'node2', score: 0 },
      ],
    },
    {
      // Pod: gcr.io/4000 gcr.io/10
      // Node1: gcr.io/4000:latest 4000MB; 100 * (4000M/3 - 23M)/(1000M * 2 - 23M) = 66
      // Node2: gcr.io/10:latest 10MB; 0 (10M*1/3 < 23M, min-threshold)
      // Node3: no images; 0
      name: 'if exceed limit, use limit (with node which has no images present)',
      pod: { spec: testMinMax },
      nodes: [
        makeImageNode('node1', node400030),
        makeImageNode('node2', node25010),
        makeImageNode('node3', nodeWithNoImages),
      ],
      expectedList: [
        { name: 'node1', score: 66 },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      // Pod: gcr.io/300 gcr.io/600 gcr.io/900
      // Node1: gcr.io/600:latest 600MB, gcr.io/900:latest 900MB;
      //   100 * (600M * 2/3 + 900M * 2/3 - 23M) / (1000M * 3 - 23M) = 32
      // Node2: gcr.io/300:latest 300MB, gcr.io/600:latest 600MB, gcr.io/900:latest 900MB;
      //   100 * (300M * 1/3 + 600M * 2/3 + 900M * 2/3 - 23M) / (1000M *3 - 23M) = 36
      // Node3: no images; 0
      name: 'pod with multiple large images, node2 is preferred',
      pod: { spec: test300600900 },
      nodes: [
        makeImageNode('node1', node60040900),
        makeImageNode('node2', node300600900),
        makeImageNode('node3', nodeWithNoImages),
      ],
      expectedList: [
        { name: 'node1', score: 32 },
        { name: 'node2', score: 36 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      // Pod: gcr.io/30 gcr.io/40
      // Node1: gcr.io/20:latest 20MB, gcr.io/30:latest 30MB, gcr.io/40:latest 40MB;
      //   100 * (30M + 40M * 1/2 - 23M) / (1000M * 2 - 23M) = 1
      // Node2: 100 * (30M - 23M) / (1000M * 2 - 23M) = 0
      name: 'pod with multiple small images',
      pod: { spec: test3040 },
      nodes: [makeImageNode('node1', node203040), makeImageNode('node2', node400030)],
      expectedList: [
        { name: 'node1', score: 1 },
        { name: 'node2', score: 0 },
      ],
    },
    {
      // Pod: gcr.io/30  InitContainers: gcr.io/300
      // Node1: gcr.io/40:latest 40MB, gcr.io/300:latest 300MB, gcr.io/2000:latest 2000MB;
      //   100 * (300M * 1/2 - 23M) / (1000M * 2 - 23M) = 6
      // Node2: gcr.io/20:latest 20MB, gcr.io/30:latest 30MB, gcr.io/40:latest 40MB;
      //   100 * (30M * 1/2  - 23M) / (1000M * 2 - 23M) = 0
      name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
      pod: { spec: test30Init300 },
      nodes: [makeImageNode('node1', node403002000), makeImageNode('node2', node203040)],
      expectedList: [
        { name: 'node1', score: 6 },
        { name: 'node2', score: 0 },
      ],
    },
  ];

  for (const c of cases)
    it(c.name, () => {
      const result = runScorePlugins({
        pod: c.pod,
        nodes: [...c.nodes],
        cluster: c.nodes.map((node) => ({ node, pods: [] })),
        plugins: ['ImageLocality'],
      });
      expect(result.map((r) => ({ name: r.node, score: r.plugins.ImageLocality }))).toEqual(c.expectedList);
      expect(result.map((r) => r.score)).toEqual(c.expectedList.map((e) => WEIGHT * e.score));
    });
});

// upstream: TestNormalizedImageName
describe('ImageLocality normalizedImageName: upstream TestNormalizedImageName', () => {
  for (const testCase of [
    { name: 'add :latest postfix 1', input: 'root', output: 'root:latest' },
    { name: 'add :latest postfix 2', input: 'gcr.io:5000/root', output: 'gcr.io:5000/root:latest' },
    { name: 'keep it as is 1', input: 'root:tag', output: 'root:tag' },
    {
      name: 'keep it as is 2',
      input: `root@${getImageFakeDigest('root')}`,
      output: `root@${getImageFakeDigest('root')}`,
    },
  ])
    it(testCase.name, () => {
      expect(normalizedImageName(testCase.input)).toBe(testCase.output);
    });
});
