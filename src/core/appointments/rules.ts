/**
 * The booking rules. The core names them and words their refusals; the database layer expresses each
 * as a SQL guard so that the check and the write are one atomic step (src/db/appointment-guards.ts).
 * Order matters: when several are broken, the first one listed here is reported.
 */
/** No appointment lasts longer than a day; overlap searches rely on this bound. */
export const MAX_APPOINTMENT_MINUTES = 24 * 60;

export const BOOKING_RULES = [
  'provider_inactive',
  'location_inactive',
  'appointment_type_inactive',
  'patient_inactive',
  'room_unavailable',
  'provider_changed',
  'location_changed',
  'not_accepting_new_patients',
  'outside_availability',
  'patient_overlap',
  'room_taken',
  'max_daily',
  'max_concurrent',
] as const;
export type BookingRule = (typeof BOOKING_RULES)[number];

export interface RuleContext {
  maxConcurrent: number;
  maxDaily: number | null;
  buffer: number;
  localDate: string;
  /** for outside_availability: what was asked and what the provider's hours were that day */
  availability?: AvailabilityContext;
}

export interface AvailabilityContext {
  /** the location's zone, and the asked start and end in it */
  timezone: string;
  start: { date: string; time: string };
  end: { date: string; time: string };
  /** the provider's windows at the location on the start's date (`HH:MM-HH:MM`), for this appointment type */
  windows: string[];
  /** those for other appointment types only */
  otherTypesWindows: string[];
}

function availabilityDetail(a: AvailabilityContext): string {
  const asked =
    a.start.date === a.end.date ? `${a.start.time}-${a.end.time} on ${a.start.date}` : `${a.start.time} on ${a.start.date} to ${a.end.time} on ${a.end.date}`;
  const hours =
    a.windows.length > 0
      ? `works there ${a.windows.join(', ')}`
      : a.otherTypesWindows.length > 0
        ? `works there ${a.otherTypesWindows.join(', ')} for other appointment types only`
        : 'does not work there';
  return `${asked} (${a.timezone}), when the provider ${hours}`;
}

export function ruleMessage(rule: BookingRule, ctx: RuleContext): string {
  switch (rule) {
    case 'provider_inactive':
      return 'The provider is inactive';
    case 'location_inactive':
      return 'The location is inactive';
    case 'appointment_type_inactive':
      return 'The appointment type is inactive';
    case 'patient_inactive':
      return 'The patient is inactive';
    case 'room_unavailable':
      return 'The room is not in service at this location';
    case 'provider_changed':
      return "The provider's settings changed while booking; try again";
    case 'location_changed':
      return "The location's time zone changed while booking; try again";
    case 'not_accepting_new_patients':
      return 'The provider is not accepting new patients';
    case 'outside_availability':
      return `The time is outside the provider's availability at this location${ctx.availability ? `: ${availabilityDetail(ctx.availability)}` : ''}`;
    case 'patient_overlap':
      return 'The patient already has an appointment at an overlapping time';
    case 'room_taken':
      return 'The room is already booked at this time';
    case 'max_daily':
      return `The provider has reached max_daily_appointments (${ctx.maxDaily}) on ${ctx.localDate}`;
    case 'max_concurrent':
      return ctx.buffer > 0
        ? `Double booking: the provider is fully booked at this time, counting the buffer kept on both sides of each appointment (max_concurrent_appointments ${ctx.maxConcurrent}, buffer ${ctx.buffer} min)`
        : `Double booking: the provider already has ${ctx.maxConcurrent} appointment(s) at this time (max_concurrent_appointments ${ctx.maxConcurrent})`;
  }
}

/** The first broken rule, in the order above. */
export function firstBroken(broken: readonly BookingRule[]): BookingRule | undefined {
  return BOOKING_RULES.find((r) => broken.includes(r));
}

/** The 409 of a reschedule to the time, location, provider and room the appointment already has. */
export const RESCHEDULE_TO_ITSELF =
  'The appointment is already at this time, location, provider and room: nothing to reschedule (PUT changes notes or the room alone)';
