// Binary and decimal byte units, as Kubernetes spells them (Mi, Gi are binary; M, G decimal).

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;
export const MB = 1_000_000;
export const GB = 1_000_000_000;
