// The fleet scenario of issue 8: 300 Deployments with HPAs on three node pools, about 150,000 pods at
// the peak on about 5,000 nodes, through 24 h of diurnal load with the cluster autoscaler; one design.
// The Deployments differ in requests, image, load (amplitude and time of peak), HPA bounds and target,
// drawn from a fixed integer hash of their index: no Math.random, the same text on every machine.
//
//   node bench/fleet-scenario.js   writes scenarios/fleet-5k.yaml (scale 1)
//   fleetScenarioYaml(scale)       the fleet scaled by 0 < scale <= 1: its first scale × 300 Deployments
//                                  (ordered so that every prefix is a fair sample of the whole), their
//                                  load normalized so that the peak is scale × 150,000 pods, and the
//                                  pools' bounds and the registry's bandwidth × scale, so that nodes
//                                  and pods scale together (1/8, 1/4, 1/2 for the bench's doublings).
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEPLOYMENTS = 300;
const PEAK_PODS = 150_000; // the HPAs' demand at the fleet's peak, all Deployments together (about what runs: the HPAs' tolerance is ±10%)
const DAY_MS = 24 * 3_600_000;

// A handful of shared images, 50 MB to 1 GB, smallest first.
const IMAGES = [
  ['registry.example.com/base/distroless-go:1.23', '50M'],
  ['registry.example.com/base/alpine-python:3.12', '120M'],
  ['registry.example.com/base/node:20-slim', '240M'],
  ['registry.example.com/base/python:3.12', '420M'],
  ['registry.example.com/base/temurin-jre:21', '600M'],
  ['registry.example.com/base/dotnet-aspnet:8.0', '780M'],
  ['registry.example.com/base/temurin-jdk:21', '1G'],
];

// Baked into the node image: the three biggest (IMAGES is in order of size). And the registry's shared bandwidth at scale 1.
const PRE_PULLED = IMAGES.slice(-3);
const REGISTRY_BYTES_PER_S = 10e9;

// Pod shapes by class: mostly general purpose, some memory-heavy (caches, JVMs), some CPU-heavy.
const CLASSES = [
  { share: 0.7, cpu: [100, 150, 200, 250], memoryMi: [256, 384, 512, 768, 1024] },
  { share: 0.18, cpu: [100, 150, 200], memoryMi: [768, 1024, 1536, 2048] },
  { share: 0.12, cpu: [400, 500, 750, 1000], memoryMi: [256, 384, 512] },
];
const TARGETS = [50, 60, 65, 70, 75, 80]; // HPA targetUtilization, percent
const CPU_PER_REQUEST = [1, 2, 3, 5]; // millicores per request/second
const READINESS = ['5s', '10s', '15s', '20s', '30s'];
const GRACE = ['10s', '30s', '30s', '60s'];

// The pools: one design, three pools the autoscaler chooses between (least-waste, the 1.34 default).
// max at scale 1; initial nodes come from the demand at 0:00, split by `share`.
const POOLS = [
  { name: 'standard', instanceType: 'e2-standard-8', max: 3_000, share: 0.5 },
  { name: 'highmem', instanceType: 'e2-highmem-8', max: 1_600, share: 0.25 },
  { name: 'highcpu', instanceType: 'e2-highcpu-16', max: 2_000, share: 0.25 },
];

// lowbias32 of (index, salt), in [0, 1): the deterministic sequence every choice is drawn from.
function unit(i, salt) {
  let x = (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 32;
}
const pick = (list, u) => list[Math.min(list.length - 1, Math.floor(u * list.length))];

// One Deployment before normalization: its shape, its load's form, and its relative size.
function deployment(i) {
  const u = (salt) => unit(i, salt);
  let c = 0;
  for (let acc = CLASSES[0].share, x = u(1); x >= acc && c < CLASSES.length - 1; acc += CLASSES[++c].share);
  const cls = CLASSES[c];
  const cpuMilli = pick(cls.cpu, u(2));
  const target = pick(TARGETS, u(5));
  const baseCpuMilli = Math.round(cpuMilli / 10);
  return {
    cpuMilli,
    memoryMi: pick(cls.memoryMi, u(3)),
    image: pick(IMAGES, u(4)),
    target,
    cpuPerRequestMilli: pick(CPU_PER_REQUEST, u(6)),
    baseCpuMilli,
    // Size: skewed, a few big services and many small ones (20 to 1,500 pods at their own peak, before normalization).
    size: 20 + 1480 * u(7) ** 2,
    amplitude: 0.35 + 0.4 * u(8), // amplitude / mean of the diurnal load
    peakAtMin: 11 * 60 + 15 * Math.floor(u(9) * 41), // 11:00 to 21:00
    maxFactor: pick([1.25, 1.5, 1.5, 2, 0.9], u(10)), // one in five is capped below its peak demand
    behavior: u(11) < 1 / 3,
    readiness: pick(READINESS, u(12)),
    grace: pick(GRACE, u(13)),
  };
}

// The HPA's steady state: n pods at utilization `target` serve rps when n (target × request − base) = rps × cpuPerRequest.
const perPodRps = (d) => ((d.cpuMilli * d.target) / 100 - d.baseCpuMilli) / d.cpuPerRequestMilli;
const rateAt = (d, peakRps, tMs) =>
  (peakRps / (1 + d.amplitude)) * (1 + d.amplitude * Math.cos((2 * Math.PI * (tMs - d.peakAtMin * 60_000)) / DAY_MS));
const demandAt = (d, peakPods, tMs) => rateAt(d, peakPods * perPodRps(d), tMs) / perPodRps(d);

// The peak over the day of the summed demand of `ds`, each at `peakPods(d)` at its own peak (minute steps).
function fleetPeak(ds, peakPods) {
  let best = 0;
  for (let t = 0; t < DAY_MS; t += 60_000)
    best = Math.max(
      best,
      ds.reduce((s, d) => s + demandAt(d, peakPods(d), t), 0),
    );
  return best;
}

// The Deployments in an order whose every prefix is a fair sample of the whole: each next one is the
// one that keeps the prefix's mean size and its pods' mean CPU and memory requests closest to the
// fleet's (greedy; ties to the lower index). The scaled fleets take prefixes, so that halving the
// fleet halves its nodes as well as its pods.
function balanced(ds) {
  const total = (f) => ds.reduce((s, d) => s + f(d), 0);
  const [size, cpu, mem] = [total((d) => d.size), total((d) => d.size * d.cpuMilli), total((d) => d.size * d.memoryMi)];
  const goal = { size: size / ds.length, cpu: cpu / size, mem: mem / size };
  const left = [...ds];
  const out = [];
  let [s, c, m] = [0, 0, 0];
  while (left.length > 0) {
    let best = 0;
    let bestError = Infinity;
    left.forEach((d, j) => {
      const [s2, c2, m2] = [s + d.size, c + d.size * d.cpuMilli, m + d.size * d.memoryMi];
      const error =
        Math.abs(s2 / (out.length + 1) / goal.size - 1) +
        Math.abs(c2 / s2 / goal.cpu - 1) +
        Math.abs(m2 / s2 / goal.mem - 1);
      if (error < bestError) [best, bestError] = [j, error];
    });
    const [d] = left.splice(best, 1);
    [s, c, m] = [s + d.size, c + d.size * d.cpuMilli, m + d.size * d.memoryMi];
    out.push(d);
  }
  return out.map((d, i) => ({ ...d, name: `app-${String(i).padStart(3, '0')}` }));
}

const ALL = balanced(Array.from({ length: DEPLOYMENTS }, (_, i) => deployment(i)));

// The Deployments of a fleet `scale` times fleet-5k: a prefix of the 300 below 1; above, the 300
// themselves, each `scale` times bigger (3,000 Deployments would pass a scenario's token limit).
const deploymentsAt = (scale) => ALL.slice(0, Math.max(3, Math.round(DEPLOYMENTS * Math.min(scale, 1))));

/** fleetPlan is the scaled fleet: its Deployments with their peak pods, and figures for the header. */
export function fleetPlan(scale = 1) {
  if (!(scale > 0 && scale <= 100)) throw new RangeError(`scale ${scale} must be in (0, 100]`);
  const ds = deploymentsAt(scale);
  // Normalize so that the fleet's peak demand is scale × PEAK_PODS whichever Deployments are in.
  const k = (scale * PEAK_PODS) / fleetPeak(ds, (d) => d.size);
  const sized = ds.map((d) => ({ ...d, peakPods: d.size * k }));
  const at0 = sized.map((d) => demandAt(d, d.peakPods, 0));
  const cpu0 = sized.reduce((s, d, i) => s + at0[i] * d.cpuMilli, 0);
  const mem0 = sized.reduce((s, d, i) => s + at0[i] * d.memoryMi, 0);
  // Nodes for the 0:00 demand at 65% packing (what the runs show), on the pools' average workload room (9.75 CPU, 32 GiB).
  const nodes0 = Math.max(cpu0 / (9_750 * 0.65), mem0 / (32 * 1024 * 0.65));
  return {
    scale,
    deployments: sized,
    peakPods: fleetPeak(sized, (d) => d.peakPods),
    podsAt0: at0.reduce((a, b) => a + b, 0),
    nodesAt0: nodes0,
    pools: POOLS.map((p) => ({
      ...p,
      max: Math.max(2, Math.ceil(p.max * scale)),
      initial: Math.max(1, Math.round(nodes0 * p.share)),
      min: 1,
    })),
  };
}

const hm = (min) => `${Math.floor(min / 60)}h${min % 60 === 0 ? '' : `${min % 60}m`}`;
const rps = (x) => String(Math.round(x * 100) / 100);
const memory = (mi) => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`);

/** fleetScenarioYaml is the scenario's text at `scale` (1: the full fleet, scenarios/fleet-5k.yaml). */
export function fleetScenarioYaml(scale = 1) {
  const plan = fleetPlan(scale);
  const name =
    scale === 1 ? 'fleet-5k' : scale > 1 ? `fleet-${scale * 5}k` : `fleet-5k-x${String(scale).replace('.', '-')}`;
  const out = [];
  const line = (s = '') => out.push(s);
  line('# yaml-language-server: $schema=../poolsim.schema.json');
  line(
    '# GENERATED by `node bench/fleet-scenario.js` (fleetScenarioYaml in bench/fleet-scenario.js); edit that script, not this file.',
  );
  line("# The fleet of issue 8, poolsim's performance target (one seed, one design: at most 10 s and 1 GiB):");
  line(
    `# ${plan.deployments.length} Deployments with CPU HPAs, each under its own diurnal load (amplitude 35-75% of the mean,`,
  );
  line('# peak between 11:00 and 21:00), on one design of three pools (e2-standard-8, e2-highmem-8, e2-highcpu-16)');
  line('# that the cluster autoscaler grows in the morning and shrinks at night, for 24 h. Requests 100m-1 CPU and');
  line('# 256Mi-2Gi, seven shared images of 50 MB to 1 GB (the three biggest baked into the node image, the others');
  line(
    `# pulled from a registry serving ${Math.round((REGISTRY_BYTES_PER_S * scale) / 1e6).toLocaleString('en-US')} MB/s). The HPAs' demand peaks at about`,
  );
  line(
    `# ${Math.round(plan.peakPods).toLocaleString('en-US')} pods (${Math.round(plan.podsAt0).toLocaleString('en-US')} at 0:00), on about ${scale === 1 ? '5,000' : Math.round(5000 * scale).toLocaleString('en-US')} nodes.`,
  );
  if (scale < 1)
    line(
      `# Scale ${scale} of the full fleet: ${plan.deployments.length} of its 300 Deployments, pools' bounds scaled alike.`,
    );
  if (scale > 1)
    line(`# ${scale} times the full fleet: its 300 Deployments ${scale} times bigger, pools' bounds scaled alike.`);
  line(`name: ${name}`);
  line(
    `description: ${plan.deployments.length} Deployments with HPAs, ~${Math.round(plan.peakPods / 1000)}k pods at peak on three pools, 24 h of diurnal load${scale === 1 ? '' : ` (scale ${scale} of fleet-5k)`}.`,
  );
  line('duration: 24h');
  line('seed: 8');
  line('kubernetesVersion: "1.34"');
  line('sampleInterval: 1m');
  line();
  line('defaults:');
  line('  reservation: gke');
  line('  provisioning: { lognormal: { median: 100s, p95: 4m } }');
  // A fleet at night is warm, not cold: the three big base images are baked into the node image,
  // the others come from a registry whose bandwidth scales with the fleet (10 GB/s for 5,000 nodes).
  line('  imagePull:');
  line(`    registry: { bandwidth: ${Math.round((REGISTRY_BYTES_PER_S * scale) / 1e6)}M/s }`);
  line(`    prePulled: [${PRE_PULLED.map(([name]) => name).join(', ')}]`);
  line('  daemonSets:');
  line('    - { name: kube-proxy, cpu: 100m, memory: 64Mi, hostNetwork: true }');
  line('    - { name: fluent-bit, cpu: 50m, memory: 100Mi }');
  line();
  line('designs:');
  line('  mixed:');
  line('    description: General-purpose, high-memory and high-CPU pools; the autoscaler picks (least-waste).');
  line('    pools:');
  for (const p of plan.pools)
    line(`      ${p.name}: { instanceType: ${p.instanceType}, min: ${p.min}, initial: ${p.initial}, max: ${p.max} }`);
  line();
  line('workloads:');
  for (const d of plan.deployments) {
    const demand0 = demandAt(d, d.peakPods, 0);
    const trough = (d.peakPods * (1 - d.amplitude)) / (1 + d.amplitude);
    const min = Math.max(2, Math.floor(trough * 0.7));
    const max = Math.max(min + 1, Math.ceil(d.peakPods * d.maxFactor));
    const replicas = Math.min(max, Math.max(min, Math.ceil(demand0)));
    line(`  ${d.name}:`);
    line(`    replicas: ${replicas}`);
    line(`    requests: { cpu: ${d.cpuMilli}m, memory: ${memory(d.memoryMi)} }`);
    line(`    image: { name: ${d.image[0]}, size: ${d.image[1]} }`);
    line(`    readinessDelay: ${d.readiness}`);
    if (d.grace !== '30s') line(`    terminationGracePeriod: ${d.grace}`);
    line(`    hpa:`);
    line(`      minReplicas: ${min}`);
    line(`      maxReplicas: ${max}`);
    line(`      metrics: [{ resource: cpu, targetUtilization: ${d.target} }]`);
    if (d.behavior) {
      line('      behavior:');
      line(
        '        scaleUp: { policies: [{ type: Percent, value: 100, period: 15s }, { type: Pods, value: 8, period: 15s }], selectPolicy: Max }',
      );
      line('        scaleDown: { stabilizationWindow: 5m, policies: [{ type: Percent, value: 10, period: 1m }] }');
    }
  }
  line();
  line('load:');
  for (const d of plan.deployments) {
    const peak = d.peakPods * perPodRps(d);
    const mean = peak / (1 + d.amplitude);
    line(
      `  ${d.name}: { cpuPerRequest: ${d.cpuPerRequestMilli}m, baseCpu: ${d.baseCpuMilli}m, profile: { diurnal: { mean: ${rps(mean)}, amplitude: ${rps(mean * d.amplitude)}, peakAt: ${hm(d.peakAtMin)} } } }`,
    );
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = fileURLToPath(new URL('../scenarios/fleet-5k.yaml', import.meta.url));
  writeFileSync(file, fleetScenarioYaml(1));
  const plan = fleetPlan(1);
  console.log(
    `Wrote ${file}: ${plan.deployments.length} Deployments, peak demand ${Math.round(plan.peakPods)} pods, ${Math.round(plan.podsAt0)} at 0:00, ~${Math.round(plan.nodesAt0)} nodes at 0:00`,
  );
}
