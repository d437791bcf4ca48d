/**
 * Waitlist entries, their queue positions and offers. Writes are atomic steps (src/db/atomic.ts) whose
 * follow-up statements are guarded on the first one having happened; queue positions are counted in
 * SQL, specialties compared case- and accent-insensitively with the providers' fold.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { join, q, raw, type RawQuery } from '../raw-sql';
import { insertOutboxEvent } from './outbox';
import { storeReplyWithValueStep } from './tenants';
import { earliestOverlappingStart, standingOfferTakeable, takeableGuard } from '../appointment-guards';
import { LATEST_OFFER, entryWantsProvider } from './standing-offers';
import { foldText } from './providers';
import type { DayPeriod, OutboxEvent, PatientChannel, WaitlistEntry, WaitlistStatus } from '../../core/model';
import type { BookingPlan, UpcomingOffer, WaitlistCandidate, WaitlistEntryView, WaitlistOfferEffect, WaitlistRepo } from '../../core/ports';

const ACTIVE = `('waiting','offered')`;
const ACTIVE_SQL = sql.raw(ACTIVE);
const ACTIVE_RAW = raw(ACTIVE);
const APPOINTMENT_ACTIVE_SQL = sql.raw(`('requested','confirmed','checked_in','in_progress')`);

type Row = Record<string, unknown>;

function toEntry(row: Row): WaitlistEntry {
  return {
    id: String(row.id),
    patient_id: String(row.patient_id),
    appointment_type_id: String(row.appointment_type_id),
    provider_id: (row.provider_id as string | null) ?? null,
    specialty: (row.specialty as string | null) ?? null,
    location_id: (row.location_id as string | null) ?? null,
    date_from: (row.date_from as string | null) ?? null,
    date_to: (row.date_to as string | null) ?? null,
    periods: JSON.parse(String(row.periods ?? '[]')) as DayPeriod[],
    priority: Number(row.priority),
    status: row.status as WaitlistStatus,
    notes: (row.notes as string | null) ?? null,
    created_at: String(row.created_at),
    updated_at: String(row.updated_at),
  };
}

function toView(row: Row): WaitlistEntryView {
  const status = row.status_now as WaitlistStatus;
  const offers = (JSON.parse(String(row.offers ?? '[]')) as WaitlistEntryView['offers']).sort((a, b) =>
    a.offered_at < b.offered_at ? -1 : a.offered_at > b.offered_at ? 1 : 0,
  );
  const ahead = row.ahead === null || row.ahead === undefined ? null : Number(row.ahead);
  return { ...toEntry(row), status, position: ahead === null ? null : ahead + 1, ahead, total: Number(row.total), offers };
}

/**
 * `o` is in the same queue as `e`: the same provider when `e` has one; otherwise no provider and the
 * same specialty, case and accents ignored.
 */
const SAME_QUEUE = sql`((e.provider_id IS NOT NULL AND o.provider_id = e.provider_id)
  OR (e.provider_id IS NULL AND o.provider_id IS NULL AND o.specialty_key = e.specialty_key))`;

/** `o` ranks before `e`: higher priority, then earlier arrival. */
const RANKS_BEFORE = sql`(o.priority > e.priority OR (o.priority = e.priority
  AND (o.created_at < e.created_at OR (o.created_at = e.created_at AND o.id < e.id))))`;

/**
 * Entry `alias` is offered a time that has started by `now` (the parameter that follows this text):
 * the offer lapsed unused, and the entry waits again. Its standing offer is its latest one (an entry is
 * offered nothing while `offered`).
 */
function lapsedOfferText(alias: string): string {
  return `${alias}.status = 'offered' AND (SELECT g.start_time FROM waitlist_offers g WHERE g.entry_id = ${alias}.id
    ORDER BY g.offered_at DESC, g.id DESC LIMIT 1) <=`;
}

const lapsedOffer = (alias: string, now: string): SQL => sql`(${sql.raw(lapsedOfferText(alias))} ${now})`;
const lapsedOfferRaw = (alias: string, now: string): RawQuery => q`(${raw(lapsedOfferText(alias))} ${now})`;

/** Entry `e`'s status as it stands at `now`. */
const statusAt = (now: string): SQL => sql`(CASE WHEN ${lapsedOffer('e', now)} THEN 'waiting' ELSE e.status END)`;

/** Entries of the tenant as views at `now` (status, position, queue size, offers), filtered by `where`. */
function viewQuery(now: string, where: SQL, tail: SQL = sql``): SQL {
  return sql`SELECT e.*, ${statusAt(now)} AS status_now,
      CASE WHEN e.status IN ${ACTIVE_SQL} THEN
        (SELECT count(*) FROM waitlist_entries o
          WHERE o.tenant_id = e.tenant_id AND o.status IN ${ACTIVE_SQL} AND ${SAME_QUEUE} AND ${RANKS_BEFORE})
      END AS ahead,
      (SELECT count(*) FROM waitlist_entries o WHERE o.tenant_id = e.tenant_id AND o.status IN ${ACTIVE_SQL} AND ${SAME_QUEUE}) AS total,
      (SELECT json_group_array(json_object('id', f.id, 'start_time', f.start_time, 'end_time', f.end_time, 'provider_id', f.provider_id,
          'location_id', f.location_id, 'offered_at', f.offered_at, 'released_at', f.released_at))
        FROM waitlist_offers f WHERE f.entry_id = e.id AND f.tenant_id = e.tenant_id) AS offers
    FROM waitlist_entries e
    WHERE ${where}${tail}`;
}

/** Followed by the writes of an offer, each guarded on the offer row having been written. */
function offerWritten(offerId: string): RawQuery {
  return q`EXISTS (SELECT 1 FROM waitlist_offers WHERE id = ${offerId})`;
}

/**
 * The statements of one waitlist offer, for the atomic step of the cancellation that frees the time.
 * `happened` is the cancellation's own guard (its change id on the appointment row). The offer row is
 * written only if the cancellation happened, the entry is still waiting (or its offer lapsed unused,
 * see lapsedOfferText) and still wants the provider (entryWantsProvider: its specialty may have been
 * removed from the provider since the candidates were read), the location still has the time zone its
 * local date and clock times were computed in (a change of zone recomputes only the offers it finds), the time can still be taken (takeableGuard: the provider's capacity with
 * buffers and daily limit, and every other rule a booking without a room is checked on, the patient
 * active and free included), and fewer than `maxOffers` of the offers ranked before it
 * were written; the entry's status, the event and the message follow the offer row.
 */
export function waitlistOfferSteps(effect: WaitlistOfferEffect, happened: RawQuery): AtomicStep[] {
  const { tenantId, offer, event, message } = effect;
  const quota =
    effect.before.length >= effect.maxOffers
      ? q` AND (SELECT count(*) FROM waitlist_offers WHERE id IN (${join(effect.before.map((id) => q`${id}`), ', ')})) < ${effect.maxOffers}`
      : raw('');
  const { local } = effect.booking;
  const offerRow = q`INSERT INTO waitlist_offers (id, tenant_id, entry_id, source_appointment_id, provider_id, location_id,
      start_time, end_time, offered_at, local_date, local_start, local_end)
    SELECT ${offer.id}, ${tenantId}, ${offer.entry_id}, ${offer.source_appointment_id}, ${offer.provider_id}, ${offer.location_id},
      ${offer.start_time}, ${offer.end_time}, ${offer.offered_at}, ${local.date}, ${local.start}, ${local.end}
    WHERE ${happened}
      AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.id = ${offer.entry_id} AND w.tenant_id = ${tenantId}
        AND (w.status = 'waiting' OR ${lapsedOfferRaw('w', offer.offered_at)})
        AND ${entryWantsProvider('w', offer.provider_id)})
      AND EXISTS (SELECT 1 FROM locations l WHERE l.id = ${offer.location_id} AND l.timezone = ${effect.booking.timezone})
      AND ${takeableGuard(
        {
          appointment: { provider_profile_id: offer.provider_id, patient_id: effect.patientId, start_time: offer.start_time, end_time: offer.end_time },
          provider: effect.booking.provider,
          extendedStart: effect.booking.extendedStart,
          extendedEnd: effect.booking.extendedEnd,
          local: { date: effect.booking.local.date },
        },
        {
          tenantId,
          providerId: offer.provider_id,
          locationId: offer.location_id,
          appointmentTypeId: effect.booking.appointmentTypeId,
          local: effect.booking.local,
        },
      )}${quota}`;
  const written = offerWritten(offer.id);
  return [
    { run: offerRow },
    {
      run: q`UPDATE waitlist_entries SET status = 'offered', updated_at = ${offer.offered_at}
        WHERE id = ${offer.entry_id} AND tenant_id = ${tenantId} AND status IN ${ACTIVE_RAW} AND ${written}`,
    },
    { run: insertOutboxEvent(tenantId, event, written) },
    {
      // sent by the channels at once (src/channels/patient-messages.ts), and no longer once the time has begun
      run: q`INSERT INTO outbound_messages (id, tenant_id, patient_id, channel, kind, body, payload, created_at, sent_at, status, send_before, next_attempt_at)
        SELECT ${message.id}, ${tenantId}, ${message.patient_id}, ${message.channel}, ${message.kind}, ${message.body},
          ${JSON.stringify(message.payload)}, ${message.created_at}, NULL, 'pending', ${offer.start_time}, ${message.created_at}
        WHERE ${written}`,
    },
  ];
}

/** The widest a location's offset from UTC gets (UTC−12 to UTC+14), in minutes: a local date's instants lie within it. */
const WIDEST_OFFSET_MINUTES = 14 * 60;

/**
 * What a booking does to the waitlist's standing offers, for the booking's own atomic step (`happened`:
 * the booking's guard). The patient who takes the time of their standing offer is served: their entry
 * is `booked` (a time offered before it, which lapsed or was given back, is just a time: booking it
 * leaves the entry and its standing offer as they are). Every other entry whose standing offer of this
 * provider the booking leaves untakeable waits again, and can be offered the next freed time: a time it
 * overlaps or lies within a buffer of (as max concurrent counts them), one of the patient's own times,
 * or any time of a day the booking fills (max daily). An entry is offered nothing while `offered`, so
 * its standing offer is its latest one.
 */
export function waitlistBookingSteps(plan: BookingPlan, happened: RawQuery): AtomicStep[] {
  const { tenantId, provider: limits, extendedStart, extendedEnd } = plan;
  const { patient_id: patient, provider_profile_id: provider, start_time: start, created_at: at } = plan.appointment;
  // Only offers near the booking can have changed: those its buffered time reaches, and with a daily
  // limit, those of its local date (within the widest offsets of its UTC day).
  let from = earliestOverlappingStart(extendedStart);
  let to = extendedEnd;
  if (limits.maxDaily !== null) {
    const dayStart = Date.parse(`${plan.local.date}T00:00:00.000Z`);
    const dayFrom = new Date(dayStart - WIDEST_OFFSET_MINUTES * 60_000).toISOString();
    const dayTo = new Date(dayStart + 24 * 3_600_000 + WIDEST_OFFSET_MINUTES * 60_000).toISOString();
    if (dayFrom < from) from = dayFrom;
    if (dayTo > to) to = dayTo;
  }
  return [
    {
      run: q`UPDATE waitlist_entries SET status = 'booked', updated_at = ${at}
        WHERE patient_id = ${patient} AND status = 'offered' AND tenant_id = ${tenantId}
          AND EXISTS (SELECT 1 FROM waitlist_offers f WHERE f.entry_id = waitlist_entries.id
            AND f.provider_id = ${provider} AND f.start_time = ${start} AND ${raw(LATEST_OFFER)})
          AND ${happened}`,
    },
    {
      run: q`UPDATE waitlist_entries SET status = 'waiting', updated_at = ${at}
        WHERE id IN (SELECT f.entry_id FROM waitlist_offers f JOIN waitlist_entries w ON w.id = f.entry_id
            WHERE f.provider_id = ${provider} AND f.start_time > ${from} AND f.start_time < ${to} AND f.tenant_id = ${tenantId}
              AND w.status = 'offered' AND ${raw(LATEST_OFFER)}
              AND NOT ${standingOfferTakeable(provider, limits)})
          AND status = 'offered'
          AND ${happened}`,
    },
  ];
}

/**
 * An active entry (as `d`) of the tenant for the same wish as `entry`: the same patient and appointment
 * type, the same queue (the provider; without one, the specialty, case and accents ignored), location,
 * dates and set of periods. Priority and notes do not make another wish.
 */
function sameWish(tenantId: string, entry: WaitlistEntry): RawQuery {
  const queue =
    entry.provider_id !== null
      ? q`d.provider_id = ${entry.provider_id}`
      : q`d.provider_id IS NULL AND d.specialty_key = ${foldText(entry.specialty ?? '')}`;
  // periods are stored without repeats, so the same count and each one present is the same set
  return q`d.tenant_id = ${tenantId} AND d.patient_id = ${entry.patient_id} AND d.status IN ${ACTIVE_RAW}
    AND d.appointment_type_id = ${entry.appointment_type_id} AND ${queue}
    AND d.location_id IS ${entry.location_id} AND d.date_from IS ${entry.date_from} AND d.date_to IS ${entry.date_to}
    AND json_array_length(d.periods) = ${entry.periods.length}
    AND NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(entry.periods)}) AS m
      WHERE m.value NOT IN (SELECT value FROM json_each(d.periods)))`;
}

function activeRecord(table: 'patients' | 'appointment_types' | 'providers' | 'locations', id: string, tenantId: string): RawQuery {
  return q`EXISTS (SELECT 1 FROM ${raw(table)} WHERE id = ${id} AND tenant_id = ${tenantId} AND is_active = 1)`;
}

export function waitlistRepo(db: AppDatabase): WaitlistRepo {
  async function get(tenantId: string, id: string, now: string): Promise<WaitlistEntryView | null> {
    const [row] = await readRows(db, viewQuery(now, sql`e.tenant_id = ${tenantId} AND e.id = ${id}`));
    return row ? toView(row) : null;
  }

  return {
    async references(tenantId, refs) {
      const [row] = await readRows(
        db,
        q`SELECT
          (SELECT is_active FROM patients WHERE id = ${refs.patient} AND tenant_id = ${tenantId}) AS patient,
          (SELECT is_active FROM appointment_types WHERE id = ${refs.type} AND tenant_id = ${tenantId}) AS appointment_type,
          (SELECT is_active FROM providers WHERE id = ${refs.provider} AND tenant_id = ${tenantId}) AS provider,
          (SELECT json_object('is_active', is_active, 'timezone', timezone) FROM locations
            WHERE id = ${refs.location} AND tenant_id = ${tenantId}) AS location`,
      );
      const flag = (v: unknown) => (v === null || v === undefined ? null : { is_active: Number(v) === 1 });
      const location = row?.location ? (JSON.parse(String(row.location)) as { is_active: number; timezone: string }) : null;
      return {
        patient: flag(row?.patient),
        appointmentType: flag(row?.appointment_type),
        provider: flag(row?.provider),
        location: location ? { is_active: Number(location.is_active) === 1, timezone: location.timezone } : null,
      };
    },

    async insert(tenantId, entry, event, reply, replaces) {
      const guards = [activeRecord('patients', entry.patient_id, tenantId), activeRecord('appointment_types', entry.appointment_type_id, tenantId)];
      if (entry.provider_id !== null) guards.push(activeRecord('providers', entry.provider_id, tenantId));
      if (entry.location_id !== null) guards.push(activeRecord('locations', entry.location_id, tenantId));
      // the entry this one takes the place of still waits (not offered a time, booked or removed meanwhile)
      if (replaces) {
        guards.push(q`EXISTS (SELECT 1 FROM waitlist_entries r WHERE r.id = ${replaces.id} AND r.tenant_id = ${tenantId}
          AND r.patient_id = ${entry.patient_id} AND r.status = 'waiting')`);
      }
      const all = guards.reduce((acc, g) => q`${acc} AND ${g}`);
      const duplicate = sameWish(tenantId, entry);
      const written = sql`EXISTS (SELECT 1 FROM waitlist_entries WHERE id = ${entry.id})`;
      // its position as this step leaves its queue: the stored reply and the answer both carry it
      const position = sql`(SELECT count(*) + 1 FROM waitlist_entries e JOIN waitlist_entries o ON o.tenant_id = e.tenant_id
        WHERE e.id = ${entry.id} AND o.status IN ${ACTIVE_SQL} AND ${SAME_QUEUE} AND ${RANKS_BEFORE})`;
      const results = await runAtomic(db, [
        // read first, in the same step: the duplicate the insert's guard is about to see, to name it
        { all: q`SELECT d.id FROM waitlist_entries AS d WHERE ${duplicate} ORDER BY d.created_at, d.id LIMIT 1` },
        {
          run: q`INSERT INTO waitlist_entries (id, tenant_id, patient_id, appointment_type_id, provider_id, specialty, location_id,
              date_from, date_to, periods, priority, status, notes, created_at, updated_at)
            SELECT ${entry.id}, ${tenantId}, ${entry.patient_id}, ${entry.appointment_type_id}, ${entry.provider_id}, ${entry.specialty},
              ${entry.location_id}, ${entry.date_from}, ${entry.date_to}, ${JSON.stringify(entry.periods)}, ${entry.priority},
              ${entry.status}, ${entry.notes}, ${entry.created_at}, ${entry.updated_at}
            WHERE ${all} AND NOT EXISTS (SELECT 1 FROM waitlist_entries AS d WHERE ${duplicate})`,
        },
        { run: insertOutboxEvent(tenantId, event, q`EXISTS (SELECT 1 FROM waitlist_entries WHERE id = ${entry.id})`) },
        // the replaced entry leaves with the new one's insert, before the new one's position is counted
        ...(replaces
          ? [
              { run: insertOutboxEvent(tenantId, replaces.event, q`EXISTS (SELECT 1 FROM waitlist_entries WHERE id = ${entry.id})`) },
              {
                run: q`UPDATE waitlist_entries SET status = 'removed', updated_at = ${entry.created_at}
                  WHERE id = ${replaces.id} AND tenant_id = ${tenantId} AND status = 'waiting'
                    AND EXISTS (SELECT 1 FROM outbox WHERE id = ${replaces.event.id})`,
              },
            ]
          : []),
        ...(reply ? [{ run: storeReplyWithValueStep(tenantId, reply, 'position', position, written) }] : []),
        { all: sql`SELECT ${position} AS position WHERE ${written}` },
      ]);
      const [row] = results[results.length - 1] as Record<string, unknown>[];
      if (results[1] === 1 && row) return { position: Number(row.position) };
      const [existing] = results[0] as Record<string, unknown>[];
      return existing ? { duplicateOf: String(existing.id) } : null;
    },

    get,

    async list(tenantId, filter, page, now) {
      const conditions: SQL[] = [sql`e.tenant_id = ${tenantId}`];
      if (filter.patient_id) conditions.push(sql`e.patient_id = ${filter.patient_id}`);
      if (filter.provider_id) conditions.push(sql`e.provider_id = ${filter.provider_id}`);
      if (filter.specialty !== undefined) {
        conditions.push(sql`e.specialty IS NOT NULL AND e.specialty_key = ${foldText(filter.specialty.trim())}`);
      }
      if (filter.statuses.length > 0) {
        conditions.push(sql`${statusAt(now)} IN (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
      }
      if (page.after) {
        const { created_at, id } = page.after;
        conditions.push(sql`(e.created_at > ${created_at} OR (e.created_at = ${created_at} AND e.id > ${id}))`);
      }
      const rows = await readRows(
        db,
        viewQuery(now, sql.join(conditions, sql` AND `), sql` ORDER BY e.created_at, e.id LIMIT ${page.limit + 1}`),
      );
      const items = rows.slice(0, page.limit).map(toView);
      const last = items[items.length - 1];
      return { items, next: rows.length > page.limit && last ? { created_at: last.created_at, id: last.id } : null };
    },

    async remove(tenantId, id, at, event, release) {
      // With an offer to give back, it is marked released first, only if it still stands (the entry is
      // `offered` and the offer is its latest, not yet started); the time's offers to the next in line
      // follow that mark and the removal.
      const released = release
        ? q`EXISTS (SELECT 1 FROM waitlist_offers WHERE id = ${release.offerId} AND release_id = ${release.releaseId})`
        : null;
      const releaseSteps = release
        ? [
            {
              run: q`UPDATE waitlist_offers AS f SET released_at = ${at}, release_id = ${release.releaseId}
                WHERE f.id = ${release.offerId} AND f.tenant_id = ${tenantId} AND f.entry_id = ${id} AND f.released_at IS NULL
                  AND f.start_time > ${at} AND ${raw(LATEST_OFFER)}
                  AND EXISTS (SELECT 1 FROM waitlist_entries e WHERE e.id = f.entry_id AND e.status = 'offered' AND e.tenant_id = ${tenantId})`,
            },
          ]
        : [];
      const removedNow = q`EXISTS (SELECT 1 FROM outbox WHERE id = ${event.id})`;
      // The event goes first, guarded on the entry being active; the update follows the event, so both
      // happen or neither does, and a second removal writes no second event.
      const results = await runAtomic(db, [
        ...releaseSteps,
        {
          run: insertOutboxEvent(
            tenantId,
            event,
            q`EXISTS (SELECT 1 FROM waitlist_entries WHERE id = ${id} AND tenant_id = ${tenantId} AND status IN ${ACTIVE_RAW})`,
          ),
        },
        {
          run: q`UPDATE waitlist_entries SET status = 'removed', updated_at = ${at}
            WHERE id = ${id} AND tenant_id = ${tenantId} AND status IN ${ACTIVE_RAW}
              AND ${removedNow}`,
        },
        ...(release && released
          ? release.offers.flatMap((effect) => waitlistOfferSteps(effect, q`${released} AND ${removedNow}`))
          : []),
      ]);
      return results[releaseSteps.length + 1] === 1;
    },

    async upcomingOffers(tenantId, patientId, now) {
      const rows = await readRows(
        db,
        q`SELECT f.id, f.entry_id, f.source_appointment_id, e.appointment_type_id, f.provider_id, f.location_id, f.start_time, f.end_time, f.offered_at,
            e.status = 'offered' AND ${raw(LATEST_OFFER)} AS stands
          FROM waitlist_entries e JOIN waitlist_offers f ON f.entry_id = e.id AND f.tenant_id = e.tenant_id
          WHERE e.patient_id = ${patientId} AND e.status IN ${ACTIVE_RAW} AND e.tenant_id = ${tenantId} AND f.start_time > ${now}
          ORDER BY f.offered_at DESC, f.id DESC`,
      );
      return rows.map(
        (row): UpcomingOffer => ({
          id: String(row.id),
          entry_id: String(row.entry_id),
          source_appointment_id: (row.source_appointment_id as string | null) ?? null,
          appointment_type_id: String(row.appointment_type_id),
          provider_id: String(row.provider_id),
          location_id: String(row.location_id),
          start_time: String(row.start_time),
          end_time: String(row.end_time),
          offered_at: String(row.offered_at),
          stands: Number(row.stands) === 1,
        }),
      );
    },

    async returnToQueue(tenantId, patientId, offerId, at, releaseId, offers) {
      // The offer is marked given back by this change only if it still stands; the entry and the
      // offers of the time to the next in line follow that mark.
      const released = q`EXISTS (SELECT 1 FROM waitlist_offers WHERE id = ${offerId} AND release_id = ${releaseId})`;
      const [marked] = await runAtomic(db, [
        {
          run: q`UPDATE waitlist_offers AS f SET released_at = ${at}, release_id = ${releaseId}
            WHERE f.id = ${offerId} AND f.tenant_id = ${tenantId} AND f.released_at IS NULL AND f.start_time > ${at}
              AND ${raw(LATEST_OFFER)}
              AND EXISTS (SELECT 1 FROM waitlist_entries e WHERE e.id = f.entry_id AND e.patient_id = ${patientId}
                AND e.status = 'offered' AND e.tenant_id = ${tenantId})`,
        },
        {
          run: q`UPDATE waitlist_entries SET status = 'waiting', updated_at = ${at}
            WHERE id = (SELECT entry_id FROM waitlist_offers WHERE id = ${offerId}) AND status = 'offered' AND ${released}`,
        },
        ...offers.flatMap((effect) => waitlistOfferSteps(effect, released)),
      ]);
      return marked === 1;
    },

    async freedTimeContext(tenantId, appointment, limit, now) {
      const [refs] = await readRows(
        db,
        q`SELECT
          (SELECT json_object('name', name, 'is_active', is_active, 'buffer', buffer_between_appointments_minutes,
              'maxConcurrent', max_concurrent_appointments, 'maxDaily', max_daily_appointments) FROM providers
            WHERE id = ${appointment.provider_profile_id} AND tenant_id = ${tenantId}) AS provider,
          (SELECT json_object('name', name, 'timezone', timezone, 'is_active', is_active) FROM locations
            WHERE id = ${appointment.location_id} AND tenant_id = ${tenantId}) AS location,
          (SELECT is_active FROM appointment_types WHERE id = ${appointment.appointment_type_id} AND tenant_id = ${tenantId}) AS type_active`,
      );
      const provider = refs?.provider
        ? (JSON.parse(String(refs.provider)) as { name: string | null; is_active: number; buffer: number; maxConcurrent: number; maxDaily: number | null })
        : null;
      const location = refs?.location
        ? (JSON.parse(String(refs.location)) as { name: string; timezone: string; is_active: number })
        : null;
      const rows = await readRows(
        db,
        sql`SELECT e.*, ${statusAt(now)} AS status_now, p.name AS patient_name, p.preferred_channel AS patient_channel
          FROM waitlist_entries e JOIN patients p ON p.id = e.patient_id AND p.tenant_id = e.tenant_id
          WHERE e.tenant_id = ${tenantId} AND (e.status = 'waiting' OR ${lapsedOffer('e', now)}) AND p.is_active = 1
            AND e.appointment_type_id = ${appointment.appointment_type_id}
            AND e.patient_id <> ${appointment.patient_id}
            AND NOT EXISTS (SELECT 1 FROM appointments s WHERE s.id = ${appointment.id} AND s.patient_id = e.patient_id)
            AND NOT EXISTS (SELECT 1 FROM waitlist_offers x WHERE x.entry_id = e.id
              AND x.provider_id = ${appointment.provider_profile_id} AND x.start_time = ${appointment.start_time})
            AND (e.provider_id = ${appointment.provider_profile_id}
              OR (e.provider_id IS NULL AND e.specialty IS NOT NULL AND EXISTS (
                SELECT 1 FROM providers pr, json_each(pr.specialty_keys) s
                WHERE pr.id = ${appointment.provider_profile_id} AND pr.tenant_id = ${tenantId}
                  AND s.value = e.specialty_key)))
            AND NOT EXISTS (SELECT 1 FROM appointments a
              WHERE a.tenant_id = e.tenant_id AND a.patient_id = e.patient_id AND a.status IN ${APPOINTMENT_ACTIVE_SQL}
                AND a.start_time < ${appointment.end_time} AND a.end_time > ${appointment.start_time})
          ORDER BY e.priority DESC, e.created_at, e.id
          LIMIT ${limit}`,
      );
      const candidates: WaitlistCandidate[] = rows.map((row) => ({
        entry: { ...toEntry(row), status: row.status_now as WaitlistStatus },
        patient: { name: String(row.patient_name), preferred_channel: (row.patient_channel as PatientChannel | null) ?? null },
      }));
      return {
        provider: provider ? { ...provider, is_active: Number(provider.is_active) === 1 } : null,
        location: location ? { name: location.name, timezone: location.timezone, is_active: Number(location.is_active) === 1 } : null,
        appointmentTypeActive: Number(refs?.type_active) === 1,
        candidates,
      };
    },
  };
}
