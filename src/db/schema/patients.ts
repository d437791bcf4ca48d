import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

export const patients = sqliteTable(
  'patients',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** E.164 */
    phone: text('phone'),
    email: text('email'),
    birth_date: text('birth_date'),
    preferred_channel: text('preferred_channel'),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [
    index('patients_tenant_order_idx').on(t.tenant_id, t.created_at, t.id),
    uniqueIndex('patients_tenant_phone_uq').on(t.tenant_id, t.phone),
  ],
);
