// Karpenter in a design: the NodePools it names (from the included manifests), the types each
// allows over poolsim's EC2 catalog in the scenario's zones, spot inputs, and the settings every
// Karpenter node shares (the scenario's defaults, with the design's own delays).
import { ec2Catalog } from '../models/karpenter/catalog.js';
import { nodeClaimTemplate } from '../models/karpenter/node-claim-template.js';
import { DEFAULT_SPOT } from '../models/karpenter/spot.js';
import { suggestion } from '../util/suggest.js';
import type { KarpenterDesign, KarpenterNodePool, Pool } from './model.js';
import type { Located } from './issues.js';
import type { NodePoolSpec } from './karpenter-node-pool.js';
import type { KarpenterOutput, PoolOutput } from './schema/scenario.js';
import type { Path } from './source.js';

// The instance type the shared settings are resolved with: an EC2 type, so that the provider's
// defaults (EKS reservation, image pulls, supervisor) apply; each node's own size replaces it.
const SETTINGS_TYPE = 'm5.large';

/** KarpenterContext is what Karpenter needs of the pools' context: the defaults' maxPods, the zones, the manifests' NodePools. */
interface KarpenterContext {
  readonly defaults: Pick<PoolOutput, 'maxPods'>;
  readonly zones: readonly string[];
  readonly nodePools: Readonly<Record<string, NodePoolSpec>>;
  readonly problems: Located[];
}

/** normalizeKarpenter resolves a design's `karpenter`; `settings` resolves a pool as normalizePool does. */
export function normalizeKarpenter(
  path: Path,
  written: KarpenterOutput,
  ctx: KarpenterContext,
  settings: (path: Path, written: PoolOutput) => Pool,
): KarpenterDesign {
  const nodes = settings(path, {
    instanceType: SETTINGS_TYPE,
    min: 0,
    initial: 0,
    max: 0,
    ...(written.provisioning === undefined ? {} : { provisioning: written.provisioning }),
    ...(written.nodeStartup === undefined ? {} : { nodeStartup: written.nodeStartup }),
  });
  const spot = {
    discount: written.spot?.discount ?? DEFAULT_SPOT.discount,
    interruption: written.spot?.interruption ?? DEFAULT_SPOT.interruption,
    instanceTypes: written.spot?.instanceTypes ?? {},
  };
  const zones = ctx.zones.length > 0 ? [...new Set(ctx.zones)] : [''];
  const base = {
    reservation: nodes.node.reservation,
    daemonSets: nodes.node.daemonSets,
    maxPods: ctx.defaults.maxPods ?? null,
  };
  const catalog = ec2Catalog(zones, base, spot);
  for (const type of Object.keys(spot.instanceTypes))
    if (!catalog.types.some((t) => t.name === type))
      ctx.problems.push({
        path: [...path, 'spot', 'instanceTypes', type],
        onKey: true,
        message: `instance type ${JSON.stringify(type)} is not in poolsim's EC2 catalog${suggestion(
          type,
          catalog.types.map((t) => t.name),
        )}; expected a type \`poolsim instances --provider eks\` lists`,
      });
  const known = Object.keys(ctx.nodePools);
  const nodePools = written.nodePools.flatMap((name, i): KarpenterNodePool[] => {
    const spec = Object.hasOwn(ctx.nodePools, name) ? ctx.nodePools[name] : undefined;
    if (spec === undefined) {
      ctx.problems.push({
        path: [...path, 'nodePools', i],
        message:
          known.length === 0
            ? `no included manifest defines NodePool ${name}; expected a karpenter.sh/v1 NodePool of that name in a file under include`
            : `no included manifest defines NodePool ${name}${suggestion(name, known)}; expected one of ${known.join(', ')}`,
      });
      return [];
    }
    const template = nodeClaimTemplate(spec, catalog, { cpuMilli: 0, memoryBytes: 0, pods: 0 });
    if (template.options.length === 0)
      ctx.problems.push({
        path: ['nodePools', name, 'spec', 'template', 'spec', 'requirements'],
        message: `no instance type of poolsim's EC2 catalog meets these requirements${ctx.zones.length > 0 ? ` in zones ${ctx.zones.join(', ')}` : ' (the scenario names no zones)'} and can run the DaemonSets; expected requirements that some type meets`,
      });
    const instanceTypes = [...template.options]
      .sort((a, b) => a.type.pricePerHourUSD - b.type.pricePerHourUSD || (a.type.name < b.type.name ? -1 : 1))
      .map((o) => o.type.name);
    return [{ ...spec, instanceTypes }];
  });
  if (new Set(written.nodePools).size !== written.nodePools.length)
    ctx.problems.push({ path: [...path, 'nodePools'], message: 'names a NodePool twice; expected each once' });
  return { nodePools, zones, spot, nodes, base };
}
