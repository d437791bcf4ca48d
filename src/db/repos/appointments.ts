/**
 * Appointments: every write is one atomic step (src/db/atomic.ts) made of a guard report, the guarded
 * write, and the history row and outbox event guarded on the write having happened (change_id).
 */
import { and, asc, eq, gt, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { join, q, raw, type RawQuery } from '../raw-sql';
import type { AppDatabase } from '../database';
import { appointments, appointmentStatusHistory } from '../schema';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { insertOutboxEvent } from './outbox';
import { lookupById } from './prepared';
import { waitlistBookingSteps, waitlistOfferSteps } from './waitlist';
import { storeReplyStep } from './tenants';
import { ACTIVE_STATUSES, allGuards, bookingGuards, brokenRules, earliestOverlappingStart, guardReport } from '../appointment-guards';
import type { Appointment, OutboxEvent, StatusChange } from '../../core/model';
import type { AppointmentRepo, BookingPlan, StoredReply, TransitionPlan } from '../../core/ports';


type Row = typeof appointments.$inferSelect;

function toAppointment(row: Row): Appointment {
  const { tenant_id: _t, local_date: _d, change_id: _c, ...rest } = row;
  return rest;
}

function insertAppointment(plan: BookingPlan, where: RawQuery): RawQuery {
  const a = plan.appointment;
  return q`INSERT INTO appointments (id, tenant_id, provider_profile_id, patient_id, appointment_type_id, location_id,
      room_id, start_time, end_time, local_date, status, source, notes, internal_notes, external_reference, metadata,
      version, change_id, rescheduled_from_id, rescheduled_to_id, cancellation_reason, cancelled_by, created_at, updated_at)
    SELECT ${a.id}, ${plan.tenantId}, ${a.provider_profile_id}, ${a.patient_id}, ${a.appointment_type_id}, ${a.location_id},
      ${a.room_id}, ${a.start_time}, ${a.end_time}, ${plan.local.date}, ${a.status}, ${a.source}, ${a.notes},
      ${a.internal_notes}, ${a.external_reference}, ${JSON.stringify(a.metadata)}, ${a.version}, ${plan.changeId},
      ${a.rescheduled_from_id}, ${a.rescheduled_to_id}, ${a.cancellation_reason}, ${a.cancelled_by}, ${a.created_at}, ${a.updated_at}
    WHERE ${where}`;
}

function notInserted(appointmentId: string): RawQuery {
  return q`NOT EXISTS (SELECT 1 FROM appointments WHERE id = ${appointmentId})`;
}

/** Guarded on the write `changeId` having touched `appointmentId`. */
function happened(appointmentId: string, changeId: string): RawQuery {
  return q`EXISTS (SELECT 1 FROM appointments WHERE id = ${appointmentId} AND change_id = ${changeId})`;
}

function insertHistory(tenantId: string, appointmentId: string, changeId: string, h: StatusChange): RawQuery {
  return q`INSERT INTO appointment_status_history (id, tenant_id, appointment_id, from_status, to_status, changed_by, reason,
      notes, changed_at, seq)
    SELECT ${`${changeId}:${appointmentId}`}, ${tenantId}, ${appointmentId}, ${h.from_status}, ${h.to_status}, ${h.changed_by},
      ${h.reason}, ${h.notes}, ${h.changed_at},
      (SELECT coalesce(max(seq), 0) + 1 FROM appointment_status_history WHERE appointment_id = ${appointmentId})
    WHERE ${happened(appointmentId, changeId)}`;
}

/** Completes the request's Idempotency-Key claim with its response, guarded on the change having happened. */
function storeReply(tenantId: string, appointmentId: string, changeId: string, reply: StoredReply): RawQuery {
  return storeReplyStep(tenantId, reply, happened(appointmentId, changeId));
}

/**
 * A booking's follow-up writes: the history row, the event, what taking the time does to waitlist
 * offers of it and, for a request with an Idempotency-Key, its response.
 */
function bookingFollowUps(plan: BookingPlan): AtomicStep[] {
  const id = plan.appointment.id;
  const steps: AtomicStep[] = [
    { run: insertHistory(plan.tenantId, id, plan.changeId, plan.history) },
    { run: insertOutboxEvent(plan.tenantId, plan.event, happened(id, plan.changeId)) },
    ...waitlistBookingSteps(plan, happened(id, plan.changeId)),
  ];
  if (plan.reply) steps.push({ run: storeReply(plan.tenantId, id, plan.changeId, plan.reply) });
  return steps;
}

function transitionUpdate(plan: TransitionPlan, extraWhere?: RawQuery): RawQuery {
  const c = plan.changes;
  const sets: RawQuery[] = [
    q`status = ${c.status}`,
    q`version = version + 1`,
    q`change_id = ${plan.changeId}`,
    q`updated_at = ${plan.updatedAt}`,
  ];
  if (c.cancellation_reason !== undefined) sets.push(q`cancellation_reason = ${c.cancellation_reason}`);
  if (c.cancelled_by !== undefined) sets.push(q`cancelled_by = ${c.cancelled_by}`);
  if (c.rescheduled_to_id !== undefined) sets.push(q`rescheduled_to_id = ${c.rescheduled_to_id}`);
  return q`UPDATE appointments SET ${join(sets, ', ')}
    WHERE id = ${plan.id} AND tenant_id = ${plan.tenantId} AND status = ${plan.from} AND version = ${plan.version}${extraWhere ? q` AND ${extraWhere}` : raw('')}`;
}

function transitionSteps(plan: TransitionPlan): AtomicStep[] {
  const steps: AtomicStep[] = [{ run: insertHistory(plan.tenantId, plan.id, plan.changeId, plan.history) }];
  if (plan.event) steps.push({ run: insertOutboxEvent(plan.tenantId, plan.event, happened(plan.id, plan.changeId)) });
  for (const effect of plan.sideEffects ?? []) {
    if (effect.kind === 'waitlist_offer') steps.push(...waitlistOfferSteps(effect, happened(plan.id, plan.changeId)));
  }
  if (plan.reply) steps.push({ run: storeReply(plan.tenantId, plan.id, plan.changeId, plan.reply) });
  return steps;
}

export function appointmentRepo(db: AppDatabase): AppointmentRepo {
  const byId = lookupById<Row>(db, appointments);
  return {
    async patientBusyTimes(tenantId, patientId, from, to) {
      const rows = await readRows(
        db,
        q`SELECT id, start_time, end_time FROM appointments WHERE patient_id = ${patientId} AND tenant_id = ${tenantId}
          AND status IN ${ACTIVE_STATUSES} AND start_time > ${earliestOverlappingStart(from)} AND start_time < ${to} AND end_time > ${from}`,
      );
      return rows.map((r) => ({ id: String(r.id), start_time: String(r.start_time), end_time: String(r.end_time) }));
    },
    async bookingContext(tenantId, refs) {
      const [row] = await readRows(
        db,
        q`SELECT
          (SELECT json_object('buffer', buffer_between_appointments_minutes, 'maxConcurrent', max_concurrent_appointments,
              'maxDaily', max_daily_appointments)
            FROM providers WHERE id = ${refs.provider} AND tenant_id = ${tenantId}) AS provider,
          EXISTS (SELECT 1 FROM patients WHERE id = ${refs.patient} AND tenant_id = ${tenantId}) AS patient,
          EXISTS (SELECT 1 FROM appointment_types WHERE id = ${refs.type} AND tenant_id = ${tenantId}) AS appointment_type,
          (SELECT json_object('timezone', l.timezone, 'roomIds',
              (SELECT json_group_array(r.id) FROM rooms r WHERE r.location_id = l.id AND r.is_active = 1))
            FROM locations l WHERE l.id = ${refs.location} AND l.tenant_id = ${tenantId}) AS location`,
      );
      return {
        provider: row?.provider ? JSON.parse(String(row.provider)) : null,
        patient: Number(row?.patient) === 1,
        appointmentType: Number(row?.appointment_type) === 1,
        location: row?.location ? JSON.parse(String(row.location)) : null,
      };
    },

    async create(plan) {
      const guards = bookingGuards(plan);
      const id = plan.appointment.id;
      // The report runs last, in the same step, and only when the insert did not happen: it then sees
      // exactly the state the insert was refused on.
      const results = await runAtomic(db, [
        { run: insertAppointment(plan, allGuards(guards)) },
        ...bookingFollowUps(plan),
        { all: guardReport(guards, notInserted(id)) },
      ]);
      if (results[0] === 1) return { ok: true };
      return { ok: false, broken: brokenRules((results[results.length - 1] as Record<string, unknown>[])[0], guards) };
    },

    async get(tenantId, id) {
      const row = await byId(tenantId, id);
      return row ? toAppointment(row) : null;
    },

    async history(tenantId, id) {
      return db
        .select({
          from_status: appointmentStatusHistory.from_status,
          to_status: appointmentStatusHistory.to_status,
          changed_by: appointmentStatusHistory.changed_by,
          reason: appointmentStatusHistory.reason,
          notes: appointmentStatusHistory.notes,
          changed_at: appointmentStatusHistory.changed_at,
        })
        .from(appointmentStatusHistory)
        .where(and(eq(appointmentStatusHistory.tenant_id, tenantId), eq(appointmentStatusHistory.appointment_id, id)))
        .orderBy(asc(appointmentStatusHistory.seq)) as Promise<StatusChange[]>;
    },

    // Ordered by (start_time, id); the list position's `created_at` carries the start_time. A page is a
    // range of the tenant's (start_time, id) index; with a provider or a patient, of theirs (the `+` keeps
    // the planner, which may have no statistics, from scanning the tenant's whole book for a few rows).
    async list(tenantId, filter, page) {
      const byOwner = Boolean(filter.provider_id || filter.patient_id);
      const rows = await db
        .select()
        .from(appointments)
        .where(
          and(
            byOwner ? sql`+${appointments.tenant_id} = ${tenantId}` : eq(appointments.tenant_id, tenantId),
            filter.provider_id ? eq(appointments.provider_profile_id, filter.provider_id) : undefined,
            filter.patient_id ? eq(appointments.patient_id, filter.patient_id) : undefined,
            filter.location_id ? eq(appointments.location_id, filter.location_id) : undefined,
            filter.statuses?.length ? inArray(appointments.status, filter.statuses) : undefined,
            filter.date_from ? gte(appointments.local_date, filter.date_from) : undefined,
            filter.date_to ? lte(appointments.local_date, filter.date_to) : undefined,
            page.after
              ? or(
                  gt(appointments.start_time, page.after.created_at),
                  and(eq(appointments.start_time, page.after.created_at), gt(appointments.id, page.after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(appointments.start_time), asc(appointments.id))
        .limit(page.limit + 1);
      const items = rows.slice(0, page.limit).map(toAppointment);
      const last = items[items.length - 1];
      return { items, next: rows.length > page.limit && last ? { created_at: last.start_time, id: last.id } : null };
    },

    async transition(plan) {
      const [updated] = await runAtomic(db, [{ run: transitionUpdate(plan) }, ...transitionSteps(plan)]);
      return updated === 1;
    },

    async update(plan) {
      const c = plan.changes;
      const sets: RawQuery[] = [q`version = version + 1`, q`change_id = ${plan.changeId}`, q`updated_at = ${plan.updatedAt}`];
      if (c.notes !== undefined) sets.push(q`notes = ${c.notes}`);
      if (c.internal_notes !== undefined) sets.push(q`internal_notes = ${c.internal_notes}`);
      if (c.external_reference !== undefined) sets.push(q`external_reference = ${c.external_reference}`);
      if (c.metadata !== undefined) sets.push(q`metadata = ${JSON.stringify(c.metadata)}`);
      if (c.room_id !== undefined) sets.push(q`room_id = ${c.room_id}`);
      const fresh = q`EXISTS (SELECT 1 FROM appointments WHERE id = ${plan.id} AND tenant_id = ${plan.tenantId} AND version = ${plan.version})`;
      const r = plan.room;
      const roomOk = r
        ? q`EXISTS (SELECT 1 FROM rooms WHERE id = ${r.id} AND location_id = ${r.locationId} AND tenant_id = ${plan.tenantId} AND is_active = 1)`
        : q`1`;
      const roomFree = r
        ? q`NOT EXISTS (SELECT 1 FROM appointments e WHERE e.room_id = ${r.id} AND e.status IN ${ACTIVE_STATUSES} AND e.id <> ${plan.id}
            AND e.start_time < ${r.end} AND e.end_time > ${r.start})`
        : q`1`;
      const [report, updated] = await runAtomic(db, [
        {
          all: q`SELECT CASE WHEN ${fresh} THEN 1 ELSE 0 END AS fresh, CASE WHEN ${roomOk} THEN 1 ELSE 0 END AS room_ok,
            CASE WHEN ${roomFree} THEN 1 ELSE 0 END AS room_free`,
        },
        {
          run: q`UPDATE appointments SET ${join(sets, ', ')}
            WHERE id = ${plan.id} AND tenant_id = ${plan.tenantId} AND version = ${plan.version} AND ${roomOk} AND ${roomFree}`,
        },
      ]);
      if (updated === 1) return { ok: true };
      const row = (report as Record<string, unknown>[])[0] ?? {};
      const broken: Array<'stale_version' | 'room_unavailable' | 'room_taken'> = [];
      if (Number(row.fresh) !== 1) broken.push('stale_version');
      if (Number(row.room_ok) !== 1) broken.push('room_unavailable');
      if (Number(row.room_free) !== 1) broken.push('room_taken');
      return { ok: false, broken };
    },

    async reschedule(old, booking) {
      const guards = bookingGuards(booking, old.id);
      const [report, cancelled, inserted] = await runAtomic(db, [
        { all: guardReport(guards, q`1`) },
        { run: transitionUpdate(old, allGuards(guards)) },
        { run: insertAppointment(booking, happened(old.id, old.changeId)) },
        ...transitionSteps({ ...old, event: null }),
        ...bookingFollowUps(booking),
      ]);
      if (cancelled === 1 && inserted === 1) return { ok: true };
      const broken = brokenRules((report as Record<string, unknown>[])[0], guards);
      if (broken.length === 0) return { ok: false, broken: [], stale: true };
      return { ok: false, broken };
    },
  };
}
