// Quantities as a message quotes them, in the form a scenario writes them: CPU in millicores
// (500m), memory exact in the largest unit that divides it (512Mi, 1G), else in bytes.

/** cpuQuantity is millicores as a CPU quantity: 500m. */
export const cpuQuantity = (milli: number): string => `${milli}m`;

const MEMORY_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/** memoryQuantity is bytes as a memory quantity, exactly: 512Mi, 1G, 1000001. */
export function memoryQuantity(bytes: number): string {
  if (bytes === 0) return '0';
  const unit = MEMORY_UNITS.find(([, size]) => bytes % size === 0);
  return unit === undefined ? String(bytes) : `${bytes / unit[1]}${unit[0]}`;
}
