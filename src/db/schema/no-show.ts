import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { patients } from './patients';
import { appointments } from './appointments';

/** Each tenant's trained no-show models, one row per version (1, 2, …); the highest version is in use. */
export const noShowModels = sqliteTable(
  'no_show_models',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    version: integer('version').notNull(),
    algorithm: text('algorithm').notNull(),
    trained_at: text('trained_at').notNull(),
    /** outcomes (completed, no_show) it was fitted on, and how many were no-shows */
    samples: integer('samples').notNull(),
    no_shows: integer('no_shows').notNull(),
    /** `cli` (model train) or `auto` (retrained when scoring found it stale) */
    trigger: text('trigger').notNull(),
    /** the fitted model: feature spec, coefficients, standardisation (src/core/no-show/model.ts) */
    model: text('model', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** the time-ordered holdout report, null when there was too little data for one */
    holdout: text('holdout', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex('no_show_models_tenant_version_uq').on(t.tenant_id, t.version)],
);

/**
 * Rows brought in by `import appointments`, by a key stable across re-imports of the same file (the
 * file's appointment id, or a hash of the patient and the start): a key already here is not imported again.
 */
export const appointmentImports = sqliteTable(
  'appointment_imports',
  {
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    import_key: text('import_key').notNull(),
    appointment_id: text('appointment_id')
      .notNull()
      .references(() => appointments.id),
    imported_at: text('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.import_key] }), index('appointment_imports_appointment_idx').on(t.appointment_id)],
);

/** A patient's id in the clinic's previous system, as history files name them. */
export const patientExternalIds = sqliteTable(
  'patient_external_ids',
  {
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    external_id: text('external_id').notNull(),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    created_at: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.external_id] })],
);
