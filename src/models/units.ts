// Binary and decimal byte units, as Kubernetes spells them (Mi, Gi are binary; M, G decimal).

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;
export const MB = 1_000_000;
export const GB = 1_000_000_000;

/** Resources is an amount of CPU (millicores) and memory (bytes), the two resources pods request. */
export interface Resources {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** ZERO is no CPU and no memory. */
export const ZERO: Resources = Object.freeze({ cpuMilli: 0, memoryBytes: 0 });

/** addResources sums CPU and memory. */
export function addResources(a: Resources, b: Resources): Resources {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes };
}

/** subtractResources takes `b` from `a`, never going below 0 (kubelet clamps allocatable at 0 the same way). */
export function subtractResources(a: Resources, b: Resources): Resources {
  return { cpuMilli: Math.max(0, a.cpuMilli - b.cpuMilli), memoryBytes: Math.max(0, a.memoryBytes - b.memoryBytes) };
}
