/**
 * The appointment lifecycle, as the reference's table gives it. Any other transition is refused with
 * 409 `Cannot <action> an appointment in status '<status>'`.
 */
import type { AppointmentStatus, EventType } from '../model';

export type LifecycleAction = 'confirm' | 'check-in' | 'start' | 'complete' | 'no-show' | 'cancel';

export interface Transition {
  from: readonly AppointmentStatus[];
  to: AppointmentStatus;
  event: EventType;
}

export const LIFECYCLE: Record<LifecycleAction, Transition> = {
  confirm: { from: ['requested'], to: 'confirmed', event: 'appointment.confirmed' },
  'check-in': { from: ['confirmed'], to: 'checked_in', event: 'appointment.checked_in' },
  start: { from: ['checked_in'], to: 'in_progress', event: 'appointment.started' },
  complete: { from: ['in_progress'], to: 'completed', event: 'appointment.completed' },
  'no-show': { from: ['confirmed', 'checked_in'], to: 'no_show', event: 'appointment.no_show' },
  cancel: { from: ['requested', 'confirmed', 'checked_in'], to: 'cancelled', event: 'appointment.cancelled' },
};

/** Reschedule moves an appointment that has not started yet. */
export const RESCHEDULABLE: readonly AppointmentStatus[] = ['requested', 'confirmed'];

export function canTransition(action: LifecycleAction, status: AppointmentStatus): boolean {
  return LIFECYCLE[action].from.includes(status);
}
