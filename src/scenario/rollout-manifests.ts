// A rollout given as a manifest: `rollouts: [{ at: 5m, from: web-v2.yaml }]` names a file (in the
// scenario's folder, as includes are) holding the workload's new version; its first container's image
// becomes the rollout's, merged under what the rollout writes itself (`image: { size: … }`).
import { readManifests } from './manifests.js';
import { isObject } from './pod-template.js';
import type { Path, Problem, SourceDoc } from './source.js';

/** ReadDocs reads and parses a manifest file named in the scenario, or says why it cannot. */
export type ReadDocs = (name: string) => SourceDoc[] | { readonly problem: string };

const isMap = isObject;

/** rolloutsFromManifests fills each `from` rollout's image name from its manifest, in `merged` (the scenario with its includes). */
export function rolloutsFromManifests(
  merged: Record<string, unknown>,
  readDocs: ReadDocs,
  problem: (path: Path, message: string) => Problem,
  problems: Problem[],
): void {
  const workloads = merged.workloads;
  if (!isMap(workloads)) return;
  for (const [name, w] of Object.entries(workloads)) {
    if (!isMap(w) || !Array.isArray(w.rollouts)) continue;
    w.rollouts.forEach((r: unknown, i) => {
      if (!isMap(r) || typeof r.from !== 'string' || r.from === '') return;
      const at: Path = ['workloads', name, 'rollouts', i, 'from'];
      const docs = readDocs(r.from);
      if (!Array.isArray(docs)) return problems.push(problem(at, docs.problem));
      const found = readManifests(docs).workloads[name];
      const image = isMap(found) && isMap(found.image) ? found.image.name : undefined;
      if (typeof image !== 'string')
        return problems.push(
          problem(
            at,
            `${JSON.stringify(r.from)} holds no ${String(w.kind ?? 'Deployment')} ${name} with a container image; expected the workload's new version, named as in the scenario`,
          ),
        );
      r.image = { name: image, ...(isMap(r.image) ? r.image : {}) };
    });
  }
}
