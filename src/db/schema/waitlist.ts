import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foldRawText } from '../fold';
import { tenants } from './tenants';
import { patients } from './patients';
import { appointmentTypes } from './appointment-types';
import { providers } from './providers';
import { locations } from './locations';
import { OUTBOUND_MESSAGE_STATUSES, WAITLIST_STATUSES } from '../../core/model';


/** A patient waiting for a time with a provider (or any provider of a specialty). */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    appointment_type_id: text('appointment_type_id')
      .notNull()
      .references(() => appointmentTypes.id),
    provider_id: text('provider_id').references(() => providers.id),
    specialty: text('specialty'),
    /** `specialty` case- and accent-folded, computed by SQLite on read (see providers.specialty_keys) */
    specialty_key: text('specialty_key').generatedAlwaysAs(sql.raw(foldRawText('"specialty"')), { mode: 'virtual' }),
    location_id: text('location_id').references(() => locations.id),
    /** local dates of the wanted range, inclusive; null = open */
    date_from: text('date_from'),
    date_to: text('date_to'),
    /** subset of manha, tarde, noite; empty = any */
    periods: text('periods', { mode: 'json' }).$type<string[]>().notNull(),
    priority: integer('priority').notNull().default(0),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull(),
    notes: text('notes'),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    index('waitlist_tenant_order_idx').on(t.tenant_id, t.created_at, t.id),
    index('waitlist_provider_idx').on(t.provider_id, t.status),
    index('waitlist_specialty_idx').on(t.tenant_id, t.specialty, t.status),
    // a booking looks up its patient's offered entries
    index('waitlist_patient_idx').on(t.patient_id, t.status),
    // an appointment type's change re-checks the offers of its entries
    index('waitlist_type_idx').on(t.appointment_type_id, t.status),
  ],
);

/** A freed time offered to a waiting entry. */
export const waitlistOffers = sqliteTable(
  'waitlist_offers',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    entry_id: text('entry_id')
      .notNull()
      .references(() => waitlistEntries.id),
    /** the cancelled appointment whose time this is */
    source_appointment_id: text('source_appointment_id'),
    provider_id: text('provider_id').notNull(),
    location_id: text('location_id').notNull(),
    start_time: text('start_time').notNull(),
    end_time: text('end_time').notNull(),
    offered_at: text('offered_at').notNull(),
    /**
     * the location's calendar date of the start, as the provider's daily limit counts it (null on offers
     * written before migration 0010: a booking then re-checks only their time, not that day's limit)
     */
    local_date: text('local_date'),
    /**
     * the location's clock times of the start and end (HH:MM), as working hours are compared with them
     * (null on offers written before migration 0011: a change to the provider's hours does not re-check them)
     */
    local_start: text('local_start'),
    local_end: text('local_end'),
    /** when the patient gave the time back (turned it down, or could not take it); null while it stands or was used */
    released_at: text('released_at'),
    /** the change that gave it back: what the offers of the time to the next in line are guarded on */
    release_id: text('release_id'),
  },
  (t) => [
    index('waitlist_offers_entry_idx').on(t.entry_id, t.offered_at),
    // a booking looks up the offers of the time it takes
    index('waitlist_offers_time_idx').on(t.provider_id, t.start_time),
    // a location's change re-checks the offers of its times
    index('waitlist_offers_location_idx').on(t.location_id, t.start_time),
  ],
);

/**
 * Messages to patients, written with the change that causes them (a waitlist offer), or by the reminder
 * planner (a reminder the day before); the channels send them later (src/channels/patient-messages.ts).
 * A pending message is claimed by a conditional UPDATE that sets a lease (lease, locked_until), as a
 * webhook delivery is; only the holder records its outcome.
 */
export const outboundMessages = sqliteTable(
  'outbound_messages',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** whatsapp, sms, …: the patient's preferred channel when written */
    channel: text('channel'),
    /** `waitlist_offer`, `appointment_reminder` */
    kind: text('kind').notNull(),
    /** the text; a reminder's is written by the conversation when it is sent, and stored then */
    body: text('body').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    created_at: text('created_at').notNull(),
    sent_at: text('sent_at'),
    status: text('status', { enum: OUTBOUND_MESSAGE_STATUSES }).notNull().default('pending'),
    /** one message per key (`appointment_reminder:<appointment id>`): a second planner writes nothing */
    dedupe_key: text('dedupe_key'),
    /** UTC: not sent after this (a reminder's evening, an offer's start); skipped instead */
    send_before: text('send_before'),
    /** pending only: when the next try is due */
    next_attempt_at: text('next_attempt_at'),
    /** failed sends so far */
    attempts: integer('attempts').notNull().default(0),
    /** the claim holding it: a token and when it lapses */
    lease: text('lease'),
    locked_until: text('locked_until'),
    /** why it was skipped, or why the last send failed */
    last_error: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbound_messages_dedupe_uq').on(t.dedupe_key),
    // only pending rows: the claim's search stays small however long the history grows
    index('outbound_messages_due_idx').on(t.next_attempt_at).where(sql`status = 'pending'`),
    index('outbound_messages_lease_idx').on(t.lease).where(sql`lease IS NOT NULL`),
    index('outbound_messages_patient_idx').on(t.patient_id, t.created_at),
  ],
);
