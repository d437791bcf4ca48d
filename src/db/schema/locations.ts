import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';

export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    address: text('address'),
    timezone: text('timezone').notNull(),
    /** minutes to travel to other locations: `{"<location id>": minutes}`; unnamed pairs default to 30 */
    travel_minutes: text('travel_minutes', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [index('locations_tenant_order_idx').on(t.tenant_id, t.created_at, t.id)],
);

export const rooms = sqliteTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    location_id: text('location_id')
      .notNull()
      .references(() => locations.id),
    name: text('name').notNull(),
    /** rooms dropped from a location's list stay for the appointments that name them */
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull(),
  },
  (t) => [index('rooms_location_idx').on(t.location_id, t.position)],
);
