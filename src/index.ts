// poolsim's library API: the engine and the pure models, for scripts and notebooks.
export * from './sim/index.js';
export {
  nodeAllocatable, podsThatFit, podIPsForCidr, FIT_LIMITS,
  type NodeSpec, type NodeBreakdown, type DaemonSetPod, type PodShape, type Room, type Fit, type FitLimit,
} from './models/allocatable.js';
export {
  reservationFor, tieredCpuReservedMilli, tieredMemoryReservedBytes, gkeMemoryReservedBytes,
  eksMemoryReservedBytes, aksCpuReservedMilli, aksMemoryReservedBytes, RESERVATION_PROFILES,
  type ReservationProfile, type ReservationProfileName, type Reservation, type NodeShape,
} from './models/reservation.js';
export {
  parseQuantity, parseCpuMilli, parseMemoryBytes, parseMilli, parseWhole, ceilScaled, QuantityError,
  type Quantity, type QuantityInput,
} from './models/quantity.js';
export { INSTANCE_TYPES, PRICE_SOURCES, PROVIDERS, findInstanceType, type InstanceType, type Provider } from './models/instance-types.js';
export { KiB, MiB, GiB, TiB, MB, GB, type Resources } from './models/units.js';
export { capacityReport, renderCapacityReport, capacityJson, type CapacityInput, type CapacityReport } from './capacity-report.js';
export { InputError } from './errors.js';
