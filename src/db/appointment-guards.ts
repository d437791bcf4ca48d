/**
 * The booking rules of src/core/appointments/rules.ts as SQL guards. Each is a boolean expression that
 * holds when the rule is kept. The repository evaluates them all as one SELECT (to name what broke) and
 * conjoins them in the guarded INSERT/UPDATE, both in one atomic step (src/db/atomic.ts), so the answer
 * and the write see the same database state on SQLite and on D1.
 *
 * Availability semantics (the slot search follows the same ones): on the appointment's local date, a
 * `blocked` override (whole day, or overlapping hours) at that location or at all locations refuses;
 * otherwise an `added` override, or a `modified` override, that covers the whole appointment allows;
 * otherwise, unless a `modified` override replaces that day's hours there, an active, effective weekly
 * template at the location that covers the whole appointment (and lists its type, if it lists any)
 * allows. An appointment never spans two windows or local midnight.
 */
import { join, q, raw, type RawQuery } from './raw-sql';
import { MAX_APPOINTMENT_MINUTES, type BookingRule } from '../core/appointments/rules';
import type { Appointment } from '../core/model';
import type { BookingPlan } from '../core/ports';

const ACTIVE = raw(`('requested','confirmed','checked_in','in_progress')`);
/** The statuses whose appointments hold their time (the overlap rules count them), as an SQL list. */
export const ACTIVE_STATUSES = ACTIVE;

/**
 * The earliest start an appointment overlapping one that starts at `start` can have. Appointments last
 * at most MAX_APPOINTMENT_MINUTES, which turns every overlap search into a short index range scan.
 */
export function earliestOverlappingStart(start: string): string {
  return new Date(Date.parse(start) - MAX_APPOINTMENT_MINUTES * 60_000).toISOString();
}

/** An instant: an RFC 3339 UTC string, or an SQL expression that yields one (a column of a row being checked). */
export type Instant = string | RawQuery;

/** A number, or an SQL expression that yields one (a column of the provider row a standing offer is checked with). */
export type Count = number | RawQuery;

/**
 * `at` moved by `minutes`, in the stored format: computed here for values, in SQL for an expression
 * (a number of minutes from a column becomes the modifier `'<n> minutes'`).
 */
function moved(at: Instant, minutes: Count): Instant {
  if (typeof minutes !== 'number') return q`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, ${minutes} || ' minutes')`;
  if (typeof at === 'string') return new Date(Date.parse(at) + minutes * 60_000).toISOString();
  return minutes === 0 ? at : q`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, ${`${minutes >= 0 ? '+' : ''}${minutes} minutes`})`;
}

function negated(minutes: Count): Count {
  return typeof minutes === 'number' ? -minutes : q`(-${minutes})`;
}

/**
 * A provider's limits: the values a plan was made with, or (`live`) the columns of the provider row as
 * the statement reads it, for a standing offer re-checked after the clinic changed something
 * (standingOfferStillTakeable): what the row holds then is what the offer must fit.
 */
export type Limits = BookingPlan['provider'] | LiveLimits;
export interface LiveLimits {
  live: true;
  buffer: RawQuery;
  maxConcurrent: RawQuery;
  maxDaily: RawQuery;
}

function isLive(limits: Limits): limits is LiveLimits {
  return 'live' in limits;
}

/**
 * A time as the provider's limits and the patient's other appointments see it: a booking's plan, a freed
 * time offered from the waitlist, or a standing offer a booking may have made untakeable (takeableGuard).
 * Its patient, times and date may be SQL expressions over the row being checked.
 */
export interface TimePlan {
  appointment: { provider_profile_id: string | RawQuery; patient_id: string | RawQuery; start_time: Instant; end_time: Instant };
  provider: Limits;
  /** start − buffer and end + buffer, UTC */
  extendedStart: Instant;
  extendedEnd: Instant;
  /** the location's calendar date of the start */
  local: { date: string | RawQuery };
}

/** The earliest start an appointment overlapping one that starts at `start` can have (see earliestOverlappingStart). */
function earliestOverlapping(start: Instant): Instant {
  return moved(start, -MAX_APPOINTMENT_MINUTES);
}

function patientFreeGuard(plan: TimePlan, X: string): RawQuery {
  const a = plan.appointment;
  return q`NOT EXISTS (SELECT 1 FROM appointments e WHERE e.patient_id = ${a.patient_id} AND e.status IN ${ACTIVE}
    AND e.id <> ${X} AND e.start_time > ${earliestOverlapping(a.start_time)} AND e.start_time < ${a.end_time} AND e.end_time > ${a.start_time})`;
}

function maxDailyGuard(plan: TimePlan, X: string): RawQuery {
  return q`(${plan.provider.maxDaily} IS NULL OR (SELECT count(*) FROM appointments e WHERE e.provider_profile_id = ${plan.appointment.provider_profile_id}
    AND e.local_date = ${plan.local.date} AND e.status <> 'cancelled' AND e.id <> ${X}) < ${plan.provider.maxDaily})`;
}

/**
 * This appointment's side of max concurrent: the most appointments the provider holds at any instant
 * of [start − buffer, end + buffer) stays below the limit. That maximum is reached at the window's start
 * or where another appointment starts inside it.
 */
function maxConcurrentGuard(plan: TimePlan, X: string): RawQuery {
  const P = plan.appointment.provider_profile_id;
  return q`NOT EXISTS (SELECT 1 FROM (
      SELECT ${plan.extendedStart} AS at
      UNION SELECT e.start_time FROM appointments e WHERE e.provider_profile_id = ${P} AND e.status IN ${ACTIVE}
        AND e.id <> ${X} AND e.start_time > ${plan.extendedStart} AND e.start_time < ${plan.extendedEnd}
    ) points
    WHERE (SELECT count(*) FROM appointments c WHERE c.provider_profile_id = ${P} AND c.status IN ${ACTIVE}
      AND c.id <> ${X} AND c.start_time > ${earliestOverlapping(plan.extendedStart)} AND c.start_time <= points.at
      AND c.end_time > points.at) >= ${plan.provider.maxConcurrent})`;
}

/**
 * The other appointments' side: an instant of this appointment that lies in another one's buffer
 * (within `buffer` before its start or after its end) may meet at most max_concurrent − 2 further
 * appointments, since that one, extended, counts this appointment there too. Without it, the order
 * of booking would decide whether a set of appointments may stand together: with two places and a
 * 10-minute buffer, 12:05–12:35 booked first let two 12:35–13:05 in beside it, though either of
 * those booked first keeps 12:05–12:35 out. The maximum over this appointment's instants inside
 * some buffer is reached where such a stretch begins (its start, another's start − buffer or end)
 * or where another appointment starts. With one place the check above already covers it.
 */
function othersBuffersGuard(plan: TimePlan, X: string): RawQuery {
  const a = plan.appointment;
  const P = a.provider_profile_id;
  const limits = plan.provider;
  const { buffer, maxConcurrent } = limits;
  const earliest = earliestOverlapping(plan.extendedStart);
  // (the limits are the ones read with the plan; a booking's provider_changed guard holds them)
  if (!isLive(limits) && (limits.buffer === 0 || limits.maxConcurrent === 1)) return raw('1');
  const others = typeof maxConcurrent === 'number' ? maxConcurrent - 1 : q`(${maxConcurrent} - 1)`;
  const guard = q`(NOT EXISTS (SELECT 1 FROM (
      SELECT ${a.start_time} AS at
      UNION SELECT e.start_time FROM appointments e WHERE e.provider_profile_id = ${P} AND e.status IN ${ACTIVE}
        AND e.id <> ${X} AND e.start_time > ${a.start_time} AND e.start_time < ${a.end_time}
      UNION SELECT ${moved(raw('e.start_time'), negated(buffer))} FROM appointments e WHERE e.provider_profile_id = ${P} AND e.status IN ${ACTIVE}
        AND e.id <> ${X} AND e.start_time > ${a.start_time} AND e.start_time < ${plan.extendedEnd}
      UNION SELECT e.end_time FROM appointments e WHERE e.provider_profile_id = ${P} AND e.status IN ${ACTIVE}
        AND e.id <> ${X} AND e.start_time > ${earliest} AND e.start_time < ${a.end_time}
        AND e.end_time > ${a.start_time} AND e.end_time < ${a.end_time}
    ) points
    WHERE points.at >= ${a.start_time} AND points.at < ${a.end_time}
      AND EXISTS (SELECT 1 FROM appointments z WHERE z.provider_profile_id = ${P} AND z.status IN ${ACTIVE}
        AND z.id <> ${X} AND z.start_time > ${earliest} AND z.start_time < ${plan.extendedEnd}
        AND ((z.start_time > points.at AND ${moved(raw('z.start_time'), negated(buffer))} <= points.at)
          OR (z.end_time <= points.at AND ${moved(raw('z.end_time'), buffer)} > points.at)))
      AND (SELECT count(*) FROM appointments c WHERE c.provider_profile_id = ${P} AND c.status IN ${ACTIVE}
        AND c.id <> ${X} AND c.start_time > ${earliestOverlapping(a.start_time)} AND c.start_time <= points.at
        AND c.end_time > points.at) >= ${others}))`;
  return isLive(limits) ? q`(${limits.buffer} = 0 OR ${limits.maxConcurrent} = 1 OR ${guard})` : guard;
}

/**
 * The provider's limits are still the ones the plan was made with (the other guards count with them);
 * limits read live from the provider row are the ones it has.
 */
function limitsUnchanged(providerId: string | RawQuery, provider: Limits): RawQuery {
  if (isLive(provider)) return raw('1');
  return q`EXISTS (SELECT 1 FROM providers p WHERE p.id = ${providerId}
    AND p.buffer_between_appointments_minutes = ${provider.buffer}
    AND p.max_concurrent_appointments = ${provider.maxConcurrent}
    AND coalesce(p.max_daily_appointments, -1) = ${provider.maxDaily ?? -1})`;
}

/**
 * The provider could take this time now, as a booking of it would be checked (with the limits it has
 * now: max concurrent from every side, with the buffer, and max daily), and the patient has no active
 * appointment then. With `offer` (a waitlist offer of a freed time is written on it), the other rules
 * a booking without a room is checked on too: provider, location, type and patient active, the
 * provider takes this patient, and works then, as templates and overrides say now (a day blocked
 * before its appointments were cancelled is offered to no one). A booking sends back to the queue the
 * entries whose standing offer no longer meets the first part (standingOfferTakeable): the rest a
 * booking does not change. A change to those records, the provider's limits or its hours sends back
 * those whose standing offer no longer meets the whole (standingOfferStillTakeable).
 */
export function takeableGuard(plan: TimePlan, offer?: OfferCheck): RawQuery {
  let offerRules = raw('1');
  if (offer) {
    const patient = plan.appointment.patient_id;
    const works = availabilityGuard(offer);
    const hours = offer.hoursUnknown ? q`(${offer.hoursUnknown} OR ${works})` : works;
    offerRules = q`${offerRecordsActive(offer, patient)} AND ${acceptsPatientGuard(offer.providerId, patient, '')} AND ${hours}`;
  }
  return q`(${limitsUnchanged(plan.appointment.provider_profile_id, plan.provider)} AND ${patientFreeGuard(plan, '')}
    AND ${maxDailyGuard(plan, '')} AND ${maxConcurrentGuard(plan, '')} AND ${othersBuffersGuard(plan, '')}
    AND ${offerRules})`;
}

/** Built standing-offer guards by provider and limits: every booking needs one, and they seldom change. */
const standingOfferGuards = new Map<string, RawQuery>();
const MAX_STANDING_OFFER_GUARDS = 1_000;

/**
 * `takeableGuard` for the standing offer `f` of the entry `w` (aliases in the statement it is used in):
 * its time, its patient and its local date come from those rows.
 */
export function standingOfferTakeable(providerId: string, provider: BookingPlan['provider']): RawQuery {
  const key = `${providerId} ${provider.buffer} ${provider.maxConcurrent} ${provider.maxDaily}`;
  let guard = standingOfferGuards.get(key);
  if (guard) return guard;
  const start = raw('f.start_time');
  const end = raw('f.end_time');
  guard = takeableGuard({
    appointment: { provider_profile_id: providerId, patient_id: raw('w.patient_id'), start_time: start, end_time: end },
    provider,
    extendedStart: moved(start, -provider.buffer),
    extendedEnd: moved(end, provider.buffer),
    local: { date: raw('f.local_date') },
  });
  if (standingOfferGuards.size >= MAX_STANDING_OFFER_GUARDS) standingOfferGuards.clear();
  standingOfferGuards.set(key, guard);
  return guard;
}

let standingOfferStillTakeableGuard: RawQuery | undefined;

/**
 * `takeableGuard` with every rule a waitlist offer is written on, for the standing offer `f` of the
 * entry `w`, with the limits the provider row `pl` (f's provider, joined in the statement) has: what is
 * left of the offer after the clinic changed its provider, its hours, its location, the entry's type or
 * patient. Its time, local date and clock times, location and provider come from `f`, its patient and
 * type from `w`; an offer written without its clock times (before they were stored) keeps its hours
 * unchecked. The text has no parameters, so it is built once.
 */
export function standingOfferStillTakeable(): RawQuery {
  if (standingOfferStillTakeableGuard) return standingOfferStillTakeableGuard;
  const start = raw('f.start_time');
  const end = raw('f.end_time');
  const limits: LiveLimits = {
    live: true,
    buffer: raw('pl.buffer_between_appointments_minutes'),
    maxConcurrent: raw('pl.max_concurrent_appointments'),
    maxDaily: raw('pl.max_daily_appointments'),
  };
  standingOfferStillTakeableGuard = takeableGuard(
    {
      appointment: { provider_profile_id: raw('f.provider_id'), patient_id: raw('w.patient_id'), start_time: start, end_time: end },
      provider: limits,
      extendedStart: moved(start, negated(limits.buffer)),
      extendedEnd: moved(end, limits.buffer),
      local: { date: raw('f.local_date') },
    },
    {
      tenantId: raw('f.tenant_id'),
      providerId: raw('f.provider_id'),
      locationId: raw('f.location_id'),
      appointmentTypeId: raw('w.appointment_type_id'),
      local: { date: raw('f.local_date'), start: raw('f.local_start'), end: raw('f.local_end'), dayOfWeek: raw(`CAST(strftime('%w', f.local_date) AS INTEGER)`) },
      hoursUnknown: raw('f.local_start IS NULL'),
    },
  );
  return standingOfferStillTakeableGuard;
}

export interface Guard {
  rule: BookingRule;
  ok: RawQuery;
}

/**
 * The provider takes this patient: it accepts new patients, or the patient has an appointment with it
 * that was not cancelled (through the patient's appointments: `+` keeps the planner off the provider's,
 * usually many more).
 */
function acceptsPatientGuard(providerId: string | RawQuery, patientId: string | RawQuery, X: string): RawQuery {
  return q`EXISTS (SELECT 1 FROM providers p WHERE p.id = ${providerId} AND (p.is_accepting_new_patients = 1
    OR EXISTS (SELECT 1 FROM appointments e WHERE e.patient_id = ${patientId} AND +e.provider_profile_id = ${providerId}
      AND e.status <> 'cancelled' AND e.id <> ${X})))`;
}

/**
 * A time at a location as the provider's working hours see it: its local date, clock times and weekday
 * (values, or SQL expressions over the row of a standing offer being checked).
 */
export interface AvailabilityCheck {
  providerId: string | RawQuery;
  locationId: string | RawQuery;
  appointmentTypeId: string | RawQuery;
  local: { date: string | RawQuery; start: string | RawQuery; end: string | RawQuery; dayOfWeek: number | RawQuery };
}

/** What a waitlist offer of a freed time is checked on besides the provider's limits and the patient's time. */
export interface OfferCheck extends AvailabilityCheck {
  tenantId: string | RawQuery;
  /** when it holds, the clock times are not known and the hours are not checked */
  hoursUnknown?: RawQuery;
}

/** The provider, the location, the appointment type and the patient of an offered time are still active. */
function offerRecordsActive(check: OfferCheck, patientId: string | RawQuery): RawQuery {
  const T = check.tenantId;
  return q`EXISTS (SELECT 1 FROM providers p WHERE p.id = ${check.providerId} AND p.tenant_id = ${T} AND p.is_active = 1)
    AND EXISTS (SELECT 1 FROM locations l WHERE l.id = ${check.locationId} AND l.tenant_id = ${T} AND l.is_active = 1)
    AND EXISTS (SELECT 1 FROM appointment_types y WHERE y.id = ${check.appointmentTypeId} AND y.tenant_id = ${T} AND y.is_active = 1)
    AND EXISTS (SELECT 1 FROM patients pa WHERE pa.id = ${patientId} AND pa.tenant_id = ${T} AND pa.is_active = 1)`;
}

/** The provider works this whole time at this location, for this appointment type (see the file's head). */
function availabilityGuard(check: AvailabilityCheck): RawQuery {
  const { providerId: P, locationId: L, appointmentTypeId: Y } = check;
  const { date: D, start: LS, end: LE, dayOfWeek: W } = check.local;
  const templateWhere = q`t.provider_id = ${P} AND t.is_active = 1 AND t.day_of_week = ${W} AND t.location_id = ${L}
      AND (t.effective_from IS NULL OR t.effective_from <= ${D}) AND (t.effective_until IS NULL OR t.effective_until >= ${D})`;
  const templateAtLocation = q`EXISTS (SELECT 1 FROM schedule_templates t WHERE ${templateWhere})`;
  const templateCovers = q`EXISTS (SELECT 1 FROM schedule_templates t WHERE ${templateWhere}
      AND t.start_time <= ${LS} AND t.end_time >= ${LE}
      AND (t.appointment_type_ids = '[]'
        OR EXISTS (SELECT 1 FROM json_each(t.appointment_type_ids) j WHERE j.value = ${Y})))`;
  return q`(${LS} < ${LE}
    AND NOT EXISTS (SELECT 1 FROM schedule_overrides o WHERE o.provider_id = ${P} AND o.date = ${D} AND o.type = 'blocked'
      AND (o.location_id IS NULL OR o.location_id = ${L})
      AND (o.start_time IS NULL OR (o.start_time < ${LE} AND o.end_time > ${LS})))
    AND (
      EXISTS (SELECT 1 FROM schedule_overrides o WHERE o.provider_id = ${P} AND o.date = ${D}
        AND o.type IN ('added', 'modified') AND o.start_time <= ${LS} AND o.end_time >= ${LE}
        AND (o.location_id = ${L} OR (o.location_id IS NULL AND o.type = 'modified' AND ${templateAtLocation})))
      OR (
        NOT EXISTS (SELECT 1 FROM schedule_overrides o WHERE o.provider_id = ${P} AND o.date = ${D} AND o.type = 'modified'
          AND (o.location_id = ${L} OR (o.location_id IS NULL AND ${templateAtLocation})))
        AND ${templateCovers}
      )
    ))`;
}

/** `ignoreId`: an appointment to treat as gone (the one being rescheduled). */
export function bookingGuards(plan: BookingPlan, ignoreId: string | null = null): Guard[] {
  const a = plan.appointment;
  const T = plan.tenantId;
  const P = a.provider_profile_id;
  const L = a.location_id;
  const X = ignoreId ?? '';

  return [
    {
      rule: 'provider_inactive',
      ok: q`EXISTS (SELECT 1 FROM providers p WHERE p.id = ${P} AND p.tenant_id = ${T} AND p.is_active = 1)`,
    },
    {
      rule: 'location_inactive',
      ok: q`EXISTS (SELECT 1 FROM locations l WHERE l.id = ${L} AND l.tenant_id = ${T} AND l.is_active = 1)`,
    },
    {
      rule: 'appointment_type_inactive',
      ok: q`EXISTS (SELECT 1 FROM appointment_types y WHERE y.id = ${a.appointment_type_id} AND y.tenant_id = ${T} AND y.is_active = 1)`,
    },
    {
      rule: 'patient_inactive',
      ok: q`EXISTS (SELECT 1 FROM patients pa WHERE pa.id = ${a.patient_id} AND pa.tenant_id = ${T} AND pa.is_active = 1)`,
    },
    {
      rule: 'room_unavailable',
      ok: q`(${a.room_id} IS NULL OR EXISTS (SELECT 1 FROM rooms r WHERE r.id = ${a.room_id} AND r.location_id = ${L} AND r.tenant_id = ${T} AND r.is_active = 1))`,
    },
    {
      rule: 'provider_changed',
      ok: limitsUnchanged(P, plan.provider),
    },
    {
      // the local date and clock times the other guards check were computed in this zone
      rule: 'location_changed',
      ok: q`EXISTS (SELECT 1 FROM locations l WHERE l.id = ${L} AND l.tenant_id = ${T} AND l.timezone = ${plan.timezone})`,
    },
    {
      rule: 'not_accepting_new_patients',
      ok: acceptsPatientGuard(P, a.patient_id, X),
    },
    {
      rule: 'outside_availability',
      ok: availabilityGuard({ providerId: P, locationId: L, appointmentTypeId: a.appointment_type_id, local: plan.local }),
    },
    {
      rule: 'patient_overlap',
      ok: patientFreeGuard(plan, X),
    },
    {
      rule: 'room_taken',
      ok: q`(${a.room_id} IS NULL OR NOT EXISTS (SELECT 1 FROM appointments e WHERE e.room_id = ${a.room_id} AND e.status IN ${ACTIVE}
        AND e.id <> ${X} AND e.start_time > ${earliestOverlappingStart(a.start_time)} AND e.start_time < ${a.end_time} AND e.end_time > ${a.start_time}))`,
    },
    {
      rule: 'max_daily',
      ok: maxDailyGuard(plan, X),
    },
    {
      // Every appointment of the provider, extended by the buffer on both sides, meets fewer than
      // max_concurrent others at any instant: this one's, and that of each appointment it lands near.
      rule: 'max_concurrent',
      ok: q`(${maxConcurrentGuard(plan, X)} AND ${othersBuffersGuard(plan, X)})`,
    },
  ];
}

/** `SELECT <guard> AS <rule>, … WHERE <when>`: which rules hold right now (no row unless `when`). */
export function guardReport(guards: Guard[], when: RawQuery): RawQuery {
  const columns = join(
    guards.map((g) => q`CASE WHEN ${g.ok} THEN 1 ELSE 0 END AS ${raw(g.rule)}`),
    ', ',
  );
  return q`SELECT ${columns} WHERE ${when}`;
}

/** All guards at once, for a WHERE clause. */
export function allGuards(guards: Guard[]): RawQuery {
  return join(
    guards.map((g) => q`(${g.ok})`),
    ' AND ',
  );
}

/** The rules a guard report row says are broken. */
export function brokenRules(row: Record<string, unknown> | undefined, guards: Guard[]): BookingRule[] {
  if (!row) return guards.map((g) => g.rule);
  return guards.filter((g) => Number(row[g.rule]) !== 1).map((g) => g.rule);
}
