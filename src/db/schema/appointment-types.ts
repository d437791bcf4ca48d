import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

export const appointmentTypes = sqliteTable(
  'appointment_types',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    duration_minutes: integer('duration_minutes').notNull(),
    specialty: text('specialty'),
    /** pt-BR words the language layer maps to this type */
    synonyms: text('synonyms', { mode: 'json' }).$type<string[]>().notNull(),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [index('appointment_types_tenant_order_idx').on(t.tenant_id, t.created_at, t.id)],
);
