// Types of generate-aws-catalog.js's readers, for the tests that hold them to upstream's formats.
export interface CaInstanceType {
  readonly vcpu: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  readonly arch: string;
}
export interface VpcLimit {
  readonly enis: number;
  readonly ipv4PerEni: number;
  readonly hypervisor: string;
}
export type CatalogRow = [string, number, number, string, number, number, 'nitro' | 'xen', number];

export const CA_TYPES: string;
export const VPC_LIMITS: string;
export const PRICING: string;
export function parseInstanceTypes(go: string): { types: Map<string, CaInstanceType>; date: string };
export function parseVpcLimits(go: string): { limits: Map<string, VpcLimit>; date: string };
export function parsePricing(go: string): { regions: Map<string, Map<string, number>>; date: string };
export function catalogRows(
  types: ReadonlyMap<string, CaInstanceType>,
  limits: ReadonlyMap<string, VpcLimit>,
  prices: ReadonlyMap<string, number> | undefined,
): CatalogRow[];
