/**
 * The 409 examples the operations share (`conflictResponse`, schemas/common.ts). Each is a detail the server
 * gives, worded by the same code where the core exports it; test/api/system/openapi-error-examples.test.ts
 * makes every operation's 409 happen and compares. Ids in them are examples (the test compares the rest).
 */
import type { ConflictExample } from './common';
import { RESCHEDULE_TO_ITSELF, ruleMessage } from '../../core/appointments/rules';
import type { LifecycleAction } from '../../core/appointments/lifecycle';
import { InvalidTransitionError } from '../../core/errors';
import type { AppointmentStatus, ScheduleOverride } from '../../core/model';
import { overrideClashMessage } from '../../core/providers/schedules';
import { MAX_SIGNING_SECRETS, TOO_MANY_SIGNING_SECRETS } from '../../core/webhooks/service';

const EXAMPLE_ID = '0b5c9f3e-2a7d-4e61-8c3f-5d1a9e7b2c40';

/** A lifecycle step the appointment's status does not allow. */
export function invalidTransition(action: LifecycleAction | 'reschedule', status: AppointmentStatus): ConflictExample {
  return {
    summary: `the appointment's status does not allow this step (${action})`,
    detail: new InvalidTransitionError(action, status).message,
  };
}

/** A reschedule that would move the appointment nowhere. */
export const RESCHEDULE_SAME_TIME: ConflictExample = {
  summary: 'the new time, location, provider and room are the ones the appointment has',
  detail: RESCHEDULE_TO_ITSELF,
};

/**
 * Booking rules that refuse the time (the first broken one is named): the provider's concurrency limit, and
 * hours that do not cover the time. The route's description lists every rule.
 */
export const DOUBLE_BOOKING: ConflictExample = {
  summary: 'the provider is fully booked at that time (max_concurrent_appointments, buffers counted)',
  detail: ruleMessage('max_concurrent', { maxConcurrent: 1, maxDaily: null, buffer: 0, localDate: '' }),
};

export const OUTSIDE_AVAILABILITY: ConflictExample = {
  summary: "the time is outside the provider's hours at that location",
  detail: ruleMessage('outside_availability', {
    maxConcurrent: 1,
    maxDaily: null,
    buffer: 0,
    localDate: '2026-11-30',
    availability: {
      timezone: 'America/Sao_Paulo',
      start: { date: '2026-11-30', time: '13:00' },
      end: { date: '2026-11-30', time: '13:30' },
      windows: ['08:00-12:00'],
      otherTypesWindows: [],
    },
  }),
};

export const PROVIDER_INACTIVE: ConflictExample = { summary: 'the provider is inactive', detail: 'Provider is inactive' };

/** A location referenced by the body (`location_id`, `primary_location_id`) that was deactivated. */
export const LOCATION_INACTIVE: ConflictExample = {
  summary: 'the location named is inactive',
  detail: `Location ${EXAMPLE_ID} is inactive`,
};

export const DOCTOR_HAS_PROFILE: ConflictExample = {
  summary: 'the doctor_id already has a provider profile in this tenant',
  detail: 'This doctor already has a provider profile in this tenant',
};

export const PHONE_TAKEN: ConflictExample = {
  summary: "another patient has this phone (the detail gives that patient's id, and says if inactive)",
  detail: `A patient with this phone is already registered: ${EXAMPLE_ID}`,
};

export const TEMPLATE_OVERLAP: ConflictExample = {
  summary: 'another active template of the provider overlaps it on that weekday',
  detail: 'The provider already has an active template on Monday overlapping 08:00-12:00 within the same effective dates',
};

const EXAMPLE_OVERRIDE: ScheduleOverride = {
  id: EXAMPLE_ID,
  provider_id: EXAMPLE_ID,
  date: '2026-12-10',
  type: 'added',
  start_time: '13:00',
  end_time: '17:00',
  location_id: EXAMPLE_ID,
  reason: null,
  created_at: '2026-11-25T12:00:00.000Z',
};

export const OVERRIDE_CLASH: ConflictExample = {
  summary: 'an override of the same type on that date clashes with it (the detail names it)',
  detail: overrideClashMessage(EXAMPLE_OVERRIDE, { ...EXAMPLE_OVERRIDE, start_time: '16:00', end_time: '18:00' }),
};

export const TOO_MANY_SECRETS: ConflictExample = {
  summary: `${MAX_SIGNING_SECRETS} secrets already sign each request (too many rotations in 24 hours)`,
  detail: TOO_MANY_SIGNING_SECRETS,
};

export const SUBSCRIPTION_INACTIVE: ConflictExample = {
  summary: 'the subscription is inactive',
  detail: 'The subscription is inactive; activate it first (PUT with is_active: true)',
};
