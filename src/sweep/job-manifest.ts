// `poolsim sweep --emit-job`: a ConfigMap with the scenario's files and a batch/v1 Job with
// completionMode: Indexed whose pod K runs slice K of the sweep (JOB_COMPLETION_INDEX → --shard)
// and prints its shard.json to stdout, where `kubectl logs` collects it for `poolsim merge`.
// Kubernetes schedules and retries the pods: poolsim has no scheduler of its own.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { realLocation, within } from '../util/paths.js';
import { parseAllDocuments, stringify } from 'yaml';
import { READ_KINDS } from '../scenario/manifests.js';

/** ScenarioFileEntry is one file the scenario reads, by its path relative to the scenario's directory. */
export interface ScenarioFileEntry {
  readonly path: string;
  readonly content: string;
}

/** JobManifestOptions: what the Job runs and how wide. */
export interface JobManifestOptions {
  readonly name: string;
  readonly image: string;
  readonly shards: number;
  readonly parallelism: number;
  /** scenario is the scenario file's path relative to its directory (its basename). */
  readonly scenario: string;
  readonly files: readonly ScenarioFileEntry[];
  /** sweepArgs are the sweep's own flags (--vary, --design, --seeds, --no-charts), passed on unchanged. */
  readonly sweepArgs: readonly string[];
  readonly cpu: number;
  readonly memory: string;
}

/** CONFIGMAP_LIMIT_BYTES is what a ConfigMap may hold (etcd's 1 MiB object limit, with room for the rest). */
const CONFIGMAP_LIMIT_BYTES = 1_000_000;

/** MAX_JOBS_PER_POD keeps a Job pod's printed shard.json (~1.5 KB a job) under the kubelet's 10 MiB container log. */
export const MAX_JOBS_PER_POD = 4000;

/**
 * configMapFiles are the files a scenario read (by path), as the ConfigMap carries them: by their
 * POSIX path relative to the scenario's directory. A file whose real path (every symbolic link
 * followed) is outside that directory is a problem, even one --allow-outside let the scenario
 * read: the ConfigMap would carry it into the cluster. So are files too big for a ConfigMap.
 */
export function configMapFiles(
  scenarioFile: string,
  files: ReadonlyMap<string, string>,
  problems: string[],
  includes: ReadonlySet<string> = new Set(),
): ScenarioFileEntry[] {
  const dir = dirname(scenarioFile);
  const root = realLocation(dir);
  const entries = [...files].map(([path, content]) => ({
    path: relative(dir, path),
    real: realLocation(path),
    content,
  }));
  const inside = entries.filter((e) => {
    const named = resolve(dir, e.path) === resolve(scenarioFile); // the scenario itself, which the user named
    if (e.path.startsWith('..') || isAbsolute(e.path) || (!named && !within(e.real, root))) {
      const leads = e.real === resolve(dir, e.path) ? '' : ` (it leads to ${e.real})`;
      problems.push(
        `--emit-job: ${e.path}${leads} is outside the scenario's directory, so it cannot go into the Job's ConfigMap; expected included files beside or below ${scenarioFile}`,
      );
      return false;
    }
    return true;
  });
  const bytes = inside.reduce((n, e) => n + Buffer.byteLength(e.content), 0);
  if (bytes > CONFIGMAP_LIMIT_BYTES)
    problems.push(
      `--emit-job: the scenario's files take ${Math.round(bytes / 1024)} KiB, more than a ConfigMap holds (~1 MiB); expected smaller traces, or an image with the scenario in it`,
    );
  return inside.map((e) => ({
    path: e.path.split(sep).join('/'),
    content: includes.has(resolve(dir, e.path)) ? objectsPoolsimReads(e.content) : e.content,
  }));
}

/**
 * objectsPoolsimReads is a manifest file with only the objects poolsim reads (READ_KINDS): the
 * ConfigMap goes into the cluster, and a Secret or a ConfigMap beside the Deployment in the same
 * file must not go with it. The file is returned as it was when it holds nothing else.
 */
function objectsPoolsimReads(text: string): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return '';
  const read = (o: unknown) =>
    typeof o === 'object' && o !== null && READ_KINDS.includes(String((o as { kind?: unknown }).kind));
  let dropped = false;
  const kept = docs.flatMap((doc) => {
    const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
    if (value === null || value === undefined) return [];
    const list = value as { kind?: unknown; items?: unknown };
    const objects = list.kind === 'List' && Array.isArray(list.items) ? list.items : [value];
    const mine = objects.filter(read);
    dropped ||= mine.length < objects.length;
    return mine;
  });
  return dropped ? kept.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n') : text;
}

/** jobName makes a DNS-1123 label short enough for the Job's pods' hostnames (name-index ≤ 63). */
export function jobName(scenario: string): string {
  const base = `poolsim-${scenario}-sweep`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  return base.slice(0, 52).replace(/-+$/, '');
}

/** jobManifest is the YAML of the ConfigMap and the Job, with the commands to run and collect it as comments. */
export function jobManifest(o: JobManifestOptions): string {
  const configMap = `${o.name}-scenario`;
  const keys = o.files.map((_, i) => `file-${i}`);
  const labels = { 'app.kubernetes.io/name': 'poolsim', 'app.kubernetes.io/instance': o.name };
  const manifests = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMap, labels },
      data: Object.fromEntries(o.files.map((f, i) => [keys[i], f.content])),
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: o.name, labels },
      spec: {
        completionMode: 'Indexed',
        completions: o.shards,
        parallelism: o.parallelism,
        // A slice that fails is retried on its own (Kubernetes ≥ 1.29); the others go on.
        backoffLimitPerIndex: 2,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'poolsim',
                image: o.image,
                command: ['poolsim'],
                // $(JOB_COMPLETION_INDEX) is expanded by the kubelet from the variable the Job controller injects.
                args: [
                  'sweep',
                  `/scenario/${o.scenario}`,
                  // The kubelet expands $(VAR) in args: $$ keeps a value's "$(" as written.
                  ...o.sweepArgs.map((arg) => arg.replaceAll('$(', () => '$$(')),
                  '--workers',
                  String(o.cpu),
                  '--shard',
                  `$(JOB_COMPLETION_INDEX)/${o.shards}`,
                  '--out',
                  '-',
                ],
                resources: { requests: { cpu: String(o.cpu), memory: o.memory }, limits: { memory: o.memory } },
                volumeMounts: [{ name: 'scenario', mountPath: '/scenario', readOnly: true }],
              },
            ],
            volumes: [
              {
                name: 'scenario',
                configMap: { name: configMap, items: o.files.map((f, i) => ({ key: keys[i], path: f.path })) },
              },
            ],
          },
        },
      },
    },
  ];
  const last = o.shards - 1;
  const header = [
    `# poolsim sweep as a Kubernetes Job: ${o.shards} slices, ${o.parallelism} at a time. Run and collect it with:`,
    '#   kubectl apply -f job.yaml',
    `#   kubectl wait --for=condition=complete job/${o.name} --timeout=24h   # a slice that fails for good makes the Job Failed: watch kubectl get job/${o.name}`,
    '#   mkdir -p shards',
    `#   for i in $(seq 0 ${last}); do kubectl logs "$(kubectl get pods -l batch.kubernetes.io/job-name=${o.name},batch.kubernetes.io/job-completion-index=$i --field-selector=status.phase=Succeeded -o name | head -1)" > shards/$i.json; done`,
    `#   poolsim merge shards/*.json --out out/${o.name.replace(/^poolsim-/, '')}`,
    `#   kubectl delete job/${o.name} configmap/${configMap}`,
  ];
  return `${header.join('\n')}\n${manifests.map((m) => stringify(m, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n')}`;
}
