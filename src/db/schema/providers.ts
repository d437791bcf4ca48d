import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foldRawText } from '../fold';
import { tenants } from './tenants';
import { locations } from './locations';

/** A provider profile: one doctor's scheduling settings within a tenant. */
export const providers = sqliteTable(
  'providers',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    doctor_id: text('doctor_id').notNull(),
    name: text('name'),
    default_appointment_duration_minutes: integer('default_appointment_duration_minutes').notNull(),
    buffer_between_appointments_minutes: integer('buffer_between_appointments_minutes').notNull(),
    max_daily_appointments: integer('max_daily_appointments'),
    max_concurrent_appointments: integer('max_concurrent_appointments').notNull(),
    primary_location_id: text('primary_location_id').references(() => locations.id),
    specialties: text('specialties', { mode: 'json' }).$type<string[]>().notNull(),
    /**
     * `specialties` case- and accent-folded (src/db/fold.ts), computed by SQLite on read: statements
     * match specialties against it without a ~50-deep replace() chain of their own, which D1 (expression
     * depth 100) refuses inside a guard.
     */
    specialty_keys: text('specialty_keys', { mode: 'json' })
      .$type<string[]>()
      .generatedAlwaysAs(sql.raw(foldRawText('"specialties"')), { mode: 'virtual' }),
    is_accepting_new_patients: integer('is_accepting_new_patients', { mode: 'boolean' }).notNull(),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    index('providers_tenant_order_idx').on(t.tenant_id, t.created_at, t.id),
    uniqueIndex('providers_tenant_doctor_uq').on(t.tenant_id, t.doctor_id),
  ],
);

/** A weekly working window at one location, in the location's local time. */
export const scheduleTemplates = sqliteTable(
  'schedule_templates',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    provider_id: text('provider_id')
      .notNull()
      .references(() => providers.id),
    /** 0 = Sunday … 6 = Saturday */
    day_of_week: integer('day_of_week').notNull(),
    start_time: text('start_time').notNull(),
    end_time: text('end_time').notNull(),
    location_id: text('location_id')
      .notNull()
      .references(() => locations.id),
    slot_interval_minutes: integer('slot_interval_minutes'),
    effective_from: text('effective_from'),
    effective_until: text('effective_until'),
    appointment_type_ids: text('appointment_type_ids', { mode: 'json' }).$type<string[]>().notNull(),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [index('templates_provider_idx').on(t.provider_id, t.day_of_week)],
);

/** A change to one date: `blocked` (whole day or hours), `modified` (that day's hours), `added`. */
export const scheduleOverrides = sqliteTable(
  'schedule_overrides',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    provider_id: text('provider_id')
      .notNull()
      .references(() => providers.id),
    date: text('date').notNull(),
    type: text('type', { enum: ['blocked', 'modified', 'added'] }).notNull(),
    start_time: text('start_time'),
    end_time: text('end_time'),
    location_id: text('location_id').references(() => locations.id),
    reason: text('reason'),
    created_at: text('created_at').notNull(),
  },
  (t) => [index('overrides_provider_date_idx').on(t.provider_id, t.date)],
);
