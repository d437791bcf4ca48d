import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { locations, rooms } from './locations';
import { providers } from './providers';
import { patients } from './patients';
import { appointmentTypes } from './appointment-types';
import { APPOINTMENT_STATUSES } from '../../core/model';


export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    provider_profile_id: text('provider_profile_id')
      .notNull()
      .references(() => providers.id),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    appointment_type_id: text('appointment_type_id')
      .notNull()
      .references(() => appointmentTypes.id),
    location_id: text('location_id')
      .notNull()
      .references(() => locations.id),
    room_id: text('room_id').references(() => rooms.id),
    /** UTC instants, RFC 3339 with Z and milliseconds: they compare correctly as text */
    start_time: text('start_time').notNull(),
    end_time: text('end_time').notNull(),
    /** the location's calendar date of start_time, for the daily limit */
    local_date: text('local_date').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull(),
    source: text('source').notNull(),
    notes: text('notes'),
    internal_notes: text('internal_notes'),
    external_reference: text('external_reference'),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull(),
    /** id of the last write, so that statements batched after it can tell whether it happened */
    change_id: text('change_id').notNull(),
    rescheduled_from_id: text('rescheduled_from_id'),
    rescheduled_to_id: text('rescheduled_to_id'),
    cancellation_reason: text('cancellation_reason'),
    cancelled_by: text('cancelled_by'),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    /** the list's order: a page is a range of this index, not a sort of the tenant's whole book */
    index('appointments_tenant_time_idx').on(t.tenant_id, t.start_time, t.id),
    index('appointments_provider_time_idx').on(t.provider_profile_id, t.start_time),
    index('appointments_patient_time_idx').on(t.patient_id, t.start_time),
    index('appointments_room_time_idx').on(t.room_id, t.start_time),
    index('appointments_provider_day_idx').on(t.provider_profile_id, t.local_date),
    /** a tenant's day (no-show daily risks) and its outcomes (no-show training) */
    index('appointments_tenant_day_idx').on(t.tenant_id, t.local_date),
    index('appointments_tenant_status_idx').on(t.tenant_id, t.status),
  ],
);

export const appointmentStatusHistory = sqliteTable(
  'appointment_status_history',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appointment_id: text('appointment_id')
      .notNull()
      .references(() => appointments.id),
    from_status: text('from_status'),
    to_status: text('to_status').notNull(),
    changed_by: text('changed_by'),
    reason: text('reason'),
    notes: text('notes'),
    changed_at: text('changed_at').notNull(),
    /**
     * the change's place in the appointment's history (1, 2, …, each written as the previous maximum + 1
     * in the change's own step): the history's order, whatever the clocks of the processes that wrote it said
     */
    seq: integer('seq').notNull(),
  },
  (t) => [index('history_appointment_idx').on(t.appointment_id, t.changed_at, t.seq)],
);

/**
 * Events written in the same atomic step as the change that caused them (ARCHITECTURE.md,
 * convention 7); the webhook worker delivers them later.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    event_type: text('event_type').notNull(),
    aggregate_id: text('aggregate_id').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    created_at: text('created_at').notNull(),
    /** set once the event has been fanned out to its subscriptions */
    dispatched_at: text('dispatched_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.dispatched_at, t.created_at)],
);
