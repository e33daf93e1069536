// A filter plugin's answer, as the scheduler framework's Status (pkg/scheduler/framework/interface.go).

/** Code is a filter's status code: Success, Unschedulable (another node or a preemption may help) or UnschedulableAndUnresolvable. */
export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** FilterStatus is a filter's verdict on one node, with upstream's reason strings. */
export interface FilterStatus {
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** SUCCESS is a nil status. */
export const SUCCESS: FilterStatus = Object.freeze({
  code: 'Success',
  reasons: Object.freeze([]) as readonly string[],
});

/** unschedulable is NewStatus(Unschedulable, reasons...). */
export const unschedulable = (...reasons: string[]): FilterStatus => ({ code: 'Unschedulable', reasons });

/** unresolvable is NewStatus(UnschedulableAndUnresolvable, reasons...). */
export const unresolvable = (...reasons: string[]): FilterStatus => ({ code: 'UnschedulableAndUnresolvable', reasons });
